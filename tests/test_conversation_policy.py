"""Conversation policy, on the simulator: scripted candidates through the real engine
with the offline brain (`interviewer simulate`), one script per kind of answer."""

from typing import Any

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.evals.scripts import ScriptLine
from interviewer.evals.simulate import simulate
from interviewer.knowledge.loader import load_knowledge
from interviewer.wiring import offline_brain

QUESTION = "py.list-vs-tuple"
NEXT = "dsa.big-o-basics"
KB = load_knowledge(PROJECT_ROOT / "knowledge")  # the real bank: its claims and probes


def run(settings: Any, *answers: str) -> list[dict[str, Any]]:
    script = [
        ScriptLine(question_id=QUESTION, answers=list(answers)),
        ScriptLine(question_id=NEXT, answers=["skip"]),
    ]
    return simulate(KB, offline_brain(settings), script)


def after_first(turns: list[dict[str, Any]]) -> dict[str, Any]:
    return turns[1]


@pytest.mark.slow
def test_off_topic_gets_one_redirect_then_moves_on(settings: Any) -> None:
    turns = run(
        settings, "I play cricket every weekend with my friends in the park.", "Cricket again."
    )
    assert turns[0]["score"]["score"] == 0
    assert turns[1]["note"] == "Follow-up: redirect (off topic)"
    assert turns[2]["question_id"] == NEXT and turns[2]["kind"] == "main"


@pytest.mark.slow
def test_a_hedged_non_answer_takes_the_dont_know_path_with_a_hint(settings: Any) -> None:
    turns = run(settings, "I am not sure about this one, I think it is related to the database")
    assert turns[0]["status"] == "dont_know" and turns[0]["score"] is None
    assert turns[1]["note"].startswith("Follow-up: hint offered")
    assert "hint" in " ".join(turns[1]["said"]).lower()


@pytest.mark.slow
def test_a_wrong_answer_is_probed_on_what_it_got_wrong(settings: Any) -> None:
    turns = run(settings, "A tuple is mutable and a list is immutable, so lists can be dict keys.")
    assert turns[0]["score"]["score"] <= 1 and turns[0]["score"]["errors"]
    follow = after_first(turns)
    assert follow["note"].startswith("Follow-up: stated wrongly")
    assert " ".join(follow["said"]).startswith('You said "')


@pytest.mark.slow
def test_a_partly_right_answer_is_acknowledged_before_the_probe(settings: Any) -> None:
    turns = run(
        settings,
        "Lists are mutable, you can append to them; tuples cannot be changed once created.",
    )
    assert 1 <= turns[0]["score"]["score"] <= 4
    follow = after_first(turns)
    assert follow["kind"] == "follow_up" and follow["note"].startswith("Follow-up: key point")
    assert " ".join(follow["said"]).startswith("You've got part of it.")
    assert "haven't mentioned" not in " ".join(follow["said"])


@pytest.mark.slow
def test_a_complete_answer_is_not_probed_on_errors(settings: Any) -> None:
    turns = run(settings, KB.question(QUESTION).model_answer)
    assert turns[0]["score"]["score"] >= 4 and turns[0]["score"]["errors"] == []
    assert all(not (t.get("note") or "").startswith("Follow-up: stated wrongly") for t in turns)
