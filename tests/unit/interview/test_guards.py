"""Which answers mean "move on" rather than something to score."""

import pytest

from interviewer.interview.guards import AnswerKind, classify


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("", AnswerKind.empty),
        ("   ", AnswerKind.empty),
        ("skip", AnswerKind.skip),
        ("Can we move on?", AnswerKind.skip),
        ("I don't know", AnswerKind.dont_know),
        ("no idea, sorry", AnswerKind.dont_know),
        ("A dict is a hash table with O(1) lookups.", AnswerKind.answered),
    ],
)
def test_classify(answer: str, kind: AnswerKind) -> None:
    assert classify(answer, []) is kind


def test_a_copy_of_an_earlier_answer_is_a_repeat() -> None:
    earlier = "A list is mutable and a tuple is immutable so tuples can be dict keys."
    assert classify(earlier, [earlier]) is AnswerKind.repeated
    assert classify("A generator yields values lazily.", [earlier]) is AnswerKind.answered


def test_a_long_answer_that_mentions_not_knowing_is_still_an_answer() -> None:
    answer = (
        "I don't know the exact internals, but a dict hashes the key to find a slot, so "
        "lookups are constant time on average and degrade with collisions."
    )
    assert classify(answer, []) is AnswerKind.answered


@pytest.mark.parametrize(
    "answer",
    [
        "I am not sure about this one, I think it is related to the database",
        "Not sure, maybe something to do with how the server stores the data?",
    ],
)
def test_a_hedged_non_answer_is_dont_know(answer: str) -> None:
    assert classify(answer, []) is AnswerKind.dont_know
