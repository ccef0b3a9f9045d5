"""Read a coach's question-bank file (CSV, JSON Lines, YAML or Markdown) into raw entries.

Coaches keep their questions in whatever shape suits them: a spreadsheet export, a JSON
Lines dump, a YAML list, or a Markdown page laid out like the public interview-question
collections (`## question`, answer below). This module turns such a file into `RawEntry`
records. Every entry it cannot use becomes one `Problem` that names its line and says what
to fix, and the good entries are kept; only a file that cannot be read at all (too big, not
UTF-8, unknown format, not a table or list) raises `BankFileError`.

Only the shape is checked here: the required text is present, lists hold text, sizes are
within limits, ids are unique. What the values mean (a known area, a valid difficulty) is
for the module that turns raw entries into questions.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from interviewer.errors import UserError

FORMATS = ("csv", "jsonl", "yaml", "markdown")
MAX_BANK_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_FIELD_CHARS = 8000

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
    ".markdown": "markdown",
}

_FIELDS = (
    "id",
    "question",
    "reference_answer",
    "area",
    "difficulty",
    "type",
    "key_points",
    "follow_ups",
    "tags",
)
_ALIASES = {
    "answer": "reference_answer",
    "model_answer": "reference_answer",
    "reference": "reference_answer",
    "prompt": "question",
    "keypoints": "key_points",
    "followups": "follow_ups",
}
_KNOWN_KEYS = (
    "id, question (or prompt), reference_answer (or answer, model_answer, reference), area, "
    "difficulty, type, key_points, follow_ups, tags"
)
_LABELS = {name: name.replace("_", " ") for name in _FIELDS} | {"follow_ups": "follow-ups"}
_ITEM_LABELS = {"key_points": "key point", "follow_ups": "follow-up", "tags": "tag"}
_YAML_TITLE_KEYS = frozenset({"bank", "name", "title"})
_NO_QUESTIONS = {
    "csv": "the CSV file has no rows below its header",
    "jsonl": "the file has no lines with questions; each line must be one JSON object",
    "yaml": "the YAML file lists no questions",
    "markdown": (
        "no '## ' headings were found; in a Markdown bank each question is a level-2 "
        "heading ('## What is the GIL?') with its answer below it"
    ),
}


class BankFileError(UserError, ValueError):
    """The whole file cannot be read (too big, wrong encoding, unknown format, not a
    table/list at all); the message says what."""


@dataclass(frozen=True)
class RawEntry:
    """One question as the file gives it, with text cleaned at the edges only."""

    line: int
    id: str | None
    question: str
    reference_answer: str
    area: str | None = None
    difficulty: str | None = None
    type: str | None = None
    key_points: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Why one entry (or one part of the file) was not used, addressed to the coach."""

    line: int
    entry_id: str | None
    message: str

    def __str__(self) -> str:
        where = (
            f"line {self.line}"
            if self.entry_id is None
            else f"line {self.line} (id {self.entry_id})"
        )
        return f"{where}: {self.message}"


@dataclass
class _Record:
    """One entry as a format reader found it: canonical keys, values not yet checked."""

    line: int
    values: dict[str, object] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


# A reader's result: the records it built, file-level problems, and how many entries the
# file holds. Past MAX_ENTRIES + 1 entries are only counted, not built into records.
_Read = tuple[list[_Record], list[Problem], int]


def _build_limit() -> int:
    return MAX_ENTRIES + 1


# --- public entry points -------------------------------------------------------------


def detect_format(name: str) -> str:
    """The bank format that the file name's suffix stands for."""
    fmt = _SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        accepted = ", ".join(_SUFFIXES)
        raise BankFileError(
            f"'{Path(name).name}' is not a question-bank file this coach can read; "
            f"the file name must end in one of: {accepted}"
        )
    return fmt


def read_bank_text(text: str, fmt: str) -> tuple[list[RawEntry], list[Problem]]:
    """The entries of a bank file's text in format `fmt`, and a problem per bad entry."""
    readers: dict[str, Callable[[str], _Read]] = {
        "csv": _read_csv,
        "jsonl": _read_jsonl,
        "yaml": _read_yaml,
        "markdown": _read_markdown,
    }
    reader = readers.get(fmt)
    if reader is None:
        raise BankFileError(f"unknown bank format {fmt!r}; use one of: {', '.join(FORMATS)}")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    records, problems, total = reader(text)
    if not total and not problems:
        raise BankFileError(_NO_QUESTIONS[fmt])
    return _finish(records, problems, total)


