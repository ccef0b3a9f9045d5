"""Sentence splitting that keeps exact substrings, so evidence quotes stay verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+|(?<=;)\s+(?=[A-Z])")
_WORD = re.compile(r"[A-Za-z0-9%$€₹][A-Za-z0-9'%./+#-]*")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int

    @property
    def words(self) -> list[str]:
        return words(self.text)


def split_sentences(answer: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    position = 0
    for match in _BOUNDARY.finditer(answer):
        _append(sentences, answer, position, match.start())
        position = match.end()
    _append(sentences, answer, position, len(answer))
    return sentences


def _append(out: list[Sentence], answer: str, start: int, end: int) -> None:
    piece = answer[start:end]
    stripped = piece.strip()
    if len(words(stripped)) == 0:
        return
    offset = start + (len(piece) - len(piece.lstrip()))
    out.append(Sentence(stripped, offset))


def words(text: str) -> list[str]:
    return [w.lower().strip(".'") for w in _WORD.findall(text)]


def normalise(text: str) -> str:
    """Lower case, single spaces, simple punctuation removed: for keyword matching."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9%$()+#./' -]+", " ", text)
    text = re.sub(r"[.,;:!?']+(?=\s|$)|(?<=\s)'", " ", text)  # trailing punctuation, quotes
    return " " + " ".join(text.split()) + " "


def contains_phrase(normalised_text: str, phrase: str) -> bool:
    """Whole-word phrase match on normalise()d text (prefix match for words >= 5 letters)."""
    target = " ".join(normalise(phrase).split())
    if not target:
        return False
    if f" {target} " in normalised_text:
        return True
    # Allow simple inflections: "index" matches "indexes", "indexing".
    if len(target) >= 5 and " " not in target:
        return re.search(rf" {re.escape(target)}[a-z]{{0,3}} ", normalised_text) is not None
    return False


_ITEM_SPLIT = re.compile(r"\s*(?:[,;/|\n]|\band\b|\bor\b)\s*")
_VERBISH = re.compile(
    r"\b(is|are|was|were|be|been|being|can|cannot|can't|could|will|would|should|must|may|"
    r"does|do|did|doesn't|don't|has|have|had|means|uses|use|makes|lets|returns|gives|takes|"
    r"stores|keeps|runs|calls|creates|allows|needs|changes|becomes|gets|so|because|which|that)\b",
    re.IGNORECASE,
)


def is_term_list(text: str) -> bool:
    """A bare list of terms ("mutable, immutable, hashable, dict keys"): several short items
    and no verb or connective that would make them a statement."""
    items = [i for i in _ITEM_SPLIT.split(text.strip().strip(".")) if i.strip()]
    if len(items) < 3 or _VERBISH.search(text):
        return False
    return sum(1 for i in items if len(words(i)) <= 3) >= 0.8 * len(items)
