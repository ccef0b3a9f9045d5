"""LLM scoring through the structured-output path: valid, invalid-then-valid, always invalid."""

import json

import pytest

from interviewer.brains import prepare_answer
from interviewer.brains.llm import LLMBrain
from interviewer.config import PROJECT_ROOT
from interviewer.knowledge.loader import load_knowledge
from interviewer.llm.structured import StructuredOutputError, invoke_structured
from interviewer.prompts import load_prompts
from interviewer.scoring.schemas import StarScore
from tests.support.fakes import FakeChat, queue, valid_star, valid_technical
from tests.support.paths import FIXTURES

ANSWER = (
    "During my internship our API was slow. My task was to speed it up. "
    "I profiled the endpoints and added an index. Latency fell by 60%."
)
PROMPTS = load_prompts(PROJECT_ROOT / "prompts")


@pytest.fixture
def brain(settings):
    from interviewer.wiring import offline_brain

    def make(chat: FakeChat) -> LLMBrain:
        return LLMBrain(
            chat, "openai:gpt-4o-mini", PROMPTS, offline_brain(settings), max_attempts=3
        )

    return make


def test_valid_output_is_accepted_and_logged(brain) -> None:
    chat = FakeChat(respond=queue(valid_star(ANSWER, overall=3)), calls=[])
    log: list = []
    record = brain(chat).score_star("Tell me about a time...", prepare_answer(ANSWER), log)
    assert record.brain == "llm"
    assert record.prompt_version == PROMPTS["score_star"].label
    assert record.star is not None and record.star.overall == 3
    assert len(log) == 1 and log[0].ok
    assert log[0].prompt_tokens > 100 and log[0].completion_tokens > 10
    assert log[0].cost_usd is not None and log[0].cost_usd > 0


def test_invalid_then_valid_is_reasked_with_the_error(brain) -> None:
    invented_quote = json.loads(valid_star(ANSWER))
    invented_quote["result"]["evidence"] = ["We won a national award"]  # not in the answer
    chat = FakeChat(
        respond=queue("not json at all", json.dumps(invented_quote), valid_star(ANSWER, 4)),
        calls=[],
    )
    log: list = []
    record = brain(chat).score_star("Tell me about a time...", prepare_answer(ANSWER), log)
    assert record.brain == "llm" and record.star is not None and record.star.overall == 4
    assert [c.purpose for c in log] == ["score_star", "score_star:reask", "score_star:reask"]
    reask = str(chat.calls[2].messages[-1].content)
    assert "does not occur verbatim" in reask
    assert "no JSON object" in str(chat.calls[1].messages[-1].content)


def test_always_invalid_falls_back_to_labelled_offline_score(brain) -> None:
    chat = FakeChat(respond=queue('{"overall": 9}'))
    log: list = []
    record = brain(chat).score_star("Tell me about a time...", prepare_answer(ANSWER), log)
    assert record.brain == "offline-fallback"
    assert record.label.startswith("offline engine (LLM failed")
    assert "after 3 attempts" in (record.fallback_reason or "")
    assert len(log) == 3
    assert record.star is not None  # a real offline score, not an invented one


def test_structured_error_carries_last_output_and_attempts() -> None:
    chat = FakeChat(respond=queue("{}"))
    with pytest.raises(StructuredOutputError) as caught:
        invoke_structured(
            chat,
            PROMPTS["score_star"],
            PROMPTS["reask"],
            StarScore,
            model="m",
            purpose="score_star",
            values={"question": "q", "answer": "a"},
            context={},
            max_attempts=2,
            log=[],
        )
    assert caught.value.attempts == 2
    assert caught.value.last_output == "{}"


def test_model_exception_falls_back_and_never_leaks_the_key(brain) -> None:
    chat = FakeChat(respond=queue(RuntimeError("401 bad key sk-live-SECRETSECRET123")), calls=[])
    log: list = []
    record = brain(chat).score_star("q", prepare_answer(ANSWER), log)
    assert record.brain == "offline-fallback"
    assert "SECRETSECRET" not in record.model_dump_json()
    assert log[0].ok is False and log[0].error == "RuntimeError"


def test_technical_scoring_checks_every_key_point_is_judged(brain) -> None:
    question = load_knowledge(FIXTURES / "knowledge").question("py.dict-lookup")
    answer = "A dict is a hash table. Lookups are O(1) on average."
    too_few = valid_technical(answer, key_points=2)
    chat = FakeChat(
        respond=queue(too_few, valid_technical(answer, key_points=3, covered=2, score=3)), calls=[]
    )
    log: list = []
    record = brain(chat).score_technical(question, prepare_answer(answer), log)
    assert record.technical is not None and record.technical.covered == [1, 2]
    assert "judge each of the 3 key points" in str(chat.calls[1].messages[-1].content)


def test_technical_always_invalid_falls_back_with_label(brain) -> None:
    question = load_knowledge(FIXTURES / "knowledge").question("py.dict-lookup")
    chat = FakeChat(respond=queue('{"score": 5, "key_points": []}'))
    record = brain(chat).score_technical(question, prepare_answer("A dict is a hash table."), [])
    assert record.brain == "offline-fallback" and record.technical is not None
    assert record.model_answer == question.model_answer
