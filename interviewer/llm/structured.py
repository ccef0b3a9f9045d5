"""Structured output with a bounded re-ask.

The model replies with JSON; we validate it with the pydantic schema (including business
rules such as "evidence quotes occur in the answer"). An invalid reply goes back to the
model with the validation error, up to N attempts; then StructuredOutputError carries the
last output and the attempt count.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, ValidationError

from interviewer.llm.usage import (
    LLMCall,
    count_completion_tokens,
    count_prompt_tokens,
    estimate_cost,
)
from interviewer.prompts import Prompt

T = TypeVar("T", bound=BaseModel)
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DeclaredCall:
    """What a model call is for: its purpose ("score_star", "follow_up", ...; ":reask" on a
    retry), its prompt version and its inputs. Set for the duration of each call."""

    purpose: str
    prompt_version: str
    inputs: dict[str, Any]


# Stand-in models (the scripted model, test doubles) answer by this, never by prompt wording.
# A context variable rather than run metadata: LangChain hands metadata to `_generate`
# but not to `_stream`.
declared_call: ContextVar[DeclaredCall | None] = ContextVar("declared_call", default=None)


class IncompleteStream(RuntimeError):
    """A streamed reply stopped before the model said it had finished."""


def reports_finish(chat: BaseChatModel) -> bool:
    """OpenAI-compatible servers end every complete stream with a finish reason."""
    from langchain_openai.chat_models.base import BaseChatOpenAI

    return isinstance(chat, BaseChatOpenAI)


class StructuredOutputError(RuntimeError):
    def __init__(self, message: str, last_output: str, attempts: int) -> None:
        super().__init__(message)
        self.last_output = last_output
        self.attempts = attempts


def schema_for(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema(), separators=(",", ":"))


def extract_json(text: str) -> str:
    """The JSON object in a reply, tolerating code fences and surrounding prose."""
    stripped = _FENCE.sub("", text.strip())
    start, end = stripped.find("{"), stripped.rfind("}")
    if start == -1 or end < start:
        raise ValueError("the reply contains no JSON object")
    return stripped[start : end + 1]


def text_of(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(
        part.get("text", "") if isinstance(part, dict) else str(part) for part in content
    )


def call_logged(
    chat: BaseChatModel,
    messages: Sequence[BaseMessage],
    *,
    model: str,
    purpose: str,
    prompt_version: str,
    log: list[LLMCall],
    on_text: Callable[[str], None] | None = None,
    inputs: dict[str, Any] | None = None,
) -> str:
    """One model call, recorded in `log` whether it succeeds or fails.

    With `on_text`, the reply is streamed and the text so far is handed over as it grows.
    The call's purpose, prompt version and inputs travel as run metadata: recordings key on
    the version, tracing shows them, and stand-in models answer by purpose and inputs.
    """
    prompt_tokens = count_prompt_tokens(messages, model)
    started = time.perf_counter()
    config: Any = {
        "metadata": {"prompt_version": prompt_version, "purpose": purpose, "inputs": inputs or {}}
    }
    text = ""

    def record(completion: int, error: str = "") -> None:
        log.append(
            LLMCall(
                purpose,
                model,
                prompt_version,
                prompt_tokens,
                completion,
                (time.perf_counter() - started) * 1000,
                estimate_cost(model, prompt_tokens, completion),
                ok=not error,
                error=error,
            )
        )

    token = declared_call.set(DeclaredCall(purpose, prompt_version, dict(inputs or {})))
    try:
        if on_text is None:
            text = text_of(chat.invoke(list(messages), config=config))
        else:
            finished = False
            for chunk in chat.stream(list(messages), config=config):
                finished = finished or bool(chunk.response_metadata.get("finish_reason"))
                if piece := text_of(chunk):
                    text += piece
                    on_text(text)
            if reports_finish(chat) and not finished:
                # The connection dropped mid-reply: a half sentence must not become the question.
                raise IncompleteStream(f"{purpose}: the stream ended without a finish reason")
    except Exception as exc:
        record(0, type(exc).__name__)
        raise
    finally:
        declared_call.reset(token)
    record(count_completion_tokens(text, model))
    return text


def invoke_structured(
    chat: BaseChatModel,
    prompt: Prompt,
    reask: Prompt,
    schema: type[T],
    *,
    model: str,
    purpose: str,
    values: dict[str, Any],
    context: dict[str, Any],
    max_attempts: int,
    log: list[LLMCall],
    inputs: dict[str, Any] | None = None,
) -> T:
    messages: list[BaseMessage] = prompt.render(schema=schema_for(schema), **values)
    last = ""
    for attempt in range(1, max_attempts + 1):
        last = call_logged(
            chat,
            messages,
            model=model,
            purpose=purpose if attempt == 1 else f"{purpose}:reask",
            prompt_version=prompt.label,
            log=log,
            inputs={**values, **(inputs or {})},
        )
        try:
            return schema.model_validate_json(extract_json(last), context=context)
        except (ValueError, ValidationError) as exc:
            error = _short_error(exc)
            if attempt == max_attempts:
                raise StructuredOutputError(
                    f"{purpose}: invalid structured output after {attempt} attempts: {error}",
                    last,
                    attempt,
                ) from exc
            messages = [
                *messages,
                AIMessage(last),
                HumanMessage(reask.render(error=error)[1].content),
            ]
    raise AssertionError("unreachable")  # pragma: no cover


def _short_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'reply'}: {e['msg']}" for e in exc.errors()[:5]
        )
    return str(exc)[:300]
