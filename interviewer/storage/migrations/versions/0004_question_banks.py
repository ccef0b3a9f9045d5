"""Coaches' question banks (every imported version kept), the audit log, and the bank
version each turn's question came from.

Existing turns keep NULL in `question_version`: they were asked from the bundled guide.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "banks",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_version", sa.Integer, nullable=True),
    )
    op.create_table(
        "bank_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("bank", sa.String(60), sa.ForeignKey("banks.name"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("source_format", sa.String(20), nullable=False),
        sa.Column("question_count", sa.Integer, nullable=False),
        sa.Column("questions_json", sa.Text, nullable=False),
        sa.Column("problems_json", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("bank", "version", name="uq_bank_versions_bank_version"),
    )
    op.create_index("ix_bank_versions_bank", "bank_versions", ["bank"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.add_column("turns", sa.Column("question_version", sa.String(100), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (a batch copy of `turns` would trip its foreign keys)
    op.drop_column("turns", "question_version")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_bank_versions_bank", table_name="bank_versions")
    op.drop_table("bank_versions")
    op.drop_table("banks")
