"""Generate the binary CVs (PDF via fpdf2, DOCX via python-docx) of the cv2 set.

Run from anywhere:  /work/main/.venv/bin/python make_binaries.py
Writes ind2-03.pdf, ind2-04.docx, ind2-08.pdf, ind2-09.docx next to this script.
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- PDF
def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 15, 18)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str, size: int = 11) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", size)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.ln(1)


def _line(pdf: FPDF, text: str, style: str = "", size: int = 10, indent: float = 0) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.w - pdf.r_margin - pdf.l_margin - indent, 5, text,
                   new_x="LMARGIN", new_y="NEXT")


def make_03() -> None:
    """Nigeria, one page, lowercase tech names, dash bullets."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 9, "CHIDINMA OKAFOR", new_x="LMARGIN", new_y="NEXT")
    _line(pdf, "Lagos, Nigeria  /  chidinma.okafor@example.com  /  +234 803 555 0192  /  "
               "linkedin.com/in/chidinmaokafor", size=9)
    _heading(pdf, "SUMMARY")
    _line(pdf, "Computer Science graduate (B.Sc., University of Lagos, 2024) and NYSC corps member. "
               "Self-taught backend developer who enjoys building small APIs with python and "
               "sharing what I learn on my blog.")
    _heading(pdf, "PERSONAL PROJECTS")
    _line(pdf, "NaijaFare - bus fare comparison site", "B")
    for b in ["- built with flask, sqlite and html/css; fares scraped from 4 transport company "
              "websites using beautifulsoup",
              "- about 1,200 visits in the first month after sharing on Twitter",
              "- hosted on heroku (free tier)"]:
        _line(pdf, b, indent=4)
    pdf.ln(1)
    _line(pdf, "ExpenseBuddy API", "B")
    for b in ["- fastapi + mongodb backend for a personal expense tracker, jwt login",
              "- 18 endpoints, documented with Swagger; 40 unit tests in pytest",
              "- dockerized with docker"]:
        _line(pdf, b, indent=4)
    _heading(pdf, "EXPERIENCE")
    _line(pdf, "SIWES Industrial Training (Intern), Interswitch Group, Lagos - Jul 2022 to Dec 2022", "B")
    for b in ["- Assisted the QA team with manual and selenium-based regression tests on the "
              "payments dashboard",
              "- Documented 25 test cases in Confluence"]:
        _line(pdf, b, indent=4)
    pdf.ln(1)
    _line(pdf, "NYSC Corps Member - ICT Unit, Lagos State Ministry of Education - 2024 to date", "B")
    _line(pdf, "- Trained 40 teachers on basic computer skills", indent=4)
    _heading(pdf, "EDUCATION")
    _line(pdf, "B.Sc. Computer Science, University of Lagos - 2019 to 2024 - Second Class Upper")
    _line(pdf, "WAEC (WASSCE) - Queen's College, Yaba - 2018")
    _heading(pdf, "SKILLS")
    _line(pdf, "python, flask, fastapi, sqlite, mongodb, git, linux, html, css, javascript (basic)")
    _heading(pdf, "REFERENCES")
    _line(pdf, "Available on request")
    pdf.output(str(HERE / "ind2-03.pdf"))


