"""Layouts the offline extractor reads by rule: each test is one rule, with a CV written for it."""

from __future__ import annotations

from interviewer.profile.extract import extract_profile
from interviewer.profile.reader import read_document


def _names(text: str) -> list[str]:
    return [p.name for p in extract_profile(text).projects]


TWO_COLUMNS = """\
ASHA MENON
Junior Backend Developer (Python) - Fresher

CONTACT                           PROJECTS
Kochi, Kerala
+91 90000 00000                   Ferry Ticket API              2024
asha@example.in                   Django, DRF, PostgreSQL
github.com/asha                   - REST API for 4 ferry routes, 900 riders.
                                  - Cut booking time from 40 s to 5 s.
SKILLS
Python, SQL                       Mess Menu Bot                 2023
Django, Flask                     Flask, SQLite
Git, Docker                       - Telegram bot for the hostel mess menu.
                                  - Used by 300 students every day.
EDUCATION
B.Tech CSE, 2024                  EXPERIENCE
CUSAT
                                  Python Intern, Acme Labs      2023
                                  - Wrote Celery tasks for reports.
"""


def test_a_two_column_text_cv_is_read_column_by_column() -> None:
    document = read_document(TWO_COLUMNS.encode(), "cv.txt")
    profile = extract_profile(document.text)
    assert [p.name for p in profile.projects] == ["Ferry Ticket API", "Mess Menu Bot"]
    assert profile.projects[0].stack == ["Django", "Django REST Framework", "PostgreSQL", "REST"]
    assert "Celery" not in profile.projects[1].stack  # the internship is not the bot's


LABEL_VALUE_ROWS = """\
PERSONAL INFORMATION
  Name                  Rui Costa
  Address               Rua Alta 1, Porto
  Telephone             +351 900 000 000
  Nationality           Portuguese
  Date of birth         01/01/2001
  E-mail                rui@example.pt
  GitHub                github.com/rui
  Driving licence       B
WORK EXPERIENCE
  Dates                 02/2024 - 07/2024
  Position held         Intern, Backend
  Main activities       Django admin tools; pytest coverage from 41% to 78%
PROJECTS
Marina Booking - Django, PostgreSQL
- Bookings for 3 marinas
"""


def test_label_value_rows_are_not_two_columns() -> None:
    document = read_document(LABEL_VALUE_ROWS.encode(), "cv.txt")
    assert document.text == LABEL_VALUE_ROWS
    assert _names(document.text) == ["Marina Booking"]


def test_a_heading_in_the_left_margin_heads_the_lines_beside_and_below_it() -> None:
    text = (
        "EDUCATION   BSc Computer Science, 2024\n"
        "SKILLS      Python, Django, Redis\n"
        "EXPERIENCE  Backend Intern, Ponto Fintech, 2023\n"
        "              DRF endpoints and Celery tasks\n"
        "PROJECTS    (all on github.com/me)\n"
        " 1. feira-api — market vendor directory · Django, DRF · 40 vendors\n"
        " 2. bilhete — event ticketing · FastAPI, Redis · 1,000 seat locks/s\n"
    )
    profile = extract_profile(text)
    assert [p.name for p in profile.projects] == ["feira-api", "bilhete"]
    assert profile.projects[1].stack == ["FastAPI", "Redis"]
    assert profile.skills == ["Python", "Django", "Redis"]


def test_a_stack_line_under_a_title_is_not_a_project() -> None:
    text = (
        "PROJECTS\n"
        "Tramwaj – live tram delay tracker (2024)\n"
        "    Python, FastAPI, PostgreSQL (PostGIS), Celery, Redis\n"
        "    I built it alone on the open GTFS feed.\n"
        "\n"
        "**MatatuFare** — fare lookup API\n"
        "FastAPI · Mongo (Motor) · JWT auth · deployed on Render\n"
        "- 180 routes scraped\n"
    )
    profile = extract_profile(text)
    assert [p.name for p in profile.projects] == ["Tramwaj", "MatatuFare"]
    assert profile.projects[0].stack[:2] == ["Python", "FastAPI"]


