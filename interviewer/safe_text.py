"""Untrusted text (a candidate's, a coach's, a model's) made inert for every view and export.

Stored text is kept verbatim; what is *shown* goes through here:
- `visible` neutralises characters that change how text around them reads: bidirectional
  controls (which can make "evil.exe" read as "exe.live") and NUL or other control codes
  become a visible `[U+202E]` tag;
- `inert` also escapes HTML, so `<img>` or `<script>` appear as the characters typed;
- `inert_markdown` also escapes Markdown, so `![x](http://...)` or `[click](...)` never
  become an image the coach's browser fetches or a link, and bare URLs, `www.` names and
  e-mail addresses are not auto-linked.
"""

from __future__ import annotations

import html
import re
import unicodedata

_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Markdown's escapable punctuation that can start markup: emphasis, code, links, images,
# headings, lists, tables, HTML. Escaping all of it is always safe in CommonMark.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:@])")


def _tag(char: str) -> str:
    return f"[U+{ord(char):04X}]"


# What `visible` tags: the bidi controls, control codes (Unicode category Cc, U+0000-U+001F
# and U+007F-U+009F) but newline and tab, and lone surrogates (Cs). One compiled class: a
# chat re-renders every message on each turn, and a per-character loop cost ms per view.
_TAGGED = re.compile("[" + "".join(sorted(_BIDI)) + "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def visible(text: str | None) -> str:
    """Bidi controls and control characters (but newlines and tabs) shown as tags."""
    return _TAGGED.sub(lambda match: _tag(match.group()), (text or "").replace("\r\n", "\n"))


def inert(text: str | None) -> str:
    """Visible, and HTML escaped: markup shows as the characters typed."""
    return html.escape(visible(text), quote=False)


def inert_markdown(text: str | None) -> str:
    """Visible, HTML escaped and Markdown escaped: never markup, a link or an image."""
    # HTML first (so `<`, `>` and `&` become entities, which never start Markdown
    # structure), then the Markdown punctuation (entities contain none of it).
    return _MARKDOWN.sub(r"\\\1", html.escape(visible(text), quote=False))


def unescape_markdown(text: str) -> str:
    """The characters `inert_markdown` escaped, back (for renderers of our own Markdown)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~:@])", r"\1", text)


def has_lone_surrogate(text: str) -> bool:
    return any(unicodedata.category(c) == "Cs" for c in text)


def code_block(text: str | None, language: str = "python") -> str:
    """Text as a fenced Markdown code block, shown literally: the fence is longer than any
    run of backticks inside, so the text cannot close it."""
    body = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body}\n{fence}"


def code_span(text: str | None) -> str:
    """Text as a Markdown code span: shown literally (renderers escape code spans'
    contents), so only a backtick, which would end the span, needs replacing."""
    return "`" + visible(text).replace("`", "'").replace("\n", " ") + "`"
