"""Render a report or transcript (our small Markdown subset) as an A4 PDF.

Candidates want something they can keep, print or send on, and a PDF reads the same everywhere.
The text is untrusted: HTML is never interpreted, and no character (control codes, emoji,
scripts the font lacks) may crash the export; what cannot be drawn is dropped or shown as "?".
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from interviewer.safe_text import unescape_markdown

_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/TTF/LiberationSans-Regular.ttf",
)
_BOLD = "\x01\x01"  # a control-character marker: _clean strips those, so input cannot forge it
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_BULLET = re.compile(r"[-*+]\s+(.*)")
_NUMBERED = re.compile(r"(\d{1,9}[.)])\s+(.*)")
_TABLE_SEPARATOR = re.compile(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?")
_SUB_LINE = re.compile(r"<sub>(.*)</sub>", re.IGNORECASE)
_SUB_TAG = re.compile(r"</?sub>", re.IGNORECASE)
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_MODIFIERS = ("Mn", "Mc", "Me", "Sk")  # e.g. variation selectors, skin tones: dropped, not "?"
_RENDER_LOCK = threading.Lock()


def _find_fonts(preferred: Path | None = None) -> dict[str, Path] | None:
    """Regular, bold and italic faces of the first Unicode TTF found, or None if there is none."""
    for candidate in ([str(preferred)] if preferred else []) + list(_FONT_PATHS):
        regular = Path(candidate)
        if not regular.is_file():
            continue
        stem = regular.stem.removesuffix("-Regular")
        faces = {"": regular}
        for style, suffixes in (("B", ("-Bold",)), ("I", ("-Oblique", "-Italic"))):
            variants = (regular.with_name(stem + s + regular.suffix) for s in suffixes)
            faces[style] = next((p for p in variants if p.is_file()), regular)
        return faces
    return None


def _clean(text: str) -> str:
    """NFC-normalise and drop control, format (bidi overrides), surrogate and private-use chars."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\t", "    "))
    return "".join(
        c
        for c in text
        if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


class _Document(FPDF):
    # Only our own marker means bold: candidate text with "__", "--", "~~",
    # backslashes or [links](...) is printed literally.
    MARKDOWN_BOLD_MARKER = _BOLD
    MARKDOWN_ITALICS_MARKER = "\x02\x02"
    MARKDOWN_STRIKETHROUGH_MARKER = "\x03\x03"
    MARKDOWN_UNDERLINE_MARKER = "\x04\x04"
    MARKDOWN_MARKERS = (_BOLD, "\x02\x02", "\x03\x03", "\x04\x04")
    MARKDOWN_ESCAPE_CHARACTER = "\x05"
    MARKDOWN_LINK_REGEX = re.compile(r"(?!)")

    def __init__(self, fonts: dict[str, Path] | None) -> None:
        super().__init__(format="A4")
        self.str_alias_nb_pages = ""  # "{nb}" in candidate text stays literal
        self.set_auto_page_break(True, margin=18)
        self.glyphs: dict[str, set[int]] = {}  # empty: core font, latin-1 only
        self.family = "helvetica"
        if fonts:
            self.family = "unicode"
            for style, path in fonts.items():
                self.add_font(self.family, style, str(path))
                font = self.fonts[f"{self.family}{style}"]
                self.glyphs[style] = set(font.cmap) if isinstance(font, TTFFont) else set()
            self.glyphs[""] &= self.glyphs["B"]  # plain text may turn **bold**

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.set_text_color(120)
        self.cell(0, 5, f"Page {self.page_no()}", align="C")

    def fit(self, text: str, style: str = "") -> str:
        """Keep what the font draws in `style`; other characters become "?" (modifiers vanish)."""
        if not self.glyphs:
            return text.encode("latin-1", "replace").decode("latin-1")
        glyphs = self.glyphs[style]
        return "".join(
            c if ord(c) in glyphs else "" if unicodedata.category(c) in _MODIFIERS else "?"
            for c in text
        )

    def inline(self, text: str, style: str = "") -> str:
        """Fit `text` to the font; `**bold**` becomes bold in plain text and is unwrapped elsewhere."""
        text = _SUB_TAG.sub("", self.fit(text, style))
        text = _STRONG.sub(_BOLD + r"\1" + _BOLD if style == "" else r"\1", text)
        # Untrusted text arrives Markdown-escaped (safe_text.inert_markdown): print it as typed.
        return unescape_markdown(html.unescape(text.replace(_BOLD * 2, "")))

    def block(
        self,
        text: str,
        size: float = 11,
        style: str = "",
        indent: float = 0,
        marker: str = "",
        gray: int = 0,
    ) -> None:
        """A wrapped paragraph; with `marker` ("•", "3.") a list item with a hanging indent."""
        self.set_font(self.family, style, size)
        self.set_text_color(gray)
        self.set_x(self.l_margin + indent)
        if marker:
            self.cell(self.get_string_width(marker) + 2, size * 0.5, marker)
        text, height = self.inline(text, style), size * 0.5
        self.multi_cell(0, height, text, align="L", markdown=True, new_x="LMARGIN", new_y="NEXT")

    def table_rows(self, rows: list[list[str]]) -> None:
        """A bordered table drawn row by row, so a row too tall for one page becomes a paragraph."""
        width = len(rows[0])
        for n, raw in enumerate(rows):
            extra = " | ".join(c.strip() for c in raw[width - 1 :])  # surplus cells join the last
            cells = [c.strip() for c in (raw + [""] * width)[: width - 1]] + [extra]
            self.set_font(self.family, "", 9.5)
            self.set_text_color(0)
            try:
                with self.table(
                    line_height=4.5, text_align="LEFT", markdown=True, first_row_as_headings=n == 0
                ) as table:
                    table.row([self.inline(cell) for cell in cells])
            except ValueError:  # fpdf2: "row ... is too high"; nothing of it was drawn
                self.block(" | ".join(cells), size=9.5)
        self.ln(2)


def markdown_to_pdf(markdown: str, title: str, font: Path | None = None) -> bytes:
    """Render `markdown` under `title` as an A4 PDF (title in metadata and atop page 1).

    One render at a time per process: each one parses the font files into some 40 MB of
    short-lived objects, and overlapping renders in a busy server left the heap fragmented
    (resident memory rose with every report in the soak)."""
    with _RENDER_LOCK:
        return _render(markdown, title, font)


def _render(markdown: str, title: str, font: Path | None) -> bytes:
    try:
        pdf = _Document(_find_fonts(font))
    except Exception:  # an unreadable or broken font file: the core font still works
        pdf = _Document(None)
    title = _clean(title).replace("\n", " ")
    pdf.set_title(title)
    pdf.add_page()
    pdf.block(title, size=18, style="B")
    pdf.ln(3)
    lines = _clean(markdown).split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            pdf.ln(2)
        elif heading := _HEADING.fullmatch(line):
            pdf.ln(2)
            size = {1: 16, 2: 14}.get(len(heading[1]), 12)
            pdf.block(heading[2], size=size, style="B")
            pdf.ln(1)
        elif (
            line.startswith("|") and i < len(lines) and _TABLE_SEPARATOR.fullmatch(lines[i].strip())
        ):
            rows = [line.strip("|").split("|")]
            i += 1  # skip the separator row
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i].strip().strip("|").split("|"))
                i += 1
            pdf.table_rows(rows)
        elif bullet := _BULLET.fullmatch(line):
            dot = "•" if ord("•") in pdf.glyphs.get("", ()) else "-"
            pdf.block(bullet[1], indent=4, marker=dot)
        elif numbered := _NUMBERED.fullmatch(line):
            pdf.block(numbered[2], indent=4, marker=numbered[1])
        elif line.startswith(">"):
            pdf.block(line.lstrip("> "), style="I", indent=6, gray=80)
        elif sub := _SUB_LINE.fullmatch(line):
            pdf.block(sub[1], size=8, gray=110)
        else:
            pdf.block(line)
    return bytes(pdf.output())
