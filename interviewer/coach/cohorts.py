"""Cohorts: a coach's batch of students, the code they join with, and the class dashboard.

A cohort fixes the interview (its bank's areas, length, difficulty, coding exercises), so
every student of a batch is asked from the same material; a candidate who enters the join
code gets that plan, whatever the set-up panel said. The dashboard reads every scored turn
of the cohort in one query and aggregates in memory (per area, per key point, the wrong
claims, score distributions, each candidate's trend, sessions to review); its tables are
paged and a CSV export lists every session.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from interviewer.coach.accounts import DeskUser
from interviewer.errors import UserError
from interviewer.interview.plan import InterviewPlan, build_plan
from interviewer.knowledge.loader import KnowledgeBase, UnknownQuestion
from interviewer.storage.records import Cohort, SessionSummary
from interviewer.storage.repository import Repository

PAGE_SIZE = 20
LOW_SCORE = 40.0  # a session below this overall % needs review
MAX_NAME = 200


class CohortError(UserError, ValueError):
    """A cohort cannot be made, joined or shown that way; the message says why."""


class CohortSettings(BaseModel):
    """The interview every student of the cohort gets."""

    questions: int = Field(default=6, ge=1, le=20)
    difficulty: Literal["easy", "medium", "hard", "mixed"] = "mixed"
    coding: int = Field(default=0, ge=0, le=3)
    areas: list[str] = Field(default_factory=list, description="Guide areas, when no bank.")


def create_cohort(
    repo: Repository,
    kb: KnowledgeBase,
    user: DeskUser,
    *,
    name: str,
    bank: str | None,
    settings: CohortSettings,
    starts_on: str = "",
    ends_on: str = "",
    owner: str | None = None,
) -> Cohort:
    name = " ".join((name or "").split())[:MAX_NAME]
    if not name:
        raise CohortError("Give the cohort a name.")
    owner = (owner or "").strip() or user.name
    if owner != user.name and not user.admin:
        raise CohortError("Only an admin can create a cohort for another coach.")
    if owner != user.name and repo.account(owner) is None:
        raise CohortError(f"No account named {owner[:60]!r}.")
    bank = (bank or "").strip() or None
    if bank is not None and not kb.bank_areas(bank):
        raise CohortError(f"No published bank named {bank[:60]!r}.")
    unknown = [a for a in settings.areas if a not in kb.areas]
    if unknown:
        raise CohortError(f"Unknown area(s): {', '.join(unknown)[:200]}.")
    starts, ends = _date(starts_on, "start"), _date(ends_on, "end")
    if starts and ends and ends < starts:
        raise CohortError("The cohort ends before it starts.")
    return repo.create_cohort(
        name=name,
        owner=owner,
        bank=bank,
        settings_json=settings.model_dump_json(),
        starts_on=starts.isoformat() if starts else None,
        ends_on=ends.isoformat() if ends else None,
        actor=user.name,
    )


def _date(text: str, which: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CohortError(f"The {which} date looks like 2026-12-01, not {text[:20]!r}.") from exc


def settings_of(cohort: Cohort) -> CohortSettings:
    return CohortSettings.model_validate_json(cohort.settings_json)


def join(
    repo: Repository, kb: KnowledgeBase, code: str, today: date
) -> tuple[Cohort, InterviewPlan]:
    """The cohort a join code opens and the plan its students get."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    formatted = "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))
    cohort = repo.cohort_by_code(formatted) if len(cleaned) == 12 else None
    if cohort is None:
        raise CohortError("No cohort has that join code; check it with your coach.")
    if cohort.starts_on and today < date.fromisoformat(cohort.starts_on):
        raise CohortError(f"This cohort opens on {cohort.starts_on}.")
    if cohort.ends_on and today > date.fromisoformat(cohort.ends_on):
        raise CohortError(f"This cohort closed on {cohort.ends_on}.")
    settings = settings_of(cohort)
    areas = kb.bank_areas(cohort.bank) if cohort.bank else settings.areas
    if cohort.bank and not areas:
        raise CohortError("This cohort's question bank is not published any more; tell your coach.")
    plan = build_plan(
        kb,
        areas=areas or None,
        difficulty=settings.difficulty,
        questions=settings.questions,
        coding=settings.coding,
    )
    return cohort, plan


