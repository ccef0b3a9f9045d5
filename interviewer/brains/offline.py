"""The offline brain: deterministic, knowledge-grounded, no network."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from interviewer.banks.derive import DerivedPoints, derive
from interviewer.brains.base import FollowUpRequest, PreparedAnswer
from interviewer.knowledge.schema import Question
from interviewer.llm.usage import LLMCall
from interviewer.profile.extract import extract_profile
from interviewer.profile.schema import Profile
from interviewer.scoring.schemas import ScoreRecord
from interviewer.scoring.star_offline import OfflineStarScorer
from interviewer.scoring.technical_offline import OfflineTechnicalScorer

OFFLINE_VERSION = "offline-2"  # claims check and the learned STAR model


class CachedEmbed:
    """Memoises embeddings of repeated texts (key points, questions, prototypes)."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray], capacity: int = 4096) -> None:
        self._embed = embed
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._capacity = capacity

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self._embed(missing), strict=True):
                self._cache[text] = vector
                if len(self._cache) > self._capacity:
                    self._cache.popitem(last=False)
        return (
            np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)
        )


class OfflineBrain:
    label = "offline"
    words_questions = False  # asks the knowledge base's questions as written

    def __init__(self, embed: Callable[[list[str]], np.ndarray]) -> None:
        cached = CachedEmbed(embed)
        self.star_scorer = OfflineStarScorer(cached)
        self.technical_scorer = OfflineTechnicalScorer(cached)

    def score_star(
        self,
        question: str,
        answer: PreparedAnswer,
        log: list[LLMCall],
        *,
        fallback_reason: str | None = None,
        fallback_detail: str | None = None,
    ) -> ScoreRecord:
        return ScoreRecord(
            kind="star",
            brain="offline-fallback" if fallback_reason else "offline",
            model="offline",
            prompt_version=OFFLINE_VERSION,
            star=self.star_scorer.score(question, answer.sentences),
            delivery=answer.delivery,
            ignored_instructions=answer.ignored_instructions,
            fallback_reason=fallback_reason,
            fallback_detail=fallback_detail,
        )

    def score_technical(
        self,
        question: Question,
        answer: PreparedAnswer,
        log: list[LLMCall],
        *,
        fallback_reason: str | None = None,
        fallback_detail: str | None = None,
    ) -> ScoreRecord:
        return ScoreRecord(
            kind="technical",
            brain="offline-fallback" if fallback_reason else "offline",
            model="offline",
            prompt_version=OFFLINE_VERSION,
            technical=self.technical_scorer.score(question, answer.sentences),
            model_answer=question.model_answer,
            delivery=answer.delivery,
            ignored_instructions=answer.ignored_instructions,
            fallback_reason=fallback_reason,
            fallback_detail=fallback_detail,
        )

    def follow_up(self, request: FollowUpRequest, log: list[LLMCall]) -> str:
        return request.suggestion

    def ask(self, question: str, context: str, recent: str, log: list[LLMCall]) -> str:
        return question

    def read_profile(self, text: str, log: list[LLMCall]) -> Profile:
        return extract_profile(text)

    def derive_points(
        self, question: str, reference_answer: str, log: list[LLMCall]
    ) -> DerivedPoints:
        return derive(question, reference_answer)
