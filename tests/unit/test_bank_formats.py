"""A coach's bank file in any of the four formats: good entries kept, bad ones reported by line."""

from pathlib import Path

import pytest

from interviewer.banks import formats
from interviewer.banks.formats import (
    BankFileError,
    Problem,
    RawEntry,
    detect_format,
    read_bank_bytes,
    read_bank_file,
    read_bank_text,
)

CSV_BANK = """\
id,question,answer,key_points,tags,level
py-gil,What is the GIL?,"Only one thread runs Python bytecode at a time.
Threads still help with I/O.",one thread at a time|released during I/O,"python, threads",2
py-dict,How does a dict look up a key?,,hash then probe,python,1
py-gen,What is a generator?,A function that yields values lazily.,"lazy
keeps its frame",,1
"""


def test_detect_format_by_suffix() -> None:
    assert detect_format("bank.CSV") == "csv"
    assert detect_format("dump.ndjson") == "jsonl"
    assert detect_format("b.jsonl") == "jsonl"
    assert detect_format("q.yml") == "yaml"
    assert detect_format("notes.markdown") == "markdown"
    with pytest.raises(BankFileError, match=r"\.csv.*\.md"):
        detect_format("bank.xlsx")


def test_problem_str_with_and_without_id() -> None:
    assert str(Problem(14, "py-gil", "the reference answer is empty")) == (
        "line 14 (id py-gil): the reference answer is empty"
    )
    assert str(Problem(3, None, "no answer below the question")) == (
        "line 3: no answer below the question"
    )


def test_csv_keeps_good_rows_and_reports_bad_row_by_physical_line() -> None:
    entries, problems = read_bank_text(CSV_BANK, "csv")
    assert [e.id for e in entries] == ["py-gil", "py-gen"]
    gil, gen = entries
    assert gil.line == 2 and gen.line == 5
    assert gil.reference_answer == (
        "Only one thread runs Python bytecode at a time.\nThreads still help with I/O."
    )
    assert gil.key_points == ("one thread at a time", "released during I/O")
    assert gil.tags == ("python", "threads")
    assert gen.key_points == ("lazy", "keeps its frame")
    assert gen.tags == ()
    assert [(p.line, p.entry_id) for p in problems] == [(1, None), (4, "py-dict")]
    assert "'level'" in problems[0].message and "ignored" in problems[0].message
    assert "reference answer is empty" in problems[1].message


def test_csv_semicolons_blank_rows_and_too_many_cells() -> None:
    text = (
        "Question;Model Answer;Area\n"
        "What is a decorator?;A callable that wraps another;python\n"
        ";;\n"
        "\n"
        "What is WSGI?;A server interface;web;extra\n"
        "What is ASGI?;The async successor of WSGI;web;;\n"
    )
    entries, problems = read_bank_text(text, "csv")
    assert [(e.line, e.area) for e in entries] == [(2, "python"), (6, "web")]
    assert len(problems) == 1 and problems[0].line == 5
    assert "4 cells" in problems[0].message and "semicolon" in problems[0].message


def test_csv_tab_separated() -> None:
    entries, _ = read_bank_text("prompt\treference\nWhat is a venv?\tAn isolated env\n", "csv")
    assert entries[0].question == "What is a venv?"
    assert entries[0].reference_answer == "An isolated env"


def test_csv_header_without_answer_column_is_a_file_error() -> None:
    with pytest.raises(BankFileError, match=r"'question', 'notes'"):
        read_bank_text("question,notes\nWhat is a venv?,isolation\n", "csv")


def test_csv_unclosed_quote_is_reported() -> None:
    text = 'question,answer\nWhat is a venv?,"isolated\nWhat is pip?,installer\n'
    entries, problems = read_bank_text(text, "csv")
    assert entries == []
    assert problems[0].line == 2 and "never closed" in problems[0].message


def test_jsonl_lines_aliases_and_bad_lines() -> None:
    text = "\n".join(
        [
            '{"id": 7, "prompt": "What is a context manager?", "model_answer": "An object '
            'with __enter__ and __exit__", "key points": ["cleanup runs", "int | None ok"]}',
            "",
            '{"question": "What is a list?", "answer": "A mutable sequence"',
            '["not", "an", "object"]',
            '{"question": "What is a set?", "answer": "Unique items", "key_points": [1, "x"]}',
            '{"question": "What is a tuple?", "answer": "Immutable", "follow-ups": "Why? | When?",'
            ' "tags": ["py, core"], "area": ["a"]}',
            '{"question": "What is a frozenset?", "answer": "Immutable set", "Follow Ups": "Why?"}',
        ]
    )
    entries, problems = read_bank_text(text, "jsonl")
    assert [(e.line, e.id) for e in entries] == [(1, "7"), (7, None)]
    assert entries[0].key_points == ("cleanup runs", "int | None ok")
    assert entries[1].follow_ups == ("Why?",)
    assert [p.line for p in problems] == [3, 4, 5, 6]
    assert "not valid JSON" in problems[0].message
    assert "each line must be one JSON object" in problems[1].message
    assert "key point 1 is a number" in problems[2].message
    assert "area should be text" in problems[3].message


