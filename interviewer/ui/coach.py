"""The coach's review desk: find sessions, read transcripts, override scores, export.

Served as its own Gradio app behind authentication, so none of it (UI or HTTP API) is
reachable without coach credentials.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

import gradio as gr

from interviewer.coach.overrides import OverrideError, export_dataset, parse_covered, save_override
from interviewer.coach.review import (
    COLUMNS,
    SessionFilter,
    find_sessions,
    transcript,
    transcript_markdown,
)
from interviewer.exports.pdf import markdown_to_pdf
from interviewer.interview.engine import InterviewEngine
from interviewer.scoring.schemas import ScoreRecord
from interviewer.storage.repository import SessionNotFound
from interviewer.ui.files import write_export

log = logging.getLogger(__name__)
ANY_AREA = "(any area)"


def _picked_session(current: str, event: gr.SelectData) -> str:
    """Clicking a row of the session list fills in its id (an empty row keeps the current one).

    Like the candidate room, no coach handler returns gr.skip(): Gradio keeps one more copy of
    a component per browser session each time an output goes from skipped to a value."""
    row = event.row_value
    return str(row[0]) if row else current


def _day(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise gr.Error(f"Dates look like 2026-11-24, not {text!r}.") from exc


def _coach(request: gr.Request | None) -> str:
    return (request.username if request is not None and request.username else "coach")[:200]


class CoachDesk:
    def __init__(self, engine: InterviewEngine) -> None:
        self.engine = engine

    def search(
        self,
        candidate: str,
        since: str,
        until: str,
        area: str | None,
        low: float,
        high: float,
        fallback_only: bool,
    ) -> list[list[object]]:
        flt = SessionFilter(
            candidate=candidate or "",
            since=_day(since),
            until=_day(until),
            area=None if area in (None, "", ANY_AREA) else area,
            min_score=float(low),
            max_score=float(high),
            fallback_only=bool(fallback_only),
        )
        return [s.row() for s in find_sessions(self.engine, flt)]

    def open(self, session_id: str) -> tuple[str, Any]:
        session_id = (session_id or "").strip()
        try:
            data = transcript(self.engine, session_id)
        except SessionNotFound as exc:
            raise gr.Error(str(exc)) from exc
        scored = [t["seq"] for t in data["turns"] if t["scores"]]
        return transcript_markdown(data), gr.update(
            choices=scored, value=scored[-1] if scored else None
        )

    def machine_labels(self, session_id: str, turn_seq: int | None, *form: Any) -> tuple[Any, ...]:
        """Prefill the override form with the machine's labels for the chosen turn.

        `form` is the form as it stands (kind, S, T, A, R, overall, technical score, covered);
        the fields the turn's score does not speak to keep their values."""
        keep = tuple(form)
        if len(keep) != 8:
            raise ValueError(f"machine_labels needs the 8 form fields, got {len(keep)}")
        if not turn_seq:
            return keep
        try:
            session = self.engine.repo.get_session((session_id or "").strip())
        except SessionNotFound:
            return keep
        turn = next((t for t in session.turns if t.seq == int(turn_seq) and t.scores), None)
        if turn is None:
            return keep
        record = ScoreRecord.model_validate_json(turn.scores[-1].payload)
        if record.star is not None:
            star = record.star
            parts = (star.situation.score, star.task.score, star.action.score, star.result.score)
            return ("star", *parts, star.overall, *keep[6:])
        assert record.technical is not None
        covered = ", ".join(str(i) for i in record.technical.covered)
        return ("technical", *keep[1:6], record.technical.score, covered)

    def override(
        self,
        session_id: str,
        turn_seq: int | None,
        kind: str,
        s: float,
        t: float,
        a: float,
        r: float,
        overall: float,
        tech_score: float,
        covered: str,
        reason: str,
        request: gr.Request,
    ) -> tuple[str, str]:
        if turn_seq is None:
            raise gr.Error("Pick the turn to override.")
        labels: dict[str, object]
        try:
            if kind == "star":
                labels = {
                    "situation": int(s),
                    "task": int(t),
                    "action": int(a),
                    "result": int(r),
                    "overall": int(overall),
                }
            else:
                labels = {"score": int(tech_score), "covered": parse_covered(covered)}
            save_override(
                self.engine.repo,
                self.engine.kb,
                session_id=session_id.strip(),
                turn_seq=int(turn_seq),
                coach=_coach(request),
                kind="star" if kind == "star" else "technical",
                labels=labels,
                reason=reason,
            )
        except (OverrideError, SessionNotFound) as exc:
            raise gr.Error(str(exc)) from exc
        markdown, _ = self.open(session_id)
        return (
            markdown,
            f"Saved override for turn {turn_seq} (the machine score is kept beside it).",
        )

    def note(
        self, session_id: str, turn_seq: int | None, text: str, request: gr.Request
    ) -> tuple[str, str]:
        text = (text or "").strip()
        if not text:
            raise gr.Error("Write the note first.")
        if len(text) > 5_000:
            raise gr.Error("Notes are limited to 5,000 characters.")
        try:
            self.engine.repo.get_session(session_id.strip())
        except SessionNotFound as exc:
            raise gr.Error(str(exc)) from exc
        self.engine.repo.add_note(
            session_id.strip(),
            coach=_coach(request),
            text=text,
            turn_seq=int(turn_seq) if turn_seq else None,
        )
        markdown, _ = self.open(session_id)
        return markdown, ""

    def export(self, session_id: str) -> tuple[str, str, str]:
        try:
            data = transcript(self.engine, session_id.strip())
        except SessionNotFound as exc:
            raise gr.Error(str(exc)) from exc
        markdown = transcript_markdown(data)
        stem = f"transcript-{data['session_id']}"
        return (
            write_export(f"{stem}.md", markdown),
            write_export(f"{stem}.json", json.dumps(data, indent=2, ensure_ascii=False)),
            write_export(
                f"{stem}.pdf", markdown_to_pdf(markdown, f"Transcript: {data['candidate']}")
            ),
        )

    def export_labels(self) -> tuple[str, str]:
        return (
            write_export("coach-star-labels.jsonl", export_dataset(self.engine.repo, "star")),
            write_export(
                "coach-technical-labels.jsonl", export_dataset(self.engine.repo, "technical")
            ),
        )


