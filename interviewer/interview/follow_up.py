"""The follow-up policy: what is most worth probing after an answer, if anything.

Technical answers: the first missed key point that has a probe in the knowledge base, then
(for shallow answers) a general probe. Behavioural answers: the weakest STAR part, result
first (the part freshers most often leave out), then a reflection question.
"""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.knowledge.schema import Question
from interviewer.scoring.schemas import STAR_PARTS, ScoreRecord

STAR_PROBES = {
    "result": "What was the result, and how did you measure it?",
    "action": "What did you personally do there, step by step?",
    "task": "What exactly were you responsible for in that situation?",
    "situation": "Could you set the scene first: where was this, and what was the project?",
}
STAR_PRIORITY = ("result", "action", "task", "situation")
REFLECTION_PROBE = "Looking back, what would you do differently next time?"


@dataclass(frozen=True)
class Gap:
    target: str  # "kp:3", "star:result", "star:reflection" or "general"
    gap: str  # what is missing, as the interviewer would note it
    suggestion: str  # the probe to ask (an LLM brain may reword it)
    note: str  # the hidden note stored with the turn; also how repeats are avoided


def choose_gap(question: Question, score: ScoreRecord, asked: set[str]) -> Gap | None:
    """The most important thing still missing, skipping probes already in `asked` notes."""
    if score.star is not None:
        star = score.star
        for part in STAR_PRIORITY:
            part_score = star.part(part).score
            state = "absent" if part_score == 0 else "vague"
            note = f"Follow-up: STAR {part} {state}"
            if part_score < 2 and note not in asked:
                missing = "missing" if part_score == 0 else "vague"
                return Gap(
                    f"star:{part}",
                    f"the {part} of their story is {missing}",
                    STAR_PROBES[part],
                    note,
                )
        note = "Follow-up: STAR reflection"
        complete = all(star.part(p).score == 2 for p in STAR_PARTS)
        if star.overall < 5 and complete and note not in asked:
            return Gap(
                "star:reflection", "no reflection on what they learned", REFLECTION_PROBE, note
            )
        return None
    technical = score.technical
    if technical is None or technical.score >= 5:
        return None
    for index in technical.missed:
        point = question.key_points[index - 1].text
        note = f"Follow-up: key point {index} missing ({point})"
        probe = next((p for p in question.follow_ups if p.key_point == index), None)
        if probe is not None and note not in asked:
            return Gap(f"kp:{index}", f"key point not covered: {point}", probe.question, note)
    # No written probe for the missing points: ask about the first one by a cue word, in a
    # way that names the topic without giving the answer away.
    for index in technical.missed:
        lacking = question.key_points[index - 1]
        cue = next((k for k in lacking.keywords if k not in question.question.lower()), None)
        note = f"Follow-up: key point {index} missing ({lacking.text})"
        if cue and note not in asked:
            return Gap(
                f"kp:{index}",
                f"key point not covered: {lacking.text}",
                f"You haven't mentioned {cue} yet. How does it fit into your answer?",
                note,
            )
    if technical.score <= 3:
        for probe in question.follow_ups:
            note = f"Follow-up: general probe ({probe.question})"
            if probe.key_point is None and note not in asked:
                return Gap("general", "the answer stayed shallow", probe.question, note)
    return None
