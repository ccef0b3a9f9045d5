"""A coach's own question bank: imported with a problem per bad row, stored in versions,
embedded, and asked, scored and followed up in an interview like the guide's questions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import inspect, text

from interviewer.coach.banks import (
    BankImportError,
    export_yaml,
    find_version,
    import_bank,
    with_published_banks,
)
from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.loader import load_knowledge
from interviewer.storage.repository import Repository
from tests.support.paths import FIXTURES

BANK = FIXTURES / "banks" / "placement-cell.csv"


def _import(settings: Any, repo: Repository, path: Path = BANK, **options: Any) -> Any:
    guide = load_knowledge(settings.knowledge_dir)
    return import_bank(repo, guide, path.read_bytes(), path.name, actor="coach-a", **options)


def test_bad_rows_are_reported_by_line_and_the_rest_imported(settings) -> None:
    repo = Repository(settings.resolved_database_url)
    result = _import(settings, repo, title="Placement cell")
    assert result.version == 1 and result.published
    problems = {p.line: p.message for p in result.built.problems}
    assert set(problems) == {6, 7}
    assert "reference answer" in problems[6]
    assert "expert" in problems[7] and "easy, medium, hard" in problems[7]
    ids = [b.question.id for b in result.built.questions]
    assert ids[0] == "placement-cell.stack-vs-queue" and len(ids) == 5
    # The file's own key points are kept as written; the others are derived from the answer.
    search = next(b for b in result.built.questions if b.question.id.endswith("binary-search"))
    assert not search.derived and len(search.question.key_points) == 3
    actions = [(e.action, e.target, e.actor) for e in repo.audit_log()]
    assert ("bank.import", "placement-cell@1", "coach-a") in actions
    assert ("bank.publish", "placement-cell@1", "coach-a") in actions


def test_versions_are_kept_and_the_export_reads_back(settings, tmp_path: Path) -> None:
    repo = Repository(settings.resolved_database_url)
    _import(settings, repo)
    exported = export_yaml(find_version(repo, "placement-cell"))
    copy = tmp_path / "placement-cell.yaml"
    copy.write_text(exported, encoding="utf-8")
    again = _import(settings, repo, copy, bank="placement-cell", publish=False)
    assert again.version == 2 and not again.published and not again.built.problems
    versions = repo.bank_versions("placement-cell")
    assert [(v.version, v.published) for v in versions] == [(1, True), (2, False)]
    first = json.loads(versions[0].questions_json)
    second = json.loads(versions[1].questions_json)
    assert [q["id"] for q in first] == [q["id"] for q in second]
    assert [[k["text"] for k in q["key_points"]] for q in first] == [
        [k["text"] for k in q["key_points"]] for q in second
    ]
    assert yaml.safe_load(exported)["questions"][0]["area"] == "data-structures"
    # the draft is not live until published
    kb = with_published_banks(load_knowledge(settings.knowledge_dir), repo)
    assert kb.version_of("placement-cell.stack-vs-queue") == "placement-cell@1"
    repo.publish_bank("placement-cell", 2, actor="coach-a")
    kb = with_published_banks(load_knowledge(settings.knowledge_dir), repo)
    assert kb.version_of("placement-cell.stack-vs-queue") == "placement-cell@2"


def test_a_bank_cannot_take_the_guides_names(settings) -> None:
    repo = Repository(settings.resolved_database_url)
    with pytest.raises(BankImportError, match="guide"):
        _import(settings, repo, bank="py")


def test_an_interview_from_the_bank_asks_scores_and_follows_up(settings) -> None:
    from interviewer.wiring import build_engine

    repo = Repository(settings.resolved_database_url)
    _import(settings, repo)
    kb = with_published_banks(load_knowledge(settings.knowledge_dir), repo)
    ingest(settings, progress=False, kb=kb)
    engine = build_engine(settings, repo=repo)
    areas = engine.kb.bank_areas("placement-cell")
    assert sorted(areas) == [
        "placement-cell.algorithms",
        "placement-cell.behavioural",
        "placement-cell.data-structures",
    ]
    plan = build_plan(engine.kb, areas=["placement-cell.data-structures"], questions=3)
    reply = engine.start("Ravi", plan, seed=3)
    asked: list[str] = []
    follow_up_seen = False
    for _ in range(12):
        if reply.finished:
            break
        turn = reply.current
        assert turn is not None
        asked.append(turn.question_id)
        assert turn.question_id.startswith("placement-cell.")
        if turn.question_id.endswith("stack-vs-queue") and turn.kind.value == "main":
            answer = "A stack is first in first out and a queue is last in first out."
        else:
            follow_up_seen = follow_up_seen or turn.kind.value == "follow_up"
            answer = "I am not sure, maybe it depends on the data."
        reply = engine.submit_answer(reply.session_id, answer)
    assert reply.finished
    session = repo.get_session(reply.session_id)
    assert {t.question_version for t in session.turns} == {"placement-cell@1"}
    swapped = next(
        t
        for t in session.turns
        if t.question_id.endswith("stack-vs-queue") and t.kind.value == "main"
    )
    assert swapped.score is not None and swapped.score.technical is not None
    assert swapped.score.technical.score <= 2 and swapped.score.technical.errors
    probe = next(t for t in session.turns if t.seq == swapped.seq + 1)
    assert probe.kind.value == "follow_up" and "first in first out" in probe.question_text


def test_cli_imports_with_json_lines_and_scores_an_imported_id(settings, tmp_path: Path) -> None:
    common = ["--data-dir", str(settings.data_dir), "--knowledge-dir", str(settings.knowledge_dir)]
    done = subprocess.run(
        [sys.executable, "-m", "interviewer.cli", "bank", "import", str(BANK), "--json", *common],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    questions = [line["question"] for line in lines if "question" in line]
    problems = [line["problem"] for line in lines if "problem" in line]
    summary = lines[-1]["summary"]
    assert len(questions) == 5 and [p["line"] for p in problems] == [6, 7]
    assert all(q["key_points"] for q in questions)
    assert summary["version"] == 1 and summary["imported"] == 5 and "added" in summary["embedded"]
    scored = subprocess.run(
        [
            sys.executable,
            "-m",
            "interviewer.cli",
            "score",
            "technical",
            "--question-id",
            "placement-cell.hash-lookup",
            "--answer",
            "It is a hash table, so the hash of the key finds the slot directly and a lookup is "
            "O(1) on average. Keys have to be hashable, so a tuple of immutable items works but "
            "a list does not. Collisions are handled by probing and the table resizes.",
            "--json",
            *common,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["technical"]["score"] >= 4


def test_a_database_with_interviews_upgrades_to_the_new_tables_with_nothing_lost(
    settings, engine_factory
) -> None:
    from alembic import command

    from interviewer.storage.migrate import alembic_config

    engine = engine_factory()
    reply = engine.start("Mina", build_plan(engine.kb, questions=2), seed=1)
    engine.submit_answer(reply.session_id, "Dict lookups hash the key, O(1) on average.")
    url = settings.resolved_database_url
    repo = Repository(url)

    tables = ("sessions", "turns", "scores", "messages")

    def rows(columns: dict[str, list[str]]) -> dict[str, list[Any]]:
        with repo.engine.connect() as db:
            return {
                table: [
                    tuple(r)
                    for r in db.execute(
                        text(f"SELECT {', '.join(columns[table])} FROM {table} ORDER BY 1")
                    )
                ]
                for table in tables
            }

    with repo.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
    old = {t: [c["name"] for c in inspect(repo.engine).get_columns(t)] for t in tables}
    before = rows(old)
    assert before["turns"] and "banks" not in inspect(repo.engine).get_table_names()
    upgraded = Repository(url)
    assert upgraded.migrated_from == "0003"
    names = set(inspect(upgraded.engine).get_table_names())
    assert {"banks", "bank_versions", "audit_log", "cohorts", "coach_accounts"} <= names
    assert rows(old) == before  # every old row and column, unchanged
    new = {"turns": ["question_version"], "sessions": ["cohort_id"]}
    added = rows({t: new.get(t, ["1"]) for t in tables})
    assert {r[0] for r in added["turns"]} == {None} and {r[0] for r in added["sessions"]} == {None}
    assert upgraded.get_session(reply.session_id).turns[0].answer is not None
