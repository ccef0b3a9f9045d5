"""PDF export: a valid, readable document, whatever a candidate typed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from interviewer.exports import pdf as pdf_export
from interviewer.exports.pdf import markdown_to_pdf

REPORT = """# Interview report
## Summary
Overall a **solid** attempt.
### Strengths
- Explained the GIL clearly
1. Practise writing decorators
> I would use a generator here.

| Question | Score | Feedback |
|---|---:|---|
| What is a decorator? | 7/10 | Good **explanation** of wrapping |

<sub>Generated offline</sub>
"""
HOSTILE = (
    "Bell\x07 nul\x00 esc\x1b rlo\u202e lone\ud800 private\ue000 end\n"
    "Emoji 😀👍🏽❤️ Hindi नमस्ते Hebrew שלום accents café naïve\n"
    "<script>alert(1)</script> <b>not bold</b> {nb} __not italic__ [link](http://example.com)\n"
)


def _reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF")
    return PdfReader(io.BytesIO(data))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(data).pages)


def _fonts(data: bytes) -> set[str]:
    names = set()
    for page in _reader(data).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_report_is_readable() -> None:
    data = markdown_to_pdf(REPORT, "Report for Ana")
    reader = _reader(data)
    text = _text(data)
    assert reader.metadata is not None and reader.metadata.title == "Report for Ana"
    assert text.startswith("Report for Ana")  # the title opens page 1
    for expected in (
        "Interview report",
        "Summary",
        "Strengths",
        "Overall a solid attempt.",
        "Explained the GIL clearly",
        "1.",
        "Practise writing decorators",
        "I would use a generator here.",
        "What is a decorator?",
        "7/10",
        "Good explanation of wrapping",
        "Generated offline",
        "Page 1",
    ):
        assert expected in text
    for markup in ("**", "<sub>", "|---", "# ", "> "):
        assert markup not in text
    assert any("Bold" in name for name in _fonts(data)), _fonts(data)


def test_headings_and_table_cells_wrap_instead_of_overflowing() -> None:
    word = "x" * 5000
    markdown = f"# {word}\n\n{word}\n- {word}\n> {word}\n\n| a | b |\n|---|---|\n| {word} | y |\n"
    data = markdown_to_pdf(markdown, "Long words")
    assert len(_reader(data).pages) > 1
    assert _text(data).count("x") == 5 * 5000  # broken across lines, nothing clipped


def test_ragged_and_oversized_tables_render() -> None:
    tall = "word " * 3000  # taller than a page in its column
    markdown = (
        "| a | b |\n|---|---|\n| only one |\n| one | two | three |\n"
        f"| {tall} | short |\n| after | end |\n"
    )
    text = _text(markdown_to_pdf(markdown, "Tables"))
    assert "only one" in text and "three" in text and "after" in text
    assert text.count("word") == 3000


@pytest.mark.slow
def test_very_long_input_gives_many_pages() -> None:
    line = "- The candidate explained **hash tables** and their O(1) average lookups.\n"
    markdown = (line * (200_000 // len(line) + 1))[:200_000] + "\nTHE-END"
    reader = _reader(markdown_to_pdf(markdown, "Long"))
    assert len(reader.pages) > 10
    last = reader.pages[-1].extract_text()
    assert "THE-END" in last and f"Page {len(reader.pages)}" in last


def test_hostile_text_is_printed_not_interpreted() -> None:
    data = markdown_to_pdf(HOSTILE, "Ana\x00\u202e — <i>report</i>")
    reader = _reader(data)
    text = _text(data)
    assert reader.metadata is not None and reader.metadata.title == "Ana — <i>report</i>"
    assert "<script>alert(1)</script>" in text
    assert "<b>not bold</b>" in text and "__not italic__" in text and "{nb}" in text
    assert "[link](http://example.com)" in text
    assert "/Annots" not in reader.pages[0]  # no link was made
    assert "café naïve" in text and "Bell nul esc rlo lone private end" in text
    assert not any(c in text for c in "\x00\x07\x1b\u202e\ue000")


def test_unicode_font_keeps_non_latin1_text() -> None:
    if pdf_export._find_fonts() is None:
        pytest.skip("no Unicode TTF font on this machine")
    data = markdown_to_pdf("Dash — quotes “ok” Hebrew שלום", "Unicode")
    assert "Dash — quotes “ok”" in _text(data)
    assert not any("Helvetica" in name for name in _fonts(data))


def test_core_font_fallback_without_ttf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_export, "_find_fonts", lambda: None)
    data = markdown_to_pdf(REPORT + HOSTILE + "Dash — x", "Report — Ana")
    text = _text(data)
    assert "Overall a solid attempt." in text and "What is a decorator?" in text
    assert "café naïve" in text and "Dash ? x" in text and "<script>alert(1)</script>" in text
    assert _fonts(data) <= {"/Helvetica", "/Helvetica-Bold", "/Helvetica-Oblique"}
    assert "/Helvetica-Bold" in _fonts(data)


def test_font_lookup_honours_the_setting_and_survives_a_broken_font(tmp_path: Path) -> None:
    found = pdf_export._find_fonts(tmp_path / "missing.ttf")  # falls through to standard paths
    assert found is None or found[""].is_file()
    if found is not None:
        assert pdf_export._find_fonts(found[""]) == found
    broken = tmp_path / "Broken.ttf"
    broken.write_bytes(b"not a font")
    assert pdf_export._find_fonts(broken) == {"": broken, "B": broken, "I": broken}
    assert "Overall a solid attempt." in _text(markdown_to_pdf(REPORT, "Broken font", broken))
