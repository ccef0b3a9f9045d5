"""The interview as an explicit state machine whose state lives in the database.

Every step reads the session from storage and writes its result back before returning,
so the engine object holds no per-session state: a process that dies mid-interview
resumes at the same turn, and many candidates (and several processes) can share it.

States of the current turn: pending (awaiting an answer) -> received (answer stored,
not yet scored) -> answered | skipped | dont_know | empty | repeated. After a turn is
settled the engine asks a follow-up on the same question or moves to the next slot of
the plan; when the plan is exhausted, the session is finished with a report.

The conversation the candidate sees is stored too (`messages`), line by line, as it is
said: every view of the chat is rendered from it, never from what a browser sends back.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from interviewer.brains.base import Brain, FollowUpRequest, prepare_answer
from interviewer.errors import UserError
from interviewer.interview.follow_up import choose_gap
from interviewer.interview.guards import MOVE_ON, AnswerKind, classify
from interviewer.interview.plan import InterviewPlan
from interviewer.interview.report import Report, build_report
from interviewer.interview.selection import QuestionSelector
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Question, QuestionType
from interviewer.llm.usage import LLMCall
from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage.models import AnswerStatus, ChatRole, TurnKind
from interviewer.storage.records import Message, Session, Turn
from interviewer.storage.repository import Repository, Writes

HINT_OFFER_NOTE = "Follow-up: hint offered after don't know"
HINT_OFFER_OPENING = "That's fine: saying so honestly is better than guessing."
MAX_ANSWER_CHARS = 20_000
MAX_NAME_CHARS = 200
RECENT_TURNS = 2
CODE_BYTES = 12  # 96 bits: a history code cannot be guessed


class InterviewError(UserError, ValueError):
    """The request cannot be carried out; the message is safe to show the candidate."""


@dataclass(frozen=True)
class Reply:
    session_id: str
    messages: list[str]  # interviewer lines to show, in order
    score: ScoreRecord | None  # the score of the answer just given, if it was scored
    current: Turn | None  # the question now awaiting an answer
    finished: bool
    report: Report | None = None


def candidate_key(code: str | None) -> str | None:
    """What is stored for a candidate's private code: its hash, never the code itself."""
    code = (code or "").strip()
    return hashlib.sha256(code.encode()).hexdigest() if code else None


def clean_name(name: str) -> str:
    return " ".join(name.split())[:MAX_NAME_CHARS] or "anonymous"


def _follow_up_turn(session: Session, last: Turn, text: str, note: str) -> dict[str, Any]:
    """The fields of a follow-up turn on the thread of `last`."""
    return {
        "seq": len(session.turns) + 1,
        "kind": TurnKind.follow_up,
        "main_seq": last.main_seq,
        "question_id": last.question_id,
        "area": last.area,
        "question_type": last.question_type,
        "question_text": text,
        "source": last.source,
        "probing": note,
    }


def _lines(lines: list[str], turn_seq: int | None) -> list[tuple[ChatRole, str, int | None]]:
    """Interviewer lines to store; the last one belongs to `turn_seq` (its question)."""
    return [
        (ChatRole.interviewer, line, turn_seq if i == len(lines) - 1 else None)
        for i, line in enumerate(lines)
    ]


def _with_turn(session: Session, turn: Turn) -> Session:
    return replace(session, turns=tuple(turn if t.id == turn.id else t for t in session.turns))


def _with_new_turn(session: Session, fields: dict[str, Any]) -> Session:
    """The session as it will be once the planned turn is stored (for its summary)."""
    planned = Turn(
        id=-1,
        session_id=session.id,
        answer=None,
        answer_status=AnswerStatus.pending,
        hints_used=0,
        asked_at=datetime.now(UTC),
        answered_at=None,
        **fields,
    )
    return replace(session, turns=(*session.turns, planned))


def _summary(report: Report) -> tuple[float | None, int, int]:
    answered = sum(1 for q in report.questions if q.status == "answered")
    return report.overall, answered, report.fallback_scores


