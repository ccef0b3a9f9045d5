"""Offline STAR scoring: a real analysis of the answer, no LLM.

Each sentence is classified as situation, task, action or result by combining
hand-written cues (phrases like "my task was", "I wrote", "as a result") with embedding
similarity to prototype sentences, plus a position prior (stories start with context and
end with outcomes). Each part then gets 0-2 from specificity signals: numbers, named
technologies, first-person ownership, measured outcomes. The overall 1-5 follows the
anchored scale from the part scores and a reflection check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from interviewer.scoring.schemas import STAR_PARTS, StarPart, StarScore
from interviewer.scoring.text import Sentence, words

Embed = Callable[[list[str]], np.ndarray]

CUES: dict[str, list[str]] = {
    "situation": [
        r"\b(when|while) i was\b",
        r"\bduring (my|our|the)\b",
        r"\bin (my|our) (final|third|second|first|last)\b",
        r"\b(internship|semester|hackathon|college|university|campus|final[- ]year|capstone|club|fest)\b",
        r"\bwe were (building|working|developing|making)\b",
        r"\bour team (was|had)\b",
        r"\b(last|this) (year|summer|semester|month)\b",
        r"\bat (my|our) (previous|last|part-time)\b",
        r"\bthe (project|app|application|website|system|codebase) (was|had)\b",
        r"\bi was (working|part of|interning)\b",
        r"\b(back in|in) (20\d\d|january|february|march|april|may|june|july|august|september|october|november|december)\b",
    ],
    "task": [
        r"\bmy (task|job|role|responsibility|goal|assignment|part) (was|is)\b",
        r"\bi was (responsible|asked|assigned|tasked|in charge)\b",
        r"\bi (had|needed|wanted) to\b",
        r"\b(the|our) (goal|task|challenge|problem|requirement|deadline) was\b",
        r"\bi (owned|took ownership|volunteered|took on|took charge)\b",
        r"\bit was (my|up to me)\b",
        r"\b(we|i) (had|needed) to (deliver|finish|fix|build|ship|submit|complete)\b",
    ],
    "action": [
        r"\bi (wrote|built|created|implemented|designed|added|set up|setup|configured|debugged|fixed|refactored|"
        r"profiled|migrated|deployed|tested|automated|organi[sz]ed|scheduled|called|talked|spoke|met|proposed|"
        r"suggested|decided|started|split|broke|researched|read|learned|studied|reached out|asked|paired|reviewed|"
        r"documented|prioriti[sz]ed|traced|measured|replaced|rewrote|introduced|used|installed|wrote|ran|"
        r"explained|presented|convinced|negotiated|listened|apologi[sz]ed|divided|mentored|coordinated|set|made|"
        r"took|focused|cut|moved|checked|compared|tried|went|opened|sent|emailed|created|led|guided|helped)\b",
        r"\bso i\b",
        r"\b(first|then|next|after that|finally|afterwards),? i\b",
        r"\bi (personally|myself)\b",
    ],
    "result": [
        r"\bas a result\b",
        r"\b(in the end|eventually|ultimately|finally|at the end)\b",
        r"\bresult(ed|s)?\b",
        r"\b(reduced|improved|increased|decreased|cut|saved|dropped|grew|doubled|halved|sped up|boosted)\b",
        r"\b(delivered|shipped|launched|submitted|completed|finished|won|passed|selected|merged|accepted|deployed) "
        r"(it |the |on |before |within |ahead |successfully|first|second|third)?",
        r"\bon time\b",
        r"\b(learn(ed|t)|lesson|taught me|realised|realized|next time|since then|now i|i would)\b",
        r"\d+\s*(%|percent|x\b|times|users|ms|seconds|minutes|hours|days|weeks)",
        r"\b(feedback|praised|appreciated|grade|marks)\b",
    ],
}
_CUES = {part: [re.compile(c, re.IGNORECASE) for c in cues] for part, cues in CUES.items()}

PROTOTYPES: dict[str, list[str]] = {
    "situation": [
        "During my final-year project at college we were building a web app for the library.",
        "In my internship at a startup, the team was working on a payments API.",
        "Last semester our group of four had a hackathon project with a 48 hour deadline.",
        "While I was part of the coding club, we organised a campus event.",
    ],
    "task": [
        "My task was to build the login and authentication module.",
        "I was responsible for making the API respond faster before the demo.",
        "I had to fix the failing deployment before the client review.",
        "The goal was to deliver the feature within one week.",
    ],
    "action": [
        "I wrote unit tests, profiled the slow queries and added an index.",
        "I set up a meeting with my teammate and we split the work clearly.",
        "First I reproduced the bug, then I traced it to a race condition and fixed it.",
        "I read the documentation, built a small prototype and asked a senior for review.",
    ],
    "result": [
        "As a result, response time dropped from 2 seconds to 300 milliseconds.",
        "We delivered on time and the project got the highest grade in the class.",
        "In the end the feature shipped and complaints fell by 40 percent.",
        "I learned to ask for help earlier, and next time I would plan buffer time.",
    ],
}

FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|me|my|myself)\b", re.IGNORECASE)
WE = re.compile(r"\b(we|our|us|the team)\b", re.IGNORECASE)
NUMBER = re.compile(r"\d")
MEASURE = re.compile(
    r"\d+(\.\d+)?\s*(%|percent|x\b|times|users|ms|milliseconds|seconds|secs|minutes|mins|hours|days|weeks|"
    r"requests|queries|bugs|tickets|people|members|points|lakh|k\b|customers|students|orders)|"
    r"\bfrom \S+ to \S+|\b(doubled|halved|tripled)\b",
    re.IGNORECASE,
)
REFLECTION = re.compile(
    r"\b(learn(ed|t)|lesson|taught me|realised|realized|next time|since then|in hindsight|i would now|"
    r"i now|would do differently|takeaway)\b",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(
    r"\b(i would|i will|i'd|i usually|i always|i generally|i try to|i tend to)\b", re.IGNORECASE
)
VAGUE_RESULT = re.compile(
    r"\b(went well|worked out|was good|was fine|was great|it was successful|everyone was happy)\b",
    re.IGNORECASE,
)
TECH_OR_NAMED = re.compile(
    r"\b(python|django|flask|fastapi|sql|postgres\w*|mysql|mongo\w*|redis|docker|git(hub)?|api|rest|react|aws|"
    r"heroku|celery|pytest|jenkins|linux|javascript|java|html|css|index|query|cache|endpoint|database|server|"
    r"deploy\w*|bug|test\w*|module|feature|schema|login|payment|dashboard|pipeline|script)\b|[A-Z][a-z]+[A-Z]|\b[A-Z]{2,}\b",
)

POSITION_PRIOR = {
    "situation": (1.0, 0.0),  # (weight at the start, weight at the end)
    "task": (0.6, 0.1),
    "action": (0.4, 0.4),
    "result": (0.0, 1.0),
}
MIN_SIMILARITY = 0.25


@dataclass
class SentenceLabel:
    sentence: Sentence
    part: str | None
    scores: dict[str, float] = field(default_factory=dict)


class OfflineStarScorer:
    def __init__(self, embed: Embed) -> None:
        self._embed = embed
        self._prototypes: dict[str, np.ndarray] | None = None

    def _prototype_vectors(self) -> dict[str, np.ndarray]:
        if self._prototypes is None:
            self._prototypes = {part: self._embed(texts) for part, texts in PROTOTYPES.items()}
        return self._prototypes

    def label_sentences(self, sentences: list[Sentence]) -> list[SentenceLabel]:
        if not sentences:
            return []
        vectors = self._embed([s.text for s in sentences])
        prototypes = self._prototype_vectors()
        labels: list[SentenceLabel] = []
        count = len(sentences)
        for i, sentence in enumerate(sentences):
            position = i / (count - 1) if count > 1 else 0.5
            scores: dict[str, float] = {}
            for part in STAR_PARTS:
                cue_hits = sum(1 for cue in _CUES[part] if cue.search(sentence.text))
                similarity = float(np.max(prototypes[part] @ vectors[i]))
                start_w, end_w = POSITION_PRIOR[part]
                prior = start_w * (1 - position) + end_w * position
                scores[part] = (
                    0.55 * min(cue_hits, 2) + 1.6 * max(similarity - 0.15, 0) + 0.25 * prior
                )
            best = max(scores, key=lambda p: scores[p])
            has_cue = any(c.search(sentence.text) for c in _CUES[best])
            similarity_best = float(np.max(prototypes[best] @ vectors[i]))
            chosen: str | None = (
                best if (has_cue or similarity_best >= MIN_SIMILARITY + 0.1) else None
            )
            labels.append(SentenceLabel(sentence, chosen, scores))
        return labels

    def score(self, question: str, answer_sentences: list[Sentence]) -> StarScore:
        labels = self.label_sentences(answer_sentences)
        by_part: dict[str, list[Sentence]] = {p: [] for p in STAR_PARTS}
        for label in labels:
            if label.part:
                by_part[label.part].append(label.sentence)
        on_topic = self._on_topic(question, answer_sentences)
        parts = {p: self._part(p, by_part[p]) for p in STAR_PARTS}
        if not on_topic:
            parts = {
                p: StarPart(score=min(parts[p].score, 1), evidence=parts[p].evidence)
                for p in STAR_PARTS
            }
        text = " ".join(s.text for s in answer_sentences)
        overall = self._overall(parts, text, on_topic)
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

    def _on_topic(self, question: str, sentences: list[Sentence]) -> bool:
        if not sentences:
            return False
        text = " ".join(s.text for s in sentences)
        story = bool(FIRST_PERSON.search(text) or WE.search(text)) and len(words(text)) >= 12
        vectors = self._embed([question, text])
        return story and float(vectors[0] @ vectors[1]) >= 0.12

    def _part(self, part: str, sentences: list[Sentence]) -> StarPart:
        if not sentences:
            return StarPart(score=0, evidence=[])
        text = " ".join(s.text for s in sentences)
        evidence = [s.text for s in sentences[:3]]
        return StarPart(score=2 if _specific(part, sentences, text) else 1, evidence=evidence)

    def _overall(self, parts: dict[str, StarPart], text: str, on_topic: bool) -> int:
        present = sum(1 for p in parts.values() if p.score > 0)
        total = sum(p.score for p in parts.values())
        if not on_topic or present == 0 or (present == 1 and total <= 1):
            return 1
        if present <= 2 or total <= 3:
            return 2
        if present == 3:
            return 3 if total >= 5 else 2
        if total == 8 and REFLECTION.search(text) and MEASURE.search(text):
            return 5
        if total >= 7:
            return 4
        return 3 if total <= 5 else 4 if parts["action"].score == 2 else 3


def _specific(part: str, sentences: list[Sentence], text: str) -> bool:
    word_count = len(words(text))
    own = bool(FIRST_PERSON.search(text))
    if part == "situation":
        return word_count >= 12 and bool(
            NUMBER.search(text)
            or TECH_OR_NAMED.search(text)
            or re.search(r"\b(internship|project|hackathon|semester|college)\b", text, re.I)
        )
    if part == "task":
        return own and word_count >= 8
    if part == "action":
        first_person = [
            s for s in sentences if FIRST_PERSON.search(s.text) and not HYPOTHETICAL.search(s.text)
        ]
        concrete = sum(
            1
            for s in first_person
            if TECH_OR_NAMED.search(s.text) or NUMBER.search(s.text) or len(words(s.text)) >= 12
        )
        return len(first_person) >= 2 and concrete >= 1
    # result
    if VAGUE_RESULT.search(text) and not MEASURE.search(text):
        return False
    return bool(MEASURE.search(text) or (REFLECTION.search(text) and word_count >= 10))


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
