"""Property-based tests: whatever a candidate or coach types, nothing crashes, what was typed
is stored verbatim (or refused with a clear message over a documented limit), and every view
shows it as text, never as markup."""

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from interviewer.coach.review import transcript
from interviewer.exports.transcript import transcript_markdown
from interviewer.interview.engine import MAX_ANSWER_CHARS, InterviewError
from interviewer.interview.plan import MAX_JOB_DESCRIPTION, PlanError, build_plan
from interviewer.knowledge.documents import ExtraFileError, read_extra_file
from interviewer.safe_text import has_lone_surrogate
from interviewer.ui.candidate import AFTER_EACH

MARKUP = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<b>bold</b>",
        "javascript:alert(1)",
        "[x](javascript:alert(1))",
        "\u202eevil",
        "🙂",
        "مرحبا",
        "नमस्ते",
        "\x00",
        "\x07",
        "\r\n",
        "   ",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), MARKUP), max_size=8).map("".join)
SLOW = hsettings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _no_live_markup(text: str) -> None:
    for tag in ("<script", "<img", "<b>", "](", "\u202e", "\x00"):
        assert tag not in text, f"raw {tag!r} reached a view"


@pytest.fixture
def room(room_factory):
    return room_factory(sessions_per_hour=1000)


@SLOW
@given(answer=TEXT)
def test_any_answer_is_stored_verbatim_and_shown_as_text(room, answer: str) -> None:
    view, _ = room.start("Asha", [], "mixed", 2, "", AFTER_EACH, "")
    session_id = view.session_id
    final = list(room.send(answer, session_id, AFTER_EACH))[-1]
    session = room.engine.repo.get_session(session_id)
    if answer.strip() and not has_lone_surrogate(answer):
        assert session.turns[0].answer == answer  # verbatim, control characters and all
    else:
        assert session.turns[0].answer_status == "pending"  # empty or unstorable: nothing done
    for message in final.chat:
        _no_live_markup(message["content"])
    _no_live_markup(transcript_markdown(transcript(room.engine, session_id)))


def test_answers_over_the_limit_are_refused_clearly(engine_factory) -> None:
    engine = engine_factory()
    reply = engine.start("Asha", build_plan(engine.kb, questions=1), seed=1)
    huge = "x" * 200_000
    with pytest.raises(InterviewError, match=f"{MAX_ANSWER_CHARS:,}"):
        engine.submit_answer(reply.session_id, huge)
    engine.submit_answer(reply.session_id, "y" * MAX_ANSWER_CHARS)  # at the limit is fine
    assert engine.repo.get_session(reply.session_id).turns[0].answer == "y" * MAX_ANSWER_CHARS


@SLOW
@given(job=TEXT)
def test_any_job_description_builds_a_plan(engine_factory, job: str) -> None:
    engine = engine_factory()
    plan = build_plan(engine.kb, questions=3, job_description=job)
    assert plan.job_description == (job.strip() or None)
    _no_live_markup(plan.describe())


def test_job_description_over_the_limit_is_refused(engine_factory) -> None:
    engine = engine_factory()
    with pytest.raises(PlanError, match=f"{MAX_JOB_DESCRIPTION:,}"):
        build_plan(engine.kb, questions=1, job_description="django " * 5_000)


@SLOW
@given(content=st.binary(max_size=300))
def test_any_uploaded_file_is_read_or_refused_cleanly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(content)
    try:
        text = read_extra_file(path)
    except ExtraFileError as exc:
        assert "notes.md" in str(exc)
    else:
        assert text.strip() and "\x00" not in text


@SLOW
@given(
    note=st.text(alphabet=string.printable + "<>🙂\u202e", min_size=1, max_size=300).filter(
        str.strip
    )
)
def test_coach_notes_are_stored_verbatim_and_shown_as_text(engine_factory, note: str) -> None:
    engine = engine_factory()
    reply = engine.start("Asha", build_plan(engine.kb, questions=1), seed=1)
    engine.repo.add_note(reply.session_id, coach="coach", text=note, turn_seq=None)
    assert engine.repo.notes(reply.session_id)[-1].text == note
    _no_live_markup(transcript_markdown(transcript(engine, reply.session_id)))
