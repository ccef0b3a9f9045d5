"""Technologies a Python backend fresher's CV names, with the spellings people use.

Canonical names are what profiles, questions and eval labels use. Each has the knowledge
base tags (knowledge/*.yaml) whose questions ground a project question about it, so the
lexicon and the knowledge base meet in one table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Technology:
    name: str
    aliases: tuple[str, ...]  # regular-expression fragments, matched case-insensitively
    kb_tags: tuple[str, ...] = ()
    kind: str = "tool"  # "language", "framework", "database", "infra", "tool", "concept"


TECHNOLOGIES: tuple[Technology, ...] = (
    Technology("Python", (r"python(?:\s*3(?:\.\d+)?)?",), ("python",), "language"),
    Technology(
        "Django REST Framework",
        (r"django\s*rest\s*framework", r"drf"),
        ("drf", "django"),
        "framework",
    ),
    Technology("Django", (r"django(?!\s*rest)",), ("django",), "framework"),
    Technology("Flask", (r"flask",), ("flask",), "framework"),
    Technology("FastAPI", (r"fast\s?api",), ("fastapi", "asgi"), "framework"),
    Technology(
        "PostgreSQL",
        (r"postgre(?:s|sql)(?:ql)?", r"psql"),
        ("transactions", "postgresql", "indexes"),
        "database",
    ),
    Technology("MySQL", (r"my\s?sql",), ("transactions", "mysql", "indexes"), "database"),
    Technology("SQLite", (r"sqlite3?",), ("sql",), "database"),
    Technology("MongoDB", (r"mongo(?:db)?",), ("mongodb", "nosql"), "database"),
    Technology("Redis", (r"redis",), ("caching",), "database"),
    Technology("Celery", (r"celery",), ("concurrency",), "infra"),
    Technology("RabbitMQ", (r"rabbit\s?mq",), (), "infra"),
    Technology(
        "Docker Compose",
        (r"docker[\s-]*compose", r"compose\.ya?ml"),
        ("compose", "docker"),
        "infra",
    ),
    Technology(
        "Docker", (r"docker(?![\s-]*compose)", r"dockerfile"), ("docker", "dockerfile"), "infra"
    ),
    Technology("Kubernetes", (r"kubernetes", r"k8s"), ("deployment",), "infra"),
    Technology(
        "GitHub Actions",
        (r"git\s?hub\s+actions", r"gh\s+actions"),
        ("github-actions", "cicd"),
        "infra",
    ),
    Technology("Git", (r"git(?!\s?hub|lab)",), ("git",), "tool"),
    Technology("Jenkins", (r"jenkins",), ("cicd",), "infra"),
    Technology(
        "AWS",
        (r"aws", r"amazon\s+web\s+services", r"(?:amazon\s+)?ec2", r"(?:amazon\s+)?s3"),
        ("deployment",),
        "infra",
    ),
    Technology("Heroku", (r"heroku",), ("deployment",), "infra"),
    Technology(
        "Render", (r"(?-i:Render)(?!\s+(?:the|a|an)\b)", r"render\.com"), ("deployment",), "infra"
    ),
    Technology("Nginx", (r"nginx",), ("nginx", "serving"), "infra"),
    Technology("Gunicorn", (r"gunicorn",), ("gunicorn", "wsgi"), "infra"),
    Technology("pytest", (r"py[\s.-]?test",), ("testing",), "tool"),
    Technology("unittest", (r"unittest",), ("testing",), "tool"),
    Technology("SQLAlchemy", (r"sql\s?alchemy",), ("sqlalchemy", "orm"), "tool"),
    Technology("JWT", (r"jwt", r"json\s+web\s+tokens?"), ("jwt", "authentication"), "concept"),
    Technology("OAuth", (r"oauth\s?2?(?:\.0)?",), ("oauth2", "authentication"), "concept"),
    Technology(
        "REST",
        (r"(?-i:REST)(?:ful)?(?:\s+apis?)?(?!\s*framework)", r"restful", r"rest\s+apis?"),
        ("rest", "api-design", "http"),
        "concept",
    ),
    Technology("GraphQL", (r"graph\s?ql",), ("graphql",), "concept"),
    Technology("HTML", (r"html5?",), (), "language"),
    Technology("CSS", (r"css3?",), (), "language"),
    Technology("JavaScript", (r"java\s?script", r"js(?!on)"), (), "language"),
    Technology("React", (r"react(?:\.?js)?",), (), "framework"),
    Technology("pandas", (r"pandas",), (), "tool"),
    Technology("NumPy", (r"num\s?py",), (), "tool"),
    Technology("scikit-learn", (r"scikit[\s-]?learn", r"sklearn"), (), "tool"),
    Technology("Selenium", (r"selenium",), ("testing",), "tool"),
    Technology("BeautifulSoup", (r"beautiful\s?soup4?", r"bs4"), (), "tool"),
    Technology("Linux", (r"linux", r"ubuntu"), (), "tool"),
    Technology("Bash", (r"bash", r"shell\s+script(?:ing|s)?"), (), "tool"),
)
BY_NAME = {t.name: t for t in TECHNOLOGIES}
_PATTERNS = [
    (t, re.compile(r"(?<![\w.+#-])(?:" + "|".join(t.aliases) + r")(?![\w+#])", re.IGNORECASE))
    for t in TECHNOLOGIES
]


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int


def mentions(text: str) -> list[Mention]:
    """Every technology named in `text`, in order, with its character span."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for technology, pattern in _PATTERNS:  # longer names first where it matters (DRF, Compose)
        for match in pattern.finditer(text):
            span = (match.start(), match.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            found.append(Mention(technology.name, *span))
    return sorted(found, key=lambda m: m.start)


def technologies(text: str) -> list[str]:
    """Canonical names in first-mention order, each once."""
    seen: dict[str, None] = {}
    for mention in mentions(text):
        seen.setdefault(mention.name, None)
    return list(seen)