def read_bank_bytes(data: bytes, name: str) -> tuple[list[RawEntry], list[Problem]]:
    """Like `read_bank_text`, for an uploaded file's bytes; `name` gives the format."""
    fmt = detect_format(name)
    _check_size(len(data))
    return read_bank_text(_decode(data), fmt)


def read_bank_file(path: Path) -> tuple[list[RawEntry], list[Problem]]:
    """Like `read_bank_bytes`, for a file on disk; its size is checked before reading."""
    detect_format(path.name)
    try:
        _check_size(path.stat().st_size)
        with path.open("rb") as handle:
            data = handle.read(MAX_BANK_BYTES + 1)
    except OSError as exc:
        raise BankFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return read_bank_bytes(data, path.name)


def _check_size(size: int) -> None:
    if size > MAX_BANK_BYTES:
        raise BankFileError(
            f"the file is {size:,} bytes; a question bank may be at most "
            f"{MAX_BANK_BYTES:,} bytes ({MAX_BANK_BYTES / 1024 / 1024:.1f} MB)"
        )


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise BankFileError("the file is UTF-16 text; save it as UTF-8 and upload it again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BankFileError(
            f"the file is not UTF-8 text (line {line} has bytes that are not); "
            "save it as UTF-8 and upload it again"
        ) from exc


# --- shared: records to entries -----------------------------------------------------


def _canonical_key(key: str) -> str | None:
    name = re.sub(r"[\s-]+", "_", key.strip().lower())
    name = _ALIASES.get(name, name)
    return name if name in _FIELDS else None


def _record_from_mapping(line: int, mapping: Mapping[Any, object]) -> _Record:
    record = _Record(line)
    given_as: dict[str, str] = {}
    for raw_key, value in mapping.items():
        key = str(raw_key).strip()
        name = _canonical_key(key)
        if name is None:
            record.unknown.append(key)
        elif name in given_as:
            record.errors.append(
                f"'{given_as[name]}' and '{key}' both give the {_LABELS[name]}; keep one"
            )
        else:
            given_as[name] = key
            record.values[name] = value
    return record


def _quoted(names: list[str], most: int = 10) -> str:
    """Names for a message, each cut to a readable length, at most `most` of them."""
    shown = [f"'{name[:40]}…'" if len(name) > 40 else f"'{name}'" for name in names[:most]]
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(shown) + more


def _unknown_keys_problem(line: int, names: list[str], noun: str) -> Problem:
    listed = _quoted(names)
    one = len(names) == 1
    given, verb = (noun, "is") if one else (f"{noun}s", "are")
    return Problem(
        line,
        None,
        f"the {given} {listed} {verb} not known and {verb} ignored; the known {noun}s are: "
        f"{_KNOWN_KEYS}",
    )


def _finish(
    records: list[_Record], problems: list[Problem], total: int
) -> tuple[list[RawEntry], list[Problem]]:
    problems = list(problems)
    limit = MAX_ENTRIES
    if total > limit:
        first_dropped = records[limit]
        problems.append(
            Problem(
                first_dropped.line,
                _peek_id(first_dropped.values),
                f"{total - limit} more entries were not read: a bank holds at most "
                f"{limit} questions",
            )
        )
        records = records[:limit]
    problems.extend(_unknown_keys_problems(records))
    entries: list[RawEntry] = []
    first_line_of: dict[str, int] = {}
    for record in records:
        entry = _to_entry(record)
        if isinstance(entry, Problem):
            problems.append(entry)
        elif entry.id is not None and entry.id in first_line_of:
            problems.append(
                Problem(
                    entry.line,
                    entry.id,
                    f"id {entry.id} is used again; first at line {first_line_of[entry.id]}",
                )
            )
        else:
            if entry.id is not None:
                first_line_of[entry.id] = entry.line
            entries.append(entry)
    problems.sort(key=lambda problem: problem.line)
    return entries, problems


def _unknown_keys_problems(records: list[_Record]) -> list[Problem]:
    names: dict[str, None] = {}
    first_line = 0
    for record in records:
        if record.unknown and not names:
            first_line = record.line
        names.update(dict.fromkeys(record.unknown))
    return [_unknown_keys_problem(first_line, list(names), "key")] if names else []


