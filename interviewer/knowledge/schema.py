"""The shape of the interview-prep guide as data.

Every knowledge file under ``knowledge/`` is one area: topic notes (prose the retriever
can ground questions in) and a question bank. Loading validates against these models, so
a typo in a field name or a missing key point fails loudly instead of producing a weak
interview later.
"""

from __future__ import annotations

import functools
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


@functools.cache
def _whole(phrase: str) -> re.Pattern[str]:
    """The phrase as a whole word or words (compiled once: the guide has thousands)."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])")


def _phrases(value: list[str]) -> list[str]:
    cleaned = [" ".join(k.split()).lower() for k in value]
    if any(not k for k in cleaned):
        raise ValueError("phrases must not be empty strings")
    return cleaned


COST = re.compile(
    r"^O\((1|log n|n|n log n|n\^2|n\^3|2\^n|n!|m \+ n|m \* n|k|n \+ k|n log k|v \+ e)\)$"
)


class Claim(Strict):
    """Something that must be true, in a form the offline checker can test: a subject and
    what holds of it (and what would be wrong), or what an operation costs.

    The checker reads each clause of an answer: a clause that names the subject (any of
    `about`) and a `contradicts` phrase without negation, or a `holds` phrase negated, or a
    cost other than `cost` (and `also_cost`), contradicts the claim; the opposite supports it.
    """

    about: list[str] = Field(min_length=1, description="The subject's names, lower case.")
    holds: list[str] = Field(default_factory=list, description="What is true of it.")
    contradicts: list[str] = Field(
        default_factory=list, description="What a candidate might wrongly say of it."
    )
    cost: str | None = Field(
        default=None, description="Its time complexity, as O(1), O(log n), O(n), O(n log n)..."
    )
    also_cost: list[str] = Field(
        default_factory=list, description="Other costs that are not wrong (worst case, amortised)."
    )

    _lower = field_validator("about", "holds", "contradicts")(_phrases)

    @field_validator("cost")
    @classmethod
    def _cost_shape(cls, value: str | None) -> str | None:
        if value is not None and not COST.match(value):
            raise ValueError(
                f"cost {value!r} must look like O(1), O(log n), O(n), O(n log n), O(n^2)"
            )
        return value

    @field_validator("also_cost")
    @classmethod
    def _costs_shape(cls, value: list[str]) -> list[str]:
        for cost in value:
            if not COST.match(cost):
                raise ValueError(f"cost {cost!r} must look like O(1), O(log n), O(n), O(n log n)")
        return value

    @model_validator(mode="after")
    def _testable(self) -> Claim:
        if not (self.holds or self.contradicts or self.cost):
            raise ValueError("a claim needs holds, contradicts or cost: something to check")
        overlap = set(self.holds) & set(self.contradicts)
        if overlap:
            raise ValueError(f"a phrase cannot both hold and contradict: {sorted(overlap)}")
        return self


class KeyPoint(Strict):
    """One thing a good answer covers, with words that signal it was covered."""

    text: str = Field(min_length=8, description="The point, as an interviewer would note it.")
    keywords: list[str] = Field(
        default_factory=list,
        description="Words or short phrases whose presence in an answer suggests the point "
        "was made (lower case; synonyms welcome).",
    )
    claims: list[Claim] = Field(
        default_factory=list, description="What must be true for the point to be made."
    )
    central: bool = Field(
        default=False, description="Getting this point wrong caps the score at 2 of 5."
    )
    probe: str | None = Field(
        default=None,
        min_length=10,
        description="A follow-up that makes the candidate think about this point without "
        "giving it away (it may not contain the point's keywords or what holds).",
    )

    _lower_and_nonempty = field_validator("keywords")(_phrases)


class Misconception(Strict):
    """A wrong belief freshers often hold about the question, with how to probe and fix it."""

    belief: str = Field(min_length=8, description="The wrong belief, stated plainly.")
    about: list[str] = Field(min_length=1, description="The subject's names, lower case.")
    says: list[str] = Field(
        min_length=1, description="Phrases that, said of the subject, state the belief."
    )
    key_point: int | None = Field(default=None, ge=1, description="The point it contradicts.")
    probe: str = Field(
        min_length=10, description="A question that lets the candidate discover the error."
    )
    correction: str = Field(min_length=10, description="What is actually true, in one sentence.")

    _lower = field_validator("about", "says")(_phrases)


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
    # The guide's own questions need three key points and a 40-character outline (the
    # loader checks: GUIDE_MIN_KEY_POINTS); a coach's imported question may make one claim.
    key_points: list[KeyPoint] = Field(min_length=1, max_length=6)
    follow_ups: list[FollowUp] = Field(min_length=1, max_length=3)
    model_answer: str = Field(min_length=10, description="A short outline of a strong answer.")
    competency: str | None = Field(
        default=None, description="For behavioural questions: what the question probes."
    )
    misconceptions: list[Misconception] = Field(default_factory=list, max_length=6)
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
        for misconception in self.misconceptions:
            if misconception.key_point is not None and misconception.key_point > len(
                self.key_points
            ):
                raise ValueError(
                    f"misconception targets key point {misconception.key_point}, "
                    f"but the question has {len(self.key_points)}"
                )
        asked = self.question.lower()
        for number, point in enumerate(self.key_points, start=1):
            if point.probe is None:
                continue
            probe = f" {' '.join(point.probe.lower().split())} "
            answers = [k for k in point.keywords if k not in asked]
            answers += [h for c in point.claims for h in c.holds if h not in asked]
            given = [a for a in answers if _whole(a).search(probe)]
            if given:
                raise ValueError(
                    f"key point {number}'s probe gives its answer away ({', '.join(given)}); "
                    "ask about the point without naming it"
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
    topics: list[Topic] = Field(default_factory=list, description="The guide's areas need one.")
    questions: list[Question] = Field(min_length=1)

    _id_shape = field_validator("area")(check_id)
