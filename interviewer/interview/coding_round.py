"""The coding round inside an interview: which problem a slot gets, what the interviewer
asks about the code it measured, and the coding score.

Correctness, efficiency and quality come from the sandbox's verdict (measured, never
guessed). Communication comes from what the candidate said: the complexity they claimed,
checked against the measurement, and the follow-ups' key points, judged by the brain's
technical scorer (the offline engine or the LLM, whichever is interviewing).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from interviewer.coding.complexity import STEP
from interviewer.coding.runner import Verdict
from interviewer.coding.schema import Complexity, Problem
from interviewer.knowledge.schema import Difficulty, KeyPoint, Question, QuestionType
from interviewer.knowledge.schema import FollowUp as KBFollowUp
from interviewer.scoring.schemas import CodingPart, CodingScore, TechnicalScore

PREFIX = "coding:"
QUESTION_TYPE = "coding"
AREA = "dsa"
NOTE_COMPLEXITY = "Coding follow-up: complexity, against the measurement"
NOTE_EDGE = "Coding follow-up: the first failing test"
NOTE_ALTERNATIVE = "Coding follow-up: an alternative approach"

_CLAIMS: list[tuple[re.Pattern[str], Complexity]] = [
    (re.compile(r"o\(\s*n\s*(\*|\s)?\s*log\s*\(?\s*n\s*\)?\s*\)|n\s*log\s*n|linearithmic"),
     Complexity.linearithmic),
    (re.compile(r"o\(\s*n\s*(\^|\*\*)\s*2\s*\)|o\(\s*n\s*\*\s*n\s*\)|o\(n²\)|quadratic|n squared"),
     Complexity.quadratic),
    (re.compile(r"o\(\s*n\s*(\^|\*\*)\s*3\s*\)|cubic"), Complexity.cubic),
    (re.compile(r"o\(\s*2\s*(\^|\*\*)\s*n\s*\)|exponential"), Complexity.exponential),
    (re.compile(r"o\(\s*log\s*\(?\s*n\s*\)?\s*\)|logarithmic"), Complexity.logarithmic),
    (re.compile(r"o\(\s*1\s*\)|constant time"), Complexity.constant),
    (re.compile(r"o\(\s*n\s*\)|linear"), Complexity.linear),
]  # fmt: skip


def problem_id(question_id: str) -> str | None:
    return question_id[len(PREFIX) :] if question_id.startswith(PREFIX) else None


def choose_problem(
    problems: dict[str, Problem], difficulty: str | None, asked: set[str], seed: int
) -> Problem | None:
    """A problem not yet asked, of the slot's difficulty where there is one (hard slots
    take medium problems: the bank is fresher level)."""
    wanted = {"hard": "medium"}.get(difficulty or "", difficulty)
    fresh = [p for p in problems.values() if f"{PREFIX}{p.id}" not in asked]
    pool = [p for p in fresh if wanted is None or p.difficulty == wanted] or fresh
    if not pool:
        return None
    return random.Random(seed).choice(sorted(pool, key=lambda p: p.id))


def opening(problem: Problem) -> str:
    examples = "; ".join(
        f"{problem.function}({', '.join(_short(a) for a in case.args)}) -> {_short(case.expected)}"
        for case in problem.examples[:2]
    )
    return (
        f"Coding exercise: {problem.title}. {' '.join(problem.statement.split())} "
        f"For example: {examples}. Write `{problem.signature.strip()}` in the editor: "
        "Run checks the examples, Submit runs the hidden tests and times your code. "
        "You can tell me your approach here first."
    )


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def claimed_complexity(text: str) -> Complexity | None:
    """The time complexity a candidate states ("O(n)", "linear", "n log n"), if any."""
    lowered = text.lower()
    found: list[tuple[int, Complexity]] = []
    for pattern, complexity in _CLAIMS:
        match = pattern.search(lowered)
        if match:
            found.append((match.start(), complexity))
    return min(found, key=lambda item: item[0])[1] if found else None


@dataclass(frozen=True)
class CodingFollowUp:
    gap: str
    suggestion: str
    note: str


def next_follow_up(
    problem: Problem, verdict: Verdict | None, asked: set[str]
) -> CodingFollowUp | None:
    """Complexity first (against what was measured), then the first failing test if one
    failed, else an alternative approach from the problem's follow-ups."""
    if verdict is None:
        return None
    if NOTE_COMPLEXITY not in asked:
        measured = verdict.complexity.measured if verdict.complexity else None
        gap = (
            f"the time complexity: measured {measured.value}, expected {problem.complexity.value}"
            if measured
            else f"the time complexity (expected {problem.complexity.value}; not measured)"
        )
        lead = f"Your code passed {verdict.passed} of {verdict.total} tests."
        return CodingFollowUp(
            gap, f"{lead} What is its time complexity, and its extra space? Why?", NOTE_COMPLEXITY
        )
    failure = verdict.first_failure
    if failure is not None and NOTE_EDGE not in asked:
        where = f"the example {failure.input}" if failure.visible else f'the case "{failure.name}"'
        return CodingFollowUp(
            f"a failing test: {failure.name}",
            f"One test failed: {where}. What is special about that input, and how would you "
            "handle it?",
            NOTE_EDGE,
        )
    if NOTE_ALTERNATIVE not in asked:
        others = [f for f in problem.follow_ups if "complexity" not in f.question.lower()]
        if others:
            return CodingFollowUp("an alternative approach", others[0].question, NOTE_ALTERNATIVE)
    return None


