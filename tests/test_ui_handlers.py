"""The interview room's handlers, on the offline engine (no browser)."""

from typing import Any

from interviewer.coach.accounts import DeskUser
from interviewer.ui import views
from interviewer.ui.candidate import AFTER_EACH, AT_THE_END, SCORES_AT_THE_END, RoomView
from interviewer.ui.coach import CoachDesk

STORY = (
    "During my final-year project our demo was moved up by a week. My task was to finish the "
    "payments API. I split the work into tickets and I wrote tests for the payment flow. As a "
    "result we delivered on time with zero failed requests, and I learned to plan buffer time."
)
TECH = "A dict is a hash table, lookups are O(1) on average."


def _texts(view: RoomView) -> list[str]:
    return [m["content"] for m in view.chat]


def _start(room: Any, areas: list[str] | None = None, questions: int = 2) -> tuple[RoomView, str]:
    view, code = room.start("Asha", areas or [], "mixed", questions, "", AFTER_EACH, "")
    assert view.session_id, _texts(view)
    return view, code


def test_start_send_and_end(room_factory) -> None:
    room = room_factory()
    view, code = _start(room)
    assert code and "source:" in view.chat[-1]["content"]

    # An empty send changes nothing and keeps what is in the box.
    same = list(room.send("   ", view.session_id, AFTER_EACH))[-1]
    assert same.chat == view.chat and same.answer == "   "

    updates = list(room.send(TECH, view.session_id, AFTER_EACH))
    assert updates[0].chat[-1]["content"] == "…"  # the answer shows at once, the reply follows
    final = updates[-1]
    assert final.answer == "" and "Scored by:** offline engine" in final.score
    assert "O\\(1\\)" in _texts(final)[len(view.chat)]  # stored, and shown inert

    ended = room.end(view.session_id, "", AFTER_EACH)
    assert "# Interview report" in ended.report
    assert ended.downloads.count('href="files/') == 3
    assert list(ended.area_chart["area"]) and "score %" in ended.area_chart
    table, _plot, note = room.history(code)
    assert list(table["session"]) == [view.session_id] and note == ""
    assert room.history("someone-else")[0].empty


def test_the_chat_comes_from_the_database_not_the_browser(room_factory) -> None:
    """A second room over the same engine (another worker, a reload) shows the same chat."""
    room = room_factory()
    view, _ = _start(room)
    after = list(room.send(TECH, view.session_id, AFTER_EACH))[-1]
    room.hint(view.session_id, "", AFTER_EACH)
    other = room_factory(engine=room.engine)
    shown = other.resume(view.session_id)
    assert _texts(shown)[: len(after.chat)] == _texts(after)
    assert _texts(shown)[-1].startswith("Hint")


def test_scores_can_wait_until_the_end(room_factory) -> None:
    room = room_factory()
    view, _ = _start(room)
    out = list(room.send("A dict is a hash table.", view.session_id, AT_THE_END))[-1]
    assert out.score == SCORES_AT_THE_END and out.highlights == [] and out.points == ""
    ended = room.end(view.session_id, "", AT_THE_END)
    assert "Scored by:**" in ended.score and "# Interview report" in ended.report


def test_every_handler_fills_every_output(room_factory) -> None:
    """Every output gets a value on every event (a view object, never gr.skip()). Gradio keeps
    one more copy of a component per session whenever an output goes from a skip to a value."""
    room = room_factory()
    views_seen: list[RoomView] = []
    first, _ = _start(room)
    views_seen.append(first)
    sid = first.session_id
    views_seen += list(room.send("   ", sid, AFTER_EACH))
    views_seen += list(room.send(STORY, sid, AFTER_EACH))
    views_seen += list(room.send("A dict is a hash table.", sid, AFTER_EACH))
    views_seen.append(room.skip(sid, "draft", AFTER_EACH))
    views_seen += list(room.send("x" * 20_001, sid, AFTER_EACH))  # refused: too long
    views_seen += list(room.send("hello", "no-such-session", AFTER_EACH))
    views_seen += [room.resume(sid), room.resume(""), room.end(sid, "", AFTER_EACH)]
    views_seen.append(room.resume(sid))  # a finished session
    from interviewer.ui.candidate import SHOWN, RoomComponents

    assert "problem" not in SHOWN and len(SHOWN) == len(RoomView.__dataclass_fields__) - 1
    parts = RoomComponents(*[object() for _ in SHOWN])
    for view in views_seen:
        updates = parts.updates(view)
        assert len(updates) == len(SHOWN)
        assert not any(
            isinstance(v, dict) and v.get("__type__") == "update" for v in updates.values()
        )


def test_errors_say_exactly_what_happened(room_factory) -> None:
    room = room_factory()
    view, _ = _start(room, questions=1)
    too_long = "x" * 20_001
    refused = list(room.send(too_long, view.session_id, AFTER_EACH))[-1]
    assert refused.answer == too_long  # the box keeps the text
    assert (
        "limited" in refused.chat[-1]["content"]
        and "Nothing was saved" in refused.chat[-1]["content"]
    )
    surrogate = list(room.send("I used a dict \ud800 here", view.session_id, AFTER_EACH))[-1]
    assert "cannot be stored" in surrogate.chat[-1]["content"]
    stored = room.engine.repo.get_session(view.session_id).turns[0]
    assert stored.answer is None  # neither was stored
    unknown = list(room.send("hello", "<b>no-such-session</b>", AFTER_EACH))[-1]
    assert "not found" in unknown.chat[0]["content"] and unknown.answer == "hello"
    assert "no-such-session" not in unknown.chat[0]["content"]  # the id is never echoed
    job, _ = room.start("Asha", [], "mixed", 2, "django " * 5_000, AFTER_EACH, "")
    assert "job description is limited" in job.chat[-1]["content"]
    assert "answer is saved" not in job.chat[-1]["content"]


