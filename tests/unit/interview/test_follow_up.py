"""The follow-up policy, on hand-built scores: what an interviewer would ask next."""

from pathlib import Path

from interviewer.config import PROJECT_ROOT
from interviewer.interview.follow_up import REDIRECT_NOTE, choose_gap
from interviewer.knowledge.loader import load_knowledge
from interviewer.scoring.schemas import (
    DeliveryHints,
    FactualError,
    KeyPointVerdict,
    ScoreRecord,
    TechnicalScore,
)

KB = load_knowledge(Path(PROJECT_ROOT) / "knowledge")
QUESTION = KB.question("py.list-vs-tuple")


def record(score: int, covered: set[int], errors: list[FactualError] | None = None) -> ScoreRecord:
    points = [
        KeyPointVerdict(index=i, covered=i in covered, evidence=["x"] if i in covered else [])
        for i in range(1, len(QUESTION.key_points) + 1)
    ]
    technical = TechnicalScore(key_points=points, score=score, errors=errors or [])
    return ScoreRecord(
        kind="technical",
        brain="offline",
        model="offline",
        prompt_version="t",
        technical=technical,
        delivery=DeliveryHints(words=10, sentences=1),
    )


def test_a_wrong_statement_is_probed_first_with_the_candidates_words() -> None:
    error = FactualError(
        quote="and a tuple is mutable",
        key_point=1,
        correction="Tuples cannot change.",
        probe="What does t[0] = 1 do?",
    )
    gap = choose_gap(QUESTION, record(2, {2}, [error]), set())
    assert gap is not None and gap.target == "kp:1"
    assert gap.suggestion == 'You said "a tuple is mutable". What does t[0] = 1 do?'
    then = choose_gap(QUESTION, record(2, {2}, [error]), {gap.note})
    assert then is not None and then.target == "kp:3"  # not the same point a second time


def test_an_off_topic_answer_gets_one_redirect_then_the_interview_moves_on() -> None:
    gap = choose_gap(QUESTION, record(0, set()), set())
    assert gap is not None and gap.target == "redirect"
    assert QUESTION.question in gap.suggestion
    assert choose_gap(QUESTION, record(0, set()), {REDIRECT_NOTE}) is None


def test_a_missed_point_is_probed_by_its_written_probe_and_partial_credit_is_acknowledged() -> None:
    gap = choose_gap(QUESTION, record(3, {1, 2}), set())
    assert gap is not None and gap.target == "kp:3"
    probe = QUESTION.key_points[2].probe
    assert probe is not None and gap.suggestion == f"You've got part of it. {probe}"
    assert "haven't mentioned" not in gap.suggestion


def test_every_key_point_has_a_written_probe() -> None:
    missing = [
        f"{q.id} #{i}"
        for q in KB.questions
        if q.type.value != "behavioural"
        for i, kp in enumerate(q.key_points, start=1)
        if not kp.probe
    ]
    assert missing == []
