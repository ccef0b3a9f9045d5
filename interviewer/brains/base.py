"""The interface every brain implements, and the answer preparation they share."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

from interviewer.banks.derive import DerivedPoints
from interviewer.knowledge.schema import Question
from interviewer.llm.usage import LLMCall
from interviewer.profile.schema import Profile
from interviewer.scoring.delivery import delivery_hints
from interviewer.scoring.injection import strip_instructions
from interviewer.scoring.schemas import DeliveryHints, ScoreRecord
from interviewer.scoring.text import Sentence


@dataclass(frozen=True)
class PreparedAnswer:
    """The answer as the scorers see it: grader-directed text removed, sentences kept exact."""

    original: str
    cleaned: str
    sentences: list[Sentence]
    ignored_instructions: list[str]
    delivery: DeliveryHints


def prepare_answer(answer: str) -> PreparedAnswer:
    cleaned, removed, kept = strip_instructions(answer)
    return PreparedAnswer(answer, cleaned, kept, removed, delivery_hints(cleaned or answer))


# Where words of the interviewer's next line go while a model is still writing them. A UI
# sets it for the duration of one engine call; brains that can stream feed it.
text_sink: ContextVar[Callable[[str], None] | None] = ContextVar("text_sink", default=None)


@dataclass(frozen=True)
class FollowUpRequest:
    question: str
    answer: str
    gap: str  # what is missing, in words an interviewer would note
    suggestion: str  # a probe from the knowledge base or a STAR template


class Brain(Protocol):
    label: str
    words_questions: bool  # whether ask() rewords questions (and so wants grounding context)

    def score_star(
        self, question: str, answer: PreparedAnswer, log: list[LLMCall]
    ) -> ScoreRecord: ...

    def score_technical(
        self, question: Question, answer: PreparedAnswer, log: list[LLMCall]
    ) -> ScoreRecord: ...

    def follow_up(self, request: FollowUpRequest, log: list[LLMCall]) -> str: ...

    def ask(self, question: str, context: str, recent: str, log: list[LLMCall]) -> str: ...

    def read_profile(self, text: str, log: list[LLMCall]) -> Profile: ...

    def derive_points(
        self, question: str, reference_answer: str, log: list[LLMCall]
    ) -> DerivedPoints: ...
