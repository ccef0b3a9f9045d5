"""A real browser (Debian's chromium, driven by playwright) through a whole short interview,
then the coach's login, override and export. Screenshots go to artifacts/screenshots/."""

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from interviewer.storage.repository import SessionQuery
from tests.support.paths import COACH_PASSWORD, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make browser-deps)"
    ),
]
SHOTS = ROOT / "artifacts" / "screenshots"
STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API on my own. I split the remaining work into small tickets and I wrote tests "
    "for the payment flow. As a result we delivered on time with zero failed requests, and I "
    "learned to plan buffer time."
)
HOSTILE = (
    '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> '
    "![pixel](http://127.0.0.1:9/track.png) I fixed it."
)


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


def open_transcript(browser: Any, url: str, session_id: str) -> Any:
    """The coach desk, logged in, with one session's transcript open."""
    coach = browser.new_page(viewport={"width": 1400, "height": 1000})
    coach.set_default_timeout(30_000)
    coach.goto(f"{url}/coach/")
    coach.locator("#username").fill("coach")
    coach.locator("#password").fill(COACH_PASSWORD)
    coach.get_by_role("button", name="Log in").click()
    coach.locator("#coach-sessions [role=gridcell]", has_text=session_id).first.click()
    return coach


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_candidate_interview_then_coach_review(running_app, browser) -> None:
    url, engine = running_app
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    blocked: list[str] = []
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.goto(url)
    page.locator("#name textarea, #name input").first.fill("Asha")
    page.get_by_label("behavioural").check()
    page.locator("#questions input[type=number]").fill("1")
    page.locator("#questions input[type=number]").press("Enter")
    page.locator("#start").click()
    page.locator("#chat").get_by_text("source:").first.wait_for()

    # Reloading the page mid-interview resumes it from the browser's stored session.
    asked = page.locator("#chat").get_by_text("source:").first.inner_text()
    page.reload()
    page.locator("#chat").get_by_text("source:").first.wait_for()
    assert page.locator("#chat").get_by_text("source:").first.inner_text() == asked

    answer = page.locator("#answer textarea")
    answer.fill(HOSTILE + " " + STORY)
    page.locator("#send").click()
    page.locator("#score").get_by_text("STAR:").wait_for()
    page.locator("#star").get_by_text("situation").first.wait_for()
    assert page.evaluate("window.__xss") is None, "candidate HTML must be inert"
    _shot(page, "1-feedback")

    page.locator("#end").click()
    page.locator("#report").get_by_text("Interview report").wait_for()
    page.locator("#area-chart").wait_for()
    with page.expect_download() as report_pdf:
        page.locator("#report-downloads a", has_text="PDF").click()
    assert report_pdf.value.suggested_filename.endswith(".pdf")
    _shot(page, "2-report")
    assert not blocked, f"the content security policy blocked Gradio: {blocked}"
    session_id = engine.repo.find_sessions(SessionQuery())[0][0].id

    coach = browser.new_page(viewport={"width": 1400, "height": 1000})
    coach.set_default_timeout(30_000)
    coach.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    coach.goto(f"{url}/coach/")
    coach.locator("#username").fill("coach")
    coach.locator("#password").fill(COACH_PASSWORD)
    coach.get_by_role("button", name="Log in").click()
    # The list loads with the desk; a click on the row opens its transcript.
    try:
        coach.locator("#coach-sessions [role=gridcell]", has_text=session_id).first.click()
    except Exception:
        _shot(coach, "3-coach-failed")
        raise
    coach.locator("#coach-transcript").get_by_text("Hidden interviewer note").first.wait_for()
    # The candidate's markup is text in the coach's view too: no live image, no script.
    assert coach.locator("#coach-transcript img").count() == 0
    assert coach.evaluate("window.__xss") is None
    coach.locator("#coach-reason textarea").fill("Specific and measured; action is clearly hers.")
    coach.locator("#coach-save").click()
    try:
        coach.locator("#coach-status").get_by_text("Saved override").wait_for()
    except Exception:
        _shot(coach, "3-coach-save-failed")
        raise
    try:
        with coach.expect_download() as transcript_pdf:
            coach.locator("#coach-exports a", has_text="PDF").click()
        assert transcript_pdf.value.suggested_filename.endswith(".pdf")
    finally:
        _shot(coach, "3-coach")
    assert not blocked, f"the content security policy blocked Gradio: {blocked}"
    assert engine.repo.overrides() and engine.repo.overrides()[0].reason.startswith("Specific")
    assert os.listdir(SHOTS)
