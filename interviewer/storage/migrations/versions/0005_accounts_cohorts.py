"""Desk accounts with roles, cohorts with join codes, and the cohort a session belongs to.

Existing sessions keep NULL in `cohort_id` (interviews of their own). The configured coach
login keeps working: it is the admin account, created from settings at start-up.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coach_accounts",
        sa.Column("username", sa.String(200), primary_key=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
    )
    op.create_table(
        "cohorts",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("join_code", sa.String(40), nullable=False, unique=True),
        sa.Column("bank", sa.String(60), nullable=True),
        sa.Column("settings_json", sa.Text, nullable=False),
        sa.Column("starts_on", sa.String(10), nullable=True),
        sa.Column("ends_on", sa.String(10), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_cohorts_owner", "cohorts", ["owner"])
    op.add_column("sessions", sa.Column("cohort_id", sa.String(40), nullable=True))
    op.create_index("ix_sessions_cohort_id", "sessions", ["cohort_id"])


def downgrade() -> None:
    op.drop_index("ix_sessions_cohort_id", table_name="sessions")
    op.drop_column("sessions", "cohort_id")
    op.drop_index("ix_cohorts_owner", table_name="cohorts")
    op.drop_table("cohorts")
    op.drop_table("coach_accounts")
