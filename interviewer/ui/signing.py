"""The server's signing key, and short-lived signed tokens made with it.

Download links carry a token naming what they grant (a session's report, in one format)
and when it expires; the server checks the signature and the time, and renders the file
then. Nothing the browser could alter is trusted, and no file is left on disk.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from interviewer.config import Settings
from interviewer.redaction import register_secret

KEY_BYTES = 32


def load_secret(settings: Settings) -> bytes:
    """The configured secret, or one made once and kept (0600) in the data folder, so every
    process on that folder, and the next start, signs and verifies alike."""
    if settings.secret_key is not None and settings.secret_key.get_secret_value():
        value = settings.secret_key.get_secret_value()
        register_secret(value)
        return hashlib.sha256(value.encode()).digest()
    path = settings.secret_key_file
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(KEY_BYTES))
    value = Path(path).read_text(encoding="ascii").strip()
    register_secret(value)
    return bytes.fromhex(value)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, key: bytes, purpose: str) -> None:
        # One derived key per purpose: a token made for one use never verifies for another.
        self._key = hmac.new(key, purpose.encode(), hashlib.sha256).digest()

    def sign(self, claims: dict[str, Any], ttl_s: float) -> str:
        body = _b64(
            json.dumps({**claims, "exp": int(time.time() + ttl_s)}, separators=(",", ":")).encode()
        )
        mac = _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest()[:20])
        return f"{body}.{mac}"

    def verify(self, token: str) -> dict[str, Any] | None:
        """The claims of a valid, unexpired token; None for anything else."""
        body, _, mac = token.partition(".")
        if not body or not mac or len(token) > 2048:
            return None
        expected = _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest()[:20])
        if not hmac.compare_digest(mac, expected):
            return None
        try:
            claims = json.loads(_unb64(body))
        except ValueError:
            return None
        if not isinstance(claims, dict) or int(claims.get("exp", 0)) < time.time():
            return None
        return claims
