"""Answers are data, never instructions.

Sentences that address the grader (instructions to change the score, fake score JSON,
role or system lines) are removed before any brain sees the answer, and listed in the
score so the candidate and coach can see what was ignored. They add nothing to content.
"""

from __future__ import annotations

import re

from interviewer.scoring.text import Sentence, split_sentences

_PATTERNS = [
    r"\bignore\b.{0,40}\b(rubric|instruction|instructions|previous|above|prompt|rules|guidelines)\b",
    r"\b(rubric|grader|grading|evaluator|scorer|scoring model|the model|ai|assistant|interviewer)\b.{0,60}"
    r"\b(must|should|will|shall|has to|needs to|agrees?|are instructed)\b.{0,40}"
    r"\b(score|rate|grade|mark|give|award|agree|consider|perfect|full)\b",
    r"\b(give|award|assign|rate|score|mark|grade)\b.{0,30}\b(this|me|it|the answer|my answer|the candidate)\b"
    r".{0,30}(\d+\s*(/|out of)\s*\d+|full marks|maximum|max|perfect|top|highest|5\b|10\b)",
    r"\b\d\s*(/|out of)\s*5\b",
    r"\bfull marks\b",
    r"^\s*(system|assistant|developer|user|grader|evaluator)\s*[:>\]]",
    r"\[(system|inst|/inst)\]|<\|?(system|im_start|im_end)\|?>",
    r"\bnew instructions?\b|\boverride\b.{0,20}\b(score|rubric|instructions?)\b",
    r"\byou are (now )?(a|an|the)\b.{0,40}\b(grader|evaluator|assistant|model|interviewer)\b",
    r"\bas the (interviewer|grader|evaluator|ai)\b.{0,40}\b(you|agree|must|will)\b",
    r"\b(scored|scores?|rated|graded|marked)\b.{0,30}\b(full marks|perfect|maximum|5/5|10/10|highest)\b",
    r"\b(pretend|role-?play|act as|imagine you are)\b",
    r"^\W*(overall|score|rating|situation|task|action|result)\W*\s*[:=]\s*\d",
    r"\b(output|print|return|set|emit|respond with)\b.{0,20}\b(overall|score|rating|grade)\b\s*[:=]?\s*\d",
    r"\b(note|message|instructions?|reminder) (to|for) the (grader|scorer|scoring model|evaluator|model|ai|llm|"
    r"interviewer|reviewer)\b",
    r"\b(grader|scorer|scoring model|evaluator|language model|llm|ai model)\b.{0,80}"
    r"\b(score|rate|grade|marks?|give|award|points?|pass)\b",
]
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)
_JSON_BLOB = re.compile(
    r"\{[^{}]*\"?\b(overall|score|situation|task|action|result|rating)\b\"?\s*:[^{}]*\}",
    re.IGNORECASE,
)


def is_instruction(sentence: str) -> bool:
    return bool(_INSTRUCTION.search(sentence) or _JSON_BLOB.search(sentence))


def strip_instructions(answer: str) -> tuple[str, list[str], list[Sentence]]:
    """(answer without grader-directed sentences, removed sentences, kept sentences).

    Fake score JSON is blanked out first (same length, so kept sentences remain exact
    substrings of the original answer), then instruction sentences are dropped.
    """
    removed = [m.group(0) for m in _JSON_BLOB.finditer(answer)]
    masked = _JSON_BLOB.sub(lambda m: "\n" * len(m.group(0)), answer)
    kept: list[Sentence] = []
    for sentence in split_sentences(masked):
        if is_instruction(sentence.text):
            removed.append(sentence.text)
        else:
            kept.append(sentence)
    cleaned = " ".join(s.text for s in kept)
    return cleaned, removed, kept
