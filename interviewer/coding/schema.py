"""Coding problems as validated data (``knowledge/problems/*.yaml``, one problem a file).

A problem says what the candidate sees (statement, signature, examples), what the server
checks (hidden tests, a comparison mode), how it measures (an input generator and the
expected time complexity) and how the interviewer talks about it (hints, follow-ups with
key points). The reference solution is checked against every test in CI, and a slower one
(where given) is what the complexity classifier must tell apart from it.
"""

from __future__ import annotations

import ast
import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")


class Topic(StrEnum):
    arrays_hashing = "arrays-hashing"
    strings = "strings"
    stacks_queues = "stacks-queues"
    two_pointers = "two-pointers"
    sliding_window = "sliding-window"
    sorting_searching = "sorting-searching"
    linked_lists = "linked-lists"
    trees = "trees"
    graphs = "graphs"
    heaps = "heaps"
    dynamic_programming = "dynamic-programming"
    python_specifics = "python-specifics"


class Complexity(StrEnum):
    """The classes the timing classifier can tell apart, cheapest first."""

    constant = "O(1)"
    logarithmic = "O(log n)"
    linear = "O(n)"
    linearithmic = "O(n log n)"
    quadratic = "O(n^2)"
    cubic = "O(n^3)"
    exponential = "O(2^n)"


class Compare(StrEnum):
    """How a returned value is compared with the expected one."""

    exact = "exact"  # equal after JSON round-trip (tuples become lists)
    unordered = "unordered"  # the same items in any order (a list compared sorted)
    nested_unordered = "nested-unordered"  # a list of lists, each and the whole in any order
    float = "float"  # numbers equal within 1e-6 (relative or absolute)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Case(Strict):
    """One call of the entry function. ``args`` are JSON values, converted by the
    prelude's ``load`` hook when the problem has one (a list becomes a linked list)."""

    name: str = Field(default="", max_length=80)
    args: list[Any]
    expected: Any
    explanation: str = Field(default="", max_length=400)


class GeneratedCase(Strict):
    """A large hidden test made by the generator; the expected value comes from running
    the reference solution on the same input (in the sandbox, cached)."""

    name: str = Field(min_length=1, max_length=80)
    n: int = Field(ge=1, le=1_000_000)
    seed: int = 0


class FollowUp(Strict):
    question: str = Field(min_length=10, max_length=400)
    key_points: list[str] = Field(min_length=1, max_length=6)


def _parses(source: str, what: str) -> str:
    try:
        ast.parse(source)
    except SyntaxError as error:
        raise ValueError(
            f"{what} is not valid Python: {error.msg} (line {error.lineno})"
        ) from error
    return source


def _defines(source: str, name: str) -> bool:
    tree = ast.parse(source)
    return any(
        isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name for node in tree.body
    )


class Problem(Strict):
    id: str
    title: str = Field(min_length=3, max_length=80)
    topic: Topic
    difficulty: str = Field(pattern="^(easy|medium)$")
    statement: str = Field(min_length=40, max_length=2500)
    function: str = Field(description="The entry function's name.")
    signature: str = Field(description="The first line the candidate's editor starts with.")
    compare: Compare = Compare.exact
    prelude: str = Field(
        default="",
        description="Code put before the candidate's (helper classes such as ListNode), "
        "with optional load(*args) -> tuple and dump(result) -> JSON hooks.",
    )
    examples: list[Case] = Field(min_length=1, max_length=5)
    tests: list[Case] = Field(min_length=5, max_length=40)
    large_tests: list[GeneratedCase] = Field(default_factory=list, max_length=4)
    generator: str = Field(description="def generate(n, rng) -> list of args for size n")
    sizes: list[int] = Field(
        default=[1000, 2000, 4000, 8000, 16000, 32000], min_length=4, max_length=10
    )
    complexity: Complexity
    space: Complexity | None = None
    reference: str
    slow: str = Field(default="", description="A correct but slower solution, if any.")
    slow_complexity: Complexity | None = None
    hints: list[str] = Field(min_length=1, max_length=4)
    follow_ups: list[FollowUp] = Field(min_length=2, max_length=5)
    tags: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"id {value!r} must be lower-case words joined by '-'")
        return value

    @field_validator("function")
    @classmethod
    def _function(cls, value: str) -> str:
        if not NAME_PATTERN.match(value):
            raise ValueError(f"function {value!r} must be a snake_case Python name")
        return value

    @field_validator("sizes")
    @classmethod
    def _sizes(cls, value: list[int]) -> list[int]:
        if value != sorted(set(value)) or value[0] < 1:
            raise ValueError("sizes must be positive and strictly increasing")
        return value

    @model_validator(mode="after")
    def _span(self) -> Problem:
        exponential = Complexity.exponential in (self.complexity, self.slow_complexity)
        if exponential and self.sizes[-1] - self.sizes[0] < 6:
            raise ValueError("sizes for an exponential solution must span at least 6 (n to n+6)")
        if not exponential and self.sizes[-1] < 4 * self.sizes[0]:
            raise ValueError("sizes must span at least a factor of 4 to fit an exponent")
        return self

    @model_validator(mode="after")
    def _sources(self) -> Problem:
        _parses(self.prelude, "prelude")
        _parses(self.generator, "generator")
        if not _defines(self.generator, "generate"):
            raise ValueError("generator must define generate(n, rng)")
        for what, source in (("reference", self.reference), ("slow", self.slow)):
            if not source and what == "slow":
                continue
            _parses(source, what)
            if not _defines(source, self.function) and not _defines(self.prelude, self.function):
                raise ValueError(f"{what} must define {self.function}()")
        if self.slow and self.slow_complexity is None:
            raise ValueError("slow needs slow_complexity")
        if not self.signature.startswith(f"def {self.function}("):
            raise ValueError(f"signature must start with 'def {self.function}('")
        _parses(self.signature.rstrip() + "\n    pass\n", "signature")
        return self

    @property
    def hooks(self) -> tuple[bool, bool]:
        """Whether the prelude defines ``load`` and ``dump``."""
        return _defines(self.prelude, "load"), _defines(self.prelude, "dump")

    def starter_code(self) -> str:
        """What the editor shows first: the prelude's classes as a comment, the signature."""
        lines = []
        if self.prelude.strip():
            lines.append("# Provided for you (already defined):")
            for line in self.prelude.strip().splitlines():
                if line.startswith(("def load", "def dump")):
                    break
                lines.append(f"# {line}" if line else "#")
            lines.append("")
        lines += [self.signature.rstrip(), "    pass", ""]
        return "\n".join(lines)
