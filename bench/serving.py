"""The real app in its own process: start-up time, 50 concurrent candidates, memory."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from typing import Any

from bench.common import child_env, free_port, rss_mb, stats, wait_http

ANSWER = (
    "During my internship our API was slow. My task was to speed it up. I profiled the endpoints, "
    "added an index and cached the hot query. Latency fell by 60 percent. Case {n}."
)


def start_app(settings: Any, **env: str) -> tuple[subprocess.Popen[bytes], str, float]:
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
    settings: Any, candidates: int = 50, answers: int = 3, llm_latency_s: float = 1.0
) -> dict[str, Any]:
    from gradio_client import Client

    process, url, _ = start_app(
        settings,
        INTERVIEWER_MODEL="scripted:mirror",
        INTERVIEWER_SCRIPTED_LATENCY_S=str(llm_latency_s),
    )
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(candidates)

    def candidate(n: int) -> None:
        try:
            client = Client(url, verbose=False)
            out = client.predict(
                f"bench {n}", ["behavioural"], "mixed", answers, "", "", api_name="/start"
            )
            chat, session_id = out[0], out[1]
            barrier.wait(timeout=120)  # everyone answers at the same moment
            for turn in range(answers):
                started = time.perf_counter()
                out = client.predict(
                    ANSWER.format(n=f"{n}-{turn}"),
                    session_id,
                    chat,
                    "after each answer",
                    api_name="/send",
                )
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)
                chat = out[0]
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
    current, peak = rss_mb(process.pid)
    stop(process)
    turn = stats(latencies) if latencies else {"n": 0, "median": 0, "p95": 0, "max": 0}
    return {
        "candidates": candidates,
        "answers_each": answers,
        "llm_latency_s_per_turn": llm_latency_s,
        "turn_latency_ms": turn,
        "p95_over_llm_latency": round(turn["p95"] / (llm_latency_s * 1000), 3),
        "errors": len(errors),
        "first_errors": errors[:3],
        "wall_s": round(wall, 1),
        "app_rss_mb": current,
        "app_peak_rss_mb": peak,
    }
