"""Build the PDF and DOCX CVs of the cv_dev4 tuning set from the text held here.

Run from this folder:  /work/main/.venv/bin/python make_binaries.py
PDFs use fpdf2 with the core Helvetica font (ASCII only); DOCX files use python-docx.
Line markers in the texts below: "# " = section heading, "## " = bold sub-heading,
"- " = bullet, "  - " = sub-bullet; anything else is a plain line.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- PDF texts

CV05_LEFT = """\
# KONTAKT
Bremen
+49 151 2345 6789
jonas.weber@postfach.de
github.com/jweber

# KENNTNISSE
Python, SQL, Bash
Django, Flask, FastAPI
PostgreSQL, Redis
Docker, Kubernetes
Git, GitHub Actions, Linux

# SPRACHEN
Deutsch (Muttersprache)
Englisch (C1)
Spanisch (A2)

# INTERESSEN
Rennrad, Open Source,
Brettspiele, Kochen

# FUEHRERSCHEIN
Klasse B
"""

CV05_RIGHT = """\
# JONAS WEBER
Junior Backend-Entwickler (Python)

# PROFIL
B.Sc. Informatik mit Schwerpunkt verteilte Systeme. Ich suche eine Einstiegsstelle in einem Backend-Team, gern mit Python und Cloud-Infrastruktur.

# BERUFSERFAHRUNG
## Werkstudent Softwareentwicklung
Lindner Logistik GmbH, Hamburg | 10/2022 - 09/2024
- Wartung interner Django-Anwendungen
- Migration von Cronjobs zu Celery
## Pflichtpraktikum Backend-Entwicklung
Nordwerk Systems AG, Bremen | 03/2022 - 08/2022
- REST-Schnittstellen mit Flask und PostgreSQL

# PROJEKTE
## Mensa-Bot (Telegram) | 2023
- Python-Bot, der den Speiseplan von 4 Mensen taeglich um 10:30 Uhr postet
- Rund 900 aktive Nutzer im Wintersemester
- Stack: Python, SQLite, Docker
## paketradar
- Sendungsverfolgung ueber mehrere Paketdienste hinweg
- FastAPI, Redis, PostgreSQL; Deployment per GitHub Actions
- Antwortzeiten unter 200 ms bei 50 parallelen Anfragen
## WG-Kasse - github.com/jweber/wg-kasse
- Haushaltskasse fuer WGs mit Django und Django REST Framework
- JWT-Authentifizierung, 95 % Testabdeckung mit pytest

# AUSBILDUNG
## B.Sc. Informatik, Hochschule Weserland | 10/2020 - 09/2024
Bachelorarbeit: "Lastverteilung von Celery-Workern in Kubernetes" (Note 1,3)
- Autoscaler fuer Celery-Worker anhand der RabbitMQ-Queue-Laenge
- Reduzierte die Wartezeit im Test um 38 %
## Abitur, Gymnasium am Deich, Bremerhaven | 2020
"""

CV06_TEXT = """\
# GABRIEL HENRIQUE DE SOUZA
Desenvolvedor Back-end Junior | Python
Belo Horizonte - MG | (31) 99876-5432 | gabriel.hsouza@correio.com.br
linkedin.com/in/gabrielhsouza | github.com/gabrielhsouza

# OBJETIVO
Atuar como desenvolvedor back-end junior, contribuindo com a construcao de APIs robustas e bem testadas, e crescer profissionalmente em uma equipe de engenharia.

# RESUMO PROFISSIONAL
Formado em Sistemas de Informacao, com experiencia de estagio em desenvolvimento de sistemas internos e relatorios. Gosto de automatizar tarefas repetitivas, escrever testes e documentar o que construo. Tenho facilidade para aprender e trabalhar em equipe.

# FORMACAO ACADEMICA
## Bacharelado em Sistemas de Informacao - Universidade Federal das Serras Mineiras | 2020 - 2024
TCC: "Chatbot para triagem de chamados de TI" (nota 9,5)
- Desenvolvido em Python com FastAPI e scikit-learn; classificacao de 6 categorias de chamados com 88% de acuracia
- Base de dados em MongoDB e integracao com o Telegram
## Tecnico em Informatica - Escola Tecnica Estadual do Barreiro | 2017 - 2019

