"""The candidate's interview room: set-up, conversation, feedback, report and history."""

from __future__ import annotations

import functools
import logging
import queue
import secrets
import threading
from collections.abc import Iterator
from typing import Any

import gradio as gr
import pandas as pd

from interviewer.brains.base import text_sink
from interviewer.exports.pdf import markdown_to_pdf
from interviewer.interview.engine import InterviewEngine, InterviewError, Reply, candidate_key
from interviewer.interview.plan import PlanError, build_plan
from interviewer.interview.report import Report
from interviewer.knowledge.store import StoreUnavailable
from interviewer.safe_text import inert
from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage.repository import SessionNotFound
from interviewer.ui import views
from interviewer.ui.files import write_export

log = logging.getLogger(__name__)
SAFE_ERRORS = (InterviewError, PlanError, StoreUnavailable, SessionNotFound)
AFTER_EACH = "after each answer"
AT_THE_END = "at the end"
THINKING = "…"
Chat = list[dict[str, str]]
N_OUTPUTS = (
    12  # chat, session, answer box, score, highlights, key points, report, 3 files, 2 charts
)
SCORES_AT_THE_END = "Scores appear in the report when the interview ends."
# score, highlights, key points, report, its 3 files, 2 charts: what a session without scores shows
EMPTY_PANELS: tuple[Any, ...] = ("", [], "", "", None, None, None, None, None)


def _friendly(exc: Exception) -> str:
    if isinstance(exc, SAFE_ERRORS):
        return f"⚠️ {exc}"
    log.exception("unexpected error in a candidate handler")
    return (
        "⚠️ Something went wrong on our side. Your answer is saved; try sending again in a moment."
    )


def area_chart(report: Report) -> pd.DataFrame:
    return pd.DataFrame({"area": list(report.per_area), "score %": list(report.per_area.values())})


def star_chart(report: Report) -> pd.DataFrame:
    return pd.DataFrame(
        {"part": list(report.star_breakdown), "average (0-2)": list(report.star_breakdown.values())}
    )


@functools.lru_cache(maxsize=64)
def _report_files(report_json: str) -> tuple[str, str, str, str]:
    """A report's markdown and its MD, JSON and PDF downloads, written once per report.

    A finished session's panels are shown again on resume and after any later click, and
    the PDF alone takes ~190 ms of CPU."""
    report = Report.model_validate_json(report_json)
    markdown, as_json = views.report_files(report)
    stem = f"report-{report.session_id}"
    return (
        markdown,
        write_export(f"{stem}.md", markdown),
        write_export(f"{stem}.json", as_json),
        write_export(
            f"{stem}.pdf", markdown_to_pdf(markdown, f"Interview report: {report.candidate}")
        ),
    )


