"""Key points derived from a reference answer against the curated ones (issue #18's check).

Every bundled question goes through the bank importer with only its question and model
answer (as a coach's file would give them); the technical gold answers are then scored
against the derived key points and against the curated ones with the same scorer. What is
reported per set: how often the two scores are within one point, their mean difference,
QWK between them, each one's QWK with the human label, and the means on correct answers
(human 4-5), so a derivation that under-credits right answers shows.

The tuning sets (the derivation's keyword and claim rules were adjusted on them) and the
held-out set (never tuned on) are reported separately.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from interviewer.banks.build import build_bank
from interviewer.banks.formats import RawEntry
from interviewer.brains import Brain, prepare_answer
from interviewer.coach.banks import guide_rarity
from interviewer.evals.datasets import TechnicalItem, load_jsonl
from interviewer.evals.metrics import quadratic_weighted_kappa
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Question, QuestionType

CHECK_BANK = "derived-check"


def derived_questions(kb: KnowledgeBase) -> dict[str, Question]:
    """Guide question id -> the same question with key points the importer derived from its
    model answer alone (no key points, claims, misconceptions or probes of the guide's)."""
    entries = [
        RawEntry(
            line=number,
            id=q.id.replace(".", "-"),
            question=q.question,
            reference_answer=q.model_answer,
            difficulty=q.difficulty.value,
            type=q.type.value,
        )
        for number, q in enumerate(kb.questions, start=1)
        if q.type is not QuestionType.behavioural
    ]
    rarity = guide_rarity(kb, [e.reference_answer for e in entries])
    built = build_bank(CHECK_BANK, CHECK_BANK, entries, [], rarity)
    by_entry = {b.question.id.split(".", 1)[1]: b.question for b in built.questions}
    return {
        q.id: by_entry[q.id.replace(".", "-")]
        for q in kb.questions
        if q.id.replace(".", "-") in by_entry
    }


def compare(
    brain: Brain, kb: KnowledgeBase, derived: dict[str, Question], items: list[TechnicalItem]
) -> dict[str, Any]:
    human, curated, automatic = [], [], []
    for item in items:
        answer = prepare_answer(item.answer)
        ours = brain.score_technical(kb.question(item.question_id), answer, []).technical
        theirs = brain.score_technical(derived[item.question_id], answer, []).technical
        assert ours is not None and theirs is not None
        human.append(item.score)
        curated.append(ours.score)
        automatic.append(theirs.score)
    h, c, d = np.array(human), np.array(curated), np.array(automatic)
    correct = h >= 4

    def qwk(a: np.ndarray, b: np.ndarray) -> float:
        return round(quadratic_weighted_kappa(a, b, 0, 5), 3)

    return {
        "items": len(items),
        "within_one": round(float(np.mean(np.abs(d - c) <= 1)), 3),
        "mean_difference": round(float(np.mean(d - c)), 3),
        "qwk_derived_vs_curated": qwk(c, d),
        "qwk_human_curated": qwk(h, c),
        "qwk_human_derived": qwk(h, d),
        "correct_answers": int(correct.sum()),
        "mean_on_correct": {
            "human": round(float(h[correct].mean()), 3) if correct.any() else None,
            "curated": round(float(c[correct].mean()), 3) if correct.any() else None,
            "derived": round(float(d[correct].mean()), 3) if correct.any() else None,
        },
    }


def run_derived(brain: Brain, kb: KnowledgeBase, sets: dict[str, list[Path]]) -> dict[str, Any]:
    derived = derived_questions(kb)
    out: dict[str, Any] = {
        "questions": len(derived),
        "key_points_per_question": round(
            float(np.mean([len(q.key_points) for q in derived.values()])), 2
        ),
        "claims_per_question": round(
            float(np.mean([sum(len(k.claims) for k in q.key_points) for q in derived.values()])),
            2,
        ),
    }
    for name, paths in sets.items():
        items = [i for path in paths for i in load_jsonl(path, TechnicalItem)]
        out[name] = compare(brain, kb, derived, items)
    return out