def test_jsonl_list_fields_split_from_a_string() -> None:
    line = (
        '{"question": "Q?", "answer": "A", "key_points": "one | two\\nthree",'
        ' "tags": "web, api|rest"}'
    )
    (entry,), _ = read_bank_text(line, "jsonl")
    assert entry.key_points == ("one", "two", "three")
    assert entry.tags == ("web", "api", "rest")


def test_unknown_keys_reported_once_at_first_use() -> None:
    text = "\n".join(
        [
            '{"question": "Q1?", "answer": "A1"}',
            '{"question": "Q2?", "answer": "A2", "notes": "x"}',
            '{"question": "Q3?", "answer": "A3", "notes": "y", "source": "z"}',
        ]
    )
    entries, problems = read_bank_text(text, "jsonl")
    assert len(entries) == 3
    assert len(problems) == 1 and problems[0].line == 2
    assert "'notes', 'source'" in problems[0].message and "reference_answer" in problems[0].message


def test_one_problem_names_every_fault_of_an_entry() -> None:
    (problem,) = read_bank_text('{"id": "x", "area": {"a": 1}}', "jsonl")[1]
    assert "no question" in problem.message
    assert "no reference answer" in problem.message
    assert "area should be text" in problem.message


def test_text_edges_normalised_inner_newlines_kept() -> None:
    line = '{"question": "  What is a WSGI app?  ", "answer": "\\n A callable.   \\n  Takes environ.  \\n"}'
    (entry,), _ = read_bank_text(line, "jsonl")
    assert entry.question == "What is a WSGI app?"
    assert entry.reference_answer == "A callable.\n  Takes environ."


YAML_LIST = """\
- id: py-mro
  question: What is the MRO?
  answer: |
    The order Python searches base classes.
    It uses C3 linearisation.
  key_points:
    - C3 linearisation
    - left to right
  difficulty: 3
- just a string
- question: What is __slots__?
  answer: ""
- question: What does super() do?
  reference_answer: Calls the next class in the MRO.
  tags: oop, classes
"""


def test_yaml_list_lines_and_bad_items() -> None:
    entries, problems = read_bank_text(YAML_LIST, "yaml")
    assert [(e.line, e.id) for e in entries] == [(1, "py-mro"), (13, None)]
    mro, sup = entries
    assert mro.reference_answer == (
        "The order Python searches base classes.\nIt uses C3 linearisation."
    )
    assert mro.key_points == ("C3 linearisation", "left to right")
    assert mro.difficulty == "3"
    assert sup.tags == ("oop", "classes")
    assert [(p.line, p.message[:14]) for p in problems] == [
        (10, "this item is a"),
        (11, "the reference "),
    ]


def test_yaml_mapping_with_questions_and_title_keys() -> None:
    text = "bank: Backend basics\ntitle: Week 1\nquestions:\n  - question: Q?\n    answer: A\n"
    entries, problems = read_bank_text(text, "yaml")
    assert [(e.line, e.question) for e in entries] == [(4, "Q?")]
    assert problems == []


def test_yaml_syntax_error_names_a_line() -> None:
    with pytest.raises(BankFileError, match=r"line 3"):
        read_bank_text("- question: Q?\n  answer: A\n - question: [broken\n", "yaml")


@pytest.mark.parametrize("text", ["just text\n", "questions: 3\n", "other: []\n"])
def test_yaml_not_a_list_is_a_file_error(text: str) -> None:
    with pytest.raises(BankFileError, match=r"questions"):
        read_bank_text(text, "yaml")


MARKDOWN_BANK = """\
# Python backend interview questions

A preamble that is not a question.

## 1. What is the GIL?

**Area:** python
Difficulty: easy
- tags: cpython, threads
ID: py-gil

<details><summary>Answer</summary>
Only one thread runs <b>bytecode</b> at a time &amp; I/O releases it. See `<GIL>`.

```python
## this line is code, not a question
import threading
```
</details>

### Key points
- one thread at a time
- released during I/O
  and during long C calls

### Follow-ups
1. How do you get parallelism for CPU work?

## Q2: What is a race condition?

## Q: What does asyncio.gather do?
Runs awaitables concurrently and collects their results.

# Appendix
## What is a coroutine?
A function defined with async def.
"""


