"""A small raw client for a Gradio app's HTTP API, as an attacker (or a load test) uses it.

Unlike gradio_client it sends exactly the JSON it is given, can speak from a chosen
loopback source address (127.0.0.2, 127.0.0.3, ...: different "clients" to the server's
per-address limits), and reports HTTP refusals instead of raising.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class CallResult:
    status: int  # of the request that started the work
    events: list[tuple[str, Any]] = field(default_factory=list)  # (event, data) from the stream
    body: str = ""  # every byte received, for leak checks
    seconds: float = 0.0

    @property
    def completed(self) -> bool:
        return any(event == "complete" for event, _ in self.events)

    @property
    def output(self) -> Any:
        return next((data for event, data in self.events if event == "complete"), None)


class RawClient:
    def __init__(
        self,
        base: str,
        *,
        address: str | None = None,
        cookies: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> None:
        transport = httpx.HTTPTransport(local_address=address) if address else None
        self.base = base.rstrip("/")
        self.http = httpx.Client(
            base_url=self.base, transport=transport, cookies=cookies, timeout=timeout
        )

    def close(self) -> None:
        self.http.close()

    def config(self) -> dict[str, Any]:
        return dict(self.http.get("/config").json())

    def call(self, api_name: str, data: list[Any]) -> CallResult:
        """POST /gradio_api/call/NAME, then read its event stream to the end."""
        started = time.perf_counter()
        response = self.http.post(f"/gradio_api/call/{api_name}", json={"data": data})
        result = CallResult(response.status_code, body=response.text)
        if response.status_code != 200:
            result.seconds = time.perf_counter() - started
            return result
        event_id = response.json()["event_id"]
        with self.http.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as stream:
            event = ""
            for line in stream.iter_lines():
                result.body += line + "\n"
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:"):
                    raw = line.split(":", 1)[1].strip()
                    try:
                        payload = json.loads(raw)
                    except ValueError:
                        payload = raw
                    result.events.append((event, payload))
                    if event in ("complete", "error"):
                        break
        result.seconds = time.perf_counter() - started
        return result

    def join(self, fn_index: int, data: list[Any], trigger_id: int | None = None) -> CallResult:
        """The queue route the browser uses: join, then read this session's stream."""
        session = secrets.token_hex(6)
        started = time.perf_counter()
        response = self.http.post(
            "/gradio_api/queue/join",
            json={
                "data": data,
                "fn_index": fn_index,
                "session_hash": session,
                "event_data": None,
                "trigger_id": trigger_id,
            },
        )
        result = CallResult(response.status_code, body=response.text)
        if response.status_code != 200:
            result.seconds = time.perf_counter() - started
            return result
        with self.http.stream(
            "GET", "/gradio_api/queue/data", params={"session_hash": session}
        ) as stream:
            for line in stream.iter_lines():
                result.body += line + "\n"
                if not line.startswith("data:"):
                    continue
                try:
                    message = json.loads(line[5:])
                except ValueError:
                    continue
                if message.get("msg") == "process_completed":
                    ok = message.get("success", False)
                    result.events.append(("complete" if ok else "error", message.get("output")))
                    break
                if message.get("msg") in ("unexpected_error", "close_stream"):
                    result.events.append(("error", message))
                    break
        result.seconds = time.perf_counter() - started
        return result
