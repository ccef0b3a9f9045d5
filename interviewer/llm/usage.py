"""What each LLM call cost: tokens counted offline with tiktoken, latency and price."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import BaseMessage

from interviewer import tokens

# US dollars per million tokens (input, output), from the vendor's public price list.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
}
MESSAGE_OVERHEAD = 3  # tokens the chat format adds per message
REPLY_PRIMING = 3


@dataclass(frozen=True)
class LLMCall:
    purpose: str
    model: str
    prompt_version: str
    prompt_tokens: int
    completion_tokens: int
    latency_ms: float
    cost_usd: float | None
    ok: bool
    error: str = ""
    quote_outcomes: tuple[str, ...] = ()  # "exact" / "snapped" / "rejected", one per quote


def model_name(model: str) -> str:
    return model.split(":", 1)[-1]


def count_prompt_tokens(messages: Sequence[BaseMessage], model: str) -> int:
    encoding = tokens.encoding_for(model)
    total = REPLY_PRIMING
    for message in messages:
        content = message.content if isinstance(message.content, str) else str(message.content)
        total += MESSAGE_OVERHEAD + tokens.count_tokens(content, encoding)
    return total


def count_completion_tokens(text: str, model: str) -> int:
    return tokens.count_tokens(text, tokens.encoding_for(model))


def estimate_cost(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    """None when the price is unknown (local or unlisted models): never a made-up number."""
    price = PRICES.get(model_name(model))
    if price is None:
        return None
    return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000
