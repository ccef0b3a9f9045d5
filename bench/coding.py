"""Coding-round benchmarks: what the sandbox costs per run, how often the complexity
classifier gets the bank's own solutions right, and whether 20 submissions at once slow
down other candidates' interview turns.

`measure()` returns the figures and prints nothing; `bench/run.py` prints the table.
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.common import bench_settings, stats
from interviewer import tokens
from interviewer.coding import sandbox
from interviewer.coding.runner import CodeRunner, Verdict
from interviewer.config import Settings
from interviewer.errors import UserError
from interviewer.evals.persona_suite import answer_for
from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.wiring import build_engine, code_runner

TRIVIAL_TWO_SUM = "def two_sum(nums, target):\n    return [0, 1]\n"
QUADRATIC_TWO_SUM = (
    "def two_sum(nums, target):\n"
    "    for i in range(len(nums)):\n"
    "        for j in range(i + 1, len(nums)):\n"
    "            if nums[i] + nums[j] == target:\n"
    "                return [i, j]\n"
    "    return []\n"
)
EXPECT = {"reference": "as expected", "slow": "slower than expected"}


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def sandbox_overhead(runner: CodeRunner, runs: int = 30) -> dict[str, Any]:
    """Start to verdict of a Run that does no work, and a bare sandboxed print('ok')."""
    runner.judge("two-sum", TRIVIAL_TWO_SUM, "run")  # warm: probe, imports, page cache
    judge_ms, inside_ms = [], []
    for _ in range(runs):
        started = time.perf_counter()
        verdict = runner.judge("two-sum", TRIVIAL_TWO_SUM, "run")
        judge_ms.append(_ms_since(started))
        inside_ms.append(verdict.sandbox_s * 1000)
        if verdict.status not in ("passed", "failed"):
            raise RuntimeError(f"the trivial run did not finish: {verdict.summary()}")
    raw_ms, drain_ms = [], []
    drain = getattr(sandbox, "_drain_slot", None)

    def timed_drain(uid: int, timeout_s: float = 2.0) -> None:
        started = time.perf_counter()
        try:
            assert drain is not None
            drain(uid, timeout_s)
        finally:
            drain_ms.append(_ms_since(started))

    # Diagnostic: the part spent waiting for the run's uid to have no process left (as
    # root only), timed by wrapping the sandbox's own function for these runs.
    if drain is not None:
        sandbox._drain_slot = timed_drain
    try:
        for _ in range(runs):
            started = time.perf_counter()
            run = sandbox.run_job({"mode": "script", "code": "print('ok')"}, sandbox.Limits())
            raw_ms.append(_ms_since(started))
            if run.output.strip() != "ok":
                raise RuntimeError(f"the sandbox did not print ok: {run.killed_for}")
    finally:
        if drain is not None:
            sandbox._drain_slot = drain
    return {
        "judge_run_ms": stats(judge_ms),
        "judge_sandbox_part_ms": stats(inside_ms),
        "raw_run_job_ms": stats(raw_ms),
        "raw_drain_wait_ms": stats(drain_ms) if drain_ms else None,
    }


def classifier_accuracy(runner: CodeRunner) -> dict[str, Any]:
    """Submit every reference and slow solution; does the timing verdict match?"""
    jobs = [(problem.id, "reference", problem.reference) for problem in runner.problems.values()]
    jobs += [(p.id, "slow", p.slow) for p in runner.problems.values() if p.slow]

    def judge(job: tuple[str, str, str]) -> tuple[str, str, Verdict | str]:
        problem_id, which, code = job
        try:
            return problem_id, which, runner.judge(problem_id, code, "submit")
        except UserError as error:
            return problem_id, which, f"{type(error).__name__}: {error}"

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(judge, jobs))
    right = {"reference": 0, "slow": 0}
    count = {"reference": 0, "slow": 0}
    wrong: list[dict[str, Any]] = []
    not_passed: list[dict[str, str]] = []
    for problem_id, which, verdict in results:
        count[which] += 1
        if isinstance(verdict, str):
            not_passed.append({"id": problem_id, "which": which, "status": verdict[:200]})
            wrong.append({"id": problem_id, "which": which, "measured": None, "slope": None})
            continue
        if verdict.status != "passed":
            not_passed.append({"id": problem_id, "which": which, "status": verdict.summary()})
        measurement = verdict.complexity
        if measurement is not None and measurement.verdict == EXPECT[which]:
            right[which] += 1
            continue
        wrong.append(
            {
                "id": problem_id,
                "which": which,
                "expected": (
                    runner.problems[problem_id].complexity
                    if which == "reference"
                    else runner.problems[problem_id].slow_complexity
                ),
                "measured": measurement.measured if measurement else None,
                "slope": measurement.slope if measurement else None,
                "verdict": measurement.verdict if measurement else "no measurement",
            }
        )
    return {
        "problems": len(runner.problems),
        "reference_accuracy": round(right["reference"] / max(count["reference"], 1), 3),
        "reference_right": f"{right['reference']}/{count['reference']}",
        "slow_accuracy": round(right["slow"] / max(count["slow"], 1), 3),
        "slow_right": f"{right['slow']}/{count['slow']}",
        "misclassified": wrong,
        "not_passed": not_passed,
    }


class _Turns:
    """Offline interview turns as `bench/engine.py` plays them: whole interviews, each from
    its own seed, so the same seeds replay the same questions and answers."""

    def __init__(self, settings: Settings) -> None:
        self.engine = build_engine(settings.model_copy(update={"model": "offline"}))

    def play(self, seeds: range, tag: str, until: threading.Event | None = None) -> list[float]:
        """Wall ms of every answered turn of one interview per seed (stop early when
        `until` is set). `tag` makes each answer's text new (no embedding cache hits)."""
        timings: list[float] = []
        for seed in seeds:
            rng = random.Random(seed)
            persona = ["average", "strong", "weak"][seed % 3]
            plan = build_plan(self.engine.kb, questions=6)
            reply = self.engine.start(f"coding-bench-{seed}", plan, seed=seed)
            while not reply.finished:
                if until is not None and until.is_set():
                    return timings
                turn = reply.current
                assert turn is not None
                answer = answer_for(persona, self.engine.kb.question(turn.question_id), rng)
                started = time.perf_counter()
                reply = self.engine.submit_answer(
                    reply.session_id, f"{answer} ({tag} case {seed}-{turn.seq})"
                )
                timings.append(_ms_since(started))
        return timings


