"""The technical suite: key-point coverage and 0-5 scores against hand labels."""

from __future__ import annotations

import numpy as np

from interviewer.brains import Brain, prepare_answer
from interviewer.evals.datasets import TechnicalItem
from interviewer.evals.metrics import (
    bootstrap,
    exact_agreement,
    mean_bias,
    quadratic_weighted_kappa,
    spearman,
)
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.llm.usage import LLMCall


def technical_metrics(
    brain: Brain, kb: KnowledgeBase, items: list[TechnicalItem], samples: int = 1000
) -> dict[str, object]:
    tp = fp = fn = 0
    gold, pred = [], []
    for item in items:
        log: list[LLMCall] = []
        record = brain.score_technical(
            kb.question(item.question_id), prepare_answer(item.answer), log
        )
        assert record.technical is not None
        predicted, labelled = set(record.technical.covered), set(item.covered)
        tp += len(predicted & labelled)
        fp += len(predicted - labelled)
        fn += len(labelled - predicted)
        gold.append(item.score)
        pred.append(record.technical.score)
    g, p = np.array(gold), np.array(pred)

    def qwk(a: np.ndarray, b: np.ndarray) -> float:
        return quadratic_weighted_kappa(a, b, 0, 5)

    def ci(values: tuple[float, float, float]) -> dict[str, float]:
        return {
            "value": round(values[0], 3),
            "low": round(values[1], 3),
            "high": round(values[2], 3),
        }

    return {
        "items": len(items),
        "key_point_precision": round(tp / max(tp + fp, 1), 3),
        "key_point_recall": round(tp / max(tp + fn, 1), 3),
        "qwk": ci(bootstrap(qwk, g, p, samples=samples)),
        "spearman": ci(bootstrap(spearman, g, p, samples=samples)),
        "exact": ci(bootstrap(exact_agreement, g, p, samples=samples)),
        "bias": ci(bootstrap(mean_bias, g, p, samples=samples)),
    }
