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
from interviewer.scoring.claims import Finding, checker_for
from interviewer.scoring.schemas import FactualError, KeyPointVerdict, TechnicalScore
from interviewer.scoring.text import Sentence, contains_phrase, is_term_list, normalise, words

Embed = Callable[[list[str]], np.ndarray]

# Thresholds fitted on the odd-numbered items of evals/data/technical_gold.jsonl (key-point F1
# 0.83 there) and, with the correctness check, on evals/data/technical_dev_styles.jsonl
# (keyword-and-similar 0.55 -> 0.50: paraphrases were under-credited); the even-numbered gold
# items are held out. Keywords that merely echo the question's own words do not count.
KEYWORD_AND_SIMILAR = 0.50
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
        listing = is_term_list(" ".join(texts))
        covered_by = self._coverage(question, sentences)
        findings = checker_for(question).check(sentences)
        wrong = [f for f in findings if f.verdict != "supports"]
        contradicted = {f.key_point for f in wrong if f.key_point}
        for finding in findings:
            supports = finding.verdict == "supports" and finding.key_point not in covered_by
            if supports and not is_term_list(finding.quote):
                covered_by[finding.key_point or 0] = finding.quote
        if listing:
            covered_by = {}  # a list of terms without explanation is not coverage
        verdicts = [
            KeyPointVerdict(
                index=i,
                covered=i in covered_by and i not in contradicted,
                evidence=[covered_by[i]] if i in covered_by and i not in contradicted else [],
            )
            for i in range(1, len(points) + 1)
        ]
        covered = sum(v.covered for v in verdicts)
        errors = _errors(question, wrong)
        relevance = self._relevance(question, texts)
        if covered == 0 and not wrong and (relevance < ON_TOPIC or len(words(" ".join(texts))) < 4):
            return TechnicalScore(
                key_points=verdicts, score=0, summary="The answer does not address the question."
            )
        band = score_band(covered, len(points))
        confirmed = {f.key_point for f in findings if f.verdict == "supports"} - contradicted
        band, why = _capped(band, question, errors, len(confirmed), listing)
        summary = (
            f"Covered {covered} of {len(points)} key points" + (f"; {why}" if why else "") + "."
        )
        return TechnicalScore(
            key_points=verdicts,
            score=band,
            problems=[f"{e.quote!r} - {e.correction}" for e in errors]
            + (
                ["A list of terms without explanation: say what each one means."] if listing else []
            ),
            errors=errors,
            summary=summary,
        )

    def _relevance(self, question: Question, texts: list[str]) -> float:
        vectors = self._embed([question.question, *texts])
        return float(np.max(vectors[1:] @ vectors[0]))

    def _coverage(self, question: Question, sentences: list[Sentence]) -> dict[int, str]:
        """Key point -> the answer's words that make it (keywords and similarity), from
        sentences and their clauses; lists of bare terms are not evidence."""
        points = question.key_points
        unit_texts = [(t, i) for t, i in units(sentences) if not is_term_list(t)]
        if not unit_texts:
            return {}
        texts = [t for t, _ in unit_texts]
        vectors = self._embed([kp.text for kp in points] + texts)
        point_vecs, unit_vecs = vectors[: len(points)], vectors[len(points) :]
        similarity = point_vecs @ unit_vecs.T  # (points, units)
        normalised = [normalise(t) for t in texts]
        found: dict[int, str] = {}
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
            if best_with_keyword is not None and (
                similarity[i, best_with_keyword] >= KEYWORD_AND_SIMILAR
                or (keyword_count >= 2 and similarity[i, best_with_keyword] >= TWO_KEYWORDS_FLOOR)
            ):
                found[i + 1] = texts[best_with_keyword]
            elif similarity[i, best] >= SIMILAR_ALONE:
                found[i + 1] = texts[best]
        return found


def _errors(question: Question, wrong: list[Finding]) -> list[FactualError]:
    """One error per wrong statement (clause), with what is true and a probe from the
    knowledge base (a misconception's own, else the key point's)."""
    errors: list[FactualError] = []
    for finding in sorted(wrong, key=lambda f: f.misconception is None):
        if any(e.quote == finding.quote for e in errors):
            continue
        probe: str | None
        if finding.misconception is not None:
            misconception = question.misconceptions[finding.misconception]
            correction, probe = misconception.correction, misconception.probe
        else:
            point = question.key_points[(finding.key_point or 1) - 1]
            correction, probe = point.text, point.probe
        errors.append(
            FactualError(
                quote=finding.quote,
                key_point=finding.key_point,
                correction=correction,
                probe=probe,
            )
        )
    return errors


def _capped(
    band: int, question: Question, errors: list[FactualError], confirmed: int, listing: bool
) -> tuple[int, str]:
    """Wrong claims cap the score: mostly wrong (no more points confirmed by a claim than
    errors, and two errors or nothing confirmed at all) at 1, a central point wrong at 2, any other wrong
    claim at 3; a bare list of terms at 2. Coverage found by similarity alone does not
    outweigh errors: a swapped answer uses all the right words."""
    if listing:
        return min(band, 2), "a list of terms is not an explanation"
    if not errors:
        return band, ""
    central = {i for i, kp in enumerate(question.key_points, start=1) if kp.central}
    wrong_points = {e.key_point for e in errors if e.key_point}
    if len(errors) >= max(confirmed, 1) and (len(errors) >= 2 or confirmed == 0):
        return min(band, 1), f"{len(errors)} statements contradict the facts"
    if wrong_points & central:
        return min(band, 2), "a central point is stated wrongly"
    return min(band, 3), "one statement contradicts the facts"
