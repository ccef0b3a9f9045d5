"""Tables: sessions, their turns and scores, the chat as shown, code runs, LLM calls, coach records,
coaches' question banks (every version kept) and the audit log, and the security bookkeeping
(issued candidate codes, coach logins and their sessions).

The schema changes only through a migration (`storage/migrations/`); `Base.metadata` is
what the latest migration builds, and a test checks that the two agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class SessionStatus(StrEnum):
    active = "active"
    finished = "finished"


class TurnKind(StrEnum):
    main = "main"
    follow_up = "follow_up"


class AnswerStatus(StrEnum):
    """pending (awaiting an answer) -> received (stored, not yet scored) -> a settled state."""

    pending = "pending"
    received = "received"
    answered = "answered"
    skipped = "skipped"
    dont_know = "dont_know"
    empty = "empty"
    repeated = "repeated"


class ScoreKind(StrEnum):
    star = "star"
    technical = "technical"
    coding = "coding"
    project = "project"


class ChatRole(StrEnum):
    interviewer = "assistant"
    candidate = "user"


def _enum(kind: type[StrEnum], length: int = 20) -> Enum:
    """Stored as its value in a plain VARCHAR (no database enum type, no CHECK constraint),
    so adding a member never needs a migration; Python sees the enum."""
    return Enum(
        kind,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    pass


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    candidate: Mapped[str] = mapped_column(String(200), index=True)
    # sha256 of the candidate's private code: how a returning candidate finds their history.
    candidate_key: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    status: Mapped[SessionStatus] = mapped_column(
        _enum(SessionStatus), default=SessionStatus.active
    )
    brain: Mapped[str] = mapped_column(String(200))
    plan_json: Mapped[str] = mapped_column(Text)
    seed: Mapped[int] = mapped_column(Integer)
    report_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    # Kept current by the engine after every scored answer, so a coach's list is one query
    # instead of a report per session.
    overall: Mapped[float | None] = mapped_column(Float, nullable=True)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    fallbacks: Mapped[int] = mapped_column(Integer, default=0)
    areas: Mapped[str] = mapped_column(String(500), default="")
    # The cohort the candidate joined with its code; None: an interview of their own.
    cohort_id: Mapped[str | None] = mapped_column(String(40), index=True, nullable=True)
    # Raised by every write to the session, its turns, scores or chat (Repository.write,
    # replace_plan): a process's cached copy is current while the number is unchanged.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))

    turns: Mapped[list[TurnRow]] = relationship(
        back_populates="session", order_by="TurnRow.seq", cascade="all, delete-orphan"
    )


class TurnRow(Base):
    """One question put to the candidate (main or follow-up) and their answer to it."""

    __tablename__ = "turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[TurnKind] = mapped_column(_enum(TurnKind))
    main_seq: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(100))
    question_type: Mapped[str] = mapped_column(String(30))
    question_text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(500))
    probing: Mapped[str] = mapped_column(Text, default="")  # hidden interviewer note
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    answer_status: Mapped[AnswerStatus] = mapped_column(
        _enum(AnswerStatus), default=AnswerStatus.pending
    )
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    # A coach's bank question: "bank@version" it was asked (and scored) from; None: the guide.
    question_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    session: Mapped[SessionRow] = relationship(back_populates="turns")
    scores: Mapped[list[ScoreRow]] = relationship(
        back_populates="turn", order_by="ScoreRow.id", cascade="all, delete-orphan"
    )


class ScoreRow(Base):
    __tablename__ = "scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id"), index=True)
    kind: Mapped[ScoreKind] = mapped_column(_enum(ScoreKind))
    brain: Mapped[str] = mapped_column(String(30))
    model: Mapped[str] = mapped_column(String(200))
    prompt_version: Mapped[str] = mapped_column(String(100))
    normalised: Mapped[float] = mapped_column(Float)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    turn: Mapped[TurnRow] = relationship(back_populates="scores")


class MessageRow(Base):
    """The conversation exactly as the candidate saw it, in order: the server's own record,
    from which every view of the chat is rendered (a browser's copy is never trusted)."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    role: Mapped[ChatRole] = mapped_column(_enum(ChatRole, 16))
    text: Mapped[str] = mapped_column(Text)
    turn_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CodeRunRow(Base):
    """One Run or Submit of the coding round: the code is stored before it runs, the
    verdict (JSON) when the sandbox is done; a run whose verdict never came stays visible."""

    __tablename__ = "code_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    turn_seq: Mapped[int] = mapped_column(Integer)
    problem_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # run | submit
    code: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="running")
    passed: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    verdict: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class LLMCallRow(Base):
    __tablename__ = "llm_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    turn_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    purpose: Mapped[str] = mapped_column(String(50))
    model: Mapped[str] = mapped_column(String(200))
    prompt_version: Mapped[str] = mapped_column(String(100))
    prompt_tokens: Mapped[int] = mapped_column(Integer)
    completion_tokens: Mapped[int] = mapped_column(Integer)
    latency_ms: Mapped[float] = mapped_column(Float)
    cost_usd: Mapped[float | None] = mapped_column(Float, nullable=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class OverrideRow(Base):
    """A coach's score for a turn, kept beside the machine score (never replacing it)."""

    __tablename__ = "overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id"), index=True)
    coach: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ScoreKind] = mapped_column(_enum(ScoreKind))
    payload: Mapped[str] = mapped_column(Text)  # the coach's labels, as JSON
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class NoteRow(Base):
    __tablename__ = "coach_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    turn_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    coach: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CandidateCodeRow(Base):
    """A private history code the server issued (only its hash is kept). A code a browser
    sends that is not here was not issued by us and is refused."""

    __tablename__ = "candidate_codes"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the code
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CoachSessionRow(Base):
    """A coach's login: the cookie carries a random token, the database only its hash."""

    __tablename__ = "coach_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    address: Mapped[str] = mapped_column(String(64), default="")


