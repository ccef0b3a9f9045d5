"""Structured output: the provider's native mode, validated, with a bounded re-ask.

The schema travels the way the provider constrains output (`StructuredMode`): OpenAI's
strict JSON schema, a JSON-object mode with a schema (llama.cpp's grammar, vLLM, Ollama),
a forced tool call (LangChain's `bind_tools`, which every tool-calling provider supports),
or, for servers with none of these, pasted into the prompt as text. The prompt itself
keeps only the rubric. We validate the reply with the pydantic schema and its business
rules (quotes come from the answer, the parts agree with `missing`): near-verbatim quotes
are snapped to the answer's words (scoring.quotes); anything else invalid goes back to the
model with the validation error, up to N attempts, then StructuredOutputError carries the
last output and the attempt count. A reply cut off at its token budget is never re-asked
with the same budget: it raises TruncatedReply and the caller falls back, labelled.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal, Protocol, TypeVar, get_args

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable
from pydantic import BaseModel, ValidationError

from interviewer.llm.usage import (
    LLMCall,
    count_completion_tokens,
    count_prompt_tokens,
    estimate_cost,
)
from interviewer.prompts import Prompt

T = TypeVar("T", bound=BaseModel)
StructuredMode = Literal["json_schema", "json_object", "tool_calling", "plain"]
STRUCTURED_MODES: tuple[str, ...] = get_args(StructuredMode)
EvidenceForm = Literal["quotes", "sentences"]  # how a score cites the answer
CUT_OFF = ("length", "max_tokens")  # finish reasons of a reply that hit its token budget
PLAIN_FORMAT = "Reply with one JSON object matching this JSON schema, and nothing else:\n"
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DeclaredCall:
    """What a model call is for: its purpose ("score_star", "follow_up", ...; ":reask" on a
    retry), its prompt version and its inputs. Set for the duration of each call."""

    purpose: str
    prompt_version: str
    inputs: dict[str, Any]
    response_format: str = ""  # "json_object:StarScore:<schema hash>"; "" for free text


# Stand-in models (the scripted model, test doubles) answer by this, never by prompt wording.
# A context variable rather than run metadata: LangChain hands metadata to `_generate`
# but not to `_stream`.
declared_call: ContextVar[DeclaredCall | None] = ContextVar("declared_call", default=None)


class IncompleteStream(RuntimeError):
    """A streamed reply stopped before the model said it had finished."""


def _innermost(chat: BaseChatModel | Runnable[Any, BaseMessage]) -> Any:
    """The chat model under any `.bind(...)` layers (budgets, response formats, tools)."""
    from langchain_core.runnables import RunnableBinding

    while isinstance(chat, RunnableBinding):
        chat = chat.bound
    return chat


def reports_finish(chat: BaseChatModel | Runnable[Any, BaseMessage]) -> bool:
    """OpenAI-compatible servers end every complete stream with a finish reason."""
    from langchain_openai.chat_models.base import BaseChatOpenAI

    return isinstance(_innermost(chat), BaseChatOpenAI)


class TruncatedReply(RuntimeError):
    """The reply stopped at its token budget (finish reason "length")."""


class StructuredOutputError(RuntimeError):
    def __init__(self, message: str, last_output: str, attempts: int) -> None:
        super().__init__(message)
        self.last_output = last_output
        self.attempts = attempts


@lru_cache(maxsize=32)
def schema_for(model: type[BaseModel], mode: StructuredMode = "plain") -> str:
    """The wire schema as compact JSON, built once per schema and mode."""
    return json.dumps(_wire_schema(model, mode), separators=(",", ":"))


GRAMMAR_MODES = ("json_object",)  # servers that compile the schema into a grammar


def wire_schema(model: type[BaseModel], mode: StructuredMode = "plain") -> dict[str, Any]:
    """A fresh copy of the wire schema (see `_wire_schema`)."""
    schema: dict[str, Any] = json.loads(schema_for(model, mode))
    return schema


def _wire_schema(model: type[BaseModel], mode: StructuredMode) -> dict[str, Any]:
    """The JSON schema as strict modes want it: every property required, no extra keys,
    no defaults or titles (OpenAI's strict mode rejects optional properties; grammars
    compile faster without the noise). String lengths stay only where a grammar enforces
    them; validation always uses the pydantic model."""
    schema = model.model_json_schema()
    drop = {"default", "title"} | (set() if mode in GRAMMAR_MODES else {"maxLength"})

    def tighten(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: tighten(v) for k, v in node.items() if k not in drop}
            if node.get("type") == "object" and "properties" in node:
                node["required"] = list(node["properties"])
                node["additionalProperties"] = False
            return node
        if isinstance(node, list):
            return [tighten(v) for v in node]
        return node

    tightened: dict[str, Any] = tighten(schema)
    return tightened


class WireForm(Protocol):
    """Another shape for the model to fill than the schema validated (scoring.cited: the
    answer's sentence numbers instead of quotes), and how a reply becomes that schema."""

    @property
    def name(self) -> str: ...
    @property
    def schema(self) -> dict[str, Any]: ...
    @property
    def to_canonical(self) -> Callable[[dict[str, Any]], dict[str, Any]]: ...


def format_label(mode: StructuredMode, model: type[BaseModel], wire: WireForm | None = None) -> str:
    """What a structured call asks for, in a few stable characters (recordings key on it)."""
    text = json.dumps(wire.schema, sort_keys=True) if wire else schema_for(model, mode)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"{mode}:{wire.name if wire else model.__name__}:{digest}"


def budget(chat: BaseChatModel | Runnable[Any, BaseMessage], max_tokens: int) -> dict[str, Any]:
    """The reply's token budget as call arguments. LangChain sends OpenAI's newer
    `max_completion_tokens`; OpenAI-compatible local servers (llama-cpp-python, older vLLM
    and Ollama) read only `max_tokens`, so a base URL gets both."""
    from langchain_openai.chat_models.base import BaseChatOpenAI

    inner = _innermost(chat)
    if isinstance(inner, BaseChatOpenAI) and inner.openai_api_base:
        return {"max_tokens": max_tokens, "extra_body": {"max_tokens": max_tokens}}
    return {"max_tokens": max_tokens}


def bind_format(
    chat: BaseChatModel,
    mode: StructuredMode,
    model: type[BaseModel],
    max_tokens: int,
    wire: WireForm | None = None,
) -> Runnable[Any, BaseMessage]:
    """The chat model with the provider-native output constraint and the call's budget."""
    name = wire.name if wire else model.__name__
    limit = budget(chat, max_tokens)
    schema = json.loads(json.dumps(wire.schema)) if wire else wire_schema(model, mode)
    if mode == "json_schema":
        return chat.bind(
            response_format={
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": True},
            },
            **limit,
        )
    if mode == "json_object":
        return chat.bind(response_format={"type": "json_object", "schema": schema}, **limit)
    if mode == "tool_calling":
        tool = {
            "type": "function",
            "function": {
                "name": name,
                "description": (model.__doc__ or name).strip().splitlines()[0],
                "parameters": schema,
            },
        }
        return chat.bind_tools([tool], tool_choice=name).bind(**limit)
    return chat.bind(**limit)


def reply_json(message: BaseMessage, mode: StructuredMode) -> str:
    """The JSON a reply carries: the forced tool call's arguments, or the text's object."""
    if mode == "tool_calling" and isinstance(message, AIMessage):
        if message.tool_calls:
            return json.dumps(message.tool_calls[0]["args"])
        if message.invalid_tool_calls:
            args = message.invalid_tool_calls[0].get("args") or ""
            raise ValueError(f"the tool call's arguments are not valid JSON: {args[:200]}")
    return extract_json(text_of(message))


def finish_reason(message: BaseMessage) -> str:
    meta = message.response_metadata or {}
    return str(meta.get("finish_reason") or meta.get("stop_reason") or "")


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
    chat: BaseChatModel | Runnable[Any, BaseMessage],
    messages: Sequence[BaseMessage],
    *,
    model: str,
    purpose: str,
    prompt_version: str,
    log: list[LLMCall],
    on_text: Callable[[str], None] | None = None,
    inputs: dict[str, Any] | None = None,
    response_format: str = "",
) -> AIMessage:
    """One model call, recorded in `log` whether it succeeds or fails; returns the reply.

    With `on_text`, the reply is streamed and the text so far is handed over as it grows.
    The call's purpose, prompt version and inputs travel as run metadata: recordings key on
    the version, tracing shows them, and stand-in models answer by purpose and inputs.
    Token counts are the provider's own when it reports them, else counted with tiktoken.
    A reply that stopped at its token budget raises TruncatedReply (logged as such).
    """
    started = time.perf_counter()
    config: Any = {
        "metadata": {"prompt_version": prompt_version, "purpose": purpose, "inputs": inputs or {}}
    }

    def record(prompt: int, completion: int, error: str = "") -> None:
        log.append(
            LLMCall(
                purpose,
                model,
                prompt_version,
                prompt,
                completion,
                (time.perf_counter() - started) * 1000,
                estimate_cost(model, prompt, completion),
                ok=not error,
                error=error,
            )
        )

    declared = DeclaredCall(purpose, prompt_version, dict(inputs or {}), response_format)
    token = declared_call.set(declared)
    try:
        if on_text is None:
            reply = chat.invoke(list(messages), config=config)
            message = reply if isinstance(reply, AIMessage) else AIMessage(text_of(reply))
        else:
            message = _streamed(chat, messages, config, on_text, purpose)
    except Exception as exc:
        if type(exc).__name__ == "LengthFinishReasonError":  # openai's parse() path says so
            record(count_prompt_tokens(messages, model), 0, TruncatedReply.__name__)
            raise TruncatedReply(f"{purpose}: the reply was cut off at its token budget") from exc
        record(count_prompt_tokens(messages, model), 0, type(exc).__name__)
        raise
    finally:
        declared_call.reset(token)
    usage = message.usage_metadata
    if usage and usage.get("output_tokens"):  # the provider's own counts: nothing to count
        prompt_tokens, completion = usage["input_tokens"], usage["output_tokens"]
    else:
        prompt_tokens = count_prompt_tokens(messages, model)
        completion = count_completion_tokens(text_of(message) or _tool_text(message), model)
    if finish_reason(message) in CUT_OFF:
        record(prompt_tokens, completion, TruncatedReply.__name__)
        raise TruncatedReply(f"{purpose}: the reply was cut off at {completion} tokens")
    record(prompt_tokens, completion)
    return message


