"""Coach overrides: validated labels stored beside the machine score, exportable as eval data.

An override carries a complete label set (a STAR override has all four parts and the
overall), so exported items are whole human judgements, not a mix of human and machine.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from interviewer.errors import UserError
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.scoring.schemas import StarLabels
from interviewer.storage.models import ScoreKind
from interviewer.storage.repository import Repository

MAX_REASON = 2_000


class OverrideError(UserError, ValueError):
    pass


class StarOverride(StarLabels):
    """A coach's STAR labels: the eval dataset's part labels plus the overall."""

    overall: int = Field(ge=1, le=5)


class TechnicalOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")
    score: int = Field(ge=0, le=5)
    covered: list[int] = Field(default_factory=list)

    @field_validator("covered")
    @classmethod
    def _sorted_unique(cls, value: list[int]) -> list[int]:
        return sorted(set(value))


def parse_covered(text: str) -> list[int]:
    """'1, 3 4' -> [1, 3, 4]."""
    parts = [p for p in text.replace(",", " ").split() if p]
    try:
        return [int(p) for p in parts]
    except ValueError as exc:
        raise OverrideError("Covered key points must be numbers such as '1, 3'.") from exc


def save_override(
    repo: Repository,
    kb: KnowledgeBase,
    *,
    session_id: str,
    turn_seq: int,
    coach: str,
    kind: Literal["star", "technical"],
    labels: dict[str, object],
    reason: str,
) -> None:
    reason = reason.strip()
    if not reason:
        raise OverrideError("Give a reason for the override: it is what makes it useful later.")
    if len(reason) > MAX_REASON:
        raise OverrideError(f"The reason is limited to {MAX_REASON} characters.")
    session = repo.get_session(session_id)
    turn = next((t for t in session.turns if t.seq == turn_seq), None)
    if turn is None or turn.score is None:
        raise OverrideError(f"Turn {turn_seq} has no machine score to override.")
    expected = "star" if turn.question_type == "behavioural" else "technical"
    if kind != expected:
        raise OverrideError(f"Turn {turn_seq} is a {expected} answer; use the {expected} override.")
    try:
        model: BaseModel = StarOverride(**labels) if kind == "star" else TechnicalOverride(**labels)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise OverrideError("; ".join(f"{e['loc'][0]}: {e['msg']}" for e in exc.errors())) from exc
    if isinstance(model, TechnicalOverride):
        count = len(kb.question(turn.question_id).key_points)
        if any(i < 1 or i > count for i in model.covered):
            raise OverrideError(f"This question has key points 1-{count}.")
    repo.add_override(
        turn.id, coach=coach, kind=ScoreKind(kind), payload=model.model_dump_json(), reason=reason
    )


def export_dataset(repo: Repository, kind: Literal["star", "technical"]) -> str:
    """Overrides as JSONL in the eval dataset formats (latest override per turn wins)."""
    latest: dict[int, tuple[str, str, str]] = {}
    for row in repo.overrides():
        if row.kind == kind:
            latest[row.turn_id] = (row.payload, row.coach, row.reason)
    lines = []
    for turn_id, (payload, coach, reason) in sorted(latest.items()):
        turn = repo.turn(turn_id)
        session = repo.get_session(turn.session_id)
        thread = [
            t
            for t in session.turns
            if t.main_seq == turn.main_seq and t.seq <= turn.seq and t.answer
        ]
        answer = "\n".join(t.answer or "" for t in thread)
        labels = json.loads(payload)
        main = next(t for t in session.turns if t.seq == turn.main_seq)
        meta = {"source": "coach-override", "coach": coach, "reason": reason}
        if kind == "star":
            item = {
                "id": f"coach-{turn_id}",
                "question": main.question_text,
                "answer": answer,
                "labels": {p: labels[p] for p in ("situation", "task", "action", "result")},
                "overall": labels["overall"],
                **meta,
            }
        else:
            item = {
                "id": f"coach-{turn_id}",
                "question_id": turn.question_id,
                "answer": answer,
                "covered": labels["covered"],
                "score": labels["score"],
                "problems": [],
                **meta,
            }
        lines.append(json.dumps(item, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")
