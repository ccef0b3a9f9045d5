"""Follow-up targeting: after an answer with a known gap, does the follow-up probe that gap?"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from interviewer.brains import Brain, FollowUpRequest, prepare_answer
from interviewer.evals.datasets import FollowUpCase
from interviewer.interview.follow_up import choose_gap
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.knowledge.schema import Difficulty, FollowUp, KeyPoint, Question, QuestionType
from interviewer.llm.usage import LLMCall

Embed = Callable[[list[str]], np.ndarray]


def _star_question(text: str) -> Question:
    """A behavioural question shell for STAR cases that are not in the knowledge base."""
    return Question(
        id="eval.star",
        difficulty=Difficulty.medium,
        type=QuestionType.behavioural,
        question=text,
        key_points=[
            KeyPoint(text=f"States the {p} clearly") for p in ("situation", "task", "action")
        ],
        follow_ups=[FollowUp(question="What was the result, and how did you measure it?")],
        model_answer="A complete STAR story with the candidate's own actions and a measured result.",
        competency="any",
    )


def run_followups(
    brain: Brain,
    kb: KnowledgeBase,
    cases: list[FollowUpCase],
    embed: Embed,
    progress: Callable[[int], object] | None = None,
) -> dict[str, Any]:
    hits, on_gap_checks, on_gap_hits, no_follow_up = 0, 0, 0, 0
    details = []
    calls: list[LLMCall] = []
    for case in cases:
        prepared = prepare_answer(case.answer)
        if case.kind == "technical":
            question = kb.question(case.question_id or "")
            score = brain.score_technical(question, prepared, calls)
        else:
            question = _star_question(case.question)
            score = brain.score_star(case.question, prepared, calls)
        gap = choose_gap(question, score, set())
        target = gap.target.split(":", 1)[-1] if gap else None
        hit = target in case.missing
        hits += hit
        no_follow_up += gap is None
        text = None
        if gap is not None:
            text = brain.follow_up(
                FollowUpRequest(question.question, case.answer, gap.gap, gap.suggestion), calls
            )
            if case.kind == "technical" and gap.target.startswith("kp:"):
                # Is the wording closer to the missing point than to the points already covered?
                covered = [
                    i for i in range(1, len(question.key_points) + 1) if str(i) not in case.missing
                ]
                if covered:
                    vectors = embed(
                        [
                            text,
                            question.key_points[int(target or 1) - 1].text,
                            *(question.key_points[i - 1].text for i in covered),
                        ]
                    )
                    on_gap_checks += 1
                    on_gap_hits += float(vectors[0] @ vectors[1]) >= float(
                        np.max(vectors[2:] @ vectors[0])
                    )
        details.append(
            {
                "id": case.id,
                "missing": case.missing,
                "target": target,
                "hit": hit,
                "follow_up": text,
            }
        )
        if progress:
            progress(1)
    return {
        "items": len(cases),
        "gap_hit_rate": round(hits / max(len(cases), 1), 3),
        "no_follow_up_rate": round(no_follow_up / max(len(cases), 1), 3),
        "wording_on_gap_rate": round(on_gap_hits / on_gap_checks, 3) if on_gap_checks else None,
        "details": details,
        "prompt_tokens": sum(c.prompt_tokens for c in calls),
    }
