"""A scripted chat model, registered as the provider "scripted".

`scripted:mirror` answers scoring prompts with the offline engine's own judgement as valid
JSON, and other prompts with the knowledge base's text. `scripted:fixed` answers scoring
prompts with one fixed, valid score and no work at all: a stand-in for a remote model in
load tests, where the model's time is a sleep and not this machine's CPU. It is a stand-in LLM for recording
eval replays and exercising the LLM path (prompt rendering, parsing, validation, storage)
without a model server; its scores are the offline engine's, and it says so in its name.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict

_ANSWER = re.compile(r"<answer>(.*)</answer>", re.DOTALL)
_QUESTION = re.compile(r"<question>(.*?)</question>", re.DOTALL)


class ScriptedMirrorChat(BaseChatModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    brain: Any  # OfflineBrain
    kb: Any  # KnowledgeBase
    scoring_latency_s: float = 0.0  # benchmarks set this to stand in for a slow model
    fixed: bool = False  # answer scoring prompts with a fixed valid score instead of judging

    @property
    def _llm_type(self) -> str:
        return "scripted-mirror"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(
            generations=[ChatGeneration(message=AIMessage(content=self._reply(messages)))]
        )

    def _reply(self, messages: list[BaseMessage]) -> str:
        from interviewer.brains.base import prepare_answer

        system, user = str(messages[0].content), str(messages[1].content)
        answer_match = _ANSWER.search(user)
        question_match = _QUESTION.search(user)
        answer = answer_match.group(1) if answer_match else ""
        question = question_match.group(1) if question_match else ""
        if self.scoring_latency_s and ("STAR method" in system or "key point" in system):
            time.sleep(self.scoring_latency_s)
        if self.fixed and ("STAR method" in system or "key point" in system):
            return _fixed_score(system, user)
        if "STAR method" in system:
            record = self.brain.score_star(question, prepare_answer(answer), [])
            return str(record.star.model_dump_json())
        if "key point" in system:
            entry = next((q for q in self.kb.questions if q.question == question), None)
            if entry is None:
                return '{"error": "unknown question"}'
            record = self.brain.score_technical(entry, prepare_answer(answer), [])
            return str(record.technical.model_dump_json())
        if "follow-up" in system:
            return user.rsplit("A possible probe (rephrase to fit what they said):", 1)[-1].strip()
        return user.rsplit("Next question:", 1)[-1].strip()


def _fixed_score(system: str, user: str) -> str:
    if "STAR method" in system:
        part = {"score": 1, "evidence": []}
        return json.dumps(
            {
                "situation": part,
                "task": part,
                "action": part,
                "result": part,
                "overall": 3,
                "missing": [],
                "tips": [],
                "summary": "fixed score (load test)",
            }
        )
    block = user.split("Key points:", 1)[-1].split("Reference outline", 1)[0]
    count = sum(1 for line in block.splitlines() if re.match(r"\s*\d+\.", line))
    points = [{"index": i, "covered": False, "evidence": []} for i in range(1, count + 1)]
    return json.dumps(
        {"key_points": points, "score": 1, "problems": [], "summary": "fixed score (load test)"}
    )
