"""Load and validate the knowledge base from YAML files.

Errors name the file, the entry and what is wrong, because the people editing these
files are writers, not Python developers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from interviewer.errors import UserError
from interviewer.knowledge.schema import Area, Question, Topic

# libyaml's safe loader when PyYAML was built with it (parses the guide ~10x faster).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(UserError, ValueError):
    """A knowledge file is malformed; the message says where and why."""


class UnknownQuestion(UserError, KeyError):
    """No question has that id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown question"


@dataclass(frozen=True)
class KnowledgeBase:
    """The guide's areas, plus the areas of any published coach banks (`versions` names the
    bank version each of those came from: "bank@3")."""

    areas: dict[str, Area]
    sources: dict[str, Path] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    def with_areas(self, areas: list[Area], version: str) -> KnowledgeBase:
        """This knowledge base with a bank's areas added; ids must not clash."""
        known = {q.id for q in self.questions} | {t.id for _, t in self.topics()}
        for area in areas:
            if area.area in self.areas:
                raise KnowledgeError(f"{version}: area {area.area!r} is already defined")
            clash = sorted(known & {q.id for q in area.questions})
            if clash:
                raise KnowledgeError(f"{version}: question id {clash[0]!r} is already defined")
        added = {a.area: a for a in areas}
        return KnowledgeBase(
            areas={**self.areas, **added},
            sources=self.sources,
            versions={**self.versions, **dict.fromkeys(added, version)},
        )

    def bank_areas(self, bank: str) -> list[str]:
        """The areas a published coach bank added ("acme.dsa", "acme.general")."""
        return [a for a, v in self.versions.items() if v.split("@")[0] == bank]

    def version_of(self, question_id: str) -> str | None:
        """The bank version a question came from; None for the guide's own."""
        if not self.versions:
            return None
        for name in self.versions:
            if any(q.id == question_id for q in self.areas[name].questions):
                return self.versions[name]
        return None

    def source_label(self, area: str) -> str:
        """Where an area came from, stable wherever the app runs: "knowledge/dsa.yaml", or
        "bank:acme" for a coach's bank."""
        if area in self.versions:  # without the version: an unchanged question is not re-embedded
            return f"bank:{self.versions[area].split('@')[0]}"
        path = self.sources.get(area)
        return f"{path.parent.name}/{path.name}" if path else area

    @property
    def questions(self) -> list[Question]:
        return [q for area in self.areas.values() for q in area.questions]

    def question(self, question_id: str) -> Question:
        for area in self.areas.values():
            for q in area.questions:
                if q.id == question_id:
                    return q
        raise UnknownQuestion(
            f"no question with id {question_id[:100]!r} in the knowledge base; "
            "the ids are listed in the knowledge folder's YAML files"
        )

    def area_of(self, question_id: str) -> str:
        for name, area in self.areas.items():
            if any(q.id == question_id for q in area.questions):
                return name
        raise KeyError(f"no question with id {question_id!r}")

    def topics(self) -> Iterable[tuple[str, Topic]]:
        for name, area in self.areas.items():
            for topic in area.topics:
                yield name, topic


def _describe(error: ValidationError, data: object) -> str:
    lines = []
    for problem in error.errors():
        where = _entry_label(data, problem["loc"])
        lines.append(f"  {where}: {problem['msg']}")
    return "\n".join(lines)


def _entry_label(data: object, loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location into 'questions[3] (id py-gil) -> key_points'."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            label = f"[{step}]"
            if isinstance(node, dict) and "id" in node:
                label += f" (id {node['id']})"
            parts.append(label)
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "file"


# What the bundled guide promises beyond the schema (an imported bank may be sparser).
GUIDE_MIN_KEY_POINTS = 3
GUIDE_MIN_OUTLINE = 40


def _guide_rules(area: Area) -> list[str]:
    problems = [] if area.topics else ["topics: an area of the guide needs at least one topic"]
    for index, question in enumerate(area.questions):
        where = f"questions[{index}] (id {question.id})"
        if len(question.key_points) < GUIDE_MIN_KEY_POINTS:
            problems.append(
                f"{where}.key_points: the guide's questions need at least "
                f"{GUIDE_MIN_KEY_POINTS} key points, this one has {len(question.key_points)}"
            )
        if len(question.model_answer) < GUIDE_MIN_OUTLINE:
            problems.append(
                f"{where}.model_answer: the guide's outlines need at least "
                f"{GUIDE_MIN_OUTLINE} characters"
            )
    return problems


def load_area(path: Path) -> Area:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot read YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top level")
    try:
        area = Area.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(f"{path}: invalid knowledge file\n{_describe(exc, data)}") from exc
    problems = _guide_rules(area)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise KnowledgeError(f"{path}: invalid knowledge file\n{lines}")
    return area


def load_knowledge(directory: Path) -> KnowledgeBase:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise KnowledgeError(f"{directory}: no *.yaml knowledge files found")
    areas: dict[str, Area] = {}
    sources: dict[str, Path] = {}
    seen_ids: dict[str, Path] = {}
    for path in files:
        area = load_area(path)
        if area.area in areas:
            raise KnowledgeError(
                f"{path}: area {area.area!r} already defined in {sources[area.area]}"
            )
        for entry_id in [q.id for q in area.questions] + [t.id for t in area.topics]:
            if entry_id in seen_ids:
                raise KnowledgeError(
                    f"{path}: duplicate id {entry_id!r} (first defined in {seen_ids[entry_id]})"
                )
            seen_ids[entry_id] = path
        areas[area.area] = area
        sources[area.area] = path
    return KnowledgeBase(areas=areas, sources=sources)


def main() -> None:  # pragma: no cover - a tiny checker for writers
    import sys

    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "knowledge")
    try:
        kb = load_knowledge(directory)
    except KnowledgeError as exc:
        print(exc)
        raise SystemExit(1) from exc
    by_type: dict[str, int] = {}
    for q in kb.questions:
        by_type[q.type.value] = by_type.get(q.type.value, 0) + 1
    print(f"{len(kb.areas)} areas, {len(kb.questions)} questions, {by_type}")
    for name, area in kb.areas.items():
        print(f"  {name}: {len(area.topics)} topics, {len(area.questions)} questions")


if __name__ == "__main__":  # pragma: no cover
    main()
