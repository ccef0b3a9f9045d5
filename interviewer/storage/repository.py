"""All database access goes through here; every write commits before returning.

The candidate's answer is committed on its own, before any scoring or LLM call, so a
crash or an LLM failure afterwards never loses what they typed. Reads return the frozen
records of `storage.records`, never ORM rows.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Table,
    create_engine,
    delete,
    event,
    func,
    insert,
    make_url,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import selectinload, sessionmaker

from interviewer.errors import UserError
from interviewer.llm.usage import LLMCall
from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage import records
from interviewer.storage.migrate import upgrade
from interviewer.storage.models import (
    AnswerStatus,
    AuditRow,
    BankRow,
    BankVersionRow,
    CandidateCodeRow,
    ChatRole,
    CoachAccountRow,
    CoachSessionRow,
    CodeRunRow,
    CohortRow,
    LLMCallRow,
    LoginAttemptRow,
    MessageRow,
    NoteRow,
    OverrideRow,
    ScoreKind,
    ScoreRow,
    SessionRow,
    SessionStatus,
    TurnKind,
    TurnRow,
    now,
)

# The tables, for the plain statements of the hot path (reads and writes of a turn).
SESSIONS = cast(Table, SessionRow.__table__)
TURNS = cast(Table, TurnRow.__table__)
SCORES = cast(Table, ScoreRow.__table__)
MESSAGES = cast(Table, MessageRow.__table__)
LLM_CALLS = cast(Table, LLMCallRow.__table__)


class BankNotFound(UserError, LookupError):
    """No bank (or no such version of it) is stored under that name."""


class SessionNotFound(UserError, LookupError):
    """No session has that id. The message never repeats the id a client sent."""

    def __init__(self) -> None:
        super().__init__(
            "That interview session was not found; it may have been deleted. Start a new one."
        )


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    from datetime import UTC

    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _turn(row: Any, scores: Iterable[str] | None = None) -> records.Turn:
    """A turn from its ORM row or a plain result row (`scores`: its score payloads)."""
    return records.Turn(
        id=row.id,
        session_id=row.session_id,
        seq=row.seq,
        kind=TurnKind(row.kind),
        main_seq=row.main_seq,
        question_id=row.question_id,
        area=row.area,
        question_type=row.question_type,
        question_text=row.question_text,
        source=row.source,
        probing=row.probing or "",
        answer=row.answer,
        answer_status=AnswerStatus(row.answer_status),
        hints_used=row.hints_used,
        asked_at=_utc(row.asked_at),
        answered_at=_utc(row.answered_at) if row.answered_at else None,
        scores=tuple(
            ScoreRecord.model_validate_json(payload)
            for payload in (scores if scores is not None else (s.payload for s in row.scores))
        ),
        question_version=row.question_version,
    )


def _session(row: Any, turns: Iterable[records.Turn] | None = None) -> records.Session:
    return records.Session(
        id=row.id,
        candidate=row.candidate,
        candidate_key=row.candidate_key,
        status=SessionStatus(row.status),
        brain=row.brain,
        plan_json=row.plan_json,
        seed=row.seed,
        report_json=row.report_json,
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
        turns=tuple(turns if turns is not None else (_turn(t) for t in row.turns)),
        cohort_id=row.cohort_id,
    )


def _call_values(session_id: str | None, turn_seq: int | None, c: LLMCall) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "turn_seq": turn_seq,
        "purpose": c.purpose,
        "model": c.model,
        "prompt_version": c.prompt_version,
        "prompt_tokens": c.prompt_tokens,
        "completion_tokens": c.completion_tokens,
        "latency_ms": c.latency_ms,
        "cost_usd": c.cost_usd,
        "ok": c.ok,
        "error": c.error,
    }


def _call_row(session_id: str | None, turn_seq: int | None, c: LLMCall) -> LLMCallRow:
    return LLMCallRow(**_call_values(session_id, turn_seq, c))


@dataclass
class Writes:
    """What one step of the interview changes, written in one transaction (a busy server
    pays per transaction: SQLite has one writer at a time)."""

    answer: tuple[int, str, AnswerStatus] | None = None  # turn id, text, status
    status: tuple[int, AnswerStatus] | None = None  # turn id, new status
    score: tuple[int, ScoreRecord] | None = None  # turn id, score
    hint: int | None = None  # turn id whose hint count goes up
    calls: list[tuple[int | None, LLMCall]] = field(default_factory=list)  # (turn seq, call)
    messages: list[tuple[ChatRole, str, int | None]] = field(default_factory=list)
    new_turn: dict[str, Any] | None = None  # TurnRow fields; its question is the last message
    summary: tuple[float | None, int, int] | None = None  # overall, answered, fallbacks
    report_json: str | None = None  # finishes the session

    def __bool__(self) -> bool:
        return any(
            (
                self.answer,
                self.status,
                self.score,
                self.hint,
                self.calls,
                self.messages,
                self.new_turn,
                self.summary,
                self.report_json,
            )
        )


@dataclass(frozen=True)
class SessionQuery:
    """A coach's filter over sessions, applied in SQL."""

    candidate: str = ""
    since: date | None = None
    until: date | None = None
    area: str | None = None
    min_score: float = 0.0
    max_score: float = 100.0
    fallback_only: bool = False
    cohorts: tuple[str, ...] | None = None  # None: every session (an admin); else only these
    cohort: str | None = None  # one cohort's sessions


