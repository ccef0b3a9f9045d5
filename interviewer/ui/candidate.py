"""The candidate's interview room: set-up, conversation, feedback and report."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from interviewer.interview.engine import InterviewEngine, InterviewError, Reply
from interviewer.interview.plan import PlanError, build_plan
from interviewer.knowledge.store import StoreUnavailable
from interviewer.storage.repository import SessionNotFound
from interviewer.ui import views

log = logging.getLogger(__name__)
EXPORTS = Path(tempfile.gettempdir()) / "interviewer-exports"
SAFE_ERRORS = (InterviewError, PlanError, StoreUnavailable, SessionNotFound)
Chat = list[dict[str, str]]


def _friendly(exc: Exception) -> str:
    if isinstance(exc, SAFE_ERRORS):
        return f"⚠️ {exc}"
    log.exception("unexpected error in a candidate handler")
    return (
        "⚠️ Something went wrong on our side. Your answer is saved; try sending again in a moment."
    )


class CandidateRoom:
    """Handlers for the interview room; each one is a thin call into the engine."""

    def __init__(self, engine: InterviewEngine) -> None:
        self.engine = engine

    def _interviewer(self, chat: Chat, reply: Reply) -> Chat:
        messages = list(reply.messages)
        if reply.current is not None and messages:
            messages[-1] = views.question_message(reply.current, messages[-1])
        return chat + [{"role": "assistant", "content": m} for m in messages]

    def _outputs(
        self, chat: Chat, reply: Reply, answer_box: str, answered: str | None
    ) -> tuple[Any, ...]:
        score_md, highlights, points_md = gr.skip(), gr.skip(), gr.skip()
        if reply.score is not None and answered is not None:
            score_md = views.score_markdown(reply.score)
            highlights = views.star_highlights(answered, reply.score) if reply.score.star else []
            turn_question = self.engine.kb.question(self._last_scored_question(reply.session_id))
            points_md = views.key_points_markdown(
                reply.score, [kp.text for kp in turn_question.key_points]
            )
        report_md, md_file, json_file = gr.skip(), gr.skip(), gr.skip()
        if reply.finished and reply.report is not None:
            markdown, as_json = views.report_files(reply.report)
            EXPORTS.mkdir(parents=True, exist_ok=True)
            md_path = EXPORTS / f"report-{reply.session_id}.md"
            json_path = EXPORTS / f"report-{reply.session_id}.json"
            md_path.write_text(markdown, encoding="utf-8")
            json_path.write_text(as_json, encoding="utf-8")
            report_md, md_file, json_file = markdown, str(md_path), str(json_path)
        return (
            self._interviewer(chat, reply),
            reply.session_id,
            answer_box,
            score_md,
            highlights,
            points_md,
            report_md,
            md_file,
            json_file,
        )

    def _last_scored_question(self, session_id: str) -> str:
        session = self.engine.repo.get_session(session_id)
        scored = [t for t in session.turns if t.scores]
        return scored[-1].question_id

    def _error(
        self, chat: Chat, exc: Exception, session_id: str, answer_box: str
    ) -> tuple[Any, ...]:
        chat = chat + [{"role": "assistant", "content": _friendly(exc)}]
        return (chat, session_id, answer_box, *([gr.skip()] * 6))

    # ----- handlers ---------------------------------------------------------------------
    def start(
        self, name: str, areas: list[str], difficulty: str, questions: float, job: str
    ) -> tuple[Any, ...]:
        try:
            plan = build_plan(
                self.engine.kb,
                areas=areas or None,
                difficulty=difficulty,  # type: ignore[arg-type]
                questions=int(questions),
                job_description=job or None,
            )
            reply = self.engine.start(name or "candidate", plan)
        except Exception as exc:
            return self._error([], exc, "", "")
        return self._outputs([], reply, "", None)

    def send(self, answer: str, session_id: str, chat: Chat) -> tuple[Any, ...]:
        if not session_id:
            return self._error(chat, InterviewError("Start an interview first."), "", answer)
        if not answer.strip():
            return (chat, session_id, answer, *([gr.skip()] * 6))  # an empty send does nothing
        chat = chat + [{"role": "user", "content": answer}]
        try:
            reply = self.engine.submit_answer(session_id, answer)
        except Exception as exc:
            # The answer box keeps the text; the database already holds it if it got that far.
            return self._error(chat[:-1], exc, session_id, answer)
        return self._outputs(chat, reply, "", answer)

    def skip(self, session_id: str, chat: Chat) -> tuple[Any, ...]:
        try:
            reply = self.engine.skip(session_id)
        except Exception as exc:
            return self._error(chat, exc, session_id, gr.skip())
        return self._outputs(
            chat + [{"role": "user", "content": "(skipped)"}], reply, gr.skip(), None
        )

    def hint(self, session_id: str, chat: Chat) -> Chat:
        try:
            return chat + [{"role": "assistant", "content": self.engine.hint(session_id)}]
        except Exception as exc:
            return chat + [{"role": "assistant", "content": _friendly(exc)}]

    def repeat(self, session_id: str, chat: Chat) -> Chat:
        try:
            return chat + [{"role": "assistant", "content": self.engine.repeat(session_id)}]
        except Exception as exc:
            return chat + [{"role": "assistant", "content": _friendly(exc)}]

    def end(self, session_id: str, chat: Chat) -> tuple[Any, ...]:
        try:
            reply = self.engine.end(session_id)
        except Exception as exc:
            return self._error(chat, exc, session_id, gr.skip())
        return self._outputs(chat, reply, gr.skip(), None)

    def resume(self, session_id: str) -> tuple[Any, ...]:
        session_id = (session_id or "").strip()
        if not session_id:
            return ([], "", gr.skip(), *([gr.skip()] * 6))
        try:
            session = self.engine.repo.get_session(session_id)
            reply = self.engine.resume(session_id)
        except Exception as exc:
            return self._error([], exc, "", gr.skip())
        chat: Chat = []
        for turn in session.turns:
            chat.append(
                {"role": "assistant", "content": views.question_message(turn, turn.question_text)}
            )
            if turn.answer_status != "pending" and turn.answer is not None:
                chat.append({"role": "user", "content": turn.answer or f"({turn.answer_status})"})
        if reply.current is not None:
            reply = Reply(
                reply.session_id,
                []
                if session.turns and session.turns[-1].answer_status == "pending"
                else reply.messages,
                None,
                reply.current,
                False,
            )
        return self._outputs(chat, reply, gr.skip(), None)


def build_candidate_tab(
    engine: InterviewEngine, banner: str, default_questions: int
) -> tuple[CandidateRoom, gr.BrowserState, list[Any]]:
    room = CandidateRoom(engine)
    areas = list(engine.kb.areas)
    gr.Markdown(banner, elem_id="brain-banner")
    session_id = gr.BrowserState("", storage_key="interviewer-session")
    with gr.Row():
        with gr.Column(scale=1, min_width=280):
            name = gr.Textbox(label="Your name or code", max_length=200)
            chosen = gr.CheckboxGroup(areas, label="Areas (empty = balanced mix)")
            difficulty = gr.Radio(
                ["mixed", "easy", "medium", "hard"], value="mixed", label="Difficulty"
            )
            questions = gr.Slider(
                1, 15, value=min(default_questions, 15), step=1, label="Main questions"
            )
            job = gr.Textbox(label="Job description (optional)", lines=4, max_length=20_000)
            start = gr.Button("Start interview", variant="primary")
            resume_id = gr.Textbox(label="Resume a session (paste its id)")
            resume = gr.Button("Resume")
        with gr.Column(scale=2):
            chat = gr.Chatbot(label="Interview", height=480, elem_id="chat")
            answer = gr.Textbox(
                label="Your answer",
                lines=5,
                max_length=20_000,
                elem_id="answer",
                placeholder="Type your answer; Send when done.",
            )
            with gr.Row():
                send = gr.Button("Send", variant="primary", elem_id="send")
                skip = gr.Button("Skip")
                hint = gr.Button("Hint")
                repeat = gr.Button("Repeat question")
                end = gr.Button("End interview", variant="stop")
        with gr.Column(scale=1, min_width=280):
            score = gr.Markdown(label="Feedback", elem_id="score")
            highlights = gr.HighlightedText(
                label="STAR in your answer",
                color_map=views.STAR_COLOURS,
                show_legend=True,
                combine_adjacent=True,
                elem_id="star",
            )
            points = gr.Markdown(elem_id="key-points")
    with gr.Accordion("Report", open=True):
        report = gr.Markdown(elem_id="report")
        with gr.Row():
            md_file = gr.File(label="Report (Markdown)")
            json_file = gr.File(label="Report (JSON)")

    outputs = [chat, session_id, answer, score, highlights, points, report, md_file, json_file]
    start.click(room.start, [name, chosen, difficulty, questions, job], outputs)
    send.click(room.send, [answer, session_id, chat], outputs)
    answer.submit(room.send, [answer, session_id, chat], outputs)
    skip.click(room.skip, [session_id, chat], outputs)
    end.click(room.end, [session_id, chat], outputs)
    hint.click(room.hint, [session_id, chat], chat)
    repeat.click(room.repeat, [session_id, chat], chat)
    resume.click(room.resume, [resume_id], outputs)
    return room, session_id, outputs
