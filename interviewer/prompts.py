"""Prompts as data: one YAML file per prompt, with declared variables and a version.

A template that uses a variable it does not declare, or declares one it never uses, fails
at load time; rendering without a declared variable fails too. The version is stored
with every score the prompt produces.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from interviewer.errors import UserError


class PromptError(UserError, ValueError):
    pass


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str = Field(min_length=1)
    description: str = ""
    variables: list[str]
    system: str
    user: str

    @model_validator(mode="after")
    def _declared_match_used(self) -> Prompt:
        used = _fields(self.system) | _fields(self.user)
        declared = set(self.variables)
        if used - declared:
            raise ValueError(f"template uses undeclared variable(s): {sorted(used - declared)}")
        if declared - used:
            raise ValueError(f"declared variable(s) never used: {sorted(declared - used)}")
        return self

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def render(self, **values: object) -> list[BaseMessage]:
        missing = set(self.variables) - set(values)
        if missing:
            raise PromptError(f"prompt {self.name}: missing variable(s) {sorted(missing)}")
        extra = set(values) - set(self.variables)
        if extra:
            raise PromptError(f"prompt {self.name}: unexpected variable(s) {sorted(extra)}")
        text = {k: str(v) for k, v in values.items()}
        return [SystemMessage(self.system.format(**text)), HumanMessage(self.user.format(**text))]


def load_prompt(path: Path) -> Prompt:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Prompt.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise PromptError(f"{path}: cannot read prompt: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'file'}: {e['msg']}" for e in exc.errors()
        )
        raise PromptError(f"{path}: invalid prompt: {problems}") from exc


REQUIRED = (
    "ask_question",
    "follow_up",
    "reask",
    "score_star",
    "score_star_cited",
    "score_technical",
    "score_technical_cited",
    "read_profile",
)


def check_prompts_dir(directory: Path) -> dict[str, Prompt]:
    """A prompts folder the brains can use: readable, valid, with every prompt they need."""
    if not directory.is_dir():
        raise PromptError(f"{directory}: not a folder of prompts")
    prompts = load_prompts(directory)
    missing = [name for name in REQUIRED if name not in prompts]
    if missing:
        raise PromptError(
            f"{directory}: missing prompt file(s) {', '.join(m + '.yaml' for m in missing)}"
        )
    return prompts


@lru_cache(maxsize=16)
def load_prompts(directory: Path) -> dict[str, Prompt]:
    prompts = {}
    for path in sorted(directory.glob("*.yaml")):
        prompt = load_prompt(path)
        if prompt.name != path.stem:
            raise PromptError(f"{path}: name {prompt.name!r} must match the file name")
        prompts[prompt.name] = prompt
    return prompts
