"""The desk's workspace tabs: question banks, cohorts with their dashboard, and accounts.

Every handler first asks who is logged in (`who`, from the login cookie the gate checked):
an admin sees every cohort and manages accounts; a coach sees and creates only their own.
The logic lives in `interviewer.coach`; these are thin handlers that turn its results into
components and its refusals into messages.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from interviewer.banks.formats import MAX_BANK_BYTES
from interviewer.coach import banks, cohorts
from interviewer.coach.accounts import ROLES, Accounts, DeskUser
from interviewer.config import Settings
from interviewer.errors import UserError
from interviewer.interview.engine import InterviewEngine
from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.loader import load_knowledge

log = logging.getLogger(__name__)
Who = Callable[[gr.Request | None], DeskUser]
NO_BANK = "(no bank: guide areas)"
BANK_COLUMNS = ["line", "id", "question", "key points (derived from the answer unless given)"]
POINT_COLUMNS = ["question", "key point", "answers", "missed %"]


class Workspace:
    def __init__(
        self, engine: InterviewEngine, accounts: Accounts, settings: Settings, who: Who
    ) -> None:
        self.engine = engine
        self.accounts = accounts
        self.settings = settings
        self.who = who
        self.dashboards = cohorts.SharedDashboards()

    # ----- banks --------------------------------------------------------------------------
    def _read_upload(self, path: str | None, *, last: bool) -> tuple[bytes, str]:
        """The uploaded file's bytes; `last` (an import): deleted from Gradio's cache after."""
        if not path:
            raise gr.Error("Choose a bank file first (CSV, JSONL, YAML or Markdown).")
        file = Path(path)
        try:
            if file.stat().st_size > MAX_BANK_BYTES:
                raise gr.Error(f"The file is larger than {MAX_BANK_BYTES // 1_048_576} MB.")
            data = file.read_bytes()
        except FileNotFoundError as exc:
            raise gr.Error("The uploaded file is gone; choose it again.") from exc
        finally:
            if last:
                file.unlink(missing_ok=True)
        return data, file.name

    def check_bank(
        self,
        path: str | None,
        name: str,
        title: str,
        publish: bool,
        request: gr.Request,
        with_model: bool = False,
    ) -> tuple[pd.DataFrame, str, Any]:
        """Preview (nothing stored) or import; `with_model`: the interviewer's model reads
        the reference answers (the offline rules where it fails, said per question)."""
        user = self.who(request)
        brain = self.engine.brain

        def read(question: str, reference: str) -> Any:
            return brain.derive_points(question, reference, [])

        data, file_name = self._read_upload(path, last=publish)
        guide = load_knowledge(self.settings.knowledge_dir)
        result = banks.import_bank(
            self.engine.repo,
            guide,
            data,
            file_name,  # Gradio keeps the uploaded file's own name; its suffix is the format
            bank=(name or "").strip() or None,
            title=(title or "").strip() or None,
            actor=user.name,
            dry_run=not publish,
            deriver=read if with_model and brain.label != "offline" else None,
        )
        preview, message = self._report(guide, result)
        return preview, message, self.bank_list(request)

    def _report(self, guide: Any, result: banks.ImportResult) -> tuple[pd.DataFrame, str]:
        """The preview table and the message for an import (or a check); a stored version
        is embedded and taken up by the engine at once."""
        rows = [
            [q["line"], q["id"], q["question"][:160],
             " | ".join(p["text"][:90] for p in q["key_points"])]
            for q in result.question_lines()
        ]  # fmt: skip
        problems = "".join(f"\n- {html.escape(p['text'])}" for p in result.problem_lines())
        if result.version is not None:
            kb = banks.with_published_banks(guide, self.engine.repo)
            embedded = ingest(self.settings, progress=False, kb=kb)
            self.engine.refresh_knowledge()
            head = (
                f"Published **{result.built.name}@{result.version}**: "
                f"{len(result.built.questions)} questions ({embedded.line()})."
            )
        else:
            head = (
                f"Checked **{result.built.name}**: {len(result.built.questions)} questions would "
                "be imported. Nothing is stored yet: press *Import and publish* to store and "
                "publish them."
            )
        message = head + (
            f"\n\n**{len(result.built.problems)} problem(s)**, those rows are left out:{problems}"
            if problems
            else "\n\nNo problems."
        )
        return pd.DataFrame(rows, columns=BANK_COLUMNS), message

    def bank_list(self, request: gr.Request) -> pd.DataFrame:
        self.who(request)
        rows = [
            [v.bank, v.version, "published" if v.published else "draft", v.question_count,
             v.source_name, v.created_by, f"{v.created_at:%Y-%m-%d %H:%M}"]
            for v in self.engine.repo.bank_versions()
        ]  # fmt: skip
        return pd.DataFrame(
            rows, columns=["bank", "version", "state", "questions", "file", "by", "when"]
        )

    def bank_yaml(self, bank: str | None, request: gr.Request) -> tuple[str, str]:
        """A bank's live version as YAML, for editing in the desk."""
        self.who(request)
        if not bank or bank == NO_BANK:
            raise gr.Error("Choose a bank to edit.")
        version = banks.find_version(self.engine.repo, bank)
        note = (
            f"Editing **{version.bank}@{version.version}** ({version.question_count} questions). "
            "Change questions, reference answers or key points; *Save as a new version* checks "
            "every entry and publishes the questions that pass."
        )
        return banks.export_yaml(version), note

    def save_yaml(
        self, bank: str | None, text: str, request: gr.Request
    ) -> tuple[pd.DataFrame, str, Any]:
        """The edited YAML imported as the bank's next version (same checks as a file)."""
        user = self.who(request)
        if not bank or bank == NO_BANK:
            raise gr.Error("Choose the bank you edited.")
        if not (text or "").strip():
            raise gr.Error("The editor is empty: press *Edit* to load the bank first.")
        data = text.encode("utf-8")
        if len(data) > MAX_BANK_BYTES:
            raise gr.Error(f"The bank is larger than {MAX_BANK_BYTES // 1_048_576} MB.")
        guide = load_knowledge(self.settings.knowledge_dir)
        current = banks.find_version(self.engine.repo, bank)

        def imported(dry_run: bool) -> banks.ImportResult:
            return banks.import_bank(
                self.engine.repo,
                guide,
                data,
                f"{current.bank}.yaml",
                bank=current.bank,
                title=current.title,
                actor=user.name,
                dry_run=dry_run,
            )

        checked = imported(dry_run=True)
        if checked.built.problems:  # an edit is saved whole or not at all
            preview, message = self._report(guide, checked)
            return preview, "**Not saved.** " + message, self.bank_list(request)
        preview, message = self._report(guide, imported(dry_run=False))
        return preview, message, self.bank_list(request)

    # ----- cohorts ------------------------------------------------------------------------
    def create_cohort(
        self,
        name: str,
        bank: str,
        questions: float,
        difficulty: str,
        coding: float,
        starts: str,
        ends: str,
        owner: str,
        request: gr.Request,
    ) -> tuple[str, Any]:
        user = self.who(request)
        self.engine.refresh_knowledge()
        settings = cohorts.parse_settings(
            {"questions": int(questions or 0), "difficulty": difficulty, "coding": int(coding or 0)}
        )
        cohort = cohorts.create_cohort(
            self.engine.repo,
            self.engine.kb,
            user,
            name=name,
            bank=None if bank in (None, "", NO_BANK) else bank,
            settings=settings,
            starts_on=starts,
            ends_on=ends,
            owner=owner,
        )
        message = (
            f"Cohort **{html.escape(cohort.name)}** created. Its join code is "
            f"`{cohort.join_code}`: students enter it in the set-up panel."
        )
        return message, self.cohort_choices(request)

    def cohort_choices(self, request: gr.Request) -> Any:
        user = self.who(request)
        found = cohorts.visible_cohorts(self.engine.repo, user)
        choices = [(f"{c.name} ({c.join_code}, {c.owner})", c.id) for c in found]
        return gr.update(choices=choices, value=choices[0][1] if choices else None)

    def bank_choices(self, request: gr.Request) -> Any:
        self.who(request)
        names = sorted({v.bank for v in self.engine.repo.bank_versions(published_only=True)})
        return gr.update(choices=[NO_BANK, *names], value=names[-1] if names else NO_BANK)

    def dashboard(self, cohort_id: str | None, page: float, request: gr.Request) -> tuple[Any, ...]:
        user = self.who(request)
        if not cohort_id:
            raise gr.Error("Choose a cohort first.")
        cohort = cohorts.cohort_for(self.engine.repo, user, cohort_id)
        self.engine.refresh_knowledge()
        board = self.dashboards.get(self.engine.repo, self.engine.kb, cohort, int(page or 1))
        areas = pd.DataFrame(board.areas, columns=["area", "answers", "mean %", "below 50 %"])
        scores = pd.DataFrame(
            [[str(s), n, "technical 0-5"] for s, n in enumerate(board.technical_scores)]
            + [[str(s + 1), n, "STAR 1-5"] for s, n in enumerate(board.star_scores)],
            columns=["score", "answers", "kind"],
        )
        link = (
            f'<a href="files/cohort/{html.escape(cohort.id)}.csv" download>'
            "Download every session (CSV)</a>"
        )
        return (
            board.summary(),
            areas,
            scores,
            pd.DataFrame(board.key_points, columns=POINT_COLUMNS),
            pd.DataFrame(board.wrong_claims, columns=["what is true", "times", "said as"]),
            pd.DataFrame(
                board.trends, columns=["candidate", "sessions", "first %", "latest %", "change"]
            ),
            pd.DataFrame(
                board.review, columns=["session", "candidate", "date", "overall %", "why"]
            ),
            board.page,
            link,
        )

    # ----- accounts -----------------------------------------------------------------------
    def add_account(
        self, username: str, password: str, role: str, request: gr.Request
    ) -> tuple[str, str, pd.DataFrame]:
        user = self.who(request)
        created = self.accounts.add(username, password or "", role, actor=user)
        verb = "Created" if created else "Updated"
        return (
            f"{verb} the {role} account **{html.escape(username.strip().lower())}**.",
            "",
            (self.account_list(request)),
        )

    def account_list(self, request: gr.Request) -> pd.DataFrame:
        user = self.who(request)
        if not user.admin:
            return pd.DataFrame(
                [[user.name, user.role, "", ""]], columns=["user", "role", "added by", "state"]
            )
        rows = [
            [a.username, a.role, a.created_by, "disabled" if a.disabled else "active"]
            for a in self.accounts.repo.accounts()
        ]
        return pd.DataFrame(rows, columns=["user", "role", "added by", "state"])

    def audit(self, request: gr.Request) -> pd.DataFrame:
        user = self.who(request)
        entries = self.engine.repo.audit_log(200) if user.admin else []
        rows = [
            [f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.action, e.target, e.detail] for e in entries
        ]
        return pd.DataFrame(rows, columns=["when", "who", "what", "target", "detail"])


