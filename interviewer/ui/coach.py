"""The coach's review desk: find sessions, read transcripts, override scores, export.

Served as its own Gradio app under the coach path, behind `CoachGate`: none of it (pages,
API, files) answers without a coach login. The session list is paged from the summary
columns (no report is built per row); a click on a row opens its transcript. Like the
candidate room, handlers fill every output they declare, never `gr.skip()`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import Any

import gradio as gr

from interviewer.coach.accounts import Accounts, DeskUser
from interviewer.coach.overrides import OverrideError, parse_covered, save_override
from interviewer.coach.review import COLUMNS, find_sessions, row, transcript
from interviewer.config import Settings
from interviewer.exports.transcript import transcript_markdown
from interviewer.interview.engine import InterviewEngine
from interviewer.safe_text import has_lone_surrogate
from interviewer.storage.repository import SessionNotFound, SessionQuery
from interviewer.ui.coach_workspace import Who, Workspace, build_workspace_tabs, guarded

ANY_AREA = "(any area)"
MAX_NOTE = 5_000


def _day(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise gr.Error(f"Dates look like 2026-11-24, not {text[:40]!r}.") from exc


def export_links(session_id: str) -> str:
    if not session_id:
        return ""
    quoted = html.escape(session_id)
    return "Download: " + " · ".join(
        f'<a href="files/transcript/{quoted}.{fmt}" download>transcript ({label})</a>'
        for fmt, label in (("md", "Markdown"), ("json", "JSON"), ("pdf", "PDF"))
    )


LABEL_LINKS = (
    'Coach overrides as eval data: <a href="files/labels-star.jsonl" download>STAR labels</a> · '
    '<a href="files/labels-technical.jsonl" download>technical labels</a>'
)
LOGOUT = (
    '<form method="post" action="logout" style="text-align:right">'
    '<button type="submit">Log out</button></form>'
)


@dataclass
class OverrideForm:
    kind: Any
    s: Any
    t: Any
    a: Any
    r: Any
    overall: Any
    tech_score: Any
    covered: Any

    def components(self) -> list[Any]:
        return [
            self.kind,
            self.s,
            self.t,
            self.a,
            self.r,
            self.overall,
            self.tech_score,
            self.covered,
        ]


class CoachDesk:
    """The Sessions tab. A coach sees the sessions of their own cohorts; an admin, all."""

    def __init__(self, engine: InterviewEngine, who: Who) -> None:
        self.engine = engine
        self.who = who

    def _visible(self, session_id: str, request: gr.Request | None) -> DeskUser:
        """The user, if the session is theirs to see; the same 'not found' otherwise."""
        user = self.who(request)
        if not user.admin:
            session = self.engine.repo.get_session(session_id)
            if not user.sees(session.cohort_id):
                raise SessionNotFound()
        return user

    def search(
        self,
        candidate: str,
        since: str,
        until: str,
        area: str | None,
        low: float,
        high: float,
        fallback_only: bool,
        page: float = 1,
        request: gr.Request | None = None,
    ) -> tuple[list[list[object]], str, int]:
        """One page of matching sessions, a caption, and the page actually shown."""
        user = self.who(request)
        query = SessionQuery(
            cohorts=user.cohorts,
            candidate=(candidate or "")[:200],
            since=_day(since),
            until=_day(until),
            area=None if area in (None, "", ANY_AREA) else area,
            min_score=float(low),
            max_score=float(high),
            fallback_only=bool(fallback_only),
        )
        wanted = max(1, int(page or 1))
        summaries, pages = find_sessions(self.engine, query, wanted)
        shown = min(wanted, pages)
        if shown != wanted:
            summaries, pages = find_sessions(self.engine, query, shown)
        caption = f"Page {shown} of {pages}" + ("" if summaries else " · no sessions match")
        return [row(s) for s in summaries], caption, shown

    def open(self, session_id: str, request: gr.Request | None = None) -> tuple[str, Any, str]:
        session_id = (session_id or "").strip()[:100]
        try:
            self._visible(session_id, request)
            data = transcript(self.engine, session_id)
        except SessionNotFound as exc:
            raise gr.Error(str(exc)) from exc
        scored = [t.seq for t in data.turns if t.scores]
        return (
            transcript_markdown(data),
            gr.update(choices=scored, value=scored[-1] if scored else None),
            export_links(data.session_id),
        )

    def machine_labels(
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
        request: gr.Request | None = None,
    ) -> list[Any]:
        """Prefill the override form with the machine's labels for the chosen turn; the
        fields that turn's score does not speak to keep the values they have."""
        values: list[Any] = [kind, s, t, a, r, overall, tech_score, covered]
        if not turn_seq:
            return values
        try:
            self._visible((session_id or "").strip(), request)
            session = self.engine.repo.get_session((session_id or "").strip())
        except SessionNotFound:
            return values
        turn = next((t for t in session.turns if t.seq == int(turn_seq) and t.score), None)
        if turn is None or turn.score is None:
            return values
        record = turn.score
        if record.star is not None:
            star = record.star
            parts = [star.situation.score, star.task.score, star.action.score, star.result.score]
            return ["star", *parts, star.overall, values[6], values[7]]
        if record.technical is None:
            return values  # coding scores are not overridden from this form
        covered = ", ".join(str(i) for i in record.technical.covered)
        return ["technical", *values[1:6], record.technical.score, covered]

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
        request: gr.Request | None = None,
    ) -> tuple[str, str]:
        if turn_seq is None:
            raise gr.Error("Pick the turn to override.")
        try:
            user = self._visible((session_id or "").strip(), request)
        except SessionNotFound as exc:
            raise gr.Error(str(exc)) from exc
        if has_lone_surrogate(reason or ""):
            raise gr.Error("The reason contains a character that cannot be stored.")
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
                labels = {"score": int(tech_score), "covered": parse_covered(covered or "")}
            save_override(
                self.engine.repo,
                self.engine.kb,
                session_id=(session_id or "").strip(),
                turn_seq=int(turn_seq),
                coach=user.name,
                kind="star" if kind == "star" else "technical",
                labels=labels,
                reason=reason or "",
            )
        except (OverrideError, SessionNotFound) as exc:
            raise gr.Error(str(exc)) from exc
        markdown, _, _ = self.open(session_id, request)
        return (
            markdown,
            f"Saved override for turn {turn_seq} (the machine score is kept beside it).",
        )

    def note(
        self, session_id: str, turn_seq: int | None, text: str, request: gr.Request | None = None
    ) -> tuple[str, str]:
        text = (text or "").strip()
        if not text:
            raise gr.Error("Write the note first.")
        if len(text) > MAX_NOTE:
            raise gr.Error(f"Notes are limited to {MAX_NOTE:,} characters.")
        if has_lone_surrogate(text):
            raise gr.Error("The note contains a character that cannot be stored.")
        session_id = (session_id or "").strip()
        try:
            user = self._visible(session_id, request)
        except SessionNotFound as exc:
            raise gr.Error(str(exc)) from exc
        self.engine.repo.add_note(
            session_id,
            coach=user.name,
            text=text,
            turn_seq=int(turn_seq) if turn_seq else None,
        )
        markdown, _, _ = self.open(session_id, request)
        return markdown, ""


