"""A model's CV reading by line number (profile.cited): the wire form, its checks, and the
profile it becomes (stacks, roles and claims read from each project's own lines)."""

import pytest

from interviewer.profile.cited import cite_profile, number_lines, profile_form
from interviewer.profile.extract import extract_profile

CV = """Ravi Kumar

Hackathons
Won 2nd place at HackBLR with MediQueue, a clinic queue app.
Built with FastAPI and Redis; I wrote the websocket updates.
Served 300 users in the pilot.

Other things
I also made ShelfScan for my college library (Django, PostgreSQL).

SKILLS
Python, FastAPI, Django, Git
"""


def test_lines_are_numbered_without_blanks_and_keep_their_spans() -> None:
    numbered = number_lines(CV)
    rendered = numbered.rendered.splitlines()
    assert rendered[0] == "1| Ravi Kumar" and rendered[1] == "2| Hackathons"
    start, end = numbered.span(3, 5, "MediQueue")
    assert CV[start:end].startswith("Won 2nd place") and CV[start:end].endswith("pilot.")
    assert numbered.line_of(CV.index("ShelfScan")) == 7


def test_the_schema_offers_only_the_cvs_line_numbers() -> None:
    form = profile_form(CV)
    item = form.schema["properties"]["projects"]["items"]
    assert item["properties"]["first_line"]["enum"] == list(range(1, 10))
    assert item["required"] == ["name", "first_line", "last_line"]


def test_a_reading_becomes_a_profile_with_stacks_from_each_projects_own_lines() -> None:
    form = profile_form(CV)
    profile = form.to_canonical(
        {
            "projects": [
                {"name": "MediQueue", "first_line": 3, "last_line": 5},
                {"name": "ShelfScan", "first_line": 7, "last_line": 7},
            ]
        }
    )
    medi, shelf = profile["projects"]
    assert medi["name"] == "MediQueue" and medi["stack"] == ["FastAPI", "Redis"]
    assert medi["role"] == "own" and medi["claims"] == ["Served 300 users in the pilot"]
    assert shelf["stack"] == ["Django", "PostgreSQL"]  # not the skills list's FastAPI
    assert profile["skills"] == ["Python", "FastAPI", "Django", "Git"]
    assert not any(n.startswith("no projects found") for n in profile["notes"])


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"name": "Nowhere", "first_line": 7, "last_line": 7}, "is not written in lines 7..7"),
        ({"name": "MediQueue", "first_line": 3, "last_line": 40}, "line 40 does not exist"),
        ({"name": "MediQueue", "first_line": 5, "last_line": 3}, "is after last_line 3"),
        ({"name": "MediQueue", "first_line": "3", "last_line": 5}, "line numbers are integers"),
    ],
)
def test_a_reading_that_does_not_hold_is_a_clear_error(item: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        profile_form(CV).to_canonical({"projects": [item]})


def test_no_projects_says_the_bank_is_used() -> None:
    profile = profile_form(CV).to_canonical({"projects": []})
    assert profile["projects"] == []
    assert any(n.startswith("no projects found") for n in profile["notes"])


def test_citing_the_offline_reading_back_gives_the_same_projects() -> None:
    """The scripted stand-in answers with the offline reader's projects in this form."""
    text = "PROJECTS\nShopKart API | Flask, PostgreSQL\n- Built the order API\n"
    offline = extract_profile(text)
    form = profile_form(text)
    back = form.to_canonical(cite_profile(offline, form.numbered))
    assert [p["name"] for p in back["projects"]] == [p.name for p in offline.projects]
    assert back["projects"][0]["stack"] == offline.projects[0].stack


def test_a_miscounted_first_line_snaps_to_the_nearest_line_that_names_the_project() -> None:
    form = profile_form(CV)
    profile = form.to_canonical(
        {"projects": [{"name": "ShelfScan", "first_line": 5, "last_line": 5}]}
    )
    [shelf] = profile["projects"]
    assert CV[shelf["span"]["start"] :].startswith("I also made ShelfScan")
    assert shelf["stack"] == ["Django", "PostgreSQL"]
