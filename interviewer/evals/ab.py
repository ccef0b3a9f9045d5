"""Paired A/B comparison of two scorers on the same items.

For each item the error of each side against the gold label is computed; the paired
difference (baseline error minus candidate error: positive means the candidate is better)
gets a bootstrap confidence interval. The verdict fails only when the whole interval lies
below -margin, i.e. when a drop is clearly larger than the tolerated margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def paired_comparison(
    gold: Sequence[float],
    baseline: Sequence[float],
    candidate: Sequence[float],
    *,
    margin: float,
    samples: int = 2000,
    seed: int = 0,
) -> dict[str, Any]:
    g, b, c = (np.asarray(x, dtype=float) for x in (gold, baseline, candidate))
    diff = np.abs(b - g) - np.abs(c - g)
    rng = np.random.default_rng(seed)
    means = [float(np.mean(diff[rng.integers(0, len(diff), len(diff))])) for _ in range(samples)]
    low, high = (float(v) for v in np.percentile(means, [2.5, 97.5]))
    if high < -margin:
        verdict = "regression"
    elif low > 0:
        verdict = "improvement"
    else:
        verdict = "no clear difference"
    return {
        "items": len(diff),
        "mean_error_baseline": round(float(np.mean(np.abs(b - g))), 3),
        "mean_error_candidate": round(float(np.mean(np.abs(c - g))), 3),
        "paired_gain": {
            "value": round(float(np.mean(diff)), 3),
            "low": round(low, 3),
            "high": round(high, 3),
        },
        "better": int(np.sum(diff > 0)),
        "worse": int(np.sum(diff < 0)),
        "same": int(np.sum(diff == 0)),
        "margin": margin,
        "verdict": verdict,
        "passed": verdict != "regression",
    }
