"""Untrusted text is shown as typed, never as markup, a link or an image."""

import html

import pytest

from interviewer.safe_text import code_span, inert, inert_markdown, unescape_markdown, visible


@pytest.mark.parametrize(
    "text",
    [
        "![x](http://evil.example/p.png)",
        "[click](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "visit www.evil.example or mail me@evil.example",
        "**bold** _it_ `code` # heading | table |",
        "1. not a list\n- nor this\n> nor a quote",
        "5 > 3 & a < b",
    ],
)
def test_markdown_is_inert_and_round_trips(text: str) -> None:
    shown = inert_markdown(text)
    assert "](" not in shown and "<img" not in shown and "http://" not in shown
    assert "www." not in shown and "me@" not in shown
    assert html.unescape(unescape_markdown(shown)) == text


def test_bidi_and_control_characters_are_tagged() -> None:
    assert visible("evil\u202etxt.exe") == "evil[U+202E]txt.exe"
    assert visible("nul\x00 bell\x07") == "nul[U+0000] bell[U+0007]"
    assert visible("line\nnext\ttab") == "line\nnext\ttab"
    assert inert("<b>") == "&lt;b&gt;"


def test_code_spans_cannot_be_closed() -> None:
    assert code_span("a`b") == "`a'b`"


def test_visible_tags_exactly_the_characters_unicode_calls_control_or_surrogate() -> None:
    """The compiled character class against Unicode's own categories, over every code point
    of the planes where Cc and Cs live (and the bidi controls)."""
    import unicodedata

    from interviewer.safe_text import _BIDI, visible

    for point in [*range(0x0, 0x3000), *range(0xD700, 0xE100)]:
        char = chr(point)
        tagged = char in _BIDI or unicodedata.category(char) in ("Cc", "Cs")
        tagged = tagged and char not in "\n\t"
        assert (visible(char) == f"[U+{point:04X}]") is tagged, hex(point)
