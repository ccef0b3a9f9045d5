"""Eval dataset formats, validated on load with line numbers in every error.

STAR items (JSONL, one object per line):
  {"id", "question", "answer", "labels": {"situation", "task", "action", "result"}, "overall"}
with optional "spans" ({part: [verbatim substrings]}) and any other fields (ignored).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from interviewer.errors import UserError
from interviewer.scoring.schemas import STAR_PARTS, StarLabels

T = TypeVar("T", bound=BaseModel)


class DatasetError(UserError, ValueError):
    pass


class StarItem(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    question: str
    answer: str
    labels: StarLabels
    overall: int = Field(ge=1, le=5)
    spans: dict[str, list[str]] | None = None
    style: str | None = None

    @model_validator(mode="after")
    def _spans_occur(self) -> StarItem:
        for part, quotes in (self.spans or {}).items():
            if part not in STAR_PARTS:
                raise ValueError(f"unknown span part {part!r}")
            for quote in quotes:
                if quote not in self.answer:
                    raise ValueError(
                        f"span for {part} does not occur in the answer: {quote[:60]!r}"
                    )
        return self


def load_jsonl(path: Path, model: type[T]) -> list[T]:
    items: list[T] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = model.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{number}: not valid JSON: {exc.msg}") from exc
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()
            )
            raise DatasetError(f"{path}:{number}: {problems}") from exc
        item_id = str(getattr(item, "id", number))
        if item_id in seen:
            raise DatasetError(f"{path}:{number}: duplicate id {item_id!r}")
        seen.add(item_id)
        items.append(item)
    if not items:
        raise DatasetError(f"{path}: no items")
    return items


def load_star_dataset(path: Path) -> list[StarItem]:
    return load_jsonl(path, StarItem)


class TechnicalItem(BaseModel):
    """A labelled technical answer: {"id", "question_id", "answer", "covered", "score"}."""

    model_config = ConfigDict(extra="ignore")
    id: str
    question_id: str
    answer: str
    covered: list[int]
    score: int = Field(ge=0, le=5)
    problems: list[str] = Field(default_factory=list)
    style: str | None = None


class FollowUpCase(BaseModel):
    """An answer and what it is missing: key point indices, or STAR parts."""

    model_config = ConfigDict(extra="ignore")
    id: str
    kind: str = Field(pattern="^(technical|star)$")
    question_id: str | None = None
    question: str
    answer: str
    missing: list[str] = Field(
        min_length=1, description="Key point numbers as strings, or STAR part names."
    )
