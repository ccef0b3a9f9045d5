"""Run a scripted candidate through the real interview engine, without the UI.

A script is JSONL, one question per line: `{"question_id": "py.list-vs-tuple", "answers":
["first answer", "answer to the first follow-up", ...]}`. The engine asks the scripted
questions in order (the selector is pinned to them), the candidate gives the scripted
answers one by one, and every interviewer turn is recorded with its kind, the hidden note
that says what it probes, and the score of the answer before it. When a script line runs
out of answers while the interviewer still probes, the candidate says "skip" (recorded as
such), so conversation policy can be tested and evaluated like scoring is.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from interviewer.brains.base import Brain
from interviewer.evals.scripts import MAX_ANSWERS_PER_LINE, OUT_OF_ANSWERS, ScriptLine
from interviewer.interview.engine import InterviewEngine
from interviewer.interview.plan import build_plan
from interviewer.interview.selection import QuestionSelector, Selected
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.store import Hit
from interviewer.storage.repository import Repository


class PinnedSelector(QuestionSelector):
    """Asks the script's questions in order, whatever the plan's slots say."""

    def __init__(self, kb: KnowledgeBase, question_ids: list[str]) -> None:
        self.kb = kb
        self._queue = list(question_ids)

    def select(
        self, slot: Any, asked_ids: set[str], seed: int, fallback_areas: list[str]
    ) -> Selected | None:
        if not self._queue:
            return None
        question_id = self._queue.pop(0)
        return Selected(self.kb.question(question_id), self.kb.area_of(question_id), "script")

    def context(self, selected: Selected, coach_notes: list[Hit] | None = None) -> str:
        return ""

    def coach_notes(self, selected: Selected) -> list[Hit]:
        return []


def simulate(
    kb: KnowledgeBase, brain: Brain, script: list[ScriptLine], *, max_follow_ups: int = 2
) -> list[dict[str, Any]]:
    """Every interviewer turn of the scripted interview, in order."""
    with tempfile.TemporaryDirectory(prefix="interviewer-simulate-") as folder:
        repo = Repository(f"sqlite:///{Path(folder) / 'simulate.db'}")
        try:
            selector = PinnedSelector(kb, [line.question_id for line in script])
            engine = InterviewEngine(kb, repo, selector, brain, max_follow_ups=max_follow_ups)
            plan = build_plan(kb, questions=len(script))
            reply = engine.start("simulated candidate", plan, seed=0)
            turns: list[dict[str, Any]] = []
            remaining = {i: list(line.answers) for i, line in enumerate(script)}
            index = -1
            steps = 0
            while not reply.finished and steps < len(script) * (MAX_ANSWERS_PER_LINE + 4):
                steps += 1
                current = reply.current
                assert current is not None
                if current.kind.value == "main":
                    index += 1
                turns.append(
                    {
                        "question_id": current.question_id,
                        "kind": current.kind.value,
                        "said": reply.messages,
                        "note": current.probing,
                    }
                )
                answers = remaining.get(index, [])
                answer = answers.pop(0) if answers else OUT_OF_ANSWERS
                reply = engine.submit_answer(reply.session_id, answer)
                session = repo.get_session(reply.session_id)
                answered = next(t for t in session.turns if t.seq == current.seq)
                turns[-1]["answer"] = answer
                turns[-1]["status"] = answered.answer_status.value
                record = answered.score
                turns[-1]["score"] = _score_summary(record) if record is not None else None
            if reply.finished:
                turns.append({"kind": "end", "said": reply.messages})
            return turns
        finally:
            repo.engine.dispose()


def _score_summary(record: Any) -> dict[str, Any]:
    if record.technical is not None:
        technical = record.technical
        return {
            "kind": "technical",
            "score": technical.score,
            "covered": technical.covered,
            "errors": [e.quote for e in technical.errors],
        }
    star = record.star
    return {
        "kind": "star",
        "score": star.overall,
        "parts": {p: star.part(p).score for p in ("situation", "task", "action", "result")},
    }


def render(turns: list[dict[str, Any]]) -> str:
    return json.dumps(turns, indent=2, ensure_ascii=False)
