"""Session lists and full transcripts for coaches (hidden interviewer notes included).

The transcript is a typed document: `exports.transcript` renders it as Markdown, JSON
and PDF, the coach desk shows it, and nothing rebuilds it from raw rows elsewhere.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from interviewer.coding.runner import Verdict
from interviewer.interview.engine import InterviewEngine
from interviewer.interview.report import Report
from interviewer.safe_text import visible
from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage.records import SessionSummary
from interviewer.storage.repository import SessionQuery

PAGE_SIZE = 25
COLUMNS = [
    "session",
    "candidate",
    "started",
    "status",
    "overall %",
    "areas",
    "answered",
    "fallback scores",
    "overrides",
]


class TranscriptOverride(BaseModel):
    coach: str
    at: datetime
    labels: dict[str, Any]
    reason: str


class TranscriptTurn(BaseModel):
    seq: int
    kind: str
    area: str
    question_id: str
    question: str
    source: str
    hidden_note: str
    answer: str | None
    status: str
    asked_at: datetime
    scores: list[ScoreRecord] = Field(default_factory=list)
    overrides: list[TranscriptOverride] = Field(default_factory=list)


class TranscriptCodeRun(BaseModel):
    """One Run or Submit of the coding round, with the code as submitted."""

    turn: int
    problem_id: str
    kind: str
    status: str
    passed: int
    total: int
    summary: str
    code: str
    at: datetime


class TranscriptNote(BaseModel):
    coach: str
    turn: int | None
    text: str
    at: datetime


class Transcript(BaseModel):
    """Everything about a session, for coaches and their exports."""

    session_id: str
    candidate: str
    brain: str
    status: str
    started: datetime
    plan: dict[str, Any]
    turns: list[TranscriptTurn]
    notes: list[TranscriptNote]
    report: Report
    code_runs: list[TranscriptCodeRun] = Field(default_factory=list)


def row(summary: SessionSummary) -> list[object]:
    """One line of the coach's session table."""
    return [
        summary.id,
        visible(summary.candidate),  # a right-to-left override cannot spoof the list
        summary.created_at.strftime("%Y-%m-%d %H:%M"),
        summary.status.value,
        "-" if summary.overall is None or not summary.answered else summary.overall,
        summary.areas,
        summary.answered,
        summary.fallbacks,
        summary.overrides,
    ]


def find_sessions(
    engine: InterviewEngine, query: SessionQuery, page: int = 1
) -> tuple[list[SessionSummary], int]:
    """One page (1-based) of matching sessions, newest first, and the number of pages."""
    offset = (max(page, 1) - 1) * PAGE_SIZE
    summaries, total = engine.repo.find_sessions(query, offset=offset, limit=PAGE_SIZE)
    return summaries, max(1, -(-total // PAGE_SIZE))


def transcript(engine: InterviewEngine, session_id: str) -> Transcript:
    session = engine.repo.get_session(session_id)
    overrides = engine.repo.overrides([t.id for t in session.turns])
    turns = [
        TranscriptTurn(
            seq=turn.seq,
            kind=turn.kind.value,
            area=turn.area,
            question_id=turn.question_id,
            question=turn.question_text,
            source=turn.source,
            hidden_note=turn.probing,
            answer=turn.answer,
            status=turn.answer_status.value,
            asked_at=turn.asked_at,
            scores=list(turn.scores),
            overrides=[
                TranscriptOverride(
                    coach=o.coach, at=o.created_at, labels=json.loads(o.payload), reason=o.reason
                )
                for o in overrides
                if o.turn_id == turn.id
            ],
        )
        for turn in session.turns
    ]
    return Transcript(
        session_id=session.id,
        candidate=session.candidate,
        brain=session.brain,
        status=session.status.value,
        started=session.created_at,
        plan=json.loads(session.plan_json),
        turns=turns,
        notes=[
            TranscriptNote(coach=n.coach, turn=n.turn_seq, text=n.text, at=n.created_at)
            for n in engine.repo.notes(session_id)
        ],
        report=engine.report(session_id),
        code_runs=[
            TranscriptCodeRun(
                turn=run.turn_seq,
                problem_id=run.problem_id,
                kind=run.kind,
                status=run.status,
                passed=run.passed,
                total=run.total,
                summary=_run_summary(run.verdict),
                code=run.code,
                at=run.created_at,
            )
            for run in engine.code_runs(session_id)
        ],
    )


def _run_summary(verdict_json: str | None) -> str:
    if not verdict_json:
        return "no verdict (refused, or the server stopped while it ran)"
    return Verdict.model_validate_json(verdict_json).summary()