# EXPERIENCIA PROFISSIONAL
## Estagio em Desenvolvimento de Software - Cooperativa Agro Vale Verde | mar/2023 - dez/2023
- Criacao de relatorios gerenciais com pandas e PostgreSQL
- Manutencao de sistema interno de pedidos em Django
- Participacao nas cerimonias do Scrum (dailies, planning e retrospectiva)
## Monitor de Algoritmos e Estruturas de Dados - Universidade Federal das Serras Mineiras | 2022
- Atendimento semanal a cerca de 40 alunos do primeiro periodo
## Auxiliar Administrativo (meio periodo) - Papelaria Central | 2018 - 2019
- Controle de caixa e atendimento ao cliente

# PROJETOS PESSOAIS
## Controle de Estoque API (2023)
Tecnologias: Python, Django REST Framework, PostgreSQL, Docker, Docker Compose
- API REST para controle de estoque de pequenos comercios, com autenticacao JWT
- 42 testes automatizados com pytest e cobertura de 90%
- Deploy no Render com Gunicorn
## Cotacao Bot
Tecnologias: Python, Selenium, BeautifulSoup, SQLite
- Robo que coleta cotacoes de 30 moedas a cada 15 minutos e envia alertas por e-mail
## Portfolio
- Site pessoal em HTML, CSS e JavaScript hospedado no GitHub Pages

# CURSOS COMPLEMENTARES
- Python para Data Science - curso online (40h)
- Docker: ferramenta essencial para desenvolvedores - curso online (12h)
- Fundamentos de Computacao em Nuvem AWS - curso online (8h)

# HABILIDADES TECNICAS
- Linguagens: Python, JavaScript, SQL
- Frameworks: Django, Django REST Framework, FastAPI, Flask
- Bancos de dados: PostgreSQL, MongoDB, SQLite
- DevOps: Docker, Docker Compose, Git, GitHub Actions, Linux

# IDIOMAS
Portugues - nativo | Ingles - intermediario (leitura tecnica) | Espanhol - basico

# ATIVIDADES EXTRACURRICULARES
- Voluntario na organizacao da Semana de Tecnologia da universidade (2022 e 2023)
- Membro do grupo de estudos de Python da faculdade
"""

CV11_HEADER = """\
# AYESHA KHAN
Associate Software Engineer (Python) - Fresh Graduate
Lahore, Pakistan | +92 300 1234567 | ayesha.khan.cs@mailbox.pk | github.com/ayeshakhan-cs
"""

CV11_SIDE = """\
# CONTACT
Lahore, Pakistan
+92 300 1234567
ayesha.khan.cs@mailbox.pk
github.com/ayeshakhan-cs
linkedin.com/in/ayesha-khan-cs

# CORE COMPETENCIES
Python | C++ | SQL
Django | DRF | FastAPI
Flask | Celery
PostgreSQL | MongoDB
Redis | Docker | Git
Linux | AWS

# LANGUAGES
English (fluent)
Urdu (native)
Punjabi (native)

# CERTIFICATIONS
Backend Development with
Django - online course
Docker Essentials - online
"""

CV11_MAIN = """\
# SUMMARY
Fresh Computer Science graduate passionate about backend engineering, clean APIs and solving real-world problems with technology.

# EDUCATION
## BS Computer Science | 2020 - 2024 | CGPA 3.71/4.00
Indus Valley Institute of Technology, Lahore
Final Year Project: MediQueue (Grade A)
- Hospital OPD queue management system
- Django REST Framework backend, PostgreSQL, React web client
- Live queue updates with Django Channels and Redis
- Reduced average patient waiting time by 27% in a 2-week pilot at a 50-bed clinic
## FSc Pre-Engineering | 2020 | 89%
Punjab Group of Colleges, Lahore

# EXPERIENCE
## Software Engineering Intern | Jul 2023 - Sep 2023
Crescent Softworks (Pvt) Ltd, Lahore
- Wrote Django admin customisations and REST endpoints
- Dockerised 3 internal services
## Summer Intern, Data Team | Jun 2022 - Aug 2022
Ravi Telecom, Islamabad
- Cleaned call-record data with pandas and NumPy