def test_unexpected_failure_says_whether_the_answer_was_saved(room_factory, monkeypatch) -> None:
    room = room_factory()
    view, _ = _start(room, questions=1)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("scorer exploded")

    monkeypatch.setattr(room.engine.brain, "score_technical", broken)
    monkeypatch.setattr(room.engine.brain, "score_star", broken)
    failed = list(room.send(TECH, view.session_id, AFTER_EACH))[-1]
    assert "Your answer is saved" in failed.chat[-1]["content"]
    assert room.engine.repo.get_session(view.session_id).turns[0].answer == TECH

    monkeypatch.setattr(room.engine, "submit_answer", broken)
    failed = list(room.send("another answer", view.session_id, AFTER_EACH))[-1]
    assert "nothing was saved" in failed.chat[-1]["content"]


def test_typed_markup_is_shown_as_text(room_factory) -> None:
    room = room_factory()
    view, _ = room.start(
        "<b>Asha</b> ![x](http://evil.example/p.png)", [], "mixed", 1, "", AFTER_EACH, ""
    )
    assert "<b>" not in view.chat[0]["content"] and "&lt;b&gt;Asha" in view.chat[0]["content"]
    assert "](http" not in view.chat[0]["content"] and "http\\:" in view.chat[0]["content"]
    out = list(
        room.send(
            "<img src=x onerror=alert(1)> hash table [a](javascript:x)", view.session_id, AFTER_EACH
        )
    )[-1]
    shown = out.chat[len(view.chat)]["content"]
    assert "&lt;img src=x" in shown and "[a](" not in shown


def test_history_codes_are_issued_by_the_server(room_factory) -> None:
    room = room_factory()
    chosen = "73"
    view, code = room.start("Asha", [], "mixed", 1, "", AFTER_EACH, chosen)
    assert code != chosen and len(code) >= 16  # a code the client picked is not accepted
    assert room.history(chosen)[0].empty
    again, same = room.start("Asha", [], "mixed", 1, "", AFTER_EACH, code)
    assert same == code
    assert set(room.history(code)[0]["session"]) == {view.session_id, again.session_id}


def test_star_highlights_mark_evidence_spans(settings) -> None:
    from interviewer.brains import prepare_answer
    from interviewer.wiring import offline_brain

    record = offline_brain(settings).score_star(
        "Tell me about a deadline.", prepare_answer(STORY), []
    )
    spans = views.star_highlights(STORY, record)
    assert "".join(text for text, _ in spans) == STORY
    assert {label for _, label in spans if label} >= {"situation", "action", "result"}


def test_banner_says_which_brain_and_how_to_switch() -> None:
    assert "INTERVIEWER_API_KEY" in views.brain_banner("offline", uses_llm=False)
    assert "openai:gpt-4o-mini" in views.brain_banner("openai:gpt-4o-mini", uses_llm=True)


def test_coach_form_prefill_keeps_the_fields_it_does_not_set(room_factory) -> None:
    """The coach desk, too, answers with values, never skips: the fields a turn's score does
    not speak to come back as they were."""
    room = room_factory()
    desk = CoachDesk(room.engine, lambda _request: DeskUser("coach", "admin", None))
    form: list[Any] = ["star", 2, 2, 2, 2, 5, 4, "1, 2"]
    prefilled = {}
    for area, answer in (
        ("behavioural", STORY),
        ("core-python", "A dict is a hash table; lookups are O(1) on average."),
    ):
        view, _ = _start(room, [area], questions=1)
        list(room.send(answer, view.session_id, AFTER_EACH))
        first = next(t for t in room.engine.repo.get_session(view.session_id).turns if t.scores)
        out = desk.machine_labels(view.session_id, first.seq, *form)
        assert len(out) == 8, out
        prefilled[area] = out
        assert desk.machine_labels(view.session_id, None, *form) == form
    star, technical = prefilled["behavioural"], prefilled["core-python"]
    assert star[0] == "star" and star[1:6] != form[1:6] and star[6:] == form[6:]
    assert technical[0] == "technical" and technical[1:6] == form[1:6] and technical[6:] != form[6:]
    assert desk.machine_labels("no-such-session", 1, *form) == form


def test_coach_list_pages_from_summaries(room_factory) -> None:
    room = room_factory()
    desk = CoachDesk(room.engine, lambda _request: DeskUser("coach", "admin", None))
    for _ in range(3):
        view, _ = _start(room, ["core-python"], questions=1)
        list(room.send(TECH, view.session_id, AFTER_EACH))
    rows, caption, page = desk.search("", "", "", None, 0, 100, False, 1)
    assert len(rows) == 3 and caption.startswith("Page 1 of 1") and page == 1
    assert all(row[4] != "-" for row in rows)  # the overall comes from the stored summary
    rows, caption, page = desk.search("", "", "", None, 0, 100, False, 9)
    assert page == 1 and len(rows) == 3  # past the end: the last page
