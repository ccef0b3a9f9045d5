"""Scoring many answers in one process: one JSON line in, one JSON line out.

For a coach grading a class's written answers and an engineer evaluating a scorer on
thousands of answers. A bad line (not JSON, a missing field, an unknown question id, an
answer over the limit) is one error line that says what is wrong, and the run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from interviewer.brains import Brain, prepare_answer
from interviewer.errors import UserError
from interviewer.interview.engine import MAX_ANSWER_CHARS
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.llm.usage import LLMCall

MAX_LINE_CHARS = MAX_ANSWER_CHARS + 4_000


def score_batch(brain: Brain, kb: KnowledgeBase, kind: str, lines: Iterable[str]) -> Iterator[str]:
    """A JSON line per non-blank input line: {"line", "id", "record"} or {"line", "id", "error"}."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        item_id: Any = None
        try:
            if len(raw) > MAX_LINE_CHARS:
                raise ValueError(f"the line is longer than {MAX_LINE_CHARS:,} characters")
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not a JSON object: {exc}") from exc
            if not isinstance(item, dict):
                raise ValueError("each line must be a JSON object")
            item_id = item.get("id")
            answer = _text(item, "answer")
            if len(answer) > MAX_ANSWER_CHARS:
                raise ValueError(f"the answer is longer than {MAX_ANSWER_CHARS:,} characters")
            log: list[LLMCall] = []
            if kind == "technical":
                question = kb.question(_text(item, "question_id"))
                record = brain.score_technical(question, prepare_answer(answer), log)
            else:
                record = brain.score_star(_text(item, "question"), prepare_answer(answer), log)
        except (ValueError, UserError) as exc:
            yield json.dumps({"line": number, "id": item_id, "error": str(exc)})
            continue
        yield json.dumps({"line": number, "id": item_id, "record": record.model_dump(mode="json")})


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key!r} must be a non-empty string")
    return value
