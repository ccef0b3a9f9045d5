"""Losing the Chroma server mid-interview: a clear message, nothing lost, recovery when it returns."""

from pathlib import Path

import pytest

from interviewer.interview.plan import build_plan
from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.store import StoreUnavailable
from interviewer.ui.candidate import AFTER_EACH
from interviewer.wiring import build_engine
from tests.support.servers import chroma_server, free_port

pytestmark = pytest.mark.server
ANSWER = "A dict is a hash table: keys are hashed to find a slot, so lookups are O(1) on average."


def test_interview_survives_a_chroma_server_outage(settings, room_factory, tmp_path: Path) -> None:
    port = free_port()
    remote = settings.model_copy(
        update={"chroma_host": "127.0.0.1", "chroma_port": port, "max_follow_ups": 0}
    )
    with chroma_server(tmp_path / "chroma", port):
        ingest(remote, progress=False)
        engine = build_engine(remote)
        room = room_factory(engine)
        view, _ = room.start("Asha", ["core-python"], "mixed", 2, "", AFTER_EACH, "")
        session_id = view.session_id
    # The server is gone now.
    final = list(room.send(ANSWER, session_id, AFTER_EACH))[-1]
    message = final.chat[-1]["content"]
    assert "knowledge store" in message.lower() and "saved" in message.lower()
    assert final.answer == ANSWER  # the box keeps what was typed
    turn = engine.repo.get_session(session_id).turns[0]
    assert turn.answer == ANSWER and turn.scores  # stored and scored before the outage bit
    with pytest.raises(StoreUnavailable):
        engine.resume(session_id)

    with chroma_server(tmp_path / "chroma", port):  # it comes back, same data
        reply = engine.resume(session_id)
        assert reply.current is not None and reply.current.seq == 2
        assert engine.repo.get_session(session_id).turns[0].answer == ANSWER
        # Sending the same text again does not store it twice.
        again = engine.submit_answer(
            session_id, "The second question's answer: generators use yield."
        )
        assert again.score is not None


def test_plan_with_the_store_down_is_a_clear_error(settings, tmp_path: Path) -> None:
    port = free_port()
    remote = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": port})
    with chroma_server(tmp_path / "chroma", port):
        ingest(remote, progress=False)
        engine = build_engine(remote)
    with pytest.raises(StoreUnavailable, match="unreachable"):
        engine.start("Asha", build_plan(engine.kb, questions=1), seed=1)
