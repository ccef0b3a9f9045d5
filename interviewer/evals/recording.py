"""Record and replay LLM calls, so LLM-brain evals run offline and deterministically.

Each call is stored as one JSON file named by a hash of the model, the prompt version
(passed as run metadata) and the exact messages (the rendered prompt with its inputs). Modes:
- "record": call the model and (over)write the recording;
- "cache": use a recording when there is one, otherwise call and record;
- "replay": use recordings only; a missing one is an error, never a live call.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict

from interviewer.llm.errors import HarnessError

Mode = Literal["record", "cache", "replay"]


class MissingRecording(HarnessError):
    pass


def recording_key(model: str, prompt_version: str, messages: list[BaseMessage]) -> str:
    payload = json.dumps(
        [model, prompt_version, [[m.type, str(m.content)] for m in messages]], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:40]


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
        key = recording_key(self.model_name, version, messages)
        path = self.directory / f"{key}.json"
        if self.mode != "record" and path.is_file():
            content = json.loads(path.read_text(encoding="utf-8"))["response"]
        elif self.mode == "replay" or self.inner is None:
            raise MissingRecording(
                f"no recording {path.name} for model {self.model_name}: re-record with "
                "`interviewer eval SUITE --brain MODEL --record` (prompt or inputs changed?)"
            )
        else:
            content = str(self.inner.invoke(messages).content)
            self.directory.mkdir(parents=True, exist_ok=True)
            record = {
                "model": self.model_name,
                "messages": [[m.type, str(m.content)] for m in messages],
                "response": content,
            }
            path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=content))])
