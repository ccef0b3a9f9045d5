"""The problem bank, checked through the real sandbox: every reference solution (and every
slower one) passes every example, hidden and generated test; hand-written solutions of the
three required problems are judged right, wrong and slow as they should be; the starter
code the editor shows fails cleanly.

The data checks (loading, ids, topics) need no sandbox and always run. The rest needs
bubblewrap: without it those tests are skipped with the sandbox's own reason, except where
INTERVIEWER_REQUIRE_SANDBOX=1, where that is a failure (as in tests/test_sandbox.py).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from interviewer.coding import sandbox
from interviewer.coding.runner import CodeRunner, Kind, Verdict, load_problems
from interviewer.coding.schema import Problem, Topic
from interviewer.config import PROJECT_ROOT

PROBLEMS_DIR = PROJECT_ROOT / "knowledge" / "problems"
PROBLEM_IDS = sorted(path.stem for path in PROBLEMS_DIR.glob("*.yaml"))
REQUIRED = {
    "two-sum": "two_sum",
    "valid-parentheses": "is_valid_parentheses",
    "top-k-frequent": "top_k_frequent",
}
MIN_PROBLEMS = 25
# Timing on a busy 2-core CI machine is noisy: a complexity assertion gets up to this many
# submissions and holds if any of them classifies right. Correctness must hold on the first.
COMPLEXITY_ATTEMPTS = 3

REASON = sandbox.probe()
if REASON and os.environ.get("INTERVIEWER_REQUIRE_SANDBOX") == "1":
    raise RuntimeError(f"the sandbox is required here but unavailable: {REASON}")
needs_sandbox = pytest.mark.skipif(bool(REASON), reason=REASON or "sandbox available")


@pytest.fixture(scope="module")
def problems() -> dict[str, Problem]:
    return load_problems(PROBLEMS_DIR)


@pytest.fixture(scope="module")
def runner(problems: dict[str, Problem]) -> Iterator[CodeRunner]:
    runner = CodeRunner(problems, workers=2)
    yield runner
    runner.close()


def judge_all(runner: CodeRunner, jobs: list[tuple[str, str, Kind]]) -> list[Verdict]:
    """Judge several submissions at once, two at a time (the runner has 2 workers)."""
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda job: runner.judge(*job), jobs))


def describe(verdict: Verdict) -> str:
    failure = verdict.first_failure
    detail = f"; first failure {failure.model_dump()}" if failure else ""
    return f"{verdict.status}: {verdict.summary()}{detail}"


def assert_all_passed(verdict: Verdict, what: str) -> None:
    assert verdict.status == "passed", f"{what}: {describe(verdict)}"
    assert verdict.total > 0, f"{what}: no tests ran"
    assert verdict.passed == verdict.total, f"{what}: {describe(verdict)}"
    assert verdict.error == "", f"{what}: {verdict.error}"


# ----- the data ------------------------------------------------------------------------
def test_every_problem_loads_with_a_unique_id(problems: dict[str, Problem]) -> None:
    assert sorted(problems) == PROBLEM_IDS  # one problem per file, none dropped
    ids = [problem.id for problem in problems.values()]
    assert len(ids) == len(set(ids))
    assert len(problems) >= MIN_PROBLEMS, f"only {len(problems)} problems: {PROBLEM_IDS}"


def test_every_topic_has_a_problem(problems: dict[str, Problem]) -> None:
    covered = Counter(problem.topic for problem in problems.values())
    missing = [topic.value for topic in Topic if covered[topic] == 0]
    assert missing == [], f"topics without a problem: {missing}"


def test_the_required_problems_exist_with_their_function_names(
    problems: dict[str, Problem],
) -> None:
    for problem_id, function in REQUIRED.items():
        assert problem_id in problems, f"missing required problem {problem_id}"
        assert problems[problem_id].function == function
        assert problems[problem_id].signature.startswith(f"def {function}(")


# ----- every reference and slow solution passes every test ----------------------------
@pytest.fixture(scope="module")
def starter_verdicts() -> dict[str, Verdict]:
    """Starter-code verdicts judged beside each problem's reference (to keep both sandbox
    workers busy), read by the starter test; it judges any that is missing itself."""
    return {}


def starter_kind(problem_id: str) -> Kind:
    """Run (the examples) for every problem; Submit (hidden, generated and timing runs too)
    for the required three: a Submit spends its whole timing budget on a function that
    returns at once (5-10 s), too long to repeat for the whole bank."""
    return "submit" if problem_id in REQUIRED else "run"


@needs_sandbox
@pytest.mark.parametrize("problem_id", PROBLEM_IDS)
def test_reference_and_slow_solutions_pass_every_test(
    runner: CodeRunner,
    problems: dict[str, Problem],
    starter_verdicts: dict[str, Verdict],
    problem_id: str,
) -> None:
    problem = problems[problem_id]
    jobs: list[tuple[str, str, Kind]] = [(problem_id, problem.reference, "submit")]
    if problem.slow:
        jobs.append((problem_id, problem.slow, "submit"))
    jobs.append((problem_id, problem.starter_code(), starter_kind(problem_id)))
    *verdicts, starter_verdicts[problem_id] = judge_all(runner, jobs)
    expected_total = len(problem.examples) + len(problem.tests) + len(problem.large_tests)
    for verdict, what in zip(verdicts, ["reference", "slow"], strict=False):
        assert_all_passed(verdict, f"{problem_id} {what}")
        assert verdict.total == expected_total
        assert verdict.visible_passed == verdict.visible_total == len(problem.examples)


@needs_sandbox
@pytest.mark.parametrize("problem_id", PROBLEM_IDS)
def test_the_starter_code_compiles_and_fails_cleanly(
    runner: CodeRunner,
    problems: dict[str, Problem],
    starter_verdicts: dict[str, Verdict],
    problem_id: str,
) -> None:
    """The editor's first contents, sent as is: it compiles, runs and fails cleanly."""
    problem = problems[problem_id]
    starter = problem.starter_code()
    compile(starter, "starter.py", "exec")
    assert starter.splitlines()[-2:] == [problem.signature.rstrip(), "    pass"]
    kind = starter_kind(problem_id)
    verdict = starter_verdicts.get(problem_id) or runner.judge(problem_id, starter, kind)
    assert verdict.kind == kind
    # It runs (no compile error, no timeout) and simply returns None everywhere.
    assert verdict.status == "failed", describe(verdict)
    assert verdict.error == "", describe(verdict)
    total = len(problem.examples)
    if kind == "submit":
        total += len(problem.tests) + len(problem.large_tests)
        assert verdict.complexity is not None
    assert verdict.total == total
    assert verdict.passed < verdict.total
    failure = verdict.first_failure
    assert failure is not None and not failure.passed
    assert failure.name and failure.input
    assert "not run" not in failure.error
    assert verdict.summary().startswith(f"{verdict.passed}/{verdict.total} tests passed")


