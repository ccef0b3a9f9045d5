"""The project round through the engine: the question names the CV's project and its
source, the answer gets the project rubric, the follow-up probes the weakest part, and the
report, the transcript and the exports carry the project score."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from interviewer.coach.review import transcript
from interviewer.exports.report import report_markdown
from interviewer.exports.transcript import transcript_markdown
from interviewer.interview.engine import PROJECT_NOTES
from interviewer.interview.plan import build_plan
from interviewer.profile.schema import Profile, Project, Span
from tests.support.paths import FIXTURES, ROOT

WE_ANSWER = (
    "We built the order API with Flask and PostgreSQL. We used transactions so that two "
    "orders cannot take the last item, because the row is locked until commit."
)


@pytest.fixture
def project_engine(settings: Any, tmp_path: Path) -> Any:
    from interviewer.knowledge.ingest import ingest
    from interviewer.wiring import build_engine

    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURES / "knowledge", knowledge)
    shutil.copy(ROOT / "knowledge" / "projects.yaml", knowledge / "projects.yaml")
    configured = settings.model_copy(update={"knowledge_dir": knowledge})
    ingest(configured, progress=False)
    return build_engine(configured)


def test_a_project_question_is_asked_scored_and_probed(project_engine: Any) -> None:
    engine = project_engine
    profile = Profile(
        kind="cv",
        projects=[
            Project(
                name="ShopEasy",
                stack=["Flask", "PostgreSQL"],
                claims=["cut checkout time from 4 s to 300 ms"],
                span=Span(start=0, end=10),
            )
        ],
    )
    plan = build_plan(engine.kb, questions=1, profile=profile, project_slots=1)
    reply = engine.start("Asha", plan, seed=2)
    while reply.current is not None and reply.current.question_type != "project":
        reply = engine.skip(reply.session_id)
    turn = reply.current
    assert turn is not None and "ShopEasy" in turn.question_text
    assert turn.source.startswith("your CV: ShopEasy + knowledge/projects.yaml#")

    answered = engine.submit_answer(reply.session_id, WE_ANSWER)
    score = answered.score
    assert score is not None and score.kind == "project" and score.project is not None
    assert score.project.ownership.score == 0  # only "we"
    assert score.technical is not None  # the grounding question's key points too
    follow_up = answered.current
    assert follow_up is not None and follow_up.probing == PROJECT_NOTES["ownership"]
    assert "ShopEasy" in follow_up.question_text

    better = engine.submit_answer(
        reply.session_id,
        "My part: I wrote the checkout endpoint and the stock query myself; my teammate did "
        "the templates.",
    )
    assert better.score is not None and better.score.project is not None
    assert better.score.project.ownership.score == 2
    ended = engine.end(reply.session_id)
    summary = next(q for q in ended.report.questions if q.project is not None)
    assert summary.project_name == "ShopEasy"
    assert "## Your projects" in report_markdown(ended.report)
    text = transcript_markdown(transcript(engine, reply.session_id))
    assert "project" in text and "ownership 2/2" in text


def test_the_candidate_can_remove_their_cv_from_an_interview(project_engine: Any) -> None:
    engine = project_engine
    profile = Profile(
        kind="cv",
        projects=[Project(name="ShopEasy", stack=["Flask"], span=Span(start=0, end=1))],
    )
    plan = build_plan(engine.kb, questions=1, profile=profile, project_slots=2)
    reply = engine.start("Asha", plan, seed=4)
    dropped = engine.forget_profile(reply.session_id)
    stored = engine.repo.get_session(reply.session_id)
    after = type(plan).model_validate_json(stored.plan_json)
    assert after.profile is None
    asked = sum(1 for t in stored.turns if t.kind.value == "main")
    assert dropped == sum(1 for s in plan.slots[asked:] if s.kind == "project") > 0
    assert all(s.kind != "project" for s in after.slots[asked:])
    assert all(s.project is None and s.prompt is None for s in after.slots[asked:])
    ended = engine.end(reply.session_id)
    assert ended.finished
