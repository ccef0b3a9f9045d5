"""Score objects, the same for every brain.

Fields the LLM fills carry descriptions: they become part of the JSON schema the model
sees. Business rules (ranges, "a quote must occur in the answer") live in validators, so
a model's invalid output is caught in one place and re-asked with the error.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from interviewer.scoring.quotes import match_quote

STAR_PARTS = ("situation", "task", "action", "result")
StarPartName = Literal["situation", "task", "action", "result"]


# Reply-size hints for constrained decoding. A grammar-constrained small model stops where
# the schema says (without them a 1.5B model wrote 800-token scores); they are hints in
# the JSON schema, not validation rules, so a longer reply from another provider is still
# accepted. OpenAI's strict mode takes maxItems; string lengths go to grammar servers only.
def _most(items: int, chars: int = 200) -> dict[str, Any]:
    return {"maxItems": items, "items": {"type": "string", "maxLength": chars}}


def _chars(chars: int) -> dict[str, Any]:
    return {"maxLength": chars}


def _quotes_occur(quotes: list[str], info: ValidationInfo) -> list[str]:
    """Every evidence quote must come from the answer (checked when context has it).

    A near-verbatim quote is replaced by the answer's exact span (scoring.quotes); the
    context's "quote_outcomes" list, when given, counts what happened to each quote."""
    context = info.context or {}
    answer = context.get("answer")
    if answer is None:
        return quotes
    outcomes = context.get("quote_outcomes")
    kept: list[str] = []
    for quote in quotes:
        match = match_quote(quote, answer)
        if isinstance(outcomes, list):
            outcomes.append(match.outcome)
        if match.outcome == "rejected":
            raise ValueError(f"evidence quote {quote!r} does not occur verbatim in the answer")
        kept.append(match.text)
    return kept


class StarLabels(BaseModel):
    """Human labels of a STAR answer, 0-2 per part (eval data and coach overrides)."""

    model_config = ConfigDict(extra="forbid")
    situation: int = Field(ge=0, le=2)
    task: int = Field(ge=0, le=2)
    action: int = Field(ge=0, le=2)
    result: int = Field(ge=0, le=2)


class StarPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(
        ge=0,
        le=2,
        description="0 absent; 1 present but vague, generic, or 'we' with no own role; "
        "2 specific and concrete (action: the candidate's own steps; result: a stated, "
        "ideally measured, outcome or a lesson).",
    )
    evidence: list[str] = Field(
        default_factory=list,
        description="Verbatim quotes from the answer that show this part; empty if absent.",
        json_schema_extra=_most(2, 160),
    )
    _quotes = field_validator("evidence")(_quotes_occur)


class StarScore(BaseModel):
    """STAR assessment of a behavioural answer."""

    model_config = ConfigDict(extra="forbid")

    situation: StarPart
    task: StarPart
    action: StarPart
    result: StarPart
    overall: int = Field(
        ge=1,
        le=5,
        description="1 no story or off-topic; 2 fragments; 3 complete but vague in places; "
        "4 complete and specific with one weak part; 5 complete, specific, own actions "
        "clear, measurable result and reflection.",
    )
    missing: list[StarPartName] = Field(
        default_factory=list, description="Parts scored 0 (absent)."
    )
    tips: list[str] = Field(
        default_factory=list,
        description="Concrete, actionable tips, one per weak part.",
        json_schema_extra=_most(4),
    )
    summary: str = Field(
        default="",
        description="One or two sentences explaining the score.",
        json_schema_extra=_chars(300),
    )

    @model_validator(mode="after")
    def _consistent(self) -> StarScore:
        absent = [p for p in STAR_PARTS if getattr(self, p).score == 0]
        if sorted(self.missing) != sorted(absent):
            raise ValueError(f"'missing' must list exactly the parts scored 0: {absent}")
        present = 4 - len(absent)
        if present == 0 and self.overall > 1:
            raise ValueError("an answer with no STAR part present must have overall 1")
        if self.overall == 5 and any(getattr(self, p).score < 2 for p in STAR_PARTS):
            raise ValueError("overall 5 requires every part to score 2")
        return self

    def part(self, name: str) -> StarPart:
        part: StarPart = getattr(self, name)
        return part


class KeyPointVerdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=1, description="1-based index of the key point.")
    covered: bool
    evidence: list[str] = Field(
        default_factory=list,
        description="Verbatim quotes from the answer covering the point.",
        json_schema_extra=_most(2, 160),
    )
    _quotes = field_validator("evidence")(_quotes_occur)

    @model_validator(mode="after")
    def _evidence_when_covered(self) -> KeyPointVerdict:
        if self.covered and not self.evidence:
            raise ValueError(f"key point {self.index} is marked covered but has no evidence quote")
        return self


def _quote_occurs(quote: str, info: ValidationInfo) -> str:
    return _quotes_occur([quote], info)[0]


class FactualError(BaseModel):
    """Something the answer states that is wrong, with the words it used."""

    model_config = ConfigDict(extra="forbid")

    quote: str = Field(
        description="The exact words of the answer that are wrong.", json_schema_extra=_chars(160)
    )
    key_point: int | None = Field(
        default=None, ge=1, description="The key point it contradicts, if one (1-based)."
    )
    correction: str = Field(
        description="What is actually true, in one sentence.", json_schema_extra=_chars(200)
    )
    probe: str | None = Field(
        default=None,
        description="A follow-up question that lets the candidate discover the error "
        "themselves, without stating the correction.",
    )
    _quote = field_validator("quote")(_quote_occurs)


class TechnicalScore(BaseModel):
    """Key-point coverage and correctness of a technical answer."""

    model_config = ConfigDict(extra="forbid")

    key_points: list[KeyPointVerdict]
    score: int = Field(
        ge=0,
        le=5,
        description="0 no answer or off-topic; 1 on topic but no key point; 2 one key point "
        "or mostly vague; 3 about half the key points; 4 most key points, minor gaps; "
        "5 all key points, correct and clear.",
    )
    problems: list[str] = Field(
        default_factory=list,
        description="Factual or conceptual errors in the answer.",
        json_schema_extra=_most(3),
    )
    errors: list[FactualError] = Field(
        default_factory=list,
        json_schema_extra={"maxItems": 3},
        description="Each factual error with its exact quote, the key point it contradicts "
        "and a probe (a key point with an error is not covered).",
    )
    summary: str = Field(default="", description="One or two sentences explaining the score.")

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> TechnicalScore:
        wrong = {e.key_point for e in self.errors if e.key_point is not None}
        overlap = sorted(wrong & {kp.index for kp in self.key_points if kp.covered})
        if overlap:
            raise ValueError(f"key point(s) {overlap} cannot be covered and contradicted")
        indexes = sorted(kp.index for kp in self.key_points)
        expected = (info.context or {}).get("key_point_count")
        if expected is not None and indexes != list(range(1, expected + 1)):
            raise ValueError(
                f"judge each of the {expected} key points exactly once (1..{expected})"
            )
        if len(set(indexes)) != len(indexes):
            raise ValueError("each key point must be judged once")
        if not any(kp.covered for kp in self.key_points) and self.score > 1:
            raise ValueError("a score above 1 needs at least one covered key point")
        return self

    @property
    def covered(self) -> list[int]:
        return [kp.index for kp in self.key_points if kp.covered]

    @property
    def missed(self) -> list[int]:
        return [kp.index for kp in self.key_points if not kp.covered]


class DeliveryHints(BaseModel):
    """Text-level delivery observations; reported, never mixed into the content score."""

    words: int
    sentences: int
    filler_words: dict[str, int] = Field(default_factory=dict)
    hedges: dict[str, int] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


class CodingPart(BaseModel):
    """One dimension of a coding score: 0 (missing), 1 (partly), 2 (strong), with what
    showed it (tests, timings, ruff findings, the candidate's words)."""

    score: int = Field(ge=0, le=2)
    evidence: list[str] = Field(default_factory=list, max_length=8)
    tip: str = ""


