"""Response headers every page and API answer carries, and the Host check.

- No framing (`frame-ancestors 'none'`, `X-Frame-Options: DENY`), no MIME sniffing, no
  referrer sent to other sites (a session id in a URL never leaks), a content security policy
  that lets Gradio's own scripts and styles run but loads nothing from anywhere else (a
  Markdown image a candidate slipped through could not be fetched), HSTS behind HTTPS.
- Requests for a Host that is not ours are refused (DNS-rebinding pages cannot reach the
  app); X-Forwarded-Host/-Proto and Forwarded are removed; and when a public URL is
  configured every request is rewritten to its host and scheme. The URLs Gradio writes
  into its page config are therefore ours, never a client's choice. (The client address a trusted proxy
  forwards is handled by uvicorn, `forwarded_allow_ips`, before this runs.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

_FORWARDED = {b"x-forwarded-host", b"x-forwarded-proto", b"x-forwarded-port", b"forwarded"}
CSP = "; ".join(
    [
        "default-src 'self'",
        # Gradio's page inlines its config and start-up script; its charts compile
        # expressions at run time.
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "worker-src 'self' blob:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(
        self,
        app: Callable[..., Any],
        *,
        allowed_hosts: list[str],
        public_url: str,
        pin_public_url: bool,
    ) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}
        public = urlsplit(public_url)
        self.public_host = public.netloc.encode("latin-1") if pin_public_url else None
        self.public_scheme = public.scheme or "http"
        https = self.public_scheme == "https"
        self.extra: list[tuple[bytes, bytes]] = [
            (b"content-security-policy", CSP.encode()),
            (b"x-frame-options", b"DENY"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]
        if https:
            self.extra.append((b"strict-transport-security", b"max-age=31536000"))

    def host_ok(self, scope: dict[str, Any]) -> bool:
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        if host.startswith("["):  # [::1]:7860
            name = host[1:].split("]", 1)[0]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.allowed

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self.host_ok(scope):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            body = json.dumps(
                {"detail": "Unknown host: this server answers for its own names only."}
            )
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [(b"content-type", b"application/json"), *self.extra],
                }
            )
            await send({"type": "http.response.body", "body": body.encode()})
            return

        scope = dict(scope)
        scope["headers"] = [
            (k, self.public_host if k == b"host" and self.public_host else v)
            for k, v in scope.get("headers") or []
            if k not in _FORWARDED
        ]
        if self.public_host:
            secure = self.public_scheme == "https"
            if scope["type"] == "http":
                scope["scheme"] = "https" if secure else "http"
            else:
                scope["scheme"] = "wss" if secure else "ws"

        async def with_headers(message: Any) -> None:
            if message.get("type") == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in self.extra if k not in names),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
