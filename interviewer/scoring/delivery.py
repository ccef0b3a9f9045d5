"""Delivery hints from the text alone: length, filler words, hedging.

Reported beside the score, never mixed into it: a nervous "um" is a delivery habit,
not a content gap.
"""

from __future__ import annotations

import re

from interviewer.scoring.schemas import DeliveryHints
from interviewer.scoring.text import split_sentences, words

FILLERS = (
    "basically",
    "like",
    "um",
    "uh",
    "umm",
    "actually",
    "literally",
    "you know",
    "kind of",
    "sort of",
    "i mean",
)
HEDGES = (
    "i think",
    "i guess",
    "maybe",
    "probably",
    "not sure",
    "i believe",
    "perhaps",
    "i'm not sure",
    "somewhat",
    "might be",
)
# "like" is only a filler when it is not a verb or comparison; count it when set off by commas.
_LIKE_FILLER = re.compile(r"(^|,)\s*like\s*,|\blike,\s", re.IGNORECASE)

TOO_SHORT_WORDS = 25
TOO_LONG_WORDS = 350


def _count(text: str, phrase: str) -> int:
    if phrase == "like":
        return len(_LIKE_FILLER.findall(text))
    return len(re.findall(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE))


def delivery_hints(answer: str) -> DeliveryHints:
    word_count = len(words(answer))
    fillers = {f: n for f in FILLERS if (n := _count(answer, f))}
    hedges = {h: n for h in HEDGES if (n := _count(answer, h))}
    notes: list[str] = []
    if word_count < TOO_SHORT_WORDS:
        notes.append(
            f"Very short answer ({word_count} words): interviewers expect detail and an example."
        )
    elif word_count > TOO_LONG_WORDS:
        notes.append(f"Long answer ({word_count} words): lead with the point, then support it.")
    total_fillers = sum(fillers.values())
    if word_count and total_fillers / word_count > 0.03:
        top = ", ".join(
            f'"{f}" x{n}' for f, n in sorted(fillers.items(), key=lambda kv: -kv[1])[:3]
        )
        notes.append(f"Filler words are frequent ({top}); pause instead.")
    if sum(hedges.values()) >= 3:
        notes.append('Several hedges ("I think", "maybe"): state what you know plainly.')
    return DeliveryHints(
        words=word_count,
        sentences=len(split_sentences(answer)),
        filler_words=fillers,
        hedges=hedges,
        notes=notes,
    )
