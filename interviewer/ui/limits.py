"""Per-client limits, so one client cannot starve the others.

A client is its address (behind a trusted proxy, the forwarded one: uvicorn's
`forwarded_allow_ips`). Limits, all configurable (`config.Settings`):
- events: a token bucket per client on every request that starts work (queue joins, API
  calls), refused with 429 at the door, before Gradio queues anything;
- concurrency: how many of one client's events are worked on at once; more are answered
  at once with a short message, without doing the work;
- new interviews per hour and history look-ups per minute;
- request bodies: a size cap (413), and uploads refused where the app takes none (only the
  candidate app takes one: a CV, 5 MB at most, read once and deleted).
State is per process and bounded (least recently seen clients are forgotten first).
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from interviewer.config import Settings
from interviewer.errors import UserError

MAX_CLIENTS = 50_000
Clock = Callable[[], float]
ASGIApp = Callable[..., Any]


class TooBusy(UserError):
    """One client asked for more than its share; the message says how long to wait."""


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class _Client:
    events: _Bucket
    lookups: _Bucket
    sessions: deque[float] = field(default_factory=deque)
    running: int = 0


class ClientLimits:
    def __init__(self, settings: Settings, clock: Clock = time.monotonic) -> None:
        self.settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._clients: OrderedDict[str, _Client] = OrderedDict()

    def _client(self, address: str) -> _Client:
        now = self._clock()
        client = self._clients.get(address)
        if client is None:
            client = _Client(
                events=_Bucket(float(self.settings.event_burst), now),
                lookups=_Bucket(float(self.settings.history_lookups_per_minute), now),
            )
            self._clients[address] = client
            while len(self._clients) > MAX_CLIENTS:
                self._clients.popitem(last=False)
        self._clients.move_to_end(address)
        return client

    def _take(self, bucket: _Bucket, capacity: float, per_second: float) -> float:
        """0 if a token was taken, else the seconds until one is free."""
        now = self._clock()
        bucket.tokens = min(capacity, bucket.tokens + (now - bucket.stamp) * per_second)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / per_second

    def event_wait(self, address: str) -> float:
        with self._lock:
            return self._take(
                self._client(address).events,
                self.settings.event_burst,
                self.settings.events_per_minute / 60,
            )

    def check_lookup(self, address: str) -> None:
        with self._lock:
            wait = self._take(
                self._client(address).lookups,
                self.settings.history_lookups_per_minute,
                self.settings.history_lookups_per_minute / 60,
            )
        if wait:
            raise TooBusy(
                f"Too many history look-ups from your connection; try again in {wait:.0f} s."
            )

    def check_new_session(self, address: str) -> None:
        with self._lock:
            starts = self._client(address).sessions
            now = self._clock()
            while starts and now - starts[0] > 3600:
                starts.popleft()
            if len(starts) >= self.settings.sessions_per_hour:
                wait = 3600 - (now - starts[0])
                raise TooBusy(
                    f"Too many new interviews from your connection this hour; try again in "
                    f"{wait / 60:.0f} min, or continue the one you have."
                )
            starts.append(now)

    @contextlib.contextmanager
    def running(self, address: str) -> Iterator[None]:
        with self._lock:
            client = self._client(address)
            if client.running >= self.settings.concurrent_events:
                raise TooBusy(
                    "Your connection already has requests being worked on; wait for them to "
                    "finish, then try again."
                )
            client.running += 1
        try:
            yield
        finally:
            with self._lock:
                client.running -= 1


def client_address(scope: Mapping[str, Any]) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


_STARTS_WORK = (
    "/gradio_api/queue/join",
    "/gradio_api/call/",
    "/gradio_api/run/",
    "/gradio_api/api/",
    "/gradio_api/upload",  # a CV upload counts against the client's events like a Send
)


def _starts_work(path: str) -> bool:
    return any(marker in path for marker in _STARTS_WORK)


async def _refuse(send: Callable[..., Any], status: int, message: str, retry: float = 0) -> None:
    headers = [(b"content-type", b"application/json")]
    if retry:
        headers.append((b"retry-after", str(max(1, round(retry))).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps({"detail": message}).encode()})


class ClientLimitsMiddleware:
    """Refuses floods and oversized bodies at the door, before any Gradio work."""

    def __init__(
        self,
        app: ASGIApp,
        limits: ClientLimits,
        *,
        max_body: int,
        upload_paths: tuple[str, ...] = (),
        max_upload: int = 0,
    ) -> None:
        self.app = app
        self.limits = limits
        self.max_body = max_body
        self.upload_paths = upload_paths  # apps (mount prefixes) that take uploads
        self.max_upload = max_upload

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        cap = self.max_body
        if path.endswith("/gradio_api/upload"):
            if not any(path.startswith(p) for p in self.upload_paths):
                await _refuse(send, 403, "This part of the app accepts no file uploads.")
                return
            cap = self.max_upload
        if method == "POST" and _starts_work(path):
            wait = self.limits.event_wait(client_address(scope))
            if wait:
                await _refuse(
                    send,
                    429,
                    f"Too many requests from your connection; wait {math.ceil(wait)} s and try again.",
                    wait,
                )
                return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            await _refuse(send, 413, f"The request is larger than {cap // 1024} KB.")
            return
        if declared is None and method in ("POST", "PUT", "PATCH"):
            # No declared length (chunked): read it here, at most `cap` bytes, then replay.
            body, complete = await _read_capped(receive, cap)
            if not complete:
                await _refuse(send, 413, f"The request is larger than {cap // 1024} KB.")
                return
            await self.app(scope, _replay(body, receive), send)
            return
        await self.app(scope, receive, send)


async def _read_capped(receive: Any, cap: int) -> tuple[bytes, bool]:
    body = b""
    while True:
        message = await receive()
        if message.get("type") != "http.request":
            return body, True
        body += message.get("body", b"")
        if len(body) > cap:
            return b"", False
        if not message.get("more_body", False):
            return body, True


def _replay(body: bytes, receive: Any) -> Any:
    sent = False

    async def replayed() -> Any:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later calls wait for the disconnect, as ASGI expects

    return replayed
