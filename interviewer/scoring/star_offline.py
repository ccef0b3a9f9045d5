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

PAST_ACTION = (
    r"\bi (\w+ed|wrote|built|made|ran|set|took|gave|went|spoke|met|led|cut|put|got|read|sat|began|chose|"
    r"drew|found|kept|left|sent|showed|taught|told|thought of|broke|brought|did|fixed|split|rewrote|undid)\b"
)
CUES: dict[str, list[str]] = {
    "situation": [
        r"\b(when|while) i was\b",
        r"\bduring (my|our|the|a)\b",
        r"\bin (my|our) (final|third|second|first|last|pre-final)\b",
        r"\b(internship|semester|hackathon|college|university|campus|final[- ]year|capstone|club|fest|hostel)\b",
        r"\bwe were (building|working|developing|making)\b",
        r"\bour team (was|had)\b",
        r"\b(last|this) (year|summer|semester|month)\b",
        r"\bat (my|our) (previous|last|part-time)\b",
        r"\bthe (project|app|application|website|system|codebase) (was|had)\b",
        r"\bi was (working|part of|interning)\b",
        r"\bthere was\b",
        r"\b(was|were) (giving|getting|taking|failing|crashing|breaking)\b",
        r"\b(back in|in) (20\d\d|january|february|march|april|may|june|july|august|september|october|november|december)\b",
    ],
    "task": [
        r"\bmy (task|job|role|responsibility|goal|assignment|part|aim)( here)? (was|is)\b",
        r"\bit was (my|up to me)\b",
        r"\bi was (responsible|asked|assigned|tasked|in charge|given|supposed|expected)\b",
        r"\bi (had|needed|wanted) to\b",
        r"\b(the|our) (goal|task|challenge|problem|requirement|deadline|aim) was\b",
        r"\bi (owned|took ownership|volunteered|took on|took charge)\b",
        r"\b(asked|told|assigned|gave|given|handed) (me|this .{0,20}to me|the task)\b",
        r"\bto me (for|to)\b",
        r"\b(we|i) (had|needed) to (deliver|finish|fix|build|ship|submit|complete)\b",
        r"\bi (thought|felt|decided) (i|that i) (should|could|had to)\b",
        r"\bnot part of my (duties|job|role)\b",
        r"\b(we|our team) (needed|had) to\b",
        r"\b(assigned|gave|given|handed)\b.{0,30}\bto me\b",
    ],
    "action": [
        PAST_ACTION,
        r"\bi (have|had) (\w+ed|written|built|made|done|taken|given|shown|run|set up|sat|spoken|met)\b",
        r"\bso i\b",
        r"\b(first|then|next|after that|finally|afterwards|also),? i\b",
        r"\bi (personally|myself)\b",
        r"\bi (also|then|first) \w+",
        r"\bwe (\w+ed|wrote|built|made|ran|split|set up|worked|got on|did)\b",
    ],
    "result": [
        r"\bas a result\b",
        r"\b(in the end|eventually|ultimately|at the end)\b",
        r"\bresult(ed|s)?\b",
        r"\b(reduced|improved|increased|decreased|saved|dropped|grew|doubled|halved|sped up|boosted|went down|went up)\b",
        r"\b(was|were|got|became|been) (merged|accepted|selected|approved|deployed|released|shipped|adopted|praised)\b",
        r"\b(delivered|shipped|launched|submitted|completed|finished|won|passed) (it |the |on |before |within |ahead |successfully)",
        r"\bon time\b",
        r"\bafter (the|that|this|my) (fix|change|that|this)\b|\bafter that\b",
        r"\bwent from\b",
        r"\b(learn(ed|t)|lesson|taught me|realised|realized|understood that|next time|since then|now i)\b",
        r"\d+\s*(%|percent|x\b|times|users|ms|seconds|minutes|hours|days|weeks)",
        r"\b(feedback|praised|appreciated|grade|marks)\b",
        r"\bfound it (useful|helpful|easier)\b",
        r"\b(no more|stopped|zero|never again)\b",
        r"\b(everything|it) (was|worked) (fine|well|good)\b",
        r"\b(went|worked out) (well|fine)\b",
    ],
}
# Cues that name a part outright ("my goal was") outweigh incidental ones.
STRONG_CUES = {
    "task": re.compile(
        r"\bmy (task|job|role|responsibility|goal|aim)\b|\bit was (my|up to me)\b|"
        r"\bi was (responsible|asked|assigned|tasked|in charge|given)\b|\bto me (for|to)\b|"
        r"\b(assigned|gave|given|handed)\b.{0,30}\bto me\b|\bnot part of my\b",
        re.IGNORECASE,
    ),
    "result": re.compile(
        r"\bas a result\b|\b(learn(ed|t)|lesson|taught me)\b|\bafter the (fix|change)\b",
        re.IGNORECASE,
    ),
}
CONCRETE_OUTCOME = re.compile(
    r"\d|\b(merged|selected|approved|accepted|zero|stopped|no more|won|hired|offer|promoted|adopted|"
    r"released|deployed|published|first prize|shortlisted)\b",
    re.IGNORECASE,
)
PROPER_NOUN = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z]+")