def turns_under_load(
    settings: Settings, runner: CodeRunner, interviews: int = 12, submissions: int = 20
) -> dict[str, Any]:
    """p95 of offline turns idle, then of the same interviews (same seeds) replayed while
    `submissions` quadratic two-sums are judged at once."""
    turns = _Turns(settings)
    seeds = range(1, 1 + interviews)
    # Warm: the embedder, the first report, and every question these seeds ask (their
    # embeddings are cached per process), so idle and loaded replay the same warm work.
    turns.play(seeds, "warm")
    idle = turns.play(seeds, "idle")

    outcomes: list[str] = []
    lock = threading.Lock()
    gate = threading.Barrier(submissions + 1)
    done = threading.Event()

    def submit() -> None:
        gate.wait()
        outcome: str
        try:
            outcome = runner.judge("two-sum", QUADRATIC_TWO_SUM, "submit").status
        except UserError:
            outcome = "refused"
        with lock:
            outcomes.append(outcome)
            if len(outcomes) == submissions:
                done.set()

    threads = [threading.Thread(target=submit) for _ in range(submissions)]
    for thread in threads:
        thread.start()
    gate.wait()
    started = time.perf_counter()
    loaded = turns.play(seeds, "loaded", until=done)
    turns_s = time.perf_counter() - started
    for thread in threads:
        thread.join()
    burst_s = time.perf_counter() - started
    idle_stats, loaded_stats = stats(idle), stats(loaded) if loaded else {}
    return {
        "idle_turn_ms": idle_stats,
        "loaded_turn_ms": loaded_stats,
        "p95_loaded_over_idle": (
            round(loaded_stats["p95"] / idle_stats["p95"], 3) if loaded_stats else None
        ),
        # The replay stops when the last submission is judged: fewer loaded turns than
        # idle ones means the burst ended first (those turns were not measured).
        "loaded_turns_of_idle": f"{len(loaded)}/{len(idle)}",
        "submissions": submissions,
        "refused": outcomes.count("refused"),
        "judged": {status: outcomes.count(status) for status in sorted(set(outcomes))},
        "turns_wall_s": round(turns_s, 1),
        "burst_wall_s": round(burst_s, 1),
    }


def measure() -> dict[str, Any]:
    reason = sandbox.probe()
    if reason:
        return {"unavailable": reason}
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(Path(tmp) / "coding")
        tokens.configure(settings.resolved_assets_dir)
        ingest(settings, progress=False)
        runner = code_runner(settings)
        try:
            return {
                "workers": settings.sandbox_workers,
                "queue": settings.sandbox_queue,
                "overhead": sandbox_overhead(runner),
                "classifier": classifier_accuracy(runner),
                "load": turns_under_load(settings, runner),
            }
        finally:
            runner.close()
