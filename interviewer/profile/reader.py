"""A CV or README as plain text: sniffed by content (never by its name), bounded, explained.

PDF through pypdf, DOCX through python-docx, Markdown and text as UTF-8. Every refusal is a
`DocumentError` that says what was wrong with the file, in words a candidate can act on.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from interviewer.errors import UserError
from interviewer.profile.extract import heading_kind

MAX_BYTES = 5 * 1024 * 1024
MAX_PAGES = 6  # a fresher's CV is 1-2 pages; a thesis is not a CV
MAX_CHARS = 40_000
MIN_CHARS = 40


class DocumentError(UserError, ValueError):
    pass


@dataclass
class Document:
    text: str
    kind: str  # "pdf", "docx", "markdown", "text"
    notes: list[str] = field(default_factory=list)  # what was cut or approximated, said aloud


def read_document(data: bytes, name: str = "upload") -> Document:
    if not data.strip():
        raise DocumentError(f"{name} is empty")
    if len(data) > MAX_BYTES:
        raise DocumentError(
            f"{name} is {len(data) / 1_048_576:.1f} MB; the limit is {MAX_BYTES // 1_048_576} MB"
        )
    claimed = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if data.startswith(b"%PDF"):
        document = _pdf(data, name)
    elif data.startswith(b"PK\x03\x04"):
        document = _docx(data, name)
    else:
        if claimed in ("pdf", "docx", "doc"):
            raise DocumentError(
                f"{name} is named .{claimed} but is not a {claimed.upper()} file "
                "(its content is something else); export it again or paste the text"
            )
        document = _text(data, name, "markdown" if claimed in ("md", "markdown") else "text")
        document.text = _unflattened(document.text)
    text = document.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if len(text.strip()) < MIN_CHARS:
        raise DocumentError(f"{name} has almost no text ({len(text.strip())} characters)")
    if len(text) > MAX_CHARS:
        document.notes.append(f"only the first {MAX_CHARS:,} characters were read")
        text = text[:MAX_CHARS]
    document.text = text
    return document


def _pdf(data: bytes, name: str) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = reader.pages
        count = len(pages)
        texts = [_page_text(page) for page in list(pages)[:MAX_PAGES]]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise DocumentError(f"{name} could not be read as a PDF: {exc}") from exc
    notes = []
    if count > MAX_PAGES:
        notes.append(f"the document has {count} pages; only the first {MAX_PAGES} were read")
    text = "\n".join(texts)
    if len(text.strip()) < MIN_CHARS:
        raise DocumentError(
            f"{name} has no text layer (a scanned image?): export the CV as a text PDF, "
            "a DOCX, or paste it"
        )
    return Document(text, "pdf", notes)


def _page_text(page: Any) -> str:
    """A page's text; a two-column page (a sidebar beside the main column, as CV templates
    export) is read column by column instead of line by line across both."""
    layout = page.extract_text(extraction_mode="layout") or ""
    split = split_columns(layout)
    return split if split is not None else (page.extract_text() or "")


def split_columns(layout: str) -> str | None:
    """The left column, then the right one, when the page has two; else None."""
    columns = _columns(layout)
    return None if columns is None else "\n".join([*columns[0], "", *columns[1]])


def _columns(layout: str, gutter: int = 3, min_rows: int = 8) -> tuple[list[str], list[str]] | None:
    """The lines of the left column and of the right one, when a vertical gutter of spaces
    runs down the page at one position with text on both sides of it on at least `min_rows`
    lines; else None (one column)."""
    lines = [line.rstrip() for line in layout.split("\n")]
    width = max((len(line) for line in lines), default=0)
    best: tuple[int, int] | None = None
    for x in range(max(gutter, width // 5), width * 4 // 5):
        both = clear = crossing = 0
        for line in lines:
            if len(line) <= x:
                continue
            if line[x - gutter : x].strip():
                # text runs through the would-be gutter (a name or title above the columns
                # runs across the page and does not count)
                crossing += both > 0
                continue
            clear += 1
            if line[:x].strip() and line[x] != " ":
                both += 1
        fits = both >= min_rows and crossing <= 0.05 * (clear + crossing)
        if fits and (best is None or both > best[1]):
            best = (x, both)
    if best is None:
        return None
    x = best[0]
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        if len(line) > x and line[x - gutter : x].strip():
            left.append(line)  # a line through the gutter (a name across the page) stays whole
            right.append("")
        else:
            left.append(line[:x].strip())
            right.append(line[x:].strip())
    return left, right


def _unflattened(text: str) -> str:
    """A two-column page flattened to text (a PDF exported with its layout kept), read
    column by column when its right-hand column has section headings of its own; a
    label / value layout (Europass rows) has none there and stays as it is."""
    columns = _columns(text.replace("\t", "    "))
    if columns is None or not any(
        (heading_kind(line) or ("other", ""))[0] != "other" for line in columns[1]
    ):
        return text
    return "\n".join([*columns[0], "", *columns[1]])


def _docx(data: bytes, name: str) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise DocumentError(f"{name} is a zip archive, not a Word document")
    except zipfile.BadZipFile as exc:
        raise DocumentError(f"{name} is a damaged zip or DOCX file") from exc
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds on malformed parts
        raise DocumentError(f"{name} could not be read as a DOCX file: {exc}") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(document, block))
        elif tag == "tbl":
            for row in block.iter("{*}tr"):
                cells = [
                    "".join(t.text or "" for t in cell.iter("{*}t")).strip()
                    for cell in row.iter("{*}tc")
                ]
                lines.append(" | ".join(c for c in cells if c))
    return Document("\n".join(lines), "docx")


def _paragraph_text(document: object, element: object) -> str:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document)  # type: ignore[arg-type]
    text = paragraph.text
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith("heading") or style.lower() == "title":
        level = style.split()[-1] if style.split()[-1].isdigit() else "1"
        return "#" * min(int(level), 3) + " " + text
    if style.lower().startswith("list"):
        level = style.split()[-1] if style.split()[-1].isdigit() else "1"
        ilvl = element.find(".//{*}numPr/{*}ilvl")  # type: ignore[attr-defined]
        depth = int(ilvl.get(_W_VAL, "0")) if ilvl is not None else int(level) - 1
        return "  " * min(depth, 3) + "- " + text  # "List Bullet 2": a sub-bullet
    return text


_W_VAL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"


def _text(data: bytes, name: str, kind: str) -> Document:
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name} is a binary file, not text, PDF or DOCX")
    try:
        return Document(data.decode("utf-8"), kind)
    except UnicodeDecodeError:
        return Document(
            data.decode("latin-1"), kind, ["the file is not UTF-8; it was read as Latin-1"]
        )
