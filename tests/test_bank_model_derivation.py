"""With a model, the bank importer's key points are read by the model into the knowledge
schema (and made valid); when the model fails, the offline rules' points, said so."""

from __future__ import annotations

import json

import pytest

from interviewer.banks.derive import ModelDerivation, derive, from_model
from interviewer.brains.llm import LLMBrain
from interviewer.coach.banks import import_bank
from interviewer.config import PROJECT_ROOT
from interviewer.knowledge.loader import load_knowledge
from interviewer.prompts import load_prompts
from interviewer.storage.repository import Repository
from tests.support.fakes import FakeChat, queue

PROMPTS = load_prompts(PROJECT_ROOT / "prompts")
QUESTION = "What is the difference between a stack and a queue?"
REFERENCE = "A stack is last in first out. A queue is first in first out."
READING = {
    "key_points": [
        {
            "text": "A stack hands back the newest item first (last in, first out).",
            "keywords": ["LIFO", "last in first out", "newest", "Stack"],
            "claims": [
                {"about": ["stack"], "holds": ["last in first out", "lifo"],
                 "contradicts": ["first in first out", "fifo"]},
                {"about": [], "holds": ["x"], "contradicts": []},
            ],
            "probe": "Which item comes out first if you push 1, 2, 3 and pop once? It is LIFO.",
        },
        {"text": "A queue hands back the oldest item first.", "keywords": [], "claims": [],
         "probe": "If three people join a line, who is served first, and why?"},
    ],
    "follow_ups": ["Where would you use a queue in a web backend?"],
}  # fmt: skip


@pytest.fixture
def brain(settings):
    from interviewer.wiring import offline_brain

    def make(chat: FakeChat) -> LLMBrain:
        return LLMBrain(chat, "openai:gpt-4o-mini", PROMPTS, offline_brain(settings))

    return make


def test_the_models_reading_is_made_valid(brain) -> None:
    chat = FakeChat(respond=queue(json.dumps(READING)))
    log: list = []
    derived = brain(chat).derive_points(QUESTION, REFERENCE, log)
    assert chat.calls and chat.calls[0].base == "derive_key_points"
    assert REFERENCE in chat.calls[0].messages[-1].content
    first, second = derived.key_points
    assert first.keywords == ["lifo", "last in first out", "newest"]  # "stack" echoes the question
    assert len(first.claims) == 1  # the claim with no subject is dropped, and said so
    assert first.probe is None  # it named "lifo"
    assert second.probe and second.keywords  # words found from the text when the model gave none
    assert any("left out" in n for n in derived.notes) and "by the model" in derived.notes[0]
    assert [f.question for f in derived.follow_ups] == READING["follow_ups"]
    assert log and log[0].purpose == "derive_key_points"


def test_a_failing_model_falls_back_to_the_offline_rules_and_says_so(brain) -> None:
    chat = FakeChat(respond=queue("I cannot help with that."))
    derived = brain(chat).derive_points(QUESTION, REFERENCE, [])
    assert derived.notes[0].startswith("derived by the offline rules")
    assert [p.text for p in derived.key_points] == [
        p.text for p in derive(QUESTION, REFERENCE).key_points
    ]


def test_an_empty_reading_is_refused() -> None:
    with pytest.raises(ValueError, match="no usable key point"):
        from_model(QUESTION, ModelDerivation(key_points=[]))


def test_the_importer_uses_the_model_for_answers_without_key_points(settings, brain) -> None:
    chat = FakeChat(respond=queue(json.dumps(READING)))
    llm = brain(chat)
    repo = Repository(settings.resolved_database_url)
    text = (
        "id,question,reference_answer,key_points\n"
        f'sq,"{QUESTION}","{REFERENCE}",\n'
        f'given,"What does git stash do?","It shelves uncommitted work.","It shelves work"\n'
    )
    result = import_bank(
        repo,
        load_knowledge(settings.knowledge_dir),
        text.encode(),
        "model-bank.csv",
        actor="coach",
        deriver=lambda q, r: llm.derive_points(q, r, []),
    )
    by_id = {b.question.id: b for b in result.built.questions}
    assert by_id["model-bank.sq"].question.key_points[0].text.startswith("A stack hands back")
    assert by_id["model-bank.given"].question.key_points[0].text == "It shelves work"
    assert len(chat.calls) == 1  # the entry with its own key points needs no model


def test_the_scripted_stand_in_reads_like_the_offline_rules(settings) -> None:
    from interviewer.wiring import make_brain

    mirror = make_brain(settings, "scripted:mirror")
    derived = mirror.derive_points(QUESTION, REFERENCE, [])
    assert "by the model" in derived.notes[0]
    assert [p.text for p in derived.key_points] == [
        p.text for p in derive(QUESTION, REFERENCE).key_points
    ]