def make_08() -> None:
    """Poland, two pages, projects inside the Experience and Education sections."""
    pdf = _pdf()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, "TOMASZ NOWAK", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 12)
    pdf.cell(0, 6, "Junior Python Developer", new_x="LMARGIN", new_y="NEXT")
    _line(pdf, "Wroclaw, Poland | tomasz.nowak@example.pl | +48 601 234 567 | github.com/tnowak-dev", size=9)
    _heading(pdf, "ABOUT ME", 12)
    _line(pdf, "Engineering graduate (Wroclaw University of Science and Technology, 2024) with "
               "hands-on experience from one internship and freelance work. Interested in backend "
               "systems, databases and DevOps. I like owning a feature from the database schema to "
               "the deployment.")
    _heading(pdf, "EXPERIENCE", 12)
    _line(pdf, "Freelance Python Developer (self-employed)  |  09/2023 - present", "B")
    _line(pdf, "* Dental clinic booking system: designed and built an online booking system for a "
               "private dental clinic in Wroclaw using Django, PostgreSQL and Celery (SMS reminders). "
               "Deployed on AWS EC2 behind Nginx and Gunicorn.", indent=3)
    _line(pdf, "- Handles about 400 bookings per month for 5 dentists", indent=9)
    _line(pdf, "- No-show rate dropped by roughly 30% after the SMS reminders were introduced", indent=9)
    _line(pdf, "* Inventory sync script for an online bike shop: Python script syncing stock between "
               "a supplier CSV feed and the shop's WooCommerce store, run every 15 minutes by a Bash "
               "cron job on a Linux VPS", indent=3)
    _line(pdf, "- Synchronises around 3,500 products", indent=9)
    pdf.ln(2)
    _line(pdf, "Software Engineering Intern  |  Nokia, Wroclaw  |  07/2023 - 09/2023", "B")
    _line(pdf, "* Wrote pytest integration tests for an internal REST service used by the 5G test lab", indent=3)
    _line(pdf, "* Containerised 3 legacy test tools with Docker", indent=3)
    _line(pdf, "* Took part in code reviews and sprint planning in a team of 8", indent=3)
    pdf.ln(2)
    _line(pdf, "HackYeah 2023 (hackathon, Krakow)  |  09/2023", "B")
    _line(pdf, "* \"ParkSpot\" - team of 4, 24-hour build of a parking-spot sharing app; I wrote the "
               "FastAPI backend with MongoDB, teammates handled the mobile frontend.", indent=3)
    _line(pdf, "- Placed 2nd out of 60 teams in the Smart City track", indent=9)
    pdf.ln(2)
    _line(pdf, "Warehouse Assistant (summer job)  |  Amazon Fulfillment, Bielany Wroclawskie  |  07/2021 - 09/2021", "B")
    _line(pdf, "* Picking and packing; exceeded the hourly target by 15% on average", indent=3)

    pdf.add_page()
    _heading(pdf, "EDUCATION", 12)
    _line(pdf, "B.Eng. Computer Science, Wroclaw University of Science and Technology  |  2020 - 2024", "B")
    _line(pdf, "Engineering thesis: \"Detecting anomalies in smart-meter data\" - built a Python "
               "pipeline with pandas and scikit-learn; Isolation Forest model reached an F1 score "
               "of 0.87 on 1 year of data from 200 households.", indent=3)
    _line(pdf, "Final grade: 4.5 (very good plus)", indent=3)
    pdf.ln(1)
    _line(pdf, "Erasmus+ exchange semester, Universidade do Porto, Portugal  |  02/2023 - 06/2023", "B")
    _heading(pdf, "TECHNICAL SKILLS", 12)
    for row in ["Backend: Python, Django, FastAPI, Celery",
                "Databases: PostgreSQL, MongoDB, Redis",
                "DevOps: Docker, Nginx, Gunicorn, AWS (EC2, S3), Linux, Bash, Jenkins (basic)",
                "Testing: pytest, unittest"]:
        _line(pdf, row)
    _heading(pdf, "CERTIFICATES", 12)
    _line(pdf, "AWS Certified Cloud Practitioner (2024)")
    _line(pdf, "English - C1 (Cambridge CAE, 2022)")
    _heading(pdf, "LANGUAGES", 12)
    _line(pdf, "Polish (native), English (C1), Portuguese (A2)")
    _heading(pdf, "INTERESTS", 12)
    _line(pdf, "Cycling, homelab (Raspberry Pi cluster with k3s), board games")
    pdf.ln(4)
    _line(pdf, "I agree to the processing of personal data provided in this document for realising "
               "the recruitment process pursuant to the Personal Data Protection Act of 10 May 2018 "
               "(Journal of Laws 2018, item 1000) and in agreement with Regulation (EU) 2016/679 (GDPR).",
          "I", size=7)
    pdf.output(str(HERE / "ind2-08.pdf"))


# -------------------------------------------------------------------------- DOCX
def _table(doc: Document, rows: list[list[str]], style: str = "Table Grid"):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = style
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            t.cell(i, j).text = val
    return t


def make_04() -> None:
    """Brazil, two pages (page break), projects in a table, two internships."""
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading("Rafael Souza Lima", level=0)
    doc.add_paragraph("São Paulo – SP, Brasil | rafael.lima@example.com.br | +55 11 98765-4321 | "
                      "github.com/rafaelslima")
    doc.add_heading("Resumo Profissional / Summary", level=1)
    doc.add_paragraph("Bachelor in Information Systems (USP, Dec 2024). Backend developer with two "
                      "internships, focused on Python and Django. I enjoy turning messy spreadsheets "
                      "into small, reliable web systems.")
    doc.add_heading("Formação / Education", level=1)
    doc.add_paragraph("Bacharelado em Sistemas de Informação — Universidade de São Paulo (EACH-USP), 2021–2024")
    doc.add_paragraph("Técnico em Informática — ETEC Jorge Street, 2018–2020")
    doc.add_heading("Experiência Profissional / Professional Experience", level=1)
    p = doc.add_paragraph()
    p.add_run("Estágio (Internship) em Desenvolvimento Backend — Nuvemshop, São Paulo").bold = True
    p.add_run("  |  Jan 2024 – Dec 2024")
    doc.add_paragraph("Developed new endpoints in the Django REST Framework monolith for the shipping module",
                      style="List Bullet")
    doc.add_paragraph("Reduced a slow report query from 9 s to 1.5 s by adding PostgreSQL indexes",
                      style="List Bullet")
    doc.add_paragraph("Participated in on-call rotation with the senior team (shadowing)", style="List Bullet")
    p = doc.add_paragraph()
    p.add_run("Estágio (Internship) em Suporte de TI — Prefeitura de Osasco").bold = True
    p.add_run("  |  Mar 2023 – Dec 2023")
    doc.add_paragraph("Automated weekly reports with Python and pandas, used by 3 departments",
                      style="List Bullet")
    doc.add_paragraph("Helpdesk support for around 200 municipal employees", style="List Bullet")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    doc.add_heading("Projetos / Projects", level=1)
    _table(doc, [
        ["Project", "Stack", "Highlights"],
        ["Bolão da Copa", "Django, PostgreSQL, Celery, Redis, Docker",
         "Betting pool app for friends and family; 85 active users during the 2022 World Cup; "
         "Celery tasks updated scores every 5 minutes"],
        ["FeiraLivre Map", "Flask, SQLite, JavaScript, HTML",
         "Map of São Paulo street markets with 880 markets imported from open city data"],
        ["Price Watcher", "Python, Selenium, BeautifulSoup, SQLite",
         "Scraper that tracks prices of 120 products on 3 e-commerce sites and sends Telegram alerts"],
    ])
    doc.add_heading("Habilidades / Skills", level=1)
    doc.add_paragraph("Python | Django | Django REST Framework | Flask | PostgreSQL | SQLite | Celery | "
                      "Redis | Docker | Git | Linux | pandas")
    doc.add_heading("Cursos / Courses", level=1)
    doc.add_paragraph("Alura – Formação Django (2022)", style="List Bullet")
    doc.add_paragraph("Rocketseat – Discover (2021)", style="List Bullet")
    doc.add_heading("Idiomas / Languages", level=1)
    doc.add_paragraph("Portuguese (native), English (advanced), Spanish (intermediate)")
    doc.save(str(HERE / "ind2-04.docx"))