# ACHIEVEMENTS & HACKATHONS
- Runner-up, CodeFest Lahore 2023 - FloodWatch PK
  - SMS flood-alert service built with FastAPI, Celery and PostgreSQL
  - Sent 1,500 test alerts to volunteers in 3 districts
- Finalist, Punjab Youth Hackathon 2022 - Kisaan Mandi
  - Marketplace for farmers built with Flask and MongoDB in 24 hours
- Dean's Honour List (5 semesters)
- Need-based scholarship recipient (2020 - 2024)
"""

CV13_TEXT = """\
# KACPER NOWAK
Junior Python Developer
Wroclaw | +48 601 234 567 | kacper.nowak@poczta.pl | linkedin.com/in/kacpernowak

# PODSUMOWANIE
Absolwent informatyki z rocznym doswiadczeniem komercyjnym w Pythonie. Lubie porzadny kod, testy i automatyzacje. Szukam stanowiska Junior Python Developera we Wroclawiu lub zdalnie.

# DOSWIADCZENIE ZAWODOWE
## Junior Python Developer | Odra Software sp. z o.o., Wroclaw | 10/2023 - obecnie
- Rozwoj API w Django REST Framework dla systemu rezerwacji sal konferencyjnych
- Zadania asynchroniczne w Celery z Redisem
- Skrocenie czasu generowania raportow miesiecznych o 40%
## Stazysta Python | Fabryka Kodu S.A., Opole | 07/2023 - 09/2023
- Testy automatyczne w pytest, konfiguracja zadan CI w Jenkins
- Poprawki bledow w wewnetrznym panelu administracyjnym (Django)
## Praktyki studenckie | Bialy Kruk IT sp. z o.o., Wroclaw | 07/2022 - 08/2022
- Skrypty w Bash do kopii zapasowych na serwerach Linux
## Kelner (praca dorywcza) | Restauracja Pod Mostem, Wroclaw | 2020 - 2022

# WYKSZTALCENIE
## Inzynier, Informatyka | Politechnika Nadodrzanska | 2019 - 2023
Specjalnosc: Inzynieria oprogramowania
## Liceum Ogolnoksztalcace nr 3 w Legnicy | 2016 - 2019

# UMIEJETNOSCI
Python, Django, Django REST Framework, Celery, Redis, PostgreSQL, Docker, Git, Linux, Bash, pytest, Jenkins

# JEZYKI
Polski - ojczysty | Angielski - B2/C1 | Niemiecki - A2

# KURSY I CERTYFIKATY
- Kurs "Python od podstaw" (2021)
- Certyfikat jezykowy FCE (2019)

# ZAINTERESOWANIA
Wspinaczka, fotografia, gry planszowe

Wyrazam zgode na przetwarzanie moich danych osobowych dla potrzeb niezbednych do realizacji procesu rekrutacji (zgodnie z Rozporzadzeniem Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia 27 kwietnia 2016 r.).
"""

CV14_TEXT = """\
# GIULIA ROMANO
Sviluppatrice Backend Junior
Nata a Bari il 02/05/2000 | +39 333 123 4567 | giulia.romano@posta.it | github.com/giuliaromano-dev

# PROFILO
Neolaureata in Informatica, appassionata di sistemi distribuiti e sviluppo backend. Cerco una prima esperienza in un team che sviluppa servizi in Python.

# ISTRUZIONE E FORMAZIONE
## Laurea Triennale in Informatica - Universita del Levante, Bari | 2019 - 2023 | 108/110
Tesi di laurea: AmbuPrenota, un sistema di prenotazione per ambulatori (relatore Prof. M. Greco)
Per la tesi ho progettato e sviluppato AmbuPrenota, un sistema a microservizi in Python composto da tre servizi FastAPI che comunicano tramite RabbitMQ, con i dati in PostgreSQL e Docker Compose per l'orchestrazione. Il sistema e' stato collaudato con 200 prenotazioni simulate al minuto senza errori. Il lavoro mi ha insegnato a ragionare su code, transazioni e tolleranza ai guasti.
## Diploma di Liceo Scientifico - Liceo Scientifico "E. Fermi", Bari | 2019 | 95/100

