"""Files handed to Gradio for download: written under a private temporary folder."""

from __future__ import annotations

import re
import secrets
import tempfile
from pathlib import Path

EXPORTS = Path(tempfile.gettempdir()) / "interviewer-exports"


def write_export(name: str, content: str | bytes) -> str:
    """Write `content` as `name` in a fresh random folder; returns the path for gr.File."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:120] or "export"
    folder = EXPORTS / secrets.token_hex(8)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)
