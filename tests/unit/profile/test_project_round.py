"""The project round's pure parts: the rubric's parts and anchors, the plan's project slots
(grounded, job-first, honest when the CV has no projects), and the candidate's corrections."""

from __future__ import annotations

import pandas as pd
import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.interview.plan import PlanError, build_plan
from interviewer.knowledge.loader import load_knowledge
from interviewer.profile.schema import Profile, Project, Span
from interviewer.scoring.project_offline import score_project
from interviewer.ui import profile_panel
from interviewer.ui.profile_panel import ProfileError

KB = load_knowledge(PROJECT_ROOT / "knowledge")
STRONG = (
    "In ShopEasy I wrote the order endpoints in Flask and the PostgreSQL schema myself; my "
    "teammate did the React frontend. To stop two customers buying the last item I wrapped "
    "the stock check in a transaction with SELECT FOR UPDATE, so the second request waits "
    "for the row lock. I chose PostgreSQL over MongoDB because orders need transactions; "
    "the cost was writing migrations. I load-tested checkout with locust: 200 requests per "
    "second and zero oversold items."
)
THIN = "We made an e-commerce website. It had products, a cart and payments. It was nice."


def _profile(*projects: tuple[str, list[str]]) -> Profile:
    return Profile(
        kind="cv",
        projects=[
            Project(name=name, stack=stack, span=Span(start=0, end=1), claims=[])
            for name, stack in projects
        ],
    )


def test_a_strong_answer_scores_every_part_and_a_thin_one_does_not() -> None:
    strong = score_project(STRONG, "ShopEasy", ["Flask", "PostgreSQL"])
    assert strong.overall == 5
    assert {n: p.score for n, p in strong.parts.items()} == {
        "ownership": 2,
        "depth": 2,
        "trade_offs": 2,
        "outcome": 2,
    }
    assert any("I wrote the order endpoints" in e for e in strong.ownership.evidence)
    thin = score_project(THIN, "ShopEasy", [])
    assert thin.overall <= 2
    assert thin.ownership.score == 0 and thin.ownership.tip
    assert thin.trade_offs.score == 0


def test_we_only_and_numbers_without_measurement_are_partial() -> None:
    score = score_project(
        "We built the API with Django and we deployed it. It got 3x faster after that and "
        "had 500 users.",
        "Campus",
        ["Django"],
    )
    assert score.ownership.score == 0
    assert score.outcome.score == 1  # a number, no idea how it was measured


def test_a_non_answer_is_one() -> None:
    assert score_project("I don't remember, it was a long time ago.", "X", []).overall == 1


def test_project_slots_are_grounded_and_follow_the_job() -> None:
    profile = _profile(("Notes App", ["Django", "SQLite"]), ("Order API", ["Flask", "PostgreSQL"]))
    plan = build_plan(
        KB, questions=2, profile=profile, project_slots=2, job_description="Flask and PostgreSQL"
    )
    slots = [s for s in plan.slots if s.kind == "project"]
    assert len(slots) == 2 and plan.questions == 4
    assert slots[0].project == "Order API"  # the job's stack first
    known = {q.id for q in KB.questions}
    assert all(s.knowledge_id in known and s.prompt for s in slots)
    assert "Order API" in (slots[0].prompt or "")
    assert plan.profile == profile
    assert "your projects x2" in plan.describe()
    with pytest.raises(PlanError, match="choose 0 to 4"):
        build_plan(KB, questions=1, profile=profile, project_slots=7)


def test_a_cv_without_projects_gets_the_banks_project_questions() -> None:
    plan = build_plan(KB, questions=1, profile=_profile(), project_slots=2)
    slots = [s for s in plan.slots if s.kind == "project"]
    assert slots and all(s.project is None for s in slots)
    assert all(KB.area_of(s.knowledge_id or "") == "projects" for s in slots)