def _peek_id(values: Mapping[str, object]) -> str | None:
    value = values.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text if 0 < len(text) <= MAX_FIELD_CHARS else None


def _to_entry(record: _Record) -> RawEntry | Problem:
    entry_id = _peek_id(record.values)
    if record.errors:
        return Problem(record.line, entry_id, "; ".join(record.errors))
    fields = _FieldReader(record.values)
    entry = RawEntry(
        line=record.line,
        id=fields.label("id"),
        question=fields.required_text("question"),
        reference_answer=fields.required_text("reference_answer"),
        area=fields.label("area"),
        difficulty=fields.label("difficulty"),
        type=fields.label("type"),
        key_points=fields.items("key_points"),
        follow_ups=fields.items("follow_ups"),
        tags=fields.items("tags"),
    )
    if fields.errors:
        return Problem(record.line, entry_id, "; ".join(fields.errors))
    return entry


def _clean_text(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    if value is None:
        return "empty value"
    return "text" if isinstance(value, str) else type(value).__name__


class _FieldReader:
    """Reads checked fields out of a record's values, collecting what is wrong."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values
        self.errors: list[str] = []

    def required_text(self, name: str) -> str:
        if name not in self.values:
            self.errors.append(f"there is no {_LABELS[name]}")
            return ""
        errors_before = len(self.errors)
        text = self._text(name)
        if not text and len(self.errors) == errors_before:
            self.errors.append(f"the {_LABELS[name]} is empty")
        return text

    def label(self, name: str) -> str | None:
        return self._text(name) or None

    def items(self, name: str) -> tuple[str, ...]:
        value = self.values.get(name)
        if value is None:
            return ()
        tags = name == "tags"
        if isinstance(value, str):
            pieces = re.split(r"[|\n,]" if tags else r"[|\n]", value)
        elif isinstance(value, list | tuple):
            listed = self._list_pieces(name, value)
            pieces = [part for item in listed for part in (item.split(",") if tags else [item])]
        else:
            self.errors.append(
                f"the {_LABELS[name]} should be text or a list of text, not a {_kind(value)}"
            )
            return ()
        items = [_clean_text(piece) for piece in pieces]
        return tuple(item for item in items if item and self._fits(_ITEM_LABELS[name], item))

    def _list_pieces(self, name: str, value: list[object] | tuple[object, ...]) -> list[str]:
        pieces: list[str] = []
        for number, item in enumerate(value, start=1):
            if isinstance(item, str):
                pieces.append(item)
            elif item is not None:
                self.errors.append(f"{_ITEM_LABELS[name]} {number} is a {_kind(item)}, not text")
        return pieces

    def _text(self, name: str) -> str:
        value = self.values.get(name)
        if value is None:
            return ""
        if isinstance(value, bool):
            self.errors.append(f"the {_LABELS[name]} is a yes/no value; write it as text in quotes")
            return ""
        if isinstance(value, Mapping | list | tuple):
            self.errors.append(f"the {_LABELS[name]} should be text, not a {_kind(value)}")
            return ""
        text = _clean_text(value if isinstance(value, str) else str(value))
        return text if self._fits(_LABELS[name], text) else ""

    def _fits(self, label: str, text: str) -> bool:
        if len(text) <= MAX_FIELD_CHARS:
            return True
        self.errors.append(
            f"the {label} is {len(text):,} characters long; the limit is {MAX_FIELD_CHARS:,}"
        )
        return False


# --- CSV ------------------------------------------------------------------------------

_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def _read_csv(text: str) -> _Read:
    delimiter = _csv_delimiter(text)
    rows, failure = _csv_rows(text, delimiter)
    if not rows:
        if failure is not None:
            raise BankFileError(f"the CSV header cannot be read: {failure.message}")
        raise BankFileError(
            "the CSV file is empty; its first row must name the columns, "
            "e.g. question,reference_answer"
        )
    header_line, header = rows[0]
    columns, unknown = _csv_columns(header)
    problems = [failure] if failure is not None else []
    if unknown:
        problems.append(_unknown_keys_problem(header_line, unknown, "column"))
    data_rows = rows[1:]
    records = [
        _csv_record(line, row, columns, len(header), delimiter)
        for line, row in data_rows[: _build_limit()]
    ]
    if len(records) == len(data_rows):
        _flag_unclosed_quote(text, rows, records)
    return records, problems, len(data_rows)


def _csv_delimiter(text: str) -> str:
    header = next((line for line in text.split("\n") if line.strip()), "")
    if "," in header:
        return ","
    if ";" in header:
        return ";"
    return "\t" if "\t" in header else ","


def _csv_rows(text: str, delimiter: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """The non-blank rows with the physical line each starts on; a parse failure ends them."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows, None
        except csv.Error as exc:
            message = f"the CSV cannot be read from this line on ({exc}); the rest was not read"
            return rows, Problem(start, None, message)
        if any(cell.strip() for cell in row):
            rows.append((start, row))


def _csv_columns(header: list[str]) -> tuple[dict[int, str], list[str]]:
    columns: dict[int, str] = {}
    unknown: list[str] = []
    titles: dict[str, str] = {}
    for index, cell in enumerate(header):
        title = cell.strip()
        name = _canonical_key(title) if title else None
        if not title:
            continue
        if name is None:
            unknown.append(title)
        elif name in titles:
            raise BankFileError(
                f"the CSV columns '{titles[name]}' and '{title}' both give the "
                f"{_LABELS[name]}; keep one"
            )
        else:
            titles[name] = title
            columns[index] = name
    if "question" not in titles or "reference_answer" not in titles:
        found = _quoted([cell.strip() for cell in header if cell.strip()])
        raise BankFileError(
            "the CSV header needs a 'question' column and a 'reference_answer' (or 'answer') "
            f"column; the columns found are: {found}"
        )
    return columns, unknown


def _csv_record(
    line: int, row: list[str], columns: dict[int, str], width: int, delimiter: str
) -> _Record:
    record = _Record(line, {name: row[i] for i, name in columns.items() if i < len(row)})
    if any(cell.strip() for cell in row[width:]):
        record.errors.append(
            f"this row has {len(row)} cells but the header has {width} columns; put a cell "
            f"that contains a {_DELIMITER_NAMES[delimiter]} in double quotes"
        )
    return record


def _flag_unclosed_quote(
    text: str, rows: list[tuple[int, list[str]]], records: list[_Record]
) -> None:
    """An unclosed quote makes the csv module read the rest of the file into one cell."""
    if not records:
        return
    lines = text.split("\n")
    last_text = "\n".join(lines[rows[-1][0] - 1 :])
    if last_text.count('"') % 2 == 1:
        records[-1].errors.append(
            "a double quote opened in this row is never closed, so the rest of the file "
            "was read into it"
        )


# --- JSON Lines -----------------------------------------------------------------------


def _read_jsonl(text: str) -> _Read:
    lines = [
        (number, line) for number, line in enumerate(text.split("\n"), start=1) if line.strip()
    ]
    records = [_jsonl_record(number, line) for number, line in lines[: _build_limit()]]
    return records, [], len(lines)


def _jsonl_record(number: int, line: str) -> _Record:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return _Record(
            number, errors=[f"this line is not valid JSON: {exc.msg} (column {exc.colno})"]
        )
    except RecursionError:
        return _Record(number, errors=["this line is not valid JSON: it is nested too deeply"])
    if not isinstance(value, dict):
        return _Record(
            number,
            errors=[f"this line holds a {_kind(value)}; each line must be one JSON object"],
        )
    return _record_from_mapping(number, value)


# --- YAML -----------------------------------------------------------------------------


def _read_yaml(text: str) -> _Read:
    node, data = _compose_and_construct(text)
    items_node, items, problems = _yaml_question_list(node, data)
    records = [
        _yaml_record(item_node.start_mark.line + 1, item)
        for item_node, item in zip(
            items_node.value[: _build_limit()], items[: _build_limit()], strict=True
        )
    ]
    return records, problems, len(items)


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, object]:
    """The document's node tree (for line numbers) and its value, from one parse."""
    loader = _YAML_LOADER(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        data: object = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark is not None else "somewhere"
        raise BankFileError(f"this is not valid YAML ({where}: {exc.problem or exc})") from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise BankFileError(f"this is not valid YAML ({exc})") from exc
    finally:
        loader.dispose()
    return node, data


def _yaml_question_list(
    node: yaml.Node | None, data: object
) -> tuple[yaml.SequenceNode, list[object], list[Problem]]:
    if isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        return node, data, []
    shape = (
        "a YAML bank is a list of questions, or a mapping with a 'questions:' list "
        "(and optionally bank:, name:, title:)"
    )
    if not (isinstance(node, yaml.MappingNode) and isinstance(data, dict)):
        if node is None:
            raise BankFileError(_NO_QUESTIONS["yaml"])
        raise BankFileError(f"{shape}; this file's top level is a {_kind(data)}")
    questions_node: yaml.Node | None = None
    ignored: list[tuple[int, str]] = []
    for key_node, value_node in node.value:
        key = str(key_node.value).strip()
        if key.lower() == "questions":
            questions_node = value_node
        elif key.lower() not in _YAML_TITLE_KEYS:
            ignored.append((key_node.start_mark.line + 1, key))
    questions = next((v for k, v in data.items() if str(k).strip().lower() == "questions"), None)
    if questions_node is not None and not isinstance(questions, list):
        raise BankFileError(
            f"'questions:' must be a list of questions; here it is a {_kind(questions)}"
        )
    if not (isinstance(questions_node, yaml.SequenceNode) and isinstance(questions, list)):
        found = _quoted([str(k) for k in data]) or "none"
        raise BankFileError(f"{shape}; this file's top-level keys are: {found}")
    problems: list[Problem] = []
    if ignored:
        names = _quoted([key for _, key in ignored])
        given = "key" if len(ignored) == 1 else "keys"
        problems.append(
            Problem(
                ignored[0][0],
                None,
                f"the top-level {given} {names} {'is' if len(ignored) == 1 else 'are'} ignored; "
                "next to 'questions:' only bank:, name: and title: are expected",
            )
        )
    return questions_node, questions, problems


def _yaml_record(line: int, item: object) -> _Record:
    if isinstance(item, dict):
        return _record_from_mapping(line, item)
    return _Record(
        line,
        errors=[
            f"this item is a {_kind(item)}; each item must be a mapping with question: and answer:"
        ],
    )


# --- Markdown -------------------------------------------------------------------------

# The patterns below are matched against an uploaded file, so none may backtrack
# quadratically on a long line (no lazy `.*?` followed by optional tails).
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])#+$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NUMBERING = re.compile(r"^(?:q(?:uestion)?(?:\s*\d+)?|\d+)\s*[.):\-](?:\s+|$)", re.IGNORECASE)
_METADATA = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(id|area|difficulty|type|tags?)"
    r"(?:\s*:\s*(?:\*\*|__)|(?:\*\*|__)\s*:|\s*:)\s*(\S.*)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_BACKTICKS = re.compile(r"(`+)")
_SUMMARY_OPEN = re.compile(r"<summary\b[^<>]*>", re.IGNORECASE)
_COMMENT_OPEN = re.compile(r"<!--")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LIST_SECTIONS = {
    "keypoints": "key_points",
    "followups": "follow_ups",
    "followupquestions": "follow_ups",
}


@dataclass
class _MarkdownSection:
    line: int
    heading: str
    body: list[str] = field(default_factory=list)


@dataclass
class _MarkdownBody:
    answer: list[str] = field(default_factory=list)
    lists: dict[str, list[str]] = field(
        default_factory=lambda: {"key_points": [], "follow_ups": []}
    )
    metadata: dict[str, str] = field(default_factory=dict)


def _read_markdown(text: str) -> _Read:
    sections = _markdown_sections(text)
    return [_markdown_record(section) for section in sections[: _build_limit()]], [], len(sections)


def _heading(line: str) -> tuple[int, str] | None:
    match = _HEADING.match(line)
    if match is None:
        return None
    text = _CLOSING_HASHES.sub("", (match.group(2) or "").strip()).strip()
    return len(match.group(1)), text


def _fence_after(fence: str | None, line: str) -> str | None:
    """The open fence after `line` (None when outside a fenced code block)."""
    match = _FENCE.match(line)
    if fence is None:
        return match.group(1) if match else None
    closes = (
        match is not None
        and match.group(1)[0] == fence[0]
        and len(match.group(1)) >= len(fence)
        and not line.strip().strip(fence[0])
    )
    return None if closes else fence


def _markdown_sections(text: str) -> list[_MarkdownSection]:
    """Each `##` heading with the lines below it, up to the next `#` or `##` heading."""
    sections: list[_MarkdownSection] = []
    current: _MarkdownSection | None = None
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        heading = _heading(line) if fence is None else None
        if heading is not None and heading[0] <= 2:
            current = _MarkdownSection(number, heading[1]) if heading[0] == 2 else None
            if current is not None:
                sections.append(current)
            continue
        fence = _fence_after(fence, line)
        if current is not None:
            current.body.append(line)
    return sections


def _markdown_record(section: _MarkdownSection) -> _Record:
    body = _parse_markdown_body(section.body)
    question = _NUMBERING.sub("", _strip_html(section.heading).strip(), count=1)
    values: dict[str, object] = {"question": question, "reference_answer": "\n".join(body.answer)}
    values.update(body.lists)
    values.update(body.metadata)
    record = _Record(section.line, values)
    if not _clean_text("\n".join(body.answer)):
        record.errors.append("no answer below the question")
    return record


def _parse_markdown_body(lines: list[str]) -> _MarkdownBody:
    body = _MarkdownBody()
    fence: str | None = None
    section: list[str] | None = None
    after_blank = False
    for line in lines:
        if fence is not None or _FENCE.match(line):
            fence = _fence_after(fence, line)
            body.answer.append(line)
            continue
        heading = _heading(line)
        if heading is not None:
            name = _LIST_SECTIONS.get(re.sub(r"[^a-z]", "", heading[1].lower()))
            section = body.lists[name] if name is not None else None
            if section is None:
                _append_prose(body.answer, _strip_html(line))
            continue
        text = _strip_html(line)
        if _take_metadata(body.metadata, text):
            continue
        if section is not None and not _ends_list(section, text, after_blank):
            _add_list_line(section, text)
        else:
            section = None
            _append_prose(body.answer, text)
        after_blank = not text.strip()
    return body


def _take_metadata(metadata: dict[str, str], text: str) -> bool:
    match = _METADATA.match(text)
    if match is None:
        return False
    key = match.group(1).lower()
    key = "tags" if key == "tag" else key
    if key in metadata:
        return False
    metadata[key] = match.group(2).strip().strip("`*").strip()
    return True


def _ends_list(items: list[str], text: str, after_blank: bool) -> bool:
    """A plain paragraph after a blank line ends a key-points or follow-ups list."""
    return (
        bool(items)
        and after_blank
        and bool(text.strip())
        and not (_BULLET.match(text) or text.startswith((" ", "\t")))
    )


def _add_list_line(items: list[str], text: str) -> None:
    """A bullet starts an item; other text continues the last one (or starts the first)."""
    if not text.strip():
        return
    bullet = _BULLET.match(text)
    if bullet is not None or not items:
        items.append(bullet.group(1).strip() if bullet is not None else text.strip())
    else:
        items[-1] = f"{items[-1]} {text.strip()}"


def _append_prose(answer: list[str], text: str) -> None:
    """Adds a line of answer text, folding runs of blank lines into one."""
    if text.strip() or (answer and answer[-1].strip()):
        answer.append(text)


def _strip_html(line: str) -> str:
    """The line without HTML tags (text kept) or `<summary>` labels; code spans untouched."""
    if ("<" not in line and "&" not in line) or len(line) > MAX_FIELD_CHARS:
        return line  # a line too long for any field is reported as such, not cleaned
    pieces = _BACKTICKS.split(line)  # odd positions hold runs of backticks
    parts: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        close = _closing_run(pieces, index) if index % 2 else None
        if close is not None:
            parts.append("".join(pieces[index : close + 1]))
            index = close + 1
        else:
            parts.append(piece if index % 2 else _untag(piece))
            index += 1
    return "".join(parts)


def _closing_run(pieces: list[str], index: int) -> int | None:
    """Where the backtick run at `index` is closed by a run of the same length."""
    return next(
        (at for at in range(index + 2, len(pieces), 2) if pieces[at] == pieces[index]), None
    )


def _untag(text: str) -> str:
    text = _cut_spans(_cut_spans(text, _COMMENT_OPEN, "-->"), _SUMMARY_OPEN, "</summary>")
    return html.unescape(_TAG.sub("", text))


def _cut_spans(text: str, opening: re.Pattern[str], closing: str) -> str:
    """`text` without each span from `opening` to the next `closing` (in linear time)."""
    lowered = text.lower()
    kept: list[str] = []
    position = 0
    while (start := opening.search(text, position)) is not None:
        end = lowered.find(closing, start.end())
        if end < 0:
            break
        kept.append(text[position : start.start()])
        position = end + len(closing)
    kept.append(text[position:])
    return "".join(kept)
