"""Chunks stay within their budget, keep every word, and overlap as asked."""

from interviewer import tokens
from interviewer.knowledge.chunking import chunk_text
from tests.support.paths import ASSETS_DIR


def test_chunks_fit_and_cover_the_text() -> None:
    tokens.configure(ASSETS_DIR)
    text = "\n\n".join(f"Paragraph {i}. " + "word " * 60 for i in range(8))
    chunks = chunk_text(text, max_tokens=80, overlap=10)
    assert len(chunks) > 1
    encoding = tokens.encoding_for("gpt-4o-mini")
    assert all(tokens.count_tokens(c, encoding) <= 80 for c in chunks)
    for i in range(8):
        assert any(f"Paragraph {i}." in c for c in chunks)


def test_short_text_is_one_chunk() -> None:
    tokens.configure(ASSETS_DIR)
    assert chunk_text("A short note about dicts.", max_tokens=80) == ["A short note about dicts."]