def build_coach_app(engine: InterviewEngine) -> gr.Blocks:
    desk = CoachDesk(engine)
    with gr.Blocks(title="Coach review desk", analytics_enabled=False) as coach:
        gr.Markdown(
            "# Coach review desk\nSessions, transcripts with hidden interviewer notes, score "
            "overrides (kept beside the machine score) and exports."
        )
        with gr.Row():
            candidate = gr.Textbox(label="Candidate contains")
            since = gr.Textbox(label="From (YYYY-MM-DD)")
            until = gr.Textbox(label="To (YYYY-MM-DD)")
            area = gr.Dropdown([ANY_AREA, *engine.kb.areas], label="Area", value=ANY_AREA)
        with gr.Row():
            low = gr.Slider(0, 100, value=0, step=5, label="Min overall %")
            high = gr.Slider(0, 100, value=100, step=5, label="Max overall %")
            fallback_only = gr.Checkbox(label="Only sessions with fallback-scored turns")
            search = gr.Button("Search", variant="primary", elem_id="coach-search")
        sessions = gr.Dataframe(
            headers=COLUMNS, interactive=False, elem_id="coach-sessions", wrap=True
        )
        with gr.Row():
            session_id = gr.Textbox(label="Session id", elem_id="coach-session-id")
            open_button = gr.Button("Open transcript", elem_id="coach-open")
        transcript_md = gr.Markdown(elem_id="coach-transcript")
        with gr.Accordion("Override a score", open=True):
            with gr.Row():
                turn = gr.Dropdown(label="Turn", choices=[], elem_id="coach-turn")
                kind = gr.Radio(["star", "technical"], value="star", label="Kind")
            with gr.Row():
                s = gr.Number(label="Situation 0-2", value=1, precision=0, minimum=0, maximum=2)
                t = gr.Number(label="Task 0-2", value=1, precision=0, minimum=0, maximum=2)
                a = gr.Number(label="Action 0-2", value=1, precision=0, minimum=0, maximum=2)
                r = gr.Number(label="Result 0-2", value=1, precision=0, minimum=0, maximum=2)
                overall = gr.Number(label="Overall 1-5", value=3, precision=0, minimum=1, maximum=5)
            with gr.Row():
                tech_score = gr.Number(
                    label="Technical score 0-5", value=3, precision=0, minimum=0, maximum=5
                )
                covered = gr.Textbox(label="Covered key points (e.g. 1, 3)")
            reason = gr.Textbox(label="Reason (required)", lines=2, elem_id="coach-reason")
            save = gr.Button("Save override", variant="primary", elem_id="coach-save")
            status = gr.Markdown(elem_id="coach-status")
        with gr.Accordion("Notes", open=False):
            note = gr.Textbox(label="Note", lines=3)
            add_note = gr.Button("Add note")
        with gr.Row():
            export = gr.Button("Export transcript (MD, JSON, PDF)", elem_id="coach-export")
            export_labels = gr.Button("Export overrides as eval data (JSONL)")
        with gr.Row():
            md_file, json_file, pdf_file = (
                gr.File(label="Markdown"),
                gr.File(label="JSON"),
                gr.File(label="PDF", elem_id="coach-pdf"),
            )
            star_labels, tech_labels = (
                gr.File(label="STAR labels"),
                gr.File(label="Technical labels"),
            )

        search.click(
            desk.search, [candidate, since, until, area, low, high, fallback_only], sessions
        )
        sessions.select(_picked_session, [session_id], session_id)
        open_button.click(desk.open, [session_id], [transcript_md, turn])
        override_form = [kind, s, t, a, r, overall, tech_score, covered]
        turn.change(desk.machine_labels, [session_id, turn, *override_form], override_form)
        save.click(
            desk.override,
            [session_id, turn, kind, s, t, a, r, overall, tech_score, covered, reason],
            [transcript_md, status],
        )
        add_note.click(desk.note, [session_id, turn, note], [transcript_md, note])
        export.click(desk.export, [session_id], [md_file, json_file, pdf_file])
        export_labels.click(desk.export_labels, None, [star_labels, tech_labels])
        coach.load(desk.search, [candidate, since, until, area, low, high, fallback_only], sessions)
    coach.queue(default_concurrency_limit=16)
    return coach
