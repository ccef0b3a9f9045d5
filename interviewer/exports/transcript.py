"""A coach's transcript (every turn, score, hidden note, override and note) as Markdown,
JSON and PDF. Candidate, model and coach text is rendered inert (`safe_text`)."""

from __future__ import annotations

import json
from pathlib import Path

from interviewer.coach.review import Transcript
from interviewer.exports.pdf import markdown_to_pdf
from interviewer.exports.score import score_evidence_lines
from interviewer.safe_text import code_block, code_span, inert_markdown, visible


def _labels(labels: dict[str, object]) -> str:
    return ", ".join(f"{key} {value}" for key, value in labels.items())


def transcript_markdown(data: Transcript) -> str:
    lines = [
        f"# Transcript: {inert_markdown(data.candidate)}",
        "",
        f"Session {code_span(data.session_id)} · started {data.started.isoformat()} · {data.status} · "
        f"interviewer: {inert_markdown(data.brain)}",
        "",
    ]
    for turn in data.turns:
        label = "Follow-up" if turn.kind == "follow_up" else f"Question ({turn.area})"
        lines += [
            f"## {turn.seq}. {label}",
            "",
            inert_markdown(turn.question),
            "",
            f"<sub>source: {inert_markdown(turn.source)}</sub>",
            "",
            f"**Hidden interviewer note:** {inert_markdown(turn.hidden_note) or '-'}",
            "",
            f"**Answer ({turn.status}):** {inert_markdown(turn.answer) or '-'}",
            "",
        ]
        for score in turn.scores:
            lines += score_evidence_lines(score)
        for override in turn.overrides:
            lines.append(
                f"- **Coach override** by {inert_markdown(override.coach)} at "
                f"{override.at.isoformat()}: {inert_markdown(_labels(override.labels))} — "
                f"{inert_markdown(override.reason)}"
            )
        lines.append("")
    if data.code_runs:
        lines += ["## Code runs", ""]
        for run in data.code_runs:
            lines += [
                f"### Turn {run.turn}: {run.kind} of {code_span(run.problem_id)} at "
                f"{run.at.isoformat()} — {run.status}, {run.passed}/{run.total}",
                "",
                inert_markdown(run.summary),
                "",
                code_block(run.code),
                "",
            ]
    if data.notes:
        lines += ["## Coach notes", ""]
        lines += [
            f"- {inert_markdown(n.coach)} ({n.at.isoformat()}, turn {n.turn or '-'}): "
            f"{inert_markdown(n.text)}"
            for n in data.notes
        ]
    return "\n".join(lines)


def transcript_json(data: Transcript) -> str:
    return json.dumps(data.model_dump(mode="json"), indent=2, ensure_ascii=True)


def transcript_pdf(data: Transcript, font: Path | None = None) -> bytes:
    return markdown_to_pdf(
        transcript_markdown(data), f"Transcript: {visible(data.candidate)}", font
    )
