"""Split prose into token-bounded chunks along paragraph and sentence boundaries."""

from __future__ import annotations

import re

from interviewer import tokens

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def chunk_text(text: str, max_tokens: int, overlap: int = 0) -> list[str]:
    """Greedy packing of paragraphs (then sentences, then token windows) up to max_tokens.

    `overlap` tokens from the end of one chunk start the next when a paragraph had to be
    cut by a token window, so a sentence split across chunks stays findable.
    """
    if max_tokens < 8:
        raise ValueError("max_tokens must be at least 8")
    units: list[str] = []
    for paragraph in _paragraphs(text):
        if tokens.count_tokens(paragraph) <= max_tokens:
            units.append(paragraph)
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            if tokens.count_tokens(sentence) <= max_tokens:
                units.append(sentence)
            else:
                units.extend(_windows(sentence, max_tokens, overlap))
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for unit in units:
        size = tokens.count_tokens(unit)
        if current and used + size > max_tokens:
            chunks.append("\n\n".join(current))
            current, used = [], 0
        current.append(unit)
        used += size
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def _windows(text: str, max_tokens: int, overlap: int) -> list[str]:
    ids = tokens.encode(text)
    step = max(1, max_tokens - min(overlap, max_tokens // 2))
    return [
        tokens.decode(ids[i : i + max_tokens])
        for i in range(0, len(ids), step)
        if ids[i : i + max_tokens]
    ]
