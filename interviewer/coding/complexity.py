"""Empirical time complexity from timings at growing input sizes.

Each class f(n) is fitted as t = c * f(n) in log space (log t - log f(n) should be flat);
the class whose residuals vary least wins, and the log-log slope is reported beside it.
Timing noise on a busy machine blurs neighbours (n against n log n, 1 against log n), so
the verdict treats those pairs as one step: "slower than expected" means at least a whole
power of n more, which is what an interviewer would call out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from interviewer.coding.schema import Complexity

_CLASSES: dict[Complexity, Callable[[float], float]] = {
    Complexity.constant: lambda n: 0.0,
    Complexity.logarithmic: lambda n: math.log(math.log(n)),
    Complexity.linear: lambda n: math.log(n),
    Complexity.linearithmic: lambda n: math.log(n) + math.log(math.log(n)),
    Complexity.quadratic: lambda n: 2 * math.log(n),
    Complexity.cubic: lambda n: 3 * math.log(n),
    Complexity.exponential: lambda n: n * math.log(2),
}
# The power of n each class grows by, for the verdict: neighbours share a step.
STEP = {
    Complexity.constant: 0,
    Complexity.logarithmic: 0,
    Complexity.linear: 1,
    Complexity.linearithmic: 1,
    Complexity.quadratic: 2,
    Complexity.cubic: 3,
    Complexity.exponential: 9,
}
_FLOOR_S = 2e-7  # below this a call is noise (a bare Python call costs about 0.05 us)
TOO_FAST_S = 2e-5  # the largest size under 20 us: sizes too small to tell classes apart

Verdict = Literal[
    "as expected",
    "slower than expected",
    "faster than expected",
    "too fast to measure",
    "not measured",
]


class Measurement(BaseModel):
    points: list[tuple[int, float]] = Field(description="(n, seconds per call), min of repeats")
    slope: float | None = None
    measured: Complexity | None = None
    expected: Complexity
    verdict: Verdict = "not measured"
    message: str = ""


def _variance(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return sum((value - mean) ** 2 for value in values) / len(values)


def log_log_slope(points: Sequence[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(seconds, _FLOOR_S)) for _, seconds in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def classify(points: Sequence[tuple[int, float]]) -> Complexity:
    """The class whose shape fits the timings best."""
    logs = [(n, math.log(max(seconds, _FLOOR_S))) for n, seconds in points if n >= 3]
    best, best_spread = Complexity.constant, math.inf
    for complexity, log_f in _CLASSES.items():
        spread = _variance([log_t - log_f(n) for n, log_t in logs])
        if spread < best_spread - 1e-12:
            best, best_spread = complexity, spread
    return best


def measure(points: Sequence[tuple[int, float]], expected: Complexity) -> Measurement:
    result = Measurement(points=list(points), expected=expected)
    if len(points) < 3 or points[-1][0] < 2 * points[0][0]:
        result.message = (
            f"not measured: only {len(points)} input sizes finished in the time allowed"
            if points
            else "not measured"
        )
        return result
    result.slope = round(log_log_slope(points), 2)
    if STEP[expected] >= 1 and max(seconds for _, seconds in points) < TOO_FAST_S:
        result.verdict = "too fast to measure"
        result.message = (
            f"too fast to tell apart at these sizes (at most "
            f"{max(s for _, s in points) * 1e6:.1f} us per call); expected {expected.value}"
        )
        return result
    result.measured = classify(points)
    step, want = STEP[result.measured], STEP[expected]
    if step > want:
        result.verdict = "slower than expected"
        result.message = f"looks like {result.measured.value}; expected {expected.value}"
    elif step < want:
        result.verdict = "faster than expected"
        result.message = f"looks like {result.measured.value}; expected {expected.value}"
    else:
        result.verdict = "as expected"
        result.message = f"looks like {result.measured.value}, as expected ({expected.value})"
    return result