# ESPERIENZE PROFESSIONALI
## Tirocinio curriculare - Sviluppo software | Puglia Data Lab S.r.l., Bari | 03/2023 - 06/2023
Durante il tirocinio ho scritto script in Python e pandas per la pulizia dei dati di vendita di un cliente della grande distribuzione e ho collaborato alla documentazione delle API interne.
## Tutor didattico (part-time) | Universita del Levante | 2021 - 2022
Supporto agli studenti del primo anno per il corso di Programmazione.
## Commessa (stagionale) | Libreria Il Gabbiano, Polignano a Mare | estati 2018 - 2020

# PROGETTI
Nel tempo libero ho realizzato Spesa Condivisa, un'applicazione web in Django per dividere le spese tra coinquilini, con database SQLite in sviluppo e PostgreSQL in produzione su Heroku. Oggi la usano 35 persone, tra cui i miei ex coinquilini.

Un altro progetto a cui tengo e' Orario2Go, un bot Telegram scritto in Python che invia l'orario delle lezioni ogni mattina; i dati sono salvati in Redis e il bot e' ospitato su un piccolo server Ubuntu. In un anno ha inviato circa 12.000 messaggi.

# COMPETENZE
Competenze tecniche: Python, Django, FastAPI, PostgreSQL, SQLite, Redis, RabbitMQ, Docker, Git, Linux
Competenze linguistiche: Italiano (madrelingua), Inglese (B2)
Competenze trasversali: lavoro in team, problem solving, comunicazione

# PATENTE
Patente B, automunita

Autorizzo il trattamento dei miei dati personali ai sensi del D.Lgs. 196/2003 e del GDPR (Regolamento UE 2016/679).
"""


class FooterPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        if not self.footer_text:
            return
        self.set_y(-12)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 5, f"{self.footer_text} - Pagina {self.page_no()}/{{nb}}", align="C")


def _style(line: str) -> tuple[str, str, float]:
    if line.startswith("# "):
        return line[2:], "B", 11
    if line.startswith("## "):
        return line[3:], "B", 9.5
    return line, "", 9.5


def pdf_single(text: str, out: str, footer: str = "", line_h: float = 5.0) -> None:
    pdf = FooterPDF(format="A4")
    pdf.footer_text = footer
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for raw in text.splitlines():
        if not raw.strip():
            pdf.ln(2.5)
            continue
        body, style, size = _style(raw)
        pdf.set_font("Helvetica", style, size)
        if style and size > 10:
            pdf.ln(1)
        pdf.multi_cell(0, line_h, body, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(HERE / out))


def _wrap(pdf: FPDF, line: str, width: float) -> list[tuple[str, str, float]]:
    """Wrap one marked line to `width` mm, keeping its style on every piece."""
    body, style, size = _style(line)
    pdf.set_font("Helvetica", style, size)
    indent = ""
    if body.startswith("  - "):
        indent = "    "
    elif body.startswith("- "):
        indent = "  "
    words, pieces, current = body.split(" "), [], ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if current and pdf.get_string_width(trial) > width:
            pieces.append(current)
            current = indent + word
        else:
            current = trial
    pieces.append(current)
    return [(p, style, size) for p in pieces]


def pdf_two_columns(
    left: str,
    right: str,
    out: str,
    header: str = "",
    left_w: float = 50,
    right_w: float = 128,
    shade: str = "left",
) -> None:
    """Two columns (optionally under a full-width header), drawn row by row so the
    content stream interleaves them, as Word/online-builder exports often do."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    left_x, line_h, gap = 12, 4.6, 8
    right_x = left_x + left_w + gap
    pdf.set_fill_color(235, 238, 242)
    top = 15
    if header:
        for ln in header.splitlines():
            for body, style, size in _wrap(pdf, ln, 186):
                pdf.set_font("Helvetica", style, size + (4 if style else 0))
                pdf.set_xy(left_x, top)
                pdf.cell(186, line_h + 1, body)
                top += line_h + 1.5
        top += 3
    if shade == "left":
        pdf.rect(0, top - 3, left_x + left_w + gap / 2, 297 - top + 3, style="F")
    else:
        pdf.rect(right_x - gap / 2, top - 3, 210 - right_x + gap / 2, 297 - top + 3, style="F")
    rows_l = [r for ln in left.splitlines() for r in (_wrap(pdf, ln, left_w) if ln else [("", "", 9)])]
    rows_r = [r for ln in right.splitlines() for r in (_wrap(pdf, ln, right_w) if ln else [("", "", 9)])]
    for i in range(max(len(rows_l), len(rows_r))):
        y = top + i * line_h
        for rows, x, w in ((rows_l, left_x, left_w), (rows_r, right_x, right_w)):
            if i < len(rows) and rows[i][0]:
                body, style, size = rows[i]
                pdf.set_font("Helvetica", style, size)
                pdf.set_xy(x, y)
                pdf.cell(w, line_h, body)
    pdf.output(str(HERE / out))


