"""A short interview end to end through a real local model: latency, tokens, projected cost.

Needs the model server (`make local-server`) and runs the real engine with the settings a
user would set (base URL and model string): questions and follow-ups worded by the model and
streamed, answers scored by it, fallbacks labelled. Prints one line per turn and a summary,
and writes bench/results/local_interview.json. It is not part of `make bench` (the model is
1.1 GB and takes minutes per turn on 2 cores).

    python bench/local_interview.py --base-url http://127.0.0.1:8765/v1
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from interviewer.brains.base import text_sink
from interviewer.config import Settings
from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.llm.usage import estimate_cost
from interviewer.wiring import build_engine

ANSWERS = {
    "behavioural": [
        "In my final-year project our team of four had to ship a library app in three weeks. "
        "I owned the borrowing API. I wrote the Flask endpoints, added tests with pytest and "
        "set up GitHub Actions. We demoed on time and the examiner gave us an A.",
        "I learned to write the tests first for the risky parts, the due-date logic.",
    ],
    "technical": [
        "A list is mutable and a tuple is immutable, so a tuple can be a dict key when its "
        "items are hashable. Tuples are a bit smaller and faster to create.",
        "Because the hash of a tuple is computed from its items, so they must be hashable too.",
    ],
}
RESULTS = Path(__file__).parent / "results" / "local_interview.json"
GPT_4O_MINI = "openai:gpt-4o-mini"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765/v1")
    parser.add_argument("--model", default="openai:qwen2.5-coder-1.5b")
    parser.add_argument("--questions", type=int, default=2)
    parser.add_argument("--minutes", type=float, default=30, help="interview length to price")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="local-interview-") as folder:
        os.environ["INTERVIEWER_BASE_URL"] = args.base_url  # the alias a user sets
        settings = Settings(
            model=args.model,
            structured_output="json_object",
            llm_timeout_s=300,
            llm_max_retries=0,
            structured_max_attempts=2,
            max_follow_ups=1,
            database_url=f"sqlite:///{folder}/bench.db",
        )
        ingest(settings, progress=False)
        engine = build_engine(settings)
        plan = build_plan(engine.kb, areas=["behavioural", "core-python"], questions=args.questions)
        turns: list[dict[str, Any]] = []
        pieces: list[float] = []
        started = time.perf_counter()
        token = text_sink.set(lambda _text: pieces.append(time.perf_counter()))
        try:
            reply = engine.start("bench candidate", plan, seed=3)
            turns.append(_turn("start", started, pieces, reply))
            while not reply.finished and len(turns) < args.questions * 3 + 2:
                current = reply.current
                assert current is not None
                kind = "behavioural" if current.question_type == "behavioural" else "technical"
                step = 0 if current.kind.value == "main" else 1
                answer = ANSWERS[kind][min(step, 1)]
                pieces.clear()
                began = time.perf_counter()
                reply = engine.submit_answer(reply.session_id, answer)
                turns.append(_turn(current.kind.value, began, pieces, reply))
        finally:
            text_sink.reset(token)
        calls = engine.repo.llm_calls(reply.session_id)
    wall = time.perf_counter() - started
    summary = _summary(turns, calls, wall, args.minutes)
    for turn in turns:
        print(json.dumps(turn))
    print(json.dumps(summary, indent=1))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"turns": turns, "summary": summary}, indent=1), "utf-8")


def _turn(kind: str, began: float, pieces: list[float], reply: Any) -> dict[str, Any]:
    score = reply.score
    return {
        "after": kind,
        "seconds": round(time.perf_counter() - began, 1),
        "first_words_s": round(pieces[0] - began, 1) if pieces else None,
        "streamed_pieces": len(pieces),
        "score_brain": score.brain if score else None,
        "score": score.label if score else None,
        "next": (reply.current.question_text[:120] if reply.current else None),
    }


def _summary(
    turns: list[dict[str, Any]], calls: list[Any], wall: float, minutes: float
) -> dict[str, Any]:
    prompt = sum(c.prompt_tokens for c in calls)
    completion = sum(c.completion_tokens for c in calls)
    answered = [t for t in turns if t["after"] != "start"]
    seconds = [t["seconds"] for t in answered]
    # A 30-minute interview: about one answered turn a minute and a half (answer + reading).
    turns_in_interview = minutes / 1.5
    per_turn_prompt = prompt / max(len(answered), 1)
    per_turn_completion = completion / max(len(answered), 1)
    cost = estimate_cost(
        GPT_4O_MINI,
        round(per_turn_prompt * turns_in_interview),
        round(per_turn_completion * turns_in_interview),
    )
    return {
        "model": "qwen2.5-coder-1.5b Q4_K_M, llama-cpp-python server, 2 threads",
        "answered_turns": len(answered),
        "turn_seconds_median": round(statistics.median(seconds), 1) if seconds else None,
        "turn_seconds_max": max(seconds) if seconds else None,
        "wall_seconds": round(wall, 1),
        "llm_calls": len(calls),
        "calls_failed": sum(1 for c in calls if not c.ok),
        "fallback_scores": sum(1 for t in answered if t["score_brain"] == "offline-fallback"),
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "tokens_by_purpose": _by_purpose(calls),
        f"projected_{minutes:g}_minute_interview_usd_at_gpt_4o_mini": cost,
        "projection": f"{turns_in_interview:.0f} answered turns at this run's tokens per turn",
    }


def _by_purpose(calls: list[Any]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for call in calls:
        row = out.setdefault(call.purpose, {"calls": 0, "prompt": 0, "completion": 0})
        row["calls"] += 1
        row["prompt"] += call.prompt_tokens
        row["completion"] += call.completion_tokens
    return out


if __name__ == "__main__":
    main()
