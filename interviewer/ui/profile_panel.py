"""The CV step of the set-up panel: read a CV (uploaded or pasted), show what was found as a
table the candidate can correct, and turn the corrected table back into a profile.

The uploaded file is read once and deleted; only the extracted profile is kept, in the
server-side state of this browser session, and then with the interview it starts. What
the browser sends back is the candidate's own table, validated like any other input.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from interviewer.errors import UserError
from interviewer.profile.extract import extract_profile
from interviewer.profile.lexicon import technologies
from interviewer.profile.reader import MAX_BYTES, DocumentError, read_document
from interviewer.profile.schema import Profile, Project, Span

COLUMNS = ["project", "stack", "your role"]
ROLES = ("own", "team", "unclear")
MAX_PROJECTS = 10
MAX_PASTE = 40_000


class ProfileError(UserError):
    pass


def read_cv(
    path: str | None, pasted: str, read: Callable[[str], Profile] = extract_profile
) -> tuple[Profile, str]:
    """The profile of an uploaded file (deleted once read) or of pasted text, read by
    `read` (the brain's reader), and a line that says what was found and what was guessed."""
    if path:
        file = Path(path)
        try:
            if file.stat().st_size > MAX_BYTES:
                raise ProfileError(f"The file is larger than {MAX_BYTES // 1_048_576} MB.")
            data = file.read_bytes()
        finally:
            with contextlib.suppress(OSError):
                os.remove(file)  # parsed and deleted: the file is not kept
        name = file.name
    elif pasted.strip():
        if len(pasted) > MAX_PASTE:
            raise ProfileError(
                f"Paste at most {MAX_PASTE:,} characters (this has {len(pasted):,})."
            )
        data, name = pasted.encode("utf-8", "replace"), "pasted.md"
    else:
        raise ProfileError("Upload a CV or a README, or paste one, first.")
    try:
        document = read_document(data, name)
    except DocumentError as error:
        raise ProfileError(f"Could not read it: {error}.") from error
    profile = read(document.text)
    profile.notes = document.notes + profile.notes
    if profile.projects:
        found = ", ".join(p.name for p in profile.projects)
        line = f"Found {len(profile.projects)} project(s) in your {document.kind}: {found}."
    else:
        line = (
            "No projects found; the project questions will come from the question bank "
            "instead. Add a project to the table if the reader missed one."
        )
    if profile.extractor.startswith("llm"):
        line += f" Projects found by {profile.extractor.removeprefix('llm ').strip('()')}."
    if profile.notes:
        line += " Notes: " + "; ".join(profile.notes)
    return profile, line


def table(profile: Profile | None) -> pd.DataFrame:
    rows = [[p.name, ", ".join(p.stack), p.role] for p in (profile.projects if profile else [])]
    return pd.DataFrame(rows, columns=COLUMNS)


def corrected(profile: Profile | None, edited: Any) -> Profile | None:
    """The profile with the candidate's corrections from the table: names, stacks (known
    technologies only) and roles; a row added by hand becomes a project; a row emptied
    removes one."""
    if profile is None:
        return None
    frame = edited if isinstance(edited, pd.DataFrame) else pd.DataFrame(edited, columns=COLUMNS)
    if list(frame.columns) != COLUMNS:
        raise ProfileError("The project table has the wrong columns; read the CV again.")
    if len(frame) > MAX_PROJECTS:
        raise ProfileError(f"At most {MAX_PROJECTS} projects, please.")
    by_name = {p.name.lower(): p for p in profile.projects}
    projects = []
    for index, row in enumerate(frame.itertuples(index=False)):
        name = " ".join(str(row[0] or "").split())[:120]
        if not name:
            continue
        stack = technologies(str(row[1] or ""))
        role = str(row[2] or "unclear").strip().lower()
        if role not in ROLES:
            raise ProfileError(f"Row {index + 1}: role is one of {', '.join(ROLES)}.")
        original = by_name.get(name.lower())
        if original is None and index < len(profile.projects):
            original = profile.projects[index]  # the same row, renamed
        projects.append(
            Project(
                name=name,
                summary=original.summary if original else "",
                stack=stack,
                role=role,  # type: ignore[arg-type]
                role_evidence=original.role_evidence if original else "",
                claims=original.claims if original else [],
                span=original.span if original else Span(start=0, end=0),
            )
        )
    return profile.model_copy(update={"projects": projects})
