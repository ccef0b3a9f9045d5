"""The correctness check reads who is said to have which property, clause by clause."""

from pathlib import Path

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.knowledge.loader import load_knowledge
from interviewer.scoring.claims import checker_for, clauses, cost_class
from interviewer.scoring.text import split_sentences

KB = load_knowledge(Path(PROJECT_ROOT) / "knowledge")


def verdicts(question_id: str, answer: str) -> list[tuple[str, int | None, str]]:
    checker = checker_for(KB.question(question_id))
    return [(f.verdict, f.key_point, f.quote) for f in checker.check(split_sentences(answer))]


def test_swapped_subjects_contradict() -> None:
    found = verdicts("py.list-vs-tuple", "A tuple is mutable and a list is immutable.")
    assert {v for v, _, _ in found} == {"contradicts"}
    assert any(q == "A tuple is mutable" for _, _, q in found)


def test_the_right_way_round_supports() -> None:
    found = verdicts("py.list-vs-tuple", "A list is mutable, while a tuple is immutable.")
    assert found and all(v == "supports" for v, _, _ in found)


def test_a_negated_property_contradicts() -> None:
    found = verdicts("py.list-vs-tuple", "Tuples are not immutable.")
    assert [v for v, _, _ in found] == ["contradicts"]


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("Binary search is O(log n).", "supports"),
        ("Binary search is O(n log n).", "contradicts"),
        ("Checking x in a list is O(1).", "contradicts"),
        ("A dict lookup is O(n) on average.", "contradicts"),  # O(n) is only its worst case
    ],
)
def test_costs_are_compared_as_classes(answer: str, verdict: str) -> None:
    assert [v for v, _, _ in verdicts("dsa.big-o-basics", answer)] == [verdict]


def test_a_memory_cost_is_not_read_as_running_time() -> None:
    assert verdicts("dsa.big-o-basics", "Binary search needs O(1) extra space.") == []


def test_a_cost_without_its_subject_in_the_sentence_is_not_guessed() -> None:
    assert verdicts("dsa.two-sum", "This uses O(n) time.") == []


def test_clauses_keep_calls_and_complexities_whole() -> None:
    sentence = split_sentences(
        "Sorting with sorted() is O(n log n) (Timsort), and bisect is fast."
    )[0]
    texts = [c.text for c in clauses(sentence)]
    assert "Sorting with sorted() is O(n log n)" in texts
    assert "Timsort" in texts


@pytest.mark.parametrize(
    ("expression", "kind"),
    [
        ("O(n log n)", "nlogn"),
        ("O(m + n)", "n"),
        ("O(n^2)", "n2"),
        ("O(1)", "1"),
        ("O(log n)", "log"),
    ],
)
def test_cost_class(expression: str, kind: str) -> None:
    assert cost_class(expression) == kind
