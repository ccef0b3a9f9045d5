"""Build the binary CVs of the cv_dev2 set.

cv13.pdf  fpdf2, two-column layout: a grey sidebar on the left (contact,
          skills, languages, interests) and the main column on the right.
          Both columns are written row by row at the same y, so a text
          extractor (pypdf) reads them interleaved: each extracted line is
          "sidebar text  main text".
cv21.docx python-docx: Word heading styles; the projects are the rows of a
          three-column table (Project | Stack | Description).
cv22.pdf  fpdf2, two-column layout the other way round: a full-width header,
          then the main column on the left and a sidebar (contact, tech
          skills, languages, certifications) on the right, again written
          row by row so extraction interleaves them.

Both PDFs use the core Helvetica font, ASCII text only, one page each.
In the column lists a leading "#" marks a bold (heading) line.

Run from anywhere:  /work/main/.venv/bin/python make_binaries.py
The files are written next to this script.
"""

from itertools import zip_longest
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
ROW_H = 5.6


def _two_columns(pdf: FPDF, y: float, left, right, *, left_x, left_w, right_x, right_w):
    """Write two columns row by row: left line i, then right line i, same y."""
    for row, (a, b) in enumerate(zip_longest(left, right, fillvalue="")):
        row_y = y + row * ROW_H
        for text, x, w in ((a, left_x, left_w), (b, right_x, right_w)):
            if not text:
                continue
            bold = text.startswith("#")
            text = text.lstrip("#")
            text.encode("ascii")  # ASCII only: raises if not
            pdf.set_font("Helvetica", "B" if bold else "", 10.5 if bold else 9.5)
            assert pdf.get_string_width(text) <= w - 2, f"too wide for its column: {text!r}"
            pdf.set_xy(x, row_y)
            pdf.cell(w, ROW_H, text)
    return y + max(len(left), len(right)) * ROW_H


# --------------------------------------------------------------------------
# cv13.pdf: sidebar left, main right
# --------------------------------------------------------------------------

CV13_SIDEBAR = [
    "#CONTACT",
    "Kochi, Kerala",
    "priya.nair.dev@gmail.com",
    "+91 94470 21893",
    "github.com/priyanair",
    "",
    "#SKILLS",
    "Python",
    "FastAPI",
    "Django",
    "PostgreSQL",
    "Redis",
    "Docker",
    "Git",
    "Linux",
    "pytest",
    "",
    "#LANGUAGES",
    "English",
    "Malayalam",
    "Hindi",
    "",
    "#INTERESTS",
    "Carnatic music",
    "Trekking in the Western Ghats",
]

CV13_MAIN = [
    "#PROFILE",
    "Final-year B.Tech CSE student who enjoys building small, fast APIs.",
    "Looking for a Python backend developer role from July 2025.",
    "",
    "#EDUCATION",
    "B.Tech, Computer Science and Engineering",
    "Govt. Model Engineering College, Kochi | 2021 - 2025 | CGPA 8.9",
    "",
    "#PROJECTS",
    "#FerryTrack - FastAPI, PostgreSQL, Redis",
    "- Live timetable API for Kochi Water Metro ferry routes.",
    "- Caches schedules in Redis: p95 latency went from 120 ms to 15 ms.",
    "- Serves 3,000 requests/day for a student-run transit app.",
    "#ClinicQueue - Django, PostgreSQL, Docker",
    "- Token queue system for a dental clinic in Edappally.",
    "- Cut average waiting time from 40 to 15 minutes.",
    "- 45 pytest tests, run inside Docker on every push.",
    "#LogLens - Python, SQLite",
    "- CLI that turns web-server access logs into SQLite reports.",
    "- Processes a 2 GB log file in 90 seconds.",
    "",
    "#INTERNSHIP",
    "#Backend Intern, Quilt Labs, Infopark Kochi (May - Jul 2024)",
    "- Wrote FastAPI endpoints for the invoicing service.",
    "- Added database indexes that sped up the monthly report job.",
]