def build_coach_app(
    engine: InterviewEngine,
    *,
    delete_cache: tuple[int, int],
    accounts: Accounts,
    settings: Settings,
    who: Who,
) -> gr.Blocks:
    desk = CoachDesk(engine, who)
    with gr.Blocks(
        title="Coach review desk", analytics_enabled=False, delete_cache=delete_cache
    ) as coach:
        with gr.Row():
            gr.Markdown(
                "# Coach review desk\nSessions, transcripts with hidden interviewer notes, score "
                "overrides (kept beside the machine score), exports; your question banks, "
                "cohorts and their dashboard."
            )
            whoami = gr.Markdown(elem_id="coach-whoami")
            gr.HTML(LOGOUT)
        with gr.Tab("Sessions"):
            with gr.Row():
                candidate = gr.Textbox(label="Candidate contains", max_length=200)
                since = gr.Textbox(label="From (YYYY-MM-DD)", max_length=10)
                until = gr.Textbox(label="To (YYYY-MM-DD)", max_length=10)
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
                previous = gr.Button("← Newer", size="sm")
                caption = gr.Markdown(elem_id="coach-page")
                following = gr.Button("Older →", size="sm")
            page = gr.State(1)
            with gr.Row():
                session_id = gr.Textbox(
                    label="Session id", elem_id="coach-session-id", max_length=100
                )
                open_button = gr.Button("Open transcript", elem_id="coach-open")
            exports = gr.HTML(elem_id="coach-exports")
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
                    overall = gr.Number(
                        label="Overall 1-5", value=3, precision=0, minimum=1, maximum=5
                    )
                with gr.Row():
                    tech_score = gr.Number(
                        label="Technical score 0-5", value=3, precision=0, minimum=0, maximum=5
                    )
                    covered = gr.Textbox(label="Covered key points (e.g. 1, 3)", max_length=100)
                reason = gr.Textbox(
                    label="Reason (required)", lines=2, elem_id="coach-reason", max_length=2_000
                )
                save = gr.Button("Save override", variant="primary", elem_id="coach-save")
                status = gr.Markdown(elem_id="coach-status")
            with gr.Accordion("Notes", open=False):
                note = gr.Textbox(label="Note", lines=3, max_length=MAX_NOTE)
                add_note = gr.Button("Add note")
            gr.HTML(LABEL_LINKS)
        space = Workspace(engine, accounts, settings, who)
        workspace_outputs, fill_workspace = build_workspace_tabs(space)

        filters = [candidate, since, until, area, low, high, fallback_only]

        def step(delta: int) -> Any:
            def run(
                name: str,
                since: str,
                until: str,
                area: str,
                low: float,
                high: float,
                fallback: bool,
                current: int,
                request: gr.Request,
            ) -> tuple[Any, ...]:
                return desk.search(
                    name, since, until, area, low, high, fallback, current + delta, request
                )

            return run

        def first_page(
            name: str,
            since: str,
            until: str,
            area: str,
            low: float,
            high: float,
            fallback: bool,
            request: gr.Request,
        ) -> tuple[Any, ...]:
            return desk.search(name, since, until, area, low, high, fallback, 1, request)

        def signed_in(request: gr.Request) -> str:
            user = who(request)
            scope = (
                "every cohort" if user.admin else f"{len(user.cohorts or ())} cohort(s) of yours"
            )
            return f"Logged in as **{html.escape(user.name)}** ({user.role}; {scope})"

        def on_load(request: gr.Request) -> list[Any]:
            """One event for the whole page (each event counts against the client's limits)."""
            found = desk.search("", "", "", None, 0, 100, False, 1, request)
            return [signed_in(request), *found, *fill_workspace(request)]

        coach.load(
            guarded(on_load),
            None,
            [whoami, sessions, caption, page, *workspace_outputs],
        )

        gr.on(
            [search.click],
            guarded(first_page),
            filters,
            [sessions, caption, page],
            api_name="search",
        )
        previous.click(guarded(step(-1)), [*filters, page], [sessions, caption, page])
        following.click(guarded(step(+1)), [*filters, page], [sessions, caption, page])

        def pick(
            current: str, event: gr.SelectData, request: gr.Request
        ) -> tuple[str, str, Any, str]:
            picked = str(event.row_value[0]) if event.row_value else current
            if not picked:
                return current, "", gr.update(choices=[], value=None), ""
            markdown, turns, links = desk.open(picked, request)
            return picked, markdown, turns, links

        sessions.select(guarded(pick), [session_id], [session_id, transcript_md, turn, exports])
        open_button.click(
            guarded(desk.open), [session_id], [transcript_md, turn, exports], api_name="open"
        )
        form = OverrideForm(kind, s, t, a, r, overall, tech_score, covered)
        turn.change(
            guarded(desk.machine_labels), [session_id, turn, *form.components()], form.components()
        )
        save.click(
            guarded(desk.override),
            [session_id, turn, *form.components(), reason],
            [transcript_md, status],
            api_name="override",
        )
        add_note.click(
            guarded(desk.note), [session_id, turn, note], [transcript_md, note], api_name="note"
        )
    blocks: gr.Blocks = coach
    return blocks
