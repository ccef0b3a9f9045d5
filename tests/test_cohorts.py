"""Cohorts and desk accounts: a coach's batch joins with a code, is asked from the cohort's
bank, and shows on a dashboard only its own coach (and admins) can open."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import SecretStr

from interviewer.coach.accounts import AccountError, Accounts, DeskUser
from interviewer.coach.banks import import_bank, with_published_banks
from interviewer.coach.cohorts import (
    CohortError,
    CohortSettings,
    cohort_for,
    create_cohort,
    dashboard,
    join,
    sessions_csv,
)
from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.loader import load_knowledge
from interviewer.storage.repository import Repository, SessionQuery
from tests.support.paths import FIXTURES

BANK = FIXTURES / "banks" / "placement-cell.csv"
PASSWORD = "correct horse battery"


@pytest.fixture
def world(settings) -> dict[str, Any]:
    from interviewer.wiring import build_engine

    configured = settings.model_copy(update={"coach_password": SecretStr(PASSWORD)})
    repo = Repository(configured.resolved_database_url)
    accounts = Accounts(repo, configured)
    guide = load_knowledge(configured.knowledge_dir)
    import_bank(repo, guide, BANK.read_bytes(), BANK.name, actor="coach")
    ingest(configured, progress=False, kb=with_published_banks(guide, repo))
    engine = build_engine(configured, repo=repo)
    return {"repo": repo, "accounts": accounts, "engine": engine, "settings": configured}


def test_the_configured_login_is_an_admin_and_only_admins_add_accounts(world) -> None:
    accounts: Accounts = world["accounts"]
    admin = accounts.user("coach")
    assert admin is not None and admin.admin
    assert accounts.add("meera", "a long enough password", "coach", actor=admin)
    assert accounts.verify("meera", "a long enough password")
    assert not accounts.verify("meera", "wrong password here")
    assert not accounts.verify("nobody", "a long enough password")
    meera = accounts.user("meera")
    assert meera is not None and meera.cohorts == ()
    with pytest.raises(AccountError, match="Only an admin"):
        accounts.add("ravi", "a long enough password", "coach", actor=meera)
    with pytest.raises(AccountError, match="12 characters"):
        accounts.add("ravi", "short", "coach", actor=admin)
    with pytest.raises(AccountError, match="user name"):
        accounts.add("Ravi Kumar!", "a long enough password", "coach", actor=admin)
    stored = world["repo"].account("meera")
    assert stored.password_hash.startswith("$argon2") and "long enough" not in stored.password_hash
    accounts.disable("meera", actor=admin)
    assert accounts.user("meera") is None and not accounts.verify("meera", "a long enough password")
    actions = [(e.action, e.target) for e in world["repo"].audit_log()]
    assert ("account.add", "meera") in actions and ("account.update", "meera") in actions


def test_a_cohort_interview_comes_from_its_bank_and_shows_on_its_dashboard(world) -> None:
    repo, engine, accounts = world["repo"], world["engine"], world["accounts"]
    admin = accounts.user("coach")
    accounts.add("meera", "a long enough password", "coach", actor=admin)
    accounts.add("ravi", "another long password", "coach", actor=admin)
    meera = accounts.user("meera")
    cohort = create_cohort(
        repo,
        engine.kb,
        meera,
        name="Batch A",
        bank="placement-cell",
        settings=CohortSettings(questions=2, difficulty="mixed"),
    )
    assert cohort.owner == "meera"
    # the code as a student types it: lower case, no dashes
    joined, plan = join(repo, engine.kb, cohort.join_code.lower().replace("-", ""), date.today())
    assert joined.id == cohort.id
    assert all(a.startswith("placement-cell.") for a in plan.areas)
    with pytest.raises(CohortError, match="No cohort"):
        join(repo, engine.kb, "0000-0000-0000", date.today())

    reply = engine.start("=cmd|' /C calc'!A0", plan, seed=4, cohort_id=cohort.id)
    for _ in range(10):
        if reply.finished:
            break
        assert reply.current is not None
        if reply.current.question_id.endswith("stack-vs-queue"):
            answer = "A stack is first in first out and a queue is last in first out."
        else:
            answer = "Not sure, I think it depends."
        reply = engine.submit_answer(reply.session_id, answer)
    assert reply.finished

    meera = accounts.user("meera")  # now owns the cohort
    assert meera is not None and meera.cohorts == (cohort.id,)
    board = dashboard(repo, engine.kb, cohort_for(repo, meera, cohort.id))
    assert board.sessions == 1 and board.finished == 1 and board.candidates == 1
    assert board.areas and all(row[0].startswith("placement-cell.") for row in board.areas)
    assert board.key_points and all(0 <= row[3] <= 100 for row in board.key_points)
    assert sum(board.technical_scores) >= 1
    assert board.review and "low score" in board.review[0][4]
    csv_text = sessions_csv(repo, cohort)
    assert "'=cmd" in csv_text  # no formula from a candidate's name

    ravi = accounts.user("ravi")
    with pytest.raises(CohortError):
        cohort_for(repo, ravi, cohort.id)
    seen_by_ravi, total = repo.find_sessions(SessionQuery(cohorts=ravi.cohorts))
    assert total == 0 and not seen_by_ravi
    seen_by_meera, total = repo.find_sessions(SessionQuery(cohorts=meera.cohorts))
    assert total == 1 and seen_by_meera[0].id == reply.session_id
    with pytest.raises(CohortError, match="another coach"):
        create_cohort(
            repo, engine.kb, ravi, name="X", bank=None, settings=CohortSettings(), owner="meera"
        )


def test_a_closed_cohort_cannot_be_joined_and_dates_are_checked(world) -> None:
    repo, engine = world["repo"], world["engine"]
    admin = DeskUser("coach", "admin", None)
    closed = create_cohort(
        repo,
        engine.kb,
        admin,
        name="Last term",
        bank=None,
        settings=CohortSettings(areas=["core-python"]),
        starts_on="2026-01-01",
        ends_on="2026-02-01",
    )
    with pytest.raises(CohortError, match="closed on 2026-02-01"):
        join(repo, engine.kb, closed.join_code, date(2026, 3, 1))
    with pytest.raises(CohortError, match="ends before it starts"):
        create_cohort(
            repo, engine.kb, admin, name="Odd", bank=None, settings=CohortSettings(),
            starts_on="2026-03-01", ends_on="2026-02-01",
        )  # fmt: skip
    with pytest.raises(CohortError, match="No published bank"):
        create_cohort(repo, engine.kb, admin, name="B", bank="nope", settings=CohortSettings())


def test_a_bank_published_after_start_up_is_taken_up_by_the_running_engine(world) -> None:
    repo, engine = world["repo"], world["engine"]
    assert "second.general" not in engine.kb.areas
    text = "id,question,reference_answer\nq1,What does git stash do?,It shelves uncommitted work.\n"
    import_bank(repo, load_knowledge(world["settings"].knowledge_dir), text.encode(), "second.csv",
                actor="coach")  # fmt: skip
    assert engine.refresh_knowledge() and "second.general" in engine.kb.areas
    assert not engine.refresh_knowledge()  # nothing new since


def test_a_bank_edited_in_the_desk_is_saved_whole_or_not_at_all(world) -> None:
    from types import SimpleNamespace

    from interviewer.ui.coach_workspace import Workspace

    repo, accounts = world["repo"], world["accounts"]

    def who(request: Any) -> Any:
        return accounts.user(request.username)

    space = Workspace(world["engine"], accounts, world["settings"], who)
    request: Any = SimpleNamespace(username="coach")
    text, _ = space.bank_yaml("placement-cell", request)
    edited = text.replace("What is the difference between a stack and a queue?",
                          "How do a stack and a queue differ?")  # fmt: skip
    _, message, _ = space.save_yaml("placement-cell", edited, request)
    assert "Published **placement-cell@2**" in message
    assert (
        world["engine"].kb.question("placement-cell.stack-vs-queue").question.startswith("How do")
    )
    broken = edited.replace(
        "reference_answer: Binary search needs", "reference_answer: ''\n  x: Binary"
    )
    _, message, _ = space.save_yaml("placement-cell", broken, request)
    assert message.startswith("**Not saved.**") and "line" in message
    assert [v.version for v in repo.bank_versions("placement-cell")] == [1, 2]
