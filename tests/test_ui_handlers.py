"""The interview room's handlers, on the offline engine (no browser)."""

from interviewer.ui import views
from interviewer.ui.candidate import CandidateRoom

STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API. I split the work into tickets and I wrote tests for the payment flow. As a "
    "result we delivered on time with zero failed requests, and I learned to plan buffer time."
)


def _texts(chat):  # type: ignore[no-untyped-def]
    return [m["content"] for m in chat]


def test_start_send_and_end(engine_factory) -> None:  # type: ignore[no-untyped-def]
    room = CandidateRoom(engine_factory())
    chat, session_id, *_ = room.start("Asha", [], "mixed", 2, "")
    assert session_id and "source:" in chat[-1]["content"]

    # An empty send changes nothing and keeps what is in the box.
    same = room.send("   ", session_id, chat)
    assert same[0] == chat and same[2] == "   "

    out = room.send("A dict is a hash table, lookups are O(1) on average.", session_id, chat)
    chat2, _, box, score_md, *_rest = out
    assert box == "" and "Scored by:** offline engine" in score_md
    assert _texts(chat2)[len(chat)] == "A dict is a hash table, lookups are O(1) on average."

    ended = room.end(session_id, chat2)
    assert "# Interview report" in ended[6]
    assert ended[7].endswith(".md") and ended[8].endswith(".json")


def test_errors_become_a_chat_message_and_keep_the_answer(engine_factory) -> None:  # type: ignore[no-untyped-def]
    room = CandidateRoom(engine_factory())
    chat, session_id, *_ = room.start("Asha", [], "mixed", 1, "")
    too_long = "x" * 20_001
    chat2, _, box, *_ = room.send(too_long, session_id, chat)
    assert box == too_long
    assert "limited" in chat2[-1]["content"]
    unknown = room.send("hello", "no-such-session", [])
    assert "no interview session" in unknown[0][-1]["content"] and unknown[2] == "hello"


def test_star_highlights_mark_evidence_spans(settings) -> None:  # type: ignore[no-untyped-def]
    from interviewer.brains import prepare_answer
    from interviewer.interview.factory import offline_brain

    record = offline_brain(settings).score_star(
        "Tell me about a deadline.", prepare_answer(STORY), []
    )
    spans = views.star_highlights(STORY, record)
    assert "".join(text for text, _ in spans) == STORY
    assert {label for _, label in spans if label} >= {"situation", "action", "result"}


def test_banner_says_which_brain_and_how_to_switch() -> None:
    assert "INTERVIEWER_API_KEY" in views.brain_banner("offline", uses_llm=False)
    assert "openai:gpt-4o-mini" in views.brain_banner("openai:gpt-4o-mini", uses_llm=True)
