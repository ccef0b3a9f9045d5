"""The candidate's interview room: set-up, conversation, feedback, report and history.

The server owns the state. Handlers take the session id the server issued (kept in the
browser) and the text the candidate typed, nothing else: the chat, the panels and the
history are rendered from the database on every event, so a browser cannot feed back a
chat message, a file path or a score. Every handler fills every output (a view object),
never `gr.skip()`: Gradio keeps one more copy of a component per browser session each
time an output goes from skipped to a value (docs/decisions/002-no-skipped-outputs.md).
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import gradio as gr
import pandas as pd

from interviewer.brains.base import text_sink
from interviewer.coach.cohorts import join as join_cohort
from interviewer.coding.runner import MAX_CODE_CHARS, Verdict
from interviewer.errors import UserError
from interviewer.exports.report import report_markdown
from interviewer.exports.score import key_points_markdown, score_markdown
from interviewer.interview.engine import (
    MAX_ANSWER_CHARS,
    InterviewEngine,
    InterviewError,
    candidate_key,
)
from interviewer.interview.plan import MAX_CODING, MAX_PROJECT_SLOTS, build_plan
from interviewer.interview.report import Report
from interviewer.profile.schema import Profile
from interviewer.safe_text import has_lone_surrogate, inert_markdown
from interviewer.storage.models import AnswerStatus
from interviewer.storage.repository import SessionNotFound
from interviewer.ui import profile_panel, views
from interviewer.ui.downloads import Downloads
from interviewer.ui.limits import ClientLimits, TooBusy

log = logging.getLogger(__name__)
AFTER_EACH = "after each answer"
AT_THE_END = "at the end"
THINKING = "…"
SCORES_AT_THE_END = "Scores appear in the report when the interview ends."
DIFFICULTIES = ("mixed", "easy", "medium", "hard")
MAX_QUESTIONS = 15
MAX_JOIN_CODE = 40
STREAM_EVERY_S = 0.25  # the most often a reply being written is sent again


@functools.cache
def panel_shown(visible: bool) -> Any:
    """The coding panel's update, made once: building a Gradio block costs ~1 ms (it looks
    for its upload folder on disk), and every view returns one."""
    return gr.Column(visible=visible)


@dataclass
class RoomView:
    """Everything the room shows, one field per output component."""

    chat: views.Chat = field(default_factory=list)
    session_id: str = ""
    answer: str = ""
    score: str = ""
    highlights: list[tuple[str, str | None]] = field(default_factory=list)
    points: str = ""
    report: str = ""
    downloads: str = ""
    area_chart: pd.DataFrame | None = None
    star_chart: pd.DataFrame | None = None
    coding_panel: Any = field(default_factory=lambda: panel_shown(False))
    code_result: str = ""
    # Not an output: the open coding exercise (id, starter code), for the editor's update.
    problem: tuple[str, str] | None = field(default=None, metadata={"output": False})


SHOWN = tuple(
    name
    for name, spec in RoomView.__dataclass_fields__.items()
    if spec.metadata.get("output", True)
)


@dataclass
class RoomComponents:
    chat: Any
    session_id: Any
    answer: Any
    score: Any
    highlights: Any
    points: Any
    report: Any
    downloads: Any
    area_chart: Any
    star_chart: Any
    coding_panel: Any
    code_result: Any
    editor: Any = None  # the code editor and the exercise it shows: inputs and outputs of
    editor_problem: Any = None  # the room's events, not RoomView fields (see with_editor)

    def outputs(self) -> list[Any]:
        return [getattr(self, name) for name in SHOWN]

    def updates(self, view: RoomView) -> dict[Any, Any]:
        """Every output gets a value (never a skip)."""
        return {getattr(self, name): getattr(view, name) for name in SHOWN}

    def with_editor(self, view: RoomView, code: str, shown: str) -> dict[Any, Any]:
        """The view's updates and the editor's: the starter code when a new exercise opens,
        otherwise the candidate's own code stays (it is theirs: nothing the server keeps
        depends on it). In the same event, so an action costs one request, not two."""
        current = view.problem
        if current is None:
            code, shown = code or "", ""
        elif current[0] != shown:
            shown, code = current
        return {**self.updates(view), self.editor: code or "", self.editor_problem: shown}


def _address(request: gr.Request | None) -> str:
    client = getattr(request, "client", None)
    return str(getattr(client, "host", None) or "local")


def _checked_text(text: str, what: str, limit: int) -> str:
    if has_lone_surrogate(text):
        raise InterviewError(
            f"Your {what} contains a character that cannot be stored (an unpaired surrogate); "
            "remove it and try again. Nothing was saved."
        )
    if len(text) > limit:
        raise InterviewError(
            f"Your {what} is limited to {limit:,} characters (it has {len(text):,}). "
            "Nothing was saved."
        )
    return text


class CandidateRoom:
    """Handlers for the interview room; each one is a thin call into the engine."""

    def __init__(self, engine: InterviewEngine, downloads: Downloads, limits: ClientLimits) -> None:
        self.engine = engine
        self.downloads = downloads
        self.limits = limits

    # ----- views ----------------------------------------------------------------------
    def view(
        self,
        session_id: str,
        feedback: str = AFTER_EACH,
        answer: str = "",
        notices: tuple[str, ...] = (),
    ) -> RoomView:
        """The room for a session, rendered from the database."""
        if not session_id:
            return RoomView(chat=[views.notice(n) for n in notices], answer=answer)
        try:
            session, messages = self.engine.conversation(session_id)
        except SessionNotFound as exc:
            return RoomView(
                chat=[views.notice(str(exc)), *map(views.notice, notices)], answer=answer
            )
        chat = views.chat_messages(messages, session.turns)
        chat += [views.notice(n) for n in notices]
        room = RoomView(chat=chat, session_id=session_id, answer=answer)
        report = self.engine.report(session_id) if session.finished else None
        scored = [t for t in session.turns if t.score is not None]
        if feedback == AT_THE_END and report is None:
            room.score = SCORES_AT_THE_END
        elif scored:
            turn = scored[-1]
            record = turn.score
            assert record is not None
            thread = "\n".join(
                t.answer or ""
                for t in session.turns
                if t.main_seq == turn.main_seq
                and t.seq <= turn.seq
                and t.answer_status is AnswerStatus.answered
            )
            room.score = score_markdown(record)
            room.highlights = views.star_highlights(thread, record) if record.star else []
            if record.technical is not None:
                question = self.engine.kb.question(turn.question_id)
                room.points = key_points_markdown(record, [kp.text for kp in question.key_points])
        self._coding_panel(room, session)
        if report is not None:
            self._report_panels(room, report)
        return room

    def _coding_panel(self, room: RoomView, session: Any) -> None:
        turn = session.pending_turn
        problem = self.engine.problem_for(turn)
        if problem is None or session.finished:
            return
        room.problem = (problem.id, problem.starter_code())
        room.coding_panel = panel_shown(True)
        runs = [
            r
            for r in self.engine.code_runs(session.id)
            if r.turn_seq in {t.seq for t in session.turns if t.main_seq == turn.main_seq}
        ]
        done = [r for r in runs if r.verdict]
        latest = (
            Verdict.model_validate_json(done[-1].verdict) if done and done[-1].verdict else None
        )
        unavailable = self.engine.coder.unavailable() if self.engine.coder else "no code runner"
        room.code_result = views.verdict_markdown(latest, unavailable)

    def _report_panels(self, room: RoomView, report: Report) -> None:
        room.report = report_markdown(report)
        room.downloads = views.download_links(self.downloads.report_links(report.session_id))
        room.area_chart = views.area_chart(report)
        room.star_chart = views.star_chart(report)

    def _failed(self, exc: Exception, session_id: str, feedback: str, answer: str) -> RoomView:
        if isinstance(exc, UserError):
            return self.view(session_id, feedback, answer, (str(exc),))
        log.exception("unexpected error in a candidate handler")
        saved = bool(answer.strip()) and self._answer_saved(session_id, answer)
        message = (
            "Something went wrong on our side. Your answer is saved; reload the page or press "
            "Send again to continue."
            if saved
            else "Something went wrong on our side and nothing was saved; your text is still in "
            "the box, so try again in a moment."
        )
        return self.view(session_id, feedback, answer, (message,))

    def _answer_saved(self, session_id: str, answer: str) -> bool:
        try:
            session = self.engine.repo.get_session(session_id)
        except Exception:
            return False
        return any(t.answer == answer for t in session.turns[-2:])

    # ----- handlers ---------------------------------------------------------------------
    def start(
        self,
        name: str,
        areas: list[str] | None,
        difficulty: str,
        questions: float,
        job: str,
        feedback: str,
        code: str,
        coding: float = 0,
        profile: Profile | None = None,
        project_questions: float = 0,
        join_code: str = "",
        request: gr.Request | None = None,
    ) -> tuple[RoomView, str]:
        """A new interview; returns the room and the history code (issued here if the
        browser holds none this server issued). A cohort's join code decides the plan (its
        bank, length, difficulty): what the coach set, whatever the panel says."""
        address = _address(request)
        code = code if self.engine.known_code(code) else ""
        try:
            with self.limits.running(address):
                self.limits.check_new_session(address)
                name = _checked_text(name or "", "name", 200)
                job = _checked_text(job or "", "job description", 20_000)
                if difficulty not in DIFFICULTIES:
                    raise InterviewError(f"Difficulty is one of {', '.join(DIFFICULTIES)}.")
                count = int(questions or 0)
                if not 1 <= count <= MAX_QUESTIONS:
                    raise InterviewError(f"Choose between 1 and {MAX_QUESTIONS} questions.")
                cohort_id = None
                if len(join_code or "") > MAX_JOIN_CODE:
                    raise InterviewError("That join code is too long; copy it from your coach.")
                if (join_code or "").strip():
                    self.engine.refresh_knowledge()  # the cohort's bank may be new
                    cohort, plan = join_cohort(
                        self.engine.repo, self.engine.kb, join_code, date.today()
                    )
                    cohort_id = cohort.id
                code = code or self.engine.issue_code()
                if cohort_id is not None:
                    reply = self.engine.start(
                        name or "candidate", plan, candidate_code=code, cohort_id=cohort_id
                    )
                    return self.view(reply.session_id, feedback), code
                plan = build_plan(
                    self.engine.kb,
                    areas=list(areas or []) or None,
                    difficulty=difficulty,  # type: ignore[arg-type]
                    questions=count,
                    job_description=job or None,
                    coding=int(coding or 0),
                    profile=profile,
                    project_slots=int(project_questions or 0) if profile is not None else 0,
                )
                reply = self.engine.start(name or "candidate", plan, candidate_code=code)
        except Exception as exc:
            return self._failed(exc, "", feedback, ""), code
        return self.view(reply.session_id, feedback), code

    def send(
        self, answer: str, session_id: str, feedback: str, request: gr.Request | None = None
    ) -> Iterator[RoomView]:
        answer = answer or ""
        if not session_id:
            yield self.view("", feedback, answer, ("Start an interview first.",))
            return
        if not answer.strip():
            yield self.view(session_id, feedback, answer)  # an empty send does nothing
            return
        try:
            with self.limits.running(_address(request)):
                yield from self._send(answer, session_id, feedback)
        except TooBusy as exc:
            yield self.view(session_id, feedback, answer, (str(exc),))

    def _send(self, answer: str, session_id: str, feedback: str) -> Iterator[RoomView]:
        try:
            _checked_text(answer, "answer", MAX_ANSWER_CHARS)
        except InterviewError as exc:
            yield self.view(session_id, feedback, answer, (str(exc),))
            return
        # Show the answer at once; the interviewer's reply follows.
        pending = self.view(session_id, feedback, answer)
        pending.chat = [*pending.chat, {"role": "user", "content": inert_markdown(answer)}]
        yield RoomView(**{**pending.__dict__, "chat": [*pending.chat, _thinking()]})
        outcome: dict[str, Any] = {}
        words: queue.Queue[str | None] = queue.Queue()  # None: the engine has finished

        def work() -> None:
            text_sink.set(words.put)  # a model that streams writes the next line here
            try:
                outcome["reply"] = self.engine.submit_answer(session_id, answer)
            except Exception as exc:
                outcome["error"] = exc
            finally:
                words.put(None)

        threading.Thread(target=work, daemon=True).start()
        shown_at = time.monotonic()
        while (text := words.get()) is not None:
            # Only the latest text matters, and at most every STREAM_EVERY_S: each update is
            # a full message to the browser, and a reply that is done by then comes whole.
            finished = False
            while not finished:
                try:
                    newer = words.get(
                        timeout=max(0.0, shown_at + STREAM_EVERY_S - time.monotonic())
                    )
                except queue.Empty:
                    break
                if newer is None:
                    finished = True
                else:
                    text = newer
            if finished:
                break
            # The pending chat with the reply so far: nothing else the room shows has to be
            # read again while the model writes (the final view reads it all).
            yield RoomView(**{**pending.__dict__, "chat": [*pending.chat, _said(text)]})
            shown_at = time.monotonic()
        if "error" in outcome:
            # The answer box keeps the text; the message says whether it was stored.
            yield self._failed(outcome["error"], session_id, feedback, answer)
            return
        yield self.view(session_id, feedback)

    def read_cv(
        self, path: str | None, pasted: str, request: gr.Request | None = None
    ) -> tuple[Profile | None, Any, str]:
        """Read an uploaded or pasted CV into a profile the candidate can correct."""
        try:
            with self.limits.running(_address(request)):
                _checked_text(pasted or "", "pasted CV", profile_panel.MAX_PASTE)
                profile, line = profile_panel.read_cv(
                    path, pasted or "", lambda text: self.engine.brain.read_profile(text, [])
                )
        except UserError as exc:
            return None, profile_panel.table(None), str(exc)
        return profile, profile_panel.table(profile), line

    def forget_cv(
        self, session_id: str, request: gr.Request | None = None
    ) -> tuple[None, Any, str]:
        """Drop the CV: from this browser's state, and from the interview it started."""
        message = "Your CV is removed from this page."
        if session_id:
            try:
                with self.limits.running(_address(request)):
                    dropped = self.engine.forget_profile(session_id)
                message = (
                    "Your CV's profile is removed from this interview"
                    + (
                        f" ({dropped} project question(s) not yet asked are replaced)."
                        if dropped
                        else "."
                    )
                    + " Questions already asked stay in the transcript."
                )
            except UserError as exc:
                message = str(exc)
        return None, profile_panel.table(None), message

    def run_code(
        self,
        session_id: str,
        code: str,
        feedback: str,
        kind: str,
        request: gr.Request | None = None,
    ) -> RoomView:
        """Run or Submit the editor's code; the code is stored before it runs."""
        if kind not in ("run", "submit"):
            return self.view(session_id, feedback, "", ("Unknown action.",))
        try:
            _checked_text(code or "", "code", MAX_CODE_CHARS)
            with self.limits.running(_address(request)):
                self.engine.code(session_id, code or "", kind)  # type: ignore[arg-type]
        except Exception as exc:
            return self._failed(exc, session_id, feedback, "")
        return self.view(session_id, feedback)

    def skip(
        self, session_id: str, answer: str, feedback: str, request: gr.Request | None = None
    ) -> RoomView:
        try:
            with self.limits.running(_address(request)):
                self.engine.skip(session_id)
        except Exception as exc:
            return self._failed(exc, session_id, feedback, answer or "")
        return self.view(session_id, feedback, answer or "")

    def hint(
        self, session_id: str, answer: str, feedback: str, request: gr.Request | None = None
    ) -> RoomView:
        try:
            with self.limits.running(_address(request)):
                self.engine.hint(session_id)
        except Exception as exc:
            return self._failed(exc, session_id, feedback, answer or "")
        return self.view(session_id, feedback, answer or "")

    def repeat(
        self, session_id: str, answer: str, feedback: str, request: gr.Request | None = None
    ) -> RoomView:
        try:
            with self.limits.running(_address(request)):
                self.engine.repeat(session_id)
        except Exception as exc:
            return self._failed(exc, session_id, feedback, answer or "")
        return self.view(session_id, feedback, answer or "")

    def end(
        self, session_id: str, answer: str, feedback: str, request: gr.Request | None = None
    ) -> RoomView:
        try:
            with self.limits.running(_address(request)):
                self.engine.end(session_id)
        except Exception as exc:
            return self._failed(exc, session_id, feedback, answer or "")
        return self.view(session_id, feedback, answer or "")

    def resume(
        self, session_id: str, feedback: str = AFTER_EACH, request: gr.Request | None = None
    ) -> RoomView:
        session_id = (session_id or "").strip()[:100]
        if not session_id:
            return RoomView()
        try:
            with self.limits.running(_address(request)):
                self.engine.resume(session_id)
        except Exception as exc:
            failed = self._failed(exc, "", feedback, "")
            return failed
        return self.view(session_id, feedback)

    def resume_pasted(
        self, session_id: str, feedback: str, request: gr.Request | None = None
    ) -> RoomView:
        """A session id typed by hand: look-ups are rate-limited like history codes."""
        try:
            self.limits.check_lookup(_address(request))
        except TooBusy as exc:
            return self.view("", feedback, "", (str(exc),))
        return self.resume(session_id, feedback, request)

    def history(
        self, code: str, request: gr.Request | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame, str]:
        columns = ["session", "date", "status", "overall %", "answered"]
        empty = pd.DataFrame([], columns=columns)
        try:
            self.limits.check_lookup(_address(request))
        except TooBusy as exc:
            return empty, empty[["date", "overall %"]], str(exc)
        key = candidate_key(code) if self.engine.known_code(code) else None
        rows = [
            {
                "session": s.id,
                "date": s.created_at.strftime("%Y-%m-%d %H:%M"),
                "status": s.status.value,
                "overall %": s.overall or 0.0,
                "answered": s.answered,
            }
            for s in (reversed(self.engine.repo.sessions_for_code(key)) if key else [])
        ]
        table = pd.DataFrame(rows, columns=columns)
        message = "" if rows else "No sessions for that code."
        return table, table[["date", "overall %"]], message


