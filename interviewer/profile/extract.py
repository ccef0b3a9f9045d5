"""The offline profile extractor: sections, project boundaries, stacks, roles, claims.

No keyword counting over the whole document: the CV is split into sections by its headings
(Markdown, capitals, "Heading:" lines, Word heading styles), project items are found inside
the project sections by their title lines (headings, bold or numbered lines, "Name | stack",
table rows, paragraphs of prose), and each item's own lines give its stack, the candidate's
role and its claims with numbers. A README with no CV sections is one project.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from interviewer.profile.lexicon import mentions, technologies
from interviewer.profile.schema import Profile, Project, Span

SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "projects": (
        "projects",
        "project",
        "academic projects",
        "personal projects",
        "key projects",
        "selected projects",
        "side projects",
        "major projects",
        "project work",
        "portfolio",
        "experience and projects",
        "projects and experience",
        "projects & experience",
        "experience & projects",
        "open source",
        "open-source projects",
        "mini projects",
        "technical projects",
        "notable projects",
        "things i have built",
        "things i've built",
        "what i have built",
        "builds",
        "selected work",
        "side quests",
        "hackathons",
        "hackathon projects",
        "projects and hackathons",
        "self-directed development",
        "work samples",
        "personal work",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "internship",
        "internships",
        "employment",
        "work history",
        "freelance",
        "freelance work",
        "internship experience",
        "relevant experience",
        "jobs",
        "part-time work",
        "work",
    ),
    "education": (
        "education",
        "academic background",
        "qualifications",
        "academics",
        "academic qualifications",
        "education and training",
    ),
    "skills": (
        "skills",
        "technical skills",
        "tech skills",
        "core skills",
        "technologies",
        "tools",
        "skills and tools",
        "tech stack",
        "technical expertise",
        "key skills",
        "skill set",
        "skillset",
        "programming skills",
        "tools and technologies",
        "technical proficiency",
    ),
    "other": (
        "certifications",
        "certificates",
        "achievements",
        "awards",
        "extra-curricular",
        "extracurricular",
        "extra curricular activities",
        "hobbies",
        "interests",
        "languages",
        "objective",
        "career objective",
        "summary",
        "profile",
        "professional summary",
        "about me",
        "contact",
        "references",
        "publications",
        "activities",
        "courses",
        "coursework",
        "personal details",
        "declaration",
        "volunteering",
        "leadership",
        "strengths",
        "soft skills",
        "personal information",
        "links",
    ),
}
# The same sections as CVs in other languages name them, written without accents (headings
# are compared with their accents folded: "FORMACIÓN ACADÉMICA", "EĞİTİM", "Expériences").
SECTION_WORDS_ABROAD: dict[str, tuple[str, ...]] = {
    "projects": (
        "proyectos",
        "proyectos personales",
        "proyectos academicos",
        "projetos",
        "projetos pessoais",
        "projetos academicos",
        "projets",
        "projets personnels",
        "projets academiques",
        "realisations",
        "projekte",
        "projekt",
        "eigene projekte",
        "progetti",
        "progetti personali",
        "projecten",
        "projectos",
        "proyek",
        "projek",
        "projeler",
        "du an",
        "du an ca nhan",
        "projekty",
        "projekty wlasne",
        "pinned repositories",
        "repositories",
        "repos",
        "open source work",
    ),
    "experience": (
        "experiencia",
        "experiencia profesional",
        "experiencia laboral",
        "experiencia profissional",
        "experiencias",
        "experience professionnelle",
        "experiences professionnelles",
        "experiences",
        "berufserfahrung",
        "praxiserfahrung",
        "praktika",
        "praktikum",
        "esperienze",
        "esperienze professionali",
        "esperienza lavorativa",
        "werkervaring",
        "ervaring",
        "stages",
        "pengalaman",
        "pengalaman kerja",
        "pengalaman magang",
        "magang",
        "is deneyimi",
        "staj deneyimi",
        "staj",
        "kinh nghiem",
        "kinh nghiem lam viec",
        "doswiadczenie",
        "doswiadczenie zawodowe",
        "praktyki",
        "estagios",
        "tirocini",
        "on-the-job training",
        "ojt",
        "industrial training",
        "industrial attachment",
    ),
    "education": (
        "formacion",
        "formacion academica",
        "educacion",
        "formacao",
        "formacao academica",
        "educacao",
        "formation",
        "formations",
        "ausbildung",
        "studium",
        "bildungsweg",
        "istruzione",
        "istruzione e formazione",
        "opleiding",
        "opleidingen",
        "pendidikan",
        "egitim",
        "hoc van",
        "wyksztalcenie",
    ),
    "skills": (
        "conocimientos",
        "conocimientos tecnicos",
        "habilidades",
        "habilidades tecnicas",
        "competencias",
        "competencias tecnicas",
        "competences",
        "competences techniques",
        "kenntnisse",
        "it-kenntnisse",
        "technische kenntnisse",
        "fahigkeiten",
        "competenze",
        "competenze tecniche",
        "vaardigheden",
        "keahlian",
        "kemampuan",
        "yetenekler",
        "teknik beceriler",
        "ky nang",
        "umiejetnosci",
        "tech i use",
        "core competencies",
        "technical competencies",
    ),
    "other": (
        "perfil",
        "idiomas",
        "otros datos",
        "datos personales",
        "ringkasan",
        "profil",
        "tentang saya",
        "sertifikasi",
        "organisasi",
        "bahasa",
        "kontakt",
        "sprachen",
        "interessen",
        "hobbys",
        "objetivo",
        "resumo profissional",
        "cursos",
        "cursos complementares",
        "atividades extracurriculares",
        "langues",
        "centres d'interet",
        "loisirs",
        "hakkimda",
        "yabanci dil",
        "referanslar",
        "muc tieu nghe nghiep",
        "ngoai ngu",
        "chung chi",
        "so thich",
        "podsumowanie",
        "jezyki",
        "kursy i certyfikaty",
        "zainteresowania",
        "profilo",
        "lingue",
        "patente",
        "over mij",
        "talen",
        "hobby's",
        "stats",
        "currently learning",
    ),
}
TABLE_HEADS = ("project", "name", "project name", "title")
_HEADING_OF = {
    word: kind
    for table in (SECTION_WORDS, SECTION_WORDS_ABROAD)
    for kind, words in table.items()
    for word in words
}


def _folded(text: str) -> str:
    """Lower case without accents: 'FORMACIÓN ACADÉMICA' -> 'formacion academica'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


