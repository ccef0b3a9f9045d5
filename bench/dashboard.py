"""Cohort dashboard benchmark: a synthetic cohort of 300 students and 3,000 finished sessions
(six scored answers each, 18,000 stored scores with real score JSON), then the dashboard
built from the database as the desk builds it, and the cohort's first page of sessions;
then the same dashboard opened by several coaches in the same instant (threads in one
process, as Gradio's handler pool runs them), each building its own and through the desk's
SharedDashboards (one build, the others wait for it).

`python bench/dashboard.py` prints the figures; `bench/run.py` puts them in the table.
"""

from __future__ import annotations

import json
import random
import secrets
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from bench.common import bench_settings, stats
from interviewer.coach.accounts import DeskUser
from interviewer.coach.cohorts import CohortSettings, SharedDashboards, create_cohort, dashboard
from interviewer.knowledge.loader import load_knowledge
from interviewer.storage.models import MessageRow, ScoreRow, SessionRow, TurnRow
from interviewer.storage.repository import Repository, SessionQuery

STUDENTS = 300
SESSIONS_EACH = 10
ANSWERS_EACH = 6
COACHES_AT_ONCE = 5  # a placement cell's coaches opening the dashboard together
ROUNDS_AT_ONCE = 3


def _payload(question: Any, rng: random.Random) -> tuple[str, float]:
    points = len(question.key_points)
    covered = [rng.random() < 0.6 for _ in range(points)]
    score = round(5 * sum(covered) / points)
    errors = (
        [{"quote": "a tuple is mutable", "key_point": 1, "correction": question.key_points[0].text}]
        if rng.random() < 0.15
        else []
    )
    technical: dict[str, Any] = {
        "key_points": [
            {"index": i + 1, "covered": c, "evidence": ["some words"] if c else []}
            for i, c in enumerate(covered)
        ],
        "score": min(score, 3) if errors else score,
        "problems": [],
        "errors": errors,
        "summary": f"Covered {sum(covered)} of {points} key points.",
    }
    record = {
        "kind": "technical",
        "brain": "offline",
        "model": "offline-2",
        "prompt_version": "offline",
        "technical": technical,
        "delivery": {"words": 80, "filler_ratio": 0.0, "hints": []},
        "model_answer": question.model_answer,
    }
    return json.dumps(record), float(technical["score"]) / 5


def build(repo: Repository, cohort_id: str, questions: list[Any]) -> int:
    rng = random.Random(7)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    sessions, turns, scores, messages = [], [], [], []
    turn_id = 0
    for student in range(STUDENTS):
        for number in range(SESSIONS_EACH):
            session_id = secrets.token_urlsafe(18)
            at = start + timedelta(hours=student * 2 + number * 24)
            total = 0.0
            for seq in range(1, ANSWERS_EACH + 1):
                question = questions[rng.randrange(len(questions))]
                turn_id += 1
                payload, normalised = _payload(question, rng)
                total += normalised
                turns.append({"id": turn_id, "session_id": session_id, "seq": seq,
                              "kind": "main", "main_seq": seq, "question_id": question.id,
                              "area": question.id.split(".")[0], "question_type": "technical",
                              "question_text": question.question, "source": "bench",
                              "probing": "", "answer": "an answer", "answer_status": "answered",
                              "hints_used": 0, "asked_at": at, "answered_at": at})  # fmt: skip
                scores.append({"turn_id": turn_id, "kind": "technical", "brain": "offline",
                               "model": "offline-2", "prompt_version": "offline",
                               "normalised": normalised, "payload": payload, "created_at": at})  # fmt: skip
                messages.append({"session_id": session_id, "role": "assistant",
                                 "text": question.question, "turn_seq": seq, "created_at": at})  # fmt: skip
            sessions.append({"id": session_id, "candidate": f"Student {student:03d}",
                             "status": "finished", "brain": "offline", "plan_json": "{}",
                             "seed": 1, "created_at": at, "updated_at": at,
                             "overall": round(100 * total / ANSWERS_EACH, 1),
                             "answered": ANSWERS_EACH, "fallbacks": 1 if rng.random() < 0.05 else 0,
                             "areas": "bench", "cohort_id": cohort_id})  # fmt: skip
    with repo.engine.begin() as db:
        db.execute(insert(SessionRow), sessions)
        db.execute(insert(TurnRow), turns)
        db.execute(insert(ScoreRow), scores)
        db.execute(insert(MessageRow), messages)
    return len(scores)


def measure(repeats: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(Path(tmp))
        repo = Repository(settings.resolved_database_url)
        kb = load_knowledge(settings.knowledge_dir)
        questions = [q for q in kb.questions if q.type.value != "behavioural"]
        admin = DeskUser("bench", "admin", None)
        cohort = create_cohort(repo, kb, admin, name="Bench", bank=None, settings=CohortSettings())
        started = time.perf_counter()
        stored = build(repo, cohort.id, questions)
        built_s = time.perf_counter() - started
        board_ms, page_ms = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            board = dashboard(repo, kb, cohort)
            board_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            repo.find_sessions(SessionQuery(cohort=cohort.id), limit=25)
            page_ms.append((time.perf_counter() - started) * 1000)
        alone_each = _at_once(lambda: dashboard(repo, kb, cohort))
        shared = SharedDashboards()
        at_once = _at_once(lambda: shared.get(repo, kb, cohort))
        return {
            "coaches_at_once": COACHES_AT_ONCE,
            "dashboard_at_once_ms": stats(at_once),
            "dashboard_at_once_unshared_ms": stats(alone_each),
            "sessions": board.sessions,
            "candidates": board.candidates,
            "scores": stored,
            "build_s": round(built_s, 1),
            "dashboard_ms": stats(board_ms),
            "first_page_ms": stats(page_ms),
        }


def _at_once(open_board: Any) -> list[float]:
    """Each coach's wall time, start to dashboard, when COACHES_AT_ONCE open it together."""
    times: list[float] = []
    lock = threading.Lock()

    def coach(gate: threading.Barrier) -> None:
        gate.wait()
        started = time.perf_counter()
        open_board()
        with lock:
            times.append((time.perf_counter() - started) * 1000)

    for _ in range(ROUNDS_AT_ONCE):
        gate = threading.Barrier(COACHES_AT_ONCE)
        threads = [threading.Thread(target=coach, args=(gate,)) for _ in range(COACHES_AT_ONCE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return times


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