class CodingScore(BaseModel):
    """The coding round's score, shared by every brain. Correctness, efficiency and code
    quality come from what the sandbox measured; communication from what the candidate
    said about their code (the complexity they claimed against the measurement, the
    follow-ups' key points).

    Overall, anchored: 1 nothing passes or it does not run; 2 some tests pass; 3 every test
    passes but it is slower than expected or left unexplained; 4 every test passes at the
    expected complexity, with one weak spot (quality or explanation); 5 every test passes,
    at the expected complexity, clean, and explained correctly."""

    problem_id: str
    title: str
    correctness: CodingPart
    efficiency: CodingPart
    quality: CodingPart
    communication: CodingPart
    overall: int = Field(ge=1, le=5)
    tests_passed: int = Field(ge=0)
    tests_total: int = Field(ge=0)
    measured: str | None = Field(default=None, description="The fitted complexity class.")
    expected: str
    claimed: str | None = Field(default=None, description="The complexity the candidate stated.")
    code: str = Field(default="", description="The code the score is about (last Submit).")
    runs: int = Field(default=0, ge=0, description="Runs and Submits before this score.")
    summary: str = ""

    @property
    def parts(self) -> dict[str, CodingPart]:
        return {
            "correctness": self.correctness,
            "efficiency": self.efficiency,
            "quality": self.quality,
            "communication": self.communication,
        }


class ProjectPart(BaseModel):
    """One part of a project answer: 0 (missing), 1 (partly), 2 (strong), the answer's own
    words that showed it, and a tip."""

    score: int = Field(ge=0, le=2)
    evidence: list[str] = Field(default_factory=list, max_length=4)
    tip: str = ""


PROJECT_PARTS = ("ownership", "depth", "trade_offs", "outcome")


class ProjectScore(BaseModel):
    """The project round's rubric, shared by every brain: what the candidate did themselves,
    how deep the technical explanation goes, the reasons and alternatives, and the outcome
    with its evidence. Overall, anchored: 1 no real answer about the project; 2 thin, a
    feature list; 3 adequate, some own work but shallow on why or on evidence; 4 own work
    with depth and either trade-offs or a measured outcome; 5 all four strong."""

    project: str = Field(description="The CV project the question was about.")
    ownership: ProjectPart
    depth: ProjectPart
    trade_offs: ProjectPart
    outcome: ProjectPart
    overall: int = Field(ge=1, le=5)
    technologies: list[str] = Field(
        default_factory=list, description="Technologies the answer named (canonical names)."
    )
    summary: str = ""

    @property
    def parts(self) -> dict[str, ProjectPart]:
        return {name: getattr(self, name) for name in PROJECT_PARTS}


Brain = Literal["offline", "llm", "offline-fallback"]


class ScoreRecord(BaseModel):
    """A score as stored and shown: which brain produced it, and why if it fell back."""

    kind: Literal["star", "technical", "coding", "project"]
    brain: Brain
    model: str
    prompt_version: str
    star: StarScore | None = None
    technical: TechnicalScore | None = None
    coding: CodingScore | None = None
    project: ProjectScore | None = None
    delivery: DeliveryHints
    ignored_instructions: list[str] = Field(
        default_factory=list,
        description="Sentences addressed to the grader, removed before scoring.",
    )
    fallback_reason: str | None = Field(
        default=None, description="Why the LLM failed, in a few safe words the candidate sees."
    )
    fallback_detail: str | None = Field(
        default=None,
        description="The failure in full (secrets redacted), for the log and the coach only.",
    )
    model_answer: str | None = Field(
        default=None, description="The knowledge base's outline of a strong answer (technical)."
    )

    @property
    def normalised(self) -> float:
        """0..1, for aggregation across kinds."""
        if self.star is not None:
            return (self.star.overall - 1) / 4
        if self.coding is not None:
            return (self.coding.overall - 1) / 4
        if self.project is not None:
            return (self.project.overall - 1) / 4
        assert self.technical is not None
        return self.technical.score / 5

    @property
    def label(self) -> str:
        if self.brain == "offline-fallback":
            return "offline engine (LLM failed; fallback)"
        if self.brain == "offline":
            return "offline engine"
        return f"LLM ({self.model})"