_WORDS = {
    Complexity.constant: "constant",
    Complexity.logarithmic: "logarithmic",
    Complexity.linear: "linear",
    Complexity.linearithmic: "n log n",
    Complexity.quadratic: "quadratic",
    Complexity.cubic: "cubic",
    Complexity.exponential: "exponential",
}


def true_complexity(problem: Problem, verdict: Verdict | None) -> Complexity:
    """What the candidate's code costs: the measurement when it is a whole step away from
    the expected class, else the expected class (timing cannot tell n from n log n)."""
    measured = verdict.complexity.measured if verdict and verdict.complexity else None
    if measured is None or STEP[measured] == STEP[problem.complexity]:
        return problem.complexity
    return measured


def explanation_question(problem: Problem, verdict: Verdict | None) -> Question:
    """The follow-ups' key points as a question the brain's technical scorer can judge."""
    truth = true_complexity(problem, verdict)
    points = [
        KeyPoint(
            text=f"the time complexity of this code is {truth.value}",
            keywords=[truth.value.lower(), _WORDS[truth]],
        ),
        KeyPoint(text="names the loop, data structure or operation that decides the cost"),
    ]
    for follow_up in problem.follow_ups:
        for text in follow_up.key_points:
            if len(points) < 6 and len(text) >= 8:
                points.append(KeyPoint(text=text))
    while len(points) < 3:
        points.append(KeyPoint(text="mentions edge cases such as empty input"))
    return Question(
        id=f"coding-{problem.id}",
        difficulty=Difficulty(problem.difficulty),
        type=QuestionType.technical,
        question=f"Explain your solution to {problem.title}: its complexity and trade-offs.",
        key_points=points,
        follow_ups=[KBFollowUp(question=f.question) for f in problem.follow_ups[:3]],
        model_answer=(
            f"Time {problem.complexity.value}"
            + (f", extra space {problem.space.value}" if problem.space else "")
            + ". "
            + " ".join(problem.hints)
        )[:2000],
    )


def score(
    problem: Problem,
    verdict: Verdict | None,
    code: str,
    said: str,
    explanation: TechnicalScore | None,
    runs: int,
) -> CodingScore:
    correctness = _correctness(verdict)
    efficiency = _efficiency(problem, verdict)
    quality = _quality(verdict)
    claimed = claimed_complexity(said)
    communication = _communication(problem, verdict, said, claimed, explanation)
    overall = _overall(correctness, efficiency, quality, communication)
    return CodingScore(
        problem_id=problem.id,
        title=problem.title,
        correctness=correctness,
        efficiency=efficiency,
        quality=quality,
        communication=communication,
        overall=overall,
        tests_passed=verdict.passed if verdict else 0,
        tests_total=verdict.total if verdict else len(problem.tests) + len(problem.examples),
        measured=(
            verdict.complexity.measured.value
            if verdict and verdict.complexity and verdict.complexity.measured
            else None
        ),
        expected=problem.complexity.value,
        claimed=claimed.value if claimed else None,
        code=code,
        runs=runs,
        summary=verdict.summary() if verdict else "No code was submitted.",
    )


