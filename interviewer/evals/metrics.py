"""Agreement metrics with bootstrap confidence intervals (numpy only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Metric = Callable[[np.ndarray, np.ndarray], float]


def quadratic_weighted_kappa(gold: np.ndarray, pred: np.ndarray, low: int, high: int) -> float:
    levels = high - low + 1
    observed = np.zeros((levels, levels))
    for g, p in zip(gold, pred, strict=True):
        observed[int(g) - low, int(p) - low] += 1
    weights = (
        np.array([[(i - j) ** 2 for j in range(levels)] for i in range(levels)]) / (levels - 1) ** 2
    )
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / max(observed.sum(), 1)
    denominator = (weights * expected).sum()
    return float(1 - (weights * observed).sum() / denominator) if denominator else 1.0


def _ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    for value in np.unique(values):  # average ranks for ties
        mask = values == value
        ranks[mask] = ranks[mask].mean()
    return ranks


def spearman(gold: np.ndarray, pred: np.ndarray) -> float:
    a, b = _ranks(np.asarray(gold, float)), _ranks(np.asarray(pred, float))
    if a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def exact_agreement(gold: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean(np.asarray(gold) == np.asarray(pred)))


def presence_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """F1 of 'part present' (score >= 1)."""
    g, p = np.asarray(gold) > 0, np.asarray(pred) > 0
    tp = float(np.sum(g & p))
    precision = tp / max(float(np.sum(p)), 1e-9)
    recall = tp / max(float(np.sum(g)), 1e-9)
    return 0.0 if tp == 0 else 2 * precision * recall / (precision + recall)


def mean_bias(gold: np.ndarray, pred: np.ndarray) -> float:
    """Positive: the scorer over-scores on average."""
    return float(np.mean(np.asarray(pred, float) - np.asarray(gold, float)))


def bootstrap(
    metric: Metric,
    gold: np.ndarray | Sequence[float],
    pred: np.ndarray | Sequence[float],
    *,
    samples: int = 1000,
    seed: int = 0,
) -> tuple[float, float, float]:
    """(value, 2.5th percentile, 97.5th percentile) over paired resamples."""
    g, p = np.asarray(gold), np.asarray(pred)
    value = metric(g, p)
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(samples):
        index = rng.integers(0, len(g), len(g))
        stats.append(metric(g[index], p[index]))
    low, high = np.percentile(stats, [2.5, 97.5])
    return value, float(low), float(high)
