"""Offline technical scoring: key-point coverage by keywords and embedding similarity.

A key point counts as covered when the answer contains one of its keywords *and* a
sentence is semantically close to it, or when a sentence is very close to it on its own.
The offline scorer checks coverage, not correctness; it says so in its summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from interviewer.knowledge.schema import Question
from interviewer.scoring.schemas import KeyPointVerdict, TechnicalScore
from interviewer.scoring.text import Sentence, contains_phrase, normalise, words

Embed = Callable[[list[str]], np.ndarray]

# Thresholds fitted on the odd-numbered items of evals/data/technical_gold.jsonl (key-point F1
# 0.83 there); the even-numbered items are held out. Keywords that merely echo the question's
# own words do not count as evidence.
KEYWORD_AND_SIMILAR = 0.55
TWO_KEYWORDS_FLOOR = 0.48
SIMILAR_ALONE = 0.80
ON_TOPIC = 0.2
_CLAUSE = re.compile(r",\s+|;\s+|\s+(?:and|which|so|because|but|while)\s+")
MIN_CLAUSE_WORDS = 3


def units(sentences: list[Sentence]) -> list[tuple[str, int]]:
    """Sentences plus their clauses, each with the index of the sentence it came from.

    One sentence often makes two key points ("it uses yield, which saves memory"); comparing
    clauses as well keeps one point from diluting the other's similarity.
    """
    out = [(s.text, i) for i, s in enumerate(sentences)]
    for i, sentence in enumerate(sentences):
        clauses = [c for c in _CLAUSE.split(sentence.text) if len(words(c)) >= MIN_CLAUSE_WORDS]
        if len(clauses) > 1:
            out.extend((c, i) for c in clauses)
    return out


def score_band(covered: int, total: int) -> int:
    """Anchored 0-5 scale from coverage (see TechnicalScore.score)."""
    if total == 0 or covered == 0:
        return 1
    share = covered / total
    if covered == total:
        return 5
    if share >= 0.75:
        return 4
    if share >= 0.4 and covered >= 2:
        return 3
    return 2


class OfflineTechnicalScorer:
    def __init__(self, embed: Embed) -> None:
        self._embed = embed

    def score(self, question: Question, sentences: list[Sentence]) -> TechnicalScore:
        points = question.key_points
        if not sentences:
            empty = [KeyPointVerdict(index=i + 1, covered=False) for i in range(len(points))]
            return TechnicalScore(key_points=empty, score=0, summary="No answer to score.")
        texts = [s.text for s in sentences]
        vectors = self._embed([kp.text for kp in points] + [question.question] + texts)
        point_vecs, question_vec, sentence_vecs = (
            vectors[: len(points)],
            vectors[len(points)],
            vectors[len(points) + 1 :],
        )
        similarity = point_vecs @ sentence_vecs.T  # (points, sentences)
        normalised = [normalise(t) for t in texts]
        verdicts: list[KeyPointVerdict] = []
        for i, point in enumerate(points):
            hits = [
                j
                for j, text in enumerate(normalised)
                if any(contains_phrase(text, k) for k in point.keywords)
            ]
            keyword_count = sum(
                1 for k in point.keywords if any(contains_phrase(t, k) for t in normalised)
            )
            best = int(np.argmax(similarity[i]))
            best_with_keyword = max(hits, key=lambda j: similarity[i, j]) if hits else None
            covered_by = None
            if (
                best_with_keyword is not None
                and similarity[i, best_with_keyword] >= KEYWORD_AND_SIMILAR
            ) or (
                best_with_keyword is not None
                and keyword_count >= 2
                and similarity[i, best_with_keyword] >= TWO_KEYWORDS_FLOOR
            ):
                covered_by = best_with_keyword
            elif similarity[i, best] >= SIMILAR_ALONE:
                covered_by = best
            verdicts.append(
                KeyPointVerdict(
                    index=i + 1,
                    covered=covered_by is not None,
                    evidence=[texts[covered_by]] if covered_by is not None else [],
                )
            )
        covered = sum(v.covered for v in verdicts)
        relevance = float(np.max(sentence_vecs @ question_vec))
        if covered == 0 and (relevance < ON_TOPIC or len(words(" ".join(texts))) < 4):
            band, summary = 0, "The answer does not address the question."
        else:
            band = score_band(covered, len(points))
            summary = (
                f"Covered {covered} of {len(points)} key points "
                "(offline engine: checks coverage, not correctness)."
            )
        return TechnicalScore(key_points=verdicts, score=band, summary=summary)