def _correctness(verdict: Verdict | None) -> CodingPart:
    if verdict is None or verdict.status == "unavailable":
        reason = verdict.error if verdict else "no code was submitted"
        return CodingPart(score=0, evidence=[reason], tip="Submit code to have it tested.")
    evidence = [f"{verdict.passed}/{verdict.total} tests passed"]
    if verdict.first_failure:
        failure = verdict.first_failure
        evidence.append(
            f"first failing {'example' if failure.visible else 'hidden test'}: {failure.name}"
            + (f" ({failure.error})" if failure.error else f" (got {failure.got})")
        )
    if verdict.error:
        evidence.append(verdict.error[:300])
    if verdict.total and verdict.passed == verdict.total:
        return CodingPart(score=2, evidence=evidence)
    if verdict.passed:
        return CodingPart(
            score=1, evidence=evidence, tip="Walk through the failing input by hand before coding."
        )
    return CodingPart(score=0, evidence=evidence, tip="Get the examples passing with Run first.")


def _efficiency(problem: Problem, verdict: Verdict | None) -> CodingPart:
    measurement = verdict.complexity if verdict else None
    if measurement is not None and measurement.verdict == "too fast to measure":
        score = 2 if verdict is not None and verdict.passed == verdict.total else 1
        return CodingPart(score=score, evidence=[measurement.message])
    if measurement is None or measurement.measured is None:
        return CodingPart(
            score=0 if verdict is None or verdict.passed == 0 else 1,
            evidence=[measurement.message if measurement else "not measured"],
            tip=f"Aim for {problem.complexity.value}.",
        )
    evidence = [measurement.message, f"log-log slope {measurement.slope}"]
    evidence += [f"n={n}: {seconds * 1000:.2f} ms" for n, seconds in measurement.points[-2:]]
    gap = STEP[measurement.measured] - STEP[problem.complexity]
    if gap <= 0:
        return CodingPart(score=2, evidence=evidence)
    tip = f"Look for a way to reach {problem.complexity.value}: {problem.hints[-1]}"
    return CodingPart(score=1 if gap == 1 else 0, evidence=evidence, tip=tip)


def _quality(verdict: Verdict | None) -> CodingPart:
    if verdict is None:
        return CodingPart(score=0, evidence=["no code"])
    findings = [f for f in verdict.findings if f.code != "none"]
    if not findings:
        return CodingPart(score=2, evidence=["ruff: no findings"])
    evidence = [f"ruff {f.code} (line {f.line}): {f.message}" for f in findings[:5]]
    tip = "Fix what the linter points out: names, unused variables, simpler constructs."
    return CodingPart(score=1 if len(findings) <= 3 else 0, evidence=evidence, tip=tip)


def _communication(
    problem: Problem,
    verdict: Verdict | None,
    said: str,
    claimed: Complexity | None,
    explanation: TechnicalScore | None,
) -> CodingPart:
    if not said.strip():
        return CodingPart(
            score=0,
            evidence=["nothing said about the code"],
            tip="Say your approach and its complexity out loud, as in a real interview.",
        )
    truth = true_complexity(problem, verdict)
    evidence: list[str] = []
    claim_ok = claimed is not None and STEP[claimed] == STEP[truth]
    if claimed is None:
        evidence.append("no complexity stated")
    elif claim_ok:
        evidence.append(f"said {claimed.value}, which matches the code ({truth.value})")
    else:
        evidence.append(f"said {claimed.value}, but the code measured {truth.value}")
    covered = 0.0
    if explanation is not None and explanation.key_points:
        covered = len(explanation.covered) / len(explanation.key_points)
        for verdict_point in explanation.key_points:
            if verdict_point.covered and verdict_point.evidence:
                evidence.append(f'"{verdict_point.evidence[0][:160]}"')
        evidence.append(
            f"explanation covered {len(explanation.covered)}/{len(explanation.key_points)} points"
        )
    if claim_ok and covered >= 0.34:
        return CodingPart(score=2, evidence=evidence[:8])
    tip = (
        f"State the complexity and why: your code is {truth.value}."
        if not claim_ok
        else "Say which loop or structure decides the cost, and the edge cases you handled."
    )
    return CodingPart(score=1 if claim_ok or covered >= 0.34 else 0, evidence=evidence[:8], tip=tip)


def _overall(
    correctness: CodingPart, efficiency: CodingPart, quality: CodingPart, communication: CodingPart
) -> int:
    if correctness.score == 0:
        return 1
    if correctness.score == 1:
        return 2
    if efficiency.score < 2:
        return 3
    weak = (quality.score < 2) + (communication.score < 2)
    if communication.score == 0:
        return 3
    return 5 if weak == 0 else 4 if weak == 1 else 3