class InterviewEngine:
    def __init__(
        self,
        kb: KnowledgeBase,
        repo: Repository,
        selector: QuestionSelector,
        brain: Brain,
        *,
        max_follow_ups: int = 2,
    ) -> None:
        self.kb = kb
        self.repo = repo
        self.selector = selector
        self.brain = brain
        self.max_follow_ups = max_follow_ups

    # ----- candidate codes --------------------------------------------------------------
    def issue_code(self) -> str:
        """A new private history code, chosen by the server and registered (as a hash)."""
        code = secrets.token_urlsafe(CODE_BYTES)
        key = candidate_key(code)
        assert key is not None
        self.repo.register_code(key)
        return code

    def known_code(self, code: str | None) -> bool:
        key = candidate_key(code)
        return key is not None and len(code or "") <= 100 and self.repo.code_issued(key)

    # ----- public actions -------------------------------------------------------------
    def start(
        self,
        candidate: str,
        plan: InterviewPlan,
        seed: int | None = None,
        candidate_code: str | None = None,
    ) -> Reply:
        """Open a session. `candidate_code` links it to a history; it must be a code this
        server issued (`issue_code`), so nobody can plant sessions in a history they chose."""
        if candidate_code is not None and not self.known_code(candidate_code):
            raise InterviewError("That history code was not issued by this server.")
        candidate = clean_name(candidate)
        seed = seed if seed is not None else random.SystemRandom().randrange(1 << 30)
        session_id = self.repo.create_session(
            candidate=candidate,
            brain=self.brain.label,
            plan_json=plan.model_dump_json(),
            seed=seed,
            candidate_key=candidate_key(candidate_code),
        )
        opening = (
            f"Hello {candidate}! This is a mock interview: {plan.describe()}. "
            "Answer in your own words; you can skip a question or ask for a hint."
        )
        reply = self._advance(self.repo.get_session(session_id), [opening])
        return reply

    def submit_answer(self, session_id: str, answer: str) -> Reply:
        if len(answer) > MAX_ANSWER_CHARS:
            raise InterviewError(
                f"Answers are limited to {MAX_ANSWER_CHARS:,} characters "
                f"(yours has {len(answer):,}); please shorten it. Nothing was saved."
            )
        session = self._active(session_id)
        turn = session.pending_turn
        if turn is None:
            return self._advance(session, [])
        # Stored first, with its line of the chat: nothing after this can lose it.
        self.repo.write(
            session_id,
            Writes(
                answer=(turn.id, answer, AnswerStatus.received),
                messages=[(ChatRole.candidate, answer, turn.seq)],
            ),
        )
        received = replace(turn, answer=answer, answer_status=AnswerStatus.received)
        return self._settle_and_advance(_with_turn(session, received))

    def skip(self, session_id: str) -> Reply:
        session = self._active(session_id)
        turn = session.pending_turn
        if turn is None:
            return self._advance(session, [])
        self.repo.write(
            session_id,
            Writes(
                answer=(turn.id, "", AnswerStatus.skipped),
                messages=[(ChatRole.candidate, "(skipped)", turn.seq)],
            ),
        )
        skipped = replace(turn, answer="", answer_status=AnswerStatus.skipped)
        return self._advance(_with_turn(session, skipped), [MOVE_ON[AnswerKind.skip]])

    def hint(self, session_id: str) -> str:
        session = self._active(session_id)
        turn = session.pending_turn
        if turn is None:
            raise InterviewError("There is no open question to give a hint for.")
        question = self._question(turn)
        if question.type is QuestionType.behavioural:
            text = (
                "Hint: structure it as STAR: the situation, your task, the actions you took "
                "yourself, and the result (with a number if you can)."
            )
        else:
            index = min(turn.hints_used, len(question.key_points) - 1)
            point = question.key_points[index]
            cue = point.keywords[0] if point.keywords else point.text.split()[0]
            text = f'Hint: think about "{cue}".'
        self.repo.write(
            session_id,
            Writes(hint=turn.id, messages=[(ChatRole.interviewer, text, turn.seq)]),
        )
        return text

    def repeat(self, session_id: str) -> str:
        turn = self._active(session_id).pending_turn
        if turn is None:
            raise InterviewError("There is no open question to repeat.")
        self.repo.write(
            session_id, Writes(messages=[(ChatRole.interviewer, turn.question_text, turn.seq)])
        )
        return turn.question_text

    def end(self, session_id: str) -> Reply:
        session = self.repo.get_session(session_id)
        closing = "Thanks, that's the end of the interview. Here is your report."
        if session.finished:
            return Reply(session_id, [closing], None, None, True, self.report(session_id))
        report = self._finish(session, Writes(), [closing])
        return Reply(session_id, [closing], None, None, True, report)

    def resume(self, session_id: str) -> Reply:
        """Where a session stands: re-settles a stored-but-unscored answer after a crash."""
        session = self.repo.get_session(session_id)
        if session.finished:
            return Reply(session_id, [], None, None, True, self.report(session_id))
        last = session.last_turn
        if last is not None and last.answer_status is AnswerStatus.received:
            return self._settle_and_advance(session)
        return self._advance(session, [], quiet=True)

    def report(self, session_id: str) -> Report:
        session = self.repo.get_session(session_id)
        if session.report_json:
            return Report.model_validate_json(session.report_json)
        return self._build_report(session)

    def chat(self, session_id: str) -> list[Message]:
        """The conversation as the candidate saw it, from the database."""
        return self.repo.messages(session_id)

    def conversation(self, session_id: str) -> tuple[Session, list[Message]]:
        """The session and its chat in one read (what every view of the room needs)."""
        return self.repo.conversation(session_id)

    # ----- the state machine ----------------------------------------------------------
    # Each step reads the session once, works on that copy, and writes its changes in as
    # few transactions as keep the rule "what the candidate typed is stored first".
    def _settle_and_advance(self, session: Session) -> Reply:
        turn = session.turns[-1]
        earlier = [
            t.answer
            for t in session.turns[:-1]
            if t.answer and t.answer_status is AnswerStatus.answered
        ]
        kind = classify(turn.answer or "", earlier)
        if kind is not AnswerKind.answered:
            status = AnswerStatus(kind.value)
            settled = _with_turn(session, replace(turn, answer_status=status))
            offered = kind is AnswerKind.dont_know and self._hint_offer(settled) is not None
            line = HINT_OFFER_OPENING if offered else MOVE_ON[kind]
            return self._advance(settled, [line], Writes(status=(turn.id, status)))
        log: list[LLMCall] = []
        try:
            score = self._score(session, turn, log)
        except Exception:
            self.repo.record_calls(session.id, turn.seq, log)
            raise
        # The score is committed on its own too: a crash while choosing the next question
        # loses neither the answer nor what it cost to score it.
        self.repo.write(
            session.id,
            Writes(
                score=(turn.id, score),
                status=(turn.id, AnswerStatus.answered),
                calls=[(turn.seq, call) for call in log],
            ),
        )
        scored = replace(turn, answer_status=AnswerStatus.answered, scores=(*turn.scores, score))
        reply = self._advance(_with_turn(session, scored), [])
        return Reply(session.id, reply.messages, score, reply.current, reply.finished, reply.report)

    def _advance(
        self,
        session: Session,
        messages: list[str],
        writes: Writes | None = None,
        *,
        quiet: bool = False,
    ) -> Reply:
        """Move to the next question and say so, in one write. `messages` are lines already
        decided (an opening, a move-on line); `writes` what the step changed before. A resume
        is `quiet`: the pending question is already in the chat, so it is not stored again."""
        writes = writes or Writes()
        if session.finished:
            writes.messages += _lines(messages, None)
            self.repo.write(session.id, writes)
            return Reply(session.id, messages, None, None, True, self.report(session.id))
        pending = session.pending_turn
        if pending is not None:
            said = [*messages, pending.question_text]
            writes.messages += _lines(messages if quiet else said, pending.seq)
            self.repo.write(session.id, writes)
            return Reply(session.id, said, None, pending, False)
        log: list[LLMCall] = []
        seq = len(session.turns) + 1
        try:
            fields = self._follow_up_fields(session, log) or self._next_main_fields(session, log)
        except Exception:
            self.repo.record_calls(session.id, seq, log)
            raise
        writes.calls += [(seq, call) for call in log]
        if fields is None:
            said = [*messages, "That's all my questions. Thank you! Here is your report."]
            report = self._finish(session, writes, said)
            return Reply(session.id, said, None, None, True, report)
        said = [*messages, str(fields["question_text"])]
        writes.messages += _lines(said, seq)
        writes.new_turn = fields
        planned = _with_new_turn(session, fields)
        writes.summary = _summary(self._build_report(planned, usage={}))
        turn = self.repo.write(session.id, writes)
        assert turn is not None
        return Reply(session.id, said, None, turn, False)

    def _score(self, session: Session, turn: Turn, log: list[LLMCall]) -> ScoreRecord:
        thread = [
            t
            for t in session.turns
            if t.main_seq == turn.main_seq
            and t.answer_status in (AnswerStatus.answered, AnswerStatus.received)
        ]
        combined = "\n".join(t.answer or "" for t in thread)
        question = self._question(turn)
        prepared = prepare_answer(combined)
        if question.type is QuestionType.behavioural:
            return self.brain.score_star(question.question, prepared, log)
        return self.brain.score_technical(question, prepared, log)

    def _follow_up_fields(self, session: Session, log: list[LLMCall]) -> dict[str, Any] | None:
        last = session.last_turn
        if last is not None and last.answer_status is AnswerStatus.dont_know:
            return self._hint_offer(session)
        if last is None or last.answer_status is not AnswerStatus.answered:
            return None  # declined, empty or repeated answers move on
        score = last.score
        if score is None:
            return None
        thread = [t for t in session.turns if t.main_seq == last.main_seq]
        if len(thread) - 1 >= self.max_follow_ups:
            return None
        question = self._question(last)
        asked = {t.probing for t in thread}
        choice = choose_gap(question, score, asked)
        if choice is None:
            return None
        answer_text = "\n".join(t.answer or "" for t in thread if t.answer)
        text = self.brain.follow_up(
            FollowUpRequest(question.question, answer_text, choice.gap, choice.suggestion), log
        )
        return _follow_up_turn(session, last, text, choice.note)

    def _hint_offer(self, session: Session) -> dict[str, Any] | None:
        """After a first "I don't know" on a technical question: a hint and one more try,
        as an interviewer would, instead of moving straight on."""
        last = session.last_turn
        if last is None or last.kind is not TurnKind.main or last.hints_used:
            return None
        question = self._question(last)
        if question.type is QuestionType.behavioural:
            return None
        if any(t.main_seq == last.main_seq and t.probing == HINT_OFFER_NOTE for t in session.turns):
            return None
        point = question.key_points[0]
        cue = point.keywords[0] if point.keywords else point.text.split()[0]
        text = f'Here is a hint: think about "{cue}". Would you like to try? (Or say "skip" to move on.)'
        return _follow_up_turn(session, last, text, HINT_OFFER_NOTE)

    def _next_main_fields(self, session: Session, log: list[LLMCall]) -> dict[str, Any] | None:
        plan = InterviewPlan.model_validate_json(session.plan_json)
        mains = [t for t in session.turns if t.kind is TurnKind.main]
        if len(mains) >= len(plan.slots):
            return None
        slot = plan.slots[len(mains)]
        asked = {t.question_id for t in session.turns}
        selected = self.selector.select(slot, asked, session.seed + len(mains), plan.areas)
        if selected is None:
            return None
        recent = (
            "\n".join(
                f"Q: {t.question_text}\nA: {(t.answer or '(no answer)')[:300]}"
                for t in session.turns[-RECENT_TURNS:]
            )
            or "(this is the first question)"
        )
        context = self.selector.context(selected)[:2000] if self.brain.words_questions else ""
        text = self.brain.ask(selected.question.question, context, recent, log)
        question = selected.question
        note = (
            f"Main question {len(mains) + 1}/{len(plan.slots)} from {selected.area} "
            f"({question.difficulty.value}, {question.type.value}); slot focus: "
            f"{', '.join(slot.focus) or 'none'}; listening for: "
            + "; ".join(kp.text for kp in question.key_points)
        )
        seq = len(session.turns) + 1
        return {
            "seq": seq,
            "kind": TurnKind.main,
            "main_seq": seq,
            "question_id": question.id,
            "area": selected.area,
            "question_type": question.type.value,
            "question_text": text,
            "source": selected.source,
            "probing": note,
        }

    def _finish(self, session: Session, writes: Writes, lines: list[str]) -> Report:
        report = self._build_report(session)
        writes.report_json = report.model_dump_json()
        writes.summary = _summary(report)
        writes.messages += _lines(lines, None)
        self.repo.write(session.id, writes)
        return report

    def _build_report(self, session: Session, usage: dict[str, float] | None = None) -> Report:
        plan = InterviewPlan.model_validate_json(session.plan_json)
        if usage is None:
            calls = self.repo.llm_calls(session.id)
            costs = [c.cost_usd for c in calls if c.cost_usd is not None]
            usage = {
                "calls": float(len(calls)),
                "prompt_tokens": float(sum(c.prompt_tokens for c in calls)),
                "completion_tokens": float(sum(c.completion_tokens for c in calls)),
                "cost_usd": float(sum(costs)) if costs else 0.0,
            }
        return build_report(session, self.kb, plan.describe(), usage)

    # ----- helpers --------------------------------------------------------------------
    def _active(self, session_id: str) -> Session:
        session = self.repo.get_session(session_id)
        if session.finished:
            raise InterviewError("This interview has finished; start a new one to keep practising.")
        return session

    def _question(self, turn: Turn) -> Question:
        return self.kb.question(turn.question_id)