# Opinions, habits and hypotheticals are not story parts ("I always welcome feedback").
GENERIC = re.compile(
    r"\b(i (always|usually|generally|believe|am (sure|confident|not like)|will|would|can|tend to|try to)|"
    r"in your company|people (take|think)|is (a|the) (gift|key|fuel)|my attitude)\b",
    re.IGNORECASE,
)
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
        "My manager asked me to find the root cause of the wrong amounts.",
        "The goal was to deliver the feature within one week.",
    ],
    "action": [
        "I wrote unit tests, profiled the slow queries and added an index.",
        "I have collected all the failing cases and I ran them one by one on my laptop.",
        "We all got on a call and worked on it together, checking logs.",
        "I set up a meeting with my teammate and we split the work clearly.",
        "First I reproduced the bug, then I traced it to a race condition and fixed it.",
        "I read the documentation, built a small prototype and asked a senior for review.",
    ],
    "result": [
        "As a result, response time dropped from 2 seconds to 300 milliseconds.",
        "We delivered on time and the project got the highest grade in the class.",
        "In the end the feature shipped and complaints fell by 40 percent.",
        "I learned to ask for help earlier, and next time I would plan buffer time.",
        "After the fix, the errors stopped completely and the team found it useful.",
        "It went well and everyone was happy.",
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
OFF_TOPIC = 0.0  # answer-question cosine below which a story is about something else


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
                strong = STRONG_CUES.get(part)
                if strong is not None and strong.search(sentence.text):
                    cue_hits += 2
                similarity = float(np.max(prototypes[part] @ vectors[i]))
                start_w, end_w = POSITION_PRIOR[part]
                prior = start_w * (1 - position) + end_w * position
                scores[part] = (
                    0.55 * min(cue_hits, 2) + 1.6 * max(similarity - 0.15, 0) + 0.25 * prior
                )
            if GENERIC.search(sentence.text) and not re.search(
                PAST_ACTION, sentence.text, re.IGNORECASE
            ):
                labels.append(SentenceLabel(sentence, None, scores))
                continue
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
        return story and float(vectors[0] @ vectors[1]) >= OFF_TOPIC

    def _part(self, part: str, sentences: list[Sentence]) -> StarPart:
        if not sentences:
            return StarPart(score=0, evidence=[])
        text = " ".join(s.text for s in sentences)
        evidence = [s.text for s in sentences[:3]]
        return StarPart(score=2 if _specific(part, sentences, text) else 1, evidence=evidence)

    def _overall(self, parts: dict[str, StarPart], text: str, on_topic: bool) -> int:
        """The anchored 1-5 scale, read off the part scores."""
        scores = [p.score for p in parts.values()]
        present, total = sum(1 for v in scores if v > 0), sum(scores)
        if not on_topic or present == 0 or (present == 1 and total <= 1):
            return 1  # no story
        if present <= 2:
            return 2  # fragments
        if present == 3:
            return 3 if total >= 5 else 2
        if total == 8:
            return 5 if REFLECTION.search(text) else 4
        if total == 7:
            return 4  # complete and specific with one weak part
        return 3  # complete but vague in places


def _specific(part: str, sentences: list[Sentence], text: str) -> bool:
    word_count = len(words(text))
    own = bool(FIRST_PERSON.search(text))
    if part == "situation":
        named = bool(NUMBER.search(text) or TECH_OR_NAMED.search(text) or PROPER_NOUN.search(text))
        return word_count >= 12 and named
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
    # result: a measured or observable outcome, or a specific lesson
    if VAGUE_RESULT.search(text) and not CONCRETE_OUTCOME.search(text):
        return False
    lesson = any(REFLECTION.search(s.text) and len(words(s.text)) >= 10 for s in sentences)
    return bool(MEASURE.search(text) or CONCRETE_OUTCOME.search(text) or lesson)


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
