"""The profile extracted from a CV: what the project round asks about. Every field keeps
the span of the text it came from, so the candidate (and a coach) can see why."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Project(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    summary: str = Field(default="", max_length=400, description="What it does, as written.")
    stack: list[str] = Field(default_factory=list, description="Canonical technology names.")
    role: Literal["own", "team", "unclear"] = "unclear"
    role_evidence: str = Field(default="", max_length=300)
    claims: list[str] = Field(default_factory=list, description="Statements with numbers.")
    span: Span


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["cv", "readme"]
    projects: list[Project] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    education: list[str] = Field(default_factory=list)
    experience: list[str] = Field(default_factory=list, description="Internships and jobs.")
    sections: list[str] = Field(default_factory=list, description="Headings found, in order.")
    extractor: str = "offline"
    notes: list[str] = Field(default_factory=list, description="What was cut or guessed.")
