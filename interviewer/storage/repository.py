"""All database access goes through here; every write commits before returning.

The candidate's answer is committed on its own, before any scoring or LLM call, so a
crash or an LLM failure afterwards never loses what they typed.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import selectinload, sessionmaker

from interviewer.llm.usage import LLMCall
from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage.models import (
    Base,
    LLMCallRow,
    NoteRow,
    OverrideRow,
    ScoreRow,
    SessionRow,
    TurnRow,
    now,
)


class SessionNotFound(LookupError):
    pass


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
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


class Repository:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        Base.metadata.create_all(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def create_session(
        self,
        *,
        candidate: str,
        brain: str,
        plan_json: str,
        seed: int,
        candidate_key: str | None = None,
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
                )
            )
        return session_id

    def get_session(self, session_id: str) -> SessionRow:
        with self._session() as db:
            row = db.scalar(
                select(SessionRow)
                .where(SessionRow.id == session_id)
                .options(selectinload(SessionRow.turns).selectinload(TurnRow.scores))
            )
            if row is None:
                raise SessionNotFound(f"no interview session {session_id!r}")
            return row

    def list_sessions(
        self, candidate: str | None = None, candidate_key: str | None = None, limit: int = 500
    ) -> list[SessionRow]:
        with self._session() as db:
            query = select(SessionRow).order_by(SessionRow.created_at.desc()).limit(limit)
            if candidate:
                query = query.where(SessionRow.candidate.ilike(f"%{candidate}%"))
            if candidate_key is not None:
                query = query.where(SessionRow.candidate_key == candidate_key)
            return list(
                db.scalars(
                    query.options(selectinload(SessionRow.turns).selectinload(TurnRow.scores))
                )
            )

    def add_turn(self, session_id: str, **fields: Any) -> TurnRow:
        with self._session.begin() as db:
            turn = TurnRow(session_id=session_id, **fields)
            db.add(turn)
            db.flush()
            db.get(SessionRow, session_id).updated_at = now()  # type: ignore[union-attr]
        return turn

    def save_answer(self, turn_id: int, answer: str, status: str) -> datetime:
        with self._session.begin() as db:
            turn = db.get(TurnRow, turn_id)
            assert turn is not None
            turn.answer = answer
            turn.answer_status = status
            turn.answered_at = now()
            return turn.answered_at

    def set_answer_status(self, turn_id: int, status: str) -> None:
        with self._session.begin() as db:
            turn = db.get(TurnRow, turn_id)
            assert turn is not None
            turn.answer_status = status

    def count_hint(self, turn_id: int) -> None:
        with self._session.begin() as db:
            turn = db.get(TurnRow, turn_id)
            assert turn is not None
            turn.hints_used += 1

    def save_score(self, turn_id: int, record: ScoreRecord) -> None:
        with self._session.begin() as db:
            db.add(
                ScoreRow(
                    turn_id=turn_id,
                    kind=record.kind,
                    brain=record.brain,
                    model=record.model,
                    prompt_version=record.prompt_version,
                    normalised=record.normalised,
                    payload=record.model_dump_json(),
                )
            )

    def record_calls(
        self, session_id: str | None, turn_seq: int | None, calls: Iterable[LLMCall]
    ) -> None:
        rows = [
            LLMCallRow(
                session_id=session_id,
                turn_seq=turn_seq,
                purpose=c.purpose,
                model=c.model,
                prompt_version=c.prompt_version,
                prompt_tokens=c.prompt_tokens,
                completion_tokens=c.completion_tokens,
                latency_ms=c.latency_ms,
                cost_usd=c.cost_usd,
                ok=c.ok,
                error=c.error,
            )
            for c in calls
        ]
        if rows:
            with self._session.begin() as db:
                db.add_all(rows)

    def llm_calls(self, session_id: str) -> list[LLMCallRow]:
        with self._session() as db:
            return list(
                db.scalars(
                    select(LLMCallRow)
                    .where(LLMCallRow.session_id == session_id)
                    .order_by(LLMCallRow.id)
                )
            )

    def finish(self, session_id: str, report_json: str) -> None:
        with self._session.begin() as db:
            row = db.get(SessionRow, session_id)
            if row is None:
                raise SessionNotFound(f"no interview session {session_id!r}")
            row.status = "finished"
            row.report_json = report_json

    def add_override(
        self, turn_id: int, *, coach: str, kind: str, payload: str, reason: str
    ) -> None:
        with self._session.begin() as db:
            db.add(
                OverrideRow(turn_id=turn_id, coach=coach, kind=kind, payload=payload, reason=reason)
            )

    def overrides(self, turn_ids: list[int] | None = None) -> list[OverrideRow]:
        with self._session() as db:
            query = select(OverrideRow).order_by(OverrideRow.id)
            if turn_ids is not None:
                query = query.where(OverrideRow.turn_id.in_(turn_ids))
            return list(db.scalars(query))

    def add_note(self, session_id: str, *, coach: str, text: str, turn_seq: int | None) -> None:
        with self._session.begin() as db:
            db.add(NoteRow(session_id=session_id, coach=coach, text=text, turn_seq=turn_seq))

    def notes(self, session_id: str) -> list[NoteRow]:
        with self._session() as db:
            return list(
                db.scalars(
                    select(NoteRow).where(NoteRow.session_id == session_id).order_by(NoteRow.id)
                )
            )

    def turn(self, turn_id: int) -> TurnRow:
        with self._session() as db:
            row = db.scalar(
                select(TurnRow).where(TurnRow.id == turn_id).options(selectinload(TurnRow.scores))
            )
            if row is None:
                raise LookupError(f"no turn {turn_id}")
            return row
