"""Evidence quotes: exact ones kept, near-verbatim ones snapped to the answer's words,
anything further off rejected (and re-asked by the structured-output path)."""

import pytest

from interviewer.scoring.quotes import match_quote

ANSWER = (
    "Our team had a deadline. We built the order API in Flask,   and I wrote the tests; "
    "latency fell from 4 s to 300 ms."
)


@pytest.mark.parametrize(
    ("quote", "span"),
    [
        ("We built the order api.", "We built the order API"),  # case and a trailing stop
        ('"I wrote the tests..."', "I wrote the tests"),  # quotation marks and an ellipsis
        ("latency fell from 4s to 300ms", "latency fell from 4 s to 300 ms"),  # spacing
        ("we build the order API in flask", "We built the order API in Flask"),  # one edit
        ("I built the order API", "built the order API"),  # "I" for "we": only what was said
    ],
)
def test_near_verbatim_quotes_snap_to_the_exact_span(quote: str, span: str) -> None:
    match = match_quote(quote, ANSWER)
    assert match.outcome == "snapped"
    assert match.text == span and match.text in ANSWER


def test_a_verbatim_quote_is_kept_as_given() -> None:
    match = match_quote("We built the order API in Flask, and I wrote", ANSWER)
    assert match.outcome == "exact" and match.text == "We built the order API in Flask, and I wrote"


@pytest.mark.parametrize(
    "quote",
    [
        "we designed a new database schema",  # not in the answer at all
        "I wrote the test suite for everything",  # starts right, then invents
        "O(log n)",  # short quotes must be exact: one character changes their meaning
        "latency fell from 4 s to 30 ms",  # short enough that one edit is refused
    ],
)
def test_quotes_that_are_not_in_the_answer_are_rejected(quote: str) -> None:
    assert match_quote(quote, ANSWER).outcome == "rejected"


def test_a_snap_never_adds_or_drops_a_negation() -> None:
    answer = "A tuple is not mutable, so it can be a dict key."
    assert match_quote("A tuple is mutable, so it can be a dict key", answer).outcome == "rejected"