def visible_cohorts(repo: Repository, user: DeskUser) -> list[Cohort]:
    return repo.cohorts(owner=None if user.admin else user.name)


def cohort_for(repo: Repository, user: DeskUser, cohort_id: str) -> Cohort:
    cohort = repo.cohort((cohort_id or "").strip()[:40])
    if cohort is None or not user.sees(cohort.id):
        raise CohortError("No such cohort among yours.")
    return cohort


# ----- the dashboard ---------------------------------------------------------------------------
@dataclass
class Dashboard:
    cohort: Cohort
    sessions: int = 0
    candidates: int = 0
    finished: int = 0
    areas: list[list[Any]] = field(default_factory=list)  # area, answers, mean %, below 50 %
    key_points: list[list[Any]] = field(default_factory=list)  # question, point, answers, missed %
    wrong_claims: list[list[Any]] = field(default_factory=list)  # what is true, times, example
    technical_scores: list[int] = field(default_factory=lambda: [0] * 6)  # count of 0..5
    star_scores: list[int] = field(default_factory=lambda: [0] * 5)  # count of 1..5
    trends: list[list[Any]] = field(
        default_factory=list
    )  # candidate, sessions, first, last, change
    review: list[list[Any]] = field(default_factory=list)  # session, candidate, date, overall, why
    page: int = 1
    pages: int = 1
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"**{self.cohort.name}** · join code `{self.cohort.join_code}` · "
            f"{self.sessions} sessions by {self.candidates} candidates, {self.finished} finished"
            + (f" · bank {self.cohort.bank}" if self.cohort.bank else "")
            + f" · page {self.page} of {self.pages} · built in {self.seconds * 1000:.0f} ms"
        )


def _page(rows: list[list[Any]], page: int) -> list[list[Any]]:
    start = (page - 1) * PAGE_SIZE
    return rows[start : start + PAGE_SIZE]


