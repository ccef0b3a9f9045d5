"""A real browser through an interview with a coding exercise: the candidate explains an
approach, writes code in the editor, runs the examples, submits, answers the complexity
question, and finds the coding score in the report; the coach finds it, the code and every
run in the transcript. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from interviewer.coding import sandbox
from interviewer.storage.repository import SessionQuery
from tests.test_browser import _shot, browser, open_transcript  # noqa: F401 - the browser fixture

REASON = sandbox.probe()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(bool(REASON), reason=REASON or "sandbox available"),
]


def _type_code(page: Any, code: str) -> None:
    editor = page.locator("#editor .cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def test_coding_exercise_in_the_browser(running_app: Any, browser: Any) -> None:  # noqa: F811
    url, engine = running_app
    page = browser.new_page(viewport={"width": 1400, "height": 1300})
    page.set_default_timeout(60_000)
    page.goto(url)
    page.locator("#name textarea, #name input").first.fill("Ravi")
    page.locator("#questions input[type=number]").fill("1")
    page.locator("#questions input[type=number]").press("Enter")
    page.locator("#coding input[type=number]").fill("1")
    page.locator("#coding input[type=number]").press("Enter")
    page.locator("#start").click()
    page.locator("#chat").get_by_text("source:").first.wait_for()

    # The plan puts the exercise after the warm-up question: answer that first.
    session_id = engine.repo.find_sessions(SessionQuery())[0][0].id
    for _ in range(4):
        turn = engine.repo.get_session(session_id).pending_turn
        if turn is not None and turn.question_type == "coding":
            break
        page.locator("#answer textarea").fill("I am not sure, I would look it up.")
        page.locator("#send").click()
        page.wait_for_timeout(1500)
    turn = engine.repo.get_session(session_id).pending_turn
    assert turn is not None and turn.question_type == "coding", "no coding exercise was asked"
    problem = engine.problem_for(turn)
    page.locator("#coding-panel").wait_for(state="visible")
    page.locator("#chat").get_by_text("Coding exercise").first.wait_for()

    page.locator("#answer textarea").fill("My plan: one pass, remembering what I have seen.")
    page.locator("#send").click()
    page.locator("#chat").get_by_text("Noted.").first.wait_for()

    wrong = f"{problem.signature}\n    return None\n"
    _type_code(page, wrong)
    page.locator("#run-code").click()
    page.locator("#code-result").get_by_text("Run (examples)").wait_for()
    assert "❌" in page.locator("#code-result").inner_text()
    assert "F821" not in page.locator("#code-result").inner_text()  # the prelude's names

    _type_code(page, problem.reference)
    page.locator("#run-code").click()
    try:
        page.locator("#code-result").get_by_text("Run (examples): passed").wait_for()
    except Exception:
        _shot(page, "coding-failed")
        for run in engine.code_runs(session_id):
            print("RUN", run.kind, run.status, repr(run.code), run.verdict)
        raise
    page.locator("#submit-code").click()
    page.locator("#chat").get_by_text("time complexity").first.wait_for()
    _shot(page, "coding-1-submitted")

    page.locator("#answer textarea").fill(
        f"It runs in {problem.complexity.value} time: the loop visits each element once, and "
        "every look-up in the dict or set is constant on average."
    )
    page.locator("#send").click()
    page.locator("#score").get_by_text("Coding:").wait_for()
    page.locator("#end").click()
    page.locator("#report").get_by_text("Interview report").wait_for()
    report_text = page.locator("#report").inner_text()
    assert "coding" in report_text.lower()
    _shot(page, "coding-2-report")

    runs = engine.code_runs(session_id)
    assert [r.kind for r in runs] == ["run", "run", "submit"]
    assert runs[-1].status == "passed"
    report = engine.report(session_id)
    coding = [q for q in report.questions if q.type == "coding"]
    assert coding and coding[0].score is not None and coding[0].coding is not None

    coach = open_transcript(browser, url, session_id)
    transcript = coach.locator("#coach-transcript")
    transcript.get_by_text("Code runs").first.wait_for()
    transcript.get_by_text("coding", exact=False).first.wait_for()
    text = transcript.inner_text()
    assert f"def {problem.function}(" in text
    assert "correctness 2/2" in text
    _shot(coach, "coding-3-coach")
