"""A fault-injecting OpenAI-compatible server on 127.0.0.1, for the real openai client."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.servers import free_port


class FaultState:
    def __init__(self) -> None:
        self.mode = "ok"
        self.content = "{}"
        self.requests = 0
        self.bodies: list[dict[str, Any]] = []  # every request body, in order
        self.lock = threading.Lock()


def _completion(content: str, finish: str = "stop", tool: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool is not None:  # the reply is a call of the forced tool, its arguments the content
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": tool, "arguments": content},
                }
            ],
        }
        finish = "tool_calls" if finish == "stop" else finish
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "fault",
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": finish,
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def _handler(state: FaultState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            for key, value in {"Content-Type": "application/json", **(headers or {})}.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            request = json.loads(self.rfile.read(length) or b"{}")
            with state.lock:
                state.requests += 1
                state.bodies.append(request)
            mode = state.mode
            if mode == "timeout":
                time.sleep(5)
                return
            if mode == "429":
                return self._send(
                    429, b'{"error": {"message": "slow down"}}', {"Retry-After": "0.2"}
                )
            if mode == "echo-key":  # a provider that quotes the credential back in its error
                key = self.headers.get("Authorization", "").removeprefix("Bearer ")
                body = {"error": {"message": f"Incorrect API key provided: {key}"}}
                return self._send(401, json.dumps(body).encode())
            if mode in ("500", "503"):
                return self._send(int(mode), b'{"error": {"message": "server error"}}')
            if mode == "malformed":
                return self._send(200, b"{not json at all")
            if mode == "empty":
                return self._send(200, json.dumps(_completion("")).encode())
            if request.get("stream"):
                return self._stream(state.content, cut=mode == "stream-cut")
            finish = "length" if mode == "cut-off" else "stop"
            choice = request.get("tool_choice")
            tool = choice["function"]["name"] if isinstance(choice, dict) else None
            reply = _completion(state.content, finish, tool)
            return self._send(200, json.dumps(reply).encode())

        def _stream(self, content: str, cut: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            words = content.split(" ")
            for i, word in enumerate(words):
                if cut and i == len(words) // 2:
                    self.wfile.flush()
                    self.connection.shutdown(2)  # the connection drops mid-stream
                    return
                chunk = {
                    "id": "c",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "fault",
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"content": (" " if i else "") + word},
                            "finish_reason": None,
                        }
                    ],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            last = {
                "id": "c",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": "fault",
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            }
            self.wfile.write(f"data: {json.dumps(last)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")

    return Handler


@contextlib.contextmanager
def fault_server() -> Iterator[tuple[str, FaultState]]:
    state = FaultState()
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", state
    finally:
        server.shutdown()
        server.server_close()
