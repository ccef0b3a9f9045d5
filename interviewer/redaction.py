"""Secrets never reach logs, transcripts, exports or the browser.

The configured secret values (API key, coach password, signing key) are registered here
when settings are loaded, and `redact` removes them, whatever their shape, from any text
that leaves the process: log records (through `RedactingFilter`), failure reasons stored
with a score, error messages. Common key shapes are removed too, in case a provider echoes
a key that was never configured here.
"""

from __future__ import annotations

import logging
import re
import threading

_SHAPES = re.compile(
    r"(sk-[A-Za-z0-9_\-]{6,}|Bearer\s+\S+|api[_-]?key[\"'=:\s]+[A-Za-z0-9_\-.]{8,})", re.IGNORECASE
)
_lock = threading.Lock()
_secrets: set[str] = set()
REDACTED = "[redacted]"


def register_secret(value: str | None) -> None:
    """Remember a secret value to remove from outgoing text (short values are ignored:
    redacting 'a' everywhere would mangle text without protecting anything)."""
    if value and len(value) >= 4:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, REDACTED)
    return _SHAPES.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Rewrites every record's message with secrets removed (attach to handlers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging to report
            return True
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        record.msg, record.args = cleaned, None
        return True


def install_log_redaction() -> None:
    """Put the filter on every handler of the root logger (and on future basicConfig)."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO)
    # One line per HTTP request to a Chroma server or a model endpoint is noise in a
    # server's log; their warnings and errors still show.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    for handler in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