def test_a_form_of_rows_under_a_numbered_placeholder_is_one_project() -> None:
    text = (
        "PROJECTS\n"
        "Project 1\n"
        "  Project name:      Smart Parking System (graduation thesis)\n"
        "  Time:              09/2023 - 01/2024\n"
        "  Team size:         5\n"
        "  My role:           Backend developer\n"
        "  Responsibilities:  - Designed REST APIs with Django REST Framework\n"
        "  Technologies:      Python, Django, PostgreSQL\n"
        "Project 2\n"
        "  Project name:      VocabBox\n"
        "  Time:              2023\n"
        "  Technologies:      Flask, SQLite\n"
    )
    profile = extract_profile(text)
    assert [p.name for p in profile.projects] == ["Smart Parking System", "VocabBox"]
    assert "PostgreSQL" in profile.projects[0].stack
    assert profile.projects[1].stack == ["Flask", "SQLite"]


def test_client_jobs_under_a_freelance_entry_are_projects() -> None:
    text = (
        "EXPERIENCE\n"
        "\n"
        "Freelance Python Developer                        Mar 2022 – Present\n"
        "Upwork, remote\n"
        "  • Stock API for a pharmacy chain (client in Lagos)\n"
        "    Django + DRF, PostgreSQL, deployed on AWS EC2.\n"
        '  • "PriceWatch" – price tracker (client in Leeds)\n'
        "    Python, Selenium and pandas; tracks 2,400 products.\n"
        "  • Smaller gigs: fixing broken Django migrations, moving sites to\n"
        "    static hosting, Bash backup scripts.\n"
        "\n"
        "SKILLS\n"
        "Python, Django\n"
    )
    names = _names(text)
    assert names == ["Stock API for a pharmacy chain", "PriceWatch"]


def test_a_readme_with_a_project_structure_section_is_still_a_readme() -> None:
    text = (
        "# parcelo\n\n"
        "Parcel tracking backend for small couriers, built with FastAPI and Redis.\n\n"
        "## Features\n\n- tracking codes\n\n"
        "## Project structure\n\n```\napp/\n  main.py\n```\n\n"
        "## License\n\nMIT\n"
    )
    profile = extract_profile(text)
    assert profile.kind == "readme"
    assert [p.name for p in profile.projects] == ["parcelo"]


def test_sections_named_in_other_languages_are_found_with_accents_folded() -> None:
    text = (
        "FORMACIÓN ACADÉMICA\n"
        "Grado en Ingeniería Informática, 2024\n"
        "Tesis: Comparativa de colas de tareas\n"
        "Nota final: 9\n"
        "\n"
        "EXPERIENCIA\n"
        "Becaria de backend, Acme, 2023\n"
        "- Tareas Celery para informes\n"
        "\n"
        "PROYECTOS\n"
        "Parking Libre - plazas libres en tiempo real - FastAPI, Redis\n"
        "\n"
        "CONOCIMIENTOS TÉCNICOS\n"
        "Python, Django, PostgreSQL\n"
        "\n"
        "## Projekte\n"
        "Du an 1: SanGiaCrawler\n"
        "  Cong nghe: Python, MongoDB\n"
    )
    profile = extract_profile(text)
    # a thesis whose own lines state no stack built nothing to ask about
    assert [p.name for p in profile.projects] == ["Parking Libre", "SanGiaCrawler"]
    assert profile.projects[1].stack == ["Python", "MongoDB"]
    assert profile.skills == ["Python", "Django", "PostgreSQL"]


def test_a_thesis_that_states_its_stack_is_a_project() -> None:
    text = (
        "Opleiding\n"
        "HBO-ICT, Hogeschool Domstad — 2020 – 2024\n"
        "  Afstudeerproject: Kompas (cijfer 8,5)\n"
        "    Planningstool voor monteurs; Django + PostgreSQL.\n"
        "Werkervaring\n"
        "Stage backend — Tulp Tech — 2023\n"
    )
    profile = extract_profile(text)
    assert [p.name for p in profile.projects] == ["Kompas"]
    assert profile.projects[0].stack == ["Django", "PostgreSQL"]
