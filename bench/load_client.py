"""A light load generator: Gradio's own HTTP protocol (sse_v3), many candidates in one
asyncio loop.

gradio_client runs threads, an event-stream reader and the output post-processing for
every call; 50 of them in one Python process took more of the two cores than the app did,
so the app's scaling did not show. This client does what a browser's page does for an
event, and no more: join the queue (`POST /gradio_api/queue/join` with every input of the
event, component defaults where the candidate types nothing, none for server-side state),
then read the session's event stream until that event completes. A cookie jar per
candidate keeps the proxy's sticky cookie, as a browser does.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx


class EventFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Endpoint:
    fn_index: int
    inputs: tuple[tuple[int, str, Any], ...]  # component id, type, default value


def endpoints(url: str) -> dict[str, Endpoint]:
    config = httpx.get(f"{url}/config", timeout=30).json()
    components = {c["id"]: c for c in config["components"]}
    found = {}
    for index, dependency in enumerate(config["dependencies"]):
        name = dependency.get("api_name")
        if not name:
            continue
        inputs = tuple(
            (i, components[i]["type"], components[i].get("props", {}).get("value"))
            for i in dependency["inputs"]
        )
        found[name] = Endpoint(dependency.get("id", index), inputs)
    return found


class Candidate:
    """One browser: its own cookies and session hash."""

    def __init__(self, url: str, api: dict[str, Endpoint], timeout: float = 300) -> None:
        self.url = url
        self.api = api
        self.session_hash = secrets.token_hex(6)
        self.http = httpx.AsyncClient(timeout=timeout)

    async def open(self) -> None:
        # What the page load gives a browser first: the proxy's sticky cookie.
        (await self.http.get(f"{self.url}/healthz")).raise_for_status()

    async def close(self) -> None:
        await self.http.aclose()

    async def call(self, name: str, values: dict[int, Any]) -> list[Any]:
        """Run one event; `values` by position among the event's inputs. Returns the
        output data of the completed event (the last full message)."""
        endpoint = self.api[name]
        data = [
            values.get(n, None if kind == "state" else default)
            for n, (_id, kind, default) in enumerate(endpoint.inputs)
        ]
        joined = await self.http.post(
            f"{self.url}/gradio_api/queue/join",
            json={
                "data": data,
                "fn_index": endpoint.fn_index,
                "session_hash": self.session_hash,
                "event_data": None,
                "trigger_id": None,
            },
        )
        if joined.status_code != 200:
            raise EventFailed(f"join {name}: {joined.status_code} {joined.text[:200]}")
        event_id = joined.json()["event_id"]
        last: list[Any] = []
        async with self.http.stream(
            "GET",
            f"{self.url}/gradio_api/queue/data",
            params={"session_hash": self.session_hash},
        ) as stream:
            async for line in stream.aiter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("event_id") not in (event_id, None):
                    continue
                kind = message.get("msg")
                if kind == "process_completed":
                    output = message.get("output") or {}
                    if not message.get("success", True) or "error" in output:
                        raise EventFailed(f"{name}: {str(output)[:200]}")
                    return list(output.get("data") or last)
                if kind == "process_generating":
                    last = (message.get("output") or {}).get("data") or last
                if kind == "close_stream":
                    break
        raise EventFailed(f"{name}: the event stream ended before the event completed")


async def timed(candidate: Candidate, name: str, values: dict[int, Any]) -> tuple[float, list[Any]]:
    started = time.perf_counter()
    out = await candidate.call(name, values)
    return (time.perf_counter() - started) * 1000, out
