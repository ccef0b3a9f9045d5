"""Bring any database to the current schema with Alembic, once, whoever asks first.

Every process that opens the database calls `upgrade`. One of them migrates while the
others wait on a lock (PostgreSQL: an advisory lock; SQLite: an exclusive lock on a file
beside the database), then find nothing left to do. A database made before migrations
existed has the baseline tables and no version table: it is stamped as the baseline and
upgraded from there, keeping every row.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
from collections.abc import Iterator
from pathlib import Path

# Alembic's progress lines (some logged as it is imported) are not shown: a command's output
# is its own.
logging.getLogger("alembic").setLevel(logging.WARNING)

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from sqlalchemy import inspect, text  # noqa: E402
from sqlalchemy.engine import Connection, Engine  # noqa: E402

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"
LOCK_KEY = 0x1A7E_2024  # any constant; PostgreSQL advisory locks are keyed by a bigint


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextlib.contextmanager
def _exclusive(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    # A separate file: locking the database file itself would drop SQLite's own locks.
    with open(f"{database}.migrate-lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(engine: Engine) -> str:
    """Migrate to head; returns the revision the database was at before (or 'empty')."""
    with _exclusive(engine), engine.begin() as connection:
        tables = set(inspect(connection).get_table_names())
        before = MigrationContext.configure(connection).get_current_revision()
        config = alembic_config(connection)
        if before is None and "sessions" in tables:
            command.stamp(config, BASELINE)
            before = BASELINE
        command.upgrade(config, "head")
    return before or "empty"
