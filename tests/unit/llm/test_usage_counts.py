"""Token counts: the provider's own when it reports them (nothing counted here), else
tiktoken's."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage

from interviewer import tokens
from interviewer.llm import structured
from interviewer.llm.structured import call_logged
from interviewer.llm.usage import LLMCall
from tests.support.paths import ASSETS_DIR


def _call(reply: AIMessage) -> LLMCall:
    log: list[LLMCall] = []
    chat = GenericFakeChatModel(messages=iter([reply]))
    call_logged(
        chat,
        [HumanMessage("What is a tuple? " * 20)],
        model="openai:gpt-4o-mini",
        purpose="ask",
        prompt_version="t1",
        log=log,
    )
    return log[0]


def test_reported_usage_is_used_and_nothing_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_counting(*_args: Any) -> int:
        raise AssertionError("counted tokens the provider reported")

    monkeypatch.setattr(structured, "count_prompt_tokens", no_counting)
    usage = {"input_tokens": 321, "output_tokens": 12, "total_tokens": 333}
    logged = _call(AIMessage("A tuple is immutable.", usage_metadata=usage))
    assert (logged.prompt_tokens, logged.completion_tokens) == (321, 12)


def test_without_usage_the_tokens_are_counted() -> None:
    tokens.configure(ASSETS_DIR)
    logged = _call(AIMessage("A tuple is immutable."))
    assert logged.prompt_tokens > 60 and logged.completion_tokens == tokens.count_tokens(
        "A tuple is immutable."
    )