SESSION_CACHE = 256  # sessions a process keeps in memory (its candidates of the moment)


@dataclass(frozen=True)
class _Cached:
    revision: int
    session: records.Session
    messages: tuple[records.Message, ...] | None  # None: not read yet at this revision


class _SessionCache:
    """The sessions this process read lately, each with the revision it was read at.

    Every view of the room reads its session, several times a turn. A read first asks the
    database for the session's revision (one indexed row) and uses the copy kept here when
    the number has not moved; any write, by any process, raises it (`Repository.write`). So
    the copy is derived state, never a second source of truth: a process that restarts, or
    a candidate whose next request reaches another process, reads the same rows. The
    revision is read before the rows, so a copy is never older than the number it is kept
    under (a write landing in between only costs one more read later).
    """

    def __init__(self, capacity: int = SESSION_CACHE) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[str, _Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str, revision: int) -> _Cached | None:
        with self._lock:
            entry = self._entries.get(session_id)
            if entry is None or entry.revision != revision:
                return None
            self._entries.move_to_end(session_id)
            return entry

    def put(self, session_id: str, entry: _Cached) -> None:
        with self._lock:
            self._entries[session_id] = entry
            self._entries.move_to_end(session_id)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def drop(self, session_id: str) -> None:
        with self._lock:
            self._entries.pop(session_id, None)


