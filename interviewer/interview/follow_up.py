"""The follow-up policy: what is most worth probing after an answer, if anything.

Technical answers: one redirect for an answer about something else; a wrong statement
first, quoted back with its probe; then the first missed key point by its written probe
(which never contains its own answer; the knowledge base checks that), then (for shallow
answers) a general probe. Behavioural answers: the weakest STAR part, result first (the
part freshers most often leave out), then a reflection question.
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


REDIRECT_NOTE = "Follow-up: redirect (off topic)"
MAX_QUOTE_WORDS = 14
_LEADING = {"and", "but", "so", "while", "whereas", "because", "which", "though", "then"}


def choose_gap(question: Question, score: ScoreRecord, asked: set[str]) -> Gap | None:
    """The most important thing still to probe, skipping probes already in `asked` notes.

    Order, as an interviewer would: an answer about something else gets one redirect and
    then the interview moves on; a wrong statement is probed before anything missing (with
    the candidate's own words, so they can find the error themselves); then the first
    missed key point, by its written probe; then a general probe for shallow answers. A
    partly right answer is acknowledged before the probe."""
    if score.star is not None:
        return _star_gap(score, asked)
    technical = score.technical
    if technical is None:
        return None
    if technical.score == 0:
        if REDIRECT_NOTE in asked:
            return None  # redirected once already: move on
        return Gap(
            "redirect",
            "the answer is about something else",
            f"That seems to be about something else. The question is: {question.question}",
            REDIRECT_NOTE,
        )
    if REDIRECT_NOTE in asked and technical.score <= 1:
        return None  # still off the point after a redirect: move on
    for error in technical.errors:
        # one probe per key point stated wrongly: a swapped answer states one error twice
        note = (
            f"Follow-up: stated wrongly, key point {error.key_point}"
            if error.key_point
            else f"Follow-up: stated wrongly ({_short(error.quote)})"
        )
        if note in asked:
            continue
        probe = error.probe or (
            question.key_points[error.key_point - 1].probe if error.key_point else None
        )
        if probe is None:
            continue
        target = f"kp:{error.key_point}" if error.key_point else "error"
        return Gap(
            target,
            f"stated wrongly: {error.quote} (in fact: {error.correction})",
            f'You said "{_short(error.quote)}". {probe}',
            note,
        )
    if not technical.errors and technical.problems and "Follow-up: problem" not in asked:
        # an LLM judge's problems come as text: the first one drives the first probe
        problem = technical.problems[0]
        return Gap(
            "error",
            f"factual problem: {problem}",
            "Let's check one part of that: could you walk me through it again, step by step?",
            "Follow-up: problem",
        )
    if technical.score >= 5:
        return None
    opener = "You've got part of it. " if technical.covered and not technical.errors else ""
    for index in technical.missed:
        point = question.key_points[index - 1]
        note = f"Follow-up: key point {index} missing ({point.text})"
        if note in asked or f"Follow-up: stated wrongly, key point {index}" in asked:
            continue  # probed already, as missing or as stated wrongly
        written = point.probe or next(
            (p.question for p in question.follow_ups if p.key_point == index), None
        )
        if written is not None:
            return Gap(
                f"kp:{index}", f"key point not covered: {point.text}", opener + written, note
            )
    if technical.score <= 3:
        for general in question.follow_ups:
            note = f"Follow-up: general probe ({general.question})"
            if general.key_point is None and note not in asked:
                return Gap("general", "the answer stayed shallow", opener + general.question, note)
    return None


def _short(quote: str) -> str:
    """The candidate's words, cut to a dozen or so, for quoting back."""
    pieces = quote.strip().rstrip(".,;").split()
    while len(pieces) > 3 and pieces[0].lower() in _LEADING:
        pieces = pieces[1:]
    return " ".join(pieces[:MAX_QUOTE_WORDS]) + (" ..." if len(pieces) > MAX_QUOTE_WORDS else "")


def _star_gap(score: ScoreRecord, asked: set[str]) -> Gap | None:
    star = score.star
    assert star is not None
    if star.overall == 1 and all(star.part(p).score <= 1 for p in STAR_PARTS):
        # no story (or one about something else): one redirect, then move on
        if REDIRECT_NOTE in asked:
            return None
        return Gap(
            "redirect",
            "no story from their own experience",
            "I'm looking for one specific time this happened to you: where were you, and "
            "what did you do?",
            REDIRECT_NOTE,
        )
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
        return Gap("star:reflection", "no reflection on what they learned", REFLECTION_PROBE, note)
    return None