def guarded(handler: Any) -> Any:
    """A coach's mistake as one clear message; anything else logged and said to be ours."""

    @functools.wraps(handler)  # Gradio reads the signature: the request is injected by type
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except gr.Error:
            raise
        except UserError as exc:
            raise gr.Error(str(exc)) from exc
        except Exception as exc:
            log.exception("unexpected error in a desk handler")
            raise gr.Error("Something went wrong on our side; nothing was changed.") from exc

    return run


def build_workspace_tabs(space: Workspace) -> tuple[list[Any], Callable[[gr.Request], list[Any]]]:
    """The Banks, Cohorts and Accounts tabs (inside the desk's gr.Blocks); returns what the
    page's one load event fills, and the function that fills it."""
    with gr.Tab("Question banks"):
        gr.Markdown(
            "Import your own questions: CSV, JSONL, YAML or Markdown (`## question`, the "
            "answer below). Columns: `id`, `question`, `reference_answer`, optional `area`, "
            "`difficulty`, `type`, `key_points` (separated by `|`), `follow_ups`, `tags`. "
            "Key points are derived from each reference answer when not given: **Check** "
            "shows them, **Import and publish** stores a new version and makes it live."
        )
        with gr.Row():
            bank_file = gr.File(
                label=f"Bank file ({MAX_BANK_BYTES // 1_048_576} MB)",
                file_types=[".csv", ".jsonl", ".ndjson", ".yaml", ".yml", ".md", ".markdown"],
                type="filepath",
                elem_id="bank-file",
            )
            with gr.Column():
                bank_name = gr.Textbox(
                    label="Bank name (default: the file's)", max_length=40, elem_id="bank-name"
                )
                bank_title = gr.Textbox(label="Title", max_length=200, elem_id="bank-title")
                with_model = gr.Checkbox(
                    label="Read the reference answers with the interviewer's model "
                    "(one call per question; else the offline rules)",
                    value=False,
                    visible=space.engine.brain.label != "offline",
                )
                check = gr.Button("Check", elem_id="bank-check")
                publish = gr.Button("Import and publish", variant="primary", elem_id="bank-publish")
        with gr.Accordion("Edit a published bank", open=False):
            with gr.Row():
                edit_bank = gr.Dropdown(
                    [NO_BANK], value=NO_BANK, label="Bank", elem_id="bank-edit-pick"
                )
                edit = gr.Button("Edit", elem_id="bank-edit")
                save_edit = gr.Button(
                    "Save as a new version", variant="primary", elem_id="bank-save"
                )
            edit_note = gr.Markdown()
            editor = gr.Code(
                language="yaml", label="The bank as YAML", lines=18, elem_id="bank-yaml"
            )
        bank_status = gr.Markdown(elem_id="bank-status")
        preview = gr.Dataframe(
            headers=BANK_COLUMNS, interactive=False, wrap=True, elem_id="bank-preview"
        )
        bank_table = gr.Dataframe(interactive=False, elem_id="bank-list")

    with gr.Tab("Cohorts"):
        with gr.Accordion("New cohort", open=True):
            with gr.Row():
                cohort_name = gr.Textbox(label="Name", max_length=200, elem_id="cohort-name")
                cohort_bank = gr.Dropdown(
                    [NO_BANK], value=NO_BANK, label="Question bank", elem_id="cohort-bank"
                )
                owner = gr.Textbox(label="Coach (admins only; default you)", max_length=60)
            with gr.Row():
                cohort_questions = gr.Slider(1, 20, value=4, step=1, label="Main questions")
                cohort_level = gr.Radio(
                    ["easy", "medium", "hard", "mixed"], value="mixed", label="Difficulty"
                )
                cohort_coding = gr.Slider(0, 3, value=0, step=1, label="Coding exercises")
                starts = gr.Textbox(label="Opens (YYYY-MM-DD)", max_length=10)
                ends = gr.Textbox(label="Closes (YYYY-MM-DD)", max_length=10)
            create = gr.Button("Create cohort", variant="primary", elem_id="cohort-create")
            cohort_status = gr.Markdown(elem_id="cohort-status")
        with gr.Row():
            chosen = gr.Dropdown([], label="Cohort", elem_id="cohort-pick")
            show = gr.Button("Open dashboard", elem_id="cohort-open")
        summary = gr.Markdown(elem_id="cohort-summary")
        export = gr.HTML(elem_id="cohort-export")
        with gr.Row():
            area_plot = gr.BarPlot(
                x="area", y="mean %", title="Mean score by area", elem_id="cohort-areas"
            )
            score_plot = gr.BarPlot(
                x="score", y="answers", color="kind", title="Score distribution"
            )
        areas = gr.Dataframe(interactive=False)
        gr.Markdown("**Key points most often missed** (paged)")
        points = gr.Dataframe(
            headers=POINT_COLUMNS, interactive=False, wrap=True, elem_id="cohort-points"
        )
        with gr.Row():
            previous = gr.Button("← Previous", size="sm")
            following = gr.Button("Next →", size="sm")
        page = gr.State(1)
        gr.Markdown("**Most common wrong claims**")
        wrong = gr.Dataframe(interactive=False, wrap=True)
        gr.Markdown("**Each candidate's trend** (first and latest session)")
        trends = gr.Dataframe(interactive=False)
        gr.Markdown("**Sessions needing review** (low scores, fallbacks, overrides)")
        review = gr.Dataframe(interactive=False, wrap=True, elem_id="cohort-review")

    with gr.Tab("Accounts"):
        gr.Markdown(
            "Admins add coaches (and other admins). A coach sees only the sessions of their own "
            "cohorts. Passwords: 12 characters or more; only a slow hash is stored."
        )
        with gr.Row():
            new_user = gr.Textbox(label="User name", max_length=60, elem_id="account-user")
            new_password = gr.Textbox(
                label="Password", type="password", max_length=1000, elem_id="account-password"
            )
            new_role = gr.Radio(list(ROLES), value="coach", label="Role")
            add = gr.Button("Save account", variant="primary", elem_id="account-add")
        account_status = gr.Markdown(elem_id="account-status")
        account_table = gr.Dataframe(interactive=False, elem_id="account-list")
        gr.Markdown("**Audit log** (imports, publishes, cohorts, accounts; admins)")
        audit = gr.Dataframe(interactive=False, wrap=True, elem_id="audit-log")

    def check_only(
        path: str | None, name: str, title: str, model: bool, request: gr.Request
    ) -> Any:
        return space.check_bank(path, name, title, False, request, model)

    def import_now(
        path: str | None, name: str, title: str, model: bool, request: gr.Request
    ) -> Any:
        shown = space.check_bank(path, name, title, True, request, model)
        choices = space.bank_choices(request)  # after the import: the new bank is a choice
        return (*shown, choices, choices)

    check.click(
        guarded(check_only),
        [bank_file, bank_name, bank_title, with_model],
        [preview, bank_status, bank_table],
    )
    publish.click(
        guarded(import_now),
        [bank_file, bank_name, bank_title, with_model],
        [preview, bank_status, bank_table, cohort_bank, edit_bank],
    )
    edit.click(guarded(space.bank_yaml), [edit_bank], [editor, edit_note])
    save_edit.click(
        guarded(space.save_yaml), [edit_bank, editor], [preview, bank_status, bank_table]
    )
    create.click(
        guarded(space.create_cohort),
        [
            cohort_name,
            cohort_bank,
            cohort_questions,
            cohort_level,
            cohort_coding,
            starts,
            ends,
            owner,
        ],
        [cohort_status, chosen],
    )
    board_outputs = [summary, area_plot, score_plot, points, wrong, trends, review, page, export]

    def board(cohort_id: str | None, request: gr.Request) -> list[Any]:
        result = space.dashboard(cohort_id, 1, request)
        return [*result, result[1]]  # the area table beside its plot

    def step(delta: int) -> Any:
        def run(cohort_id: str | None, current: int, request: gr.Request) -> list[Any]:
            result = space.dashboard(cohort_id, current + delta, request)
            return [*result, result[1]]

        return run

    show.click(guarded(board), [chosen], [*board_outputs, areas])
    previous.click(guarded(step(-1)), [chosen, page], [*board_outputs, areas])
    following.click(guarded(step(+1)), [chosen, page], [*board_outputs, areas])
    add.click(
        guarded(space.add_account),
        [new_user, new_password, new_role],
        [account_status, new_password, account_table],
    )

    def on_load(request: gr.Request) -> list[Any]:
        # One read for both bank pickers; each gets its own update (Gradio pops its value).
        banks = space.bank_choices(request)
        return [
            space.bank_list(request),
            banks,
            {**banks},
            space.cohort_choices(request),
            space.account_list(request),
            space.audit(request),
        ]

    return [bank_table, cohort_bank, edit_bank, chosen, account_table, audit], on_load
