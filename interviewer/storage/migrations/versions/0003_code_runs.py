"""The coding round's runs: every Run and Submit with its code and verdict.

Existing sessions have none; nothing to backfill. Scores of kind 'coding' need no change:
score kinds are stored as plain strings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "code_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("turn_seq", sa.Integer, nullable=False),
        sa.Column("problem_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("passed", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("verdict", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_code_runs_session_id", "code_runs", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_code_runs_session_id", table_name="code_runs")
    op.drop_table("code_runs")
