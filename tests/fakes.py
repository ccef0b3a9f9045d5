"""A scripted chat model: LangChain's interface, answers decided by the test."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field

Responder = Callable[[list[BaseMessage]], "str | Exception"]


class ScriptedChat(BaseChatModel):
    """Replies with whatever `respond(messages)` returns; raises it if it is an exception."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    respond: Any
    calls: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.calls.append(list(messages))
        reply = self.respond(list(messages))
        if isinstance(reply, Exception):
            raise reply
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])


class StreamingScriptedChat(ScriptedChat):
    """Streams its reply word by word, as a real server does with stream=True."""

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        self.calls.append(list(messages))
        reply = self.respond(list(messages))
        if isinstance(reply, Exception):
            raise reply
        for i, word in enumerate(reply.split(" ")):
            yield ChatGenerationChunk(
                message=AIMessageChunk(content=word if i == 0 else " " + word)
            )


def queue(*replies: str | Exception) -> Responder:
    """Replies in order; the last one repeats."""
    items = list(replies)

    def respond(_messages: list[BaseMessage]) -> str | Exception:
        return items.pop(0) if len(items) > 1 else items[0]

    return respond


def purpose_of(messages: list[BaseMessage]) -> str:
    system = str(messages[0].content)
    if "STAR method" in system:
        return "star"
    if "key point" in system:
        return "technical"
    if "follow-up" in system:
        return "follow_up"
    return "ask"


def answer_of(messages: list[BaseMessage]) -> str:
    user = str(messages[1].content)
    return user.split("<answer>", 1)[1].split("</answer>", 1)[0] if "<answer>" in user else ""


def valid_star(answer: str, overall: int = 3) -> str:
    first = answer.split(".")[0].strip() or answer.strip()
    part = {"score": 1, "evidence": [first]}
    return json.dumps(
        {
            "situation": part,
            "task": part,
            "action": part,
            "result": part,
            "overall": overall,
            "missing": [],
            "tips": ["Quantify the result."],
            "summary": "Complete but vague.",
        }
    )


def valid_technical(answer: str, key_points: int, covered: int = 1, score: int = 2) -> str:
    first = answer.split(".")[0].strip() or answer.strip()
    verdicts = [
        {"index": i, "covered": i <= covered, "evidence": [first] if i <= covered else []}
        for i in range(1, key_points + 1)
    ]
    return json.dumps(
        {"key_points": verdicts, "score": score, "problems": [], "summary": "Partial."}
    )


def key_point_count(messages: list[BaseMessage]) -> int:
    user = str(messages[1].content)
    block = user.split("Key points:", 1)[1].split("Reference outline", 1)[0]
    return sum(1 for line in block.splitlines() if line.strip()[:2].rstrip(".").isdigit())


def sensible(messages: list[BaseMessage]) -> str:
    """A well-behaved model: valid JSON for scoring, short text otherwise."""
    purpose = purpose_of(messages)
    if purpose == "star":
        return valid_star(answer_of(messages))
    if purpose == "technical":
        return valid_technical(answer_of(messages), key_point_count(messages))
    if purpose == "follow_up":
        return "Interesting. What was the measurable outcome of that?"
    question = str(messages[1].content).rsplit("Next question:", 1)[-1].strip()
    return f"Thanks. {question}"
