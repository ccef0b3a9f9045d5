"""The schema as it stood before migrations existed (main at a22fce5).

A database made by that code has these tables and no alembic_version table; `migrate`
stamps it with this revision instead of running it, then upgrades it like any other.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _when() -> sa.Column[datetime]:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("candidate", sa.String(200), nullable=False),
        sa.Column("candidate_key", sa.String(64), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("brain", sa.String(200), nullable=False),
        sa.Column("plan_json", sa.Text, nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("report_json", sa.Text, nullable=True),
        _when(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_candidate", "sessions", ["candidate"])
    op.create_index("ix_sessions_candidate_key", "sessions", ["candidate_key"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("main_seq", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("area", sa.String(100), nullable=False),
        sa.Column("question_type", sa.String(30), nullable=False),
        sa.Column("question_text", sa.Text, nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("probing", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=True),
        sa.Column("answer_status", sa.String(20), nullable=False),
        sa.Column("hints_used", sa.Integer, nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_turns_session_id", "turns", ["session_id"])
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("turn_id", sa.Integer, sa.ForeignKey("turns.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("brain", sa.String(30), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("prompt_version", sa.String(100), nullable=False),
        sa.Column("normalised", sa.Float, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        _when(),
    )
    op.create_index("ix_scores_turn_id", "scores", ["turn_id"])
    op.create_table(
        "llm_calls",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), nullable=True),
        sa.Column("turn_seq", sa.Integer, nullable=True),
        sa.Column("purpose", sa.String(50), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("prompt_version", sa.String(100), nullable=False),
        sa.Column("prompt_tokens", sa.Integer, nullable=False),
        sa.Column("completion_tokens", sa.Integer, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("cost_usd", sa.Float, nullable=True),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        _when(),
    )
    op.create_index("ix_llm_calls_session_id", "llm_calls", ["session_id"])
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("turn_id", sa.Integer, sa.ForeignKey("turns.id"), nullable=False),
        sa.Column("coach", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        _when(),
    )
    op.create_index("ix_overrides_turn_id", "overrides", ["turn_id"])
    op.create_table(
        "coach_notes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("turn_seq", sa.Integer, nullable=True),
        sa.Column("coach", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        _when(),
    )
    op.create_index("ix_coach_notes_session_id", "coach_notes", ["session_id"])


def downgrade() -> None:
    for table in ("coach_notes", "overrides", "llm_calls", "scores", "turns", "sessions"):
        op.drop_table(table)