class CandidateRoom:
    """Handlers for the interview room; each one is a thin call into the engine."""

    def __init__(self, engine: InterviewEngine) -> None:
        self.engine = engine

    def _interviewer(self, chat: Chat, reply: Reply) -> Chat:
        messages = list(reply.messages)
        if reply.current is not None and messages:
            messages[-1] = views.question_message(reply.current, messages[-1])
        return [*chat, *({"role": "assistant", "content": m} for m in messages)]

    def _outputs(
        self, chat: Chat, reply: Reply, answer_box: str, feedback: str = AFTER_EACH
    ) -> tuple[Any, ...]:
        return (
            self._interviewer(chat, reply),
            reply.session_id,
            answer_box,
            *self._panels(reply.session_id, feedback, reply.report if reply.finished else None),
        )

    def _panels(
        self, session_id: str, feedback: str, report: Report | None = None
    ) -> tuple[Any, ...]:
        """The score, highlights, key points and report, as a view of the stored session.

        Every handler sends every output a real value, never gr.skip(): Gradio keeps one more
        copy of a component, for the life of the browser session, each time an output goes
        from skipped to a value (a 20-candidate soak grew by about 15 MB a minute from it)."""
        try:
            session = self.engine.repo.get_session(session_id) if session_id else None
        except Exception:  # an unknown or unreachable session: empty panels, the chat says why
            session = None
        if session is None:
            return EMPTY_PANELS
        if report is None and session.status == "finished":
            report = self.engine.report(session_id)
        scored = [t for t in session.turns if t.scores]
        feedback_panels: tuple[Any, ...] = ("", [], "")
        if feedback != AFTER_EACH and report is None:
            feedback_panels = (SCORES_AT_THE_END, [], "")
        elif scored:
            turn = scored[-1]
            record = ScoreRecord.model_validate_json(turn.scores[-1].payload)
            question = self.engine.kb.question(turn.question_id)
            feedback_panels = (
                views.score_markdown(record),
                views.star_highlights(turn.answer or "", record) if record.star else [],
                views.key_points_markdown(record, [kp.text for kp in question.key_points]),
            )
        report_panels = EMPTY_PANELS[3:] if report is None else self._report_outputs(report)
        return (*feedback_panels, *report_panels)

    def _report_outputs(self, report: Report) -> tuple[Any, ...]:
        return (*_report_files(report.model_dump_json()), area_chart(report), star_chart(report))

    def _error(
        self,
        chat: Chat,
        exc: Exception,
        session_id: str,
        answer_box: str,
        feedback: str = AFTER_EACH,
    ) -> tuple[Any, ...]:
        chat = [*chat, {"role": "assistant", "content": _friendly(exc)}]
        return (chat, session_id, answer_box, *self._panels(session_id, feedback))

    # ----- handlers ---------------------------------------------------------------------
    def start(
        self, name: str, areas: list[str], difficulty: str, questions: float, job: str, code: str
    ) -> tuple[Any, ...]:
        code = (code or "").strip() or secrets.token_urlsafe(9)
        try:
            plan = build_plan(
                self.engine.kb,
                areas=areas or None,
                difficulty=difficulty,  # type: ignore[arg-type]
                questions=int(questions),
                job_description=job or None,
            )
            reply = self.engine.start(name or "candidate", plan, candidate_code=code)
        except Exception as exc:
            return (*self._error([], exc, "", ""), code)
        return (*self._outputs([], reply, ""), code)

    def send(
        self, answer: str, session_id: str, chat: Chat, feedback: str
    ) -> Iterator[tuple[Any, ...]]:
        if not session_id:
            yield self._error(chat, InterviewError("Start an interview first."), "", answer)
            return
        panels = self._panels(session_id, feedback)  # unchanged until the reply is in
        if not answer.strip():
            yield (chat, session_id, answer, *panels)  # an empty send does nothing
            return
        chat = [*chat, {"role": "user", "content": inert(answer)}]
        # Show the answer at once; the interviewer's reply follows.
        yield (chat + [{"role": "assistant", "content": THINKING}], session_id, answer, *panels)
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
        while (text := words.get()) is not None:
            while not words.empty():  # only the latest text matters
                newer = words.get_nowait()
                if newer is None:
                    words.put(None)
                    break
                text = newer
            yield (
                chat + [{"role": "assistant", "content": inert(text)}],
                session_id,
                answer,
                *panels,
            )
        if "error" in outcome:
            # The answer box keeps the text; the database already holds it if it got that far.
            yield self._error(chat[:-1], outcome["error"], session_id, answer, feedback)
            return
        yield self._outputs(chat, outcome["reply"], "", feedback)

    def skip(self, session_id: str, chat: Chat, answer: str, feedback: str) -> tuple[Any, ...]:
        try:
            reply = self.engine.skip(session_id)
        except Exception as exc:
            return self._error(chat, exc, session_id, answer, feedback)
        chat = [*chat, {"role": "user", "content": "(skipped)"}]
        return self._outputs(chat, reply, answer, feedback)

    def hint(self, session_id: str, chat: Chat) -> Chat:
        try:
            return [*chat, {"role": "assistant", "content": self.engine.hint(session_id)}]
        except Exception as exc:
            return [*chat, {"role": "assistant", "content": _friendly(exc)}]

    def repeat(self, session_id: str, chat: Chat) -> Chat:
        try:
            return [*chat, {"role": "assistant", "content": self.engine.repeat(session_id)}]
        except Exception as exc:
            return [*chat, {"role": "assistant", "content": _friendly(exc)}]

    def end(self, session_id: str, chat: Chat, answer: str, feedback: str) -> tuple[Any, ...]:
        try:
            reply = self.engine.end(session_id)
        except Exception as exc:
            return self._error(chat, exc, session_id, answer, feedback)
        return self._outputs(chat, reply, answer, feedback)

    def resume(self, session_id: str, feedback: str = AFTER_EACH) -> tuple[Any, ...]:
        session_id = (session_id or "").strip()
        if not session_id:
            return ([], "", "", *EMPTY_PANELS)
        try:
            session = self.engine.repo.get_session(session_id)
            reply = self.engine.resume(session_id)
        except Exception as exc:
            return self._error([], exc, "", "", feedback)
        chat: Chat = []
        for turn in session.turns:
            chat.append(
                {"role": "assistant", "content": views.question_message(turn, turn.question_text)}
            )
            if turn.answer_status not in ("pending", "received"):
                chat.append(
                    {"role": "user", "content": inert(turn.answer) or f"({turn.answer_status})"}
                )
        if (
            reply.current is not None
            and session.turns
            and session.turns[-1].answer_status == "pending"
        ):
            reply = Reply(reply.session_id, [], None, reply.current, False)
        return self._outputs(chat, reply, "", feedback)

    def history(self, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        key = candidate_key(code)
        rows = []
        if key is not None:
            for session in reversed(self.engine.repo.list_sessions(candidate_key=key)):
                report = self.engine.report(session.id)
                rows.append(
                    {
                        "session": session.id,
                        "date": session.created_at.strftime("%Y-%m-%d %H:%M"),
                        "status": session.status,
                        "overall %": report.overall or 0.0,
                        "answered": sum(1 for q in report.questions if q.status == "answered"),
                    }
                )
        table = pd.DataFrame(rows, columns=["session", "date", "status", "overall %", "answered"])
        return table, table[["date", "overall %"]]


def build_candidate_tab(
    engine: InterviewEngine, banner: str, default_questions: int
) -> tuple[Any, ...]:
    room = CandidateRoom(engine)
    gr.Markdown(banner, elem_id="brain-banner")
    session_id = gr.BrowserState("", storage_key="interviewer-session")
    code = gr.BrowserState("", storage_key="interviewer-candidate", secret="interviewer-local")
    with gr.Tab("Interview"):
        with gr.Row():
            with gr.Column(scale=1, min_width=280):
                name = gr.Textbox(label="Your name", max_length=200, elem_id="name")
                chosen = gr.CheckboxGroup(
                    list(engine.kb.areas), label="Areas (empty = balanced mix)"
                )
                difficulty = gr.Radio(
                    ["mixed", "easy", "medium", "hard"], value="mixed", label="Difficulty"
                )
                questions = gr.Slider(
                    1,
                    15,
                    value=min(default_questions, 15),
                    step=1,
                    label="Main questions",
                    elem_id="questions",
                )
                job = gr.Textbox(label="Job description (optional)", lines=4, max_length=20_000)
                feedback = gr.Radio([AFTER_EACH, AT_THE_END], value=AFTER_EACH, label="Show scores")
                start = gr.Button("Start interview", variant="primary", elem_id="start")
            with gr.Column(scale=2):
                chat = gr.Chatbot(label="Interview", height=480, elem_id="chat")
                answer = gr.Textbox(
                    label="Your answer",
                    lines=5,
                    max_length=20_000,
                    elem_id="answer",
                    placeholder="Type your answer, then Send.",
                )
                with gr.Row():
                    send = gr.Button("Send", variant="primary", elem_id="send")
                    skip = gr.Button("Skip", elem_id="skip")
                    hint = gr.Button("Hint", elem_id="hint")
                    repeat = gr.Button("Repeat question", elem_id="repeat")
                    end = gr.Button("End interview", variant="stop", elem_id="end")
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
                areas_plot = gr.BarPlot(
                    x="area",
                    y="score %",
                    y_lim=[0, 100],
                    title="Score by area",
                    elem_id="area-chart",
                )
                star_plot = gr.BarPlot(
                    x="part",
                    y="average (0-2)",
                    y_lim=[0, 2],
                    title="STAR parts",
                    sort=["situation", "task", "action", "result"],
                    elem_id="star-chart",
                )
            report = gr.Markdown(elem_id="report")
            with gr.Row():
                md_file = gr.File(label="Report (Markdown)", elem_id="report-md")
                json_file = gr.File(label="Report (JSON)", elem_id="report-json")
                pdf_file = gr.File(label="Report (PDF)", elem_id="report-pdf")
    with gr.Tab("My history"):
        gr.Markdown(
            "Your private code links your sessions in this browser. Keep it to see your history "
            "on another device; nobody else can list your sessions without it."
        )
        code_box = gr.Textbox(label="Your code", elem_id="code", type="password")
        show = gr.Button("Show my sessions")
        history_table = gr.Dataframe(interactive=False)
        history_plot = gr.LinePlot(x="date", y="overall %", y_lim=[0, 100], title="Progress")
        resume_id = gr.Textbox(label="Resume a session (paste its id)")
        resume = gr.Button("Resume")

    outputs = [
        chat,
        session_id,
        answer,
        score,
        highlights,
        points,
        report,
        md_file,
        json_file,
        pdf_file,
        areas_plot,
        star_plot,
    ]
    start.click(room.start, [name, chosen, difficulty, questions, job, code], [*outputs, code])
    send.click(room.send, [answer, session_id, chat, feedback], outputs)
    answer.submit(room.send, [answer, session_id, chat, feedback], outputs)
    skip.click(room.skip, [session_id, chat, answer, feedback], outputs)
    end.click(room.end, [session_id, chat, answer, feedback], outputs)
    hint.click(room.hint, [session_id, chat], chat)
    repeat.click(room.repeat, [session_id, chat], chat)
    resume.click(room.resume, [resume_id, feedback], outputs)
    show.click(room.history, [code_box], [history_table, history_plot])
    return room, session_id, code, code_box, outputs
