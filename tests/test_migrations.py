"""Databases made before migrations existed upgrade with nothing lost, on SQLite and PostgreSQL.

The fixture `tests/fixtures/legacy/main-a22fce5.sql` was made by the code of main at
a22fce5 (the last commit without migrations) running real interviews, overrides and notes
(`make_legacy_db.py` shows how). Every row of every legacy table must come through the
upgrade unchanged, and the new columns and tables must be filled as the app would have.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from interviewer.config import PROJECT_ROOT
from interviewer.interview.plan import InterviewPlan
from interviewer.interview.report import build_report
from interviewer.knowledge.loader import load_knowledge
from interviewer.storage.migrate import current_revision, head_revision, upgrade
from interviewer.storage.models import Base
from interviewer.storage.repository import Repository, SessionQuery
from tests.support.paths import FIXTURES
from tests.support.servers import postgres_bin, postgres_server

LEGACY = FIXTURES / "legacy" / "main-a22fce5.sql"
TABLES = ("sessions", "turns", "scores", "overrides", "coach_notes", "llm_calls")


def legacy_sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.executescript(LEGACY.read_text(encoding="utf-8"))
    return path


def _rows(url: str, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    with engine.connect() as db:
        rows = db.execute(text(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1")).all()
    engine.dispose()
    return [tuple(_plain(v) for v in row) for row in rows]


def _plain(value: Any) -> Any:
    """Dates compare as text without zone or padding differences between the engines."""
    if hasattr(value, "isoformat"):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == " ":
        return value.rstrip("0").rstrip(".") if "." in value else value
    return value


def _legacy_columns(url: str) -> dict[str, list[str]]:
    engine = create_engine(url)
    found = {t: [c["name"] for c in inspect(engine).get_columns(t)] for t in TABLES}
    engine.dispose()
    return found


def _check_upgrade(
    url: str, before: dict[str, list[tuple[Any, ...]]], columns: dict[str, list[str]]
) -> None:
    repo = Repository(url)
    assert repo.migrated_from == "0001"  # recognised as a pre-migration database, stamped
    assert current_revision(repo.engine) == head_revision()
    for table in TABLES:
        assert _rows(url, table, columns[table]) == before[table], table
    kb = load_knowledge(PROJECT_ROOT / "knowledge")
    summaries, total = repo.find_sessions(SessionQuery())
    assert total == len(before["sessions"]) == 3
    for summary in summaries:
        session = repo.get_session(summary.id)
        report = build_report(
            session, kb, InterviewPlan.model_validate_json(session.plan_json).describe(), {}
        )
        assert summary.overall == report.overall
        assert summary.answered == sum(q.status == "answered" for q in report.questions)
        assert summary.areas == ", ".join(sorted({t.area for t in session.turns}))
        chat = repo.messages(summary.id)
        settled = [t for t in session.turns if t.answer_status.value not in ("pending", "received")]
        assert len(chat) == len(session.turns) + len(settled)
        assert [m.text for m in chat if m.role.value == "assistant"] == [
            t.question_text for t in session.turns
        ]
        if session.candidate_key:
            assert repo.code_issued(session.candidate_key)  # returning candidates keep history
    # The schema the migrations built is the one the models describe.
    with repo.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    # And the app works on it: the interrupted session resumes.
    active = next(s for s in summaries if s.candidate == "Ravi")
    assert repo.get_session(active.id).pending_turn is not None


def test_a_legacy_sqlite_database_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    url = f"sqlite:///{legacy_sqlite(tmp_path / 'legacy.db')}"
    columns = _legacy_columns(url)
    before = {t: _rows(url, t, columns[t]) for t in TABLES}
    assert sum(len(rows) for rows in before.values()) == 24
    _check_upgrade(url, before, columns)
    # Upgrading again is a no-op.
    assert Repository(url).migrated_from == head_revision()


@pytest.mark.server
@pytest.mark.skipif(postgres_bin() is None, reason="Debian's postgresql is not installed")
def test_a_legacy_postgresql_database_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    source = f"sqlite:///{legacy_sqlite(tmp_path / 'legacy.db')}"
    columns = _legacy_columns(source)
    with postgres_server() as url:
        # The legacy schema, exactly as the old code's create_all made it, then its rows.
        engine = create_engine(url)
        with engine.begin() as db:
            context = MigrationContext.configure(db)
            from alembic.operations import Operations

            from interviewer.storage.migrations.versions import (  # type: ignore[attr-defined]
                __path__ as versions,
            )

            baseline = _load(Path(versions[0]) / "0001_baseline.py")
            with Operations.context(context):
                baseline.upgrade()
        sqlite_engine = create_engine(source)
        with sqlite_engine.connect() as src, engine.begin() as db:
            for table in TABLES:
                names = columns[table]
                for row in src.execute(text(f"SELECT {', '.join(names)} FROM {table}")):
                    values = dict(zip(names, row, strict=True))
                    if "ok" in values:
                        values["ok"] = bool(values["ok"])
                    db.execute(
                        text(
                            f"INSERT INTO {table} ({', '.join(names)}) "
                            f"VALUES ({', '.join(':' + n for n in names)})"
                        ),
                        values,
                    )
            for table in ("turns", "scores", "overrides", "coach_notes", "llm_calls"):
                db.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        engine.dispose()
        before = {t: _rows(url, t, columns[t]) for t in TABLES}
        assert sum(len(rows) for rows in before.values()) == 24
        _check_upgrade(url, before, columns)


def _load(path: Path) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_processes_starting_together_migrate_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    engines = [create_engine(url) for _ in range(4)]
    results: list[str] = []
    errors: list[BaseException] = []

    def run(engine: Any) -> None:
        try:
            results.append(upgrade(engine))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sorted(results) == sorted(["empty"] + [head_revision()] * 3)  # one migrated, 3 waited