# ---------------------------------------------------------------- DOCX texts

CV07_TEXT = """\
# Formation
## Diplôme d'ingénieur en informatique — École d'Ingénieurs du Rhône, Lyon — 2021–2024
Projet de fin d'études (PFE) : « Détection d'anomalies sur les compteurs d'eau », en partenariat avec une régie municipale
- Pipeline d'ingestion en Python avec pandas et PostgreSQL, exposé par une API FastAPI
- Modèle Isolation Forest (scikit-learn) : 71 % des fuites détectées sur 12 mois d'historique
## Classes préparatoires MPSI/MP — Lycée Ampère-Saxe (fictif), Lyon — 2019–2021
## Baccalauréat scientifique, mention Très Bien — 2019
# Expériences professionnelles
## Stage de fin d'études — Développeuse back-end | Lumen Assurances, Villeurbanne | févr. – août 2024
- Développement de microservices Django REST Framework pour la gestion des sinistres
- Mise en place de tâches asynchrones avec Celery et RabbitMQ
## Stage assistante ingénieure | DataRhône SAS, Lyon | juin – août 2023
- Scripts d'extraction et de nettoyage de données en Python
## Animatrice en centre de vacances (BAFA) | étés 2020 et 2021
# Projets
## Covoit'Campus
Application de covoiturage entre étudiants de l'école
- Back-end : Django, PostgreSQL, Redis (cache)
- Front : React
- Déploiement :
  - conteneurs Docker, Nginx en reverse proxy
  - intégration continue avec GitHub Actions
- Environ 180 trajets partagés au premier semestre
## veille (2023)
- Agrégateur de flux RSS en ligne de commande
  - Python, SQLite, BeautifulSoup
  - tests avec unittest
## AquaAlerte (Hackathon Hack'Eau 2023)
- 2e place sur 25 équipes
- Prototype réalisé en 48 h : API Flask + carte interactive
- Données ouvertes de 3 métropoles
# Compétences techniques
Langages : Python, SQL, JavaScript, C
Back-end : Django, DRF, Flask, FastAPI, Celery
Bases de données : PostgreSQL, Redis, SQLite
Outils : Git, Docker, GitHub Actions, Linux, Jira
# Langues
Français (langue maternelle), arabe (courant), anglais (C1 — TOEIC 945)
# Centres d'intérêt
Escalade, photographie argentique, bénévolat dans une AMAP
"""

