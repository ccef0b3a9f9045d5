"""CV reading and the offline profile extractor: formats by content, clear refusals,
projects with their own stacks, roles and claims, and questions grounded in both sources."""

import io

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.knowledge.loader import load_knowledge
from interviewer.profile.extract import extract_profile
from interviewer.profile.lexicon import technologies
from interviewer.profile.questions import project_questions
from interviewer.profile.reader import DocumentError, read_document

CV = """Asha Rao
asha@example.com | github.com/asha

PROJECTS
ShopKart API | Flask, PostgreSQL, Docker
- Built the order API; I wrote the stock locking with SELECT FOR UPDATE
- Cut page load from 4 s to 300 ms with Redis caching

Task Manager | Django, SQLite
- Team of 3; my part was the REST endpoints with DRF and JWT auth

EDUCATION
B.Tech CSE, 2025

SKILLS
Python, Flask, Django, Postgres, Git, Docker, pytest
"""
KB = load_knowledge(PROJECT_ROOT / "knowledge")


def test_projects_keep_their_own_stack_role_and_claims() -> None:
    profile = extract_profile(CV)
    assert [p.name for p in profile.projects] == ["ShopKart API", "Task Manager"]
    shop, tasks = profile.projects
    assert shop.stack == ["Flask", "PostgreSQL", "Docker", "Redis"]
    assert "Django" not in shop.stack  # the skills list is not the project's stack
    assert shop.role == "own" and shop.claims == [
        "Cut page load from 4 s to 300 ms with Redis caching"
    ]
    assert tasks.role == "own" and "my part was" in tasks.role_evidence
    assert "Django REST Framework" in tasks.stack and "JWT" in tasks.stack
    assert CV[shop.span.start : shop.span.end].startswith("ShopKart API")
    assert profile.skills == ["Python", "Flask", "Django", "PostgreSQL", "Git", "Docker", "pytest"]


def test_questions_name_the_project_and_a_knowledge_base_question() -> None:
    profile = extract_profile(CV)
    questions = project_questions(profile, KB)
    ids = {q.id for q in KB.questions}
    assert questions and all(q.knowledge_id in ids for q in questions)
    assert all(q.project in ("ShopKart API", "Task Manager") for q in questions)
    assert all(q.project is not None and q.project in q.text for q in questions)
    assert any(q.kind == "claim" and "4 s to 300 ms" in q.text for q in questions)
    assert len({q.text for q in questions}) == len(questions)
    mentioned = {t for q in questions for t in technologies(q.text)}
    assert mentioned <= {t for p in profile.projects for t in p.stack} | {"Python", "REST"}


def test_a_job_description_puts_the_matching_project_first() -> None:
    profile = extract_profile(CV)
    first = project_questions(profile, KB, job="Junior Django developer with DRF")[0]
    assert first.project == "Task Manager"


def test_a_cv_without_projects_falls_back_to_the_bank_and_says_so() -> None:
    profile = extract_profile(
        "Ravi Kumar\n\nEDUCATION\nBSc Physics, 2024\n\nSKILLS\nPython, SQL, Excel\n\n"
        "HOBBIES\nChess, cricket\n"
    )
    assert profile.projects == []
    assert any("no projects found" in note for note in profile.notes)
    questions = project_questions(profile, KB)
    assert questions and all(q.kind == "bank" and q.project is None for q in questions)


def test_a_readme_is_one_project() -> None:
    readme = (
        "# PollBox\n\nA FastAPI service for quick polls, backed by PostgreSQL.\n\n"
        "## Features\n- Create polls\n\n## Getting started\n```\ndocker compose up\n```\n"
    )
    profile = extract_profile(readme)
    assert profile.kind == "readme" and [p.name for p in profile.projects] == ["PollBox"]
    assert {"FastAPI", "PostgreSQL", "Docker Compose"} <= set(profile.projects[0].stack)


def test_lexicon_spellings_and_false_friends() -> None:
    assert technologies("Postgres, DRF, k8s, GH Actions, sqlite3, Fast API, bs4") == [
        "PostgreSQL",
        "Django REST Framework",
        "Kubernetes",
        "GitHub Actions",
        "SQLite",
        "FastAPI",
        "BeautifulSoup",
    ]
    assert technologies("I will render the page; the rest of the team used lambda functions") == []


def test_formats_are_read_by_content() -> None:
    from docx import Document
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in CV.splitlines():
        pdf.cell(0, 6, line.replace("\u2013", "-"), new_x="LMARGIN", new_y="NEXT")
    pdf_bytes = bytes(pdf.output())
    read = read_document(pdf_bytes, "cv.pdf")
    assert read.kind == "pdf" and [p.name for p in extract_profile(read.text).projects] == [
        "ShopKart API",
        "Task Manager",
    ]
    doc = Document()
    doc.add_heading("Projects", level=1)
    doc.add_paragraph("ShopKart API | Flask, PostgreSQL")
    doc.add_paragraph("Built the order API with a stock lock", style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    read = read_document(buffer.getvalue(), "cv.docx")
    assert read.kind == "docx"
    assert extract_profile(read.text).projects[0].stack == ["Flask", "PostgreSQL"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.pdf", "is empty"),
        (b"   \n", "blank.txt", "is empty"),
        (b"hello world, this is a CV written in plain text " * 3, "cv.pdf", "is not a PDF"),
        (b"PK\x03\x04not really a zip", "cv.docx", "damaged"),
        (b"\x00\x01\x02binary" * 20, "cv.txt", "binary"),
        (b"x" * (6 * 1024 * 1024), "huge.txt", "the limit is 5 MB"),
    ],
)
def test_bad_files_are_refused_with_what_was_wrong(data: bytes, name: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        read_document(data, name)


def test_a_scanned_pdf_and_a_long_document_are_explained() -> None:
    from fpdf import FPDF

    blank = FPDF()
    blank.add_page()
    blank.rect(10, 10, 100, 100)  # an image-like page: drawing, no text layer
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(bytes(blank.output()), "scan.pdf")
    long = FPDF()
    long.set_font("Helvetica", size=11)
    for page in range(30):
        long.add_page()
        long.cell(0, 6, f"Page {page + 1} of a thesis about fluid dynamics and turbulence")
    read = read_document(bytes(long.output()), "thesis.pdf")
    assert any("30 pages; only the first 6" in note for note in read.notes)
