"""The real app in its own process: start-up time, 50 concurrent candidates, memory."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from typing import Any

from bench.common import child_env, free_port, rss_mb, stats, wait_http

WORDS = (
    "cache queue index worker shard replica session token cookie header payload schema migration "
    "fixture signal router serializer view model template request response latency throughput timeout "
    "retry backoff transaction isolation lock deadlock partition cursor pagination offset keyset hash "
    "bucket generator iterator decorator context exception logging metric trace container image volume "
    "network pipeline artifact release rollback canary flag"
).split()


def answer(seed: int) -> str:
    """A different answer every time (the same one twice would be skipped as a repeat)."""
    rng = random.Random(seed)
    sentences = (" ".join(rng.choice(WORDS) for _ in range(9)).capitalize() + "." for _ in range(5))
    return "I worked on it. " + " ".join(sentences)


# Every simulated candidate connects from 127.0.0.1, so to the app they are one client: the
# per-client abuse limits (tests/test_security.py measures those) are opened for load tests.
LOAD_TEST_LIMITS = {
    "INTERVIEWER_EVENTS_PER_MINUTE": "1000000",
    "INTERVIEWER_EVENT_BURST": "1000000",
    "INTERVIEWER_CONCURRENT_EVENTS": "100000",
    "INTERVIEWER_SESSIONS_PER_HOUR": "1000000",
    "INTERVIEWER_QUEUE_SIZE": "100000",
}


def start_app(settings: Any, **env: str) -> tuple[subprocess.Popen[bytes], str, float]:
    env = {**LOAD_TEST_LIMITS, **env}
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "interviewer.cli", "app", "--port", str(port)],
        env=child_env(settings, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/", timeout=90)
    return process, url, time.perf_counter() - started


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def app_start(settings: Any, repeats: int = 3) -> dict[str, Any]:
    seconds = []
    for _ in range(repeats):
        process, _url, took = start_app(settings)
        seconds.append(took * 1000)
        stop(process)
    return {"start_to_first_page_ms": stats(seconds)}


def concurrent_candidates(
    settings: Any, candidates: int = 50, answers: int = 4, llm_latency_s: float = 1.0
) -> dict[str, Any]:
    """50 candidates in one app process (no proxy), the model faked by a 1 s sleep per turn."""
    process, url, _ = start_app(
        settings,
        INTERVIEWER_MODEL="scripted:fixed",
        INTERVIEWER_SCRIPTED_LATENCY_S=str(llm_latency_s),
    )
    try:
        result = drive_candidates(url, candidates, answers, llm_latency_s)
        result["app_rss_mb"], result["app_peak_rss_mb"] = rss_mb(process.pid)
    finally:
        stop(process)
    return result


def drive_candidates(
    url: str, candidates: int = 50, answers: int = 4, llm_latency_s: float = 1.0
) -> dict[str, Any]:
    """Candidates against the app at `url` (one process, or a proxy in front of several).

    "paced": candidates arrive over 10 s and think 5-15 s between answers, as people do;
    "burst": all of them press Send at the same instant, once (a stress figure).
    """
    from gradio_client import Client

    latencies: dict[str, list[float]] = {"paced": [], "burst": []}
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(candidates)

    def send(client: Any, text: str, session_id: str, kind: str) -> None:
        started = time.perf_counter()
        client.predict(text, session_id, "after each answer", api_name="/send")
        with lock:
            latencies[kind].append((time.perf_counter() - started) * 1000)

    def candidate(n: int) -> None:
        rng = random.Random(n)
        try:
            time.sleep(rng.uniform(0, 10))
            client = Client(url, verbose=False)
            out = client.predict(
                f"bench {n}",
                ["behavioural"],
                "mixed",
                answers + 2,
                "",
                "after each answer",
                "",
                api_name="/start",
            )
            session_id = out[1]
            for turn in range(answers):
                time.sleep(rng.uniform(5, 15))
                send(client, answer(n * 100 + turn), session_id, "paced")
            barrier.wait(timeout=300)
            send(client, answer(n * 100 + 99), session_id, "burst")
        except Exception as exc:  # counted and reported, never hidden
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}"[:200])

    threads = [threading.Thread(target=candidate, args=(n,)) for n in range(candidates)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    wall = time.perf_counter() - started
    return {
        "answers_each": answers,
        "llm_latency_s_per_turn": llm_latency_s,
        **scenario_summary(candidates, latencies, errors, wall, llm_latency_s),
    }


def scenario_summary(
    candidates: int,
    latencies: dict[str, list[float]],
    errors: list[str],
    wall_s: float,
    llm_latency_s: float,
) -> dict[str, Any]:
    """The paced and burst figures of a 50-candidate run, whichever client drove it."""
    empty = {"n": 0, "median": 0.0, "p95": 0.0, "max": 0.0}
    paced, burst = (stats(latencies[k]) if latencies[k] else empty for k in ("paced", "burst"))
    floor = llm_latency_s * 1000
    return {
        "candidates": candidates,
        "paced_turn_ms": paced,
        "paced_p95_over_llm": round(paced["p95"] / floor, 3),
        "burst_turn_ms": burst,
        "burst_p95_over_llm": round(burst["p95"] / floor, 3),
        "errors": len(errors),
        "first_errors": errors[:3],
        "wall_s": round(wall_s, 1),
    }