README_HEADINGS = (
    "installation",
    "getting started",
    "usage",
    "features",
    "setup",
    "running locally",
    "quick start",
    "quickstart",
    "tech",
    "tech stack",
    "built with",
    "license",
    "api",
    "endpoints",
    "contributing",
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦‣–](?=\s)|o\s|\d+[.)]\s|[a-z][.)]\s)")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_FIELD_LINE = re.compile(
    r"^\s*[-*•]?\s*\**(tech(?:nolog(?:y|ies))?(?:\s*stack)?|stack|tools(?:\s+used)?|built\s+with|"
    r"role|duration|link|github|repo(?:sitory)?|live|demo|url|team(?:\s+size)?|date|period|"
    r"outcome|results?|impact|description|"
    # the same fields in other languages
    r"tecnolog[ií]as?|tecnologie|technologien?|technologie[eë]n|teknologi|teknolojiler|"
    r"c[oô]ng\s+ngh[eệ]|herramientas|ferramentas|strumenti|werkzeuge|outils|"
    r"rol|papel|r[ôo]le|rolle|ruolo|peran|vai\s+tr[oò]|descripci[oó]n|descri[cç][aã]o|"
    r"beschreibung|descrizione|beschrijving|deskripsi|a[cç][ıi]klama|m[oô]\s+t[aả]|"
    r"resultados?|r[ée]sultats?|ergebnis(?:se)?|risultati|resultaat|hasil|k[eế]t\s+qu[aả]|"
    r"periodo|per[ií]odo|p[ée]riode|zeitraum|durata|duur|durasi|th[oờ]i\s+gian|"
    r"enlace|lien|collegamento|tautan|d[ée]ploiement|despliegue|implanta[cç][aã]o|"
    r"back-?end|front-?end)\**\s*[:\-–]",
    re.IGNORECASE,
)
# a row of a form ("Time:              09/2023 - 01/2024", "My role: Backend developer"): detail
# of the item above, never an item's title
_FORM_ROW = re.compile(
    r"^\s*[-*•]?\s*\**(?:[A-Z][\w/&' -]{0,28}\**\s*:\s{2,}\S|(?:time|my\s+role|"
    r"responsibilit(?:y|ies)|achievements?|(?:my\s+)?contributions?|(?:key\s+)?features|client|"
    r"status|platform|course|supervisor|guide|grade|location|technolog(?:y|ies)\s+used)"
    r"\**\s*:)",
    re.IGNORECASE,
)
# "Project 1", "Projekt 2:", "Project #3": a counter over the item's own rows, not its name
_PLACEHOLDER = re.compile(
    r"^\s*[*_#]*\s*(?:project|projekt|proyecto|projet|projeto|progetto|proyek|projek|proje|"
    r"d[uự]\s+[aá]n)\s*"
    r"(?:#|no\.?\s*)?\d{1,2}\s*[.:)]?[*_]*\s*$",
    re.IGNORECASE,
)
_TITLE_MARK = re.compile(r"^\s*(?:>>|»|▶|►|■|❖|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?)\s*")
# "Project: SlotBook", "Final Year Project: Brewline - ...", "Group Project (module): SeatSwap"
_LABELLED = re.compile(
    r"^\s*(?:[-*•]\s*)?[*_]*(?:(?:final[- ]year|group|capstone|mini|major|personal|academic|"
    r"college|course|semester|team|side|hobby|graduation|senior\s+design|degree)\s+)?"
    r"(?:(?:project|projekt|proyecto|projet|projeto|progetto|proyek|projek|proje|d[uự]\s+[aá]n)"
    r"(?:\s+name|\s+title)?|thesis|dissertation|capstone|afstudeerproject|"
    r"bachelorarbeit|masterarbeit|abschlussarbeit|tesis|tese|tcc|tesi|skripsi|tugas\s+akhir|"
    r"pfe|m[ée]moire|bitirme\s+projesi|do\s+an\s+tot\s+nghiep|praca\s+(?:in[żz]ynierska|"
    r"dyplomowa|licencjacka|magisterska)|proyecto\s+(?:fin\s+de\s+grado|final)|"
    r"trabajo\s+(?:fin\s+de\s+grado|de\s+grado))"
    r"\b(?:[^:\n]{0,60}:|\s+[-–—]\s+|\s{2,}(?=\S))"
    r"\s*(?P<name>\S.*)$",
    re.IGNORECASE,
)
_PROJECT_WORD = re.compile(r"proj|progetto|d[uự]\s+[aá]n", re.IGNORECASE)
# "- url-shortener — FastAPI + Redis, ..." : a short (often lower-case) name, a dash, a stack
_SLUG_BULLET = re.compile(
    r"^\s*[-*•]\s*(?P<name>[\w][\w.+-]*(?:\s[\w.+-]+){0,3})\s+(?:[—–|]|--?)\s+(?P<rest>.+)$"
)
_STACK_PAREN = re.compile(r"^[-*•]\s*[A-Z][^()]{1,60}\(([^)]*)\)")  # "- MediBook (Django): ..."
_SEPARATORS = re.compile(r"\s+[|–—]\s+|\s+-\s+|\s*:\s+|\s*\(|\s+—|,\s+(?:an?|the)\s", re.IGNORECASE)
_CLAIM = re.compile(
    r"\d[\d,.]*\s*(?:%|x\b|×|ms\b|s\b|sec|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"users?|customers?|students?|requests?|req/s|rps|records?|rows?|orders?|k\b|mb\b|gb\b|"
    r"lakh|downloads?|stars?|endpoints?|tests?|queries|items?|pages?|members?)",
    re.IGNORECASE,
)
_OWN = re.compile(
    r"\b(?:i|my)\b\s+(?:\w+\s+){0,2}?(?:built|designed|implemented|wrote|developed|created|made|"
    r"owned|led|set\s+up|added|deployed|integrated|optimi[sz]ed|refactored|configured|part|own)",
    re.IGNORECASE,
)
_TEAM = re.compile(r"\b(?:we|our\s+team|team\s+of\s+\d+|group\s+project|together)\b", re.IGNORECASE)
_OWN_IN_TEAM = re.compile(
    r"\b(?:i\s+owned|my\s+part|my\s+role|i\s+was\s+responsible|i\s+handled|i\s+led)\b",
    re.IGNORECASE,
)
_ACTION_START = re.compile(
    r"^(?:built|designed|implemented|wrote|developed|created|made|added|deployed|used|"
    r"integrated|optimi[sz]ed|reduced|improved|set\s+up|worked|led|owned)\b",
    re.IGNORECASE,
)