CV08_TEXT = """\
# HAKKIMDA
Python ve backend geliştirmeye ilgili, takım çalışmasına yatkın yeni mezun bir bilgisayar mühendisiyim. REST servisleri, veritabanları ve test yazmaktan keyif alıyorum.
# EĞİTİM
Ege Kıyısı Üniversitesi — Bilgisayar Mühendisliği (Lisans), 2020–2024, GNO: 3.21/4.00
Bitirme Projesi: KampüsYemek
Yemekhane menüsü ve yoğunluk tahmin sistemi. Django, PostgreSQL ve Celery kullanılarak geliştirildi; yoğunluk tahmini için scikit-learn.
Tahmin hatası ortalama 11 kişi (MAE).
Karşıyaka Anadolu Lisesi, 2016–2020
# STAJ DENEYİMİ
Yazılım Stajyeri — Körfez Yazılım A.Ş., İzmir (Temmuz–Ağustos 2023)
- Flask tabanlı iç araçlarda hata düzeltme
- pytest ile 60'tan fazla test yazdım
Stajyer (Zorunlu Staj) — Ege Veri Teknolojileri, Manisa (Haziran–Temmuz 2022)
- MySQL sorgularının optimizasyonu ve raporlama
# İŞ DENEYİMİ
Yarı Zamanlı Teknik Destek — Kampüs Bilgi İşlem Daire Başkanlığı (2021–2022)
- Öğrenci laboratuvarlarında donanım ve ağ desteği
# PROJELER
Depo Takip Sistemi (Ekip lideri)
FastAPI, SQLAlchemy, PostgreSQL, Docker
- 3 kişilik ekiple 8 haftada tamamlandı
- Barkod okuyucu ile ürün girişi ve stok uyarıları
Hava Durumu Botu
Python ile yazılmış Discord botu; açık hava durumu API'si ve Redis önbellek.
- Günde 400+ komut işleniyor (15 sunucu)
haber-ozet
Haber metinlerini özetleyen Flask uygulaması, Heroku'da yayında.
# YETENEKLER
Programlama: Python, Java, C#
Web: Django, Django Rest Framework, FastAPI, Flask
Veritabanı: PostgreSQL, MySQL, Redis
Araçlar: Docker, Git, Linux (Ubuntu, Pardus)
# YABANCI DİL
İngilizce — B2 (YDS: 78)
# REFERANSLAR
İstek üzerine verilebilir.
"""

CV10_PROJECTS = [
    ("Project", "What it does", "Stack", "Link"),
    (
        "ShelfLife",
        "Tracks pantry items and expiry dates; sends reminders 3 days before expiry",
        "Django, PostgreSQL, Celery, Redis",
        "github.com/tbrooks-py/shelflife",
    ),
    (
        "hoopstats",
        "Scrapes box scores from 1,100+ college games and serves them via a GraphQL API",
        "Python, BeautifulSoup, GraphQL, SQLite",
        "github.com/tbrooks-py/hoopstats",
    ),
    (
        "Relay (HackOH 2023 – 1st place)",
        "Real-time ride-share board for campus events, built in 36 hours by a team of 4",
        "FastAPI, React, MongoDB",
        "devpost.com/software/relay-ovsu",
    ),
    (
        "Budget Buddy CLI",
        "Command-line budgeting tool with CSV import and monthly reports",
        "Python, pandas, pytest",
        "—",
    ),
]

CV16_PROJECTS = [
    (
        "BarangayConnect (Capstone Project, 2024)",
        [
            "Online barangay clearance and certificate request system. Django, PostgreSQL, Bootstrap, deployed on Render.",
            "Served 1,900+ residents during the 3-month pilot in Brgy. San Isidro.",
        ],
    ),
    ("Tindahan POS — point-of-sale system for a sari-sari store — Flask, SQLite", []),
    (
        "Jeepney Route Finder",
        [
            "Tech: FastAPI, PostgreSQL, React",
            "Shortest path search over 85 routes using Dijkstra's algorithm.",
        ],
    ),
    (
        "EnrollEase",
        [
            "Tech: Django REST Framework, MySQL, JWT",
            "Reduced enrollment queue time from 4 hours to 45 minutes in our department's trial.",
        ],
    ),
    ("Weather Now — desktop weather app in Python with Tkinter", []),
    (
        "QuizMaster2000",
        [
            "Tech: Flask, MongoDB, JavaScript",
            "Quiz app with 250 questions for our org's review sessions.",
        ],
    ),
    ("LostPets PH — lost and found pets board — Django, Cloudinary, Heroku", []),
    (
        "Typhoon Tracker Scraper",
        [
            "Tech: Python, BeautifulSoup, pandas",
            "Scrapes PAGASA bulletins every 6 hours and stores them as CSV.",
        ],
    ),
    (
        "Scholarship Portal (group project, 4 members)",
        ["Tech: Flask-SQLAlchemy, PostgreSQL, Docker"],
    ),
    ("Personal Blog — Django, Nginx, Gunicorn, AWS EC2 (Ubuntu)", []),
]


