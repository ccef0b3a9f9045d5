"""Reports as Markdown, for the terminal, downloads and coaches."""

from __future__ import annotations

from interviewer.interview.report import Report
from interviewer.safe_text import inert


def report_markdown(report: Report) -> str:
    lines = [
        f"# Interview report: {inert(report.candidate)}",
        "",
        f"Plan: {report.plan}  ",
        f"Interviewer: {report.brain}  ",
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
        text = q.question.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {q.seq} | {q.area} | {text} | {q.status} | {q.score or '-'} | {q.brain or '-'} |"
        )
    lines += ["", "## Per area", ""] + [f"- {a}: {v:.0f}%" for a, v in report.per_area.items()]
    if report.star_breakdown:
        lines += ["", "## STAR breakdown (average, 0-2)", ""]
        lines += [f"- {part}: {value:.2f}" for part, value in report.star_breakdown.items()]
    lines += ["", "## Strengths", ""] + [f"- {s}" for s in report.strengths]
    lines += ["", "## Top improvements", ""] + [
        f"{i}. {s}" for i, s in enumerate(report.improvements, 1)
    ]
    if report.delivery_notes:
        lines += ["", "## Delivery", ""] + [f"- {n}" for n in report.delivery_notes]
    lines += ["", "## Model answers for your weakest questions", ""]
    for item in report.model_answers:
        lines += [f"**{item['question']}** ({item['score']})", "", item["outline"], ""]
    if report.llm.get("calls"):
        lines += [
            f"LLM usage: {int(report.llm['calls'])} calls, {int(report.llm['prompt_tokens'])} prompt + "
            f"{int(report.llm['completion_tokens'])} completion tokens, ~${report.llm['cost_usd']:.4f}"
        ]
    return "\n".join(lines)
