"""Turn knowledge entries and user-supplied files into chunks ready for the store.

A chunk's id is a hash of its content and metadata, so re-ingesting unchanged material
produces the same ids and the store can skip it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.errors import UserError
from interviewer.knowledge.chunking import chunk_text
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Question

EXTRA_SUFFIXES = {".md", ".markdown", ".txt", ".pdf"}
MAX_EXTRA_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Chunk:
    text: str
    source: str
    kind: str  # "question", "note" or "extra"
    metadata: dict[str, str | int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        payload = json.dumps([self.source, self.kind, self.text, self.metadata], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:32]

    def store_metadata(self) -> dict[str, str | int]:
        base: dict[str, str | int] = {
            "source": self.source,
            "kind": self.kind,
            "area": "",
            "type": "",
            "difficulty": "",
            "question_id": "",
            "entry_id": "",
        }
        base.update(self.metadata)
        return base


class ExtraFileError(UserError, ValueError):
    """A user-supplied file cannot be ingested; the message says why."""


def question_text(question: Question) -> str:
    """What is embedded for a question: the question and its key points.

    The model-answer outline is left out: it repeats the key points, and with it most
    question chunks ran past the embedder's 256-token window (and cost a third more to embed).
    """
    points = "; ".join(kp.text for kp in question.key_points)
    return f"{question.question}\nKey points: {points}"


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def knowledge_chunks(kb: KnowledgeBase, max_tokens: int, overlap: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    for area_name, area in kb.areas.items():
        source = kb.source_label(area_name)
        for question in area.questions:
            chunks.append(
                Chunk(
                    text=question_text(question),
                    source=source,
                    kind="question",
                    metadata={
                        "area": area_name,
                        "type": question.type.value,
                        "difficulty": question.difficulty.value,
                        "question_id": question.id,
                        "entry_id": question.id,
                    },
                )
            )
        for topic in area.topics:
            for index, piece in enumerate(chunk_text(topic.notes, max_tokens, overlap)):
                chunks.append(
                    Chunk(
                        text=f"{topic.title}\n\n{piece}",
                        source=source,
                        kind="note",
                        metadata={"area": area_name, "entry_id": topic.id, "part": index},
                    )
                )
    return chunks


def read_extra_file(path: Path) -> str:
    """Text of a Markdown, plain-text or PDF file; raises ExtraFileError on bad input."""
    if path.suffix.lower() not in EXTRA_SUFFIXES:
        raise ExtraFileError(
            f"{path}: unsupported file type (use {', '.join(sorted(EXTRA_SUFFIXES))})"
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtraFileError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > MAX_EXTRA_BYTES:
        raise ExtraFileError(f"{path}: larger than {MAX_EXTRA_BYTES // (1024 * 1024)} MB")
    try:
        if path.suffix.lower() == ".pdf":
            text = _pdf_text(path)
        else:
            text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExtraFileError(f"{path}: not valid UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise ExtraFileError(f"{path}: cannot read ({exc.strerror})") from exc
    text = text.replace("\x00", "")
    if not text.strip():
        raise ExtraFileError(f"{path}: empty (no text to ingest)")
    return text


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ExtraFileError(f"{path}: not a readable PDF ({exc})") from exc


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named directly, plus supported files found under named folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTRA_SUFFIXES
                )
            )
        else:
            found.append(path)
    return found


GENERAL_NOTES = "extra"  # the area of a note that names none: it may ground any question
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*\n", re.DOTALL)
_AREA_LINE = re.compile(r"^area:[ \t]*(?P<area>[a-z0-9][a-z0-9.-]*)[ \t]*$", re.MULTILINE)
_DROPPED_ELEMENTS = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def note_text(text: str, suffix: str) -> tuple[str, str | None]:
    """A note's text as it is embedded, and the area its front matter names (Markdown:
    `---` / `area: databases` / `---`). HTML in Markdown is reduced to its text: scripts,
    styles and comments dropped, tags removed, entities decoded."""
    if suffix.lower() not in (".md", ".markdown"):
        return text, None
    area = None
    front = _FRONT_MATTER.match(text)
    if front is not None:
        found = _AREA_LINE.search(front.group("body"))
        area = found.group("area") if found else None
        text = text[front.end() :]
    text = _DROPPED_ELEMENTS.sub(" ", _COMMENT.sub(" ", text))
    text = html.unescape(_TAG.sub(" ", text))
    return re.sub(r"[ \t]{2,}", " ", text), area


def extra_chunks(path: Path, max_tokens: int, overlap: int, area: str | None = None) -> list[Chunk]:
    """A coach's note in chunks, in the area its front matter (or `area`) names, else
    general; a note grounds and is cited beside the questions of its area."""
    raw = read_extra_file(path)
    text, named = note_text(raw, path.suffix)
    if not text.strip():
        raise ExtraFileError(f"{path}: no text left once its markup is removed")
    source = _relative(path)
    where = named or area or GENERAL_NOTES
    return [
        Chunk(text=piece, source=source, kind="extra", metadata={"area": where, "part": index})
        for index, piece in enumerate(chunk_text(text, max_tokens, overlap))
    ]
