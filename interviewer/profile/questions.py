"""Project-round questions, grounded twice: in the candidate's project (its name, stack and
claims, with the span they came from) and in the knowledge base question for the technology
asked about (its id, key points and follow-ups score and probe the answer).

Nothing is asked about a technology the CV does not name, and no question repeats. With a
job description, the projects whose stack overlaps the job's come first. A profile with no
projects gets the bank's own project questions, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Question
from interviewer.profile.lexicon import BY_NAME, technologies
from interviewer.profile.schema import Profile, Project

ALTERNATIVES = {
    "framework": ("Flask", "Django", "FastAPI"),
    "database": ("PostgreSQL", "MySQL", "SQLite", "MongoDB"),
}
OWNERSHIP_PROBES = (
    "Which part of it did you write yourself, and which parts came from the team or a tutorial?",
    "What broke, and how did you find out?",
    "What would you change if you built it again?",
)


@dataclass(frozen=True)
class ProjectQuestion:
    text: str
    kind: str  # "walkthrough", "claim", "stack", "decision", "bank"
    project: str | None  # the project's name as written in the CV; None for bank questions
    technology: str | None
    knowledge_id: str  # the knowledge-base question that grounds (and scores) it
    probes: tuple[str, ...] = field(default_factory=tuple)


def rank_projects(profile: Profile, job: str | None) -> list[Project]:
    """Projects in the order the round asks about them: the job's stack first, then the
    richest (most stack and claims), keeping the CV's order on ties."""
    wanted = set(technologies(job or ""))

    def weight(item: tuple[int, Project]) -> tuple[int, int, int]:
        index, project = item
        return (
            -len(wanted & set(project.stack)),
            -(len(project.stack) + len(project.claims)),
            index,
        )

    return [p for _, p in sorted(enumerate(profile.projects), key=weight)]


def project_questions(
    profile: Profile, kb: KnowledgeBase, *, job: str | None = None, limit: int = 6
) -> list[ProjectQuestion]:
    if not profile.projects:
        return _bank_questions(kb, limit)
    questions: list[ProjectQuestion] = []
    used: set[str] = set()
    for project in rank_projects(profile, job)[:3]:
        for question in _for_project(project, kb, used, job):
            if question.text not in {q.text for q in questions}:
                questions.append(question)
                used.add(question.knowledge_id)
    return questions[:limit]


def _for_project(
    project: Project, kb: KnowledgeBase, used: set[str], job: str | None
) -> list[ProjectQuestion]:
    name = project.name
    out = [
        ProjectQuestion(
            f"Walk me through {name}: what problem does it solve, how is it put together"
            + (f" with {_list(project.stack[:3])}" if project.stack else "")
            + ", and which part did you build yourself?",
            "walkthrough",
            name,
            None,
            "proj.walkthrough",
            OWNERSHIP_PROBES,
        )
    ]
    if project.claims:
        claim = project.claims[0]
        out.append(
            ProjectQuestion(
                f'For {name} you wrote "{claim}". How did you measure that, what was it '
                "before, and what made the difference?",
                "claim",
                name,
                None,
                "proj.debugging-story" if "bug" in claim.lower() else "db.slow-query",
                ("What tool gave you the number?", "Would the result hold with 10 times the data?"),
            )
        )
    wanted = set(technologies(job or ""))
    ordered = sorted(project.stack, key=lambda t: (t not in wanted, project.stack.index(t)))
    for tech in ordered:
        grounded = _knowledge_for(tech, project, kb, used)
        if grounded is None:
            continue
        out.append(
            ProjectQuestion(
                f"Your {name} uses {tech}. {grounded.question}",
                "stack",
                name,
                tech,
                grounded.id,
                tuple(f.question for f in grounded.follow_ups[:2]),
            )
        )
        used.add(grounded.id)
        break
    decision = _decision(project)
    if decision is not None:
        out.append(decision)
    return out


def _knowledge_for(
    tech: str, project: Project, kb: KnowledgeBase, used: set[str]
) -> Question | None:
    technology = BY_NAME.get(tech)
    if technology is None or not technology.kb_tags:
        return None
    stack_tags = {tag for name in project.stack for tag in BY_NAME[name].kb_tags}
    best: tuple[int, Question] | None = None
    for question in kb.questions:
        if question.id in used or question.type.value == "behavioural":
            continue
        tags = set(question.tags)
        if not tags & set(technology.kb_tags):
            continue
        # prefer questions about this technology that also fit the rest of the stack, and
        # never one that names a technology the project does not use
        named = set(technologies(question.question))
        if named - set(project.stack) - {"Python", "REST"}:
            continue
        # the technology's own tags count by their order (its most telling tag first)
        fit = sum(
            len(technology.kb_tags) + 1 - rank
            for rank, tag in enumerate(technology.kb_tags)
            if tag in tags
        ) * 2 + len(tags & stack_tags)
        if best is None or fit > best[0]:
            best = (fit, question)
    return best[1] if best else None


def _decision(project: Project) -> ProjectQuestion | None:
    for tech in project.stack:
        kind = BY_NAME[tech].kind
        options = [o for o in ALTERNATIVES.get(kind, ()) if o != tech]
        if options:
            return ProjectQuestion(
                f"Why did you choose {tech} for {project.name} rather than {options[0]}? "
                "What would have been easier or harder?",
                "decision",
                project.name,
                tech,
                "proj.architecture-tradeoffs",
                ("What did you compare before deciding?",),
            )
    return None


def _bank_questions(kb: KnowledgeBase, limit: int) -> list[ProjectQuestion]:
    bank = [q for q in kb.questions if kb.area_of(q.id) == "projects" and q.type.value == "project"]
    return [
        ProjectQuestion(
            q.question, "bank", None, None, q.id, tuple(f.question for f in q.follow_ups[:2])
        )
        for q in bank[: min(limit, 3)]
    ]


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
