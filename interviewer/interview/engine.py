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
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from interviewer.brains.base import Brain, FollowUpRequest, prepare_answer
from interviewer.coding.runner import MAX_CODE_CHARS, CodeRunner, Kind, Verdict
from interviewer.coding.schema import Problem
from interviewer.errors import UserError
from interviewer.interview import coding_round
from interviewer.interview.follow_up import choose_gap
from interviewer.interview.guards import MOVE_ON, AnswerKind, classify
from interviewer.interview.plan import InterviewPlan, PlanSlot
from interviewer.interview.report import Report, build_report
from interviewer.interview.selection import QuestionSelector
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Question, QuestionType
from interviewer.llm.usage import LLMCall
from interviewer.profile.lexicon import technologies
from interviewer.scoring.project_offline import score_project
from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage.models import AnswerStatus, ChatRole, TurnKind
from interviewer.storage.records import CodeRun, Message, Session, Turn
from interviewer.storage.repository import Repository, Writes

HINT_OFFER_NOTE = "Follow-up: hint offered after don't know"
PROJECT_NOTES = {
    "ownership": "Project follow-up: ownership",
    "outcome": "Project follow-up: outcome and evidence",
    "trade_offs": "Project follow-up: decisions and trade-offs",
}
HINT_OFFER_OPENING = "That's fine: saying so honestly is better than guessing."
MAX_ANSWER_CHARS = 20_000
MAX_NAME_CHARS = 200
RECENT_TURNS = 2
CODE_BYTES = 12  # 96 bits: a history code cannot be guessed
MAX_CODE_RUNS = 40  # Runs and Submits per coding exercise
# Given the revision it last saw: None when nothing changed, else the new revision with the
# knowledge base and selector built for it (the composition root supplies one).
KnowledgeReload = Callable[[object], tuple[object, KnowledgeBase, QuestionSelector] | None]
CODING_NOTED = (
    "Noted. Write it in the editor when you are ready: Run checks the examples, "
    "Submit runs the hidden tests."
)


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
    verdict: Verdict | None = None  # what a Run or Submit found


