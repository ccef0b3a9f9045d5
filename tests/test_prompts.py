from pathlib import Path

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.prompts import PromptError, load_prompt, load_prompts

PROMPT = """name: demo
version: "7"
variables: [question]
system: You are an interviewer.
user: "Ask about {question} and {answer}"
"""


def test_bundled_prompts_load_with_versions() -> None:
    prompts = load_prompts(PROJECT_ROOT / "prompts")
    assert {"score_star", "score_technical", "follow_up", "ask_question", "reask"} <= set(prompts)
    assert all(p.version for p in prompts.values())


def test_undeclared_variable_fails_at_load(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(PROMPT)
    with pytest.raises(PromptError, match="undeclared variable.*answer"):
        load_prompt(path)


def test_unused_declaration_fails_at_load(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(PROMPT.replace("[question]", "[question, answer, extra]"))
    with pytest.raises(PromptError, match="never used.*extra"):
        load_prompt(path)


def test_rendering_without_a_variable_fails(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(PROMPT.replace("[question]", "[question, answer]"))
    prompt = load_prompt(path)
    assert prompt.label == "demo@7"
    with pytest.raises(PromptError, match="missing variable.*answer"):
        prompt.render(question="GIL")
    _system, user = prompt.render(question="GIL", answer="{not a placeholder}")
    assert user.content == "Ask about GIL and {not a placeholder}"
