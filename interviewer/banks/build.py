"""A coach's bank file's entries -> validated questions and areas in the guide's schema.

Every imported question becomes a `knowledge.schema.Question` (key points with keywords,
claims and probes, follow-ups), so it is selected, asked, scored and followed up exactly
like the guide's own. Ids are namespaced by the bank ("acme.two-sum") and areas too
("acme.dsa"), so a bank can never shadow the guide. A bad entry is one problem (line,
id, what is wrong, in words for a coach); the rest are built.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError

from interviewer.banks.derive import DerivedPoints, WordRarity, derive
from interviewer.banks.formats import Problem, RawEntry
from interviewer.knowledge.schema import ID_PATTERN, Area, Difficulty, Question, QuestionType

# A reader for entries without key points: (question, reference answer) -> points (a model).
Deriver = Callable[[str, str], DerivedPoints]

MAX_BANK_NAME = 40
DEFAULT_AREA = "general"
_DIFFICULTY = {
    "easy": "easy",
    "beginner": "easy",
    "basic": "easy",
    "1": "easy",
    "medium": "medium",
    "intermediate": "medium",
    "moderate": "medium",
    "2": "medium",
    "hard": "hard",
    "advanced": "hard",
    "difficult": "hard",
    "3": "hard",
}
_TYPE = {
    "technical": "technical",
    "tech": "technical",
    "coding": "technical",
    "conceptual": "conceptual",
    "concept": "conceptual",
    "theory": "conceptual",
    "behavioural": "behavioural",
    "behavioral": "behavioural",
    "hr": "behavioural",
    "project": "project",
}


class BankNameError(ValueError):
    """The bank name cannot be used; the message says why."""


@dataclass(frozen=True)
class BuiltQuestion:
    line: int
    question: Question
    notes: list[str]  # what the coach should check (derived key points, defaults taken)
    derived: bool  # key points came from the reference answer, not the file


@dataclass
class BuiltBank:
    name: str
    title: str
    questions: list[BuiltQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def areas(self) -> list[Area]:
        return group_areas(self.title, [b.question for b in self.questions])

    def questions_json(self) -> str:
        return json.dumps([b.question.model_dump(mode="json") for b in self.questions])

    def problems_json(self) -> str:
        return json.dumps(
            [{"line": p.line, "id": p.entry_id, "message": p.message} for p in self.problems]
        )


def group_areas(title: str, questions: list[Question]) -> list[Area]:
    """A bank's questions grouped by area, as knowledge areas ("acme.dsa")."""
    grouped: dict[str, list[Question]] = {}
    for question in questions:
        area = f"{question.id.split('.')[0]}.{_area_of(question)}"
        grouped.setdefault(area, []).append(question)
    return [
        Area(
            area=area,
            title=f"{title}: {area.split('.', 1)[1].replace('-', ' ')}",
            summary=f"Questions from the coach's bank {title!r}, "
            f"area {area.split('.', 1)[1]}: {len(members)} question(s).",
            topics=[],
            questions=members,
        )
        for area, members in grouped.items()
    ]


def _area_of(question: Question) -> str:
    """A bank question's area is kept in its first tag ("area:dsa")."""
    for tag in question.tags:
        if tag.startswith("area:"):
            return tag[5:]
    return DEFAULT_AREA


def check_bank_name(name: str) -> str:
    slug = slugify(name)
    if not slug or len(slug) > MAX_BANK_NAME:
        raise BankNameError(
            f"bank name {name[:60]!r} must be 1-{MAX_BANK_NAME} letters, digits or dashes"
        )
    return slug


def slugify(text: str, words: int = 0) -> str:
    """Lower-case words joined by '-' (the guide's id shape); `words` keeps only the first."""
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    if words:
        tokens = tokens[:words]
    return "-".join(tokens)