def dashboard(repo: Repository, kb: KnowledgeBase, cohort: Cohort, page: int = 1) -> Dashboard:
    started = time.perf_counter()
    board = Dashboard(cohort)
    sessions = repo.cohort_sessions(cohort.id)
    scores = repo.cohort_scores(cohort.id)
    board.sessions = len(sessions)
    board.candidates = len({s.candidate.lower() for s in sessions})
    board.finished = sum(1 for s in sessions if s.status.value == "finished")

    by_area: dict[str, list[float]] = defaultdict(list)
    point_seen: Counter[tuple[str, int]] = Counter()
    point_missed: Counter[tuple[str, int]] = Counter()
    wrong: Counter[str] = Counter()
    example: dict[str, str] = {}
    for score in scores:
        by_area[score.area].append(score.normalised * 100)
        payload = json.loads(score.payload)
        technical = payload.get("technical")
        if technical:
            board.technical_scores[min(5, max(0, int(technical.get("score", 0))))] += 1
            for verdict in technical.get("key_points", []):
                key = (score.question_id, int(verdict.get("index", 0)))
                point_seen[key] += 1
                if not verdict.get("covered"):
                    point_missed[key] += 1
            for error in technical.get("errors", []):
                correction = str(error.get("correction", ""))[:200]
                wrong[correction] += 1
                example.setdefault(correction, str(error.get("quote", ""))[:160])
        star = payload.get("star")
        if star:
            board.star_scores[min(4, max(0, int(star.get("overall", 1)) - 1))] += 1

    board.areas = sorted(
        (
            [area, len(values), round(sum(values) / len(values), 1),
             round(100 * sum(1 for v in values if v < 50) / len(values), 1)]
            for area, values in by_area.items()
        ),
        key=lambda row: row[2],
    )  # fmt: skip
    points: list[list[Any]] = [
        [question_id, _point_text(kb, question_id, index), seen,
         round(100 * point_missed[(question_id, index)] / seen, 1)]
        for (question_id, index), seen in point_seen.items()
    ]  # fmt: skip
    points.sort(key=lambda row: (-row[3], -row[2]))
    board.pages = max(1, -(-len(points) // PAGE_SIZE))
    board.page = min(max(1, int(page or 1)), board.pages)
    board.key_points = _page(points, board.page)
    board.wrong_claims = [[c, n, example[c]] for c, n in wrong.most_common(10)]
    board.trends = _trends(sessions)
    board.review = _review(sessions)
    board.seconds = time.perf_counter() - started
    return board


def _point_text(kb: KnowledgeBase, question_id: str, index: int) -> str:
    try:
        points = kb.question(question_id).key_points
    except UnknownQuestion:
        return f"key point {index} (question no longer published)"
    return points[index - 1].text[:160] if 0 < index <= len(points) else f"key point {index}"


def _trends(sessions: list[SessionSummary]) -> list[list[Any]]:
    by_candidate: dict[str, list[SessionSummary]] = defaultdict(list)
    for summary in sessions:
        if summary.overall is not None:
            by_candidate[summary.candidate].append(summary)
    rows: list[list[Any]] = []
    for candidate, own in by_candidate.items():
        first, last = own[0].overall or 0.0, own[-1].overall or 0.0
        rows.append([candidate, len(own), round(first, 1), round(last, 1), round(last - first, 1)])
    rows.sort(key=lambda row: row[4])
    return rows[: PAGE_SIZE * 5]


def _review(sessions: list[SessionSummary]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for summary in reversed(sessions):
        reasons = []
        if summary.overall is not None and summary.overall < LOW_SCORE:
            reasons.append(f"low score ({summary.overall:.0f}%)")
        if summary.fallbacks:
            reasons.append(f"{summary.fallbacks} fallback-scored")
        if summary.overrides:
            reasons.append(f"{summary.overrides} override(s)")
        if reasons:
            overall = None if summary.overall is None else round(summary.overall, 1)
            rows.append([summary.id, summary.candidate, f"{summary.created_at:%Y-%m-%d}", overall,
                         "; ".join(reasons)])  # fmt: skip
    return rows[: PAGE_SIZE * 5]


def sessions_csv(repo: Repository, cohort: Cohort) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["session", "candidate", "started", "status", "overall", "answered", "fallbacks",
         "overrides", "areas"]
    )  # fmt: skip
    for s in repo.cohort_sessions(cohort.id):
        writer.writerow(
            [s.id, _cell(s.candidate), s.created_at.isoformat(timespec="seconds"), s.status.value,
             "" if s.overall is None else round(s.overall, 1), s.answered, s.fallbacks,
             s.overrides, s.areas]
        )  # fmt: skip
    return out.getvalue()


def _cell(text: str) -> str:
    """No spreadsheet formula from a candidate's name."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def parse_settings(values: dict[str, Any]) -> CohortSettings:
    try:
        return CohortSettings.model_validate(values)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise CohortError(f"{where}: {problem['msg']}") from exc


class SharedDashboards:
    """One build per cohort and page at a time: coaches who open a dashboard while the same
    one is being built wait for that build instead of starting their own (five coaches at
    once cost five builds before, 2.3 s median each on 2 cores for a 3,000-session cohort).
    Access is checked per coach before asking; what a joiner gets is at most one build old.
    Nothing is kept once a build ends, so the next request sees every new score."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._building: dict[tuple[str, int], Future[Dashboard]] = {}

    def get(self, repo: Repository, kb: KnowledgeBase, cohort: Cohort, page: int = 1) -> Dashboard:
        key = (cohort.id, int(page or 1))
        with self._lock:
            running = self._building.get(key)
            if running is None:
                mine: Future[Dashboard] = Future()
                self._building[key] = mine
        if running is not None:
            return running.result()
        try:
            board = dashboard(repo, kb, cohort, key[1])
        except BaseException as exc:
            mine.set_exception(exc)
            raise
        else:
            mine.set_result(board)
            return board
        finally:
            with self._lock:
                self._building.pop(key, None)
