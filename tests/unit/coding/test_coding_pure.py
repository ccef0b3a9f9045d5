"""The coding round's pure parts: the complexity classifier, stated-complexity parsing, the
coding score's anchors, the plan's coding slots, problem validation and safe code blocks."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from interviewer.coding.complexity import classify, log_log_slope, measure
from interviewer.coding.runner import CaseResult, Finding, Verdict, load_problems
from interviewer.coding.schema import Complexity, Problem
from interviewer.config import PROJECT_ROOT
from interviewer.interview import coding_round
from interviewer.interview.plan import PlanError, build_plan
from interviewer.knowledge.loader import load_knowledge
from interviewer.safe_text import code_block
from interviewer.scoring.schemas import KeyPointVerdict, TechnicalScore

PROBLEMS = load_problems(PROJECT_ROOT / "knowledge" / "problems")
SIZES = [1000, 2000, 4000, 8000, 16000, 32000]


def _points(f: object, noise: float = 0.0) -> list[tuple[int, float]]:
    shape = f  # a function of n
    return [
        (n, 1e-8 * shape(n) * (1 + noise * (-1) ** i))  # type: ignore[operator]
        for i, n in enumerate(SIZES)
    ]


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        (lambda n: 50.0, Complexity.constant),
        (lambda n: n, Complexity.linear),
        (lambda n: n * math.log(n), Complexity.linearithmic),
        (lambda n: n * n / 1000, Complexity.quadratic),
    ],
)
def test_classify_recovers_the_shape_of_clean_timings(shape: object, expected: Complexity) -> None:
    assert classify(_points(shape)) == expected


def test_noise_between_neighbours_is_not_called_slower() -> None:
    # n log n timings with 10% jitter, expected O(n): the verdict must not say "slower".
    result = measure(_points(lambda n: n * math.log(n), noise=0.1), Complexity.linear)
    assert result.verdict == "as expected"
    quadratic = measure(_points(lambda n: n * n / 1000, noise=0.1), Complexity.linear)
    assert quadratic.verdict == "slower than expected"
    assert quadratic.message == "looks like O(n^2); expected O(n)"
    assert 1.8 < log_log_slope(quadratic.points) < 2.2


def test_too_few_sizes_are_not_measured() -> None:
    result = measure([(1000, 0.001), (2000, 0.002)], Complexity.linear)
    assert result.verdict == "not measured"
    assert result.measured is None
    assert "only 2 input sizes" in result.message


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("It is O(n) because I loop once.", Complexity.linear),
        ("linear time, constant space", Complexity.linear),
        ("O(n log n) for the sort", Complexity.linearithmic),
        ("It's n log n overall", Complexity.linearithmic),
        ("quadratic, two nested loops", Complexity.quadratic),
        ("O(n^2) in the worst case", Complexity.quadratic),
        ("O(log n): halving each step", Complexity.logarithmic),
        ("O(1) lookups", Complexity.constant),
        ("I am not sure", None),
    ],
)
def test_claimed_complexity(text: str, claimed: Complexity | None) -> None:
    assert coding_round.claimed_complexity(text) == claimed


def _verdict(passed: int, total: int, measured: Complexity | None, findings: int = 0) -> Verdict:
    from interviewer.coding.complexity import Measurement

    measurement = Measurement(points=[], expected=Complexity.linear)
    if measured is not None:
        measurement = measure(
            _points(
                {Complexity.linear: lambda n: n, Complexity.quadratic: lambda n: n * n}[measured]
            ),
            Complexity.linear,
        )
    failure = None if passed == total else CaseResult(name="zeros", visible=False, passed=False)
    return Verdict(
        problem_id="two-sum",
        kind="submit",
        status="passed" if passed == total else "failed",
        passed=passed,
        total=total,
        first_failure=failure,
        complexity=measurement,
        findings=[Finding(code="F841", message="unused", line=2)] * findings,
    )


def test_coding_score_follows_its_anchors() -> None:
    problem = PROBLEMS["two-sum"]
    said_right = "It is O(n): one pass, and the dict lookup is O(1) on average."
    said_wrong = "It is O(n^2)."

    explained = TechnicalScore(
        key_points=[
            KeyPointVerdict(index=1, covered=True, evidence=["It is O(n)"]),
            KeyPointVerdict(index=2, covered=True, evidence=["one pass"]),
            KeyPointVerdict(index=3, covered=False),
        ],
        score=3,
    )

    def overall(verdict: Verdict | None, said: str, explanation: object = explained) -> int:
        return coding_round.score(problem, verdict, "code", said, explanation, 1).overall  # type: ignore[arg-type]

    assert overall(None, said_right) == 1
    assert overall(_verdict(0, 12, None), said_right) == 1
    assert overall(_verdict(6, 12, Complexity.linear), said_right) == 2
    assert overall(_verdict(12, 12, Complexity.quadratic), said_right) == 3
    assert overall(_verdict(12, 12, Complexity.linear), "") == 3  # unexplained
    # A stated complexity the measurement contradicts counts as no explanation.
    assert overall(_verdict(12, 12, Complexity.linear), said_wrong, None) == 3
    assert overall(_verdict(12, 12, Complexity.linear, findings=2), said_right) == 4
    assert overall(_verdict(12, 12, Complexity.linear), said_right) == 5
    # A right claim with no key point explained is one weak spot; with lint findings, two.
    assert overall(_verdict(12, 12, Complexity.linear), said_right, None) == 4
    assert overall(_verdict(12, 12, Complexity.linear, findings=2), said_right, None) == 3


def test_a_claim_is_checked_against_the_measurement_not_the_textbook() -> None:
    problem = PROBLEMS["two-sum"]
    slow = _verdict(12, 12, Complexity.quadratic)
    score = coding_round.score(problem, slow, "code", "It is O(n).", None, 1)
    assert score.communication.score == 0
    assert "said O(n), but the code measured O(n^2)" in score.communication.evidence
    honest = coding_round.score(problem, slow, "code", "Quadratic: nested loops.", None, 1)
    assert honest.communication.score == 1
    assert honest.efficiency.score == 1  # one power of n slower: partly efficient


def test_follow_ups_go_complexity_then_failing_case_then_alternative() -> None:
    problem = PROBLEMS["two-sum"]
    failed = _verdict(10, 12, Complexity.linear)
    first = coding_round.next_follow_up(problem, failed, set())
    assert first is not None and first.note == coding_round.NOTE_COMPLEXITY
    assert "10 of 12" in first.suggestion
    second = coding_round.next_follow_up(problem, failed, {first.note})
    assert second is not None and second.note == coding_round.NOTE_EDGE
    assert "zeros" in second.suggestion
    third = coding_round.next_follow_up(problem, failed, {first.note, second.note})
    assert third is not None and third.note == coding_round.NOTE_ALTERNATIVE
    assert coding_round.next_follow_up(problem, None, set()) is None


def test_plan_puts_coding_after_the_warm_up_and_counts_it() -> None:
    kb = load_knowledge(PROJECT_ROOT / "knowledge")
    plan = build_plan(kb, questions=4, coding=1)
    kinds = [slot.kind for slot in plan.slots]
    assert kinds.count("coding") == 1
    assert kinds[0] == "question"
    assert plan.questions == 5
    assert "coding exercise x1" in plan.describe()
    with pytest.raises(PlanError, match="choose 0 to 3"):
        build_plan(kb, questions=2, coding=9)


def test_choose_problem_skips_asked_ones_and_prefers_the_level() -> None:
    easy = coding_round.choose_problem(PROBLEMS, "easy", set(), seed=1)
    assert easy is not None and easy.difficulty == "easy"
    asked = {f"coding:{pid}" for pid in PROBLEMS if pid != "two-sum"}
    only = coding_round.choose_problem(PROBLEMS, "medium", asked, seed=1)
    assert only is not None and only.id == "two-sum"
    assert coding_round.choose_problem(PROBLEMS, None, asked | {"coding:two-sum"}, 1) is None


def test_problem_validation_names_the_mistake() -> None:
    data = PROBLEMS["two-sum"].model_dump(mode="json")
    with pytest.raises(ValidationError, match="must define two_sum"):
        Problem.model_validate({**data, "reference": "def other(): pass\n"})
    with pytest.raises(ValidationError, match="factor of 4"):
        Problem.model_validate({**data, "sizes": [100, 200, 300, 390]})
    with pytest.raises(ValidationError, match="not valid Python"):
        Problem.model_validate({**data, "generator": "def generate(n, rng:\n"})


def test_code_blocks_cannot_be_closed_by_the_code() -> None:
    block = code_block("x = '```'\nprint('````')")
    fence = block.split("python")[0]
    assert len(fence) == 5  # longer than the longest run of backticks inside
    assert block.endswith(fence)


def test_timings_under_the_noise_floor_are_not_classified() -> None:
    tiny = [(n, 1e-6 + 1e-9 * i) for i, n in enumerate([6, 12, 18, 24, 30])]
    result = measure(tiny, Complexity.linear)
    assert result.verdict == "too fast to measure"
    assert result.measured is None
    assert "too fast to tell apart" in result.message
