"""Builds the binary CVs of this set: ind3-03/07/11.pdf (fpdf2, core Helvetica, ASCII only)
and ind3-04/09.docx (python-docx).

Run from this folder:  /work/main/.venv/bin/python make_binaries.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- PDF helpers


class CV(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(18, 15, 18)
        self.add_page()

    def line_text(self, text: str, size: float = 10, style: str = "", h: float = 5, w: float = 0) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(w, h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.get_y()
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(1.5)

    def bullet(self, text: str, indent: float = 4) -> None:
        self.set_font("Helvetica", "", 10)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, 5, "- " + text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def left_right(self, left: str, right: str, style: str = "B") -> None:
        self.set_font("Helvetica", style, 10)
        width = self.w - self.l_margin - self.r_margin
        self.cell(width * 0.68, 5, left)
        self.set_font("Helvetica", "I", 10)
        self.cell(width * 0.32, 5, right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# --------------------------------------------------------------------------- ind3-03.pdf


def cv03() -> None:
    pdf = CV()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 8, "CHIDERA NNAMDI OKAFOR", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 9.5)
    pdf.cell(
        0, 5,
        "Lekki Phase 1, Lagos  |  +234 803 000 1122  |  chidera.okafor@gmail.com  |  github.com/chideraok",
        align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
    )

    pdf.heading("PERSONAL STATEMENT")
    pdf.line_text(
        "A result-oriented and self-motivated Computer Engineering graduate with hands-on experience "
        "building web backends in Python. Passionate about fintech and about software that works on "
        "slow networks. Seeking a graduate backend developer role where I can learn from experienced "
        "engineers and contribute to a growing team."
    )

    pdf.heading("EDUCATION")
    pdf.left_right("B.Eng. Computer Engineering - University of Lagos, Akoka", "2018 - 2023")
    pdf.line_text("Class of Degree: Second Class Upper (4.21/5.00)")
    pdf.line_text(
        'Final Year Project: "Design and Implementation of a Web-Based Hostel Allocation System for UNILAG"',
        style="I",
    )
    pdf.bullet("Built with Flask and MySQL, with Bootstrap for the student portal.")
    pdf.bullet(
        "Reduced allocation time from about 2 weeks of manual processing to under 1 day in a test "
        "with 200 student records."
    )

    pdf.heading("SIWES (STUDENTS INDUSTRIAL WORK EXPERIENCE SCHEME)")
    pdf.left_right("IT Department, Crestfield Microfinance Bank, Ikeja", "Jun 2022 - Nov 2022")
    pdf.line_text("Industrial Training Student (6 months)", style="I")
    pdf.bullet("Assisted the software team in maintaining an internal loan tracking app written in PHP.")
    pdf.bullet("Wrote Python scripts to reconcile daily transaction reports from the core banking system.")
    pdf.bullet("Provided first-line IT support for 40 staff across 3 branches.")

    pdf.heading("PROJECTS")
    pdf.left_right("PayLite  |  wallet API", "github.com/chideraok/paylite")
    pdf.bullet(
        "REST API for a simple wallet (fund, transfer, withdraw) built with Django REST Framework "
        "and PostgreSQL."
    )
    pdf.bullet("JWT authentication, Paystack webhooks for card funding.")
    pdf.bullet("Processed over 1,200 sandbox transactions with zero double-debits after adding idempotency keys.")
    pdf.bullet("Deployed on Heroku.")
    pdf.ln(1.5)
    pdf.left_right("NaijaJobs Scraper", "github.com/chideraok/naijajobs")
    pdf.bullet(
        "Scrapes 5 Nigerian job boards daily with requests and BeautifulSoup and stores about "
        "3,000 listings a week in MongoDB."
    )
    pdf.bullet("Sends a daily digest email to subscribers from a cron job on a DigitalOcean droplet.")

    pdf.heading("SKILLS")
    pdf.line_text(
        "Python, Django, DRF, PostgreSQL, MongoDB, Git & GitHub, Postman, Heroku, Linux (basic), "
        "Microsoft Office"
    )

    pdf.heading("CERTIFICATIONS")
    pdf.line_text("ALX Software Engineering Programme - completed 2023")

    pdf.heading("HOBBIES")
    pdf.line_text("Football, reading, chess")

    pdf.heading("REFEREES")
    pdf.line_text("Available on request.")
    pdf.output(str(HERE / "ind3-03.pdf"))


# --------------------------------------------------------------------------- ind3-07.pdf (two columns)


def cv07() -> None:
    pdf = CV()
    pdf.set_margins(0, 0, 0)
    pdf.set_auto_page_break(auto=False)
    # Banner across the top.
    pdf.set_fill_color(24, 60, 90)
    pdf.rect(0, 0, 210, 30, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(12, 8)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 9, "BRIAN OTIENO OUMA")
    pdf.set_xy(12, 18)
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, "Junior Backend Developer (Python)")

    # Sidebar.
    side_x, side_w = 10, 55
    pdf.set_fill_color(235, 240, 245)
    pdf.rect(0, 30, side_x + side_w + 3, 267, style="F")
    pdf.set_text_color(20, 20, 20)
    y = 38

    def side_block(title: str, lines: list[str]) -> None:
        nonlocal y
        pdf.set_xy(side_x, y)
        pdf.set_font("Helvetica", "B", 10.5)
        pdf.cell(side_w, 6, title)
        y += 7
        pdf.set_font("Helvetica", "", 9.5)
        for text in lines:
            pdf.set_xy(side_x, y)
            pdf.multi_cell(side_w, 4.6, text)
            y = pdf.get_y() + 0.6
        y += 4

    side_block("CONTACT", [
        "Nairobi, Kenya",
        "+254 712 345 678",
        "brian.otieno.dev@gmail.com",
        "github.com/botieno",
    ])
    side_block("TECHNICAL SKILLS", [
        "Python",
        "Django / Flask",
        "FastAPI",
        "PostgreSQL, SQLite",
        "Git & GitHub",
        "Docker (basic)",
        "Linux command line",
        "pandas, scikit-learn",
        "Postman, Figma",
    ])
    side_block("LANGUAGES", ["English (fluent)", "Kiswahili (native)", "Dholuo"])
    side_block("INTERESTS", ["Rugby", "Chess", "Mentoring young coders"])

    # Main column.
    main_x, main_w = 75, 125
    y = 38

    def main_heading(title: str) -> None:
        nonlocal y
        pdf.set_xy(main_x, y)
        pdf.set_font("Helvetica", "B", 11)
        pdf.set_text_color(24, 60, 90)
        pdf.cell(main_w, 6, title)
        pdf.set_text_color(20, 20, 20)
        y += 6.5
        pdf.line(main_x, y, main_x + main_w, y)
        y += 1.5

    def main_text(text: str, style: str = "", indent: float = 0, size: float = 9.5) -> None:
        nonlocal y
        pdf.set_xy(main_x + indent, y)
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(main_w - indent, 4.6, text)
        y = pdf.get_y() + 0.8

    main_heading("PROFILE")
    main_text(
        "Computer Science graduate from JKUAT who enjoys building backend services for "
        "mobile-first users. Comfortable with Python web frameworks and SQL databases, "
        "currently learning more about containers and CI."
    )
    y += 2
    main_heading("EDUCATION")
    main_text("BSc Computer Science, Jomo Kenyatta University of Agriculture and Technology", "B")
    main_text("2019 - 2023  |  Second Class Honours (Upper Division)", "I")
    main_text("Final year project: Matatu Fare Estimator", "B")
    main_text(
        "- A regression model (scikit-learn, pandas, NumPy) trained on fares collected from "
        "40 Nairobi routes, served through a FastAPI endpoint.", indent=3,
    )
    main_text("- Mean absolute error of KES 12 on held-out routes.", indent=3)
    y += 2
    main_heading("INDUSTRIAL ATTACHMENT")
    main_text("Software Development Attachee, Savanna Telecom PLC, Nairobi", "B")
    main_text("May 2022 - Aug 2022", "I")
    main_text("- Supported the USSD team in testing menus before release.", indent=3)
    main_text("- Wrote SQL queries and Python scripts for weekly subscriber reports.", indent=3)
    y += 2
    main_heading("PROJECTS")
    main_text("M-Kulima (SMS price alerts for farmers)", "B")
    main_text("- Flask + PostgreSQL, Africa's Talking SMS API, hosted on Heroku.", indent=3)
    main_text(
        "- Sent weekly market price alerts to 800+ farmers in Nyeri County during a "
        "2-month pilot with a local cooperative.", indent=3,
    )
    main_text("Campus Lost & Found", "B")
    main_text(
        "- Django app with SQLite and plain HTML/CSS templates where students post lost "
        "and found items; adopted by the JKUAT student council.", indent=3,
    )
    y += 2
    main_heading("VOLUNTEERING")
    main_text("Mentor, Kibera Code Club (2022 - present)", "B")
    main_text("Teach programming basics to high-school students on Saturdays.")
    pdf.output(str(HERE / "ind3-07.pdf"))


# --------------------------------------------------------------------------- ind3-11.pdf


def cv11() -> None:
    pdf = CV()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 8, "NUR AISYAH BINTI MOHD RIDZUAN", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 9.5)
    pdf.cell(
        0, 5,
        "Shah Alam, Selangor | +60 12-345 6789 | nuraisyah.ridzuan@gmail.com | github.com/aisyahridz",
        new_x=XPos.LMARGIN, new_y=YPos.NEXT,
    )

    pdf.heading("ABOUT ME")
    pdf.line_text(
        "Fresh graduate in Computer Science who likes real-time systems and clean APIs. "
        "Looking for a graduate software engineer (backend) position in the Klang Valley."
    )

    pdf.heading("EDUCATION")
    pdf.set_font("Helvetica", "", 9.5)
    rows = [
        ("Institution", "Qualification", "Year", "Result"),
        ("Universiti Teknologi MARA (UiTM)", "Bachelor of Computer Science (Hons.)", "2020 - 2024", "CGPA 3.62"),
        ("Kolej Matrikulasi Selangor", "Matriculation (Science)", "2019 - 2020", "CGPA 3.75"),
    ]
    with pdf.table(col_widths=(60, 62, 26, 26), line_height=6, text_align="LEFT") as table:
        for row in rows:
            r = table.row()
            for cell in row:
                r.cell(cell)

    pdf.heading("INDUSTRIAL TRAINING (LATIHAN INDUSTRI)")
    pdf.left_right("Software Engineer Trainee - KargoKita Sdn. Bhd., Petaling Jaya", "Sep 2023 - Feb 2024")
    pdf.bullet("Built admin API endpoints in FastAPI for the driver onboarding team.")
    pdf.bullet("Added Jenkins pipeline stages for linting and unit tests on the rider service.")
    pdf.bullet("Joined daily stand-ups and fortnightly sprint reviews.")

    pdf.heading("FINAL YEAR PROJECT")
    pdf.line_text("KlinikQ: Real-Time Clinic Queue Management System", style="B")
    pdf.line_text(
        "Stack: FastAPI, WebSockets, Redis (pub/sub), PostgreSQL, Docker Compose, AWS EC2", style="I"
    )
    pdf.bullet("Patients scan a QR code at the counter and watch their queue position live on their phone.")
    pdf.bullet("Handled 1,000 simulated concurrent WebSocket clients with p99 message delay under 200 ms.")
    pdf.bullet("Won Best FYP Award (Faculty of Computer Science) among 64 projects.")

    pdf.heading("ACHIEVEMENTS")
    pdf.bullet(
        '2nd place, Great Malaysia AI Hackathon 2023 - built "BanjirAlert", a flood early-warning '
        "Telegram bot using Flask and MongoDB that reads water-level data from public JPS sensors."
    )
    pdf.bullet("Dean's List for five semesters.")

    pdf.heading("SKILLS")
    pdf.line_text("Python | FastAPI | Flask | PostgreSQL | MongoDB | Redis | Docker | AWS | Git | Jenkins (basic)")
    pdf.line_text("Soft skills: communication, leadership (Secretary, Computing Society)")

    pdf.heading("LANGUAGES")
    pdf.line_text("Bahasa Melayu (native), English (MUET Band 5), Mandarin (basic)")

    pdf.heading("REFERENCES")
    pdf.line_text("Dr. Siti Hajar Abdullah - FYP Supervisor, UiTM Shah Alam - sitihajar@uitm.edu.my")
    pdf.output(str(HERE / "ind3-11.pdf"))


# --------------------------------------------------------------------------- DOCX helpers


def _base_doc() -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    return doc


def _bullets(doc: Document, items: list[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


# --------------------------------------------------------------------------- ind3-04.docx


def cv04() -> None:
    doc = _base_doc()
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("LARISSA FERNANDES COSTA")
    run.bold = True
    run.font.size = Pt(18)
    contact = doc.add_paragraph(
        "Campinas – SP · (19) 99876-5432 · larissa.fcosta@gmail.com · linkedin.com/in/larissafcosta · "
        "github.com/larifc"
    )
    contact.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading("Resumo Profissional", level=2)
    doc.add_paragraph(
        "Bacharela em Ciência da Computação pela UNICAMP, com experiência de estágio em backend numa "
        "fintech. Gosto de APIs bem documentadas, testes automatizados e bancos de dados relacionais. "
        "Busco uma vaga de desenvolvedora Python júnior (presencial em Campinas ou remoto)."
    )

    doc.add_heading("Formação Acadêmica", level=2)
    p = doc.add_paragraph()
    p.add_run("Bacharelado em Ciência da Computação").bold = True
    p.add_run(" — Universidade Estadual de Campinas (UNICAMP), 2020 – 2024")
    p = doc.add_paragraph()
    p.add_run("TCC: ").bold = True
    p.add_run("Sistema de agendamento para clínicas veterinárias").italic = True
    p.add_run(
        " — aplicação web desenvolvida com Flask, Flask-SQLAlchemy e MySQL, com lembretes por e-mail. "
        "Testado com 2 clínicas parceiras de Campinas durante 1 mês."
    )

    doc.add_heading("Experiência", level=2)
    p = doc.add_paragraph()
    p.add_run("Estágio em Desenvolvimento Backend").bold = True
    p.add_run(" — Quitanda Pay, São Paulo (remoto) — jan/2023 a dez/2023")
    _bullets(doc, [
        "Manutenção e evolução de APIs em Django REST Framework do módulo de boletos.",
        "Criação de testes automatizados com pytest, aumentando a cobertura do módulo de 41% para 78%.",
        "Participação nas cerimônias do time (daily, planning, retro).",
    ])
    p = doc.add_paragraph()
    p.add_run("Monitora de MC102 – Algoritmos e Programação de Computadores").bold = True
    p.add_run(" — Instituto de Computação, UNICAMP — 1º semestre de 2022")
    _bullets(doc, ["Atendimento de dúvidas e correção de laboratórios em Python."])

    doc.add_heading("Projetos Pessoais", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, text in zip(header, ("Projeto", "Tecnologias", "Descrição")):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    rows = [
        (
            "Bolão da Copa",
            "Django, PostgreSQL, Celery, Redis",
            "Site de bolão para amigos e família, com ranking atualizado automaticamente após cada "
            "jogo. Mais de 150 usuários ativos durante a Copa do Mundo de 2022.",
        ),
        (
            "API de CEP com cache",
            "FastAPI, Redis, Docker Compose, pytest",
            "API que consulta CEPs nos Correios e guarda o resultado em cache. O tempo médio de "
            "resposta caiu de 800 ms para 40 ms com o cache. Cobertura de testes de 87%.",
        ),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text

    doc.add_heading("Competências Técnicas", level=2)
    _bullets(doc, [
        "Linguagens: Python, SQL, C",
        "Frameworks: Django, DRF, FastAPI, Flask",
        "Bancos de dados: PostgreSQL, MySQL, Redis",
        "Ferramentas: Docker, Git, Linux (Ubuntu), pytest, Jira",
    ])

    doc.add_heading("Idiomas", level=2)
    doc.add_paragraph("Português (nativo) · Inglês (avançado – TOEFL iBT 102) · Espanhol (intermediário)")
    doc.save(str(HERE / "ind3-04.docx"))


# --------------------------------------------------------------------------- ind3-09.docx


def cv09() -> None:
    doc = _base_doc()
    doc.add_heading("Omar Khaled Abdelrahman", level=0)
    doc.add_paragraph("Junior Python Backend Developer")

    info = doc.add_table(rows=0, cols=2)
    info.style = "Table Grid"
    for key, value in [
        ("Address", "6th of October City, Giza, Egypt"),
        ("Phone", "+20 10 1234 5678"),
        ("Email", "omar.khaled.dev@outlook.com"),
        ("GitHub", "github.com/omarkhaled-dev"),
        ("Date of Birth", "12/05/2001"),
        ("Nationality", "Egyptian"),
        ("Military Status", "Exempted"),
    ]:
        cells = info.add_row().cells
        cells[0].text = key
        cells[1].text = value

    doc.add_heading("Career Objective", level=1)
    doc.add_paragraph(
        "Fresh graduate seeking a junior backend developer position in a company that values clean code "
        "and continuous learning, where I can use my Python and Django experience and grow into a "
        "professional software engineer."
    )

    doc.add_heading("Education", level=1)
    p = doc.add_paragraph()
    p.add_run("B.Sc. in Computer and Information Sciences").bold = True
    p.add_run(" – Faculty of Computer and Information Sciences, Ain Shams University (2019 – 2023)")
    doc.add_paragraph("Grade: Very Good with Honours")

    doc.add_heading("Graduation Project", level=1)
    p = doc.add_paragraph()
    p.add_run("Tabibi — Clinic Booking Platform").bold = True
    p.add_run(" (Grade: Excellent)")
    doc.add_paragraph(
        "Tabibi lets patients find clinics near them, book appointments and receive reminders. I worked "
        "on the backend with Django REST Framework and PostgreSQL, while the web front end was written in "
        "React. The whole system runs with Docker behind Nginx. In a Locust test the booking endpoint "
        "handled 500 concurrent users with an average response time of 120 ms."
    )

    doc.add_heading("Personal Projects", level=1)
    p = doc.add_paragraph()
    p.add_run("Arabic Tweet Sentiment Analyzer").bold = True
    doc.add_paragraph(
        "Classifies Egyptian-dialect tweets as positive, negative or neutral and exposes the model "
        "through a small Flask API. Reached an F1-score of 0.81 on 10,000 labelled tweets."
    )
    doc.add_paragraph("Technologies used: Python, pandas, NumPy, scikit-learn, Flask, NLTK")
    p = doc.add_paragraph()
    p.add_run("Souq Price Tracker").bold = True
    doc.add_paragraph(
        "Tracks the prices of products on e-commerce sites and emails the user when a price drops."
    )
    doc.add_paragraph("Technologies used: Python, Selenium, SQLite, APScheduler")

    doc.add_heading("Training & Internships", level=1)
    p = doc.add_paragraph()
    p.add_run("Summer Training – Backend Development (Python/Django)").bold = True
    p.add_run(" – Nile Systems, Smart Village, Giza (Jul – Sep 2022)")
    _bullets(doc, [
        "Learned the company's Django code base and fixed small bugs in the admin dashboard.",
        "Wrote API documentation in Postman for the mobile team.",
    ])
    p = doc.add_paragraph()
    p.add_run("QA Automation Intern").bold = True
    p.add_run(" – Delta Auto Software, Cairo (Jan – Feb 2023, winter internship)")
    _bullets(doc, [
        "Automated regression test cases for a web portal using Selenium and Python.",
    ])

    doc.add_heading("Skills", level=1)
    skills = doc.add_table(rows=1, cols=2)
    skills.style = "Table Grid"
    skills.rows[0].cells[0].text = "Category"
    skills.rows[0].cells[1].text = "Items"
    for key, value in [
        ("Programming Languages", "Python, C++, JavaScript"),
        ("Backend", "Django, DRF, Flask, REST APIs"),
        ("Databases", "PostgreSQL, MySQL"),
        ("DevOps & Tools", "Docker, Nginx, Git, GitHub, Postman"),
        ("Soft Skills", "Teamwork, presentation, problem solving"),
    ]:
        cells = skills.add_row().cells
        cells[0].text = key
        cells[1].text = value

    doc.add_heading("Courses & Certificates", level=1)
    _bullets(doc, [
        "Digital Egypt Pioneers Initiative (DEPI) – Python Backend track (scholarship)",
        "CS50x – Harvard University (edX)",
    ])

    doc.add_heading("Languages", level=1)
    doc.add_paragraph("Arabic: native · English: very good (IELTS 6.5)")
    doc.save(str(HERE / "ind3-09.docx"))


if __name__ == "__main__":
    cv03()
    cv07()
    cv11()
    cv04()
    cv09()
    print("built ind3-03.pdf ind3-07.pdf ind3-11.pdf ind3-04.docx ind3-09.docx")
