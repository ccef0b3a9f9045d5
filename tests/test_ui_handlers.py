"""The interview room's handlers, on the offline engine (no browser)."""

from interviewer.ui import views
from interviewer.ui.candidate import (
    AFTER_EACH,
    AT_THE_END,
    N_OUTPUTS,
    SCORES_AT_THE_END,
    CandidateRoom,
)
from interviewer.ui.coach import CoachDesk

STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API. I split the work into tickets and I wrote tests for the payment flow. As a "
    "result we delivered on time with zero failed requests, and I learned to plan buffer time."
)


def _texts(chat):  # type: ignore[no-untyped-def]
    return [m["content"] for m in chat]


def _last(generator):  # type: ignore[no-untyped-def]
    """Run a streaming handler to the end; return every update and the final one."""
    updates = list(generator)
    return updates, updates[-1]


def test_start_send_and_end(engine_factory) -> None:  # type: ignore[no-untyped-def]
    room = CandidateRoom(engine_factory())
    out = room.start("Asha", [], "mixed", 2, "", "")
    chat, session_id, code = out[0], out[1], out[-1]
    assert session_id and code and "source:" in chat[-1]["content"]

    # An empty send changes nothing and keeps what is in the box.
    _, same = _last(room.send("   ", session_id, chat, AFTER_EACH))
    assert same[0] == chat and same[2] == "   "

    updates, out = _last(
        room.send(
            "A dict is a hash table, lookups are O(1) on average.", session_id, chat, AFTER_EACH
        )
    )
    assert updates[0][0][-1]["content"] == "…"  # the answer shows at once, the reply follows
    chat2, _, box, score_md, *_rest = out
    assert box == "" and "Scored by:** offline engine" in score_md
    assert _texts(chat2)[len(chat)] == "A dict is a hash table, lookups are O(1) on average."

    ended = room.end(session_id, chat2, "", AFTER_EACH)
    assert "# Interview report" in ended[6]
    assert ended[7].endswith(".md") and ended[8].endswith(".json") and ended[9].endswith(".pdf")
    assert list(ended[10]["area"]) and "score %" in ended[10]
    history, _plot = room.history(code)
    assert list(history["session"]) == [session_id]
    assert room.history("someone-else")[0].empty


def test_scores_can_wait_until_the_end(engine_factory) -> None:  # type: ignore[no-untyped-def]
    room = CandidateRoom(engine_factory())
    chat, session_id, *_ = room.start("Asha", [], "mixed", 2, "", "")
    _, out = _last(room.send("A dict is a hash table.", session_id, chat, AT_THE_END))
    assert out[3] == SCORES_AT_THE_END and out[4] == [] and out[5] == ""
    ended = room.end(session_id, out[0], "", AT_THE_END)
    assert "Scored by:**" in ended[3] and "# Interview report" in ended[6]  # shown at the end


def _is_skip(value) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(value, dict) and value.get("__type__") == "update"


def test_no_handler_leaves_an_output_unchanged(engine_factory) -> None:  # type: ignore[no-untyped-def]
    """Every output gets a value on every event. Gradio keeps one more copy of a component per
    session whenever an output goes from gr.skip() to a value: a slow leak under load."""
    room = CandidateRoom(engine_factory())
    events = []
    first = room.start("Asha", [], "mixed", 2, "", "")
    chat, session_id = first[0], first[1]
    events.append(first)
    events.extend(room.send("   ", session_id, chat, AFTER_EACH))
    answered = list(room.send(STORY, session_id, chat, AFTER_EACH))
    events.extend(answered)
    chat = answered[-1][0]
    assert "Scored by:**" in answered[-1][3]
    # The scores stay on screen (as values, not skips) while the next answer is thinking.
    next_answer = list(room.send("A dict is a hash table.", session_id, chat, AFTER_EACH))
    assert next_answer[0][3] == answered[-1][3]
    events.extend(next_answer)
    chat = next_answer[-1][0]
    events.append(room.skip(session_id, chat, "draft", AFTER_EACH))
    events.extend(room.send("x" * 20_001, session_id, chat, AFTER_EACH))  # refused: too long
    events.extend(room.send("hello", "no-such-session", [], AFTER_EACH))
    events.append(room.resume(session_id))
    events.append(room.resume(""))
    events.append(room.end(session_id, chat, "", AFTER_EACH))
    events.append(room.resume(session_id))  # a finished session
    for event in events:
        assert len(event) >= N_OUTPUTS
        assert not any(_is_skip(value) for value in event), event


def test_errors_become_a_chat_message_and_keep_the_answer(engine_factory) -> None:  # type: ignore[no-untyped-def]
    room = CandidateRoom(engine_factory())
    chat, session_id, *_ = room.start("Asha", [], "mixed", 1, "", "")
    too_long = "x" * 20_001
    _, (chat2, _, box, *_rest) = _last(room.send(too_long, session_id, chat, AFTER_EACH))
    assert box == too_long
    assert "limited" in chat2[-1]["content"]
    _, unknown = _last(room.send("hello", "no-such-session", [], AFTER_EACH))
    assert "no interview session" in unknown[0][-1]["content"] and unknown[2] == "hello"


def test_typed_html_is_shown_as_text(engine_factory) -> None:  # type: ignore[no-untyped-def]
    room = CandidateRoom(engine_factory())
    chat, session_id, *_ = room.start("<b>Asha</b>", [], "mixed", 1, "", "")
    assert "<b>" not in chat[0]["content"] and "&lt;b&gt;Asha" in chat[0]["content"]
    _, out = _last(
        room.send("<img src=x onerror=alert(1)> hash table", session_id, chat, AFTER_EACH)
    )
    assert "&lt;img src=x" in out[0][len(chat)]["content"]


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


def test_coach_form_prefill_keeps_the_fields_it_does_not_set(engine_factory) -> None:  # type: ignore[no-untyped-def]
    """The coach desk, too, answers with values, never skips: the fields a turn's score does
    not speak to come back as they were."""
    engine = engine_factory()
    room, desk = CandidateRoom(engine), CoachDesk(engine)
    form = ("star", 2, 2, 2, 2, 5, 4, "1, 2")
    prefilled = {}
    for area, answer in (
        ("behavioural", STORY),
        ("core-python", "A dict is a hash table; lookups are O(1) on average."),
    ):
        chat, session_id, *_ = room.start("Asha", [area], "mixed", 1, "", "")
        list(room.send(answer, session_id, chat, AFTER_EACH))
        first = next(t for t in engine.repo.get_session(session_id).turns if t.scores)
        out = desk.machine_labels(session_id, first.seq, *form)
        assert len(out) == 8 and not any(_is_skip(v) for v in out), out
        prefilled[area] = out
        assert desk.machine_labels(session_id, None, *form) == form
    star, technical = prefilled["behavioural"], prefilled["core-python"]
    assert star[0] == "star" and star[1:6] != form[1:6] and star[6:] == form[6:]
    assert technical[0] == "technical" and technical[1:6] == form[1:6] and technical[6:] != form[6:]
    assert desk.machine_labels("no-such-session", 1, *form) == form
