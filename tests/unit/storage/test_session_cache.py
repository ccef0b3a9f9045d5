"""The per-process session cache: another process's write is seen at the next read."""

from __future__ import annotations

from pathlib import Path

from interviewer.storage.models import AnswerStatus, ChatRole, TurnKind
from interviewer.storage.repository import Repository, Writes


def _turn_fields(seq: int) -> dict[str, object]:
    return {
        "seq": seq,
        "kind": TurnKind.main,
        "main_seq": seq,
        "question_id": f"q{seq}",
        "area": "core-python",
        "question_type": "technical",
        "question_text": f"Question {seq}?",
        "source": "test",
    }


def test_a_write_by_another_process_is_seen_at_the_next_read(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    worker_a, worker_b = Repository(url), Repository(url)  # two workers, one database
    session_id = worker_a.create_session(candidate="Asha", brain="offline", plan_json="{}", seed=1)
    worker_a.write(
        session_id,
        Writes(new_turn=_turn_fields(1), messages=[(ChatRole.interviewer, "Question 1?", 1)]),
    )
    first, chat = worker_a.conversation(session_id)
    assert worker_a.get_session(session_id) is first  # served from the cache, no reload
    assert [m.text for m in chat] == ["Question 1?"]

    turn = first.turns[0]
    worker_b.write(  # the candidate's next request reached the other worker
        session_id,
        Writes(
            answer=(turn.id, "A tuple is immutable.", AnswerStatus.received),
            messages=[(ChatRole.candidate, "A tuple is immutable.", 1)],
        ),
    )
    seen, chat = worker_a.conversation(session_id)
    assert seen is not first
    assert seen.turns[0].answer == "A tuple is immutable."
    assert [m.text for m in chat] == ["Question 1?", "A tuple is immutable."]
    assert worker_a.get_session(session_id).turns[0].answer_status is AnswerStatus.received


def test_every_write_raises_the_revision_once(tmp_path: Path) -> None:
    from sqlalchemy import text

    repo = Repository(f"sqlite:///{tmp_path / 'one.db'}")
    session_id = repo.create_session(candidate="Ravi", brain="offline", plan_json="{}", seed=2)

    def revision() -> int:
        with repo.engine.connect() as db:
            return int(
                db.execute(
                    text("SELECT revision FROM sessions WHERE id = :i"), {"i": session_id}
                ).scalar_one()
            )

    assert revision() == 0
    repo.write(session_id, Writes(new_turn=_turn_fields(1)))
    repo.replace_plan(session_id, '{"slots": []}')
    repo.write(session_id, Writes(messages=[(ChatRole.interviewer, "hello", None)]))
    assert revision() == 3
    assert repo.get_session(session_id).plan_json == '{"slots": []}'