def test_markdown_entries_metadata_lists_and_code() -> None:
    entries, problems = read_bank_text(MARKDOWN_BANK, "markdown")
    assert [(e.line, e.question) for e in entries] == [
        (5, "What is the GIL?"),
        (31, "What does asyncio.gather do?"),
        (35, "What is a coroutine?"),
    ]
    gil = entries[0]
    assert (gil.id, gil.area, gil.difficulty, gil.tags) == (
        "py-gil",
        "python",
        "easy",
        ("cpython", "threads"),
    )
    assert gil.reference_answer == (
        "Only one thread runs bytecode at a time & I/O releases it. See `<GIL>`.\n\n"
        "```python\n## this line is code, not a question\nimport threading\n```"
    )
    assert gil.key_points == ("one thread at a time", "released during I/O and during long C calls")
    assert gil.follow_ups == ("How do you get parallelism for CPU work?",)
    assert entries[1].id is None
    assert [(p.line, p.message) for p in problems] == [(29, "no answer below the question")]


def test_markdown_without_level_two_headings_is_a_file_error() -> None:
    with pytest.raises(BankFileError, match="## "):
        read_bank_text("# Title\n### What is a venv?\nIsolation.\n", "markdown")


def test_duplicate_ids_keep_the_first() -> None:
    text = "\n".join(
        f'{{"id": "{i}", "question": "Q{n}?", "answer": "A"}}'
        for n, i in enumerate(["a", "b", "a", "a"])
    )
    entries, problems = read_bank_text(text, "jsonl")
    assert [e.line for e in entries] == [1, 2]
    assert [str(p) for p in problems] == [
        "line 3 (id a): id a is used again; first at line 1",
        "line 4 (id a): id a is used again; first at line 1",
    ]


def test_entries_beyond_the_limit_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "MAX_ENTRIES", 3)
    text = "".join(f"## Question {n}?\nAnswer {n}.\n" for n in range(5))
    entries, problems = read_bank_text(text, "markdown")
    assert [e.question for e in entries] == ["Question 0?", "Question 1?", "Question 2?"]
    assert len(problems) == 1 and problems[0].line == 7
    assert "2 more" in problems[0].message and "at most 3" in problems[0].message


def test_field_and_item_too_long() -> None:
    long = "x" * (formats.MAX_FIELD_CHARS + 1)
    text = f"question,answer,key_points\nQ1?,{long},\nQ2?,A,short|{long}\nQ3?,A,\n"
    entries, problems = read_bank_text(text, "csv")
    assert [e.question for e in entries] == ["Q3?"]
    assert [p.line for p in problems] == [2, 3]
    assert "reference answer is 8,001 characters" in problems[0].message
    assert "key point is 8,001 characters" in problems[1].message


def test_bytes_size_limit_encoding_and_bom() -> None:
    with pytest.raises(BankFileError, match="at most"):
        read_bank_bytes(b"x" * (formats.MAX_BANK_BYTES + 1), "bank.csv")
    with pytest.raises(BankFileError, match=r"not UTF-8.*line 2"):
        read_bank_bytes(b"question,answer\nQ?,caf\xe9\n", "bank.csv")
    entries, problems = read_bank_bytes(b"\xef\xbb\xbfQuestion,Answer\r\nQ?,A\r\n", "b.csv")
    assert entries == [RawEntry(line=2, id=None, question="Q?", reference_answer="A")]
    assert problems == []
    with pytest.raises(BankFileError, match="suffix|end in"):
        read_bank_bytes(b"question,answer\n", "bank.txt")


def test_read_bank_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("- question: Q?\n  answer: A\n", encoding="utf-8")
    entries, _ = read_bank_file(path)
    assert entries[0].question == "Q?"
    with pytest.raises(BankFileError, match=r"cannot read .*missing\.yaml"):
        read_bank_file(tmp_path / "missing.yaml")
    monkeypatch.setattr(formats, "MAX_BANK_BYTES", 10)
    with pytest.raises(BankFileError, match="at most 10 bytes"):
        read_bank_file(path)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "yaml", "markdown"])
def test_empty_file_is_a_file_error(fmt: str) -> None:
    with pytest.raises(BankFileError):
        read_bank_text("\n\n", fmt)


def test_two_keys_for_one_field_is_a_problem() -> None:
    (problem,) = read_bank_text('{"question": "Q?", "answer": "A", "Reference": "B"}', "jsonl")[1]
    assert "'answer' and 'Reference' both give the reference answer" in problem.message
    with pytest.raises(BankFileError, match="both give the question"):
        read_bank_text("question,prompt,answer\nQ?,Q?,A\n", "csv")
