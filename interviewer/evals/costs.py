"""Cost, speed and output-validity figures for a suite, from the recorded LLM calls."""

from __future__ import annotations

import statistics
from typing import Any

from interviewer.llm.usage import LLMCall


def call_metrics(
    calls: list[LLMCall],
    items: int,
    seconds: list[float],
    fallbacks: int,
    structured: tuple[str, ...] = ("score_",),
) -> dict[str, Any]:
    """`structured`: the purposes (prefixes) of the calls that must return a valid object."""
    scoring = [c for c in calls if c.purpose.startswith(structured)]
    first_tries = [c for c in scoring if not c.purpose.endswith(":reask")]
    reasks = len(scoring) - len(first_tries)
    costs = [c.cost_usd for c in calls if c.cost_usd is not None]
    quotes = [outcome for c in scoring for outcome in c.quote_outcomes]
    cut_off = sum(1 for c in calls if c.error == "TruncatedReply")
    return {
        "llm_calls": len(calls),
        "prompt_tokens": sum(c.prompt_tokens for c in calls),
        "completion_tokens": sum(c.completion_tokens for c in calls),
        "cost_usd": round(sum(costs), 5) if costs else None,  # None: no known price (local model)
        "cost_per_item_usd": round(sum(costs) / items, 6) if costs and items else None,
        "median_latency_ms_per_item": round(statistics.median(seconds) * 1000, 2)
        if seconds
        else None,
        "reask_rate": round(reasks / len(first_tries), 3) if first_tries else None,
        "valid_first_try_rate": round(_valid_first_tries(scoring) / len(first_tries), 3)
        if first_tries
        else None,
        "fallback_rate": round(fallbacks / items, 3) if items else None,
        "cut_off_replies": cut_off,
        "quotes": {
            "checked": len(quotes),
            "exact_rate": round(quotes.count("exact") / len(quotes), 3) if quotes else None,
            "snapped_rate": round(quotes.count("snapped") / len(quotes), 3) if quotes else None,
            "rejected_rate": round(quotes.count("rejected") / len(quotes), 3) if quotes else None,
        },
    }


def _valid_first_tries(scoring: list[LLMCall]) -> int:
    """First tries that succeeded and were not followed by a re-ask (calls are in order)."""
    valid = 0
    for i, call in enumerate(scoring):
        if call.purpose.endswith(":reask"):
            continue
        reasked = i + 1 < len(scoring) and scoring[i + 1].purpose.endswith(":reask")
        valid += call.ok and not reasked
    return valid
