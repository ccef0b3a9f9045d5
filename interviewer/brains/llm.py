"""The LLM brain: LangChain chat models, validated structured output, labelled fallback.

When the model fails after its retries and re-asks, the turn is scored by the offline
brain and the score says so (brain="offline-fallback" plus the reason). Never a silent
or invented score.
"""

from __future__ import annotations

import logging

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from interviewer.banks.derive import DerivedPoints, ModelDerivation, from_model
from interviewer.brains.base import FollowUpRequest, PreparedAnswer, text_sink
from interviewer.brains.offline import OfflineBrain
from interviewer.knowledge.schema import Question
from interviewer.llm.errors import HarnessError
from interviewer.llm.structured import (
    EvidenceForm,
    StructuredMode,
    StructuredOutputError,
    TruncatedReply,
    budget,
    call_logged,
    invoke_structured,
    text_of,
)
from interviewer.llm.usage import LLMCall
from interviewer.profile.cited import MAX_PROJECTS, profile_form
from interviewer.profile.schema import Profile
from interviewer.prompts import Prompt
from interviewer.redaction import redact
from interviewer.scoring.cited import number_answer, point_key, star_form, technical_form
from interviewer.scoring.schemas import ScoreRecord, StarScore, TechnicalScore

log_ = logging.getLogger(__name__)

# Token budgets per call, sized for what each reply holds with the schemas' size hints:
# the local 1.5B model's recorded STAR scores took 190-250 tokens, its technical scores
# about 60-90 per key point plus errors (evals/README.md). Capped by llm_max_tokens.
STAR_BUDGET = 700
TECHNICAL_BASE_BUDGET = 350
TECHNICAL_PER_KEY_POINT = 110
FOLLOW_UP_BUDGET = 160
ASK_BUDGET = 320
PROFILE_BASE_BUDGET = 60
DERIVE_BUDGET = 1200  # six points with keywords, claims and a probe each
PROFILE_PER_PROJECT = 45  # a name and two line numbers


def technical_budget(key_points: int) -> int:
    return TECHNICAL_BASE_BUDGET + TECHNICAL_PER_KEY_POINT * key_points


def describe_failure(exc: Exception) -> str:
    """The failure in full for the log and the coach, with every secret redacted."""
    return redact(f"{type(exc).__name__}: {exc}")[:500]


def short_reason(exc: Exception) -> str:
    """A few safe words for the candidate: what kind of failure, never provider text."""
    name = type(exc).__name__.lower()
    if isinstance(exc, StructuredOutputError):
        return f"its reply was not a valid score after {exc.attempts} attempts"
    if isinstance(exc, TruncatedReply):
        return "its reply was cut off at the token limit"
    if "timeout" in name:
        return "the model did not answer in time"
    if "ratelimit" in name:
        return "the model provider is rate-limiting requests"
    if "authentication" in name or "permission" in name:
        return "the model provider refused the configured credentials"
    if "connection" in name or "incompletestream" in name:
        return "the model server could not be reached"
    return "the model call failed"


