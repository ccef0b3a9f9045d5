"""A real browser through the project round: upload a CV (PDF), correct one field of the
profile the reader found, hold an interview that asks about the candidate's own project,
and find the project scores in the report and in the coach's transcript."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interviewer.storage.repository import SessionQuery
from tests.support.paths import COACH_PASSWORD, FIXTURES, ROOT
from tests.test_browser import _shot, browser, open_transcript, pytestmark  # noqa: F401 - fixture and marks


@pytest.fixture
def project_app(settings: Any, tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """The app over the fixture knowledge plus the guide's project and framework areas,
    which ground the project questions."""
    from tests.support.servers import running_web_app

    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURES / "knowledge", knowledge)
    for name in ("projects.yaml", "frameworks.yaml"):
        shutil.copy(ROOT / "knowledge" / name, knowledge / name)
    configured = settings.model_copy(update={"knowledge_dir": knowledge})
    with running_web_app(configured, coach_password=COACH_PASSWORD) as (url, engine):
        yield url, engine


CV = ROOT / "evals" / "data" / "cv_dev" / "cv08.pdf"  # a tuning CV, not an independent one
RENAMED = "Recipe Graph Service"
ANSWER = (
    "I wrote the GraphQL resolvers and the MongoDB queries myself; my classmate did the "
    "Jenkins pipeline. I chose FastAPI over Flask because its async endpoints and pydantic "
    "validation fit the API, the cost was learning its dependency injection. I measured "
    "the search endpoint with locust: 120 requests per second, and pytest covers every "
    "resolver."
)


def test_cv_upload_correction_and_project_round(project_app: Any, browser: Any) -> None:  # noqa: F811
    url, engine = project_app
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(60_000)
    page.goto(url)
    page.locator("#name textarea, #name input").first.fill("Meera")
    page.locator("#questions input[type=number]").fill("1")
    page.locator("#questions input[type=number]").press("Enter")
    page.get_by_text("Your CV or project README (optional)").click()
    page.locator("#cv-file input[type=file]").set_input_files(str(CV))
    page.locator("#cv-file").get_by_text("cv08.pdf").first.wait_for()
    page.locator("#read-cv").click()
    page.locator("#cv-status").get_by_text("Found 3 project(s)").wait_for()
    _shot(page, "project-1-profile")

    # Correct one field: rename the first project.
    cell = page.locator("#cv-projects").get_by_text("Recipe Graph API").first
    cell.dblclick()
    editor = page.locator("#cv-projects textarea, #cv-projects input:not([type=checkbox])")
    editor.first.fill(RENAMED)
    editor.first.press("Enter")
    page.locator("#cv-projects").get_by_text(RENAMED).first.wait_for()

    page.locator("#project-questions input[type=number]").fill("1")
    page.locator("#project-questions input[type=number]").press("Enter")
    page.locator("#start").click()
    page.locator("#chat").get_by_text("source:").first.wait_for()
    session_id = engine.repo.find_sessions(SessionQuery())[0][0].id

    asked_project = False
    for _ in range(6):
        turn = engine.repo.get_session(session_id).pending_turn
        if turn is None:
            break
        if turn.question_type == "project" and turn.kind.value == "main":
            assert RENAMED in turn.question_text  # the corrected name, not the extracted one
            assert turn.source.startswith(f"your CV: {RENAMED}")
            asked_project = True
            page.locator("#answer textarea").fill(ANSWER)
        else:
            page.locator("#answer textarea").fill("I am not sure, I would look it up.")
        page.locator("#send").click()
        page.wait_for_timeout(1500)
        if asked_project:
            break
    assert asked_project, "no project question was asked"
    page.locator("#score").get_by_text("Project:").wait_for()
    page.locator("#end").click()
    try:
        page.locator("#report").get_by_role("heading", name="Your projects").wait_for()
    except Exception:
        _shot(page, "project-failed")
        from interviewer.exports.report import report_markdown

        print("REPORT", report_markdown(engine.report(session_id)))
        for t in engine.repo.get_session(session_id).turns:
            print("TURN", t.seq, t.question_type, t.answer_status, [x.kind for x in t.scores])
        raise
    _shot(page, "project-2-report")
    report = engine.report(session_id)
    project = [q for q in report.questions if q.project is not None]
    assert project and project[0].project_name == RENAMED

    coach = open_transcript(browser, url, session_id)
    transcript = coach.locator("#coach-transcript")
    transcript.get_by_text(f"project {project[0].score}").first.wait_for()
    assert "ownership" in transcript.inner_text()
    _shot(coach, "project-3-coach")