@dataclass
class Line:
    text: str
    start: int
    end: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Section:
    kind: str
    heading: str
    lines: list[Line] = field(default_factory=list)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(  # "January 2024 - May 2024", "2023 – present", "03/2023 - 05/2023"
    rf"^\s*(?:{_MONTH}\s+)?(?:\d{{1,2}}/)?\d{{4}}\s*(?:[-–—]|to)\s*"
    rf"(?:present|now|current|(?:{_MONTH}\s+)?(?:\d{{1,2}}/)?\d{{4}})\b",
    re.IGNORECASE,
)
_RUNNING_HEAD = re.compile(r"[-–|]\s*(?:resume|résumé|curriculum vitae|cv)\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*([=~^*#_-])\1{2,}\s*$")  # a heading's underline ("========")
_PAGE_MARK = re.compile(r"^\s*(?:page\s+)?\d{1,2}\s*(?:/|of)\s*\d{1,2}\s*$", re.IGNORECASE)


def _lines(text: str) -> list[Line]:
    """The text's lines; underlines, page numbers ("2/3", "Page 1 of 2") and running heads
    ("Omar Haddad - Resume") read as blank."""
    out: list[Line] = []
    position = 0
    for raw in text.split("\n"):
        running_head = len(raw) < 60 and _RUNNING_HEAD.search(raw)
        shown = "" if _RULE.match(raw) or _PAGE_MARK.match(raw) or running_head else raw
        out.append(Line(shown, position, position + len(raw)))
        position += len(raw) + 1
    return out


