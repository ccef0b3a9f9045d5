"""Candidate and coach text shown in Markdown views and exports is made inert here.

Gradio sanitises HTML, but an `<img>` or `<script>` typed by a candidate should appear as
the literal text they typed, not as markup, in every view and export.
"""

from __future__ import annotations

import html


def inert(text: str | None) -> str:
    return html.escape(text or "", quote=False)
