"""Judge a submission: run it in the sandbox, compare, measure, lint; a bounded pool.

`CodeRunner` is the one object the rest of the application uses. It owns the problem bank,
the worker pool (each run in a sandbox under a uid of its own) and a bounded queue: when
every worker is busy and the queue is full, a run is refused with a message that says so,
instead of piling up behind the interview turns of other candidates.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from interviewer.coding import sandbox
from interviewer.coding.complexity import Measurement, measure
from interviewer.coding.schema import Case, Compare, Problem
from interviewer.errors import UserError

MAX_CODE_CHARS = 20_000
RUN_LIMITS = sandbox.Limits(wall_s=6.0, cpu_s=5)
SUBMIT_LIMITS = sandbox.Limits(wall_s=12.0, cpu_s=10)
Kind = Literal["run", "submit"]
Status = Literal["passed", "failed", "error", "timeout", "unavailable"]


class ProblemError(UserError):
    """A problem file is invalid, or a problem id is unknown."""


class CaseResult(BaseModel):
    name: str
    visible: bool
    passed: bool
    input: str = Field(default="", description="The arguments, as the candidate would write them.")
    expected: str = ""
    got: str = ""
    error: str = ""
    seconds: float | None = None


class Finding(BaseModel):
    code: str
    message: str
    line: int | None = None


class Verdict(BaseModel):
    """What one Run or Submit found, in the form the UI, the brains and the CLI share."""

    problem_id: str
    kind: Kind
    status: Status
    passed: int = 0
    total: int = 0
    visible_passed: int = 0
    visible_total: int = 0
    cases: list[CaseResult] = Field(default_factory=list)
    first_failure: CaseResult | None = None
    error: str = Field(default="", description="Why the code did not run to the end.")
    output: str = Field(default="", description="What the code printed (capped).")
    complexity: Measurement | None = None
    findings: list[Finding] = Field(default_factory=list)
    sandbox_s: float = 0.0

    def summary(self) -> str:
        """One line for the chat, the transcript and the brains."""
        if self.status == "unavailable":
            return self.error
        parts = [f"{self.passed}/{self.total} tests passed"]
        if self.first_failure:
            failure = self.first_failure
            where = "example" if failure.visible else "hidden test"
            parts.append(f"first failing {where}: {failure.name}")
        if self.error:
            parts.append(self.error)
        if self.complexity and self.complexity.message:
            parts.append(self.complexity.message)
        if self.findings:
            parts.append(f"{len(self.findings)} lint finding(s)")
        return "; ".join(parts)


def load_problems(directory: Path) -> dict[str, Problem]:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ProblemError(f"{directory}: no coding problems (*.yaml) found")
    problems: dict[str, Problem] = {}
    for path in files:
        try:
            problem = Problem.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (ValidationError, yaml.YAMLError) as error:
            raise ProblemError(f"{path.name}: {error}") from error
        if problem.id != path.stem:
            raise ProblemError(f"{path.name}: id {problem.id!r} must match the file name")
        problems[problem.id] = problem
    return problems


def _render_args(args: list[Any]) -> str:
    return ", ".join(json.dumps(arg) for arg in args)[:300]


def _same(got: Any, expected: Any, compare: Compare) -> bool:
    if compare == Compare.float:
        return _close(got, expected)
    return bool(got == _normal(expected, compare))


def _close(got: Any, expected: Any) -> bool:
    if isinstance(expected, list):
        return (
            isinstance(got, list)
            and len(got) == len(expected)
            and all(_close(g, e) for g, e in zip(got, expected, strict=True))
        )
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return abs(got - expected) <= 1e-6 * max(1.0, abs(expected))
    return bool(got == expected)


def _normal(value: Any, compare: Compare) -> Any:
    """The same normal form the harness reports (order dropped where it does not count)."""
    key = lambda item: json.dumps(item, sort_keys=True)  # noqa: E731
    value = json.loads(json.dumps(value))
    if compare == Compare.unordered and isinstance(value, list):
        return sorted(value, key=key)
    if compare == Compare.nested_unordered and isinstance(value, list):
        inner = [sorted(item, key=key) if isinstance(item, list) else item for item in value]
        return sorted(inner, key=key)
    return value


def ruff_findings(code: str, prelude: str = "", timeout_s: float = 5.0) -> list[Finding]:
    """Ruff's findings on the submission (it parses, never runs, the code). The prelude's
    classes are known to the code, so it is linted in front of it, and its own lines are
    left out."""
    offset = len(prelude.splitlines()) if prelude.strip() else 0
    source = f"{prelude}\n{code}" if offset else code
    offset += 1 if offset else 0
    ruff = Path(sys.executable).with_name("ruff")
    binary = str(ruff) if ruff.exists() else shutil.which("ruff")
    if binary is None:
        return [Finding(code="none", message="ruff is not installed: no code-quality findings")]
    command = [binary, "check", "--isolated", "--no-cache", "--output-format", "json"]
    command += ["--select", "E,F,W,B,SIM,C4,PERF,UP,N", "--ignore", "E501,N802,N803,N806"]
    command += ["--target-version", "py311", "--stdin-filename", "solution.py", "-"]
    try:
        done = subprocess.run(
            command, input=source, capture_output=True, text=True, timeout=timeout_s, check=False
        )
        items = json.loads(done.stdout or "[]")
    except (subprocess.TimeoutExpired, ValueError, OSError) as error:
        return [Finding(code="none", message=f"ruff did not finish: {error}")]
    findings = []
    for item in items:
        row = (item.get("location") or {}).get("row")
        if isinstance(row, int) and row <= offset:
            continue
        findings.append(
            Finding(
                code=str(item.get("code") or "syntax"),
                message=str(item.get("message", ""))[:200],
                line=row - offset if isinstance(row, int) else None,
            )
        )
    return findings[:20]


class CodeRunner:
    def __init__(
        self, problems: dict[str, Problem], *, workers: int = 2, queue_limit: int = 18
    ) -> None:
        self.problems = problems
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sandbox")
        self._admitted = threading.BoundedSemaphore(workers + queue_limit)
        self._oracle: dict[str, dict[str, str]] = {}
        self._oracle_locks = {problem_id: threading.Lock() for problem_id in problems}

    def problem(self, problem_id: str) -> Problem:
        try:
            return self.problems[problem_id]
        except KeyError:
            raise ProblemError(f"no coding problem with id {problem_id!r}") from None

    def unavailable(self) -> str:
        """'' when code can run here, else the reason the round shows."""
        return sandbox.probe()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # ----- the one entry point --------------------------------------------------------
    def judge(self, problem_id: str, code: str, kind: Kind = "submit") -> Verdict:
        problem = self.problem(problem_id)
        if len(code) > MAX_CODE_CHARS:
            raise UserError(
                f"the code is {len(code):,} characters; the limit is {MAX_CODE_CHARS:,}"
            )
        reason = self.unavailable()
        if reason:
            return Verdict(problem_id=problem_id, kind=kind, status="unavailable", error=reason)
        if not self._admitted.acquire(blocking=False):
            raise UserError(
                "the code runner is busy with other candidates' submissions; "
                "try again in a few seconds (nothing was lost)"
            )
        try:
            return self._pool.submit(self._judge, problem, code, kind).result()
        finally:
            self._admitted.release()

    # ----- inside a worker --------------------------------------------------------------
    def _sandboxed(self, job: dict[str, Any], limits: sandbox.Limits) -> sandbox.RawRun:
        return sandbox.run_job(job, limits)

    def _job(
        self, problem: Problem, code: str, cases: Iterable[tuple[str, Case]]
    ) -> dict[str, Any]:
        return {
            "mode": "function",
            "code": code,
            "prelude": problem.prelude,
            "function": problem.function,
            "hooks": list(problem.hooks),
            "generator": problem.generator,
            "compare": problem.compare.value,
            "cases": [{"id": case_id, "args": case.args} for case_id, case in cases],
        }

    def _expected_digests(self, problem: Problem) -> dict[str, str]:
        """The reference solution's digests for the generated tests (run once per problem
        and process, cached; a second submission waits for the first's run)."""
        if not problem.large_tests:
            return {}
        with self._oracle_locks[problem.id]:
            return self._oracle.get(problem.id) or self._reference_digests(problem)

    def _reference_digests(self, problem: Problem) -> dict[str, str]:
        job = self._job(problem, problem.reference, [])
        job["generated"] = [
            {"id": f"large:{index}", "n": case.n, "seed": case.seed}
            for index, case in enumerate(problem.large_tests)
        ]
        job["audit"] = False  # our own reference code
        run = self._sandboxed(job, SUBMIT_LIMITS)
        digests = {
            event["id"]: event["digest"]
            for event in run.events
            if event.get("event") == "case" and "digest" in event
        }
        if len(digests) != len(problem.large_tests):
            raise ProblemError(f"{problem.id}: the reference solution failed its large tests")
        self._oracle[problem.id] = digests
        return digests

    def _judge(self, problem: Problem, code: str, kind: Kind) -> Verdict:
        visible = [(f"example:{i}", case) for i, case in enumerate(problem.examples)]
        hidden = (
            [(f"test:{i}", case) for i, case in enumerate(problem.tests)]
            if kind == "submit"
            else []
        )
        job = self._job(problem, code, visible + hidden)
        expected_large: dict[str, str] = {}
        if kind == "submit":
            expected_large = self._expected_digests(problem)
            job["generated"] = [
                {"id": f"large:{i}", "n": case.n, "seed": case.seed}
                for i, case in enumerate(problem.large_tests)
            ]
            job["timing"] = {"sizes": problem.sizes, "seed": 1, "budget_s": 4.0, "max_call_s": 0.5}
        limits = SUBMIT_LIMITS if kind == "submit" else RUN_LIMITS
        run = self._sandboxed(job, limits)
        verdict = self._verdict(problem, kind, run, dict(visible + hidden), expected_large)
        verdict.findings = ruff_findings(code, problem.prelude)
        return verdict

    def _verdict(
        self,
        problem: Problem,
        kind: Kind,
        run: sandbox.RawRun,
        cases: dict[str, Case],
        expected_large: dict[str, str],
    ) -> Verdict:
        verdict = Verdict(problem_id=problem.id, kind=kind, status="passed", sandbox_s=run.wall_s)
        verdict.output = run.output
        reported: dict[str, dict[str, Any]] = {}
        timings: list[tuple[int, float]] = []
        running = ""
        for event in run.events:
            name = event.get("event")
            if name == "start":
                running = str(event.get("id", ""))
            elif name == "compile_error":
                error = event.get("error") or {}
                verdict.status = "error"
                missing = "does not define a function" in str(error.get("message", ""))
                lead = "" if missing else "the code failed while loading: "
                if error.get("type") == "SyntaxError":
                    lead = "the code did not compile: "
                verdict.error = lead + _describe_error(error)
            elif name == "case":
                reported[str(event["id"])] = event
                running = ""
            elif name == "timing" and "seconds" in event:
                timings.append((int(event["n"]), float(event["seconds"])))
                running = ""
        large_names = {
            f"large:{i}": case.name
            for i, case in enumerate(problem.large_tests)
            if kind == "submit"
        }
        all_ids = list(cases) + list(large_names)
        verdict.total = len(all_ids)
        for case_id in all_ids:
            result = self._case_result(
                problem, case_id, cases, large_names, reported, expected_large
            )
            verdict.cases.append(result)
            verdict.passed += result.passed
            if result.visible:
                verdict.visible_total += 1
                verdict.visible_passed += result.passed
            if not result.passed and verdict.first_failure is None and case_id in reported:
                verdict.first_failure = result
        tests_done = len(reported) == len(all_ids)
        if verdict.status != "error" and not run.finished and tests_done:
            verdict.error = f"the timing run was stopped ({run.killed_for or 'it ended early'})"
            verdict.status = "passed" if verdict.passed == verdict.total else "failed"
        elif verdict.status != "error" and not run.finished:
            verdict.status = "timeout" if run.timed_out or "CPU" in run.killed_for else "error"
            where = _where(running, cases, large_names)
            verdict.error = f"the run was stopped ({run.killed_for or 'it ended early'})" + (
                f" while running {where}" if where else ""
            )
            if run.stderr_tail:
                verdict.error += f"; {run.stderr_tail}"
        elif verdict.status != "error" and verdict.passed < verdict.total:
            verdict.status = "failed"
        compiled = verdict.status != "error" or bool(reported)
        if compiled and verdict.first_failure is None and verdict.passed < verdict.total:
            verdict.first_failure = next((c for c in verdict.cases if not c.passed), None)
        if kind == "submit" and compiled:
            verdict.complexity = measure(timings, problem.complexity)
            if verdict.status != "passed" and timings:
                verdict.complexity.message += " (measured although some tests failed)"
        return verdict

    def _case_result(
        self,
        problem: Problem,
        case_id: str,
        cases: dict[str, Case],
        large_names: dict[str, str],
        reported: dict[str, dict[str, Any]],
        expected_large: dict[str, str],
    ) -> CaseResult:
        event = reported.get(case_id)
        if case_id in large_names:
            result = CaseResult(name=large_names[case_id], visible=False, passed=False)
            result.input = "(a generated large input)"
            if event is not None and "digest" in event:
                result.passed = event["digest"] == expected_large.get(case_id)
                result.got = str(event.get("preview", ""))[:300]
                result.seconds = event.get("seconds")
        else:
            case = cases[case_id]
            visible = case_id.startswith("example:")
            label = case.name or f"example {int(case_id.split(':')[1]) + 1}"
            result = CaseResult(name=label, visible=visible, passed=False)
            result.input = _render_args(case.args)
            result.expected = json.dumps(case.expected)[:300]
            if event is not None and "digest" in event:
                got = event.get("value")
                result.passed = got is not None and _same(got, case.expected, problem.compare)
                result.got = str(event.get("preview", ""))[:300]
                result.seconds = event.get("seconds")
        if event is None:
            result.error = "not run (the run stopped before it)"
        elif "error" in event:
            result.error = _describe_error(event["error"])
        return result


def _describe_error(error: dict[str, Any]) -> str:
    line = error.get("line")
    where = f" (line {line})" if line else ""
    return f"{error.get('message') or error.get('type', 'error')}{where}"[:600]


def _where(running: str, cases: dict[str, Case], large_names: dict[str, str]) -> str:
    if running.startswith("timing:"):
        return f"the timing run at n = {running.split(':')[1]}"
    if running in large_names:
        return f"the hidden test '{large_names[running]}'"
    if running in cases:
        case = cases[running]
        if running.startswith("example:"):
            return f"example {int(running.split(':')[1]) + 1}"
        return f"the hidden test '{case.name or running}'"
    return ""
