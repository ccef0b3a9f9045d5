"""The technical suite: key-point coverage and 0-5 scores against hand labels."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

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
from interviewer.evals.star_suite import by_brain
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.llm.usage import LLMCall
from interviewer.scoring.schemas import ScoreRecord


def score_technical_items(
    brain: Brain,
    kb: KnowledgeBase,
    items: list[TechnicalItem],
    progress: Callable[[int], object] | None = None,
    calls: list[LLMCall] | None = None,
    seconds: list[float] | None = None,
) -> list[ScoreRecord]:
    records = []
    for item in items:
        log: list[LLMCall] = []
        started = time.perf_counter()
        records.append(
            brain.score_technical(kb.question(item.question_id), prepare_answer(item.answer), log)
        )
        if seconds is not None:
            seconds.append(time.perf_counter() - started)
        if calls is not None:
            calls.extend(log)
        if progress:
            progress(1)
    return records


def technical_metrics_from(
    items: list[TechnicalItem], records: list[ScoreRecord], samples: int = 1000
) -> dict[str, Any]:
    tp = fp = fn = 0
    for item, record in zip(items, records, strict=True):
        assert record.technical is not None
        predicted, labelled = set(record.technical.covered), set(item.covered)
        tp += len(predicted & labelled)
        fp += len(predicted - labelled)
        fn += len(labelled - predicted)
    g = np.array([i.score for i in items])
    p = np.array([r.technical.score if r.technical else 0 for r in records])

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
        "confusion": [
            [int(sum(1 for a, b in zip(g, p, strict=True) if a == i and b == j)) for j in range(6)]
            for i in range(6)
        ],
        "low": 0,
        "fallbacks": sum(1 for r in records if r.brain == "offline-fallback"),
        "by_brain": by_brain([r.brain for r in records], g, p, 0, 5),
    }


def technical_metrics(
    brain: Brain, kb: KnowledgeBase, items: list[TechnicalItem], samples: int = 1000
) -> dict[str, Any]:
    return technical_metrics_from(items, score_technical_items(brain, kb, items), samples=samples)