def make_09() -> None:
    """Kenya, odd headings, typos, skills in a table."""
    doc = Document()
    doc.add_heading("Brian Otieno Odhiambo", level=0)
    doc.add_paragraph("Nairobi, Kenya • brian.otieno@example.co.ke • +254 712 345 678 • github.com/botieno")
    doc.add_heading("Who I am", level=2)
    doc.add_paragraph("Self-motivated and passionate devloper, recently graduated from JKUAT with BSc. in "
                      "Computer Technology. I love solving problems with python and i am currently "
                      "looking for oportunities in backend developement.")
    doc.add_heading("Things I've Built", level=2)
    p = doc.add_paragraph()
    p.add_run("M-Pesa Tuition Tracker").bold = True
    doc.add_paragraph("A django app that helps parents in my estate track school fee payments made through "
                      "M-Pesa. Used postgres for the data and celery + redis for sending reminders. "
                      "Currently used by 35 families; processed over KSh 2.1 million in recorded payments.")
    p = doc.add_paragraph()
    p.add_run("Matatu Stage Finder").bold = True
    doc.add_paragraph("Small flask api + vanilla JS frontend showing 120 matatu stages in Nairobi CBD. "
                      "Hosted on render. Data was collected by hand over 2 weekends.")
    p = doc.add_paragraph()
    p.add_run("Shamba Soil Predictor").bold = True
    p.add_run(" (final year project)").italic = True
    doc.add_paragraph("Machine learning model (scikit-learn random forest) predicting crop suitablity from "
                      "soil data, served via FastAPI. Trained on 4,800 soil samples from KALRO, 81% accuracy.")
    doc.add_heading("Where I've Worked", level=2)
    p = doc.add_paragraph()
    p.add_run("ICT Industrial Attachment (Intern) – Kenya Power, Nairobi").bold = True
    p.add_run(" | May 2023 – Aug 2023")
    doc.add_paragraph("Helped the networks team troubleshoot 50+ user tickets", style="List Bullet")
    doc.add_paragraph("Wrote bash scripts for backing up router configuration files", style="List Bullet")
    p = doc.add_paragraph()
    p.add_run("Volunteer Tutor – community coding sessions, Kibera").bold = True
    p.add_run(" | 2022")
    doc.add_paragraph("Taught basic HTML to about 20 high school students on saturdays", style="List Bullet")
    doc.add_heading("Toolbox", level=2)
    _table(doc, [
        ["Languages", "Python, JavaScript, SQL, Java"],
        ["Frameworks", "Django, Flask, FastAPI"],
        ["Data & Messaging", "PostgreSQL, Redis, Celery"],
        ["Other", "Git, Linux, Docker (learning), scikit-learn"],
    ])
    doc.add_heading("Schools", level=2)
    doc.add_paragraph("BSc. Computer Technology – Jomo Kenyatta University of Agriculture and Technology "
                      "(JKUAT), 2019 – 2023, Second Class Honours (Upper Division)")
    doc.add_paragraph("KCSE – Maseno School, 2018, A-")
    doc.add_heading("Referees", level=2)
    doc.add_paragraph("Dr. Jane Wambui, Lecturer, JKUAT – jane.wambui@example.ac.ke")
    doc.add_paragraph("Mr. Peter Kamau, Supervisor, Kenya Power – 0722 000 111")
    doc.save(str(HERE / "ind2-09.docx"))


if __name__ == "__main__":
    make_03()
    make_04()
    make_08()
    make_09()
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("ind2-*.*") if p.suffix in {".pdf", ".docx"})))
