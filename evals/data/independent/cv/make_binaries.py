"""Build the two binary CVs of the independent held-out set.

    /work/main/.venv/bin/python make_binaries.py

ind07.docx  python-docx: skills and education as tables, project titles as bold runs
            inside normal paragraphs (no heading styles for projects).
ind08.pdf   fpdf2: two pages, core font Helvetica, ASCII text only.
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- DOCX
def build_docx(path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("MOHAMMED IRFAN SHAIKH")
    r.bold = True
    r.font.size = Pt(16)
    p = doc.add_paragraph(
        "Hyderabad, Telangana | +91 94405 31827 | irfan.shaikh.mca@gmail.com | github.com/irfan-shaikh"
    )
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def section(title: str) -> None:
        sp = doc.add_paragraph()
        sr = sp.add_run(title)
        sr.bold = True
        sr.underline = True

    section("CAREER OBJECTIVE")
    doc.add_paragraph(
        "To obtain a Python Developer (Fresher) position in a reputed organization where I can "
        "apply my knowledge of Django and REST APIs and grow along with the organization."
    )

    section("EDUCATIONAL QUALIFICATION")
    edu = [
        ("Course", "Institution", "Year", "Score"),
        ("MCA", "Osmania University, Hyderabad", "2024", "8.2 CGPA"),
        ("B.Sc. (MPCs)", "Government Degree College, Nizamabad", "2021", "78%"),
        ("Intermediate (MPC)", "Sri Vani Junior College, Nizamabad", "2018", "91%"),
        ("SSC", "ZPHS Armoor", "2016", "9.5 GPA"),
    ]
    t = doc.add_table(rows=0, cols=4)
    t.style = "Table Grid"
    for i, row in enumerate(edu):
        cells = t.add_row().cells
        for c, val in zip(cells, row):
            c.text = val
            if i == 0:
                c.paragraphs[0].runs[0].bold = True

    section("TECHNICAL SKILLS")
    skills = [
        ("Programming Languages", "Python, Core Java, C"),
        ("Web Frameworks", "Django, Flask, FastAPI"),
        ("Databases", "MySQL, PostgreSQL, MongoDB"),
        ("Web Technologies", "HTML5, CSS3, JavaScript, Bootstrap, jQuery"),
        ("Tools & Platforms", "Git, GitHub, Docker, Jenkins, Heroku, Linux (Ubuntu)"),
    ]
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for k, v in skills:
        cells = t.add_row().cells
        cells[0].text = k
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = v

    section("INTERNSHIP")
    p = doc.add_paragraph()
    p.add_run("Python Developer Intern").bold = True
    p.add_run(" - Technoglide Solutions Pvt. Ltd., Hyderabad (Jan 2024 - Jun 2024)")
    for b in [
        "Worked on Django REST Framework APIs for the company's HRMS product.",
        "Fixed 25+ bugs reported by QA and wrote unit test cases using unittest.",
        "Learned Git branching, code reviews and Jenkins based builds.",
    ]:
        doc.add_paragraph(b, style="List Bullet")

    section("ACADEMIC PROJECTS")
    projects = [
        (
            "Hostel Management System",
            " (MCA Major Project) - Django, MySQL, HTML, CSS, JavaScript",
            "Web application for the university hostel office to manage room allocation, mess fees "
            "and complaints. Role: team leader of a 3-member team; I designed the database and "
            "developed the room allocation and fee modules. Reduced manual allocation time for the "
            "warden office by 70%.",
        ),
        (
            "Expense Splitter REST API",
            " (Personal Project) - Flask, MongoDB, JWT, Docker",
            "RESTful API for splitting group expenses with JWT based login. Tested with 10,000 dummy "
            "expenses; balance calculation stays under 120 ms. Containerised with Docker and "
            "deployed on Heroku.",
        ),
        (
            "Job Portal Scraper",
            " (Mini Project) - Python, BeautifulSoup, pandas, Jenkins",
            "Scrapes 5 job boards every night through a scheduled Jenkins job and exports the data "
            "to CSV; collected 18,000+ listings for a data analysis assignment.",
        ),
    ]
    for title, tail, desc in projects:
        p = doc.add_paragraph()
        p.add_run(title).bold = True
        p.add_run(tail)
        doc.add_paragraph(desc)

    section("CERTIFICATIONS")
    for b in ["Python (Basic) - HackerRank", "Django Web Development - Udemy"]:
        doc.add_paragraph(b, style="List Bullet")

    section("PERSONAL DETAILS")
    for line in [
        "Father's Name: Mohammed Yousuf Shaikh",
        "Date of Birth: 11-07-2000",
        "Languages Known: English, Hindi, Urdu, Telugu",
        "Hobbies: Cricket, reading tech blogs",
    ]:
        doc.add_paragraph(line)

    section("DECLARATION")
    doc.add_paragraph(
        "I hereby declare that the above information is true to the best of my knowledge and belief."
    )
    doc.add_paragraph("Place: Hyderabad\t\t\t\t\t\t(MOHAMMED IRFAN SHAIKH)")
    doc.save(path)


# --------------------------------------------------------------------------- PDF
PAGE1 = [
    ("h", "SUMMARY"),
    ("p", "Former warehouse shift lead turned backend developer. Graduated from a 16-week Python "
          "full-stack immersive at Lone Star Code Academy in 2024. I like building APIs that are "
          "easy to test and easy to deploy, and I bring five years of experience leading teams "
          "on a warehouse floor."),
    ("h", "TECHNICAL SKILLS"),
    ("p", "Languages: Python, JavaScript, SQL"),
    ("p", "Backend: Fast API, Flask, Django, SQLAlchemy"),
    ("p", "Databases: PostgreSQL, MySQL, SQLite"),
    ("p", "Frontend: React, HTML, CSS"),
    ("p", "Cloud & DevOps: Docker, AWS (EC2, S3, RDS), Git, GitHub Actions, Linux"),
    ("p", "Testing: Py-test, unittest, Postman"),
    ("h", "PROJECTS"),
    ("t", "TrailMix - hiking trail review API (solo capstone)"),
    ("i", "Fast API, PostgreSQL, SQLAlchemy, Docker, AWS EC2 + Amazon S3, GitHub Actions"),
    ("b", "Seeded with 1,900 Texas trails from a public parks dataset"),
    ("b", "Reduced photo upload time by 45% by switching to pre-signed S3 URLs"),
    ("b", "CI pipeline runs the tests and builds the Docker image on every pull request"),
    ("t", "Pantry Pal - shared grocery list app (bootcamp group project)"),
    ("i", "Flask, React, MySQL, JWT"),
    ("b", "Team of 3; I owned the Flask API and the JWT login/refresh flow"),
    ("b", "Demoed live to 120 attendees at the bootcamp graduation showcase"),
    ("t", "Book Club GraphQL API (weekend project)"),
    ("i", "Django, Graphene (GraphQL), SQLite"),
    ("b", "Members, books and meeting votes exposed through a single GraphQL endpoint"),
    ("b", "Wrote unittest tests for the resolvers and permission checks"),
]
PAGE2 = [
    ("h", "EXPERIENCE"),
    ("t", "Teaching Assistant (part-time) - Lone Star Code Academy, Austin, TX"),
    ("i", "Jun 2024 - Present"),
    ("b", "Help each cohort debug Flask and SQL exercises during evening lab hours"),
    ("b", "Review pull requests on student capstone repositories"),
    ("t", "Warehouse Shift Lead - Hill Country Distribution, Round Rock, TX"),
    ("i", "Mar 2019 - Feb 2024"),
    ("b", "Led a night-shift crew of 14 pickers and loaders"),
    ("b", "Cut mis-picks by 30% with a barcode double-check routine I introduced"),
    ("h", "EDUCATION"),
    ("p", "Lone Star Code Academy - Python Full-Stack Immersive (16 weeks), 2024"),
    ("p", "Austin Community College - coursework toward A.A.S. in Business Management, 2017 - 2018"),
    ("h", "ADDITIONAL"),
    ("p", "Volunteer, Austin Food Bank weekend distribution (2021 - present)"),
    ("p", "Spanish: conversational"),
    ("p", "References available on request"),
]


def build_pdf(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 16, 18)

    def render(items):
        for kind, text in items:
            assert text.isascii(), text
            if kind == "h":
                pdf.ln(3)
                pdf.set_font("Helvetica", "B", 12)
                pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
                y = pdf.get_y()
                pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
                pdf.ln(1.5)
            elif kind == "t":
                pdf.ln(1.5)
                pdf.set_font("Helvetica", "B", 10.5)
                pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
            elif kind == "i":
                pdf.set_font("Helvetica", "I", 10)
                pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            elif kind == "b":
                pdf.set_font("Helvetica", "", 10)
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(0, 5, "- " + text, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("Helvetica", "", 10)
                pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 9, "JORDAN MITCHELL", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, "Junior Backend Developer | Python", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Helvetica", "", 9.5)
    pdf.cell(
        0, 5,
        "Austin, TX | (512) 555-0147 | jordan.mitchell.dev@gmail.com | github.com/jmitchell-dev",
        new_x="LMARGIN", new_y="NEXT", align="C",
    )
    render(PAGE1)
    pdf.add_page()
    render(PAGE2)
    assert pdf.pages_count == 2, pdf.pages_count
    pdf.output(str(path))


if __name__ == "__main__":
    build_docx(HERE / "ind07.docx")
    build_pdf(HERE / "ind08.pdf")
    print("wrote", HERE / "ind07.docx", HERE / "ind08.pdf")
