"""Offline STAR scoring: a real analysis of the answer, no LLM.

The answer is cut into clauses (`star_units.units`); a learned model gives each clause a
probability for each STAR part (a clause may carry several: "I was interning at X and my
job was Y"), from its embedding and cue features; small ordinal models turn those into
part scores 0-2 and an overall 1-5. The weights are trained by `evals/train_star.py` on
the tuning sets only. Two rules stay outside the model: an answer that tells no story
from the candidate's experience scores 1, and the schema's anchors hold (5 needs every
part at 2; where the overall and a part model disagree, `star_units.consistent` keeps the
likelier reading).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from interviewer.scoring import star_units
from interviewer.scoring.schemas import STAR_PARTS, StarPart, StarScore
from interviewer.scoring.text import Sentence, words

Embed = Callable[[list[str]], np.ndarray]

FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|me|my|myself)\b", re.IGNORECASE)
WE = re.compile(r"\b(we|our|us|the team)\b", re.IGNORECASE)
REFLECTION = re.compile(
    r"\b(learn(ed|t)|lesson|taught me|realised|realized|next time|since then|in hindsight|i would now|"
    r"i now|would do differently|takeaway)\b",
    re.IGNORECASE,
)
OFF_TOPIC = 0.0  # answer-question cosine below which a story is about something else
EVIDENCE = 0.5  # a clause is evidence of a part from this probability
MAX_EVIDENCE = 3


class OfflineStarScorer:
    def __init__(self, embed: Embed, model: star_units.StarModel | None = None) -> None:
        self._embed = embed
        self._model = model or star_units.load_model()

    @property
    def version(self) -> str:
        return self._model.version

    def score(self, question: str, answer_sentences: list[Sentence]) -> StarScore:
        model = self._model
        unit_list = star_units.units(answer_sentences)
        text = " ".join(s.text for s in answer_sentences)
        if not unit_list:
            empty = StarPart(score=0, evidence=[])
            return StarScore(
                situation=empty,
                task=empty,
                action=empty,
                result=empty,
                overall=1,
                missing=list(STAR_PARTS),  # type: ignore[arg-type]
                tips=[TIPS[p] for p in STAR_PARTS],
                summary="No answer to score.",
            )
        vectors = self._embed([question, *[u.text for u in unit_list]])
        probabilities = model.unit_probabilities(star_units.unit_matrix(unit_list, vectors[1:]))
        on_topic = self._on_topic(vectors, text)
        overall, scores = model.read(probabilities, unit_list, text, on_topic)
        parts: dict[str, StarPart] = {}
        for k, part in enumerate(STAR_PARTS):
            order = np.argsort(-probabilities[:, k], kind="stable")
            chosen = [int(j) for j in order if probabilities[j, k] >= EVIDENCE][:MAX_EVIDENCE]
            if scores[k] and not chosen:
                chosen = [int(order[0])]
            chosen.sort()
            parts[part] = StarPart(
                score=scores[k], evidence=[unit_list[j].text for j in chosen] if scores[k] else []
            )
        missing = [p for p in STAR_PARTS if parts[p].score == 0]
        return StarScore(
            situation=parts["situation"],
            task=parts["task"],
            action=parts["action"],
            result=parts["result"],
            overall=overall,
            missing=missing,  # type: ignore[arg-type]
            tips=_tips(parts, text),
            summary=_summary(parts, overall, on_topic),
        )

    @staticmethod
    def _on_topic(vectors: np.ndarray, text: str) -> bool:
        """A story from the candidate's own experience (first person or their team, a
        dozen words at least) and not about something else entirely."""
        story = bool(FIRST_PERSON.search(text) or WE.search(text)) and len(words(text)) >= 12
        answer = vectors[1:].mean(axis=0)
        answer = answer / (np.linalg.norm(answer) or 1.0)
        return story and float(vectors[0] @ answer) >= OFF_TOPIC


TIPS = {
    "situation": "Open with one sentence of context: where you were, what the project was, and when.",
    "task": "Say what you personally were responsible for, not just what the team had to do.",
    "action": "Spend most of the answer on your own steps, in the first person: what you did, in order, and why.",
    "result": "Finish with the outcome, ideally a number (time saved, users, grade), and what you learned.",
}
VAGUE_TIPS = {
    "situation": "Make the context concrete: name the project, the team size or the timeline.",
    "task": 'State your own goal or responsibility explicitly ("My job was to...").',
    "action": 'Replace "we" with what you did: name two or three concrete steps you took yourself.',
    "result": 'Quantify the result or name the lesson: "it went well" does not show impact.',
}


def _tips(parts: dict[str, StarPart], text: str) -> list[str]:
    tips = [
        TIPS[p] if parts[p].score == 0 else VAGUE_TIPS[p] for p in STAR_PARTS if parts[p].score < 2
    ]
    if not REFLECTION.search(text) and parts["result"].score > 0:
        tips.append("Add a sentence of reflection: what you would do differently next time.")
    return tips


def _summary(parts: dict[str, StarPart], overall: int, on_topic: bool) -> str:
    if not on_topic:
        return "The answer does not tell a relevant story from your experience."
    strong = [p for p in STAR_PARTS if parts[p].score == 2]
    weak = [p for p in STAR_PARTS if parts[p].score == 1]
    absent = [p for p in STAR_PARTS if parts[p].score == 0]
    pieces = []
    if strong:
        pieces.append(f"specific {', '.join(strong)}")
    if weak:
        pieces.append(f"vague {', '.join(weak)}")
    if absent:
        pieces.append(f"missing {', '.join(absent)}")
    return f"Overall {overall}/5: " + "; ".join(pieces) + "."
