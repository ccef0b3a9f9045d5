"""Loop guards: answers that mean "move on" rather than something to score."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from enum import StrEnum

from interviewer.scoring.text import words


class AnswerKind(StrEnum):
    answered = "answered"
    empty = "empty"
    skip = "skipped"
    dont_know = "dont_know"
    repeated = "repeated"


_SKIP = re.compile(
    r"^\W*(skip|pass|next|next question|skip (this|it)( one| question)?|move on|"
    r"can we (skip|move on)[a-z ]*)\W*$",
    re.IGNORECASE,
)
_DONT_KNOW = re.compile(
    r"\b(i ?(do not|don't|dont|really don't) know|no idea|not sure|i have no clue|"
    r"no clue|i can't remember|i cannot remember|i forgot|never (used|heard))\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(i think|i guess|maybe|probably|perhaps|something (like|to do with)|related to|"
    r"kind of|sort of|i believe|might be)\b",
    re.IGNORECASE,
)
DONT_KNOW_MAX_WORDS = 14
HEDGED_MAX_WORDS = 24  # "not sure ... I think it is related to the database" is no answer
REPEATED = 0.9  # word-sequence similarity to an earlier answer that counts as a copy


def classify(answer: str, earlier_answers: list[str]) -> AnswerKind:
    text = answer.strip()
    if not text:
        return AnswerKind.empty
    if _SKIP.match(text):
        return AnswerKind.skip
    tokens = words(text)
    if _DONT_KNOW.search(text) and (
        len(tokens) <= DONT_KNOW_MAX_WORDS
        or (len(tokens) <= HEDGED_MAX_WORDS and _HEDGE.search(text))
    ):
        return AnswerKind.dont_know
    if len(tokens) >= 3:
        for earlier in earlier_answers:
            matcher = SequenceMatcher(None, tokens, words(earlier), autojunk=False)
            if (
                matcher.real_quick_ratio() >= REPEATED
                and matcher.quick_ratio() >= REPEATED
                and matcher.ratio() >= REPEATED
            ):
                return AnswerKind.repeated
    return AnswerKind.answered


MOVE_ON = {
    AnswerKind.empty: "I didn't catch an answer there, so let's move on.",
    AnswerKind.skip: "Sure, let's skip that one.",
    AnswerKind.dont_know: "That's fine: saying so honestly is better than guessing. Let's move on.",
    AnswerKind.repeated: "That's the same answer as before, so let's move on to something new.",
}
