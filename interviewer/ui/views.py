"""Pure functions from engine results to what the UI shows (testable without a browser)."""

from __future__ import annotations

import html
import json

from interviewer.interview.render import report_markdown
from interviewer.interview.report import Report
from interviewer.scoring.schemas import STAR_PARTS, ScoreRecord
from interviewer.storage.models import TurnRow

STAR_COLOURS = {"situation": "#60a5fa", "task": "#a78bfa", "action": "#34d399", "result": "#fbbf24"}


def brain_banner(label: str, uses_llm: bool) -> str:
    if uses_llm:
        return (
            f"**Interviewer: LLM `{label}`.** Scores come from the model; if it fails, the offline "
            "engine scores the turn and the score is labelled as a fallback."
        )
    return (
        "**Interviewer: built-in offline engine** (no API key needed). It asks questions from the "
        "knowledge base and scores by key-point coverage and STAR analysis; it does not judge "
        "factual correctness the way an LLM can. To use an LLM, set `INTERVIEWER_API_KEY` "
        "(OpenAI) or `INTERVIEWER_BASE_URL` + `INTERVIEWER_MODEL` (Ollama, vLLM, LM Studio, "
        "llama.cpp) and restart."
    )


def question_message(turn: TurnRow, text: str) -> str:
    kind = (
        "Follow-up" if turn.kind == "follow_up" else f"Question ({turn.area}, {turn.question_type})"
    )
    source = html.escape(turn.source.rsplit("/", 1)[-1])
    return f"{text}\n\n<sub>{kind} · source: {source}</sub>"


def score_markdown(record: ScoreRecord) -> str:
    lines = [f"**Scored by:** {record.label} · prompt `{record.prompt_version}`"]
    if record.fallback_reason:
        lines.append(
            f"> The LLM failed ({html.escape(record.fallback_reason)}); this is the offline engine's score."
        )
    if record.star is not None:
        star = record.star
        lines.append(f"### STAR: {star.overall}/5")
        lines.append(" · ".join(f"{p.capitalize()} {star.part(p).score}/2" for p in STAR_PARTS))
        if star.missing:
            lines.append(f"**Missing:** {', '.join(star.missing)}")
        lines.append(html.escape(star.summary))
        lines += [f"- {html.escape(t)}" for t in star.tips]
    elif record.technical is not None:
        tech = record.technical
        lines.append(f"### Technical: {tech.score}/5")
        lines.append(html.escape(tech.summary))
        lines += [f"- {html.escape(p)}" for p in tech.problems]
    if record.ignored_instructions:
        lines.append(
            f"_Ignored {len(record.ignored_instructions)} sentence(s) addressed to the grader._"
        )
    if record.delivery.notes:
        lines.append("**Delivery:** " + " ".join(html.escape(n) for n in record.delivery.notes))
    return "\n\n".join(lines)


def key_points_markdown(record: ScoreRecord, key_points: list[str]) -> str:
    if record.technical is None:
        return ""
    covered = set(record.technical.covered)
    return "\n".join(
        f"- {'✅' if i in covered else '❌'} {html.escape(text)}"
        for i, text in enumerate(key_points, start=1)
    )


def star_highlights(answer: str, record: ScoreRecord) -> list[tuple[str, str | None]]:
    """The answer split into (text, part) spans for HighlightedText."""
    if record.star is None:
        return [(answer, None)]
    marks: list[tuple[int, int, str]] = []
    for part in STAR_PARTS:
        for quote in record.star.part(part).evidence:
            start = answer.find(quote)
            if start >= 0:
                marks.append((start, start + len(quote), part))
    marks.sort()
    spans: list[tuple[str, str | None]] = []
    cursor = 0
    for start, end, part in marks:
        if start < cursor:
            continue  # overlapping evidence: keep the first
        if start > cursor:
            spans.append((answer[cursor:start], None))
        spans.append((answer[start:end], part))
        cursor = end
    if cursor < len(answer):
        spans.append((answer[cursor:], None))
    return spans


def report_files(report: Report) -> tuple[str, str]:
    """(markdown, json) texts for download."""
    return report_markdown(report), json.dumps(report.model_dump(), indent=2, ensure_ascii=False)
