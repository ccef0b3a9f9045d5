"""The one fake chat model of the test suite: LangChain's interface, answers decided by the test.

It answers by the call's declared purpose and inputs (`llm.structured.declared_call`), never by the prompt's wording, so editing a prompt cannot change a test double.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field

from interviewer.llm.structured import declared_call


@dataclass(frozen=True)
class Call:
    purpose: str  # "score_star", "score_technical", "follow_up", "ask_question" (":reask" kept)
    inputs: dict[str, Any]
    messages: list[BaseMessage]

    @property
    def base(self) -> str:
        return self.purpose.split(":", 1)[0]


Responder = Callable[[Call], "str | Exception"]


class FakeChat(BaseChatModel):
    """Replies with whatever `respond(call)` returns; raises it if it is an exception.
    With `stream_words`, streams the reply word by word, as a server does with stream=True."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    respond: Any
    calls: list[Call] = Field(default_factory=list)
    stream_words: bool = False

    @property
    def _llm_type(self) -> str:
        return "fake"

    def _call(self, messages: list[BaseMessage], run_manager: Any) -> str:
        declared = declared_call.get()
        call = Call(
            declared.purpose if declared else "",
            dict(declared.inputs) if declared else {},
            list(messages),
        )
        self.calls.append(call)
        reply = self.respond(call)
        if isinstance(reply, Exception):
            raise reply
        return str(reply)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._call(messages, run_manager)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._call(messages, run_manager)
        pieces = text.split(" ") if self.stream_words else [text]
        for i, word in enumerate(pieces):
            yield ChatGenerationChunk(
                message=AIMessageChunk(content=word if i == 0 else " " + word)
            )


def queue(*replies: str | Exception) -> Responder:
    """Replies in order; the last one repeats."""
    items = list(replies)

    def respond(_call: Call) -> str | Exception:
        return items.pop(0) if len(items) > 1 else items[0]

    return respond


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


def valid_star_cited(overall: int = 3, sentence: int = 1) -> str:
    """A valid STAR score in the sentence-number form (scoring.cited) that grammar servers fill."""
    part = {"sentences": [sentence], "score": 1}
    star = {p: part for p in ("situation", "task", "action", "result")}
    return json.dumps({**star, "overall": overall, "tips": ["Quantify it."], "summary": "Vague."})


def valid_technical_cited(key_points: int, covered: int = 1, score: int = 2) -> str:
    points = {f"point_{i}": [1] if i <= covered else [] for i in range(1, key_points + 1)}
    return json.dumps(
        {"key_points": points, "errors": [], "score": score, "problems": [], "summary": "Partial."}
    )


def sensible(call: Call) -> str:
    """A well-behaved model: valid JSON for scoring, short text otherwise."""
    answer = str(call.inputs.get("answer", ""))
    if call.base == "score_star":
        return valid_star(answer)
    if call.base == "score_technical":
        return valid_technical(answer, int(call.inputs["key_point_count"]))
    if call.base == "follow_up":
        return "Interesting. What was the measurable outcome of that?"
    return f"Thanks. {call.inputs.get('question', '')}"
