"""Pure functions from stored records to what the UI shows (testable without a browser)."""

from __future__ import annotations

import html

import pandas as pd

from interviewer.coding.runner import Verdict
from interviewer.interview.report import Report
from interviewer.safe_text import code_block, code_span, inert_markdown, visible
from interviewer.scoring.schemas import STAR_PARTS, ScoreRecord
from interviewer.storage.models import ChatRole, TurnKind
from interviewer.storage.records import Message, Turn

STAR_COLOURS = {"situation": "#60a5fa", "task": "#a78bfa", "action": "#34d399", "result": "#fbbf24"}
Chat = list[dict[str, str]]


def brain_banner(label: str, uses_llm: bool) -> str:
    if uses_llm:
        return (
            f"**Interviewer: LLM {code_span(label)}.** Scores come from the model; if it "
            "fails, the offline engine scores the turn and the score is labelled as a fallback."
        )
    return (
        "**Interviewer: built-in offline engine** (no API key needed). It asks questions from the "
        "knowledge base and scores by key-point coverage and a learned STAR analysis. It checks "
        "each statement against the knowledge base's claims: swapped or negated facts, wrong "
        "complexities and known misconceptions are flagged with your words and cap the score. "
        "It cannot see wrong reasoning in correct words or errors the knowledge base does not "
        "describe, so a high score is not proof of correctness. To use an LLM, set `INTERVIEWER_API_KEY` "
        "(OpenAI) or `INTERVIEWER_BASE_URL` + `INTERVIEWER_MODEL` (Ollama, vLLM, LM Studio, "
        "llama.cpp) and restart."
    )


def question_caption(turn: Turn) -> str:
    kind = (
        "Follow-up"
        if turn.kind is TurnKind.follow_up
        else f"Question ({turn.area}, {turn.question_type})"
    )
    source = html.escape(turn.source.rsplit("/", 1)[-1])
    return f"<sub>{html.escape(kind)} · source: {source}</sub>"


def chat_messages(messages: list[Message], turns: tuple[Turn, ...]) -> Chat:
    """The stored conversation as the chat component shows it. Every line is inert: what a
    candidate typed, and what a model worded, appear as text, never markup."""
    by_seq = {t.seq: t for t in turns}
    chat: Chat = []
    for message in messages:
        text = inert_markdown(message.text)
        turn = by_seq.get(message.turn_seq) if message.turn_seq is not None else None
        asks = turn is not None and message.text == turn.question_text
        if message.role is ChatRole.interviewer and turn is not None and asks:
            text = f"{text}\n\n{question_caption(turn)}"
        chat.append({"role": message.role.value, "content": text})
    return chat


def notice(text: str) -> dict[str, str]:
    """A line the server adds to what is shown but does not store (an error, a refusal)."""
    return {"role": ChatRole.interviewer.value, "content": f"⚠️ {inert_markdown(text)}"}


def star_highlights(answer: str, record: ScoreRecord) -> list[tuple[str, str | None]]:
    """The answer split into (text, part) spans for HighlightedText (shown as text)."""
    if record.star is None:
        return [(visible(answer), None)]
    marks: list[tuple[int, int, str]] = []
    lowered = answer.lower()
    for part in STAR_PARTS:
        for quote in record.star.part(part).evidence:
            start = answer.find(quote)
            if start < 0:
                start = lowered.find(quote.lower())
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
    return [(visible(text), part) for text, part in spans]


def area_chart(report: Report) -> pd.DataFrame:
    return pd.DataFrame({"area": list(report.per_area), "score %": list(report.per_area.values())})


def star_chart(report: Report) -> pd.DataFrame:
    return pd.DataFrame(
        {"part": list(report.star_breakdown), "average (0-2)": list(report.star_breakdown.values())}
    )


def verdict_markdown(verdict: Verdict | None, unavailable: str = "") -> str:
    """What the last Run or Submit found, for the panel under the editor."""
    if unavailable:
        return f"**Code cannot run here:** {inert_markdown(unavailable)}"
    if verdict is None:
        return "_Run checks the examples; Submit runs the hidden tests and times your code._"
    title = "Run (examples)" if verdict.kind == "run" else "Submit (hidden tests)"
    lines = [f"**{title}: {verdict.status}** · {inert_markdown(verdict.summary())}"]
    for case in verdict.cases:
        if case.visible:
            mark = "✅" if case.passed else "❌"
            got = case.error or case.got
            lines.append(
                f"- {mark} {inert_markdown(case.name)}: {code_span(case.input)} → expected "
                f"{code_span(case.expected)}, got {code_span(got)}"
            )
    hidden = [c for c in verdict.cases if not c.visible]
    if hidden:
        passed = sum(c.passed for c in hidden)
        lines.append(f"- hidden tests: {passed}/{len(hidden)} passed")
        failing = next((c for c in hidden if not c.passed), None)
        if failing is not None:
            reason = failing.error or "wrong answer"
            lines.append(
                f"  - first failing: {inert_markdown(failing.name)} ({inert_markdown(reason)})"
            )
    if verdict.complexity and verdict.complexity.message:
        lines.append(f"- complexity: {inert_markdown(verdict.complexity.message)}")
    for finding in verdict.findings[:5]:
        lines.append(
            f"- ruff {code_span(finding.code)} line {finding.line}: {inert_markdown(finding.message)}"
        )
    if verdict.output.strip():
        lines.append("\nOutput:\n\n" + code_block(verdict.output[-3000:], "text"))
    return "\n".join(lines)


def download_links(links: dict[str, str]) -> str:
    """Links to our own download routes (label -> URL relative to the page)."""
    if not links:
        return ""
    items = " · ".join(
        f'<a href="{html.escape(url)}" download>{html.escape(label)}</a>'
        for label, url in links.items()
    )
    return f'<p class="downloads">Download: {items}</p>'
