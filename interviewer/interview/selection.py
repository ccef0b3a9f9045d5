"""Choosing the next main question by retrieval, never twice, avoiding near-duplicates."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from interviewer.interview.plan import PlanSlot
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Question
from interviewer.knowledge.store import Hit, KnowledgeStore

NEAR_DUPLICATE = 0.86
CANDIDATES = 12
CHOOSE_AMONG = 3
NOTE_DISTANCE = 0.55  # cosine distance: a coach's note nearer than this grounds the question
GENERAL_NOTES = "extra"
NOTES_CHECK_S = 60.0


@dataclass(frozen=True)
class Selected:
    question: Question
    area: str
    source: str


class QuestionSelector:
    def __init__(
        self, kb: KnowledgeBase, store: KnowledgeStore, embed: Callable[[list[str]], np.ndarray]
    ) -> None:
        self.kb = kb
        self.store = store
        self.embed = embed
        self._ids = {q.id for q in kb.questions}
        self._notes_checked = -NOTES_CHECK_S
        self._has_notes = False

    def coach_notes(self, selected: Selected) -> list[Hit]:
        """The coach's notes (ingested extra files) of the question's area, or general ones,
        close enough to the question to ground it; none when no notes are stored."""
        now = time.monotonic()
        if now - self._notes_checked >= NOTES_CHECK_S:  # a note ingested later is seen
            self._has_notes, self._notes_checked = self.store.has_kind("extra"), now
        if not self._has_notes:
            return []
        hits = self.store.search(
            selected.question.question, k=2, kind="extra", area=[selected.area, GENERAL_NOTES]
        )
        return [h for h in hits if h.distance < NOTE_DISTANCE]

    def query_for(self, slot: PlanSlot) -> str:
        area = self.kb.areas[slot.area]
        return (
            " ".join([area.title, *slot.focus]) if slot.focus else f"{area.title}: {area.summary}"
        )

    def select(
        self, slot: PlanSlot, asked_ids: set[str], seed: int, fallback_areas: list[str]
    ) -> Selected | None:
        query = self.query_for(slot)
        # Widen step by step: the slot's area and level, any level, then any planned area.
        attempts: list[tuple[str | list[str], str | None]] = [
            (slot.area, slot.difficulty),
            (slot.area, None),
            (fallback_areas, None),
        ]
        for area, difficulty in attempts:
            hits = self.store.search(
                query,
                k=CANDIDATES,
                kind="question",
                area=area,
                difficulty=difficulty,
                exclude_question_ids=asked_ids,
            )
            hits = [
                h for h in hits if h.question_id in self._ids and h.question_id not in asked_ids
            ]
            hits = self._drop_near_duplicates(hits, asked_ids)
            if hits:
                pick = random.Random(seed).choice(hits[:CHOOSE_AMONG])
                question = self.kb.question(pick.question_id)
                return Selected(question, pick.area, f"{pick.source}#{question.id}")
        return None

    def _drop_near_duplicates(self, hits: list[Hit], asked_ids: set[str]) -> list[Hit]:
        asked = [self.kb.question(i).question for i in asked_ids if i in self._ids]
        if not asked or not hits:
            return hits
        candidates = [self.kb.question(h.question_id).question for h in hits]
        vectors = self.embed(candidates + asked)
        similarity = vectors[: len(candidates)] @ vectors[len(candidates) :].T
        return [
            h for h, row in zip(hits, similarity, strict=True) if float(row.max()) < NEAR_DUPLICATE
        ]

    def context(self, selected: Selected, coach_notes: list[Hit] | None = None) -> str:
        """Topic notes that ground the question (for brains that word it themselves), and
        the coach's own notes that match it, each with where it came from."""
        notes = self.store.search(selected.question.question, k=2, kind="note", area=selected.area)
        extra = [f"From the coach's notes ({h.source}):\n{h.text}" for h in coach_notes or []]
        return "\n\n".join([*extra, *(n.text for n in notes)])
