"""Engine benchmarks on a 10,000-chunk knowledge store: per-turn overhead around the LLM,
a full offline turn, prompt growth over a long interview, and the cost of a 30-minute one."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import bench_settings, stats
from interviewer.evals.persona_suite import answer_for
from interviewer.interview.plan import build_plan
from interviewer.knowledge.documents import Chunk
from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.store import KnowledgeStore
from interviewer.wiring import build_engine, chat_model

TOPICS = [
    "caching",
    "queues",
    "logging",
    "pagination",
    "migrations",
    "retries",
    "indexes",
    "sessions",
    "uploads",
    "webhooks",
    "timeouts",
    "sorting",
    "hashing",
    "locking",
    "batching",
    "streaming",
    "parsing",
    "routing",
    "templates",
    "fixtures",
    "signals",
    "throttling",
    "encoding",
    "backups",
]
VERBS = ["configure", "debug", "scale", "test", "monitor", "secure", "document", "profile"]
SERVICES = [
    "a Django shop",
    "a Flask API",
    "a FastAPI gateway",
    "a Celery worker",
    "a payments service",
    "a search backend",
    "a chat server",
    "an analytics job",
]


def synthetic_chunks(count: int) -> list[Chunk]:
    """Short, distinct notes: each combines a topic, an activity and a service."""
    rng = random.Random(7)
    chunks = []
    for i in range(count):
        topic, verb, service = (
            TOPICS[i % len(TOPICS)],
            VERBS[(i // 24) % 8],
            SERVICES[(i // 192) % 8],
        )
        detail = rng.randint(2, 900)
        text = (
            f"Note {i}: how to {verb} {topic} in {service}. Keep {topic} settings in configuration, "
            f"measure with {detail} sample requests, and review the {topic} logs weekly."
        )
        chunks.append(
            Chunk(
                text=text,
                source=f"synthetic/{i // 500}.md",
                kind="extra",
                metadata={"area": "synthetic", "part": i},
            )
        )
    return chunks


def build_store(data_dir: Path, total: int = 10_000) -> tuple[Any, dict[str, Any]]:
    settings = bench_settings(data_dir)
    ingest(settings, progress=False)
    store = KnowledgeStore.from_settings(settings)
    extra = total - store.count()
    started = time.perf_counter()
    chunks = synthetic_chunks(extra)
    plan = store.plan_sync(chunks, lambda _source, _kind: False)
    store.apply(plan)
    # Neighbour check: a paraphrase of chunk i must retrieve chunk i (or a twin with the same
    # topic, activity and service, which differ only in the sample count).
    rng = random.Random(3)
    probes = rng.sample(range(extra), 20)
    correct = 0
    for i in probes:
        topic, verb, service = TOPICS[i % 24], VERBS[(i // 24) % 8], SERVICES[(i // 192) % 8]
        hit = store.search(f"{verb} the {topic} of {service}", k=1, area="synthetic")[0]
        correct += topic in hit.text and verb in hit.text and service in hit.text
    return settings, {
        "chunks": store.count(),
        "synthetic_added": extra,
        "synthetic_embed_s": round(time.perf_counter() - started, 1),
        "neighbour_probes_correct": f"{correct}/20",
    }


def _play(engine: Any, questions: int, persona: str, seed: int) -> list[tuple[str, int, float]]:
    """Run one interview; (session, turn seq, wall ms) for every answered turn."""
    rng = random.Random(seed)
    reply = engine.start(f"bench-{persona}", build_plan(engine.kb, questions=questions), seed=seed)
    timings = []
    while not reply.finished:
        turn = reply.current
        answer = (
            answer_for(persona, engine.kb.question(turn.question_id), rng)
            + f" (case {seed}-{turn.seq})"
        )
        started = time.perf_counter()
        reply = engine.submit_answer(reply.session_id, answer)
        timings.append((reply.session_id, turn.seq, (time.perf_counter() - started) * 1000))
    return timings


def turn_overheads(settings: Any) -> dict[str, Any]:
    """Wall time of a turn minus the time spent inside model calls (a scripted, instant model)."""
    engine = build_engine(settings.model_copy(update={"model": "scripted:mirror"}))
    walls, overheads = [], []
    for seed in range(6):
        timings = _play(engine, 6, ["average", "strong", "weak"][seed % 3], seed)
        for session_id, seq, wall in timings:
            llm_ms = sum(
                c.latency_ms
                for c in engine.repo.llm_calls(session_id)
                if c.turn_seq in (seq, seq + 1)
            )
            walls.append(wall)
            overheads.append(max(wall - llm_ms, 0.0))
    return {"turn_wall_ms": stats(walls), "overhead_outside_llm_ms": stats(overheads)}


def offline_turns(settings: Any) -> dict[str, Any]:
    engine = build_engine(settings.model_copy(update={"model": "offline"}))
    walls = [
        wall
        for seed in range(6)
        for _, _, wall in _play(engine, 6, ["average", "strong", "weak"][seed % 3], 100 + seed)
    ]
    return {"offline_turn_ms": stats(walls)}


def prompt_growth_and_cost(settings: Any) -> dict[str, Any]:
    engine = build_engine(
        settings.model_copy(update={"model": "scripted:mirror", "max_follow_ups": 0})
    )
    session = _play(engine, 21, "average", 42)[0][0]
    per_turn: dict[int, int] = defaultdict(int)
    for call in engine.repo.llm_calls(session):
        per_turn[call.turn_seq or 0] += call.prompt_tokens
    growth = {
        "turn_2_prompt_tokens": per_turn[2],
        "turn_20_prompt_tokens": per_turn[20],
        "ratio_20_over_2": round(per_turn[20] / per_turn[2], 3),
    }
    # A 30-minute interview: 12 main questions with up to 2 follow-ups each, priced as gpt-4o-mini.
    mirror = chat_model(settings, "scripted:mirror")
    engine = build_engine(settings.model_copy(update={"model": "openai:gpt-4o-mini"}), chat=mirror)
    session = _play(engine, 12, "average", 7)[0][0]
    calls = engine.repo.llm_calls(session)
    return {
        **growth,
        "interview_30min": {
            "turns": len(engine.repo.get_session(session).turns),
            "llm_calls": len(calls),
            "prompt_tokens": sum(c.prompt_tokens for c in calls),
            "completion_tokens": sum(c.completion_tokens for c in calls),
            "cost_usd_gpt_4o_mini": round(sum(c.cost_usd or 0 for c in calls), 5),
        },
    }