def build_cv13(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_fill_color(232, 236, 241)
    pdf.rect(0, 0, 68, 297, style="F")

    pdf.set_xy(74, 14)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(120, 10, "PRIYA NAIR")
    pdf.set_xy(74, 24)
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(120, 6, "Python Backend Developer (Fresher)")

    _two_columns(
        pdf, 36, CV13_SIDEBAR, CV13_MAIN, left_x=8, left_w=56, right_x=74, right_w=126
    )
    assert pdf.page_no() == 1
    pdf.output(str(path))


# --------------------------------------------------------------------------
# cv21.docx: projects in a table
# --------------------------------------------------------------------------

CV21_PROJECTS = [
    (
        "MenuMate",
        "Flask, SQLAlchemy, PostgreSQL, Docker",
        "QR-code menu and ordering backend for 3 family restaurants in District 1. "
        "9,000 orders processed in the first 4 months.",
    ),
    (
        "BusNow",
        "FastAPI, Redis, MongoDB",
        "Real-time bus arrival API built on the city's open GPS feed. "
        "Refreshes arrival estimates every 10 seconds for 150 routes.",
    ),
    (
        "GradeBot",
        "Python, Selenium, pandas",
        "Downloads grade reports from the faculty portal and emails summaries. "
        "Saves about 2 hours per week for 5 teaching assistants.",
    ),
]


def build_cv21(path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    doc.add_heading("Nguyen Thi Lan", level=0)
    doc.add_paragraph(
        "Ho Chi Minh City, Vietnam | lan.nguyen.dev@gmail.com | +84 90 318 5527 | "
        "github.com/lannguyen-dev"
    )

    doc.add_heading("Objective", level=1)
    doc.add_paragraph(
        "Final-year Computer Science student looking for a junior Python backend "
        "developer position."
    )

    doc.add_heading("Education", level=1)
    doc.add_paragraph(
        "Engineer's degree, Computer Science, Ho Chi Minh City University of "
        "Technology (HCMUT), 2020-2025, GPA 3.4/4"
    )

    doc.add_heading("Projects", level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("Project", "Stack", "Description")):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    for name, stack, description in CV21_PROJECTS:
        cells = table.add_row().cells
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(name).bold = True
        cells[1].text = stack
        cells[2].text = description

    doc.add_heading("Internship", level=1)
    doc.add_heading("Backend Intern, FPT Software, Ho Chi Minh City (Jun-Aug 2024)", level=2)
    doc.add_paragraph(
        "Worked on a Django service for hotel bookings: wrote pytest tests and "
        "fixed pagination bugs in the search API."
    )

    doc.add_heading("Skills", level=1)
    doc.add_paragraph(
        "Python, Flask, FastAPI, SQLAlchemy, PostgreSQL, MongoDB, Redis, Docker, "
        "Git, Linux (Ubuntu), pytest"
    )

    doc.add_heading("Languages", level=1)
    doc.add_paragraph("Vietnamese (native), English (IELTS 7.0)")

    doc.save(str(path))


# --------------------------------------------------------------------------
# cv22.pdf: header band, main left, sidebar right
# --------------------------------------------------------------------------

CV22_MAIN = [
    "#PROFILE",
    "BSc Computer Science graduate (2024) who likes backend work,",
    "APIs and data. Looking for a junior Python developer role.",
    "",
    "#PROJECTS",
    "#TaxiRank API (Flask, MySQL, Docker)",
    "- Route and fare API for minibus taxis, from a community survey.",
    "- Covers 85 routes between Soweto and the Johannesburg CBD.",
    "- Load-tested at 50 requests/sec on a 1 GB cloud VM.",
    "#StudySync (Django, PostgreSQL, Celery, Redis)",
    "- Schedules study groups around residence-hall timetables.",
    "- Adopted by 4 residence halls with 650 students.",
    "- Celery sends reminder emails; Redis is the broker.",
    "#LoadShed Notifier (Python, BeautifulSoup, GitHub Actions)",
    "- Scheduled GitHub Actions job that scrapes load-shedding",
    "  stages with BeautifulSoup and posts alerts to WhatsApp.",
    "- Sends alerts to 230 subscribers.",
    "",
    "#EXPERIENCE",
    "#Teaching Assistant, School of Computer Science, Wits (2023-2024)",
    "- Tutored 120 first-year students in Python every semester.",
    "",
    "#EDUCATION",
    "BSc Computer Science and Mathematics",
    "University of the Witwatersrand, Johannesburg, 2021 - 2024",
]

CV22_SIDEBAR = [
    "#CONTACT",
    "Johannesburg, South Africa",
    "lerato.mokoena@gmail.com",
    "+27 72 418 3306",
    "github.com/lerato-m",
    "",
    "#TECH SKILLS",
    "Languages: Python, Java",
    "Backend: Flask, Django",
    "Data: MySQL, PostgreSQL,",
    "MongoDB, Redis",
    "DevOps: Docker, Nginx,",
    "GitHub Actions, Git",
    "",
    "#LANGUAGES",
    "English",
    "isiZulu",
    "Sesotho",
    "",
    "#CERTIFICATIONS",
    "AWS Cloud Practitioner",
    "(in progress)",
]


def build_cv22(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_fill_color(30, 58, 95)
    pdf.rect(0, 0, 210, 30, style="F")
    pdf.set_fill_color(238, 241, 245)
    pdf.rect(140, 30, 70, 267, style="F")

    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(12, 8)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(180, 9, "LERATO MOKOENA")
    pdf.set_xy(12, 18)
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(180, 6, "Junior Python Developer")
    pdf.set_text_color(0, 0, 0)

    _two_columns(
        pdf, 38, CV22_MAIN, CV22_SIDEBAR, left_x=12, left_w=124, right_x=144, right_w=62
    )
    assert pdf.page_no() == 1
    pdf.output(str(path))


if __name__ == "__main__":
    for name, build in (
        ("cv13.pdf", build_cv13),
        ("cv21.docx", build_cv21),
        ("cv22.pdf", build_cv22),
    ):
        build(HERE / name)
        print("wrote", HERE / name)
