"""Plans: areas, lengths, job descriptions, limits."""

import pytest

from interviewer.interview.plan import MAX_JOB_DESCRIPTION, PlanError, build_plan, job_focus
from interviewer.knowledge.loader import load_knowledge
from tests.support.paths import FIXTURES

KB = load_knowledge(FIXTURES / "knowledge")


def test_job_description_pulls_its_areas() -> None:
    focus = job_focus("We use Django with PostgreSQL and Docker; strong Python please.")
    assert "django" in focus["frameworks"] and "postgresql" in focus["databases"]
    assert "docker" in focus["docker"]


def test_plans_warm_up_then_get_harder() -> None:
    plan = build_plan(KB, questions=3, difficulty="mixed")
    assert len(plan.slots) == 3
    assert (
        build_plan(KB, questions=9).questions == 9 and len(build_plan(KB, questions=9).slots) == 3
    )
    assert plan.slots[0].difficulty == "easy"


def test_bad_plans_say_why() -> None:
    with pytest.raises(PlanError, match="unknown area"):
        build_plan(KB, areas=["nope"], questions=1)
    with pytest.raises(PlanError, match=f"{MAX_JOB_DESCRIPTION:,}"):
        build_plan(KB, questions=1, job_description="x" * (MAX_JOB_DESCRIPTION + 1))
