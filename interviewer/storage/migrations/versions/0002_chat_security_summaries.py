"""The server's own chat record, issued candidate codes, coach logins, session summaries.

- `messages`: the conversation as shown, so no view of it is ever taken from a browser.
  Existing sessions get theirs rebuilt from their turns (each question, then its answer),
  which is what the chat showed on resume before this table existed.
- `candidate_codes`: hashes of the history codes the server issued. Codes already stored
  on sessions are registered, so returning candidates keep their history.
- `coach_sessions`, `login_attempts`: coach logins that expire, and rate-limited attempts.
- `sessions.overall / answered / fallbacks / areas`: kept by the engine so the coach's list
  is one query; filled here from the scores already stored, by the report's own rule
  (each question's last score, unanswered questions count as zero).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("turn_seq", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_messages_session_id", "messages", ["session_id"])
    op.create_table(
        "candidate_codes",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "coach_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
    )
    op.create_index("ix_coach_sessions_username", "coach_sessions", ["username"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_attempts_username_at", "login_attempts", ["username", "at"])
    op.create_index("ix_login_attempts_address_at", "login_attempts", ["address", "at"])
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("overall", sa.Float, nullable=True))
        batch.add_column(sa.Column("answered", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("fallbacks", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("areas", sa.String(500), nullable=False, server_default=""))
    _backfill(op.get_bind())


def _backfill(db: sa.engine.Connection) -> None:
    sessions = db.execute(sa.text("SELECT id, candidate_key, created_at FROM sessions")).all()
    turns = db.execute(
        sa.text(
            "SELECT id, session_id, seq, main_seq, area, question_text, answer, answer_status, "
            "asked_at, answered_at FROM turns ORDER BY session_id, seq"
        )
    ).all()
    scores = db.execute(sa.text("SELECT turn_id, brain, normalised FROM scores ORDER BY id")).all()
    last_score = {row.turn_id: row for row in scores}  # the latest score of each turn
    by_session: dict[str, list[sa.Row[Any]]] = defaultdict(list)
    for turn in turns:
        by_session[turn.session_id].append(turn)
    keys = set()
    for session in sessions:
        if session.candidate_key:
            keys.add((session.candidate_key, session.created_at))
        threads: dict[int, list[sa.Row[Any]]] = defaultdict(list)
        for turn in by_session.get(session.id, []):
            threads[turn.main_seq].append(turn)
            db.execute(
                sa.text(
                    "INSERT INTO messages (session_id, role, text, turn_seq, created_at) "
                    "VALUES (:s, 'assistant', :t, :q, :at)"
                ),
                {"s": session.id, "t": turn.question_text, "q": turn.seq, "at": turn.asked_at},
            )
            if turn.answer_status not in ("pending", "received"):
                db.execute(
                    sa.text(
                        "INSERT INTO messages (session_id, role, text, turn_seq, created_at) "
                        "VALUES (:s, 'user', :t, :q, :at)"
                    ),
                    {
                        "s": session.id,
                        "t": turn.answer or f"({turn.answer_status})",
                        "q": turn.seq,
                        "at": turn.answered_at or turn.asked_at,
                    },
                )
        finals = []
        for main_seq in sorted(threads):
            final = next(
                (last_score[t.id] for t in reversed(threads[main_seq]) if t.id in last_score),
                None,
            )
            finals.append(final)
        values = [f.normalised if f is not None else 0.0 for f in finals]
        db.execute(
            sa.text(
                "UPDATE sessions SET overall = :o, answered = :a, fallbacks = :f, areas = :r "
                "WHERE id = :id"
            ),
            {
                "o": round(100 * sum(values) / len(values), 1) if values else None,
                "a": sum(1 for f in finals if f is not None),
                "f": sum(1 for f in finals if f is not None and f.brain == "offline-fallback"),
                "r": ", ".join(sorted({t.area for t in by_session.get(session.id, [])}))[:500],
                "id": session.id,
            },
        )
    for key, created in sorted(keys, key=lambda k: str(k[1])):
        exists = db.execute(
            sa.text("SELECT 1 FROM candidate_codes WHERE key = :k"), {"k": key}
        ).first()
        if exists is None:
            db.execute(
                sa.text("INSERT INTO candidate_codes (key, created_at) VALUES (:k, :at)"),
                {"k": key, "at": created},
            )


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        for column in ("areas", "fallbacks", "answered", "overall"):
            batch.drop_column(column)
    for table in ("login_attempts", "coach_sessions", "candidate_codes", "messages"):
        op.drop_table(table)