def _tool_text(message: AIMessage) -> str:
    return "".join(json.dumps(call["args"]) for call in message.tool_calls)


def _streamed(
    chat: BaseChatModel | Runnable[Any, BaseMessage],
    messages: Sequence[BaseMessage],
    config: Any,
    on_text: Callable[[str], None],
    purpose: str,
) -> AIMessage:
    text = ""
    reason = ""
    for chunk in chat.stream(list(messages), config=config):
        reason = reason or finish_reason(chunk)
        if piece := text_of(chunk):
            text += piece
            on_text(text)
    if reports_finish(chat) and not reason:
        # The connection dropped mid-reply: a half sentence must not become the question.
        raise IncompleteStream(f"{purpose}: the stream ended without a finish reason")
    return AIMessage(text, response_metadata={"finish_reason": reason} if reason else {})


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
    mode: StructuredMode = "plain",
    max_tokens: int = 1024,
    wire: WireForm | None = None,
) -> T:
    """A validated `schema` object from the model, in the provider-native `mode`; with
    `wire`, the model fills that form and its reply is turned into `schema` first."""
    messages: list[BaseMessage] = prompt.render(**values)
    if mode == "plain":
        pasted = json.dumps(wire.schema) if wire else schema_for(schema, mode)
        messages = [messages[0], SystemMessage(PLAIN_FORMAT + pasted), *messages[1:]]
    bound = bind_format(chat, mode, schema, max_tokens, wire)
    label = format_label(mode, schema, wire)
    last = ""
    for attempt in range(1, max_attempts + 1):
        message = call_logged(
            bound,
            messages,
            model=model,
            purpose=purpose if attempt == 1 else f"{purpose}:reask",
            prompt_version=prompt.label,
            log=log,
            inputs={**values, **(inputs or {})},
            response_format=label,
        )
        last = text_of(message) or _tool_text(message)
        outcomes: list[str] = []
        try:
            payload = reply_json(message, mode)
            if wire is not None:
                payload = json.dumps(wire.to_canonical(json.loads(payload)))
            return schema.model_validate_json(
                payload, context={**context, "quote_outcomes": outcomes}
            )
        except (ValueError, ValidationError) as exc:
            error = _short_error(exc)
            if attempt == max_attempts:
                raise StructuredOutputError(
                    f"{purpose}: invalid structured output after {attempt} attempts: {error}",
                    last,
                    attempt,
                ) from exc
            # The reply goes back as plain text (a tool call would need a tool result first).
            messages = [
                *messages,
                AIMessage(last),
                HumanMessage(reask.render(error=error)[1].content),
            ]
        finally:
            log[-1] = replace(log[-1], quote_outcomes=tuple(outcomes))
    raise AssertionError("unreachable")  # pragma: no cover


def _short_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'reply'}: {e['msg']}" for e in exc.errors()[:5]
        )
    return str(exc)[:300]
