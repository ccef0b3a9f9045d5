"""A model's reading of a CV, by line number: where each project is and what it is called.

The CV goes to the model as numbered lines, and the wire schema asks, for each project, its
name and its first and last line (integers from an enum the server's grammar enforces, so
a model cannot point outside the CV). The name must be written in those lines (a first
line miscounted by up to SNAP_LINES snaps to the nearest line that names it), or the reply
is re-asked with the error. Each project's stack, role and claims are then read from
its own lines by the offline reader, so the model decides where the projects are (what the
offline extractor finds hardest) and never contributes a technology the CV does not name.
Skills, education and experience come from the offline reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from interviewer.profile.extract import NO_PROJECTS_NOTE, extract_profile, project_from_span
from interviewer.profile.schema import Profile, Project

MAX_LINES = 300  # numbered lines shown to the model; the rest is said in the notes
MAX_PROJECTS = 10
SNAP_LINES = 8  # how far a miscounted first line may be from the line that names the project


@dataclass(frozen=True)
class NumberedLines:
    """The CV's non-blank lines, numbered from 1, each with its span in the text."""

    text: str
    spans: tuple[tuple[int, int], ...]

    @property
    def rendered(self) -> str:
        return "\n".join(f"{n}| {self.text[s:e]}" for n, (s, e) in enumerate(self.spans, 1))

    def span(self, first: Any, last: Any, where: str) -> tuple[int, int]:
        for value in (first, last):
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(f"{where}: line numbers are integers, got {value!r}")
            if not 1 <= value <= len(self.spans):
                raise ValueError(
                    f"{where}: line {value} does not exist (the CV has lines 1..{len(self.spans)})"
                )
        if first > last:
            raise ValueError(f"{where}: first_line {first} is after last_line {last}")
        return self.spans[first - 1][0], self.spans[last - 1][1]

    def nearest_naming(self, name: str, around: int) -> int | None:
        """The number of the line nearest `around` (within SNAP_LINES) that writes `name`."""
        wanted = _fold(name)
        found = [
            n
            for n, (s, e) in enumerate(self.spans, 1)
            if abs(n - around) <= SNAP_LINES and wanted in _fold(self.text[s:e])
        ]
        return min(found, key=lambda n: (abs(n - around), n)) if found else None

    def line_of(self, offset: int) -> int:
        """The number of the line holding `offset` (or the next line after a blank)."""
        for n, (_, end) in enumerate(self.spans, 1):
            if offset <= end:
                return n
        return len(self.spans)


def number_lines(text: str) -> NumberedLines:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    return NumberedLines(text, tuple(spans[:MAX_LINES]))


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[*_`#|]+", " ", text).lower().split())


@dataclass(frozen=True)
class ProfileForm:
    """The wire schema of a CV reading, and how a reply becomes the one Profile schema."""

    name: str
    schema: dict[str, Any]
    numbered: NumberedLines
    offline: Profile  # the offline reading: skills, education, experience, notes

    def to_canonical(self, reply: dict[str, Any]) -> dict[str, Any]:
        numbered, offline = self.numbered, self.offline
        given = reply.get("projects") if isinstance(reply, dict) else None
        if not isinstance(given, list):
            raise ValueError("'projects' must be a list")
        projects: list[Project] = []
        for n, item in enumerate(given[:MAX_PROJECTS], start=1):
            if not isinstance(item, dict):
                raise ValueError(f"projects[{n}] must be an object")
            name = str(item.get("name", "")).strip()
            first, last = item.get("first_line"), item.get("last_line")
            start, end = numbered.span(first, last, name)
            if not name or _fold(name) not in _fold(numbered.text[start:end]):
                # A small model copies the name but miscounts lines: the entry starts at the
                # nearest line that writes the name, if one is close; else it is re-asked.
                near = numbered.nearest_naming(name, cast(int, first)) if name else None
                if near is None:
                    raise ValueError(
                        f"projects[{n}]: the name {name!r} is not written in lines "
                        f"{first}..{last} (nor within {SNAP_LINES} lines of them)"
                    )
                start, end = numbered.span(near, max(near, cast(int, last)), name)
            project = project_from_span(name, numbered.text, start, end)
            if project.name.lower() not in {p.name.lower() for p in projects}:
                projects.append(project)
        notes = [n for n in offline.notes if n != NO_PROJECTS_NOTE]
        if len(numbered.spans) == MAX_LINES and numbered.spans[-1][1] < len(numbered.text.rstrip()):
            notes.append(f"the model read the first {MAX_LINES} lines")
        if not projects:
            notes.append(NO_PROJECTS_NOTE)
        canonical = Profile(
            kind=offline.kind,
            projects=projects,
            skills=offline.skills,
            education=offline.education,
            experience=offline.experience,
            sections=offline.sections,
            notes=notes,
        )
        return canonical.model_dump(mode="json")


def profile_form(text: str) -> ProfileForm:
    numbered = number_lines(text)
    line = {"type": "integer", "enum": list(range(1, len(numbered.spans) + 1))}
    project = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "maxLength": 80},
            "first_line": line,
            "last_line": line,
        },
        "required": ["name", "first_line", "last_line"],
        "additionalProperties": False,
    }
    schema = {
        "type": "object",
        "properties": {"projects": {"type": "array", "items": project, "maxItems": MAX_PROJECTS}},
        "required": ["projects"],
        "additionalProperties": False,
    }
    return ProfileForm("ProfileReading", schema, numbered, extract_profile(text))


def cite_profile(profile: Profile, numbered: NumberedLines) -> dict[str, Any]:
    """A profile in the wire form (the scripted stand-in's replies)."""
    return {
        "projects": [
            {
                "name": p.name,
                "first_line": numbered.line_of(p.span.start),
                "last_line": numbered.line_of(max(p.span.start, p.span.end - 1)),
            }
            for p in profile.projects[:MAX_PROJECTS]
        ]
    }
