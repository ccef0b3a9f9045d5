"""Alembic's environment: always run on a connection the application hands over.

`interviewer.storage.migrate.upgrade` opens the connection (and takes the lock that keeps
two processes from migrating at once); this file only runs the scripts on it.
"""

from __future__ import annotations

from alembic import context

from interviewer.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the alembic CLI is not how this project migrates
    raise RuntimeError("run migrations through interviewer.storage.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite rebuilds tables to alter them
)
with context.begin_transaction():
    context.run_migrations()
