"""A late turn costs about the same prompt tokens as an early one."""

import random
from collections import defaultdict
from pathlib import Path

from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.wiring import build_engine
from tests.support.fakes import FakeChat, sensible
from tests.support.synthetic import write_synthetic_knowledge

VOCABULARY = sorted(
    set(
        [
            "cache",
            "queue",
            "index",
            "worker",
            "shard",
            "replica",
            "session",
            "token",
            "cookie",
            "header",
            "payload",
            "schema",
            "migration",
            "fixture",
            "signal",
            "router",
            "serializer",
            "view",
            "model",
            "template",
            "request",
            "response",
            "latency",
            "throughput",
            "timeout",
            "retry",
            "backoff",
            "transaction",
            "isolation",
            "lock",
            "deadlock",
            "replica",
            "primary",
            "partition",
            "cursor",
            "pagination",
            "offset",
            "keyset",
            "hash",
            "bucket",
            "collision",
            "generator",
            "iterator",
            "decorator",
            "context",
            "manager",
            "exception",
            "logging",
            "metric",
            "trace",
            "span",
            "container",
            "image",
            "volume",
            "network",
            "compose",
            "pipeline",
            "artifact",
            "release",
            "rollback",
            "canary",
            "feature",
            "flag",
        ]
    )
)


def varied_answer(n: int) -> str:
    """About the same length every turn, different words (so it is not a 'repeated' answer)."""
    rng = random.Random(n)
    sentences = [
        " ".join(rng.choice(VOCABULARY) for _ in range(10)).capitalize() + "." for _ in range(6)
    ]
    return " ".join(sentences)


def test_prompt_tokens_at_turn_20_stay_within_1_5x_of_turn_2(settings, tmp_path: Path) -> None:
    folder = write_synthetic_knowledge(tmp_path / "kb", areas=2, per_area=15)
    settings = settings.model_copy(
        update={"knowledge_dir": folder, "model": "openai:gpt-4o-mini", "max_follow_ups": 0}
    )
    ingest(settings, progress=False)
    engine = build_engine(settings, chat=FakeChat(respond=sensible))
    reply = engine.start("Long", build_plan(engine.kb, questions=21), seed=3)
    n = 0
    while not reply.finished:
        n += 1
        reply = engine.submit_answer(reply.session_id, varied_answer(n))
    per_turn: dict[int, int] = defaultdict(int)
    for call in engine.repo.llm_calls(reply.session_id):
        per_turn[call.turn_seq or 0] += call.prompt_tokens
    scored = [
        c.turn_seq or 0
        for c in engine.repo.llm_calls(reply.session_id)
        if c.purpose == "score_technical"
    ]
    assert sorted(scored) == list(range(1, 22)), (
        "every turn must be scored for the comparison to mean anything"
    )
    ratio = per_turn[20] / per_turn[2]
    print(f"prompt tokens: turn 2 = {per_turn[2]}, turn 20 = {per_turn[20]}, ratio = {ratio:.2f}")
    assert per_turn[2] > 0
    assert ratio <= 1.5