class LoginAttemptRow(Base):
    """Every coach login attempt, for per-account and per-address limits and the audit.
    The password is never stored, not even a wrong one."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(64))
    ok: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class BankRow(Base):
    """A coach's question bank by name; its questions live in versions, one of them live."""

    __tablename__ = "banks"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    published_version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class BankVersionRow(Base):
    """One import of a bank: its validated questions (JSON, the knowledge schema) and the
    problems the import reported. Versions are never changed or deleted, so a score can
    always be traced to the questions it used."""

    __tablename__ = "bank_versions"
    __table_args__ = (UniqueConstraint("bank", "version", name="uq_bank_versions_bank_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bank: Mapped[str] = mapped_column(ForeignKey("banks.name"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    source_name: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(20))
    question_count: Mapped[int] = mapped_column(Integer)
    questions_json: Mapped[str] = mapped_column(Text)
    problems_json: Mapped[str] = mapped_column(Text, default="[]")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AuditRow(Base):
    """Who did what to shared state (imports, publishes, accounts), and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")


class CoachAccountRow(Base):
    """A desk account: an admin (accounts, every cohort) or a coach (their own cohorts).
    Only an argon2 hash of the password is kept."""

    __tablename__ = "coach_accounts"

    username: Mapped[str] = mapped_column(String(200), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # admin | coach
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class CohortRow(Base):
    """A batch of students a coach runs: its bank, plan settings and the code they join with."""

    __tablename__ = "cohorts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str] = mapped_column(String(200), index=True)
    join_code: Mapped[str] = mapped_column(String(40), unique=True)
    bank: Mapped[str | None] = mapped_column(String(60), nullable=True)
    settings_json: Mapped[str] = mapped_column(Text)  # questions, difficulty, coding
    starts_on: Mapped[str | None] = mapped_column(String(10), nullable=True)  # ISO date
    ends_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
