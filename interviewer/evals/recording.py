"""Record and replay LLM calls, so LLM-brain evals run offline and deterministically.

Each call is stored as one JSON file named by a hash of the model, the prompt version
(passed as run metadata), the structured-output format the call asked for (mode, schema
and its hash) and the exact messages (the rendered prompt with its inputs). The file holds
the whole reply: text, tool calls, finish reason and the provider's token counts. Modes:
- "record": call the model and (over)write the recording;
- "cache": use a recording when there is one, otherwise call and record;
- "replay": use recordings only; a missing one is an error, never a live call.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict

from interviewer.llm.errors import HarnessError
from interviewer.llm.structured import declared_call
from interviewer.redaction import redact

Mode = Literal["record", "cache", "replay"]


class MissingRecording(HarnessError):
    pass


class RecordedModelFailure(RuntimeError):
    """A model failure (a timeout, a refused request) replayed from its recording, so the
    brain falls back, labelled, exactly as it did when the recording was made."""


def recording_key(
    model: str, prompt_version: str, messages: list[BaseMessage], response_format: str = ""
) -> str:
    head: list[Any] = [model, prompt_version]
    if response_format:
        head.append(response_format)
    payload = json.dumps([*head, [[m.type, str(m.content)] for m in messages]], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:40]


def _stored(message: BaseMessage) -> dict[str, Any]:
    meta = message.response_metadata or {}
    stored: dict[str, Any] = {"content": str(message.content)}
    if isinstance(message, AIMessage):
        if message.tool_calls:
            stored["tool_calls"] = [
                {"name": c["name"], "args": c["args"], "id": c.get("id") or f"call_{i}"}
                for i, c in enumerate(message.tool_calls)
            ]
        if message.usage_metadata:
            stored["usage"] = dict(message.usage_metadata)
    if meta.get("finish_reason"):
        stored["finish_reason"] = meta["finish_reason"]
    return stored


def _message(stored: dict[str, Any]) -> AIMessage:
    return AIMessage(
        content=stored.get("content", ""),
        tool_calls=stored.get("tool_calls", []),
        usage_metadata=stored.get("usage"),
        response_metadata=(
            {"finish_reason": stored["finish_reason"]} if stored.get("finish_reason") else {}
        ),
    )


class RecordingChat(BaseChatModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    inner: Any = None  # the real chat model; None in replay mode
    model_name: str
    directory: Path
    mode: Mode = "replay"

    @property
    def _llm_type(self) -> str:
        return f"recording-{self.mode}"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        version = str((run_manager.metadata if run_manager else {}).get("prompt_version", ""))
        declared = declared_call.get()
        response_format = declared.response_format if declared else ""
        key = recording_key(self.model_name, version, messages, response_format)
        path = self.directory / f"{key}.json"
        if self.mode != "record" and path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if "failure" in data:
                raise RecordedModelFailure(data["failure"])
            message = _message(data.get("message") or {"content": data["response"]})
        elif self.mode == "replay" or self.inner is None:
            raise MissingRecording(
                f"no recording {path.name} for model {self.model_name}: re-record with "
                "`interviewer eval SUITE --brain MODEL --record` (prompt or inputs changed?)"
            )
        else:
            started = time.perf_counter()
            record: dict[str, Any] = {
                "model": self.model_name,
                "response_format": response_format,
                "messages": [[m.type, str(m.content)] for m in messages],
            }
            self.directory.mkdir(parents=True, exist_ok=True)
            try:
                reply = self.inner.invoke(messages, **kwargs)
            except Exception as exc:
                record["failure"] = redact(f"{type(exc).__name__}: {exc}")[:300]
                record["seconds"] = round(time.perf_counter() - started, 2)
                path.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
                raise
            stored = _stored(reply)
            message = _message(stored)
            record.update(
                response=stored["content"],
                message=stored,
                seconds=round(time.perf_counter() - started, 2),
            )
            path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        return ChatResult(generations=[ChatGeneration(message=message)])

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:
        """Tools formatted the way the recorded model takes them (it is not called in
        replay: the recording is found by the declared format, not these kwargs)."""
        if self.inner is not None:
            return self.bind(**self.inner.bind_tools(tools, **kwargs).kwargs)
        return self.bind(tools=tools, **kwargs)
