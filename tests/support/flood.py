"""A flooding client, run as its own process so its threads cost the measuring process
nothing: `python -m tests.support.flood URL SESSION SECONDS`.

From 127.0.0.3 it keeps 20 answer requests in flight (re-sending 0.1 s after a refusal, the
rate at which the original attack completed real turns), and posts 600 queue events it
never reads. It prints a JSON summary of the statuses it saw.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import httpx

from tests.support.raw_gradio import RawClient

ADDRESS = "127.0.0.3"
ANSWER = "A dict is a hash table: the key's hash picks a slot, so lookups are O(1) on average."


def main(url: str, session_id: str, seconds: float) -> None:
    outcomes: dict[str, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def hammer() -> None:
        client = RawClient(url, address=ADDRESS)
        while time.monotonic() < deadline:
            result = client.call("send", [ANSWER, session_id, "after each answer"])
            with lock:
                outcomes[str(result.status)] = outcomes.get(str(result.status), 0) + 1
            if result.status != 200:
                time.sleep(0.1)
        client.close()

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(20)]
    for thread in threads:
        thread.start()
    never_read = httpx.Client(base_url=url, transport=httpx.HTTPTransport(local_address=ADDRESS))
    posted: dict[str, int] = {}
    for i in range(600):
        status = never_read.post(
            "/gradio_api/queue/join",
            json={
                "data": [ANSWER, session_id, "after each answer"],
                "fn_index": 1,
                "session_hash": f"never-read-{i}",
            },
        ).status_code
        posted[str(status)] = posted.get(str(status), 0) + 1
    for thread in threads:
        thread.join()
    print(json.dumps({"in_flight": outcomes, "never_read": posted}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
