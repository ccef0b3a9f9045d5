"""Evidence by sentence number: the score forms for grammar-constrained models.

A small model asked for verbatim quotes invents them ("I built" for "we built", the key
point's words instead of the answer's): on the local 1.5B model, 9 in 10 invalid scores
were invented quotes. Here the answer goes to the model as numbered sentences and the
wire schema asks for sentence numbers, integers from an enum the server's grammar enforces,
so a citation cannot be made up; scores are enums too (grammars ignore minimum/maximum).
The reply is turned back into the one StarScore / TechnicalScore every brain produces, each
cited sentence becoming an exact evidence quote, and validated with the same business rules.

Redundant fields the model could only get wrong are derived, not asked: a STAR part's
`missing` entry is "scored 0", and a key point is covered exactly when the model cites a
sentence that states it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from interviewer.scoring.schemas import STAR_PARTS, StarScore, TechnicalScore
from interviewer.scoring.text import Sentence, split_sentences

MAX_SENTENCES = 40  # longer answers are cited in groups of neighbouring sentences
MAX_CITED = 3  # sentence numbers per STAR part or key point


@dataclass(frozen=True)
class NumberedAnswer:
    """The answer as the model sees it: numbered sentences, each an exact span of it."""

    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(f"[{n}] {s}" for n, s in enumerate(self.sentences, start=1))

    def sentence(self, number: Any, where: str) -> str:
        if not isinstance(number, int) or isinstance(number, bool):
            raise ValueError(f"{where}: sentence numbers are integers, got {number!r}")
        if not 1 <= number <= len(self.sentences):
            raise ValueError(
                f"{where}: sentence {number} does not exist (the answer has sentences "
                f"1..{len(self.sentences)})"
            )
        return self.sentences[number - 1]

    def quotes(self, numbers: Any, where: str) -> list[str]:
        if not isinstance(numbers, list):
            raise ValueError(f"{where}: 'sentences' must be a list of sentence numbers")
        seen: list[str] = []
        for number in numbers:
            quote = self.sentence(number, where)
            if quote not in seen:
                seen.append(quote)
        return seen


def number_answer(answer: str, sentences: list[Sentence] | None = None) -> NumberedAnswer:
    """The answer's sentences, merged into at most MAX_SENTENCES runs of neighbours.

    `sentences`: the ones to number, with their offsets in `answer` (the sentences kept
    after grader-directed text was removed); by default every sentence of `answer`."""
    sentences = split_sentences(answer) if sentences is None else sentences
    if not sentences:
        return NumberedAnswer((answer.strip() or "(no answer)",))
    if len(sentences) <= MAX_SENTENCES:
        return NumberedAnswer(tuple(s.text for s in sentences))
    size = -(-len(sentences) // MAX_SENTENCES)
    groups = []
    for i in range(0, len(sentences), size):
        first, last = sentences[i], sentences[min(i + size, len(sentences)) - 1]
        groups.append(answer[first.start : last.start + len(last.text)])
    return NumberedAnswer(tuple(groups))


@dataclass(frozen=True)
class CitedForm:
    """A wire schema the model fills, and how its reply becomes the canonical score."""

    name: str  # the canonical schema's name + "Cited"
    schema: dict[str, Any]
    to_canonical: Callable[[dict[str, Any]], dict[str, Any]]


def _enum(values: range) -> dict[str, Any]:
    return {"type": "integer", "enum": list(values)}


def _text(chars: int) -> dict[str, Any]:
    return {"type": "string", "maxLength": chars}


def _strings(items: int, chars: int) -> dict[str, Any]:
    return {"type": "array", "items": _text(chars), "maxItems": items}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _citations(numbered: NumberedAnswer) -> dict[str, Any]:
    return {
        "type": "array",
        "items": _enum(range(1, len(numbered.sentences) + 1)),
        "maxItems": MAX_CITED,
    }


def _mapping(reply: Any, key: str) -> dict[str, Any]:
    value = reply.get(key) if isinstance(reply, dict) else None
    if not isinstance(value, dict):
        raise ValueError(f"{key!r} must be an object")
    return value


def star_form(numbered: NumberedAnswer) -> CitedForm:
    part = _object({"sentences": _citations(numbered), "score": _enum(range(0, 3))})
    schema = _object(
        {
            **{name: part for name in STAR_PARTS},
            "overall": _enum(range(1, 6)),
            "tips": _strings(3, 160),
            "summary": _text(300),
        }
    )

    def to_canonical(reply: dict[str, Any]) -> dict[str, Any]:
        parts = {}
        for name in STAR_PARTS:
            given = _mapping(reply, name)
            parts[name] = {
                "score": given.get("score"),
                "evidence": numbered.quotes(given.get("sentences", []), name),
            }
        return {
            **parts,
            "overall": reply.get("overall"),
            "missing": [name for name in STAR_PARTS if parts[name]["score"] == 0],
            "tips": reply.get("tips", []),
            "summary": reply.get("summary", ""),
        }

    return CitedForm("StarScoreCited", schema, to_canonical)


def point_key(index: int) -> str:
    return f"point_{index}"


def technical_form(numbered: NumberedAnswer, key_points: int) -> CitedForm:
    cite = _citations(numbered)
    error = _object(
        {
            "sentence": _enum(range(1, len(numbered.sentences) + 1)),
            "key_point": _enum(range(0, key_points + 1)),
            "correction": _text(200),
            "probe": _text(200),
        }
    )
    schema = _object(
        {
            "key_points": _object({point_key(i): cite for i in range(1, key_points + 1)}),
            "errors": {"type": "array", "items": error, "maxItems": 3},
            "score": _enum(range(0, 6)),
            "problems": _strings(3, 200),
            "summary": _text(300),
        }
    )

    def to_canonical(reply: dict[str, Any]) -> dict[str, Any]:
        cited = _mapping(reply, "key_points")
        points = []
        for i in range(1, key_points + 1):
            evidence = numbered.quotes(cited.get(point_key(i), []), point_key(i))
            points.append({"index": i, "covered": bool(evidence), "evidence": evidence})
        errors = []
        for n, given in enumerate(reply.get("errors") or [], start=1):
            if not isinstance(given, dict):
                raise ValueError(f"errors[{n}] must be an object")
            point = given.get("key_point")
            errors.append(
                {
                    "quote": numbered.sentence(given.get("sentence"), f"errors[{n}]"),
                    "key_point": point or None,
                    "correction": given.get("correction", ""),
                    "probe": given.get("probe") or None,
                }
            )
        return {
            "key_points": points,
            "score": reply.get("score"),
            "problems": reply.get("problems", []),
            "errors": errors,
            "summary": reply.get("summary", ""),
        }

    return CitedForm("TechnicalScoreCited", schema, to_canonical)


def sentences_of(numbered: NumberedAnswer, quotes: list[str]) -> list[int]:
    """The numbers of the sentences a quote lies in or spans (the inverse of `quotes`)."""
    found: list[int] = []
    for quote in quotes:
        needle = " ".join(quote.split()).lower()
        for n, sentence in enumerate(numbered.sentences, start=1):
            text = " ".join(sentence.split()).lower()
            if (needle in text or text in needle) and n not in found:
                found.append(n)
    return found[:MAX_CITED]


def cite_star(star: StarScore, numbered: NumberedAnswer) -> dict[str, Any]:
    """A StarScore in the cited wire form (the scripted stand-in's replies)."""
    return {
        **{
            name: {
                "sentences": sentences_of(numbered, star.part(name).evidence),
                "score": star.part(name).score,
            }
            for name in STAR_PARTS
        },
        "overall": star.overall,
        "tips": star.tips[:3],
        "summary": star.summary,
    }


def cite_technical(technical: TechnicalScore, numbered: NumberedAnswer) -> dict[str, Any]:
    """A TechnicalScore in the cited wire form (the scripted stand-in's replies)."""
    errors = []
    for error in technical.errors:
        cited = sentences_of(numbered, [error.quote])
        if cited:
            errors.append(
                {
                    "sentence": cited[0],
                    "key_point": error.key_point or 0,
                    "correction": error.correction,
                    "probe": error.probe or "",
                }
            )
    return {
        "key_points": {
            point_key(kp.index): sentences_of(numbered, kp.evidence) if kp.covered else []
            for kp in technical.key_points
        },
        "errors": errors[:3],
        "score": technical.score,
        "problems": technical.problems[:3],
        "summary": technical.summary,
    }
