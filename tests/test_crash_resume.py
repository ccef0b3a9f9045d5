"""SIGKILL the real app process mid-interview, start it again, and resume at the same turn."""

import os
import signal
import subprocess
import sys

import pytest
from gradio_client import Client

from interviewer.knowledge.ingest import ingest
from interviewer.storage.repository import Repository
from tests.support.chat import plain
from tests.support.servers import free_port, wait_for_port

pytestmark = pytest.mark.server
ANSWER = (
    "A dict is a hash table: the key is hashed to find a slot, so lookups are O(1) on average. "
    "Keys must be hashable, so a list cannot be a key but a tuple can."
)


def _start_app(settings, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "INTERVIEWER_DATA_DIR": str(settings.data_dir),
        "INTERVIEWER_ASSETS_DIR": str(settings.resolved_assets_dir),
        "INTERVIEWER_KNOWLEDGE_DIR": str(settings.knowledge_dir),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "interviewer.cli", "app", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, timeout=90, process=process)
    return process


def test_sigkill_then_restart_resumes_at_the_same_turn(settings) -> None:
    ingest(settings, progress=False)
    port = free_port()
    app = _start_app(settings, port)
    try:
        client = Client(f"http://127.0.0.1:{port}", verbose=False)
        out = client.predict(
            "Asha", ["core-python"], "mixed", 2, "", "after each answer", "", api_name="/start"
        )
        session_id = out[1]
        out = client.predict(ANSWER, session_id, "after each answer", api_name="/send")
        pending_before = plain(out[0][-1])
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    assert app.returncode == -signal.SIGKILL

    stored = Repository(settings.resolved_database_url).get_session(session_id)
    assert stored.turns[0].answer == ANSWER and stored.turns[0].scores
    pending_seq = stored.turns[-1].seq

    app = _start_app(settings, port)
    try:
        client = Client(f"http://127.0.0.1:{port}", verbose=False)
        resumed = client.predict(session_id, "after each answer", api_name="/resume")
        chat = resumed[0]
        assert plain(chat[1]) == stored.turns[0].question_text
        assert any(plain(m) == ANSWER for m in chat if m["role"] == "user")
        assert plain(chat[-1]) == pending_before  # the same open question, asked once
        assert [plain(m) for m in chat].count(pending_before) == 1
        after = Repository(settings.resolved_database_url).get_session(session_id)
        assert after.turns[-1].seq == pending_seq and after.turns[-1].answer_status == "pending"
    finally:
        app.terminate()
        app.wait(timeout=15)