# ----- the three required problems, with solutions written here -------------------------
LINEAR = {
    "two-sum": (
        "def two_sum(nums, target):\n"
        "    where = {}\n"
        "    for i, value in enumerate(nums):\n"
        "        j = where.get(target - value)\n"
        "        if j is not None:\n"
        "            return [j, i]\n"
        "        where[value] = i\n"
        "    return []\n"
    ),
    "valid-parentheses": (
        "def is_valid_parentheses(s):\n"
        "    closer = {'(': ')', '[': ']', '{': '}'}\n"
        "    expected = []\n"
        "    for ch in s:\n"
        "        if ch in closer:\n"
        "            expected.append(closer[ch])\n"
        "        elif not expected or expected.pop() != ch:\n"
        "            return False\n"
        "    return len(expected) == 0\n"
    ),
    "top-k-frequent": (
        "from collections import Counter\n"
        "\n"
        "def top_k_frequent(nums, k):\n"
        "    by_count = {}\n"
        "    for value, count in Counter(nums).items():\n"
        "        by_count.setdefault(count, []).append(value)\n"
        "    result = []\n"
        "    for count in range(len(nums), 0, -1):\n"
        "        result.extend(by_count.get(count, ()))\n"
        "        if len(result) >= k:\n"
        "            return result[:k]\n"
        "    return result\n"
    ),
}
QUADRATIC_TWO_SUM = (
    "def two_sum(nums, target):\n"
    "    for i, value in enumerate(nums):\n"
    "        rest = nums[i + 1:]\n"
    "        if target - value in rest:\n"
    "            return [i, i + 1 + rest.index(target - value)]\n"
    "    return []\n"
)
WRONG = {
    # Uses one element twice: [3, 2, 4], 6 gives [0, 0].
    "two-sum": (
        "def two_sum(nums, target):\n"
        "    where = {value: i for i, value in enumerate(nums)}\n"
        "    for i, value in enumerate(nums):\n"
        "        if target - value in where:\n"
        "            return [i, where[target - value]]\n"
        "    return []\n"
    ),
    # Counts brackets but ignores their order: "([)]" gives True.
    "valid-parentheses": (
        "def is_valid_parentheses(s):\n"
        "    return all(s.count(a) == s.count(b) for a, b in ('()', '[]', '{}'))\n"
    ),
    # The k smallest values, not the k most frequent: [5, 5, 5, 8, 8, 2], 2 gives [2, 5].
    "top-k-frequent": "def top_k_frequent(nums, k):\n    return sorted(set(nums))[:k]\n",
}
# The first case each wrong solution fails: (input as shown, expected, got as reported).
FIRST_FAILURE = {
    "two-sum": ("[3, 2, 4], 6", "[1, 2]", "[0,0]"),
    "valid-parentheses": ('"([)]"', "false", "true"),
    "top-k-frequent": ("[5, 5, 5, 8, 8, 2], 2", "[5, 8]", "[2,5]"),
}


