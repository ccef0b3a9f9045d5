"""The same persistence checks on SQLite and on a real PostgreSQL server started by the test."""

from pathlib import Path

import pytest

from interviewer.coach.overrides import save_override
from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.storage.repository import Repository, SessionQuery
from interviewer.wiring import build_engine
from tests.support.servers import postgres_bin, postgres_server

STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API. I split the work into tickets and I wrote tests. We delivered on time."
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.server)])
def database_url(request, settings, tmp_path: Path):
    if request.param == "sqlite":
        yield settings.resolved_database_url
        return
    if postgres_bin() is None:
        pytest.skip("Debian's postgresql is not installed (make system-deps)")
    with postgres_server() as url:
        yield url


def test_interview_crash_resume_and_overrides(settings, database_url: str) -> None:
    ingest(settings, progress=False)
    configured = settings.model_copy(update={"database_url": database_url})
    engine = build_engine(configured)
    reply = engine.start(
        "Asha ✓", build_plan(engine.kb, areas=["behavioural"], questions=1), seed=3
    )
    session_id = reply.session_id
    reply = engine.submit_answer(session_id, STORY)
    assert reply.current is not None and reply.current.kind == "follow_up"

    # A new process: a fresh engine and repository over the same database.
    fresh = build_engine(configured)
    resumed = fresh.resume(session_id)
    assert resumed.current is not None and reply.current is not None
    assert resumed.current.seq == reply.current.seq
    turns = Repository(database_url).get_session(session_id).turns
    assert turns[0].answer == STORY and turns[0].scores and turns[0].answer_status == "answered"

    save_override(
        fresh.repo,
        fresh.kb,
        session_id=session_id,
        turn_seq=1,
        coach="coach",
        kind="star",
        labels={"situation": 2, "task": 2, "action": 1, "result": 1, "overall": 3},
        reason="Action is mostly 'we'.",
    )
    fresh.repo.add_note(
        session_id, coach="coach", text="Good energy 🙂 <b>not bold</b>", turn_seq=1
    )
    ended = fresh.end(session_id)
    assert ended.report is not None and ended.report.candidate == "Asha ✓"
    again = Repository(database_url)
    assert again.get_session(session_id).status == "finished"
    assert again.overrides()[0].reason == "Action is mostly 'we'."
    assert again.notes(session_id)[0].text == "Good energy 🙂 <b>not bold</b>"
    found, total = again.find_sessions(SessionQuery(candidate="asha"))
    assert [s.id for s in found] == [session_id] and total == 1
