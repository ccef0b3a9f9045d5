"""The end-of-interview report as Markdown (terminal, downloads, the candidate's panel),
JSON and PDF. The report is built from stored turns and scores (`interview.report`); this
module only renders it."""

from __future__ import annotations

import html
import json
from pathlib import Path

from interviewer.exports.pdf import markdown_to_pdf
from interviewer.interview.report import Report
from interviewer.safe_text import inert_markdown, unescape_markdown, visible


def _cell(text: str) -> str:
    return inert_markdown(text).replace("\n", " ")


def report_markdown(report: Report) -> str:
    lines = [
        f"# Interview report: {inert_markdown(report.candidate)}",
        "",
        f"Plan: {inert_markdown(report.plan)}  ",
        f"Interviewer: {inert_markdown(report.brain)}  ",
        f"Overall: {report.overall if report.overall is not None else 'n/a'}%",
        "",
    ]
    if report.fallback_scores:
        lines += [
            f"> {report.fallback_scores} answer(s) were scored by the offline engine because the "
            "LLM failed; those scores are labelled.",
            "",
        ]
    lines += [
        "## Questions",
        "",
        "| # | Area | Question | Status | Score | Scored by |",
        "|---|---|---|---|---|---|",
    ]
    for q in report.questions:
        lines.append(
            f"| {q.seq} | {q.area} | {_cell(q.question)} | {q.status} | {q.score or '-'} | "
            f"{_cell(q.brain or '-')} |"
        )
    coding = [q for q in report.questions if q.coding is not None]
    if coding:
        lines += ["", "## Coding exercises", ""]
        for q in coding:
            assert q.coding is not None
            parts = ", ".join(f"{name} {value}/2" for name, value in q.coding.items())
            detail = "; ".join(inert_markdown(d) for d in q.coding_detail)
            lines.append(
                f"- {q.seq}. {inert_markdown(q.question_id)}: {q.score} ({parts}); {detail}"
            )
    projects = [q for q in report.questions if q.project is not None]
    if projects:
        lines += ["", "## Your projects", ""]
        for q in projects:
            assert q.project is not None
            parts = ", ".join(f"{name.replace('_', '-')} {v}/2" for name, v in q.project.items())
            lines.append(f"- {q.seq}. {inert_markdown(q.project_name or '')}: {q.score} ({parts})")
    lines += ["", "## Per area", ""] + [f"- {a}: {v:.0f}%" for a, v in report.per_area.items()]
    if report.star_breakdown:
        lines += ["", "## STAR breakdown (average, 0-2)", ""]
        lines += [f"- {part}: {value:.2f}" for part, value in report.star_breakdown.items()]
    lines += ["", "## Strengths", ""] + [f"- {inert_markdown(s)}" for s in report.strengths]
    lines += ["", "## Top improvements", ""] + [
        f"{i}. {inert_markdown(s)}" for i, s in enumerate(report.improvements, 1)
    ]
    if report.delivery_notes:
        lines += ["", "## Delivery", ""] + [f"- {inert_markdown(n)}" for n in report.delivery_notes]
    lines += ["", "## Model answers for your weakest questions", ""]
    for item in report.model_answers:
        lines += [
            f"**{inert_markdown(item['question'])}** ({inert_markdown(item['score'])})",
            "",
            inert_markdown(item["outline"]),
            "",
        ]
    if report.llm.get("calls"):
        lines += [
            f"LLM usage: {int(report.llm['calls'])} calls, {int(report.llm['prompt_tokens'])} "
            f"prompt + {int(report.llm['completion_tokens'])} completion tokens, "
            f"~${report.llm['cost_usd']:.4f}"
        ]
    return "\n".join(lines)


def report_text(report: Report) -> str:
    """The Markdown with its escapes undone, for a terminal (which renders nothing)."""
    return html.unescape(unescape_markdown(report_markdown(report)))


def report_json(report: Report) -> str:
    """Verbatim data; ensure_ascii writes bidi and control characters as \\u escapes."""
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=True)


def report_pdf(report: Report, font: Path | None = None) -> bytes:
    return markdown_to_pdf(
        report_markdown(report), f"Interview report: {visible(report.candidate)}", font
    )