def build_bank(
    name: str,
    title: str,
    entries: list[RawEntry],
    problems: list[Problem],
    rarity: WordRarity | None = None,
    taken_ids: frozenset[str] = frozenset(),
    deriver: Deriver | None = None,
) -> BuiltBank:
    """Validated questions for the entries; one problem per entry that cannot be built."""
    bank = BuiltBank(name=check_bank_name(name), title=title.strip() or name, problems=[*problems])
    if rarity is None:
        rarity = WordRarity.of([e.reference_answer for e in entries])
    seen: dict[str, int] = {}
    for entry in entries:
        built = _build_one(bank.name, entry, rarity, seen, taken_ids, deriver)
        if isinstance(built, Problem):
            bank.problems.append(built)
        else:
            bank.questions.append(built)
    bank.problems.sort(key=lambda p: p.line)
    return bank


def _build_one(
    bank: str,
    entry: RawEntry,
    rarity: WordRarity,
    seen: dict[str, int],
    taken_ids: frozenset[str],
    deriver: Deriver | None = None,
) -> BuiltQuestion | Problem:
    def problem(message: str) -> Problem:
        return Problem(entry.line, entry.id, message)

    notes: list[str] = []
    local = slugify(entry.id) if entry.id else slugify(entry.question, words=6)
    if not local:
        return problem("the id has no letters or digits; give it a short name like 'two-sum'")
    question_id = f"{bank}.{local}"
    if question_id in seen:
        if entry.id:
            return problem(f"id {local!r} is used again; first at line {seen[question_id]}")
        number = 2
        while f"{question_id}-{number}" in seen:
            number += 1
        question_id = f"{question_id}-{number}"
    if question_id in taken_ids:
        return problem(f"id {question_id!r} is already used by the guide; rename it")
    if not ID_PATTERN.match(question_id):
        return problem(f"id {local!r} cannot be used; use lower-case words joined by '-'")
    seen[question_id] = entry.line

    difficulty = _DIFFICULTY.get((entry.difficulty or "medium").strip().lower())
    if difficulty is None:
        return problem(f"difficulty {entry.difficulty!r} is not one of easy, medium, hard")
    kind = _TYPE.get((entry.type or "technical").strip().lower())
    if kind is None:
        return problem(
            f"type {entry.type!r} is not one of technical, conceptual, behavioural, project"
        )
    if entry.difficulty is None:
        notes.append("no difficulty given: medium")
    area = slugify(entry.area or DEFAULT_AREA) or DEFAULT_AREA

    if deriver is not None and not entry.key_points:
        derived = deriver(entry.question, entry.reference_answer)
        if entry.follow_ups:
            follow_ups = derive(entry.question, entry.reference_answer, (), entry.follow_ups)
            derived = DerivedPoints(derived.key_points, follow_ups.follow_ups, derived.notes)
    else:
        derived = derive(
            entry.question, entry.reference_answer, entry.key_points, entry.follow_ups, rarity
        )
    notes += derived.notes
    tags = [f"area:{area}", *(slugify(t) for t in entry.tags if slugify(t))]
    try:
        question = Question(
            id=question_id,
            difficulty=Difficulty(difficulty),
            type=QuestionType(kind),
            question=entry.question,
            key_points=derived.key_points,
            follow_ups=derived.follow_ups,
            model_answer=entry.reference_answer,
            competency=area.replace("-", " ") if kind == "behavioural" else None,
            tags=tags,
        )
    except ValidationError as exc:
        reasons = "; ".join(_reason(e) for e in exc.errors())
        return problem(reasons)
    return BuiltQuestion(entry.line, question, notes, derived=not entry.key_points)


def _reason(error: object) -> str:
    assert isinstance(error, dict)
    where = ".".join(str(p) for p in error.get("loc", ()))
    message = str(error.get("msg", "invalid"))
    plain = {
        "question": "the question",
        "model_answer": "the reference answer",
        "key_points": "the key points",
        "follow_ups": "the follow-ups",
    }
    label = plain.get(where.split(".")[0], where or "the entry")
    return f"{label}: {message}"
