"""Interview plans: which areas, how hard, how long, shifted by a job description.

The plan is a list of slots (area + difficulty + what to look for), fixed at the start
and stored with the session, so the candidate can see it and a resumed session follows
the same route.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from interviewer.errors import UserError
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.profile.questions import ProjectQuestion, project_questions
from interviewer.profile.schema import Profile

MAX_JOB_DESCRIPTION = 20_000
MINUTES_PER_QUESTION = 4
MAX_CODING = 3
MAX_PROJECT_SLOTS = 4
# Within one project the round opens with the walkthrough, then a stack question, then the
# CV's own claim, then a decision: what an interviewer digs into, in that order.
PROJECT_KIND_ORDER = {"walkthrough": 0, "stack": 1, "claim": 2, "decision": 3, "bank": 4}
DEFAULT_AREAS = (
    "core-python",
    "databases",
    "rest-apis",
    "frameworks",
    "behavioural",
    "projects",
    "dsa",
    "git",
    "docker",
    "deployment",
)

# Terms a job description may use, and the area (and search focus) each one pulls towards.
JOB_TERMS: dict[str, tuple[str, ...]] = {
    "frameworks": ("django", "flask", "fastapi", "drf", "django rest framework", "wsgi", "asgi"),
    "databases": (
        "postgresql",
        "postgres",
        "mysql",
        "sql",
        "mongodb",
        "orm",
        "sqlalchemy",
        "database",
        "redis",
    ),
    "rest-apis": ("rest", "api", "apis", "restful", "json", "http", "microservices", "graphql"),
    "docker": ("docker", "container", "containers", "compose", "kubernetes"),
    "deployment": (
        "aws",
        "gcp",
        "azure",
        "ci/cd",
        "cicd",
        "jenkins",
        "github actions",
        "deployment",
        "cloud",
        "heroku",
    ),
    "git": ("git", "github", "gitlab", "version control"),
    "dsa": ("algorithms", "data structures", "dsa", "problem solving", "problem-solving"),
    "core-python": ("python", "oop", "asyncio", "pytest", "unit testing", "multithreading"),
    "behavioural": ("team", "communication", "collaborat", "stakeholder", "ownership", "agile"),
}

Difficulty = Literal["easy", "medium", "hard", "mixed"]


class PlanSlot(BaseModel):
    area: str
    difficulty: str | None = Field(description="None means any difficulty.")
    focus: list[str] = Field(
        default_factory=list, description="Job-description terms to steer retrieval."
    )
    kind: Literal["question", "coding", "project"] = Field(
        default="question",
        description="A bank question, a coding exercise (dsa), or a question about the "
        "candidate's own project (from their CV).",
    )
    prompt: str | None = Field(default=None, description="Project slots: the question asked.")
    knowledge_id: str | None = Field(
        default=None, description="Project slots: the bank question that grounds and scores it."
    )
    project: str | None = Field(default=None, description="Project slots: the CV project.")
    technology: str | None = None
    probes: list[str] = Field(default_factory=list, description="Project slots: follow-ups.")


class InterviewPlan(BaseModel):
    areas: list[str]
    difficulty: Difficulty = "mixed"
    questions: int = Field(ge=1, le=43)
    minutes: int | None = None
    job_description: str | None = None
    focus: dict[str, list[str]] = Field(default_factory=dict)
    slots: list[PlanSlot]
    profile: Profile | None = Field(
        default=None, description="The candidate's CV profile, kept with this session only."
    )

    @field_validator("job_description")
    @classmethod
    def _bounded(cls, value: str | None) -> str | None:
        if value is not None and len(value) > MAX_JOB_DESCRIPTION:
            raise ValueError(f"job description is longer than {MAX_JOB_DESCRIPTION} characters")
        return value

    def describe(self) -> str:
        counts: dict[str, int] = {}
        for slot in self.slots:
            key = {"coding": "coding exercise", "project": "your projects"}.get(
                slot.kind, slot.area
            )
            counts[key] = counts.get(key, 0) + 1
        mix = ", ".join(f"{area} x{n}" for area, n in counts.items())
        focus = (
            "; focus: " + ", ".join(sorted({t for ts in self.focus.values() for t in ts}))
            if self.focus
            else ""
        )
        noun = "question" if self.questions == 1 else "questions"
        return f"{self.questions} {noun} ({self.difficulty}): {mix}{focus}"


class PlanError(UserError, ValueError):
    """The requested plan cannot be built; the message says why."""


def job_focus(job_description: str) -> dict[str, list[str]]:
    text = " " + re.sub(r"\s+", " ", job_description.lower()) + " "
    focus: dict[str, list[str]] = {}
    for area, terms in JOB_TERMS.items():
        found = [t for t in terms if re.search(rf"(?<![a-z]){re.escape(t)}", text)]
        if found:
            focus[area] = found
    return focus


def build_plan(
    kb: KnowledgeBase,
    *,
    areas: list[str] | None = None,
    difficulty: Difficulty = "mixed",
    questions: int | None = None,
    minutes: int | None = None,
    job_description: str | None = None,
    default_questions: int = 6,
    coding: int = 0,
    profile: Profile | None = None,
    project_slots: int = 2,
) -> InterviewPlan:
    """`coding` exercises are slots of their own, on top of the questions: after the
    warm-up, spread through the interview as an interviewer would."""
    chosen = [a for a in (areas or []) if a]
    unknown = [a for a in chosen if a not in kb.areas]
    if unknown:
        raise PlanError(f"unknown area(s): {', '.join(unknown)}; choose from {', '.join(kb.areas)}")
    if not chosen:
        chosen = [a for a in DEFAULT_AREAS if a in kb.areas] or list(kb.areas)
    if questions is None:
        questions = max(1, minutes // MINUTES_PER_QUESTION) if minutes else default_questions
    jd = (job_description or "").strip() or None
    if jd is not None and len(jd) > MAX_JOB_DESCRIPTION:
        raise PlanError(
            f"The job description is limited to {MAX_JOB_DESCRIPTION:,} characters "
            f"(it has {len(jd):,}); shorten it."
        )
    focus = job_focus(jd) if jd else {}

    # Weights: every chosen area 1; areas the job description names get more.
    weights = {a: 1.0 + 1.5 * len(focus.get(a, [])) for a in chosen}
    slots = _allocate(chosen, weights, questions, kb)
    levels = ["easy", "medium", "medium", "hard"]
    plan_slots = [
        PlanSlot(
            area=area,
            difficulty=None if difficulty == "mixed" else difficulty,
            focus=focus.get(area, []),
        )
        for area in slots
    ]
    if difficulty == "mixed":  # warm up, then harder
        for i, slot in enumerate(plan_slots):
            slot.difficulty = levels[
                min(i * len(levels) // max(len(plan_slots), 1), len(levels) - 1)
            ]
    if not 0 <= coding <= MAX_CODING:
        raise PlanError(f"coding exercises: choose 0 to {MAX_CODING} (asked for {coding})")
    for number in range(coding):
        at = min(len(plan_slots), 1 + (number + 1) * len(plan_slots) // (coding + 1))
        level = "easy" if difficulty in ("easy", "mixed") and number == 0 else difficulty
        plan_slots.insert(
            at,
            PlanSlot(
                area="dsa",
                difficulty="medium" if level in ("mixed", "hard") else level,
                focus=focus.get("dsa", []),
                kind="coding",
            ),
        )
    projects = _project_slots(profile, kb, jd, project_slots) if profile is not None else []
    for number, slot in enumerate(projects):
        plan_slots.insert(min(len(plan_slots), 1 + 2 * number), slot)
    return InterviewPlan(
        profile=profile,
        areas=chosen,
        difficulty=difficulty,
        questions=questions + coding + len(projects),
        minutes=minutes,
        job_description=jd,
        focus={a: t for a, t in focus.items() if a in chosen},
        slots=plan_slots,
    )


def _project_slots(
    profile: Profile, kb: KnowledgeBase, job: str | None, count: int
) -> list[PlanSlot]:
    """The project round: questions grounded in the CV's projects (the job's stack first)
    and in the knowledge base; a CV with no projects gets the bank's project questions."""
    if not 0 <= count <= MAX_PROJECT_SLOTS:
        raise PlanError(f"project questions: choose 0 to {MAX_PROJECT_SLOTS} (asked for {count})")
    known = {q.id for q in kb.questions}
    # Only questions the knowledge base can ground (and score) are asked.
    found = [
        q for q in project_questions(profile, kb, job=job, limit=12) if q.knowledge_id in known
    ]
    projects = list(dict.fromkeys(q.project for q in found))
    ordered = sorted(
        found,
        key=lambda q: (projects.index(q.project), PROJECT_KIND_ORDER.get(q.kind, 9)),
    )
    chosen: list[ProjectQuestion] = ordered[:count]
    slots = []
    for question in chosen:
        rest = [q.text for q in ordered if q.project == question.project and q not in chosen]
        slots.append(
            PlanSlot(
                area=kb.area_of(question.knowledge_id)
                if question.knowledge_id in {q.id for q in kb.questions}
                else "projects",
                difficulty=None,
                kind="project",
                prompt=question.text,
                knowledge_id=question.knowledge_id,
                project=question.project,
                technology=question.technology,
                probes=[*question.probes, *rest][:4],
            )
        )
    return slots


def _allocate(
    areas: list[str], weights: dict[str, float], total: int, kb: KnowledgeBase
) -> list[str]:
    """Spread `total` questions over areas by weight, interleaved, never beyond an area's bank."""
    counts = dict.fromkeys(areas, 0)
    capacity = {a: len(kb.areas[a].questions) for a in areas}
    for _ in range(total):
        open_areas = [a for a in areas if counts[a] < capacity[a]]
        if not open_areas:
            break
        area = min(open_areas, key=lambda a: (counts[a] + 1) / weights[a])
        counts[area] += 1
    # Interleave so the same area does not come twice in a row when avoidable.
    order: list[str] = []
    remaining = dict(counts)
    while any(remaining.values()):
        ranked = sorted(
            (a for a in areas if remaining[a]), key=lambda a: -remaining[a] / weights[a]
        )
        pick = next((a for a in ranked if not order or a != order[-1]), ranked[0])
        order.append(pick)
        remaining[pick] -= 1
    # Behavioural and project questions read best after a technical warm-up.
    technical_first = [a for a in order if a not in ("behavioural", "projects")]
    if order and order[0] in ("behavioural", "projects") and technical_first:
        order.remove(technical_first[0])
        order.insert(0, technical_first[0])
    return order