class Repository:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.migrated_from = upgrade(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._cache = _SessionCache()

    # ----- sessions and turns -----------------------------------------------------------
    def create_session(
        self,
        *,
        candidate: str,
        brain: str,
        plan_json: str,
        seed: int,
        candidate_key: str | None = None,
        cohort_id: str | None = None,
    ) -> str:
        session_id = secrets.token_urlsafe(18)  # unguessable: it doubles as the resume link
        with self._session.begin() as db:
            db.add(
                SessionRow(
                    id=session_id,
                    candidate=candidate,
                    brain=brain,
                    plan_json=plan_json,
                    seed=seed,
                    candidate_key=candidate_key,
                    cohort_id=cohort_id,
                    status=SessionStatus.active,
                    answered=0,
                    fallbacks=0,
                    areas="",
                )
            )
        return session_id

    def replace_plan(self, session_id: str, plan_json: str) -> None:
        """A session's plan rewritten (the candidate removed their CV's profile from it)."""
        with self._session.begin() as db:
            row = db.get(SessionRow, session_id)
            if row is None:
                raise SessionNotFound()
            row.plan_json = plan_json
            row.revision = SessionRow.revision + 1
        self._cache.drop(session_id)

    @staticmethod
    def _revision(db: Any, session_id: str) -> int:
        revision = db.scalar(select(SessionRow.revision).where(SessionRow.id == session_id))
        if revision is None:
            raise SessionNotFound()
        return int(revision)

    @staticmethod
    def _load(db: Any, session_id: str) -> records.Session:
        """The session, its turns and their scores, as plain rows: three indexed queries
        and no ORM objects (the ORM's bookkeeping cost more than the queries on a turn)."""
        sessions, turns, scores = SESSIONS, TURNS, SCORES
        row = db.execute(select(sessions).where(sessions.c.id == session_id)).first()
        if row is None:
            raise SessionNotFound()
        payloads: dict[int, list[str]] = {}
        for turn_id, payload in db.execute(
            select(scores.c.turn_id, scores.c.payload)
            .join(turns, turns.c.id == scores.c.turn_id)
            .where(turns.c.session_id == session_id)
            .order_by(scores.c.id)
        ):
            payloads.setdefault(turn_id, []).append(payload)
        turn_rows = db.execute(
            select(turns).where(turns.c.session_id == session_id).order_by(turns.c.seq)
        )
        return _session(row, [_turn(t, payloads.get(t.id, ())) for t in turn_rows])

    @staticmethod
    def _messages(db: Any, session_id: str) -> tuple[records.Message, ...]:
        table = MESSAGES
        return tuple(
            records.Message(ChatRole(m.role), m.text, m.turn_seq, _utc(m.created_at))
            for m in db.execute(
                select(table.c.role, table.c.text, table.c.turn_seq, table.c.created_at)
                .where(table.c.session_id == session_id)
                .order_by(table.c.id)
            )
        )

    def get_session(self, session_id: str) -> records.Session:
        with self.engine.connect() as db:  # Core: no ORM session on the hot path
            revision = self._revision(db, session_id)  # before the rows (see _SessionCache)
            cached = self._cache.get(session_id, revision)
            if cached is not None:
                return cached.session
            session = self._load(db, session_id)
            self._cache.put(session_id, _Cached(revision, session, None))
            return session

    def conversation(self, session_id: str) -> tuple[records.Session, list[records.Message]]:
        """A session and its chat, read together (what every view of the room needs)."""
        with self.engine.connect() as db:  # Core: no ORM session on the hot path
            revision = self._revision(db, session_id)
            cached = self._cache.get(session_id, revision)
            if cached is not None and cached.messages is not None:
                return cached.session, list(cached.messages)
            session = cached.session if cached is not None else self._load(db, session_id)
            messages = self._messages(db, session_id)
            self._cache.put(session_id, _Cached(revision, session, messages))
            return session, list(messages)

    def write(self, session_id: str, writes: Writes) -> records.Turn | None:
        """Apply one step's changes in one transaction; returns the new turn, if any."""
        if not writes:
            return None
        try:
            return self._write(session_id, writes)
        finally:
            self._cache.drop(session_id)  # stale now (the revision says so too): free it

    def _write(self, session_id: str, writes: Writes) -> records.Turn | None:
        """Plain statements (no ORM objects): a turn writes two or three times, and the
        ORM's unit of work cost more than the statements. The session's row is updated
        first, so two writers of one session take turns on its lock."""
        sessions, turns = SESSIONS, TURNS
        with self.engine.begin() as db:
            changes: dict[str, Any] = {"updated_at": now(), "revision": sessions.c.revision + 1}
            if writes.summary is not None:
                changes["overall"], changes["answered"], changes["fallbacks"] = writes.summary
            if writes.report_json is not None:
                changes["status"] = SessionStatus.finished
                changes["report_json"] = writes.report_json
            updated = db.execute(
                update(sessions).where(sessions.c.id == session_id).values(**changes)
            )
            if updated.rowcount != 1:
                raise SessionNotFound()
            if writes.answer is not None:
                turn_id, text, status = writes.answer
                db.execute(
                    update(turns)
                    .where(turns.c.id == turn_id)
                    .values(answer=text, answer_status=status, answered_at=now())
                )
            if writes.status is not None:
                db.execute(
                    update(turns)
                    .where(turns.c.id == writes.status[0])
                    .values(answer_status=writes.status[1])
                )
            if writes.hint is not None:
                db.execute(
                    update(turns)
                    .where(turns.c.id == writes.hint)
                    .values(hints_used=turns.c.hints_used + 1)
                )
            if writes.score is not None:
                turn_id, record = writes.score
                db.execute(
                    insert(SCORES).values(
                        turn_id=turn_id,
                        kind=ScoreKind(record.kind),
                        brain=record.brain,
                        model=record.model,
                        prompt_version=record.prompt_version,
                        normalised=record.normalised,
                        payload=record.model_dump_json(),
                    )
                )
            if writes.calls:
                db.execute(
                    insert(LLM_CALLS),
                    [_call_values(session_id, seq, call) for seq, call in writes.calls],
                )
            created: records.Turn | None = None
            if writes.new_turn is not None:
                values = {
                    "session_id": session_id,
                    "answer_status": AnswerStatus.pending,
                    "hints_used": 0,
                    "probing": "",
                    "asked_at": now(),
                    **writes.new_turn,
                }
                inserted = db.execute(insert(turns).values(**values)).inserted_primary_key
                assert inserted is not None
                new_id = inserted[0]
                row = db.execute(select(turns).where(turns.c.id == new_id)).one()
                created = _turn(row, ())
                areas = db.scalar(select(sessions.c.areas).where(sessions.c.id == session_id))
                merged = set(filter(None, (areas or "").split(", "))) | {created.area}
                db.execute(
                    update(sessions)
                    .where(sessions.c.id == session_id)
                    .values(areas=", ".join(sorted(merged))[:500])
                )
            if writes.messages:
                db.execute(
                    insert(MESSAGES),
                    [
                        {"session_id": session_id, "role": role, "text": text, "turn_seq": seq}
                        for role, text, seq in writes.messages
                    ],
                )
            return created

    # ----- the chat as shown --------------------------------------------------------------
    def messages(self, session_id: str) -> list[records.Message]:
        with self.engine.connect() as db:
            return list(self._messages(db, session_id))

    # ----- lists ----------------------------------------------------------------------
    def find_sessions(
        self, query: SessionQuery, *, offset: int = 0, limit: int = 25
    ) -> tuple[list[records.SessionSummary], int]:
        """One page of sessions, newest first, and how many match in all."""
        where: list[Any] = []
        if query.candidate.strip():
            where.append(SessionRow.candidate.ilike(f"%{query.candidate.strip()[:200]}%"))
        if query.since:
            where.append(
                SessionRow.created_at >= datetime.combine(query.since, datetime.min.time())
            )
        if query.until:
            where.append(
                SessionRow.created_at
                < datetime.combine(query.until + timedelta(days=1), datetime.min.time())
            )
        if query.area:
            where.append(SessionRow.areas.contains(query.area))
        if query.min_score > 0:
            where.append(func.coalesce(SessionRow.overall, 0.0) >= query.min_score)
        if query.max_score < 100:
            where.append(func.coalesce(SessionRow.overall, 0.0) <= query.max_score)
        if query.fallback_only:
            where.append(SessionRow.fallbacks > 0)
        if query.cohorts is not None:
            where.append(SessionRow.cohort_id.in_(query.cohorts or ("",)))
        if query.cohort is not None:
            where.append(SessionRow.cohort_id == query.cohort)
        with self._session() as db:
            total = db.scalar(select(func.count()).select_from(SessionRow).where(*where)) or 0
            rows = list(
                db.scalars(
                    select(SessionRow)
                    .where(*where)
                    .order_by(SessionRow.created_at.desc(), SessionRow.id)
                    .offset(max(0, offset))
                    .limit(max(1, min(limit, 200)))
                )
            )
            counts = self._override_counts(db, [r.id for r in rows])
            return [self._summary(r, counts.get(r.id, 0)) for r in rows], int(total)

    def sessions_for_code(
        self, candidate_key: str, limit: int = 200
    ) -> list[records.SessionSummary]:
        with self._session() as db:
            rows = list(
                db.scalars(
                    select(SessionRow)
                    .where(SessionRow.candidate_key == candidate_key)
                    .order_by(SessionRow.created_at)
                    .limit(limit)
                )
            )
            return [self._summary(r, 0) for r in rows]

    @staticmethod
    def _summary(row: SessionRow, overrides: int) -> records.SessionSummary:
        return records.SessionSummary(
            id=row.id,
            candidate=row.candidate,
            created_at=_utc(row.created_at),
            status=SessionStatus(row.status),
            overall=row.overall,
            answered=row.answered or 0,
            fallbacks=row.fallbacks or 0,
            areas=row.areas or "",
            overrides=overrides,
        )

    @staticmethod
    def _override_counts(db: Any, session_ids: list[str]) -> dict[str, int]:
        if not session_ids:
            return {}
        rows = db.execute(
            select(TurnRow.session_id, func.count(OverrideRow.id))
            .join(OverrideRow, OverrideRow.turn_id == TurnRow.id)
            .where(TurnRow.session_id.in_(session_ids))
            .group_by(TurnRow.session_id)
        )
        return {session_id: int(count) for session_id, count in rows}

    # ----- LLM calls ------------------------------------------------------------------
    def record_calls(
        self, session_id: str | None, turn_seq: int | None, calls: Iterable[LLMCall]
    ) -> None:
        rows = [_call_row(session_id, turn_seq, c) for c in calls]
        if rows:
            with self._session.begin() as db:
                db.add_all(rows)

    def llm_calls(self, session_id: str) -> list[records.LLMCallRecord]:
        with self._session() as db:
            rows = db.scalars(
                select(LLMCallRow)
                .where(LLMCallRow.session_id == session_id)
                .order_by(LLMCallRow.id)
            )
            return [
                records.LLMCallRecord(
                    r.purpose,
                    r.model,
                    r.prompt_version,
                    r.prompt_tokens,
                    r.completion_tokens,
                    r.latency_ms,
                    r.cost_usd,
                    r.ok,
                    r.error,
                    r.turn_seq,
                    _utc(r.created_at),
                )
                for r in rows
            ]

    # ----- coding round ---------------------------------------------------------------
    def add_code_run(
        self, session_id: str, *, turn_seq: int, problem_id: str, kind: str, code: str
    ) -> int:
        """Store the code before it runs; returns the run's id."""
        with self._session.begin() as db:
            row = CodeRunRow(
                session_id=session_id,
                turn_seq=turn_seq,
                problem_id=problem_id,
                kind=kind,
                code=code,
                status="running",
                passed=0,
                total=0,
            )
            db.add(row)
            db.flush()
            return row.id

    def finish_code_run(
        self, run_id: int, *, status: str, passed: int, total: int, verdict: str
    ) -> None:
        with self._session.begin() as db:
            row = db.get(CodeRunRow, run_id)
            if row is None:
                raise SessionNotFound()
            row.status, row.passed, row.total, row.verdict = status, passed, total, verdict

    def code_runs(self, session_id: str) -> list[records.CodeRun]:
        with self._session() as db:
            rows = db.scalars(
                select(CodeRunRow)
                .where(CodeRunRow.session_id == session_id)
                .order_by(CodeRunRow.id)
            )
            return [
                records.CodeRun(
                    r.id,
                    r.turn_seq,
                    r.problem_id,
                    r.kind,
                    r.code,
                    r.status,
                    r.passed,
                    r.total,
                    r.verdict,
                    _utc(r.created_at),
                )
                for r in rows
            ]

    # ----- coach records --------------------------------------------------------------
    def add_override(
        self, turn_id: int, *, coach: str, kind: ScoreKind, payload: str, reason: str
    ) -> None:
        with self._session.begin() as db:
            db.add(
                OverrideRow(turn_id=turn_id, coach=coach, kind=kind, payload=payload, reason=reason)
            )

    def overrides(self, turn_ids: list[int] | None = None) -> list[records.Override]:
        with self._session() as db:
            query = select(OverrideRow).order_by(OverrideRow.id)
            if turn_ids is not None:
                query = query.where(OverrideRow.turn_id.in_(turn_ids))
            return [
                records.Override(
                    o.id,
                    o.turn_id,
                    o.coach,
                    ScoreKind(o.kind),
                    o.payload,
                    o.reason,
                    _utc(o.created_at),
                )
                for o in db.scalars(query)
            ]

    def add_note(self, session_id: str, *, coach: str, text: str, turn_seq: int | None) -> None:
        with self._session.begin() as db:
            db.add(NoteRow(session_id=session_id, coach=coach, text=text, turn_seq=turn_seq))

    def notes(self, session_id: str) -> list[records.Note]:
        with self._session() as db:
            rows = db.scalars(
                select(NoteRow).where(NoteRow.session_id == session_id).order_by(NoteRow.id)
            )
            return [
                records.Note(n.id, n.session_id, n.turn_seq, n.coach, n.text, _utc(n.created_at))
                for n in rows
            ]

    def turn(self, turn_id: int) -> records.Turn:
        with self._session() as db:
            row = db.scalar(
                select(TurnRow).where(TurnRow.id == turn_id).options(selectinload(TurnRow.scores))
            )
            if row is None:
                raise LookupError(f"no turn {turn_id}")
            return _turn(row)

    # ----- candidate codes --------------------------------------------------------------
    def register_code(self, key: str) -> None:
        with self._session.begin() as db:
            if db.get(CandidateCodeRow, key) is None:
                db.add(CandidateCodeRow(key=key))

    def code_issued(self, key: str) -> bool:
        with self._session() as db:
            return db.get(CandidateCodeRow, key) is not None

    # ----- coach logins -----------------------------------------------------------------
    def record_login(self, username: str, address: str, ok: bool, at: datetime) -> None:
        with self._session.begin() as db:
            db.add(LoginAttemptRow(username=username[:200], address=address[:64], ok=ok, at=at))

    def login_failures(
        self, *, since: datetime, username: str | None = None, address: str | None = None
    ) -> tuple[int, datetime | None]:
        """Failed attempts since `since` (for the account or the address), and the latest."""
        where: list[Any] = [LoginAttemptRow.ok.is_(False), LoginAttemptRow.at >= since]
        if username is not None:
            where.append(LoginAttemptRow.username == username[:200])
        if address is not None:
            where.append(LoginAttemptRow.address == address[:64])
        with self._session() as db:
            count, latest = db.execute(
                select(func.count(LoginAttemptRow.id), func.max(LoginAttemptRow.at)).where(*where)
            ).one()
            return int(count or 0), _utc(latest) if latest else None

    def create_coach_session(
        self, token_hash: str, username: str, *, at: datetime, expires_at: datetime, address: str
    ) -> None:
        with self._session.begin() as db:
            db.add(
                CoachSessionRow(
                    token_hash=token_hash,
                    username=username,
                    created_at=at,
                    last_seen=at,
                    expires_at=expires_at,
                    address=address[:64],
                )
            )

    def coach_session(self, token_hash: str) -> tuple[str, datetime, datetime] | None:
        """(username, expires_at, last_seen) of a coach login, or None."""
        with self._session() as db:
            row = db.get(CoachSessionRow, token_hash)
            if row is None:
                return None
            return row.username, _utc(row.expires_at), _utc(row.last_seen)

    def touch_coach_session(self, token_hash: str, at: datetime) -> None:
        with self._session.begin() as db:
            row = db.get(CoachSessionRow, token_hash)
            if row is not None:
                row.last_seen = at

    def end_coach_session(self, token_hash: str) -> None:
        with self._session.begin() as db:
            db.execute(delete(CoachSessionRow).where(CoachSessionRow.token_hash == token_hash))

    def purge_coach_sessions(self, before: datetime) -> int:
        with self._session.begin() as db:
            result = db.execute(delete(CoachSessionRow).where(CoachSessionRow.expires_at < before))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # ----- coaches' question banks ----------------------------------------------------------
    def add_bank_version(
        self,
        bank: str,
        *,
        title: str,
        source_name: str,
        source_format: str,
        questions_json: str,
        question_count: int,
        problems_json: str,
        actor: str,
        publish: bool,
    ) -> int:
        """Store a new version of the bank (creating the bank on its first import), audit
        the import (and the publish), and return the version number."""
        with self._session.begin() as db:
            row = db.get(BankRow, bank, with_for_update=True)
            if row is None:
                row = BankRow(name=bank, title=title, created_by=actor, published_version=None)
                db.add(row)
                db.flush()
            else:
                row.title = title
            latest = db.scalar(
                select(func.max(BankVersionRow.version)).where(BankVersionRow.bank == bank)
            )
            version = (latest or 0) + 1
            db.add(
                BankVersionRow(
                    bank=bank,
                    version=version,
                    source_name=source_name[:300],
                    source_format=source_format,
                    question_count=question_count,
                    questions_json=questions_json,
                    problems_json=problems_json,
                    created_by=actor,
                )
            )
            detail = f"{question_count} questions from {source_name[:200]}"
            db.add(
                AuditRow(
                    actor=actor, action="bank.import", target=f"{bank}@{version}", detail=detail
                )
            )
            if publish:
                row.published_version = version
                db.add(
                    AuditRow(
                        actor=actor, action="bank.publish", target=f"{bank}@{version}", detail=""
                    )
                )
        return version

    def publish_bank(self, bank: str, version: int, *, actor: str) -> None:
        with self._session.begin() as db:
            row = db.get(BankRow, bank, with_for_update=True)
            exists = db.scalar(
                select(BankVersionRow.id).where(
                    BankVersionRow.bank == bank, BankVersionRow.version == version
                )
            )
            if row is None or exists is None:
                raise BankNotFound(f"bank {bank[:60]!r} has no version {version}")
            row.published_version = version
            db.add(
                AuditRow(actor=actor, action="bank.publish", target=f"{bank}@{version}", detail="")
            )

    def bank_versions(
        self, bank: str | None = None, *, published_only: bool = False
    ) -> list[records.BankVersion]:
        """Stored versions, oldest first; `published_only`: each bank's live version."""
        with self._session() as db:
            query = (
                select(BankVersionRow, BankRow)
                .join(BankRow, BankRow.name == BankVersionRow.bank)
                .order_by(BankVersionRow.bank, BankVersionRow.version)
            )
            if bank is not None:
                query = query.where(BankVersionRow.bank == bank)
            if published_only:
                query = query.where(BankVersionRow.version == BankRow.published_version)
            return [
                records.BankVersion(
                    bank=v.bank,
                    title=b.title,
                    version=v.version,
                    published=v.version == b.published_version,
                    source_name=v.source_name,
                    source_format=v.source_format,
                    question_count=v.question_count,
                    questions_json=v.questions_json,
                    problems_json=v.problems_json,
                    created_by=v.created_by,
                    created_at=_utc(v.created_at),
                )
                for v, b in db.execute(query)
            ]

    # ----- audit -----------------------------------------------------------------------------
    def audit(self, actor: str, action: str, target: str, detail: str = "") -> None:
        with self._session.begin() as db:
            db.add(AuditRow(actor=actor, action=action, target=target[:200], detail=detail))

    def audit_log(self, limit: int = 200) -> list[records.AuditEntry]:
        with self._session() as db:
            rows = db.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
            return [
                records.AuditEntry(_utc(r.at), r.actor, r.action, r.target, r.detail) for r in rows
            ]

    def bank_revision(self) -> int:
        """Grows with every bank import or publish: a worker reloads its banks when it moves."""
        with self._session() as db:
            return int(
                db.scalar(select(func.max(AuditRow.id)).where(AuditRow.action.in_(BANK_ACTIONS)))
                or 0
            )

    # ----- desk accounts ---------------------------------------------------------------------
    def save_account(
        self, username: str, *, password_hash: str, role: str, actor: str, disabled: bool = False
    ) -> bool:
        """Create or update an account; True when it was new. Audited (never the hash)."""
        with self._session.begin() as db:
            row = db.get(CoachAccountRow, username)
            created = row is None
            if row is None:
                row = CoachAccountRow(username=username, created_by=actor)
                db.add(row)
            row.password_hash, row.role, row.disabled = password_hash, role, disabled
            action = "account.add" if created else "account.update"
            state = ", disabled" if disabled else ""
            db.add(
                AuditRow(actor=actor, action=action, target=username, detail=f"role {role}{state}")
            )
        return created

    def account(self, username: str) -> records.CoachAccount | None:
        with self._session() as db:
            row = db.get(CoachAccountRow, username)
            return None if row is None else _account(row)

    def accounts(self) -> list[records.CoachAccount]:
        with self._session() as db:
            return [
                _account(r)
                for r in db.scalars(select(CoachAccountRow).order_by(CoachAccountRow.username))
            ]

    # ----- cohorts ---------------------------------------------------------------------------
    def create_cohort(
        self,
        *,
        name: str,
        owner: str,
        bank: str | None,
        settings_json: str,
        starts_on: str | None,
        ends_on: str | None,
        actor: str,
    ) -> records.Cohort:
        cohort_id = secrets.token_urlsafe(9)
        join_code = "-".join(secrets.token_hex(2).upper() for _ in range(3))  # e.g. 3F9A-0C1D-77E2
        with self._session.begin() as db:
            row = CohortRow(
                id=cohort_id,
                name=name,
                owner=owner,
                join_code=join_code,
                bank=bank,
                settings_json=settings_json,
                starts_on=starts_on,
                ends_on=ends_on,
            )
            db.add(row)
            db.add(
                AuditRow(
                    actor=actor,
                    action="cohort.create",
                    target=cohort_id,
                    detail=f"{name} for {owner}",
                )
            )
            db.flush()
            return _cohort(row)

    def cohorts(self, owner: str | None = None) -> list[records.Cohort]:
        """Every cohort (owner None) or one coach's, newest first."""
        with self._session() as db:
            query = select(CohortRow).order_by(CohortRow.created_at.desc())
            if owner is not None:
                query = query.where(CohortRow.owner == owner)
            return [_cohort(r) for r in db.scalars(query)]

    def cohort(self, cohort_id: str) -> records.Cohort | None:
        with self._session() as db:
            row = db.get(CohortRow, cohort_id)
            return None if row is None else _cohort(row)

    def cohort_by_code(self, join_code: str) -> records.Cohort | None:
        with self._session() as db:
            row = db.scalar(select(CohortRow).where(CohortRow.join_code == join_code))
            return None if row is None else _cohort(row)

    def cohort_scores(self, cohort_id: str) -> list[records.CohortScore]:
        """Every scored main or follow-up turn of the cohort's sessions, one query."""
        query = (
            select(
                SessionRow.id,
                SessionRow.candidate,
                SessionRow.created_at,
                SessionRow.overall,
                SessionRow.fallbacks,
                TurnRow.area,
                TurnRow.question_id,
                ScoreRow.kind,
                ScoreRow.brain,
                ScoreRow.normalised,
                ScoreRow.payload,
            )
            .join(TurnRow, TurnRow.session_id == SessionRow.id)
            .join(ScoreRow, ScoreRow.turn_id == TurnRow.id)
            .where(SessionRow.cohort_id == cohort_id)
            .order_by(SessionRow.created_at, TurnRow.seq, ScoreRow.id)
        )
        with self._session() as db:
            return [
                records.CohortScore(
                    r[0], r[1], _utc(r[2]), r[3], r[4], r[5], r[6], str(r[7]), r[8], r[9], r[10]
                )
                for r in db.execute(query)
            ]

    def cohort_sessions(self, cohort_id: str) -> list[records.SessionSummary]:
        with self._session() as db:
            rows = list(
                db.scalars(
                    select(SessionRow)
                    .where(SessionRow.cohort_id == cohort_id)
                    .order_by(SessionRow.created_at)
                )
            )
            counts = self._override_counts(db, [r.id for r in rows])
            return [self._summary(r, counts.get(r.id, 0)) for r in rows]


BANK_ACTIONS = ("bank.import", "bank.publish")


def _account(row: CoachAccountRow) -> records.CoachAccount:
    return records.CoachAccount(
        row.username,
        row.password_hash,
        row.role,
        row.created_by,
        _utc(row.created_at),
        row.disabled,
    )


def _cohort(row: CohortRow) -> records.Cohort:
    return records.Cohort(
        row.id,
        row.name,
        row.owner,
        row.join_code,
        row.bank,
        row.settings_json,
        row.starts_on,
        row.ends_on,
        _utc(row.created_at),
    )
