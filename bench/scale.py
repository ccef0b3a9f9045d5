"""The same load through HAProxy in front of 1 and then 2 workers, in one run.

Each topology is `interviewer serve`'s (serving.topology.Topology): the workers, a Chroma
server on the store, HAProxy; the database is a throwaway PostgreSQL on 127.0.0.1 where the
server binaries are installed (the topology the deploy files describe), else the SQLite
file. For each: the 50-candidate paced and burst scenarios with a 1 s model, then the
saturated throughput with a model that takes no time. The load generator
(`bench/load_client.py`, one asyncio loop, ~7 ms of CPU a turn) runs on the same two cores
as the app, so every figure includes that contention.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Iterator
from typing import Any

from bench.common import rss_mb
from bench.load_client import Candidate, endpoints, timed
from bench.serving import LOAD_TEST_LIMITS, answer, scenario_summary

WORKER_COUNTS = (1, 2)


@contextlib.contextmanager
def _topology(settings: Any, workers: int, latency_s: float, database: str | None) -> Iterator[Any]:
    from bench.common import free_port
    from interviewer.serving.topology import Topology

    configured = settings.model_copy(
        update={
            "port": free_port(),
            "database_url": database,
            "proxy_requests_per_10s": 10**7,  # every simulated candidate is 127.0.0.1
            "proxy_connections_per_client": 10**5,
        }
    )
    env = {
        **LOAD_TEST_LIMITS,
        "INTERVIEWER_MODEL": "scripted:fixed",
        "INTERVIEWER_SCRIPTED_LATENCY_S": str(latency_s),
    }
    if database:
        env["INTERVIEWER_DATABASE_URL"] = database
    with Topology(configured, workers, env=env) as topology:
        yield topology


FEEDBACK = "after each answer"


def candidates_scenario(
    url: str, candidates: int = 50, answers: int = 4, llm_latency_s: float = 1.0
) -> dict[str, Any]:
    """Paced: arrivals over 10 s, 5-15 s of thinking between answers. Burst: then every
    candidate presses Send in the same instant, once."""
    api = endpoints(url)
    latencies: dict[str, list[float]] = {"paced": [], "burst": []}
    errors: list[str] = []

    async def one(n: int, everyone: asyncio.Barrier) -> None:
        rng = random.Random(n)
        candidate = Candidate(url, api)
        try:
            await asyncio.sleep(rng.uniform(0, 10))
            await candidate.open()
            _, out = await timed(
                candidate,
                "start",
                {0: f"bench {n}", 1: ["behavioural"], 3: answers + 2, 5: FEEDBACK},
            )
            session_id = out[1]
            for turn in range(answers):
                await asyncio.sleep(rng.uniform(5, 15))
                ms, _ = await timed(
                    candidate, "send", {0: answer(n * 100 + turn), 1: session_id, 2: FEEDBACK}
                )
                latencies["paced"].append(ms)
        except Exception as exc:  # counted and reported, never hidden
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
            session_id = None
        try:
            await asyncio.wait_for(everyone.wait(), timeout=300)
            if session_id is not None:
                ms, _ = await timed(
                    candidate, "send", {0: answer(n * 100 + 99), 1: session_id, 2: FEEDBACK}
                )
                latencies["burst"].append(ms)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
        finally:
            await candidate.close()

    async def run() -> float:
        everyone = asyncio.Barrier(candidates)
        started = time.perf_counter()
        await asyncio.gather(*(one(n, everyone) for n in range(candidates)))
        return time.perf_counter() - started

    wall = asyncio.run(run())
    return scenario_summary(candidates, latencies, errors, wall, llm_latency_s)


def saturated_throughput(url: str, clients: int = 16, seconds: float = 40.0) -> dict[str, Any]:
    """Turns a second when every client sends its next answer as soon as the last returns
    (a model that takes no time: the app's own CPU bounds it). The first 10 s warm up and
    are not counted; each interview has 15 questions and is left after 12 answers, so no
    turn builds a report."""
    api = endpoints(url)
    done: list[float] = []
    errors: list[str] = []
    warm_until = time.monotonic() + 10
    deadline = warm_until + seconds

    async def loop(n: int) -> None:
        candidate = Candidate(url, api)
        seed = n * 1_000_000
        try:
            await candidate.open()
            while time.monotonic() < deadline:
                try:
                    _, out = await timed(
                        candidate, "start", {0: f"sat {n}", 1: [], 3: 15, 5: FEEDBACK}
                    )
                    for _ in range(12):
                        if time.monotonic() >= deadline:
                            return
                        seed += 1
                        await timed(candidate, "send", {0: answer(seed), 1: out[1], 2: FEEDBACK})
                        done.append(time.monotonic())
                except Exception as exc:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
                    await asyncio.sleep(1)
        finally:
            await candidate.close()

    async def run() -> None:
        await asyncio.gather(*(loop(n) for n in range(clients)))

    asyncio.run(run())
    inside = [t for t in done if warm_until <= t <= deadline]
    return {
        "clients": clients,
        "seconds": seconds,
        "turns": len(inside),
        "turns_per_s": round(len(inside) / seconds, 2),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def _peak_rss(topology: Any) -> float:
    return round(sum(rss_mb(w.process.pid)[1] for w in topology.pool if w.process), 1)


def measure(settings: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    from tests.support.servers import postgres_or_sqlite

    with postgres_or_sqlite() as database:
        out["database"] = "postgresql" if database else "sqlite"
        for workers in WORKER_COUNTS:
            with _topology(settings, workers, 1.0, database) as topology:
                load = candidates_scenario(topology.url)
                load["workers_peak_rss_mb"] = _peak_rss(topology)
            with _topology(settings, workers, 0.0, database) as topology:
                load["saturated"] = saturated_throughput(topology.url)
            out[f"workers_{workers}"] = load
    one, two = (out[f"workers_{n}"]["saturated"]["turns_per_s"] for n in WORKER_COUNTS)
    out["throughput_2_over_1"] = round(two / one, 2) if one else None
    return out