def test_the_candidates_corrections_become_the_profile() -> None:
    profile = _profile(("Recipe API", ["FastAPI"]), ("Old Thing", ["Flask"]))
    table = profile_panel.table(profile)
    table.iloc[0, 0] = "Recipe Service"
    table.iloc[0, 1] = "FastAPI, MongoDB, Quantum DB"
    table.iloc[1, 0] = ""  # removed
    table.loc[len(table)] = ["Chat Bot", "Redis", "own"]
    fixed = profile_panel.corrected(profile, table)
    assert fixed is not None
    assert [p.name for p in fixed.projects] == ["Recipe Service", "Chat Bot"]
    assert fixed.projects[0].stack == ["FastAPI", "MongoDB"]  # unknown names dropped
    assert fixed.projects[1].role == "own"
    bad = pd.DataFrame([["X", "", "boss"]], columns=profile_panel.COLUMNS)
    with pytest.raises(ProfileError, match="role is one of"):
        profile_panel.corrected(profile, bad)


def test_reading_a_cv_refuses_bad_input_clearly(tmp_path) -> None:
    with pytest.raises(ProfileError, match="Upload a CV"):
        profile_panel.read_cv(None, "  ")
    fake = tmp_path / "cv.pdf"
    fake.write_bytes(b"just text pretending to be a PDF " * 4)
    with pytest.raises(ProfileError, match="not a PDF"):
        profile_panel.read_cv(str(fake), "")
    assert not fake.exists()  # parsed (or refused) and deleted
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with pytest.raises(ProfileError, match="empty"):
        profile_panel.read_cv(str(empty), "")


def test_the_second_tuning_set_of_cv_layouts_holds() -> None:
    """Two-column PDF exports, key: value blocks, repository-name lists, freelance work
    under Experience, emoji bullets, projects in an Academic section, LaTeX source and a
    Word table (evals/data/cv_dev2, tuning): a regression guard."""
    from interviewer.evals.profile_suite import run_profiles

    figures = run_profiles(PROJECT_ROOT / "evals" / "data" / "cv_dev2")
    for name in ("project_precision", "project_recall", "technology_precision"):
        assert figures[name] >= 0.95, (name, figures[name])
    assert figures["technology_recall"] >= 0.95


def test_the_third_tuning_set_of_cv_layouts_holds() -> None:
    """Europass key/value rows, emoji headings, 'Tech Stack:/Role:/Outcome:' entries, ALL
    CAPS headings with underlines, nested Word bullets, LinkedIn exports with date lines,
    hackathon sections, running heads and page numbers, a 3-page PDF (evals/data/cv_dev3,
    tuning; the rirekisho table of dev3-11 is still missed): a regression guard."""
    from interviewer.evals.profile_suite import run_profiles

    figures = run_profiles(PROJECT_ROOT / "evals" / "data" / "cv_dev3")
    for name in ("project_precision", "technology_precision"):
        assert figures[name] >= 0.95, (name, figures[name])
    for name in ("project_recall", "technology_recall"):
        assert figures[name] >= 0.9, (name, figures[name])
    assert figures["no_project_cvs_recognised"] == "1/1"


def test_the_fourth_tuning_set_in_ten_languages_holds() -> None:
    """Section headings in Spanish, Indonesian, German, Portuguese, French, Turkish,
    Vietnamese, Polish, Italian and Dutch, theses inside Education, prose paragraphs, a
    GitHub profile README, two-column PDFs, ten numbered projects (evals/data/cv_dev4,
    tuning): a regression guard at the figures reached, not a claim about unseen CVs."""
    from interviewer.evals.profile_suite import run_profiles

    figures = run_profiles(PROJECT_ROOT / "evals" / "data" / "cv_dev4")
    for name in ("project_precision", "project_recall"):
        assert figures[name] >= 0.88, (name, figures[name])
    for name in ("technology_precision", "technology_recall"):
        assert figures[name] >= 0.77, (name, figures[name])
    assert figures["no_project_cvs_recognised"] == "1/1"


def test_the_contaminated_first_independent_set_holds() -> None:
    """evals/data/independent/cv shaped cv_dev2's layouts and was tuned on directly in a
    later session (a two-column text page, margin headings, form rows, freelance client
    jobs): it is a tuning set now, guarded here."""
    from interviewer.evals.profile_suite import run_profiles

    figures = run_profiles(PROJECT_ROOT / "evals" / "data" / "independent" / "cv")
    for name in ("project_precision", "project_recall", "technology_recall"):
        assert figures[name] >= 0.95, (name, figures[name])
    assert figures["technology_precision"] >= 0.95
