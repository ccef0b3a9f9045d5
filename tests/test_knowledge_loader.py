from pathlib import Path

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.knowledge.loader import KnowledgeError, load_knowledge
from tests.support.paths import FIXTURES

GOOD_QUESTION = """
  - id: {qid}
    difficulty: easy
    type: technical
    question: What does a dictionary do in Python?
    key_points:
      - text: maps hashable keys to values
      - text: average constant-time lookups
      - text: keys must be hashable
    follow_ups:
      - question: Why can a list not be a key?
    model_answer: A dict maps hashable keys to values with average O(1) lookups via hashing.
"""


def _area(name: str, questions: str) -> str:
    notes = "Dictionaries are hash tables. " * 10
    return (
        f"area: {name}\ntitle: Test area\nsummary: A test area used to check validation messages.\n"
        f"topics:\n  - id: {name}.t\n    title: Notes\n    notes: {notes}\nquestions:{questions}"
    )


def test_bundled_knowledge_meets_the_coverage_floor() -> None:
    kb = load_knowledge(PROJECT_ROOT / "knowledge")
    assert len(kb.areas) >= 8
    assert len(kb.questions) >= 120
    types = {q.type.value for q in kb.questions}
    assert {"technical", "conceptual", "behavioural", "project"} <= types
    for area in (
        "core-python",
        "frameworks",
        "databases",
        "rest-apis",
        "git",
        "docker",
        "deployment",
        "dsa",
        "behavioural",
        "projects",
        "common-mistakes",
        "faqs",
    ):
        assert area in kb.areas, area
    assert all(q.competency for q in kb.questions if q.type.value == "behavioural")


def test_fixture_knowledge_loads() -> None:
    kb = load_knowledge(FIXTURES / "knowledge")
    assert kb.question("py.dict-lookup").key_points[1].keywords[0] == "o(1)"
    assert kb.area_of("beh.deadline") == "behavioural"


def test_malformed_entry_names_file_entry_and_problem(tmp_path: Path) -> None:
    bad = GOOD_QUESTION.format(qid="py.bad").replace("difficulty: easy", "difficulty: trivial")
    (tmp_path / "a.yaml").write_text(_area("a", bad))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(tmp_path)
    message = str(caught.value)
    assert "a.yaml" in message
    assert "questions[0] (id py.bad).difficulty" in message
    assert "easy" in message  # pydantic lists the allowed values


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    typo = GOOD_QUESTION.format(qid="py.x").replace("model_answer:", "model_anwser:")
    (tmp_path / "a.yaml").write_text(_area("a", typo))
    with pytest.raises(KnowledgeError, match="model_anwser"):
        load_knowledge(tmp_path)


def test_duplicate_ids_across_files_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_area("a", GOOD_QUESTION.format(qid="py.same")))
    (tmp_path / "b.yaml").write_text(_area("b", GOOD_QUESTION.format(qid="py.same")))
    with pytest.raises(KnowledgeError, match="duplicate id 'py.same'.*a.yaml"):
        load_knowledge(tmp_path)


def test_behavioural_question_needs_a_competency(tmp_path: Path) -> None:
    beh = GOOD_QUESTION.format(qid="beh.x").replace("type: technical", "type: behavioural")
    (tmp_path / "a.yaml").write_text(_area("a", beh))
    with pytest.raises(KnowledgeError, match="competency"):
        load_knowledge(tmp_path)


def test_follow_up_must_target_an_existing_key_point(tmp_path: Path) -> None:
    q = GOOD_QUESTION.format(qid="py.x").replace(
        "- question: Why can a list not be a key?",
        "- question: Why can a list not be a key?\n        key_point: 9",
    )
    (tmp_path / "a.yaml").write_text(_area("a", q))
    with pytest.raises(KnowledgeError, match="key point 9"):
        load_knowledge(tmp_path)


def test_unreadable_yaml_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("area: [unclosed")
    with pytest.raises(KnowledgeError, match="a.yaml: cannot read YAML"):
        load_knowledge(tmp_path)