def heading_kind(line: str) -> tuple[str, str] | None:
    """('projects', 'Academic Projects') when the line is a section heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60:
        return None
    markdown = stripped.startswith("#")
    clean = stripped.lstrip("#").strip().strip("*_=~-:> ").strip()
    clean = re.sub(r"^[^\w(]+", "", clean)  # an emoji or symbol before the words: "🛠️ Builds"
    clean = re.sub(r"\s*\([^)]*\)\s*", " ", clean).strip()  # "PROJECTS (Academic + Personal)"
    clean = re.sub(r"\s+", " ", clean)
    lowered = _folded(clean)
    if lowered in _HEADING_OF:
        return _HEADING_OF[lowered], clean
    words = lowered.split()
    if 0 < len(words) <= 4 and (markdown or clean.isupper() or stripped.endswith(":")):
        for size in (3, 2, 1):
            head = " ".join(words[:size])
            if head in _HEADING_OF and _HEADING_OF[head] != "other":
                return _HEADING_OF[head], clean
            tail = " ".join(words[-size:])
            if tail in _HEADING_OF:
                return _HEADING_OF[tail], clean
        if clean.isupper() and clean.replace(" ", "").replace("&", "").isalpha():
            return "other", clean
    return None


_SIDE_HEADING = re.compile(r"^(?P<head>[A-Z][A-Z&/ ]{2,30}?)\s{2,}(?P<rest>\S.*)$")


def split_sections(text: str) -> list[Section]:
    sections = [Section("preamble", "")]
    for line in _lines(text):
        found = heading_kind(line.text)
        side = _SIDE_HEADING.match(line.text)
        side_found = heading_kind(side.group("head")) if side and not found else None
        if found and not _BULLET.match(line.text):
            sections.append(Section(found[0], found[1]))
        elif side and side_found:
            # "PROJECTS    (all on github.com/me)": a heading in the left margin, its first
            # line beside it
            sections.append(Section(side_found[0], side_found[1]))
            rest = side.start("rest")
            sections[-1].lines.append(Line(" " * rest + side.group("rest"), line.start, line.end))
        else:
            sections[-1].lines.append(line)
    return sections


_LATEX_COMMANDS = (
    (re.compile(r"\\(?:sub)*section\*?\{([^}]*)\}"), r"# \1"),
    (re.compile(r"\\(?:textbf|textit|emph|underline|texttt)\{([^}]*)\}"), r"\1"),
    (re.compile(r"\\href\{[^}]*\}\{([^}]*)\}"), r"\1"),
    (re.compile(r"\\(?:begin|end)\{[^}]*\}"), ""),
    (re.compile(r"\\(?:hfill|newline|vspace\{[^}]*\}|hspace\{[^}]*\})"), " "),
    (re.compile(r"\\([%&$#_])"), r"\1"),
    (re.compile(r"\\[,;:!]"), " "),
    (re.compile(r"\s--\s"), " – "),
)


def _delatex(text: str) -> str:
    """A CV exported as LaTeX source, as the plain text it would print (items as bullets)."""
    if "\\section{" not in text and "\\begin{itemize}" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        bullet = re.match(r"^(\s*)\\item\s*", line)
        if bullet:
            depth = len(bullet.group(1)) // 4
            line = "  " * depth + "- " + line[bullet.end() :]
        for pattern, replacement in _LATEX_COMMANDS:
            line = pattern.sub(replacement, line)
        lines.append(line.rstrip())
    return "\n".join(lines)


def _labelled_projects(section: Section) -> list[Project]:
    """Projects named with a label inside another section ("Final Year Project: Brewline")."""
    blocks: list[list[Line]] = []
    for line in section.lines:
        if _LABELLED.match(line.stripped):
            blocks.append([line])
        elif (
            blocks
            and blocks[-1]
            and line.stripped
            and (_BULLET.match(line.text) or _indent(line.text) > _indent(blocks[-1][0].text))
        ):
            blocks[-1].append(line)
        elif blocks and line.stripped:
            blocks.append([])  # the block ended; what follows belongs to the section
    projects = []
    for block in blocks:
        project = _project(block) if block else None
        label = _LABELLED.match(block[0].stripped) if block else None
        if project is None or label is None:
            continue
        named_project = bool(_PROJECT_WORD.search(label.group(0)[: label.start("name")]))
        built = named_project or technologies(_joined(block[1:]))
        if built:  # a thesis is a project when its own lines state what it was built with
            projects.append(project)
    return projects


_FREELANCE = re.compile(r"\b(?:freelance\w*|contract\w*|upwork|fiverr|client)\b", re.IGNORECASE)
_BUILT_NAME = re.compile(
    r"\b(?i:built|developed|created|made|delivered|shipped)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?P<name>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
)


def _freelance_projects(section: Section) -> list[Project]:
    """A named app built for a client, listed under Experience, is a project."""
    entries: list[list[Line]] = []
    for line in section.lines:
        heads = line.stripped and not _BULLET.match(line.text) and not line.text[:1].isspace()
        if heads and (
            not entries or not _BULLET.match(entries[-1][-1].text) or _FREELANCE.search(line.text)
        ):
            entries.append([line])
            continue
        if entries:
            entries[-1].append(line)
    projects = []
    for entry in entries:
        body = _joined(entry)
        if not _FREELANCE.search(_joined(entry[:2])):
            continue
        built = _BUILT_NAME.search(body)
        items = _client_items(entry[1:])
        if items:
            projects += items
        elif built and technologies(body):
            start, end = entry[0].start, entry[-1].end
            summary = _sentence_around(body, built.start())
            projects.append(
                _make_project(_short_name(built.group("name")), summary, body, start, end)
            )
    return projects


def _client_items(lines: list[Line]) -> list[Project]:
    """A freelance entry's bullets, one per client job, each a title line over indented
    lines that state its stack ("• "PriceWatch" – competitor price tracker (client in UK)"
    over "Python, Selenium, BeautifulSoup ..."). A bullet whose first line runs on into the
    next ("Smaller gigs: fixing broken Django migrations, moving ... to / static hosting")
    is not a title."""
    bullets = [i for i, line in enumerate(lines) if _BULLET.match(line.text)]
    if not bullets:
        return []
    depth = min(_indent(lines[i].text) for i in bullets)
    heads = [i for i in bullets if _indent(lines[i].text) == depth]
    projects = []
    for n, i in enumerate(heads):
        block = lines[i : heads[n + 1] if n + 1 < len(heads) else len(lines)]
        block = [line for line in block if line.stripped]
        detail = _joined(block[1:])
        runs_on = len(block) > 1 and block[1].stripped[:1].islower()
        if len(block) < 2 or runs_on or len(block[0].stripped) > 90 or not technologies(detail):
            continue
        project = _project(block)
        if project is not None:
            projects.append(project)
    return projects


NO_PROJECTS_NOTE = "no projects found: the interview uses the question bank's project questions"


def extract_profile(text: str) -> Profile:
    text = _delatex(text)
    sections = split_sections(text)
    headed = [s for s in sections if s.kind != "preamble"]
    notes: list[str] = []
    if _looks_like_readme(text, headed):
        return _readme_profile(text)
    projects: list[Project] = []
    for section in sections:
        if section.kind == "projects" and "hackathon" in section.heading.lower():
            # an event listed with no stack and no "Project:" label built nothing to ask about
            projects += [p for p in _projects_in(section) if p.stack]
        elif section.kind == "projects":
            projects += _projects_in(section)
        elif section.kind == "experience" and re.search(
            r"freelance|project", section.heading, re.I
        ):
            # freelance work that names what was built counts; internships and jobs do not
            projects += [p for p in _projects_in(section) if p.stack]
        elif section.kind == "experience":
            projects += _freelance_projects(section)
            projects += _labelled_projects(section)
        else:
            projects += _labelled_projects(section)
    skills: list[str] = []
    for section in sections:
        if section.kind == "skills":
            skills += [t for t in technologies(_joined(section.lines)) if t not in skills]
    if not any(s.kind == "skills" for s in sections):
        notes.append("no skills section found")
    if not projects:
        notes.append(NO_PROJECTS_NOTE)
    return Profile(
        kind="cv",
        projects=_dedupe(projects),
        skills=skills,
        education=_items(sections, "education", 4),
        experience=_experience_titles(sections),
        sections=[s.heading for s in headed],
        notes=notes,
    )


def _looks_like_readme(text: str, headed: list[Section]) -> bool:
    # "## Project structure" or "## Tech stack" head a README's sections too; a CV has an
    # education or experience section, or a projects section that is not a README's own
    if any(s.kind in ("education", "experience") for s in headed):
        return False
    if any(s.kind == "projects" and "structure" not in s.heading.lower() for s in headed):
        return False
    headings = [
        line.lstrip("#").strip().lower() for line in text.split("\n") if line.startswith("#")
    ]
    return bool(text.lstrip().startswith("#")) and any(
        h.split(" ")[0] in README_HEADINGS or h in README_HEADINGS for h in headings
    )


def _readme_profile(text: str) -> Profile:
    first = next(line for line in text.split("\n") if line.strip().startswith("#"))
    name = re.sub(r"!\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\([^)]*\)", "", first.lstrip("#")).strip()
    body = text[text.index(first) + len(first) :]
    summary = next(
        (
            line.strip()
            for line in body.split("\n")
            if len(line.strip()) > 20 and not line.strip().startswith(("#", "!", "[", "`", "|"))
        ),
        "",
    )
    project = _make_project(_short_name(name) or "this project", summary, text, 0, len(text))
    return Profile(
        kind="readme", projects=[project], sections=[], notes=["read as a project README"]
    )


def _joined(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)


def _is_title(line: Line, previous: Line | None, following: Line | None) -> bool:
    text = line.stripped
    if _LABELLED.match(text) or _slug_title(line.text):
        return True
    if not text or _FIELD_LINE.match(text) or _FORM_ROW.match(text):
        return False
    if text.startswith(("©", "(c) ")):
        return False
    if _stack_line(text):
        return False
    wrapped = line.text[:1].isspace() or text.startswith("(")
    sibling = (  # " 2. bilhete — ..." under " 1. feira-api — ...": the next item of one list
        previous is not None
        and bool(_BULLET.match(line.text))
        and _indent(line.text) == _indent(previous.text)
    )
    if wrapped and previous is not None and _BULLET.match(previous.text) and not sibling:
        return False  # a bullet's wrapped second line
    if (
        _BULLET.match(line.text)
        and following is not None
        and (following.text[:1].isspace() or following.stripped.startswith("("))
        and not _BULLET.match(following.text)
        and _slug_title(f"{line.text} {following.stripped}")
    ):
        return True  # "* shortr -- URL shortener ...\n  (FastAPI, Redis)": a wrapped slug line
    if re.match(r"^[*_](?![*_\s])", text):
        return False  # an italic subtitle under a heading: "*Canteen backend · Django*"
    if text.startswith("#") or re.match(r"^\*\*[^*]+\*\*", text) or _NUMBERED.match(text):
        return True
    if _TITLE_MARK.match(text) and not line.text[:1].isspace():
        return True  # an indented mark is a bullet of the item above
    head, _, rest = _split_title(text)
    if rest and len(text) <= 160 and technologies(rest) and len(head.split()) <= 8:
        return not _BULLET.match(line.text) or bool(_STACK_PAREN.match(line.text))
    if text.startswith("|"):
        return False
    if _BULLET.match(line.text):
        # a top-level bullet with indented sub-bullets under it heads an item, and so does
        # one over its own "Tech: ..." row ("- Jeepney Route Finder" over "Tech: FastAPI")
        return (
            not line.text[:1].isspace()
            and following is not None
            and (
                (following.text[:1].isspace() and bool(_BULLET.match(following.text)))
                or (
                    not _BULLET.match(following.text)
                    and bool(_FIELD_LINE.match(following.stripped))
                    and len(text.split()) <= 8
                )
            )
        )
    starts_block = previous is None or not previous.stripped or bool(_BULLET.match(previous.text))
    followed_by_detail = following is not None and (
        bool(_BULLET.match(following.text)) or bool(_FIELD_LINE.match(following.stripped))
    )
    short = len(text) <= 90 and not text.endswith(".")
    followed_by_field = following is not None and bool(
        _FIELD_LINE.match(following.stripped)
        or _FORM_ROW.match(following.stripped)
        or _DATE_LINE.match(following.stripped)
    )  # "Kain Tayo" over "March 2022 - May 2022" (a LinkedIn export)
    followed_by_stack = following is not None and _stack_line(following.stripped)
    # a bare name after a list, over the sentence that says what it is ("Hava Durumu Botu"
    # over "Python ile yazılmış Discord botu; ...")
    bare_name = (
        len(text.split()) <= 4
        and not re.search(r"[.,;:!?]", text)
        and following is not None
        and not _BULLET.match(following.text)
        and len(following.stripped) >= 2 * len(text) + 20
        and bool(technologies(following.stripped))
    )
    return short and (
        (starts_block and (followed_by_detail or bool(_SEPARATORS.search(text))))
        or (
            starts_block and (followed_by_stack or bare_name)
        )  # "Ferry Ticket API      2024" over "Django, DRF"
        # "Hostel Allocation API (group project)" over "Tech Stack: ...", unless the line is
        # the wrapped end of a stack ("PostgreSQL, Kubernetes")
        or (followed_by_field and not _stack_only(text))
    )


_STACK_ITEM_SPLIT = re.compile(r"\s*(?:[,/+|&·•;]|\band\b|\s[-–—]\s)\s*")


def _stack_line(text: str) -> bool:
    """A line listing a stack ("Python, FastAPI, PostgreSQL (PostGIS), Celery", "FastAPI ·
    Mongo (Motor) · JWT auth"): it opens with a bare technology name and at least half of
    its items name one. A stack line is detail under a title, never a title itself."""
    bare = re.sub(r"\([^)]*\)", "", _unbullet(text)).strip(" *_`")
    items = [i.strip(" *_`") for i in _STACK_ITEM_SPLIT.split(bare) if i.strip(" *_`")]
    if len(items) < 2 or not _only_technology(items[0]):
        return False
    return 2 * sum(bool(technologies(i)) for i in items) >= len(items)


def _only_technology(item: str) -> bool:
    """'Python 3.11', 'Django REST Framework': a technology's name and nothing else (not
    'k8s-playground', not 'Flask Blog')."""
    rest = item
    for mention in reversed(mentions(item)):
        rest = rest[: mention.start] + rest[mention.end :]
    rest = re.sub(r"\bv?\d[\d.x]*\b", "", rest)  # a version: "Python 3.11", "Pydantic v2"
    return rest != item and not re.search(r"[^\W\d_]", rest)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _stack_only(text: str) -> bool:
    items = [i for i in re.split(r"[,/+|&]", text) if i.strip()]
    return bool(items) and all(technologies(i) for i in items)


def _projects_in(section: Section) -> list[Project]:
    lines = [line for line in section.lines if not _PLACEHOLDER.match(line.text)]
    table = [line for line in lines if line.stripped.startswith("|")]
    if len(table) >= 3:
        return _table_projects(table)
    piped = [line for line in lines if line.stripped.count(" | ") >= 2]
    if len(piped) >= 2 and piped[0].stripped.split(" | ")[0].lower() in TABLE_HEADS:
        return _table_projects(piped)  # a Word table: "Project | Stack | Description"
    titles = [
        _is_title(
            line, lines[i - 1] if i else None, next((x for x in lines[i + 1 :] if x.stripped), None)
        )
        for i, line in enumerate(lines)
    ]
    events: set[int] = set()  # an event's line over the project it produced: not part of it
    for i, line in enumerate(lines):  # "All on github.com/me:" introduces the titles below it
        following = next((j for j in range(i + 1, len(lines)) if lines[j].stripped), None)
        if (
            titles[i]
            and not _LABELLED.match(line.stripped)
            and following is not None
            and _LABELLED.match(lines[following].stripped)
        ):
            titles[i] = False  # "**Hack Day 2022 - Winner**" over "Project: PillPal - ..."
            events.add(i)
            continue
        if (
            titles[i]
            and line.stripped.endswith(":")
            and following is not None
            and titles[following]
        ):
            titles[i] = False
    headed = [t and lines[i].stripped.startswith("#") for i, t in enumerate(titles)]
    if any(headed):  # Markdown headings name the items; lines under them are their detail
        titles = [h or bool(_LABELLED.match(lines[i].stripped)) for i, h in enumerate(headed)]
    if not any(titles):  # a list of one bullet per project ("- MediBook (Django): ...")
        titles = [
            bool(_BULLET.match(line.text)) and not line.text.startswith((" ", "\t"))
            for line in lines
        ]
    blocks: list[list[Line]] = []
    for i, line in enumerate(lines):
        previous = lines[i - 1] if i else None
        if i in events:
            continue
        if titles[i]:
            blocks.append([line])
        elif line.stripped:
            new_paragraph = (
                previous is not None
                and (
                    not previous.stripped
                    # a paragraph starting right under the last paragraph's final sentence
                    or (
                        previous.stripped.endswith(".")
                        and line.stripped[:1].isupper()
                        and bool(blocks)
                        and _is_prose(blocks[-1][0])
                    )
                )
            )
            if not blocks or (new_paragraph and _is_prose(line) and not any(headed)):
                blocks.append([line])  # a paragraph of prose starts its own item
            else:
                blocks[-1].append(line)
    return [p for p in (_project(block) for block in blocks) if p is not None]


def _is_prose(line: Line) -> bool:
    return len(line.stripped) > 90 and not _BULLET.match(line.text)


def _table_projects(rows: list[Line]) -> list[Project]:
    projects = []
    for row in rows:
        cells = [c.strip() for c in row.stripped.strip("|").split("|")]
        if not cells or set("".join(cells)) <= set("-: "):
            continue
        if cells[0].lower() in TABLE_HEADS:
            continue
        name = _short_name(cells[0].strip("*_ "))
        if not name:
            continue
        body = " | ".join(cells)
        projects.append(_make_project(name, " ".join(cells[1:]), body, row.start, row.end))
    return projects


def _project(block: list[Line]) -> Project | None:
    title = block[0].stripped
    if len(block) == 1 and title.endswith(":") and not technologies(title):
        return None  # an introduction ("All on github.com/me:"), not an item
    body = _joined(block)
    wrapped = _slug_title(f"{block[0].text} {block[1].stripped}") if len(block) > 1 else ""
    name = _short_name(wrapped) if wrapped and not _slug_title(block[0].text) else _name_from(title)
    if not name:
        return None
    detail = [line.stripped for line in block[1:] if line.stripped]
    summary = next(
        (_unbullet(d) for d in detail if not _FIELD_LINE.match(d)),
        _after_name(title, name),
    )
    return _make_project(name, summary, body, block[0].start, block[-1].end)


def project_from_span(name: str, text: str, start: int, end: int) -> Project:
    """A project whose name and extent were found elsewhere (a model's reading of the CV):
    its stack, role and claims are read from its own text, as for any other project."""
    body = text[start:end]
    detail = [d.strip() for d in body.split("\n")[1:] if d.strip()]
    summary = next((_unbullet(d) for d in detail if not _FIELD_LINE.match(d)), "")
    return _make_project(_short_name(name), summary, body, start, end)


def _make_project(name: str, summary: str, body: str, start: int, end: int) -> Project:
    """A project from its own text: the stack, role and claims it states, and its span."""
    role, evidence = _role(body)
    return Project(
        name=name,
        summary=summary[:400],
        stack=technologies(body),
        role=role,
        role_evidence=evidence,
        claims=_claims(body),
        span=Span(start=start, end=end),
    )


def _split_title(text: str) -> tuple[str, str, str]:
    """'Todo API – FastAPI, SQLite – CRUD' -> ('Todo API', '–', 'FastAPI, SQLite – CRUD')."""
    body = _TITLE_MARK.sub("", _BULLET.sub("", text, count=1)).strip()
    match = _SEPARATORS.search(body)
    if not match:
        return body, "", ""
    return body[: match.start()], match.group(0), body[match.end() :]


def _slug_title(text: str) -> str:
    """The name of a "- url-shortener — FastAPI + Redis, ..." line, or ''."""
    slug = _SLUG_BULLET.match(text)
    if slug and technologies(slug.group("rest")) and not text.startswith((" ", "\t")):
        return slug.group("name")
    return ""


def _name_from(title: str) -> str:
    slug = _slug_title(title)
    if slug:
        return _short_name(slug)
    title = _MARKDOWN_LINK.sub(r"\1", title)
    labelled = _LABELLED.match(title)
    if labelled:
        title = labelled.group("name")
        quoted = re.match(r"^[«\"“]\s*([^»\"”]{3,80}?)\s*[»\"”]", title)
        if quoted:  # Thesis: « Détection d'anomalies ... », en partenariat avec ...
            return _short_name(quoted.group(1))
    text = _TITLE_MARK.sub("", _NUMBERED.sub("", title).lstrip("#").strip())
    text = _DATE_AT_RIGHT.sub("", text)
    text = _BULLET.sub("", text, count=1).strip() if _BULLET.match(text) else text
    bold = re.match(r"^\*\*([^*]+)\*\*", text)
    if bold:
        return _short_name(bold.group(1))
    text = text.strip("*_ ")
    head, separator, _ = _split_title(text)
    # a lower-case repository name before a dash: "feira-api — ...", "bilhete — ..."
    is_slug = bool(re.fullmatch(r"[a-z][\w.+-]*", head.strip())) and separator.strip() in _SLUG_ENDS
    if (
        separator
        and 0 < len(head.split()) <= 6
        and (head[:1].isupper() or title.lstrip().startswith("#") or is_slug)
        and not _ACTION_START.match(head)
    ):
        return _short_name(head)  # "MediBook (Django, DRF): ...", "Todo API – FastAPI"
    if len(text) > 90 or _ACTION_START.match(text):
        # prose: "a tool called pgsnap", "my main project is Ledgerly", "I built ShopEasy"
        called = re.search(r"\b(?:called|named)\s+[\"“']?([\w.-]+(?:\s+[A-Z][\w.-]*){0,2})", text)
        if called:
            return _short_name(called.group(1))
        project_is = re.search(
            r"\b(?:project|progetto|proyecto|projet|projeto|projekt)\b[^.]{0,30}?\s"
            r"(?:is|e'|è|es|est|é|ist)\s+([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})",
            text,
        )
        if project_is:
            return _short_name(project_is.group(1))
        named = re.search(
            r"\b(?:built|developed|created|made|wrote|designed|realizzato|sviluppato|creato|"
            r"desarroll[ée]|cre[ée]|constru[ií]|d[ée]velopp[ée]|r[ée]alis[ée]|cr[ée]{2}|"
            r"entwickelt|gebaut|desenvolvi|criei|constru[ií]|membuat|mengembangkan|"
            r"geli[sş]tirdim|ontwikkeld|gebouwd)\s+(?:a|an|the|un|una|une|uno|um|uma|ein|eine|"
            r"einen|een)?\s*"
            r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})",
            text,
        )
        if named:
            return _short_name(named.group(1))
        quoted = re.search(r"[\"“']([^\"”']{3,40})[\"”']", text)
        if quoted:
            return _short_name(quoted.group(1))
        if len(text) > 90:
            return ""  # a paragraph that names no project (an internship, a summary)
    head = _SEPARATORS.split(text, maxsplit=1)[0]
    return _short_name(head)


_SLUG_ENDS = ("|", "–", "—", "-", "(")
_DATE_AT_RIGHT = re.compile(
    r"\s{3,}[^\s].{0,25}\b(?:19|20)\d{2}\b.{0,12}$|\s{3,}(?:19|20)\d{2}\S*$"
)


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _short_name(text: str) -> str:
    text = _MARKDOWN_LINK.sub(r"\1", text)  # "[kazi-queue](https://github.com/...)"
    words = re.sub(r"\s+", " ", text.strip(" *_#:-–—|\"“”'")).split(" ")
    return " ".join(words[:8]).strip(" ,.;:")[:120]


def _after_name(title: str, name: str) -> str:
    index = title.find(name)
    rest = title[index + len(name) :] if index >= 0 else title
    return rest.strip(" *_|:–—-,(")


def _unbullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


Role = Literal["own", "team", "unclear"]


def _role(text: str) -> tuple[Role, str]:
    own_in_team = _OWN_IN_TEAM.search(text)
    if own_in_team:
        return "own", _sentence_around(text, own_in_team.start())
    own = _OWN.search(text)
    team = _TEAM.search(text)
    if own and not team:
        return "own", _sentence_around(text, own.start())
    if team and not own:
        return "team", _sentence_around(text, team.start())
    if own and team:
        return "own", _sentence_around(text, own.start())
    return "unclear", ""


def _sentence_around(text: str, index: int) -> str:
    start = max(text.rfind("\n", 0, index), text.rfind(". ", 0, index) + 1, 0)
    ends = [e for e in (text.find("\n", index), text.find(". ", index)) if e != -1]
    end = min(ends) if ends else len(text)
    return _unbullet(text[start:end].strip())[:300]


def _claims(text: str) -> list[str]:
    claims: list[str] = []
    for piece in re.split(r"\n|(?<=[.;])\s+", text):
        piece = _unbullet(piece.strip())
        claim = piece.rstrip(".")
        if _CLAIM.search(piece) and not _FIELD_LINE.match(piece) and len(piece) < 300:
            claims += [claim] if claim not in claims else []
    return claims[:6]


def _items(sections: list[Section], kind: str, limit: int) -> list[str]:
    items: list[str] = []
    for section in sections:
        if section.kind == kind:
            items += [_unbullet(line.stripped) for line in section.lines if line.stripped]
    return items[:limit]


def _experience_titles(sections: list[Section]) -> list[str]:
    titles: list[str] = []
    for section in sections:
        if section.kind != "experience":
            continue
        lines = section.lines
        for i, line in enumerate(lines):
            previous = lines[i - 1] if i else None
            following = next((x for x in lines[i + 1 :] if x.stripped), None)
            if _is_title(line, previous, following) or (
                line.stripped
                and (previous is None or not previous.stripped)
                and not _BULLET.match(line.text)
            ):
                titles.append(_short_name(_NUMBERED.sub("", line.stripped)))
    return titles[:10]


def _dedupe(projects: list[Project]) -> list[Project]:
    seen: set[str] = set()
    kept = []
    for project in projects:
        key = project.name.lower()
        if key not in seen:
            seen.add(key)
            kept.append(project)
    return kept[:15]