class LLMBrain:
    words_questions = True

    def __init__(
        self,
        chat: BaseChatModel,
        model: str,
        prompts: dict[str, Prompt],
        fallback: OfflineBrain,
        *,
        judge: BaseChatModel | None = None,
        judge_model: str | None = None,
        max_attempts: int = 3,
        judge_mode: StructuredMode = "plain",
        evidence: EvidenceForm = "quotes",
        max_tokens: int = 1024,
        offline_judge: bool = False,
    ) -> None:
        self.chat = chat
        self.judge = judge or chat
        self.model = model
        self.judge_model = judge_model or model
        self.prompts = prompts
        self.fallback = fallback
        self.max_attempts = max_attempts
        self.judge_mode: StructuredMode = judge_mode  # how the judge is asked for JSON
        self.evidence: EvidenceForm = evidence  # quotes, or sentence numbers (scoring.cited)
        self.offline_judge = offline_judge  # the model words; the offline engine scores
        self.max_tokens = max_tokens
        self.label = model

    def capped(self, wanted: int) -> int:
        """A call's token budget, never above the configured llm_max_tokens."""
        return min(wanted, self.max_tokens)

    def score_star(self, question: str, answer: PreparedAnswer, log: list[LLMCall]) -> ScoreRecord:
        if self.offline_judge:
            return self.fallback.score_star(question, answer, log)
        cited = self.evidence == "sentences"
        prompt = self.prompts["score_star_cited" if cited else "score_star"]
        numbered = number_answer(answer.original, answer.sentences) if cited else None
        try:
            star = invoke_structured(
                self.judge,
                prompt,
                self.prompts["reask"],
                StarScore,
                model=self.judge_model,
                purpose="score_star",
                values={
                    "question": question,
                    "answer": numbered.text if numbered else answer.cleaned,
                },
                context={"answer": answer.original},
                max_attempts=self.max_attempts,
                log=log,
                inputs={
                    "answer": answer.cleaned,
                    "sentences": list(numbered.sentences) if numbered else [],
                },
                mode=self.judge_mode,
                max_tokens=self.capped(STAR_BUDGET),
                wire=star_form(numbered) if numbered else None,
            )
        except HarnessError:
            raise
        except Exception as exc:  # any model failure becomes a labelled fallback
            log_.warning("STAR scoring fell back to the offline engine: %s", describe_failure(exc))
            return self.fallback.score_star(
                question,
                answer,
                log,
                fallback_reason=short_reason(exc),
                fallback_detail=describe_failure(exc),
            )
        return ScoreRecord(
            kind="star",
            brain="llm",
            model=self.judge_model,
            prompt_version=prompt.label,
            star=star,
            delivery=answer.delivery,
            ignored_instructions=answer.ignored_instructions,
        )

    def score_technical(
        self, question: Question, answer: PreparedAnswer, log: list[LLMCall]
    ) -> ScoreRecord:
        if self.offline_judge:
            return self.fallback.score_technical(question, answer, log)
        cited = self.evidence == "sentences"
        prompt = self.prompts["score_technical_cited" if cited else "score_technical"]
        numbered = number_answer(answer.original, answer.sentences) if cited else None
        points = "\n".join(
            (f"{point_key(i)}:" if cited else f"{i}.") + f" {'* ' if kp.central else ''}{kp.text}"
            for i, kp in enumerate(question.key_points, start=1)
        )
        misconceptions = (
            "\n".join(
                f"- {m.belief} (in fact: {m.correction}"
                + (f"; key point {m.key_point}" if m.key_point else "")
                + f"; probe: {m.probe})"
                for m in question.misconceptions
            )
            or "(none listed)"
        )
        try:
            technical = invoke_structured(
                self.judge,
                prompt,
                self.prompts["reask"],
                TechnicalScore,
                model=self.judge_model,
                purpose="score_technical",
                values={
                    "question": question.question,
                    "key_points": points,
                    "misconceptions": misconceptions,
                    "model_answer": question.model_answer,
                    "answer": numbered.text if numbered else answer.cleaned,
                },
                context={"answer": answer.original, "key_point_count": len(question.key_points)},
                max_attempts=self.max_attempts,
                log=log,
                inputs={
                    "question_id": question.id,
                    "key_point_count": len(question.key_points),
                    "answer": answer.cleaned,
                    "sentences": list(numbered.sentences) if numbered else [],
                },
                mode=self.judge_mode,
                max_tokens=self.capped(technical_budget(len(question.key_points))),
                wire=technical_form(numbered, len(question.key_points)) if numbered else None,
            )
        except HarnessError:
            raise
        except Exception as exc:
            log_.warning(
                "technical scoring fell back to the offline engine: %s", describe_failure(exc)
            )
            return self.fallback.score_technical(
                question,
                answer,
                log,
                fallback_reason=short_reason(exc),
                fallback_detail=describe_failure(exc),
            )
        return ScoreRecord(
            kind="technical",
            brain="llm",
            model=self.judge_model,
            prompt_version=prompt.label,
            technical=technical,
            model_answer=question.model_answer,
            delivery=answer.delivery,
            ignored_instructions=answer.ignored_instructions,
        )

    def read_profile(self, text: str, log: list[LLMCall]) -> Profile:
        """Where the CV's projects are, read by the model (profile.cited); the offline
        reader's profile, labelled, when the model fails."""
        if self.offline_judge:
            return self.fallback.read_profile(text, log)
        prompt = self.prompts["read_profile"]
        form = profile_form(text)
        try:
            profile = invoke_structured(
                self.judge,
                prompt,
                self.prompts["reask"],
                Profile,
                model=self.judge_model,
                purpose="read_profile",
                values={"cv": form.numbered.rendered},
                context={},
                max_attempts=self.max_attempts,
                log=log,
                inputs={"text": text},
                mode=self.judge_mode,
                max_tokens=self.capped(PROFILE_BASE_BUDGET + PROFILE_PER_PROJECT * MAX_PROJECTS),
                wire=form,
            )
        except HarnessError:
            raise
        except Exception as exc:
            log_.warning(
                "profile reading fell back to the offline reader: %s", describe_failure(exc)
            )
            fallback = self.fallback.read_profile(text, log)
            fallback.extractor = "offline-fallback"
            fallback.notes.insert(0, f"read by the offline reader: {short_reason(exc)}")
            return fallback
        profile.extractor = f"llm ({self.judge_model})"
        return profile

    def derive_points(
        self, question: str, reference_answer: str, log: list[LLMCall]
    ) -> DerivedPoints:
        """A reference answer's key points read by the model into the knowledge schema; the
        offline rules' points, labelled, when the model fails (or has no prompt for it)."""
        prompt = self.prompts.get("derive_key_points")
        if self.offline_judge or prompt is None:
            return self.fallback.derive_points(question, reference_answer, log)
        try:
            reply = invoke_structured(
                self.judge,
                prompt,
                self.prompts["reask"],
                ModelDerivation,
                model=self.judge_model,
                purpose="derive_key_points",
                values={"question": question, "reference_answer": reference_answer},
                context={},
                max_attempts=self.max_attempts,
                log=log,
                inputs={"question": question, "reference_answer": reference_answer},
                mode=self.judge_mode,
                max_tokens=self.capped(DERIVE_BUDGET),
            )
            return from_model(question, reply)
        except HarnessError:
            raise
        except Exception as exc:
            log_.warning("key points fell back to the offline rules: %s", describe_failure(exc))
            fallback = self.fallback.derive_points(question, reference_answer, log)
            fallback.notes.insert(0, f"derived by the offline rules: {short_reason(exc)}")
            return fallback

    def follow_up(self, request: FollowUpRequest, log: list[LLMCall]) -> str:
        prompt = self.prompts["follow_up"]
        messages = prompt.render(
            question=request.question,
            answer=request.answer,
            gap=request.gap,
            suggestion=request.suggestion,
        )
        return self._write(
            messages,
            prompt,
            "follow_up",
            log,
            fallback=request.suggestion,
            limit=600,
            max_tokens=FOLLOW_UP_BUDGET,
            inputs={"suggestion": request.suggestion, "gap": request.gap},
        )

    def ask(self, question: str, context: str, recent: str, log: list[LLMCall]) -> str:
        prompt = self.prompts["ask_question"]
        messages = prompt.render(question=question, context=context, recent=recent)
        return self._write(
            messages,
            prompt,
            "ask_question",
            log,
            fallback=question,
            limit=1200,
            max_tokens=ASK_BUDGET,
            inputs={"question": question},
        )

    def _write(
        self,
        messages: list[BaseMessage],
        prompt: Prompt,
        purpose: str,
        log: list[LLMCall],
        *,
        fallback: str,
        limit: int,
        inputs: dict[str, object],
        max_tokens: int,
    ) -> str:
        """The interviewer's words from the model (streamed to the UI when it listens);
        the knowledge base's own text when the model fails or rambles."""
        try:
            reply = call_logged(
                self.chat.bind(**budget(self.chat, self.capped(max_tokens))),
                messages,
                model=self.model,
                purpose=purpose,
                prompt_version=prompt.label,
                log=log,
                on_text=text_sink.get(),
                inputs=inputs,
            )
        except HarnessError:
            raise
        except Exception as exc:
            log_.warning(
                "%s fell back to the knowledge base text: %s", purpose, describe_failure(exc)
            )
            return fallback
        text = text_of(reply).strip()
        return text if 5 < len(text) < limit else fallback
