"""Key points derived from a coach's reference answer: statements, keywords, claims, probes."""

from __future__ import annotations

from interviewer.banks.derive import MAX_POINTS, WordRarity, claims_for, contrasted, derive
from interviewer.knowledge.schema import Difficulty, Question, QuestionType
from interviewer.scoring.claims import ClaimChecker
from interviewer.scoring.text import split_sentences

QUESTION = "What is the difference between a stack and a queue?"
REFERENCE = (
    "A stack is last in first out, so the newest item leaves first. A queue is first in "
    "first out: the oldest item leaves first. In Python collections.deque gives a queue "
    "with popleft in O(1)."
)


def _question(question: str, reference: str) -> Question:
    derived = derive(question, reference)
    return Question(
        id="bank.q",
        difficulty=Difficulty.easy,
        type=QuestionType.technical,
        question=question,
        key_points=derived.key_points,
        follow_ups=derived.follow_ups,
        model_answer=reference,
    )


def test_one_point_per_statement_with_its_own_words() -> None:
    derived = derive(QUESTION, REFERENCE)
    assert [p.text[:14] for p in derived.key_points] == [
        "A stack is las",
        "A queue is fir",
        "In Python coll",
    ]
    for point in derived.key_points:
        assert "stack" not in point.keywords and "queue" not in point.keywords  # echo the question
    assert "popleft" in derived.key_points[2].keywords
    assert "o(1)" in derived.key_points[2].keywords


def test_a_short_answer_makes_one_point_and_a_long_one_at_most_six() -> None:
    assert len(derive("Is a tuple mutable?", "No, a tuple is immutable.").key_points) == 1
    long = " ".join(
        f"Statement number {i} says something new about caching layers." for i in range(15)
    )
    assert len(derive("How would you cache?", long).key_points) == MAX_POINTS


def test_backwards_facts_contradict_the_derived_claims() -> None:
    checker = ClaimChecker(_question(QUESTION, REFERENCE))
    swapped = checker.check(split_sentences("A stack is FIFO and a queue is last in first out."))
    assert len(swapped) >= 2 and {f.verdict for f in swapped} == {"contradicts"}
    assert {f.key_point for f in swapped} == {1, 2}
    right = checker.check(split_sentences("A stack is LIFO, and a queue is first in first out."))
    assert len(right) >= 2 and {f.verdict for f in right} == {"supports"}


def test_costs_and_negated_properties() -> None:
    [cost] = claims_for("A dict lookup is O(1) on average.", "Why are dicts fast?")
    assert cost.cost == "O(1)" and "lookup" in cost.about
    [prop] = claims_for("A set is not ordered.", "What is a set?")
    assert prop.holds == ["unordered"] and prop.contradicts == ["ordered"]
    # a list of costs says nothing about one subject
    assert claims_for("The classes are O(1), O(log n) and O(n).", "What is Big-O?") == []


def test_questions_that_contrast_two_things_get_swap_claims() -> None:
    assert contrasted("What is the difference between git fetch and git pull?") == (
        ["git fetch", "fetch"],
        ["git pull", "pull"],
    )
    question = _question(
        "What is the difference between git fetch and git pull?",
        "git fetch downloads new commits and leaves your branch alone. "
        "git pull integrates the remote branch into yours after fetching.",
    )
    findings = ClaimChecker(question).check(
        split_sentences("git fetch integrates the remote work into your branch.")
    )
    assert any(f.verdict == "contradicts" for f in findings)


def test_common_words_are_not_keywords_and_probes_do_not_give_the_point_away() -> None:
    rarity = WordRarity.of(["the server handles a request"] * 30 + ["idempotent retries"])
    derived = derive(
        "Why should a payment endpoint accept an idempotency key?",
        "The server stores the key with the result, so a retried request returns the same "
        "result instead of charging twice.",
        rarity=rarity,
    )
    [point] = derived.key_points
    assert "server" not in point.keywords and "request" not in point.keywords
    assert "charging" in point.keywords
    for point in derived.key_points:
        if point.probe:
            assert not any(k in point.probe.lower() for k in point.keywords)
