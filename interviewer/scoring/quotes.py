"""Evidence quotes: verbatim, snapped to the answer's exact words, or rejected.

Models copy quotes almost verbatim: "I built" for "we built", a dropped comma, a curly
apostrophe, trailing "...". Re-asking for that costs a whole model call. A quote that
matches a span of the answer within a small edit distance is replaced by that span (the
answer's own words, so the evidence shown is still exact); anything further off is
rejected and re-asked. Matching ignores case and runs of whitespace; a snap never changes
a number or a negation ("30 ms" is not "300 ms", "is not" is not "is").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

MIN_SNAP_CHARS = 12  # shorter quotes ("O(log n)") must be exact: one edit changes their meaning
MAX_EDIT_FRACTION = 0.15  # at most ~1 edit per 7 characters of the quote
_TRIM = " \t\n\"'`“”‘’.,;:…"

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[a-z']+")
_NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "neither", "nor", "without"})

Outcome = Literal["exact", "snapped", "rejected"]


@dataclass(frozen=True)
class QuoteMatch:
    outcome: Outcome
    text: str  # the answer's exact span when snapped, else the quote as given


def _fold(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with whitespace runs collapsed, and each folded char's source index."""
    chars: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                index.append(position)
            continue
        low = char.lower()
        chars.append(low if len(low) == 1 else char)
        index.append(position)
    return "".join(chars), index


def _clean(quote: str) -> str:
    quote = quote.strip(_TRIM)
    while quote.endswith("...") or quote.startswith("..."):
        quote = quote.strip(".").strip(_TRIM)
    return quote


def match_quote(quote: str, answer: str) -> QuoteMatch:
    folded_answer, index = _fold(answer)
    folded_quote, _ = _fold(" ".join(quote.split()))
    if folded_quote and folded_quote in folded_answer:
        return QuoteMatch("exact", quote)
    cleaned, _ = _fold(_clean(quote))
    if cleaned and cleaned in folded_answer:
        start = folded_answer.index(cleaned)
        return QuoteMatch("snapped", _source(answer, index, start, start + len(cleaned)))
    if len(cleaned) < MIN_SNAP_CHARS or len(cleaned) > len(folded_answer) + 4:
        return QuoteMatch("rejected", quote)
    alignment = fuzz.partial_ratio_alignment(cleaned, folded_answer)
    if alignment is None:
        return QuoteMatch("rejected", quote)
    start, end = _word_bounds(folded_answer, alignment.dest_start, alignment.dest_end)
    span = folded_answer[start:end]
    budget = max(2, int(len(cleaned) * MAX_EDIT_FRACTION))
    if not span or Levenshtein.distance(cleaned, span, score_cutoff=budget) > budget:
        return QuoteMatch("rejected", quote)
    if _meaning(cleaned) != _meaning(span):  # "30 ms" for "300 ms", "is" for "is not"
        return QuoteMatch("rejected", quote)
    return QuoteMatch("snapped", _source(answer, index, start, end))


def _meaning(text: str) -> tuple[list[str], list[str]]:
    """What a small edit must not change: the numbers, and the negations."""
    words = _WORD.findall(text)
    return _NUMBER.findall(text), [w for w in words if w in _NEGATIONS or w.endswith("n't")]


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words: a match may begin or end mid-word ("e built")."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _source(answer: str, index: list[int], start: int, end: int) -> str:
    return answer[index[start] : index[end - 1] + 1]
