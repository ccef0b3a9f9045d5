"""A coach's question banks: import (read, derive, validate, store, embed), publish, export.

A bank lives in the database, every import a new version; the published version of each
bank is added to the guide when the knowledge base is composed (`with_published_banks`),
so its questions are planned, selected, asked, scored and followed up like the guide's.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import yaml

from interviewer.banks.build import BuiltBank, Deriver, build_bank, check_bank_name, group_areas
from interviewer.banks.derive import WordRarity
from interviewer.banks.formats import BankFileError, detect_format, read_bank_bytes
from interviewer.errors import UserError
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Question
from interviewer.storage.records import BankVersion
from interviewer.storage.repository import BankNotFound, Repository


class BankImportError(UserError, ValueError):
    """The bank cannot be imported at all (no usable question, a reserved name)."""


@dataclass(frozen=True)
class ImportResult:
    built: BuiltBank
    version: int | None  # None: a dry run, or nothing could be imported
    published: bool
    source: str
    format: str
    seconds: float

    def summary(self) -> dict[str, Any]:
        return {
            "bank": self.built.name,
            "version": self.version,
            "published": self.published,
            "source": self.source,
            "format": self.format,
            "imported": len(self.built.questions),
            "problems": len(self.built.problems),
            "seconds": round(self.seconds, 3),
        }

    def question_lines(self) -> list[dict[str, Any]]:
        """Each imported question with its key points, as the coach reviews them."""
        return [
            {
                "line": b.line,
                "id": b.question.id,
                "question": b.question.question,
                "derived": b.derived,
                "key_points": [
                    {
                        "text": kp.text,
                        "keywords": kp.keywords,
                        "claims": [c.model_dump(exclude_defaults=True) for c in kp.claims],
                        "probe": kp.probe,
                    }
                    for kp in b.question.key_points
                ],
                "notes": b.notes,
            }
            for b in self.built.questions
        ]

    def problem_lines(self) -> list[dict[str, Any]]:
        return [
            {"line": p.line, "id": p.entry_id, "problem": p.message, "text": str(p)}
            for p in self.built.problems
        ]


def guide_rarity(kb: KnowledgeBase, extra: list[str]) -> WordRarity:
    """Word rarity over the guide's outlines and notes and the bank's own answers."""
    texts = [q.model_answer for q in kb.questions] + [t.notes for _, t in kb.topics()]
    return WordRarity.of(texts + extra)


def reserved_names(kb: KnowledgeBase) -> set[str]:
    """Names a bank may not take: the guide's areas and its id prefixes ("py", "dsa")."""
    return set(kb.areas) | {q.id.split(".")[0] for q in kb.questions}


def import_bank(
    repo: Repository,
    guide: KnowledgeBase,
    data: bytes,
    file_name: str,
    *,
    bank: str | None = None,
    title: str | None = None,
    actor: str,
    publish: bool = True,
    dry_run: bool = False,
    deriver: Deriver | None = None,
) -> ImportResult:
    """Read, derive and validate a bank file; unless a dry run, store it as a new version
    (published unless told otherwise). Bad entries are problems; the rest are imported."""
    started = time.perf_counter()
    fmt = detect_format(file_name)
    name = check_bank_name(bank or file_name.rsplit(".", 1)[0])
    if name in reserved_names(guide):
        raise BankImportError(
            f"bank name {name!r} is used by the guide's own questions; choose another (--bank)"
        )
    entries, problems = read_bank_bytes(data, file_name)
    rarity = guide_rarity(guide, [e.reference_answer for e in entries])
    guide_ids = frozenset(q.id for q in guide.questions)
    built = build_bank(name, title or name, entries, problems, rarity, guide_ids, deriver)
    version = None
    if built.questions and not dry_run:
        version = repo.add_bank_version(
            built.name,
            title=built.title,
            source_name=file_name,
            source_format=fmt,
            questions_json=built.questions_json(),
            question_count=len(built.questions),
            problems_json=built.problems_json(),
            actor=actor,
            publish=publish,
        )
    return ImportResult(
        built,
        version,
        publish and version is not None,
        file_name,
        fmt,
        time.perf_counter() - started,
    )


def stored_questions(version: BankVersion) -> list[Question]:
    return [Question.model_validate(q) for q in json.loads(version.questions_json)]


def with_published_banks(guide: KnowledgeBase, repo: Repository) -> KnowledgeBase:
    """The guide plus each bank's published version."""
    kb = guide
    for version in repo.bank_versions(published_only=True):
        areas = group_areas(version.title, stored_questions(version))
        kb = kb.with_areas(areas, f"{version.bank}@{version.version}")
    return kb


def find_version(repo: Repository, bank: str, version: int | None = None) -> BankVersion:
    """A bank's given version, or its published one (else its latest)."""
    versions = repo.bank_versions(check_bank_name(bank))
    if not versions:
        raise BankNotFound(f"no bank named {bank[:60]!r}; `interviewer bank list` shows them")
    if version is not None:
        for found in versions:
            if found.version == version:
                return found
        raise BankNotFound(f"bank {bank[:60]!r} has no version {version}")
    return next((v for v in versions if v.published), versions[-1])


def export_yaml(version: BankVersion) -> str:
    """The bank as a YAML file `bank import` reads back (key points as their text: the
    claims are derived again from them)."""
    questions = []
    for question in stored_questions(version):
        area = next((t[5:] for t in question.tags if t.startswith("area:")), None)
        entry: dict[str, Any] = {
            "id": question.id.split(".", 1)[1],
            "question": question.question,
            "reference_answer": question.model_answer,
            "area": area,
            "difficulty": question.difficulty.value,
            "type": question.type.value,
            "key_points": [kp.text for kp in question.key_points],
            "follow_ups": [f.question for f in question.follow_ups],
        }
        tags = [t for t in question.tags if not t.startswith("area:")]
        if tags:
            entry["tags"] = tags
        questions.append(entry)
    document = {"bank": version.bank, "title": version.title, "questions": questions}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


__all__ = [
    "BankFileError",
    "BankImportError",
    "ImportResult",
    "export_yaml",
    "find_version",
    "import_bank",
    "with_published_banks",
]
