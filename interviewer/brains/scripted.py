"""A scripted stand-in chat model, for evals, load tests and the LLM path without a server.

`scripted:mirror` answers scoring calls with the offline engine's own judgement as valid
JSON, and wording calls with the knowledge base's text. `scripted:fixed` answers scoring
calls with one fixed, valid score and no work at all: a stand-in for a remote model in load
tests, where the model's time is a sleep and not this machine's CPU.

It answers by the call's declared purpose and inputs (the run metadata every model call
declares, see `llm.structured.declared_call`), never by reading the prompt's wording, so
editing a prompt cannot silently change what it does. It lives beside the brains because
it is built on the offline brain; its scores are the offline engine's, and its name says so.
"""

from __future__ import annotations

import json
import time
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict

from interviewer.banks.derive import as_model_reply
from interviewer.brains.base import prepare_answer
from interviewer.brains.offline import OfflineBrain
from interviewer.errors import UserError
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.llm.structured import declared_call
from interviewer.profile.cited import cite_profile, number_lines
from interviewer.scoring.cited import (
    NumberedAnswer,
    cite_star,
    cite_technical,
    number_answer,
    point_key,
)
from interviewer.scoring.schemas import STAR_PARTS

SCRIPTED_MODELS = ("mirror", "fixed")
SCORING = ("score_star", "score_technical", "read_profile")


class UnknownScriptedModel(UserError, ValueError):
    pass


def base_purpose(purpose: str) -> str:
    return purpose.split(":", 1)[0]  # "score_star:reask" is still a STAR scoring call


class ScriptedChat(BaseChatModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    brain: Any  # OfflineBrain
    kb: Any  # KnowledgeBase
    scoring_latency_s: float = 0.0  # benchmarks set this to stand in for a slow model
    fixed: bool = False  # answer scoring calls with a fixed valid score instead of judging

    @property
    def _llm_type(self) -> str:
        return "scripted-fixed" if self.fixed else "scripted-mirror"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        call = declared_call.get()
        if call is None:
            raise ValueError("the scripted model answers declared calls only (llm.call_logged)")
        reply = self.reply(
            base_purpose(call.purpose), call.inputs, cited="Cited:" in call.response_format
        )
        message = AIMessage(content=reply)
        if self.fixed:
            # A remote model reports its token counts; so does this stand-in for one (an
            # estimate, four characters a token), and the app counts nothing itself.
            sent = sum(len(str(m.content)) for m in messages) // 4
            message = AIMessage(
                content=reply,
                usage_metadata={
                    "input_tokens": sent,
                    "output_tokens": max(1, len(reply) // 4),
                    "total_tokens": sent + max(1, len(reply) // 4),
                },
            )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def reply(self, purpose: str, inputs: dict[str, Any], cited: bool = False) -> str:
        """The reply to one declared call; `cited`: scores in the sentence-number form."""
        if purpose in SCORING and self.scoring_latency_s:
            time.sleep(self.scoring_latency_s)
        if purpose in SCORING and self.fixed:
            return _fixed_score(purpose, inputs, cited)
        if purpose == "score_star":
            record = self.brain.score_star(
                str(inputs.get("question", "")), prepare_answer(str(inputs.get("answer", ""))), []
            )
            if cited:
                numbered = _numbered(inputs)
                return json.dumps(cite_star(record.star, numbered))
            return str(record.star.model_dump_json())
        if purpose == "score_technical":
            question = self.kb.question(str(inputs.get("question_id", "")))
            record = self.brain.score_technical(
                question, prepare_answer(str(inputs.get("answer", ""))), []
            )
            if cited:
                numbered = _numbered(inputs)
                return json.dumps(cite_technical(record.technical, numbered))
            return str(record.technical.model_dump_json())
        if purpose == "read_profile":
            text = str(inputs.get("text", ""))
            return json.dumps(cite_profile(self.brain.read_profile(text, []), number_lines(text)))
        if purpose == "derive_key_points":
            derived = self.brain.derive_points(
                str(inputs.get("question", "")), str(inputs.get("reference_answer", "")), []
            )
            return as_model_reply(derived).model_dump_json()
        if purpose == "follow_up":
            return str(inputs.get("suggestion", ""))
        if purpose == "ask_question":
            return str(inputs.get("question", ""))
        raise ValueError(f"the scripted model has no reply for purpose {purpose!r}")


def _numbered(inputs: dict[str, Any]) -> NumberedAnswer:
    """The sentences the brain numbered for the model (so the citations line up)."""
    given = inputs.get("sentences")
    if isinstance(given, list) and given:
        return NumberedAnswer(tuple(str(s) for s in given))
    return number_answer(str(inputs.get("answer", "")))


def _fixed_score(purpose: str, inputs: dict[str, Any], cited: bool) -> str:
    summary = "fixed score (load test)"
    if purpose == "read_profile":
        return json.dumps({"projects": []})
    if purpose == "score_star":
        part: dict[str, Any] = (
            {"sentences": [], "score": 1} if cited else {"score": 1, "evidence": []}
        )
        star: dict[str, Any] = {name: part for name in STAR_PARTS}
        star.update(overall=3, tips=[], summary=summary)
        if not cited:
            star["missing"] = []
        return json.dumps(star)
    count = int(inputs.get("key_point_count", 0))
    if cited:
        cited_points: dict[str, list[int]] = {point_key(i): [] for i in range(1, count + 1)}
        return json.dumps(
            {
                "key_points": cited_points,
                "errors": [],
                "score": 1,
                "problems": [],
                "summary": summary,
            }
        )
    points = [{"index": i, "covered": False, "evidence": []} for i in range(1, count + 1)]
    return json.dumps({"key_points": points, "score": 1, "problems": [], "summary": summary})


def scripted_chat(
    name: str, brain: OfflineBrain, kb: KnowledgeBase, scoring_latency_s: float = 0.0
) -> ScriptedChat:
    if name not in SCRIPTED_MODELS:
        raise UnknownScriptedModel(
            f"unknown scripted model {name!r}: the scripted provider has "
            + " and ".join(repr(n) for n in SCRIPTED_MODELS)
        )
    return ScriptedChat(
        brain=brain, kb=kb, scoring_latency_s=scoring_latency_s, fixed=name == "fixed"
    )
