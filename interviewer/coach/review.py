"""Session lists with filters, and full transcripts for coaches (hidden notes included)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from interviewer.interview.engine import InterviewEngine
from interviewer.safe_text import inert
from interviewer.scoring.schemas import STAR_PARTS, ScoreRecord
from interviewer.storage.models import SessionRow


@dataclass(frozen=True)
class SessionFilter:
    candidate: str = ""
    since: date | None = None
    until: date | None = None
    area: str | None = None
    min_score: float = 0.0
    max_score: float = 100.0
    fallback_only: bool = False


@dataclass(frozen=True)
class SessionSummary:
    session_id: str
    candidate: str
    started: str
    status: str
    overall: float | None
    areas: list[str]
    answered: int
    fallbacks: int
    overrides: int

    def row(self) -> list[object]:
        return [
            self.session_id,
            self.candidate,
            self.started,
            self.status,
            "-" if self.overall is None else self.overall,
            ", ".join(self.areas),
            self.answered,
            self.fallbacks,
            self.overrides,
        ]


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


def summarise(
    engine: InterviewEngine, session: SessionRow, overridden_turns: set[int]
) -> SessionSummary:
    report = engine.report(session.id)
    return SessionSummary(
        session_id=session.id,
        candidate=session.candidate,
        started=session.created_at.strftime("%Y-%m-%d %H:%M"),
        status=session.status,
        overall=report.overall if any(q.status == "answered" for q in report.questions) else None,
        areas=sorted({t.area for t in session.turns}),
        answered=sum(1 for q in report.questions if q.status == "answered"),
        fallbacks=sum(1 for t in session.turns for s in t.scores if s.brain == "offline-fallback"),
        overrides=sum(1 for t in session.turns if t.id in overridden_turns),
    )


def find_sessions(engine: InterviewEngine, flt: SessionFilter) -> list[SessionSummary]:
    overridden = {o.turn_id for o in engine.repo.overrides()}
    out = []
    for session in engine.repo.list_sessions(candidate=flt.candidate.strip() or None):
        day = session.created_at.date()
        if (flt.since and day < flt.since) or (flt.until and day > flt.until):
            continue
        if flt.area and flt.area not in {t.area for t in session.turns}:
            continue
        summary = summarise(engine, session, overridden)
        score = summary.overall or 0.0
        if not (flt.min_score <= score <= flt.max_score):
            continue
        if flt.fallback_only and not summary.fallbacks:
            continue
        out.append(summary)
    return out


def _score_lines(record: ScoreRecord) -> list[str]:
    lines = [f"- Machine score ({record.label}, `{record.prompt_version}`):"]
    if record.star is not None:
        star = record.star
        lines[0] += f" STAR {star.overall}/5"
        for part in STAR_PARTS:
            quotes = "; ".join(f'"{inert(q)}"' for q in star.part(part).evidence) or "none"
            lines.append(f"  - {part} {star.part(part).score}/2 — evidence: {quotes}")
    elif record.technical is not None:
        tech = record.technical
        lines[0] += f" technical {tech.score}/5"
        for verdict in tech.key_points:
            quote = "; ".join(f'"{inert(q)}"' for q in verdict.evidence)
            lines.append(
                f"  - key point {verdict.index}: {'covered' if verdict.covered else 'missed'} {quote}"
            )
    if record.fallback_reason:
        lines.append(f"  - fallback reason: {inert(record.fallback_reason)}")
    if record.ignored_instructions:
        ignored = "; ".join(f'"{inert(t)}"' for t in record.ignored_instructions)
        lines.append(f"  - ignored grader-directed text: {ignored}")
    return lines


def transcript(engine: InterviewEngine, session_id: str) -> dict[str, Any]:
    """Everything about a session, for coaches and exports."""
    session = engine.repo.get_session(session_id)
    overrides = engine.repo.overrides([t.id for t in session.turns])
    turns = []
    for turn in session.turns:
        turns.append(
            {
                "seq": turn.seq,
                "kind": turn.kind,
                "area": turn.area,
                "question_id": turn.question_id,
                "question": turn.question_text,
                "source": turn.source,
                "hidden_note": turn.probing,
                "answer": turn.answer,
                "status": turn.answer_status,
                "asked_at": turn.asked_at.isoformat(),
                "scores": [json.loads(s.payload) for s in turn.scores],
                "overrides": [
                    {
                        "coach": o.coach,
                        "at": o.created_at.isoformat(),
                        "labels": json.loads(o.payload),
                        "reason": o.reason,
                    }
                    for o in overrides
                    if o.turn_id == turn.id
                ],
            }
        )
    return {
        "session_id": session.id,
        "candidate": session.candidate,
        "brain": session.brain,
        "status": session.status,
        "started": session.created_at.isoformat(),
        "plan": json.loads(session.plan_json),
        "turns": turns,
        "notes": [
            {"coach": n.coach, "turn": n.turn_seq, "text": n.text, "at": n.created_at.isoformat()}
            for n in engine.repo.notes(session_id)
        ],
        "report": engine.report(session_id).model_dump(),
    }


def _labels(labels: dict[str, Any]) -> str:
    return ", ".join(f"{key} {value}" for key, value in labels.items())


def transcript_markdown(data: dict[str, Any]) -> str:
    lines = [
        f"# Transcript: {inert(data['candidate'])}",
        "",
        f"Session `{data['session_id']}` · started {data['started']} · {data['status']} · "
        f"interviewer: {data['brain']}",
        "",
    ]
    for turn in data["turns"]:
        label = "Follow-up" if turn["kind"] == "follow_up" else f"Question ({turn['area']})"
        lines += [
            f"## {turn['seq']}. {label}",
            "",
            turn["question"],
            "",
            f"<sub>source: {turn['source']}</sub>",
            "",
            f"**Hidden interviewer note:** {turn['hidden_note'] or '-'}",
            "",
            f"**Answer ({turn['status']}):** {inert(turn['answer']) or '-'}",
            "",
        ]
        for score in turn["scores"]:
            lines += _score_lines(ScoreRecord.model_validate(score))
        for override in turn["overrides"]:
            lines.append(
                f"- **Coach override** by {override['coach']} at {override['at']}: "
                f"{_labels(override['labels'])} — {inert(override['reason'])}"
            )
        lines.append("")
    notes = data["notes"]
    if notes:
        lines += ["## Coach notes", ""]
        lines += [
            f"- {inert(n['coach'])} ({n['at']}, turn {n['turn'] or '-'}): {inert(n['text'])}"
            for n in notes
        ]
    return "\n".join(lines)
