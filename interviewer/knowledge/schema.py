"""The shape of the interview-prep guide as data.

Every knowledge file under ``knowledge/`` is one area: topic notes (prose the retriever
can ground questions in) and a question bank. Loading validates against these models, so
a typo in a field name or a missing key point fails loudly instead of producing a weak
interview later.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")


class Difficulty(StrEnum):
    easy = "easy"
    medium = "medium"
    hard = "hard"


class QuestionType(StrEnum):
    technical = "technical"
    conceptual = "conceptual"
    behavioural = "behavioural"
    project = "project"


def check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(f"id {value!r} must be lower-case words joined by '-' or '.'")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyPoint(Strict):
    """One thing a good answer covers, with words that signal it was covered."""

    text: str = Field(min_length=8, description="The point, as an interviewer would note it.")
    keywords: list[str] = Field(
        default_factory=list,
        description="Words or short phrases whose presence in an answer suggests the point "
        "was made (lower case; synonyms welcome).",
    )

    @field_validator("keywords")
    @classmethod
    def _lower_and_nonempty(cls, value: list[str]) -> list[str]:
        cleaned = [k.strip().lower() for k in value]
        if any(not k for k in cleaned):
            raise ValueError("keywords must not be empty strings")
        return cleaned


class FollowUp(Strict):
    """A probe the interviewer can ask after the main answer."""

    question: str = Field(min_length=10)
    key_point: int | None = Field(
        default=None,
        ge=1,
        description="1-based index of the key point this probe targets, if any.",
    )


class Question(Strict):
    id: str
    difficulty: Difficulty
    type: QuestionType
    question: str = Field(min_length=10)
    key_points: list[KeyPoint] = Field(min_length=3, max_length=6)
    follow_ups: list[FollowUp] = Field(min_length=1, max_length=3)
    model_answer: str = Field(min_length=40, description="A short outline of a strong answer.")
    competency: str | None = Field(
        default=None, description="For behavioural questions: what the question probes."
    )
    tags: list[str] = Field(default_factory=list)

    _id_shape = field_validator("id")(check_id)

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.type is QuestionType.behavioural and not self.competency:
            raise ValueError("behavioural questions must name the competency they probe")
        for follow_up in self.follow_ups:
            if follow_up.key_point is not None and follow_up.key_point > len(self.key_points):
                raise ValueError(
                    f"follow-up targets key point {follow_up.key_point}, "
                    f"but the question has {len(self.key_points)}"
                )
        return self


class Topic(Strict):
    id: str
    title: str = Field(min_length=3)
    notes: str = Field(min_length=200, description="Markdown prose in the project's own words.")

    _id_shape = field_validator("id")(check_id)


class Area(Strict):
    """One knowledge file: an area of the interview with its notes and question bank."""

    area: str
    title: str = Field(min_length=3)
    summary: str = Field(min_length=40)
    topics: list[Topic] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)

    _id_shape = field_validator("area")(check_id)