def _docx_lines(document: docx.Document, text: str, headings: str) -> None:
    """headings='styles' uses Word Heading 1/2; 'bold' uses bold Normal paragraphs."""
    for raw in text.splitlines():
        if raw.startswith("# "):
            if headings == "styles":
                document.add_heading(raw[2:], level=1)
            else:
                run = document.add_paragraph().add_run(raw[2:])
                run.bold = True
                run.font.size = Pt(12)
        elif raw.startswith("## "):
            if headings == "styles":
                document.add_heading(raw[3:], level=2)
            else:
                document.add_paragraph().add_run(raw[3:]).bold = True
        elif raw.startswith("  - "):
            document.add_paragraph(raw[4:], style="List Bullet 2")
        elif raw.startswith("- "):
            document.add_paragraph(raw[2:], style="List Bullet")
        elif raw.strip():
            document.add_paragraph(raw)


def docx_cv07() -> None:
    d = docx.Document()
    d.add_heading("Inès Benali", level=0)
    d.add_paragraph("Développeuse Python / back-end — à la recherche d'un premier CDI")
    d.add_paragraph("Lyon · 06 12 34 56 78 · ines.benali@courriel.fr · github.com/inesbenali")
    _docx_lines(d, CV07_TEXT, "styles")
    d.save(str(HERE / "cv07_fr_ines_benali.docx"))


def docx_cv08() -> None:
    d = docx.Document()
    run = d.add_paragraph().add_run("EMRE YILMAZ")
    run.bold, run.font.size = True, Pt(18)
    d.add_paragraph("Bilgisayar Mühendisi (Yeni Mezun) — Python Backend")
    d.add_paragraph("İzmir | +90 532 123 45 67 | emre.yilmaz@eposta.com.tr | github.com/emreyilmazdev")
    _docx_lines(d, CV08_TEXT, "bold")
    d.save(str(HERE / "cv08_tr_emre_yilmaz.docx"))


def docx_cv10() -> None:
    d = docx.Document()
    d.add_heading("Tyler J. Brooks", level=0)
    d.add_paragraph(
        "Columbus, OH · (614) 555-0148 · tyler.brooks@mailbox.us · tylerbrooks.dev · github.com/tbrooks-py"
    )
    d.add_heading("Education", level=1)
    d.add_paragraph("Ohio Valley State University — B.S. Computer Science, Minor in Mathematics\tMay 2024")
    d.add_paragraph(
        "GPA 3.54 · Dean's List (6 semesters) · Relevant coursework: Databases, Computer Networks, "
        "Distributed Systems, Software Engineering"
    )
    d.add_heading("Experience", level=1)
    d.add_heading("Software Engineering Co-op — Buckeye Freight Systems, Dayton, OH\tJan 2023 – Aug 2023", level=2)
    d.add_paragraph("Built internal dispatch tooling in Python and Flask used by 3 regional teams", style="List Bullet")
    d.add_paragraph("Migrated 14 cron jobs to Celery beat with Redis as the broker", style="List Bullet")
    d.add_heading("IT Help Desk Student Worker — OVSU Office of IT\tSep 2021 – Dec 2022", level=2)
    d.add_paragraph("Resolved 20+ tickets a week for students and faculty", style="List Bullet")
    d.add_heading("Undergraduate Teaching Assistant, CSE 2221 (Software I)\tAug 2023 – May 2024", level=2)
    d.add_paragraph("Held weekly office hours and graded labs for 60 students", style="List Bullet")
    d.add_heading("Projects", level=1)
    table = d.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for i, row in enumerate(CV10_PROJECTS):
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
            if i == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    d.add_heading("Skills", level=1)
    for line in (
        "Languages: Python, JavaScript, TypeScript, Java, SQL",
        "Frameworks & Libraries: Flask, Django, FastAPI, React, pandas",
        "Data & Infra: PostgreSQL, MongoDB, Redis, Docker, AWS (S3, Lambda), Linux",
        "Tools: Git, GitHub Actions, Postman, Jira",
    ):
        d.add_paragraph(line)
    d.add_heading("Leadership & Activities", level=1)
    d.add_paragraph("Treasurer, OVSU ACM Chapter (2022–2024)", style="List Bullet")
    d.add_paragraph("Intramural basketball captain", style="List Bullet")
    d.save(str(HERE / "cv10_us_tyler_brooks.docx"))


