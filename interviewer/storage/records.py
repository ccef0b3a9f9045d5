"""The read model: what storage hands to the rest of the application.

Frozen records, never ORM rows: nothing above storage can lazy-load, mutate or keep a
database object alive, and stored score JSON is parsed here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage.models import AnswerStatus, ChatRole, ScoreKind, SessionStatus, TurnKind


@dataclass(frozen=True)
class Turn:
    id: int
    session_id: str
    seq: int
    kind: TurnKind
    main_seq: int
    question_id: str
    area: str
    question_type: str
    question_text: str
    source: str
    probing: str  # the hidden interviewer note
    answer: str | None
    answer_status: AnswerStatus
    hints_used: int
    asked_at: datetime
    answered_at: datetime | None
    scores: tuple[ScoreRecord, ...] = ()
    question_version: str | None = None  # "bank@version" for a coach's bank question

    @property
    def score(self) -> ScoreRecord | None:
        """The latest score of this turn, if it was scored."""
        return self.scores[-1] if self.scores else None


@dataclass(frozen=True)
class Session:
    id: str
    candidate: str
    candidate_key: str | None
    status: SessionStatus
    brain: str
    plan_json: str
    seed: int
    report_json: str | None
    created_at: datetime
    updated_at: datetime
    turns: tuple[Turn, ...] = ()
    cohort_id: str | None = None

    @property
    def finished(self) -> bool:
        return self.status is SessionStatus.finished

    @property
    def last_turn(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def pending_turn(self) -> Turn | None:
        last = self.last_turn
        return last if last is not None and last.answer_status is AnswerStatus.pending else None


@dataclass(frozen=True)
class SessionSummary:
    """One row of a coach's session list, from the summary columns (no report is built)."""

    id: str
    candidate: str
    created_at: datetime
    status: SessionStatus
    overall: float | None
    answered: int
    fallbacks: int
    areas: str
    overrides: int


@dataclass(frozen=True)
class Message:
    role: ChatRole
    text: str
    turn_seq: int | None
    created_at: datetime


@dataclass(frozen=True)
class Override:
    id: int
    turn_id: int
    coach: str
    kind: ScoreKind
    payload: str  # the coach's labels, as JSON
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class Note:
    id: int
    session_id: str
    turn_seq: int | None
    coach: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class LLMCallRecord:
    purpose: str
    model: str
    prompt_version: str
    prompt_tokens: int
    completion_tokens: int
    latency_ms: float
    cost_usd: float | None
    ok: bool
    error: str
    turn_seq: int | None
    created_at: datetime


@dataclass(frozen=True)
class CodeRun:
    """One Run or Submit: the code, and the verdict as JSON (None while it runs, or if the
    process died before the sandbox answered)."""

    id: int
    turn_seq: int
    problem_id: str
    kind: str
    code: str
    status: str
    passed: int
    total: int
    verdict: str | None
    created_at: datetime


@dataclass(frozen=True)
class BankVersion:
    """One stored import of a coach's bank; `questions_json` is the knowledge schema's."""

    bank: str
    title: str
    version: int
    published: bool
    source_name: str
    source_format: str
    question_count: int
    questions_json: str
    problems_json: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


@dataclass(frozen=True)
class CoachAccount:
    username: str
    password_hash: str
    role: str  # admin | coach
    created_by: str
    created_at: datetime
    disabled: bool


@dataclass(frozen=True)
class Cohort:
    id: str
    name: str
    owner: str
    join_code: str
    bank: str | None
    settings_json: str
    starts_on: str | None
    ends_on: str | None
    created_at: datetime


@dataclass(frozen=True)
class CohortScore:
    """One scored turn of a cohort's session: what the dashboard aggregates."""

    session_id: str
    candidate: str
    created_at: datetime
    overall: float | None
    fallbacks: int
    area: str
    question_id: str
    kind: str
    brain: str
    normalised: float
    payload: str
