"""Reading chat messages as the API returns them (Gradio 6: a list of text parts)."""

from __future__ import annotations

import html
from typing import Any

from interviewer.safe_text import unescape_markdown


def text_of(message: dict[str, Any]) -> str:
    """The message's Markdown source."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def plain(message: dict[str, Any]) -> str:
    """What the reader sees: escapes undone, the question caption dropped."""
    source = text_of(message).split("\n\n<sub>", 1)[0]
    return html.unescape(unescape_markdown(source))
