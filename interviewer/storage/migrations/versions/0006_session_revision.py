"""A revision number on each session, raised by every write to it.

It lets each app process keep the sessions it serves in memory and still see another
process's writes: a read checks the one number first and loads the rows only when it moved.
Existing sessions start at 0.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "sessions",
        sa.Column("revision", sa.Integer, nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    op.drop_column("sessions", "revision")
