"""Candidate scripts for `interviewer simulate`: validated on load, before anything heavy."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interviewer.errors import UserError
from interviewer.knowledge.loader import KnowledgeBase

MAX_SCRIPT_LINES = 200
MAX_ANSWERS_PER_LINE = 6
OUT_OF_ANSWERS = "skip"


class ScriptLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question_id: str
    answers: list[str] = Field(min_length=1, max_length=MAX_ANSWERS_PER_LINE)


class ScriptError(UserError):
    """A candidate script that cannot be run."""


def load_script(path: Path, kb: KnowledgeBase) -> list[ScriptLine]:
    lines: list[ScriptLine] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = ScriptLine.model_validate_json(raw)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            raise ScriptError(f"{path}:{number}: {where}: {first['msg']}") from None
        try:
            kb.question(line.question_id)
        except Exception:
            raise ScriptError(
                f"{path}:{number}: no question with id {line.question_id!r}"
            ) from None
        lines.append(line)
    if not lines:
        raise ScriptError(f"{path}: the script has no lines")
    if len(lines) > MAX_SCRIPT_LINES:
        raise ScriptError(f"{path}: at most {MAX_SCRIPT_LINES} lines, got {len(lines)}")
    return lines
