"""The coach workspace in a real browser: an admin adds a coach; the coach imports a bank and
creates a cohort; a candidate joins with its code and finishes an interview from that bank;
the dashboard shows it; a second coach cannot see that cohort; nothing of the desk answers
without a login."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.paths import COACH_PASSWORD, FIXTURES
from tests.test_browser import _shot, pytestmark  # noqa: F401 (the marks)
from tests.test_browser import browser as browser

BANK = FIXTURES / "banks" / "placement-cell.csv"
MEERA = ("meera", "meera's long password")
RAVI = ("ravi", "ravi's long password too")


@pytest.fixture
def workspace_app(settings):
    """The app with per-address limits raised: here the admin, two coaches and a candidate
    all come from 127.0.0.1 (the limits have tests of their own)."""
    from tests.support.servers import running_web_app

    with running_web_app(
        settings, coach_password=COACH_PASSWORD, events_per_minute=600, event_burst=60
    ) as (url, engine):
        yield url, engine


def _login(browser: Any, url: str, user: str, password: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.set_default_timeout(45_000)
    page.goto(f"{url}/coach/")
    page.locator("#username").fill(user)
    page.locator("#password").fill(password)
    page.get_by_role("button", name="Log in").click()
    try:
        page.locator("#coach-whoami").get_by_text("Logged in as").wait_for()
    except Exception:
        _shot(page, f"cohort-login-{user}-failed")
        raise
    return page


def _add_account(page: Any, user: str, password: str) -> None:
    page.get_by_role("tab", name="Accounts").click()
    page.locator("#account-user input, #account-user textarea").first.fill(user)
    page.locator("#account-password input").fill(password)
    page.locator("#account-add").click()
    page.locator("#account-status").get_by_text(f"account {user}").wait_for()


def test_admin_coach_cohort_candidate_and_dashboard(workspace_app, browser) -> None:
    url, engine = workspace_app
    anonymous = browser.new_page()
    assert anonymous.request.get(f"{url}/coach/", max_redirects=0).status == 303
    assert anonymous.request.post(f"{url}/coach/gradio_api/queue/join", data="{}").status == 401
    assert anonymous.request.get(f"{url}/coach/files/cohort/x.csv").status == 401

    admin = _login(browser, url, "coach", COACH_PASSWORD)
    _add_account(admin, *MEERA)
    _add_account(admin, *RAVI)
    admin.close()

    coach = _login(browser, url, *MEERA)
    coach.get_by_role("tab", name="Question banks").click()
    coach.locator("#bank-file input[type=file]").set_input_files(str(BANK))
    coach.locator("#bank-file").get_by_text("placement-cell.csv").first.wait_for()
    coach.wait_for_timeout(2000)
    _shot(coach, "cohort-0-upload")
    coach.locator("#bank-publish").click()
    coach.locator("#bank-status").get_by_text("Published").wait_for(timeout=120_000)
    assert "line 6" in coach.locator("#bank-status").inner_text()  # the bad row, by its line

    coach.get_by_role("tab", name="Cohorts").click()
    coach.locator("#cohort-name input, #cohort-name textarea").first.fill("Batch A")
    coach.locator("#cohort-create").click()
    status = coach.locator("#cohort-status")
    status.get_by_text("join code").wait_for()
    code = re.search(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", status.inner_text())
    assert code is not None, status.inner_text()
    _shot(coach, "cohort-1-created")

    candidate = browser.new_page(viewport={"width": 1400, "height": 1000})
    candidate.set_default_timeout(45_000)
    candidate.goto(url)
    candidate.locator("#name textarea, #name input").first.fill("Priya")
    candidate.locator("#join-code textarea, #join-code input").first.fill(code.group(0).lower())
    candidate.locator("#start").click()
    candidate.locator("#chat").get_by_text("source:").first.wait_for()
    assert "bank:placement-cell" in candidate.locator("#chat").inner_text()
    for _ in range(12):
        if candidate.locator("#report").get_by_text("Interview report").count():
            break
        candidate.locator("#answer textarea").fill(
            "A stack is last in first out and a queue is first in first out; a dict lookup "
            "hashes the key to find the slot, O(1) on average."
        )
        candidate.locator("#send").click()
        candidate.wait_for_timeout(1500)
    candidate.locator("#report").get_by_text("Interview report").wait_for()
    sessions = [s for s in engine.repo.find_sessions(engine_query())[0]]
    assert len(sessions) == 1
    session = engine.repo.get_session(sessions[0].id)
    assert session.cohort_id is not None
    assert all(t.question_id.startswith("placement-cell.") for t in session.turns)

    coach.locator("#cohort-open").click()
    try:
        coach.locator("#cohort-summary").get_by_text("1 sessions by 1 candidates").wait_for()
    except Exception:
        _shot(coach, "cohort-2-dashboard-failed")
        raise
    _shot(coach, "cohort-2-dashboard")
    with coach.expect_download() as export:
        coach.locator("#cohort-export a").click()
    assert "Priya" in export.value.path().read_text(encoding="utf-8")
    coach.get_by_role("tab", name="Sessions").click()
    coach.locator("#coach-search").click()  # the list as it is now: the cohort's session
    try:
        coach.locator("#coach-sessions [role=gridcell]", has_text="Priya").first.wait_for()
    except Exception:
        _shot(coach, "cohort-3-sessions-failed")
        raise

    other = _login(browser, url, *RAVI)
    other.get_by_role("tab", name="Cohorts").click()
    other.locator("#cohort-pick").click()
    assert other.get_by_role("option", name=re.compile("Batch A")).count() == 0
    other.keyboard.press("Escape")
    other.get_by_role("tab", name="Sessions").click()
    other.locator("#coach-search").click()
    other.locator("#coach-page").get_by_text("no sessions match").wait_for()
    response = other.request.get(f"{url}/coach/files/transcript/{session.id}.md")
    assert response.status == 404
    csv_response = other.request.get(f"{url}/coach/files/cohort/{session.cohort_id}.csv")
    assert csv_response.status == 404


def engine_query() -> Any:
    from interviewer.storage.repository import SessionQuery

    return SessionQuery()