def judged_with_complexity(
    runner: CodeRunner, problem_id: str, code: str, want: str
) -> tuple[Verdict, list[str]]:
    """Submit up to COMPLEXITY_ATTEMPTS times until the timing verdict is `want`; the first
    verdict (whose correctness is asserted) and what every attempt measured."""
    first: Verdict | None = None
    seen: list[str] = []
    for _ in range(COMPLEXITY_ATTEMPTS):
        verdict = runner.judge(problem_id, code, "submit")
        if first is None:
            first = verdict
            assert_all_passed(first, problem_id)  # correctness: on the first attempt
        measurement = verdict.complexity
        assert measurement is not None
        seen.append(f"{measurement.measured} slope {measurement.slope}: {measurement.verdict}")
        if measurement.verdict == want:
            break
    assert first is not None
    return first, seen


@needs_sandbox
@pytest.mark.parametrize("problem_id", sorted(REQUIRED))
def test_a_linear_solution_passes_and_is_measured_as_expected(
    runner: CodeRunner, problems: dict[str, Problem], problem_id: str
) -> None:
    code = LINEAR[problem_id]
    assert code != problems[problem_id].reference
    verdict, seen = judged_with_complexity(runner, problem_id, code, "as expected")
    assert all(case.passed for case in verdict.cases if not case.visible)
    assert seen[-1].endswith(": as expected"), f"{problem_id} linear solution measured {seen}"


@needs_sandbox
def test_a_quadratic_two_sum_passes_and_is_flagged_slower(
    runner: CodeRunner, problems: dict[str, Problem]
) -> None:
    assert problems["two-sum"].slow != QUADRATIC_TWO_SUM
    verdict, seen = judged_with_complexity(
        runner, "two-sum", QUADRATIC_TWO_SUM, "slower than expected"
    )
    assert seen[-1].endswith(": slower than expected"), f"quadratic two_sum measured {seen}"
    assert verdict.complexity is not None and verdict.complexity.expected.value == "O(n)"


@needs_sandbox
@pytest.mark.parametrize("problem_id", sorted(REQUIRED))
def test_a_wrong_solution_names_its_first_failure(runner: CodeRunner, problem_id: str) -> None:
    verdict = runner.judge(problem_id, WRONG[problem_id], "submit")
    assert verdict.status == "failed", describe(verdict)
    assert 0 < verdict.passed < verdict.total
    failure = verdict.first_failure
    assert failure is not None and not failure.passed
    assert (failure.input, failure.expected, failure.got) == FIRST_FAILURE[problem_id]
    assert failure.error == ""  # it returned a value; the value is wrong
    assert failure.name in verdict.summary()
