"""Soak: 20 candidates hold interviews for a while against the running app; errors, latency,
and resident-memory growth. `make soak` runs 10 minutes; the test suite runs a short one.

Traffic goes only to the app on 127.0.0.1; every loop is bounded by the duration.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_settings, rss_mb, stats
from bench.serving import answer, start_app, stop


def _text(message: dict[str, Any]) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(p.get("text", "") for p in content)


def soak(
    settings: Any,
    *,
    candidates: int = 20,
    seconds: float = 600,
    warmup: float = 30,
    llm_latency_s: float = 1.0,
    think: tuple[float, float] = (1.0, 3.0),
    workers: int = 0,
) -> dict[str, Any]:
    """`workers` 0: the app as one process; N: N workers behind HAProxy (`serve`), memory
    summed over the workers."""
    from gradio_client import Client

    model = {
        "INTERVIEWER_MODEL": "scripted:fixed",
        "INTERVIEWER_SCRIPTED_LATENCY_S": str(llm_latency_s),
    }
    servers = contextlib.ExitStack()
    if workers:
        from bench.common import free_port
        from bench.serving import LOAD_TEST_LIMITS
        from interviewer.serving.topology import Topology

        configured = settings.model_copy(
            update={"port": free_port(), "proxy_requests_per_10s": 10**7}
        )
        topology = servers.enter_context(
            Topology(configured, workers, env={**LOAD_TEST_LIMITS, **model})
        )
        url = topology.url
        pids = [w.process.pid for w in topology.pool if w.process is not None]
    else:
        process, url, _ = start_app(settings, **model)
        servers.callback(stop, process)
        pids = [process.pid]

    def resident() -> float:
        return round(sum(rss_mb(pid)[0] for pid in pids), 1)

    deadline = time.monotonic() + seconds
    final_latencies: list[float] = []  # the turn that ends an interview also builds the report
    mid_latencies: list[float] = []
    errors: list[str] = []
    counts = {"interviews": 0, "turns": 0}
    lock = threading.Lock()
    samples: list[tuple[float, float]] = []

    def candidate(n: int) -> None:
        rng = random.Random(n)
        # A browser fetches the report files only when they are clicked; so does this client.
        client = Client(url, verbose=False, download_files=False)
        seed = n * 100_000
        while time.monotonic() < deadline:
            try:
                out = client.predict(
                    f"soak {n}", [], "mixed", 3, "", "after each answer", "", api_name="/start"
                )
                session_id = out[1]
                with lock:
                    counts["interviews"] += 1
                for _ in range(12):  # bounded: a 3-question interview with follow-ups ends sooner
                    if time.monotonic() >= deadline:
                        return
                    time.sleep(rng.uniform(*think))
                    seed += 1
                    started = time.perf_counter()
                    out = client.predict(
                        answer(seed), session_id, "after each answer", api_name="/send"
                    )
                    elapsed_ms = (time.perf_counter() - started) * 1000
                    chat = out[0]
                    over = "Here is your report" in _text(chat[-1])
                    with lock:
                        (final_latencies if over else mid_latencies).append(elapsed_ms)
                        counts["turns"] += 1
                    if over:
                        break
            except Exception as exc:  # counted and reported, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])

    threads = [
        threading.Thread(target=candidate, args=(n,), daemon=True) for n in range(candidates)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while time.monotonic() < deadline:
        samples.append((time.monotonic() - started, resident()))
        time.sleep(2)
    for thread in threads:
        thread.join(timeout=60)
    servers.close()
    memory = rss_growth(samples, warmup)
    latencies = mid_latencies + final_latencies
    return {
        "candidates": candidates,
        "workers": workers or "one process, no proxy",
        "seconds": seconds,
        "interviews": counts["interviews"],
        "turns": counts["turns"],
        "errors": len(errors),
        "first_errors": errors[:3],
        "turn_ms": stats(latencies) if latencies else None,
        "turn_ms_mid_interview": stats(mid_latencies) if mid_latencies else None,
        "turn_ms_last_with_report": stats(final_latencies) if final_latencies else None,
        **memory,
        "rss_mb_peak": max(r for _, r in samples),
        "rss_timeline": [(round(t), rss) for t, rss in samples[::5]],
    }


def rss_growth(
    samples: list[tuple[float, float]], warmup: float, window: float = 60
) -> dict[str, float]:
    """Growth from the first minute after warm-up to the last minute (medians, so one sample
    taken mid-report does not decide it), and the trend: a least-squares slope in MB a minute,
    projected over the rest of the run (what a short run in CI can judge a 10-minute one by)."""
    after = [(t, rss) for t, rss in samples if t >= warmup] or samples[-1:]
    first = [rss for t, rss in after if t < after[0][0] + window]
    last = [rss for t, rss in after if t > after[-1][0] - window]
    baseline, final = statistics.median(first), statistics.median(last)
    slope = 0.0
    if len(after) > 2:
        times = [t / 60 for t, _ in after]
        slope = statistics.linear_regression(times, [rss for _, rss in after]).slope
    return {
        "rss_mb_after_warmup": round(baseline, 1),
        "rss_mb_end": round(final, 1),
        "rss_growth_pct": round(100 * (final - baseline) / baseline, 2),
        "rss_mb_per_min": round(slope, 2),
        "rss_growth_pct_projected_10min": round(
            100 * slope * max(600 - warmup, 0) / 60 / baseline, 2
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument(
        "--workers", type=int, default=0, help="N workers behind HAProxy (0: one process)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(Path(tmp))
        from interviewer import tokens
        from interviewer.knowledge.ingest import ingest

        tokens.configure(settings.resolved_assets_dir)
        ingest(settings, progress=False)
        result = soak(
            settings,
            candidates=args.candidates,
            seconds=args.seconds,
            warmup=min(60.0, args.seconds / 4),
            workers=args.workers,
        )
    print(json.dumps(result, indent=2))
    if result["errors"] or result["rss_growth_pct"] > 10:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