def _verdict(run: CodeRun) -> Verdict | None:
    return Verdict.model_validate_json(run.verdict) if run.verdict else None


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
        coder: CodeRunner | None = None,
        reload_knowledge: KnowledgeReload | None = None,
        knowledge_revision: object = None,
    ) -> None:
        self.kb = kb
        self.repo = repo
        self.selector = selector
        self.brain = brain
        self.max_follow_ups = max_follow_ups
        self.coder = coder
        self._reload = reload_knowledge
        self._knowledge_revision = knowledge_revision  # what `kb` was built from
        self._reload_lock = threading.Lock()

    def refresh_knowledge(self) -> bool:
        """Take up banks published since (by this process or another): the knowledge base
        and its selector are replaced together. True when they changed."""
        if self._reload is None:
            return False
        with self._reload_lock:
            fresh = self._reload(self._knowledge_revision)
            if fresh is None:
                return False
            self._knowledge_revision, kb, selector = fresh
            self.kb, self.selector = kb, selector
            return True

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
        cohort_id: str | None = None,
    ) -> Reply:
        """Open a session. `candidate_code` links it to a history; it must be a code this
        server issued (`issue_code`), so nobody can plant sessions in a history they chose.
        `cohort_id` is the cohort whose join code the candidate entered (checked by the caller)."""
        if candidate_code is not None and not self.known_code(candidate_code):
            raise InterviewError("That history code was not issued by this server.")
        self.refresh_knowledge()
        candidate = clean_name(candidate)
        seed = seed if seed is not None else random.SystemRandom().randrange(1 << 30)
        session_id = self.repo.create_session(
            candidate=candidate,
            brain=self.brain.label,
            plan_json=plan.model_dump_json(),
            seed=seed,
            candidate_key=candidate_key(candidate_code),
            cohort_id=cohort_id,
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
        if self._awaiting_code(session, turn):
            return self._note_approach(session, turn, answer)
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
        problem = self.problem_for(turn)
        if problem is not None:
            text = f"Hint: {problem.hints[min(turn.hints_used, len(problem.hints) - 1)]}"
            self.repo.write(
                session_id,
                Writes(hint=turn.id, messages=[(ChatRole.interviewer, text, turn.seq)]),
            )
            return text
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

    # ----- the coding round ---------------------------------------------------------
    def code(self, session_id: str, code: str, kind: Kind) -> Reply:
        """Run (the examples) or Submit (the hidden tests, timed) the candidate's code for
        the open coding exercise. The code is stored before it runs; the verdict after.
        The first Submit settles the exercise and leads to the follow-ups on it."""
        session = self._active(session_id)
        turn = session.pending_turn
        problem = self.problem_for(turn) if turn is not None else None
        if turn is None or problem is None or self.coder is None:
            raise InterviewError("There is no coding exercise open right now.")
        if not code.strip():
            raise InterviewError("The editor is empty: write your function first.")
        runs = self._runs(session, turn)
        if len(runs) >= MAX_CODE_RUNS:
            raise InterviewError(
                f"This exercise has had {MAX_CODE_RUNS} runs, the limit; answer the "
                "question in the chat or skip it."
            )
        if len(code) > MAX_CODE_CHARS:
            raise InterviewError(
                f"The code is {len(code):,} characters; the limit is {MAX_CODE_CHARS:,}. "
                "Nothing was run."
            )
        run_id = self.repo.add_code_run(
            session_id, turn_seq=turn.seq, problem_id=problem.id, kind=kind, code=code
        )
        try:
            verdict = self.coder.judge(problem.id, code, kind)
        except Exception as error:
            self.repo.finish_code_run(run_id, status="refused", passed=0, total=0, verdict="")
            if isinstance(error, UserError):
                raise InterviewError(str(error)) from error
            raise
        self.repo.finish_code_run(
            run_id,
            status=verdict.status,
            passed=verdict.passed,
            total=verdict.total,
            verdict=verdict.model_dump_json(),
        )
        label = "Ran the examples" if kind == "run" else "Submitted the code"
        said = [f"{'Run' if kind == 'run' else 'Submit'}: {verdict.summary()}"]
        lines = [(ChatRole.candidate, f"({label}.)", turn.seq)]
        if kind == "run" or turn.kind is TurnKind.follow_up or self._submitted(runs):
            self.repo.write(session_id, Writes(messages=[*lines, *_lines(said, None)]))
            return Reply(session_id, said, None, turn, False, verdict=verdict)
        # The first Submit answers the exercise: it is scored, and the follow-ups begin.
        approach = turn.answer or ""
        self.repo.write(
            session_id,
            Writes(
                answer=(turn.id, approach, AnswerStatus.received),
                messages=[*lines, *_lines(said, None)],
            ),
        )
        received = replace(turn, answer=approach, answer_status=AnswerStatus.received)
        reply = self._score_and_advance(_with_turn(self.repo.get_session(session_id), received))
        return replace(reply, messages=[*said, *reply.messages], verdict=verdict)

    def forget_profile(self, session_id: str) -> int:
        """Remove the CV's profile from a session: the profile itself, and the project
        questions not yet asked (they become bank questions of the same area). What was
        already asked and answered stays in the transcript, as said. Returns how many
        project slots were dropped."""
        session = self.repo.get_session(session_id)
        plan = InterviewPlan.model_validate_json(session.plan_json)
        asked = len([t for t in session.turns if t.kind is TurnKind.main])
        dropped = 0
        for index, slot in enumerate(plan.slots):
            if slot.kind == "project" and index >= asked:
                plan.slots[index] = PlanSlot(area=slot.area, difficulty=None, kind="question")
                dropped += 1
        plan.profile = None
        self.repo.replace_plan(session_id, plan.model_dump_json())
        return dropped

    def code_runs(self, session_id: str) -> list[CodeRun]:
        return self.repo.code_runs(session_id)

    def problem_for(self, turn: Turn | None) -> Problem | None:
        """The coding problem of a turn's exercise, or None for a bank question."""
        if turn is None or self.coder is None:
            return None
        problem_id = coding_round.problem_id(turn.question_id)
        return self.coder.problems.get(problem_id) if problem_id else None

    def _runs(self, session: Session, turn: Turn) -> list[CodeRun]:
        thread = {t.seq for t in session.turns if t.main_seq == turn.main_seq}
        return [r for r in self.repo.code_runs(session.id) if r.turn_seq in thread]

    @staticmethod
    def _submitted(runs: list[CodeRun]) -> bool:
        return any(r.kind == "submit" and r.verdict for r in runs)

    def _awaiting_code(self, session: Session, turn: Turn) -> bool:
        return (
            turn.kind is TurnKind.main
            and self.problem_for(turn) is not None
            and not self._submitted(self._runs(session, turn))
        )

    def _note_approach(self, session: Session, turn: Turn, text: str) -> Reply:
        """Words typed before the first Submit: the candidate's approach, kept with the
        exercise (and scored as part of their explanation); the exercise stays open."""
        if classify(text, []) is AnswerKind.skip:
            return self.skip(session.id)
        approach = "\n".join(part for part in (turn.answer, text) if part)
        self.repo.write(
            session.id,
            Writes(
                answer=(turn.id, approach, AnswerStatus.pending),
                messages=[
                    (ChatRole.candidate, text, turn.seq),
                    (ChatRole.interviewer, CODING_NOTED, None),
                ],
            ),
        )
        return Reply(session.id, [CODING_NOTED], None, turn, False)

    def _score_coding(
        self, session: Session, turn: Turn, problem: Problem, log: list[LLMCall]
    ) -> ScoreRecord:
        runs = self._runs(session, turn)
        submits = [r for r in runs if r.kind == "submit" and r.verdict]
        verdict = _verdict(submits[-1]) if submits else None
        thread = [t for t in session.turns if t.main_seq == turn.main_seq]
        said = "\n".join(t.answer or "" for t in thread if t.answer)
        explanation = None
        record = None
        if said.strip():
            question = coding_round.explanation_question(problem, verdict)
            record = self.brain.score_technical(question, prepare_answer(said), log)
            explanation = record.technical
        coding = coding_round.score(
            problem, verdict, submits[-1].code if submits else "", said, explanation, len(runs)
        )
        if record is not None:
            return record.model_copy(update={"kind": "coding", "coding": coding, "technical": None})
        return ScoreRecord(
            kind="coding",
            brain="offline",
            model="offline",
            prompt_version="coding@1",
            coding=coding,
            delivery=prepare_answer(said).delivery,
        )

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
        if turn.kind is TurnKind.main and self.problem_for(turn) is not None:
            return self._score_and_advance(session)  # a Submit stored, then a crash: resume
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
        return self._score_and_advance(session)

    def _score_and_advance(self, session: Session) -> Reply:
        """Score the last turn (an answer, or a coding exercise's first Submit), commit it,
        and move on."""
        turn = session.turns[-1]
        log: list[LLMCall] = []
        try:
            score = self._score(session, turn, log)
        except Exception:
            self.repo.record_calls(session.id, turn.seq, log)
            raise
        # The score goes in the same write as the next question (one transaction a turn
        # fewer). If choosing that question fails, the score is committed on its own before
        # the error goes on: the answer is already stored, and what it cost to score it is
        # not lost. (A process killed in between loses only the score: a resume scores the
        # stored answer again.)
        scored = replace(turn, answer_status=AnswerStatus.answered, scores=(*turn.scores, score))
        kept = Writes(
            score=(turn.id, score),
            status=(turn.id, AnswerStatus.answered),
            calls=[(turn.seq, call) for call in log],
        )
        try:
            reply = self._advance(_with_turn(session, scored), [], kept)
        except Exception:
            self._keep_score(session.id, turn, score, log)
            raise
        return Reply(session.id, reply.messages, score, reply.current, reply.finished, reply.report)

    def _keep_score(
        self, session_id: str, turn: Turn, score: ScoreRecord, log: list[LLMCall]
    ) -> None:
        stored = next(t for t in self.repo.get_session(session_id).turns if t.id == turn.id)
        if len(stored.scores) > len(turn.scores):
            return  # the step's own write got it in before the error
        self.repo.write(
            session_id,
            Writes(
                score=(turn.id, score),
                status=(turn.id, AnswerStatus.answered),
                calls=[(turn.seq, call) for call in log],
            ),
        )

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
        fields["question_version"] = self.kb.version_of(str(fields["question_id"]))
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
        problem = self.problem_for(turn)
        if problem is not None:
            return self._score_coding(session, turn, problem, log)
        combined = "\n".join(t.answer or "" for t in thread)
        question = self._question(turn)
        prepared = prepare_answer(combined)
        slot = self._slot_for(session, turn)
        if slot is not None and slot.kind == "project":
            record = self.brain.score_technical(question, prepared, log)
            project = score_project(
                prepared.cleaned or combined,
                slot.project or "the project",
                technologies(combined),
                record.technical,
            )
            return record.model_copy(update={"kind": "project", "project": project})
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
        problem = self.problem_for(last)
        if problem is not None:
            return self._coding_follow_up(session, last, thread, problem, log)
        if len(thread) - 1 >= self.max_follow_ups:
            return None
        slot = self._slot_for(session, last)
        if slot is not None and slot.kind == "project" and score.project is not None:
            probe = self._project_follow_up(session, last, thread, slot, score, log)
            if probe is not None:
                return probe
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

    def _coding_follow_up(
        self,
        session: Session,
        last: Turn,
        thread: list[Turn],
        problem: Problem,
        log: list[LLMCall],
    ) -> dict[str, Any] | None:
        """At least the complexity question (it is what the round is about), then up to
        max_follow_ups: a failing test or an alternative approach."""
        if len(thread) - 1 >= max(1, self.max_follow_ups):
            return None
        runs = self._runs(session, last)
        submits = [r for r in runs if r.kind == "submit" and r.verdict]
        verdict = _verdict(submits[-1]) if submits else None
        choice = coding_round.next_follow_up(problem, verdict, {t.probing for t in thread})
        if choice is None:
            return None
        code = submits[-1].code if submits else ""
        context = f"Code:\n{code[:3000]}\n\nResult: {verdict.summary() if verdict else 'none'}"
        said = "\n".join(t.answer or "" for t in thread if t.answer)
        text = self.brain.follow_up(
            FollowUpRequest(
                problem.statement, f"{said}\n\n{context}", choice.gap, choice.suggestion
            ),
            log,
        )
        return _follow_up_turn(session, last, text, choice.note)

    def _slot_for(self, session: Session, turn: Turn) -> PlanSlot | None:
        """The plan slot a turn's thread belongs to."""
        mains = [t.seq for t in session.turns if t.kind is TurnKind.main]
        if turn.main_seq not in mains:
            return None
        plan = InterviewPlan.model_validate_json(session.plan_json)
        index = mains.index(turn.main_seq)
        return plan.slots[index] if index < len(plan.slots) else None

    def _project_follow_up(
        self,
        session: Session,
        last: Turn,
        thread: list[Turn],
        slot: PlanSlot,
        score: ScoreRecord,
        log: list[LLMCall],
    ) -> dict[str, Any] | None:
        """Probe the weakest part of a project answer as an interviewer would: who built
        what, how they know it worked, why this and not that."""
        assert score.project is not None
        asked = {t.probing for t in thread}
        name = slot.project or "the project"
        claim = next((p for p in slot.probes if "measure" in p.lower()), None)
        decision = next((p for p in slot.probes if "rather than" in p.lower()), None)
        options = {
            "ownership": f"Which part of {name} did you write yourself, and which parts came "
            "from the team or a tutorial?",
            "outcome": claim or f"How do you know {name} worked: what did you measure or test?",
            "trade_offs": decision
            or f"Why did you build {name} this way, and what would you change now?",
        }
        parts = score.project.parts
        for part in sorted(options, key=lambda p: parts[p].score):
            if parts[part].score >= 2 or PROJECT_NOTES[part] in asked:
                continue
            answer_text = "\n".join(t.answer or "" for t in thread if t.answer)
            gap = f"the project answer's {part.replace('_', '-')} ({parts[part].score}/2)"
            text = self.brain.follow_up(
                FollowUpRequest(slot.prompt or last.question_text, answer_text, gap, options[part]),
                log,
            )
            return _follow_up_turn(session, last, text, PROJECT_NOTES[part])
        return None

    def _hint_offer(self, session: Session) -> dict[str, Any] | None:
        """After a first "I don't know" on a technical question: a hint and one more try,
        as an interviewer would, instead of moving straight on."""
        last = session.last_turn
        if last is None or last.kind is not TurnKind.main or last.hints_used:
            return None
        if self.problem_for(last) is not None:
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
        if slot.kind == "project" and slot.knowledge_id in {q.id for q in self.kb.questions}:
            return self._project_fields(session, plan, slot, len(mains), log)
        replaced = ""
        if slot.kind == "coding":
            reason = self.coder.unavailable() if self.coder else "no code runner is configured"
            problem = (
                coding_round.choose_problem(
                    self.coder.problems, slot.difficulty, asked, session.seed + len(mains)
                )
                if self.coder is not None and not reason
                else None
            )
            if problem is not None:
                return self._coding_fields(session, plan, problem, len(mains))
            replaced = f"(The coding exercise is replaced by a spoken question: {reason or 'no problem left'}.) "
        if slot.kind == "project":  # its grounding question is not in this knowledge base
            area = slot.area if slot.area in self.kb.areas else plan.areas[0]
            slot = slot.model_copy(update={"kind": "question", "area": area})
        if replaced:
            area = coding_round.AREA if coding_round.AREA in self.kb.areas else plan.areas[0]
            slot = slot.model_copy(update={"kind": "question", "area": area})
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
        coach_notes = self.selector.coach_notes(selected)
        context = (
            self.selector.context(selected, coach_notes)[:2000]
            if self.brain.words_questions
            else ""
        )
        text = replaced + self.brain.ask(selected.question.question, context, recent, log)
        cited = "; ".join(dict.fromkeys(f"notes {h.source}" for h in coach_notes))
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
            "source": (f"{selected.source}; {cited}" if cited else selected.source)[:500],
            "probing": note,
        }

    def _project_fields(
        self,
        session: Session,
        plan: InterviewPlan,
        slot: PlanSlot,
        asked_so_far: int,
        log: list[LLMCall],
    ) -> dict[str, Any]:
        assert slot.knowledge_id is not None and slot.prompt is not None
        question = self.kb.question(slot.knowledge_id)
        area = self.kb.area_of(question.id)
        source_file = self.kb.sources.get(area)
        recent = "(a question about the candidate's own project, from their CV)"
        text = self.brain.ask(slot.prompt, "", recent, log)
        seq = len(session.turns) + 1
        note = (
            f"Main question {asked_so_far + 1}/{len(plan.slots)}: project round on "
            f"'{slot.project or 'the bank'}'"
            + (f" ({slot.technology})" if slot.technology else "")
            + f"; grounded in {question.id}; listening for: "
            + "; ".join(kp.text for kp in question.key_points)
        )
        where = f"knowledge/{source_file.name}#{question.id}" if source_file else question.id
        return {
            "seq": seq,
            "kind": TurnKind.main,
            "main_seq": seq,
            "question_id": question.id,
            "area": area,
            "question_type": "project",
            "question_text": text,
            "source": (f"your CV: {slot.project} + {where}" if slot.project else where)[:500],
            "probing": note,
        }

    def _coding_fields(
        self, session: Session, plan: InterviewPlan, problem: Problem, asked_so_far: int
    ) -> dict[str, Any]:
        seq = len(session.turns) + 1
        text = coding_round.opening(problem)
        note = (
            f"Main question {asked_so_far + 1}/{len(plan.slots)}: coding exercise "
            f"{problem.id} ({problem.difficulty}, {problem.topic.value}); expected "
            f"{problem.complexity.value}"
        )
        return {
            "seq": seq,
            "kind": TurnKind.main,
            "main_seq": seq,
            "question_id": f"{coding_round.PREFIX}{problem.id}",
            "area": coding_round.AREA,
            "question_type": coding_round.QUESTION_TYPE,
            "question_text": text,
            "source": f"knowledge/problems/{problem.id}.yaml",
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