def docx_cv16() -> None:
    d = docx.Document()

    def head(text: str) -> None:
        run = d.add_paragraph().add_run(text)
        run.bold, run.font.size = True, Pt(12)

    run = d.add_paragraph().add_run("MARIA ANGELICA DELA CRUZ")
    run.bold, run.font.size = True, Pt(16)
    d.add_paragraph("Blk 5 Lot 12, Mabini St., Brgy. San Isidro, Quezon City")
    d.add_paragraph("0917 123 4567 | maria.delacruz.dev@mailbox.ph | github.com/mariadc-dev")
    head("PERSONAL INFORMATION")
    d.add_paragraph("Date of Birth: June 3, 2002 | Civil Status: Single | Citizenship: Filipino")
    head("OBJECTIVE")
    d.add_paragraph(
        "To obtain a position as a Junior Python Developer where I can apply my skills in web "
        "development and contribute to the success of the company."
    )
    head("EDUCATION")
    d.add_paragraph("Bachelor of Science in Information Technology — Pamantasan ng Silangan, 2020–2024 (Cum Laude)")
    d.add_paragraph("Senior High School, ICT Strand — San Isidro National High School, 2018–2020 (With Honors)")
    head("ON-THE-JOB TRAINING")
    d.add_paragraph().add_run("IT Intern (OJT, 486 hours) — Luzon Pacific Logistics Inc., Pasig City — Feb–May 2024").bold = True
    d.add_paragraph("Built internal shipment reports with Django and MySQL", style="List Bullet")
    d.add_paragraph("Assisted in the migration of 2 legacy PHP pages", style="List Bullet")
    head("WORK EXPERIENCE")
    d.add_paragraph().add_run("Customer Service Representative (part-time) — Northstar Contact Hub, Quezon City — 2021–2022").bold = True
    d.add_paragraph("Handled 60+ inbound calls per shift for a telco account", style="List Bullet")
    head("PROJECTS")
    for title, details in CV16_PROJECTS:
        d.add_paragraph(style="List Number").add_run(title).bold = True
        for detail in details:
            d.add_paragraph(detail)
    head("TECHNICAL SKILLS")
    for line in (
        "Programming: Python, Java, PHP, JavaScript, HTML, CSS",
        "Frameworks: Django, Flask, FastAPI, Bootstrap, Laravel",
        "Database: MySQL, PostgreSQL, MongoDB",
        "Others: Git, Docker, MS Office, Canva, Linux",
    ):
        d.add_paragraph(line)
    head("SEMINARS ATTENDED")
    d.add_paragraph("Intro to Docker and Kubernetes — regional ICT office seminar (2023)", style="List Bullet")
    d.add_paragraph("Cloud Day Manila 2023 (AWS track)", style="List Bullet")
    head("CHARACTER REFERENCES")
    d.add_paragraph("Available upon request.")
    d.save(str(HERE / "cv16_ph_maria_dela_cruz.docx"))


def main() -> None:
    pdf_two_columns(CV05_LEFT, CV05_RIGHT, "cv05_de_jonas_weber.pdf")
    pdf_single(
        CV06_TEXT, "cv06_br_gabriel_souza.pdf", footer="Gabriel H. de Souza - Curriculo", line_h=6.2
    )
    pdf_two_columns(
        CV11_MAIN, CV11_SIDE, "cv11_pk_ayesha_khan.pdf", header=CV11_HEADER,
        left_w=128, right_w=48, shade="right",
    )
    pdf_single(CV13_TEXT, "cv13_pl_kacper_nowak.pdf")
    pdf_single(CV14_TEXT, "cv14_it_giulia_romano.pdf")
    docx_cv07()
    docx_cv08()
    docx_cv10()
    docx_cv16()


if __name__ == "__main__":
    main()