def _thinking() -> dict[str, str]:
    return {"role": "assistant", "content": THINKING}


def _said(text: str) -> dict[str, str]:
    return {"role": "assistant", "content": inert_markdown(text)}


def build_candidate_room(
    room: CandidateRoom, banner: str, default_questions: int, state_secret: str
) -> tuple[RoomComponents, Any, Any, Any]:
    """The room's components and events (inside a gr.Blocks); returns what page load needs."""
    engine = room.engine
    gr.Markdown(banner, elem_id="brain-banner")
    session_state = gr.BrowserState("", storage_key="interviewer-session", secret=state_secret)
    code_state = gr.BrowserState("", storage_key="interviewer-candidate", secret=state_secret)
    with gr.Tab("Interview"):
        with gr.Row():
            with gr.Column(scale=1, min_width=280):
                name = gr.Textbox(label="Your name", max_length=200, elem_id="name")
                chosen = gr.CheckboxGroup(
                    [
                        (f"{area.title} (coach's bank)" if key in engine.kb.versions else key, key)
                        for key, area in engine.kb.areas.items()
                    ],
                    label="Areas (empty = balanced mix)",
                )
                difficulty = gr.Radio(list(DIFFICULTIES), value="mixed", label="Difficulty")
                questions = gr.Slider(
                    1,
                    MAX_QUESTIONS,
                    value=min(default_questions, MAX_QUESTIONS),
                    step=1,
                    label="Main questions",
                    elem_id="questions",
                )
                job = gr.Textbox(label="Job description (optional)", lines=4, max_length=20_000)
                join_code = gr.Textbox(
                    "",
                    label="Cohort join code (from your coach; it sets the questions)",
                    max_length=MAX_JOIN_CODE,
                    elem_id="join-code",
                )
                with gr.Accordion("Your CV or project README (optional)", open=False):
                    cv_file = gr.File(
                        label="Upload (PDF, DOCX, Markdown, text; 5 MB)",
                        file_types=[".pdf", ".docx", ".md", ".txt"],
                        type="filepath",
                        elem_id="cv-file",
                    )
                    cv_text = gr.Textbox(
                        label="... or paste it",
                        lines=4,
                        max_length=profile_panel.MAX_PASTE,
                        elem_id="cv-text",
                    )
                    with gr.Row():
                        read_cv = gr.Button("Read my CV", elem_id="read-cv")
                        forget_cv = gr.Button("Remove my CV", elem_id="forget-cv")
                    cv_status = gr.Markdown(elem_id="cv-status")
                    cv_table = gr.Dataframe(
                        headers=profile_panel.COLUMNS,
                        interactive=True,
                        label="Your projects (correct anything the reader got wrong)",
                        elem_id="cv-projects",
                    )
                    project_questions = gr.Slider(
                        0,
                        MAX_PROJECT_SLOTS,
                        value=2,
                        step=1,
                        label="Questions about your projects",
                        elem_id="project-questions",
                    )
                    profile_state = gr.State(None)  # server-side: never sent to the browser
                coding = gr.Slider(
                    0,
                    MAX_CODING,
                    value=0,
                    step=1,
                    label="Coding exercises (your code runs in a sandbox)",
                    elem_id="coding",
                )
                unavailable = engine.coder.unavailable() if engine.coder else "no code runner"
                if unavailable:
                    gr.Markdown(f"_Coding exercises are unavailable here: {unavailable}_")
                feedback = gr.Radio([AFTER_EACH, AT_THE_END], value=AFTER_EACH, label="Show scores")
                start = gr.Button("Start interview", variant="primary", elem_id="start")
            with gr.Column(scale=2):
                chat = gr.Chatbot(label="Interview", height=480, elem_id="chat")
                answer = gr.Textbox(
                    label="Your answer",
                    lines=5,
                    max_length=MAX_ANSWER_CHARS,
                    elem_id="answer",
                    placeholder="Type your answer, then Send.",
                )
                with gr.Row():
                    send = gr.Button("Send", variant="primary", elem_id="send")
                    skip = gr.Button("Skip", elem_id="skip")
                    hint = gr.Button("Hint", elem_id="hint")
                    repeat = gr.Button("Repeat question", elem_id="repeat")
                    end = gr.Button("End interview", variant="stop", elem_id="end")
                with gr.Column(visible=False, elem_id="coding-panel") as coding_panel:
                    editor = gr.Code(
                        value="",  # a default, so API clients may leave the editor out
                        language="python",
                        label="Your code",
                        lines=14,
                        interactive=True,
                        elem_id="editor",
                    )
                    with gr.Row():
                        run_code = gr.Button("Run (examples)", elem_id="run-code")
                        submit_code = gr.Button(
                            "Submit (hidden tests)", variant="primary", elem_id="submit-code"
                        )
                    code_result = gr.Markdown(elem_id="code-result")
                    editor_problem = gr.State("")
            with gr.Column(scale=1, min_width=280):
                score = gr.Markdown(elem_id="score")
                highlights = gr.HighlightedText(
                    label="STAR in your answer",
                    color_map=views.STAR_COLOURS,
                    show_legend=True,
                    combine_adjacent=True,
                    elem_id="star",
                )
                points = gr.Markdown(elem_id="key-points")
        with gr.Accordion("Report", open=True):
            with gr.Row():
                area_chart = gr.BarPlot(
                    x="area",
                    y="score %",
                    y_lim=[0, 100],
                    title="Score by area",
                    elem_id="area-chart",
                )
                star_chart = gr.BarPlot(
                    x="part",
                    y="average (0-2)",
                    y_lim=[0, 2],
                    title="STAR parts",
                    sort=["situation", "task", "action", "result"],
                    elem_id="star-chart",
                )
            report = gr.Markdown(elem_id="report")
            downloads = gr.HTML(elem_id="report-downloads")
    with gr.Tab("My history"):
        gr.Markdown(
            "Your private code links your sessions in this browser. Keep it to see your history "
            "on another device; nobody else can list your sessions without it."
        )
        code_box = gr.Textbox(label="Your code", elem_id="code", type="password", max_length=100)
        show = gr.Button("Show my sessions")
        history_note = gr.Markdown()
        history_table = gr.Dataframe(interactive=False)
        history_plot = gr.LinePlot(x="date", y="overall %", y_lim=[0, 100], title="Progress")
        resume_id = gr.Textbox(label="Resume a session (paste its id)", max_length=100)
        resume = gr.Button("Resume")

    parts = RoomComponents(
        chat,
        session_state,
        answer,
        score,
        highlights,
        points,
        report,
        downloads,
        area_chart,
        star_chart,
        coding_panel,
        code_result,
    )
    parts.editor, parts.editor_problem = editor, editor_problem
    outputs = parts.outputs()
    with_editor = [*outputs, editor, editor_problem]

    def on_start(
        who: str,
        areas: list[str],
        level: str,
        count: float,
        job_text: str,
        shown: str,
        code_held: str,
        exercises: float,
        profile: Profile | None,
        projects_table: Any,
        project_count: float,
        source: str,
        problem: str,
        joining: str,
        request: gr.Request,
    ) -> dict[Any, Any]:
        try:
            fixed = profile_panel.corrected(profile, projects_table)
        except UserError as exc:
            view = room.view("", shown, "", (str(exc),))
            updates = parts.with_editor(view, source, problem)
            return {**updates, code_state: code_held, code_box: code_held}
        view, code = room.start(
            who, areas, level, count, job_text, shown, code_held, exercises, fixed,
            project_count, joining, request,
        )  # fmt: skip
        return {**parts.with_editor(view, source, problem), code_state: code, code_box: code}

    def on_send(
        text: str, session_id: str, shown: str, source: str, problem: str, request: gr.Request
    ) -> Iterator[dict[Any, Any]]:
        # Each view says which exercise is open: the reply may open one (its starter code
        # comes in the same event); until then the candidate's code stays as it is.
        for view in room.send(text, session_id, shown, request):
            yield parts.with_editor(view, source, problem)

    def action(handler: Any) -> Any:
        def run(
            session_id: str, text: str, shown: str, source: str, problem: str, request: gr.Request
        ) -> dict[Any, Any]:
            view = handler(session_id, text, shown, request)
            return parts.with_editor(view, source, problem)

        return run

    def on_code(kind: str) -> Any:
        def run(session_id: str, code: str, shown: str, request: gr.Request) -> dict[Any, Any]:
            return parts.updates(room.run_code(session_id, code, shown, kind, request))

        return run

    start.click(
        on_start,
        [
            name,
            chosen,
            difficulty,
            questions,
            job,
            feedback,
            code_state,
            coding,
            profile_state,
            cv_table,
            project_questions,
            editor,
            editor_problem,
            join_code,
        ],
        [*with_editor, code_state, code_box],
        api_name="start",
    )
    gr.on(
        [send.click, answer.submit],
        on_send,
        [answer, session_state, feedback, editor, editor_problem],
        with_editor,
        api_name="send",
    )
    for button, handler, api in (
        (skip, room.skip, "skip"),
        (hint, room.hint, "hint"),
        (repeat, room.repeat, "repeat"),
        (end, room.end, "end"),
    ):
        button.click(
            action(handler),
            [session_state, answer, feedback, editor, editor_problem],
            with_editor,
            api_name=api,
        )
    # No editor refresh after Run or Submit: the exercise stays the same, and the
    # candidate may already be typing again.
    for button, kind in ((run_code, "run"), (submit_code, "submit")):
        button.click(
            on_code(kind), [session_state, editor, feedback], outputs, api_name=f"{kind}_code"
        )

    def on_resume(
        pasted: str, shown: str, source: str, problem: str, request: gr.Request
    ) -> dict[Any, Any]:
        return parts.with_editor(room.resume_pasted(pasted, shown, request), source, problem)

    read_cv.click(
        room.read_cv, [cv_file, cv_text], [profile_state, cv_table, cv_status], api_name="read_cv"
    )
    forget_cv.click(
        room.forget_cv, [session_state], [profile_state, cv_table, cv_status], api_name="forget_cv"
    )
    resume.click(
        on_resume, [resume_id, feedback, editor, editor_problem], with_editor, api_name="resume"
    )
    show.click(
        room.history, [code_box], [history_table, history_plot, history_note], api_name="history"
    )
    return parts, session_state, code_state, code_box
