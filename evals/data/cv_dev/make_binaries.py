"""Build the two binary CVs of the cv_dev set.

cv07.docx  python-docx: headings use Word heading styles, projects are
           "List Bullet" paragraphs (bold project name, then details).
cv08.pdf   fpdf2: one page, core font Helvetica, ASCII text only,
           section headings in bold.

Run from anywhere:  /work/main/.venv/bin/python make_binaries.py
The files are written next to this script.
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------
# cv07.docx
# --------------------------------------------------------------------------

CV07_PROJECTS = [
    (
        "MediBook",
        " (Django, DRF, PostgreSQL, Celery): appointment-booking API for a "
        "family clinic. I built the slot-booking logic and the SMS reminders, "
        "which run as Celery tasks. Handled 5,000 bookings in the first month.",
    ),
    (
        "K8s Playground",
        " (Docker, Kubernetes, FastAPI): containerised a small FastAPI "
        "service and deployed it to a local k8s cluster with rolling updates "
        "and liveness probes, to learn how deployments work.",
    ),
    (
        "Photo Vault",
        " (Flask, AWS S3, SQLite): image upload service using presigned S3 "
        "URLs. Team of 2; I wrote the upload API and its tests with pytest. "
        "Stores 20 GB of images for the photography club.",
    ),
]


def build_docx(path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    doc.add_heading("Fatima Sheikh", level=0)
    doc.add_paragraph(
        "New Delhi, India | fatima.sheikh.it@gmail.com | +91 98711 30427 | "
        "github.com/fatimash"
    )

    doc.add_heading("Education", level=1)
    doc.add_paragraph(
        "B.Tech, Information Technology, Jamia Millia Islamia, New Delhi "
        "(2020-2024), CGPA 8.4"
    )

    doc.add_heading("Skills", level=1)
    doc.add_paragraph(
        "Python, Django, Django REST Framework, PostgreSQL, Redis, Celery, "
        "Docker, Kubernetes, Git, pytest, AWS (S3, EC2)"
    )

    doc.add_heading("Projects", level=1)
    for name, rest in CV07_PROJECTS:
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(name).bold = True
        para.add_run(rest)

    doc.add_heading("Internship", level=1)
    doc.add_heading(
        "Python Developer Intern, Zentrix Software, Bengaluru (May-Jul 2024)",
        level=2,
    )
    doc.add_paragraph(
        "Wrote Celery tasks that generate invoice PDFs for the billing team "
        "and moved two cron jobs to Celery beat. Fixed flaky tests in the "
        "payments module."
    )

    doc.add_heading("Languages", level=1)
    doc.add_paragraph("English, Hindi, Urdu")

    doc.save(str(path))


# --------------------------------------------------------------------------
# cv08.pdf
# --------------------------------------------------------------------------

CV08_SECTIONS = [
    (
        "EDUCATION",
        [
            "BSc (Hons) Computer Science, University of Manchester, 2021-2024, "
            "First Class",
            "A-levels: Mathematics (A*), Computer Science (A), Physics (A)",
        ],
    ),
    (
        "SKILLS",
        [
            "Python, Flask, FastAPI, GraphQL, PostgreSQL, MongoDB, Docker, "
            "AWS Lambda, Jenkins, pytest, Linux, Bash",
        ],
    ),
    (
        "PROJECTS",
        [
            "#Recipe Graph API - Python, FastAPI, GraphQL, MongoDB",
            "- Built a GraphQL API with Strawberry for searching recipes by "
            "ingredient.",
            "- Indexed 12,000 recipes from open datasets.",
            "- Wrote pytest suites that run in a Jenkins pipeline.",
            "#Serverless Receipt Scanner - AWS Lambda, S3, Python",
            "- Team of 3 for a university module; I owned the Lambda functions "
            "that parse uploaded receipts.",
            "- Processing cost stayed under $2 per month for 800 receipts.",
            "#Flight Delay Dashboard - Flask, PostgreSQL, pandas",
            "- Flask app that shows delay statistics per airline and airport, "
            "built on pandas aggregations.",
            "- Loaded 1.2 million flight records into PostgreSQL.",
        ],
    ),
    (
        "EXPERIENCE",
        [
            "#Software Engineering Summer Intern - Northwind Logistics, "
            "Manchester (Jun-Aug 2023)",
            "- Maintained Jenkins pipelines for three internal services and "
            "added Docker-based test stages.",
            "- Wrote Python scripts to clean up stale S3 buckets.",
        ],
    ),
    (
        "INTERESTS",
        ["Climbing, board games, volunteering at Code Club Manchester"],
    ),
]


def build_pdf(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 15, 18)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 9, "WEI CHEN", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(
        0,
        6,
        "Manchester, UK | wei.chen.dev@outlook.com | +44 7700 900481 | "
        "github.com/weichen-dev",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    for heading, lines in CV08_SECTIONS:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            if line.startswith("#"):  # project / job title line
                pdf.set_font("Helvetica", "B", 10)
                line = line[1:]
            else:
                pdf.set_font("Helvetica", "", 10)
            line.encode("ascii")  # ASCII only: raises if not
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")

    assert pdf.page_no() == 1, "cv08.pdf must fit on one page"
    pdf.output(str(path))


if __name__ == "__main__":
    build_docx(HERE / "cv07.docx")
    build_pdf(HERE / "cv08.pdf")
    print("wrote", HERE / "cv07.docx")
    print("wrote", HERE / "cv08.pdf")
