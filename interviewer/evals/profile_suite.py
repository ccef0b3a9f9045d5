"""Profile extraction against labelled CVs: projects and their technologies, precision and
recall. A project counts as found when an extracted name matches the label's (case and
punctuation aside, or one contains the other, or a fuzzy ratio of at least 80)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from interviewer.brains import Brain
from interviewer.evals.costs import call_metrics
from interviewer.llm.usage import LLMCall
from interviewer.profile.extract import extract_profile
from interviewer.profile.reader import DocumentError, read_document


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def same_project(a: str, b: str) -> bool:
    x, y = _norm(a), _norm(b)
    return bool(x and y) and (x == y or x in y or y in x or fuzz.ratio(x, y) >= 80)


def run_profiles(folder: Path, brain: Brain | None = None) -> dict[str, Any]:
    """Extraction figures on a labelled folder: the offline reader, or `brain`'s reading
    (a model's, with its validity and fallback rates)."""
    calls: list[LLMCall] = []
    seconds: list[float] = []
    fallbacks = 0
    labels = [
        json.loads(line)
        for line in (folder / "labels.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    found_projects = labelled_projects = matched_projects = 0
    tech_tp = tech_fp = tech_fn = 0
    no_project_right = no_project_total = 0
    details = []
    for label in labels:
        try:
            document = read_document((folder / label["file"]).read_bytes(), label["file"])
            started = time.perf_counter()
            profile = (
                brain.read_profile(document.text, calls)
                if brain
                else extract_profile(document.text)
            )
            seconds.append(time.perf_counter() - started)
            fallbacks += profile.extractor == "offline-fallback"
        except DocumentError as exc:
            details.append({"file": label["file"], "error": str(exc)})
            labelled_projects += len(label["projects"])
            continue
        extracted = profile.projects
        gold = label["projects"]
        found_projects += len(extracted)
        labelled_projects += len(gold)
        used: set[int] = set()
        misses = []
        for project in gold:
            match = next(
                (
                    i
                    for i, p in enumerate(extracted)
                    if i not in used and same_project(p.name, project["name"])
                ),
                None,
            )
            want = set(project["technologies"])
            if match is None:
                tech_fn += len(want)
                misses.append(project["name"])
                continue
            used.add(match)
            matched_projects += 1
            got = set(extracted[match].stack)
            tech_tp += len(got & want)
            tech_fp += len(got - want)
            tech_fn += len(want - got)
        for i, p in enumerate(extracted):
            if i not in used:
                tech_fp += len(p.stack)
        if not label["has_projects"]:
            no_project_total += 1
            no_project_right += not extracted
        details.append(
            {
                "file": label["file"],
                "read_as": document.kind,
                "extracted": [p.name for p in extracted],
                "missed": misses,
                "extra": [p.name for i, p in enumerate(extracted) if i not in used],
            }
        )
    return {
        "cvs": len(labels),
        "project_precision": round(matched_projects / found_projects, 3)
        if found_projects
        else None,
        "project_recall": round(matched_projects / labelled_projects, 3)
        if labelled_projects
        else None,
        "technology_precision": round(tech_tp / (tech_tp + tech_fp), 3)
        if tech_tp + tech_fp
        else None,
        "technology_recall": round(tech_tp / (tech_tp + tech_fn), 3) if tech_tp + tech_fn else None,
        "no_project_cvs_recognised": f"{no_project_right}/{no_project_total}",
        "details": details,
        **(
            {"llm": call_metrics(calls, len(labels), seconds, fallbacks, ("read_profile",))}
            if brain
            else {}
        ),
    }
