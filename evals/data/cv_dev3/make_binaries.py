"""Build the binary CVs of the cv_dev3 tuning set from the text sources below.

Run from this folder:  /work/main/.venv/bin/python make_binaries.py

PDFs use fpdf2 with the core Helvetica font (ASCII text only); DOCX files use python-docx.
Writes dev3-03.pdf, dev3-05.docx, dev3-07.pdf, dev3-09.docx, dev3-11.pdf, dev3-13.pdf,
dev3-14.docx next to this script.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

BOLD = FontFace(emphasis="BOLD")

HERE = Path(__file__).resolve().parent


def _ascii(text: str) -> str:
    text.encode("ascii")  # fail loudly: core fonts are Latin-1 and this set keeps PDFs ASCII
    return text


# ---------------------------------------------------------------------------------------
# dev3-03.pdf -- two-column CV (grey sidebar left, main column right), Nigeria
# ---------------------------------------------------------------------------------------

CV03_SIDEBAR = [
    ("h", "CONTACT"),
    ("p", "Yaba, Lagos, Nigeria"),
    ("p", "+234 803 555 0192"),
    ("p", "chiamaka.okonkwo@example.ng"),
    ("p", "github.com/chiamaka-o"),
    ("p", "linkedin.com/in/chiamakaokonkwo"),
    ("h", "SKILLS"),
    ("p", "Python"),
    ("p", "Django / Flask"),
    ("p", "SQLAlchemy"),
    ("p", "PostgreSQL, MySQL"),
    ("p", "Redis"),
    ("p", "Git & GitHub"),
    ("p", "Docker"),
    ("p", "Linux (Ubuntu)"),
    ("p", "Selenium"),
    ("p", "HTML, CSS, JavaScript"),
    ("p", "Postman, Figma"),
    ("h", "LANGUAGES"),
    ("p", "English - fluent"),
    ("p", "Igbo - native"),
    ("p", "Yoruba - conversational"),
    ("h", "CERTIFICATIONS"),
    ("p", "AWS Certified Cloud Practitioner (2023)"),
    ("p", "Google IT Support Professional Certificate (2022)"),
    ("h", "INTERESTS"),
    ("p", "Chess, Afrobeats production, mentoring girls in STEM"),
]

CV03_MAIN = [
    ("name", "CHIAMAKA OKONKWO"),
    ("sub", "Graduate Backend Developer (Python)"),
    ("h", "PROFILE"),
    (
        "p",
        "Computer Science graduate from the University of Lagos with hands-on experience "
        "building web backends for campus services. I care about clean data models, "
        "readable code and tests, and I want to grow as a backend engineer in a product team.",
    ),
    ("h", "EDUCATION"),
    ("b", "University of Lagos, Akoka - B.Sc. Computer Science"),
    ("p", "2019 - 2023 | Second Class Upper Division (CGPA 4.21/5.00)"),
    ("p", "Relevant courses: Database Management, Software Engineering, Computer Networks, "
          "Operating Systems, Data Structures"),
    ("h", "ACADEMIC PROJECTS"),
    ("b", "Campus Shuttle Tracker (Final Year Project, 2023)"),
    ("p", "Tech Stack: Django, PostgreSQL, Redis, JavaScript (Leaflet maps)"),
    ("p", "Role: Sole developer, supervised by Dr. A. Bello"),
    ("p", "Outcome: Tracked 8 shuttles in real time with an average position delay of 4 s; "
          "graded A."),
    ("b", "Hostel Allocation API (Software Engineering group project)"),
    ("p", "Tech Stack: Flask, SQLAlchemy, MySQL, JWT"),
    ("p", "Role: Backend lead; designed the database schema and the authentication flow"),
    ("p", "Outcome: Replaced a paper process for 1,400 first-year students in the pilot hall."),
    ("b", "Naija Price Watch (personal project)"),
    ("p", "Tech Stack: Python, Scrapy, BeautifulSoup, pandas, SQLite"),
    ("p", "Role: Personal project"),
    ("p", "Outcome: Scrapes prices of 300 food items from 5 online markets daily; the dataset "
          "of 90,000 rows is published on Kaggle."),
    ("h", "EXPERIENCE"),
    ("b", "SIWES Industrial Trainee - Interswitch Group, Lagos"),
    ("p", "Jun 2022 - Nov 2022"),
    ("p", "- Wrote Selenium regression scripts for the merchant dashboard with the QA team."),
    ("p", "- Automated daily log collection from test servers with shell scripts."),
    ("b", "Mathematics Tutor (part-time) - Excel Tutors, Yaba"),
    ("p", "2021 - 2023"),
    ("p", "- Prepared secondary-school students for WAEC and JAMB mathematics."),
    ("h", "REFERENCES"),
    ("p", "Available on request."),
]


def build_cv03(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_fill_color(232, 236, 241)
    pdf.rect(0, 0, 68, 297, style="F")

    def column(x: float, w: float, y: float, items: list[tuple[str, str]]) -> None:
        pdf.set_xy(x, y)
        for kind, text in items:
            text = _ascii(text)
            pdf.set_x(x)
            if kind == "name":
                pdf.set_font("Helvetica", "B", 20)
                pdf.multi_cell(w, 9, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            elif kind == "sub":
                pdf.set_font("Helvetica", "", 11)
                pdf.multi_cell(w, 6, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            elif kind == "h":
                pdf.ln(3)
                pdf.set_x(x)
                pdf.set_font("Helvetica", "B", 10.5)
                pdf.set_text_color(30, 70, 120)
                pdf.multi_cell(w, 6, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
                pdf.set_text_color(0, 0, 0)
            elif kind == "b":
                pdf.ln(1)
                pdf.set_x(x)
                pdf.set_font("Helvetica", "B", 9.5)
                pdf.multi_cell(w, 5, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            else:
                pdf.set_font("Helvetica", "", 9)
                pdf.multi_cell(w, 4.6, text, new_x=XPos.LEFT, new_y=YPos.NEXT)

    column(8, 54, 14, CV03_SIDEBAR)
    column(76, 124, 12, CV03_MAIN)
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------
# dev3-07.pdf -- LinkedIn "Save to PDF" style export, 2 pages, sidebar on page 1
# ---------------------------------------------------------------------------------------

CV07_SIDEBAR = [
    ("h", "Contact"),
    ("p", "maria.s.reyes@example.ph"),
    ("p", "www.linkedin.com/in/mariasreyes (LinkedIn)"),
    ("p", "github.com/mariasreyes (Personal)"),
    ("h", "Top Skills"),
    ("p", "Django"),
    ("p", "REST APIs"),
    ("p", "PostgreSQL"),
    ("h", "Languages"),
    ("p", "Filipino (Native or Bilingual)"),
    ("p", "English (Full Professional)"),
    ("p", "Japanese (Elementary)"),
    ("h", "Certifications"),
    ("p", "Python for Everybody Specialization"),
    ("p", "AWS Academy Cloud Foundations"),
    ("p", "Scrum Fundamentals Certified (SFC)"),
    ("h", "Honors-Awards"),
    ("p", "Dean's Lister (6 semesters)"),
    ("p", "DOST-SEI Merit Scholar"),
]

CV07_MAIN = [
    ("name", "Maria Santos Reyes"),
    ("p", "Computer Science Graduate | Python & Django | Aspiring Backend Engineer"),
    ("grey", "Quezon City, National Capital Region, Philippines"),
    ("h", "Summary"),
    (
        "p",
        "I am a fresh Computer Science graduate from Ateneo de Manila University who loves "
        "turning messy community processes into simple web services. During university I "
        "worked with Python, Django, PostgreSQL and a bit of AWS, led the backend track of our "
        "Google Developer Student Club, and completed two internships in software teams. I "
        "am now looking for a junior backend or platform role where I can learn from "
        "experienced engineers, write well-tested code and help ship features that people "
        "actually use. Outside of work I volunteer with disaster-response groups and teach "
        "coding to public high-school students on weekends.",
    ),
    ("h", "Experience"),
    ("co", "Kalibrr"),
    ("p", "Software Engineering Intern"),
    ("grey", "January 2024 - April 2024 (4 months)"),
    ("grey", "Makati, National Capital Region, Philippines"),
    (
        "p",
        "Worked with the search team on the job-matching API. Added filters for remote and "
        "hybrid roles to the Django backend, wrote data migrations for 2 million job "
        "postings, and reduced the p95 latency of the saved-search endpoint from 900 ms to "
        "350 ms by adding the right composite index.",
    ),
    ("co", "Accenture"),
    ("p", "Technology Intern"),
    ("grey", "June 2023 - August 2023 (3 months)"),
    ("grey", "Taguig, National Capital Region, Philippines"),
    (
        "p",
        "Part of the intern cohort on a bank's modernization project. Wrote Python scripts to "
        "compare outputs of the old COBOL batch jobs against the new services, and "
        "documented 25 test scenarios for the QA team.",
    ),
    ("co", "Ateneo de Manila University"),
    ("p", "Student Assistant, Department of Information Systems and Computer Science"),
    ("grey", "August 2021 - May 2024 (2 years 10 months)"),
    ("grey", "Quezon City, National Capital Region, Philippines"),
    (
        "p",
        "Helped run laboratory sessions for introductory programming, checked exercises for "
        "around 120 students per semester and maintained the department's exam scheduling "
        "spreadsheet.",
    ),
    ("co", "Google Developer Student Clubs - Ateneo"),
    ("p", "Backend Lead"),
    ("grey", "July 2022 - June 2023 (1 year)"),
    (
        "p",
        "Organized study jams on APIs and cloud, and mentored 15 members through their "
        "first pull requests.",
    ),
    ("h", "Projects"),
    ("co", "Bayanihan Relief Tracker"),
    ("grey", "January 2024 - May 2024"),
    ("grey", "Associated with Ateneo de Manila University"),
    (
        "p",
        "Capstone project with the Quezon City disaster risk reduction office. A Django and "
        "Django REST Framework backend with a PostgreSQL database that tracks relief goods "
        "from donation to barangay distribution. Used during a typhoon drill by 25 "
        "volunteers; recorded 3,200 relief packs. Deployed on AWS EC2 behind Nginx and "
        "Gunicorn.",
    ),
    ("co", "Jeepney Fare Calculator API"),
    ("grey", "September 2022 - October 2022"),
    (
        "p",
        "A Flask REST API that computes LTFRB jeepney fares between two points on the map. "
        "Has 60 pytest tests and a GitHub Actions workflow; deployed on Heroku.",
    ),
    ("co", "Kain Tayo"),
    ("grey", "March 2022 - May 2022"),
    (
        "p",
        "Recipe recommender for Filipino dishes built with FastAPI and MongoDB, using a "
        "TF-IDF model from scikit-learn over 1,500 scraped recipes.",
    ),
    ("h", "Education"),
    ("co", "Ateneo de Manila University"),
    ("p", "Bachelor of Science - BS, Computer Science (2020 - 2024)"),
    ("co", "Philippine Science High School - Main Campus"),
    ("p", "High School Diploma, STEM (2014 - 2020)"),
]


class LinkedInPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(120, 120, 120)
        self.set_x(0)
        self.cell(210, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def build_cv07(path: Path) -> None:
    pdf = LinkedInPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_fill_color(243, 246, 248)
    pdf.rect(0, 0, 66, 297, style="F")

    # sidebar, page 1 only
    pdf.set_xy(10, 16)
    for kind, text in CV07_SIDEBAR:
        pdf.set_x(10)
        if kind == "h":
            pdf.ln(3)
            pdf.set_x(10)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(50, 7, _ascii(text), new_x=XPos.LEFT, new_y=YPos.NEXT)
        else:
            pdf.set_font("Helvetica", "", 9.5)
            pdf.multi_cell(50, 5, _ascii(text), new_x=XPos.LEFT, new_y=YPos.NEXT)

    # main column, continues onto page 2 at the same x
    pdf.set_left_margin(76)
    pdf.set_right_margin(14)
    pdf.set_xy(76, 16)
    width = 210 - 76 - 14
    for kind, text in CV07_MAIN:
        text = _ascii(text)
        if kind == "name":
            pdf.set_font("Helvetica", "", 24)
            pdf.multi_cell(width, 11, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "h":
            pdf.ln(5)
            pdf.set_font("Helvetica", "", 15)
            pdf.multi_cell(width, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "co":
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 11.5)
            pdf.multi_cell(width, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "grey":
            pdf.set_font("Helvetica", "", 10)
            pdf.set_text_color(110, 110, 110)
            pdf.multi_cell(width, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
        else:
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(width, 5.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------
# dev3-11.pdf -- rirekisho-inspired chronological tables, Japan
# ---------------------------------------------------------------------------------------

CV11_PERSONAL = [
    ("Furigana", "TAKAHASHI REN"),
    ("Name", "Ren Takahashi"),
    ("Date of birth", "2001/08/17 (age 23)    Sex: Male"),
    ("Address", "3-14-7 Toyonaka-shi Shibahara-cho, Osaka 560-0055"),
    ("Phone / E-mail", "090-1234-5678 / ren.takahashi@example.jp"),
    ("GitHub", "github.com/rentakahashi"),
]

CV11_HISTORY = [
    ("", "", "EDUCATION"),
    ("2017", "4", "Entered Osaka Prefectural Kitano High School"),
    ("2020", "3", "Graduated from Osaka Prefectural Kitano High School"),
    ("2020", "4", "Entered Osaka University, School of Engineering Science, "
                  "Department of Information and Computer Sciences"),
    ("2024", "3", "Graduated from Osaka University, School of Engineering Science"),
    ("2024", "4", "Entered Osaka University, Graduate School of Information Science and "
                  "Technology, Master's course"),
    ("2026", "3", "Expected completion of the Master's course"),
    ("", "", "EMPLOYMENT"),
    ("2022", "4", "Part-time job: tutor at a cram school in Toyonaka (until 2024/3)"),
    ("2023", "8", "Summer internship (2 weeks), CyberAgent, Inc. - backend team of an "
                  "advertising product; implemented a rate limiter for a Go service"),
    ("2024", "2", "Internship (1 month), Sansan, Inc. - data platform team; wrote Python "
                  "batch jobs that de-duplicate business card records"),
    ("", "", "End of list"),
]

CV11_LICENSES = [
    ("2021", "6", "Passed the Fundamental Information Technology Engineer Examination (FE)"),
    ("2023", "10", "TOEIC Listening & Reading Test: 860"),
    ("2024", "4", "Passed the Applied Information Technology Engineer Examination (AP)"),
    ("2020", "9", "Standard class ordinary motor vehicle license"),
]

CV11_PROJECTS = [
    (
        "2024/05 - present",
        "Lab GPU Job Scheduler (master's research)",
        "Python, FastAPI, Redis, Kubernetes",
        "Master's research: a fair-share scheduler for the laboratory's shared GPUs. Cut "
        "average queue wait from 3.1 h to 1.2 h for 18 lab members.",
    ),
    (
        "2023/06 - 2023/09",
        "Kaiten-Sushi Order System",
        "Django, MySQL, Docker",
        "Tablet ordering prototype for a family-run sushi restaurant in Sakai. Load-tested "
        "with 40 concurrent tablets at under 200 ms per order.",
    ),
    (
        "2022/11",
        "Gakusai Ticket Site",
        "Flask, SQLite, HTML, CSS",
        "Ticket reservation site for the university festival. Sold 2,300 tickets in 3 days.",
    ),
]

CV11_SKILLS = (
    "Python (4 years), Go (1 year), SQL, Django, FastAPI, Docker, Kubernetes, Linux, Git"
)

CV11_PR = (
    "In my research I build tools that other students use every day, so I have learnt to "
    "care about reliability and clear error messages. At your company I would like to work "
    "on backend services that handle real traffic, and to keep improving my design skills "
    "through code review."
)


def build_cv11(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_margins(14, 12, 14)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, "RIREKISHO  (Curriculum Vitae)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, "As of 2025/04/01", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)

    pdf.set_font("Helvetica", "", 9.5)
    with pdf.table(col_widths=(35, 147), text_align="LEFT", line_height=6,
                   first_row_as_headings=False) as table:
        for label, value in CV11_PERSONAL:
            row = table.row()
            row.cell(_ascii(label), style=BOLD)
            row.cell(_ascii(value))
    pdf.ln(4)

    def history_table(title: str, rows: list[tuple[str, str, str]]) -> None:
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(col_widths=(16, 12, 154), text_align=("CENTER", "CENTER", "LEFT"),
                       line_height=5.5) as table:
            head = table.row()
            head.cell("Year")
            head.cell("Month")
            head.cell(title)
            for year, month, text in rows:
                row = table.row()
                row.cell(year)
                row.cell(month)
                if text in ("EDUCATION", "EMPLOYMENT", "End of list"):
                    row.cell(text, align="CENTER", style=BOLD)
                else:
                    row.cell(_ascii(text))
        pdf.ln(4)

    history_table("Education and Employment History", CV11_HISTORY)
    history_table("Licenses and Qualifications", CV11_LICENSES)

    pdf.set_font("Helvetica", "", 8.5)
    with pdf.table(col_widths=(28, 42, 40, 72), text_align="LEFT", line_height=5) as table:
        head = table.row()
        for title in ("Period", "Self-directed development", "Technologies", "Details"):
            head.cell(title)
        for period, name, tech, details in CV11_PROJECTS:
            row = table.row()
            for value in (period, name, tech, details):
                row.cell(_ascii(value))
    pdf.ln(4)

    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(40, 142), text_align="LEFT", line_height=5.5,
                   first_row_as_headings=False) as table:
        for label, value in (
            ("Technical skills", CV11_SKILLS),
            ("Self-PR / Motivation", CV11_PR),
            ("Hobbies", "Shogi (2-dan amateur), cycling along the Yodo River"),
            ("Commute", "About 45 minutes"),
        ):
            row = table.row()
            row.cell(label, style=BOLD)
            row.cell(_ascii(value))
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------
# dev3-13.pdf -- very long (3 pages) Canadian co-op CV, single column, ruled headings
# ---------------------------------------------------------------------------------------

CV13 = [
    ("name", "OMAR HADDAD"),
    ("center", "Waterloo, ON N2L 3G1  |  (519) 555-0187  |  omar.haddad@example.ca  |  "
               "github.com/ohaddad  |  ohaddad.dev"),
    ("h", "SUMMARY OF QUALIFICATIONS"),
    ("bul", "Three co-op terms of backend and test-automation experience at companies "
            "ranging from a 40-person startup to a public software vendor"),
    ("bul", "Comfortable designing relational schemas, writing asynchronous workers and "
            "operating services in production, including being on the pager"),
    ("bul", "Strong written communication: authored internal design documents and a "
            "conference poster; tutor and teaching assistant for first-year programming"),
    ("bul", "Bilingual English/Arabic, working proficiency in French"),
    ("h", "TECHNICAL SKILLS"),
    ("kv", "Languages: Python, JavaScript, TypeScript, C++, SQL, Bash"),
    ("kv", "Backend: Django, FastAPI, Flask, Celery, GraphQL, REST, gRPC"),
    ("kv", "Data: PostgreSQL, MySQL, Redis, MongoDB, Elasticsearch"),
    ("kv", "Cloud / DevOps: AWS (EC2, S3, Lambda), Docker, Kubernetes, Terraform, "
           "GitHub Actions, Jenkins, Nginx"),
    ("kv", "Testing: pytest, Selenium, Locust, Hypothesis"),
    ("h", "EDUCATION"),
    ("row", "University of Waterloo, Waterloo, ON", "Sep 2020 - Apr 2025"),
    ("p", "Bachelor of Computer Science, Honours, Co-operative Program; Minor in Combinatorics "
          "and Optimization. Cumulative average 86%."),
    ("p", "Selected courses: CS 348 Introduction to Database Management, CS 343 Concurrent "
          "and Parallel Programming, CS 454 Distributed Systems, CS 446 Software Design and "
          "Architectures, CS 451 Data-Intensive Distributed Computing."),
    ("h", "WORK EXPERIENCE"),
    ("row", "Backend Developer Co-op - Wealthsimple, Toronto, ON", "May 2024 - Aug 2024"),
    ("bul", "Owned the migration of the tax-document service from a cron script to Celery "
            "tasks with retries, cutting failed monthly statement generations from about "
            "1,900 to under 50."),
    ("bul", "Added idempotency keys to the transfers API in Django; removed a class of "
            "duplicate-transfer incidents that had paged on-call 6 times in the prior "
            "quarter."),
    ("bul", "Wrote a design document for sharding the notifications table in PostgreSQL, "
            "reviewed by 4 senior engineers and adopted for Q4."),
    ("bul", "Joined the on-call rotation for the last 4 weeks of the term."),
    ("row", "Software Developer Co-op - Arctic Wolf Networks, Waterloo, ON",
            "May 2023 - Aug 2023"),
    ("bul", "Built internal FastAPI endpoints that expose alert triage statistics to the "
            "security operations dashboard (about 3 million alerts per day)."),
    ("bul", "Replaced an N+1 query pattern in the reporting service; the weekly customer "
            "report job went from 7 hours to 55 minutes."),
    ("bul", "Containerised two legacy tools with Docker and wrote their Kubernetes "
            "manifests."),
    ("bul", "Mentored the next co-op student during the handover week."),
    ("row", "QA Automation Co-op - OpenText, Waterloo, ON", "Jan 2022 - Apr 2022"),
    ("bul", "Automated 120 manual regression cases for the document management web client "
            "with Selenium and pytest, cutting the release regression cycle from 3 days to "
            "1 day."),
    ("bul", "Set up a nightly Jenkins job that publishes flaky-test reports to the team "
            "channel."),
    ("row", "Teaching Assistant, CS 135 - University of Waterloo", "Jan 2025 - Apr 2025"),
    ("bul", "Ran weekly tutorials for 60 students and held office hours; marked assignments "
            "and midterms."),
    ("row", "Residence Don - Village 1, University of Waterloo", "Sep 2021 - Apr 2022"),
    ("bul", "Supported a floor of 38 first-year students; organised study nights and "
            "mediated roommate conflicts."),
    ("h", "TECHNICAL PROJECTS"),
    ("row", "PantryNet (Fourth-Year Design Project) | Django REST Framework, PostgreSQL, "
            "Kubernetes", "Sep 2024 - Mar 2025"),
    ("bul", "Inventory and pickup scheduling for 6 Waterloo Region food banks, built with "
            "a team of four for the capstone design course."),
    ("bul", "Designed the booking model and the conflict-detection logic for overlapping "
            "pickup slots."),
    ("bul", "Reduced volunteer scheduling time from roughly 5 hours to 40 minutes per week "
            "at the pilot site."),
    ("row", "LectureLens | FastAPI, Celery, RabbitMQ, PostgreSQL, React", "Jan 2024 - Apr 2024"),
    ("bul", "Upload a lecture recording and get a searchable transcript with timestamps; "
            "transcription runs in Celery workers using Whisper."),
    ("bul", "Processed 310 hours of lecture audio for 3 courses during the pilot."),
    ("bul", "Cut per-hour processing cost from $0.36 to $0.09 by batching requests and "
            "moving the workers to spot instances."),
    ("bul", "140 pytest tests, 88% coverage; CI on GitHub Actions."),
    ("row", "Goose Alert | Django, PostgreSQL, Redis", "Sep 2023 - Dec 2023"),
    ("bul", "Live campus map of goose nesting sites and icy paths; 4,800 unique visitors "
            "in the first month after a post on the university subreddit."),
    ("bul", "Django Channels WebSocket fan-out to 500 concurrent clients with p99 under "
            "120 ms on a single 2 vCPU instance."),
    ("bul", "Containerised with Docker and deployed on AWS EC2 with Nginx in front."),
    ("row", "Distributed Key-Value Store (CS 454 course project) | Python, gRPC",
            "Jan 2023 - Apr 2023"),
    ("bul", "Raft-based replicated key-value store with 5 nodes; passed all 37 scenarios "
            "of the course's fault-injection suite."),
    ("bul", "Sustained 9,000 writes/s on a 3-node cluster in the final benchmark."),
    ("bul", "Wrote the leader-election and log-compaction modules; my partner wrote the "
            "client library."),
    ("row", "Co-op Job Board Scraper | Python, Selenium, BeautifulSoup, SQLite",
            "May 2022 - Aug 2022"),
    ("bul", "Scraped and de-duplicated 12,000 job postings from exported listings for "
            "personal use."),
    ("bul", "Sent a daily email digest of matches ranked by a keyword score."),
    ("h", "SIDE QUESTS"),
    ("bul", "budgetbot - Telegram bot that categorises my spending from bank e-mails "
            "(Python, MongoDB)"),
    ("bul", "log-lens - tiny GraphQL API over my homelab's web server logs (Flask, GraphQL)"),
    ("bul", "waitlist-watch - polls course enrolment and texts me when a seat opens; 200+ "
            "classmates signed up (Python, Flask, Heroku)"),
    ("h", "PUBLICATIONS AND TALKS"),
    ("bul", "O. Haddad, L. Chen. \"Queue-aware batching for speech transcription on spot "
            "instances.\" Poster, Canadian Undergraduate Computer Science Conference "
            "(CUCSC), 2024."),
    ("bul", "\"Celery in anger: lessons from a co-op term\", lightning talk, Python KW "
            "meetup, October 2024."),
    ("h", "AWARDS"),
    ("bul", "Dean's Honours List - 4 terms"),
    ("bul", "President's Scholarship of Distinction ($2,000), 2020"),
    ("bul", "Hack the North 2022 - participant"),
    ("h", "VOLUNTEERING"),
    ("row", "Logistics Volunteer - Hack the North", "Sep 2023"),
    ("bul", "Coordinated hardware lending and meal lines for roughly 1,000 attendees."),
    ("row", "Coding Instructor - Kitchener Public Library", "Oct 2021 - Mar 2023"),
    ("bul", "Taught a monthly Python workshop for teenagers; prepared all materials."),
    ("row", "Arabic-English Interpreter - Reception House Waterloo Region", "2020 - 2022"),
    ("bul", "Interpreted for newly arrived families at school and clinic appointments."),
    ("h", "INTERESTS"),
    ("p", "Bouldering, Arabic calligraphy, running a small homelab (three mini PCs), "
          "long-distance cycling (Waterloo to Niagara Falls in a day), board games with "
          "friends."),
    ("h", "REFERENCES"),
    ("p", "Priya Natarajan, Engineering Manager, Wealthsimple - available on request."),
    ("p", "Prof. Daniel Okafor, University of Waterloo (FYDP supervisor) - available on "
          "request."),
]


class CoopPDF(FPDF):
    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(120, 120, 120)
            self.cell(0, 5, "Omar Haddad - Resume", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(0, 0, 0)
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def build_cv13(path: Path) -> None:
    pdf = CoopPDF(format="Letter")
    pdf.set_margins(18, 14, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - 36
    for item in CV13:
        kind, text = item[0], _ascii(item[1])
        if kind == "name":
            pdf.set_font("Helvetica", "B", 22)
            pdf.cell(0, 11, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "center":
            pdf.set_font("Helvetica", "", 9.5)
            pdf.multi_cell(0, 5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "h":
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 11.5)
            pdf.cell(0, 6.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            y = pdf.get_y()
            pdf.line(18, y, pdf.w - 18, y)
            pdf.ln(1.5)
        elif kind == "row":
            pdf.ln(1.5)
            pdf.set_font("Helvetica", "B", 10.5)
            date = _ascii(item[2])
            date_w = pdf.get_string_width(date) + 2
            y = pdf.get_y()
            pdf.multi_cell(width - date_w - 4, 5.5, text, new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
            end_y = pdf.get_y()
            pdf.set_font("Helvetica", "I", 10)
            pdf.set_xy(pdf.w - 18 - date_w, y)
            pdf.cell(date_w, 5.5, date, align="R")
            pdf.set_xy(18, end_y)
        elif kind == "bul":
            pdf.set_font("Helvetica", "", 10.5)
            pdf.set_x(22)
            pdf.cell(4, 5.6, "-")
            pdf.multi_cell(width - 8, 5.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "kv":
            label, rest = text.split(":", 1)
            pdf.set_font("Helvetica", "B", 10.5)
            pdf.cell(pdf.get_string_width(label + ":") + 1.5, 5.6, label + ":")
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(0, 5.6, rest.strip(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(0, 5.6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------
# dev3-05.docx -- Word heading styles, projects in a table, Brazil
# ---------------------------------------------------------------------------------------

CV05_HEADER = [
    "Recife - PE, Brasil  |  +55 81 99876-5432  |  lucas.albuquerque@example.com.br",
    "github.com/lucasfalbuquerque  |  linkedin.com/in/lucasfalbuquerque",
]
CV05_OBJECTIVE = (
    "Vaga de Desenvolvedor Backend Júnior (Python). Recent Computer Science graduate from "
    "UFPE looking for a junior backend position in a product company, on-site in Recife or "
    "remote."
)
CV05_EDUCATION = [
    ("Bacharelado em Ciência da Computação (BSc Computer Science)",
     "Universidade Federal de Pernambuco (UFPE), Centro de Informática - 2020 to 2024"),
    ("Ensino Médio (High school)", "Colégio de Aplicação da UFPE - 2017 to 2019"),
]
CV05_EXPERIENCE = [
    (
        "Estagiário de Desenvolvimento (Development Intern) - CESAR, Recife",
        "March 2023 to December 2023",
        [
            "Worked on a Django back office for a retail client; implemented the bulk "
            "product import (CSV up to 50,000 lines).",
            "Reviewed pull requests with the senior developers and wrote the team's "
            "onboarding guide.",
        ],
    ),
    (
        "Monitor de Algoritmos (Teaching Assistant, Algorithms) - UFPE",
        "2022",
        ["Held weekly exercise sessions for first-year students."],
    ),
]
CV05_PROJECTS = [
    ("Project", "Period", "Technologies", "Description"),
    (
        "Feira Livre API",
        "2023",
        "Django REST Framework, PostgreSQL, Docker",
        "API for a cooperative of 40 family farmers to publish weekly produce lists. "
        "15 endpoints and 92% test coverage with pytest.",
    ),
    (
        "Detecção de Fraudes em Boletos",
        "2023 - 2024 (TCC / final thesis)",
        "Python, pandas, scikit-learn, FastAPI",
        "Gradient-boosting model trained on 250k anonymised payment slips, served through a "
        "FastAPI endpoint. Recall of 0.81 at a 1% false-positive rate.",
    ),
    (
        "Bot do Bandejão",
        "2022",
        "Python, aiogram, Redis",
        "Telegram bot that answers \"what's for lunch?\" for the university restaurant; "
        "1,100 monthly users.",
    ),
    (
        "Portfólio pessoal",
        "2022",
        "HTML, CSS, JavaScript",
        "Personal website hosted on GitHub Pages.",
    ),
]
CV05_SKILLS = [
    "Python (advanced)",
    "Django / DRF, FastAPI",
    "PostgreSQL, MySQL",
    "Docker, Git, Linux (Ubuntu)",
    "pytest",
    "Scrum, Kanban, Trello",
]
CV05_COURSES = [
    "Alura - Docker: criando e gerenciando containers (20 h)",
    "Rocketseat - Ignite Node.js (bootcamp, 2022)",
    "AWS re/Start (Escola da Nuvem, 2023)",
]
CV05_LANGUAGES = ["Português - nativo", "Inglês (English) - avançado", "Espanhol - básico"]


def build_cv05(path: Path) -> None:
    doc = Document()
    doc.add_heading("Lucas Ferreira Albuquerque", level=0)
    for line in CV05_HEADER:
        doc.add_paragraph(line)
    doc.add_heading("Objetivo / Objective", level=1)
    doc.add_paragraph(CV05_OBJECTIVE)
    doc.add_heading("Formação Acadêmica / Education", level=1)
    for title, detail in CV05_EDUCATION:
        p = doc.add_paragraph()
        p.add_run(title).bold = True
        doc.add_paragraph(detail)
    doc.add_heading("Experiência Profissional / Experience", level=1)
    for title, dates, bullets in CV05_EXPERIENCE:
        doc.add_heading(title, level=2)
        doc.add_paragraph(dates).runs[0].italic = True
        for bullet in bullets:
            doc.add_paragraph(bullet, style="List Bullet")
    doc.add_heading("Projetos / Projects", level=1)
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for i, cells in enumerate(CV05_PROJECTS):
        row = table.add_row().cells
        for cell, value in zip(row, cells):
            cell.text = value
            if i == 0:
                cell.paragraphs[0].runs[0].bold = True
    doc.add_heading("Conhecimentos Técnicos / Technical Skills", level=1)
    for skill in CV05_SKILLS:
        doc.add_paragraph(skill, style="List Bullet")
    doc.add_heading("Cursos Complementares / Extra Courses", level=1)
    for course in CV05_COURSES:
        doc.add_paragraph(course, style="List Bullet")
    doc.add_heading("Idiomas / Languages", level=1)
    for language in CV05_LANGUAGES:
        doc.add_paragraph(language, style="List Bullet")
    doc.save(str(path))


# ---------------------------------------------------------------------------------------
# dev3-09.docx -- Word heading styles, UK graduate CV with NO projects
# ---------------------------------------------------------------------------------------

CV09_CONTACT = "Leeds LS6 | 07700 900417 | h.osei-bonsu@example.co.uk | linkedin.com/in/hoseibonsu"
CV09_STATEMENT = (
    "A motivated and reliable Computer Science graduate from the University of Leeds with "
    "a 2:1 degree and four years of part-time retail experience. I am looking for a "
    "graduate software developer role, ideally working on Python backend systems, where I "
    "can build on my university modules and grow through mentoring and code review. I "
    "work well in a team, stay calm under pressure and enjoy explaining technical ideas "
    "to non-technical people."
)
CV09_MODULES = [
    "Databases (COMP2121) - 74%",
    "Software Engineering Principles (COMP2931) - 68%",
    "Operating Systems (COMP2211) - 65%",
    "Algorithms and Data Structures I & II - 71%",
    "Computer Networks (COMP3211) - 63%",
    "Distributed Systems (COMP3221) - 66%",
]
CV09_DISSERTATION = (
    "Final-year dissertation (literature review): \"Bias and accountability in facial "
    "recognition: a review of UK policing trials\" - 68%."
)
CV09_JOB_BULLETS = [
    "Serve around 300 customers per shift on tills and self-checkout, handling cash and "
    "card payments accurately.",
    "Trained 5 new colleagues on store procedures and the stock-counting handhelds.",
    "Trusted to close the store as key holder two evenings a week since 2023.",
    "Received the store's Colleague of the Quarter award in Q3 2023.",
]
CV09_SKILLS = [
    "Programming: Python, Java, SQL",
    "Web: HTML, CSS, Django (beginner, from online tutorials)",
    "Tools: Git, Linux command line, Microsoft Office, Visual Studio Code",
    "Other: full UK driving licence; First Aid at Work certificate",
]


def build_cv09(path: Path) -> None:
    doc = Document()
    title = doc.add_heading("Harriet Osei-Bonsu", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    contact = doc.add_paragraph(CV09_CONTACT)
    contact.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading("Personal Statement", level=1)
    doc.add_paragraph(CV09_STATEMENT)
    doc.add_heading("Education", level=1)
    doc.add_heading("University of Leeds - BSc (Hons) Computer Science, 2:1", level=2)
    doc.add_paragraph("September 2021 - June 2024")
    doc.add_paragraph("Key modules:")
    for module in CV09_MODULES:
        doc.add_paragraph(module, style="List Bullet")
    doc.add_paragraph(CV09_DISSERTATION)
    doc.add_heading("Roundhay School, Leeds - A Levels", level=2)
    doc.add_paragraph("Mathematics (A), Computer Science (A), Physics (B) - 2021")
    doc.add_heading("Employment", level=1)
    doc.add_heading("Customer Assistant (part-time) - Sainsbury's, Headingley", level=2)
    doc.add_paragraph("October 2020 - present")
    for bullet in CV09_JOB_BULLETS:
        doc.add_paragraph(bullet, style="List Bullet")
    doc.add_heading("Skills", level=1)
    for skill in CV09_SKILLS:
        doc.add_paragraph(skill, style="List Bullet")
    doc.add_heading("Interests", level=1)
    doc.add_paragraph(
        "Chess (treasurer of the university chess society, 2022-2023), running (Leeds "
        "Half Marathon 2023), and volunteering at a local food bank."
    )
    doc.add_heading("References", level=1)
    doc.add_paragraph("Available on request.")
    doc.save(str(path))


# ---------------------------------------------------------------------------------------
# dev3-14.docx -- bold paragraphs as headings, contact in the page header, nested bullets
# ---------------------------------------------------------------------------------------

CV14_HEADER = "Elif Yıldız  ·  Ankara, Türkiye  ·  +90 532 000 11 22  ·  elif.yildiz@example.com.tr  ·  github.com/elifyldz"
CV14_PROFILE = (
    "Computer Engineering graduate (METU, 2024) who likes building backends for "
    "communities: student clubs, volunteers after a disaster, a parking lot at the "
    "department. Looking for a junior Python backend role."
)
CV14_EDUCATION = [
    "Middle East Technical University (METU), Ankara - B.S. Computer Engineering, "
    "2020 - 2024, CGPA 3.27/4.00 (High Honor List: 2 semesters)",
    "Ankara Fen Lisesi (Science High School) - 2016 - 2020",
]
CV14_WORK = [
    (
        "KulüpHub",
        [
            "Web app for METU student clubs to manage members, events and budgets",
            "Django + PostgreSQL, Celery for e-mail reminders; hosted on Render",
            "27 clubs and about 2,100 students onboarded in the first semester",
        ],
    ),
    (
        "YardımAğı",
        [
            "Volunteer project after the Kahramanmaraş earthquakes",
            "FastAPI and MongoDB backend that de-duplicated aid requests collected by "
            "volunteers from social media and call centres",
            "Handled around 60,000 requests in the first 10 days; de-duplication cut "
            "duplicate dispatches by 35%",
        ],
    ),
    (
        "Graduation Project - OtoparkAI",
        [
            "Senior design project on automatic licence-plate recognition for the "
            "department car park",
            "Flask REST API receiving frames from the gate cameras; plates read with "
            "OpenCV and Tesseract; entries stored in MySQL",
            "97.2% plate recognition accuracy on 1,850 test images; 0.4 s average per frame",
            "Packaged with Docker Compose for the department demo day",
        ],
    ),
]
CV14_INTERNSHIPS = [
    (
        "Compulsory Summer Internship (Zorunlu Staj) - Aselsan, Ankara",
        "July 2022 - August 2022",
        [
            "Wrote Python scripts that parse test-bench logs into weekly reports for the "
            "hardware test team",
        ],
    ),
    (
        "Long-term Intern, Backend - Trendyol, Istanbul (remote)",
        "September 2023 - January 2024",
        [
            "Worked on the seller-notifications service; added a Redis-backed rate "
            "limiter that stopped about 4,000 duplicate SMS per day",
            "Wrote integration tests for the Kafka consumers",
        ],
    ),
]
CV14_SKILLS = [
    ("Backend: ", "Python, Django, FastAPI, Flask"),
    ("Databases: ", "PostgreSQL, MySQL, MongoDB"),
    ("Tools: ", "Git, Docker, Linux, Postman, Jira"),
    ("Other languages: ", "Java, C"),
]
CV14_LANGUAGES = "Turkish (native), English (C1 - YDS 88/100), German (A2)"
CV14_CERTS = [
    "BTK Akademi - Python ile Veri Bilimi (Data Science with Python, 40 hours)",
    "Google Developer Student Clubs METU - Core Team Member 2022-2023",
]


def _bold_heading(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.space_after = Pt(2)
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0x8B, 0x1A, 0x1A)


def build_cv14(path: Path) -> None:
    doc = Document()
    header = doc.sections[0].header
    header.paragraphs[0].text = CV14_HEADER
    header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    name = doc.add_paragraph()
    run = name.add_run("ELİF YILDIZ")
    run.bold = True
    run.font.size = Pt(20)
    doc.add_paragraph("Junior Backend Developer (Python)")

    _bold_heading(doc, "PROFILE")
    doc.add_paragraph(CV14_PROFILE)
    _bold_heading(doc, "EDUCATION")
    for line in CV14_EDUCATION:
        doc.add_paragraph(line)
    _bold_heading(doc, "SELECTED WORK")
    for title, bullets in CV14_WORK:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(title).bold = True
        for bullet in bullets:
            doc.add_paragraph(bullet, style="List Bullet 2")
    _bold_heading(doc, "INTERNSHIPS")
    for title, dates, bullets in CV14_INTERNSHIPS:
        p = doc.add_paragraph()
        p.add_run(title).bold = True
        p.add_run("\n" + dates).italic = True
        for bullet in bullets:
            doc.add_paragraph(bullet, style="List Bullet")
    _bold_heading(doc, "TECHNICAL SKILLS")
    for label, value in CV14_SKILLS:
        p = doc.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(value)
    _bold_heading(doc, "LANGUAGES")
    doc.add_paragraph(CV14_LANGUAGES)
    _bold_heading(doc, "CERTIFICATES & ACTIVITIES")
    for line in CV14_CERTS:
        doc.add_paragraph(line, style="List Bullet")
    _bold_heading(doc, "REFERENCES")
    doc.add_paragraph("Assoc. Prof. Dr. Selin Aydın, METU Computer Engineering - on request")
    doc.save(str(path))


def main() -> None:
    build_cv03(HERE / "dev3-03.pdf")
    build_cv05(HERE / "dev3-05.docx")
    build_cv07(HERE / "dev3-07.pdf")
    build_cv09(HERE / "dev3-09.docx")
    build_cv11(HERE / "dev3-11.pdf")
    build_cv13(HERE / "dev3-13.pdf")
    build_cv14(HERE / "dev3-14.docx")
    print("wrote 4 PDFs and 3 DOCX files to", HERE)


if __name__ == "__main__":
    main()
