"""The STAR suite: score every gold answer with a brain and measure agreement."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interviewer.brains import Brain, prepare_answer
from interviewer.evals.costs import call_metrics
from interviewer.evals.datasets import StarItem
from interviewer.evals.metrics import (
    bootstrap,
    exact_agreement,
    mean_bias,
    presence_f1,
    quadratic_weighted_kappa,
    spearman,
)
from interviewer.llm.usage import LLMCall
from interviewer.scoring.schemas import STAR_PARTS, ScoreRecord


@dataclass
class StarPrediction:
    item: StarItem
    record: ScoreRecord
    seconds: float
    calls: list[LLMCall] = field(default_factory=list)


def score_items(
    brain: Brain, items: list[StarItem], progress: Callable[[int], object] | None = None
) -> list[StarPrediction]:
    predictions = []
    for item in items:
        log: list[LLMCall] = []
        started = time.perf_counter()
        record = brain.score_star(item.question, prepare_answer(item.answer), log)
        predictions.append(StarPrediction(item, record, time.perf_counter() - started, log))
        if progress:
            progress(1)
    return predictions


def _ci(value: tuple[float, float, float]) -> dict[str, float]:
    return {"value": round(value[0], 3), "low": round(value[1], 3), "high": round(value[2], 3)}


def star_metrics(predictions: list[StarPrediction], samples: int = 1000) -> dict[str, Any]:
    gold = np.array([p.item.overall for p in predictions])
    pred = np.array([p.record.star.overall if p.record.star else 1 for p in predictions])

    def qwk(g: np.ndarray, p: np.ndarray) -> float:
        return quadratic_weighted_kappa(g, p, 1, 5)

    parts: dict[str, Any] = {}
    for part in STAR_PARTS:
        g = np.array([getattr(p.item.labels, part) for p in predictions])
        s = np.array([p.record.star.part(part).score if p.record.star else 0 for p in predictions])
        parts[part] = {
            "exact": _ci(bootstrap(exact_agreement, g, s, samples=samples)),
            "presence_f1": _ci(bootstrap(presence_f1, g, s, samples=samples)),
            "bias": _ci(bootstrap(mean_bias, g, s, samples=samples)),
        }
    calls = [c for p in predictions for c in p.calls]
    fallbacks = sum(1 for p in predictions if p.record.brain == "offline-fallback")
    return {
        "items": len(predictions),
        "overall": {
            "qwk": _ci(bootstrap(qwk, gold, pred, samples=samples)),
            "spearman": _ci(bootstrap(spearman, gold, pred, samples=samples)),
            "exact": _ci(bootstrap(exact_agreement, gold, pred, samples=samples)),
            "within_one": round(float(np.mean(np.abs(gold - pred) <= 1)), 3),
            "bias": _ci(bootstrap(mean_bias, gold, pred, samples=samples)),
        },
        "parts": parts,
        "confusion": confusion(gold, pred),
        "fallbacks": fallbacks,
        "by_brain": by_brain([p.record.brain for p in predictions], gold, pred, 1, 5),
        "llm": call_metrics(calls, len(predictions), [p.seconds for p in predictions], fallbacks),
    }


def by_brain(
    brains: list[str], gold: np.ndarray, pred: np.ndarray, low: int, high: int
) -> dict[str, dict[str, Any]]:
    """Agreement split by who scored each item: a model's own scores apart from the
    offline engine's fallbacks, which a mixed figure would hide."""
    out: dict[str, dict[str, Any]] = {}
    for brain in sorted(set(brains)):
        mask = np.array([b == brain for b in brains])
        g, p = gold[mask], pred[mask]
        out[brain] = {
            "items": int(mask.sum()),
            "qwk": round(quadratic_weighted_kappa(g, p, low, high), 3) if mask.sum() > 1 else None,
            "exact": round(float(np.mean(g == p)), 3),
            "bias": round(float(np.mean(p - g)), 3),
        }
    return out


def confusion(gold: np.ndarray, pred: np.ndarray, low: int = 1, high: int = 5) -> list[list[int]]:
    size = high - low + 1
    matrix = [[0] * size for _ in range(size)]
    for g, p in zip(gold, pred, strict=True):
        matrix[int(g) - low][int(p) - low] += 1
    return matrix
