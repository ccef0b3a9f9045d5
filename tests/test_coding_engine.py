"""The coding round through the engine (no browser): approach, Run, Submit, follow-ups on
the measurement, the coding score; the code stored before it runs; resume after a crash;
what the LLM brain is shown; the round's refusals; the coach's transcript and its exports."""

from __future__ import annotations

from typing import Any

import pytest

from interviewer.coach.review import transcript
from interviewer.coding import sandbox
from interviewer.exports.report import report_markdown
from interviewer.exports.transcript import transcript_markdown, transcript_pdf
from interviewer.interview import coding_round
from interviewer.interview.engine import InterviewError
from interviewer.interview.plan import build_plan

REASON = sandbox.probe()
needs_sandbox = pytest.mark.skipif(bool(REASON), reason=REASON or "sandbox available")


def _to_exercise(engine: Any, questions: int = 1) -> Any:
    plan = build_plan(engine.kb, questions=questions, coding=1)
    reply = engine.start("Asha", plan, seed=11)
    for _ in range(6):
        if reply.current is not None and reply.current.question_type == "coding":
            return reply
        reply = engine.submit_answer(reply.session_id, "I don't know this one, sorry.")
        if reply.current is not None and "hint" in reply.current.question_text.lower():
            reply = engine.skip(reply.session_id)
    raise AssertionError("no coding exercise was reached")


@needs_sandbox
def test_a_whole_exercise_is_run_measured_discussed_and_scored(engine_factory: Any) -> None:
    engine = engine_factory()
    reply = _to_exercise(engine)
    problem = engine.problem_for(reply.current)
    assert reply.current.source == f"knowledge/problems/{problem.id}.yaml"
    assert problem.title in reply.current.question_text

    noted = engine.submit_answer(reply.session_id, "I will keep what I have seen in a set.")
    assert noted.current.seq == reply.current.seq  # the exercise stays open
    assert noted.score is None

    ran = engine.code(reply.session_id, problem.reference, "run")
    assert ran.verdict is not None and ran.verdict.kind == "run"
    assert ran.verdict.passed == ran.verdict.total == len(problem.examples)
    assert ran.current.seq == reply.current.seq

    submitted = engine.code(reply.session_id, problem.reference, "submit")
    assert submitted.verdict is not None and submitted.verdict.status == "passed"
    assert submitted.score is not None and submitted.score.coding is not None
    follow_up = submitted.current
    assert follow_up.kind.value == "follow_up"
    assert follow_up.probing == coding_round.NOTE_COMPLEXITY
    assert "time complexity" in follow_up.question_text

    answered = engine.submit_answer(
        reply.session_id,
        f"It is {problem.complexity.value} time: each element is handled once and every "
        "look-up in the dict is constant on average.",
    )
    coding = answered.score.coding
    assert coding.claimed == problem.complexity.value
    assert coding.correctness.score == 2
    assert coding.communication.score >= 1
    assert coding.code == problem.reference
    runs = engine.code_runs(reply.session_id)
    assert [r.kind for r in runs] == ["run", "submit"]
    assert runs[-1].status == "passed" and runs[-1].verdict

    ended = engine.end(reply.session_id)
    summary = next(q for q in ended.report.questions if q.type == "coding")
    assert summary.score == f"{coding.overall}/5" or summary.score is not None
    assert summary.coding is not None and set(summary.coding) == {
        "correctness",
        "efficiency",
        "quality",
        "communication",
    }

    report_text = report_markdown(ended.report)
    assert "## Coding exercises" in report_text and "correctness 2/2" in report_text

    data = transcript(engine, reply.session_id)
    text = transcript_markdown(data)
    assert "## Code runs" in text and f"def {problem.function}(" in text
    assert "coding" in text and "correctness 2/2" in text
    assert transcript_pdf(data).startswith(b"%PDF")


@needs_sandbox
def test_the_code_is_stored_before_it_runs(engine_factory: Any) -> None:
    engine = engine_factory()
    reply = _to_exercise(engine)

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("the sandbox host fell over")

    engine.coder.judge = broken
    with pytest.raises(RuntimeError):
        engine.code(reply.session_id, "def f():\n    return 1\n", "submit")
    runs = engine.code_runs(reply.session_id)
    assert len(runs) == 1 and runs[0].code == "def f():\n    return 1\n"
    assert runs[0].status == "refused" and not runs[0].verdict
    pending = engine.repo.get_session(reply.session_id).pending_turn
    assert pending is not None and pending.seq == reply.current.seq  # nothing was lost


@needs_sandbox
def test_a_crash_after_the_submit_is_stored_resumes_with_a_score(engine_factory: Any) -> None:
    engine = engine_factory()
    reply = _to_exercise(engine)
    problem = engine.problem_for(reply.current)
    engine.submit_answer(reply.session_id, "Hash map, one pass.")
    real = engine.brain.score_technical
    calls = {"n": 0}

    def crash_once(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("killed mid-score")
        return real(*args, **kwargs)

    engine.brain = replace_brain(engine.brain, score_technical=crash_once)
    with pytest.raises(RuntimeError):
        engine.code(reply.session_id, problem.reference, "submit")
    resumed = engine.resume(reply.session_id)
    session = engine.repo.get_session(reply.session_id)
    main = next(t for t in session.turns if t.seq == reply.current.seq)
    assert main.score is not None and main.score.coding is not None
    assert resumed.current is not None and resumed.current.probing == coding_round.NOTE_COMPLEXITY


def replace_brain(brain: Any, **methods: Any) -> Any:
    """The same brain with some methods replaced (brains are plain objects)."""

    class Patched:
        def __getattr__(self, name: str) -> Any:
            return methods.get(name) or getattr(brain, name)

    return Patched()


@needs_sandbox
def test_the_brain_is_shown_the_code_the_results_and_the_measurement(engine_factory: Any) -> None:
    engine = engine_factory()
    reply = _to_exercise(engine)
    problem = engine.problem_for(reply.current)
    seen: list[Any] = []

    def follow_up(request: Any, log: Any) -> str:
        seen.append(request)
        return request.suggestion

    engine.brain = replace_brain(engine.brain, follow_up=follow_up)
    slow = problem.slow or problem.reference
    engine.code(reply.session_id, slow, "submit")
    assert seen, "the brain wrote no follow-up"
    request = seen[0]
    assert f"def {problem.function}(" in request.answer
    assert "tests passed" in request.answer and "looks like O(" in request.answer
    assert "measured" in request.gap and problem.complexity.value in request.gap


def test_code_outside_an_exercise_and_empty_code_are_refused(engine_factory: Any) -> None:
    engine = engine_factory()
    reply = engine.start("Asha", build_plan(engine.kb, questions=1), seed=3)
    with pytest.raises(InterviewError, match="no coding exercise open"):
        engine.code(reply.session_id, "def f(): pass", "run")
    if REASON:
        return
    exercise = _to_exercise(engine)
    with pytest.raises(InterviewError, match="editor is empty"):
        engine.code(exercise.session_id, "   ", "run")
    assert engine.code_runs(exercise.session_id) == []


def test_without_a_sandbox_the_slot_is_a_spoken_question_that_says_why(
    engine_factory: Any,
) -> None:
    engine = engine_factory()
    engine.coder.unavailable = lambda: "bubblewrap is not installed"
    plan = build_plan(engine.kb, questions=1, coding=1)
    reply = engine.start("Asha", plan, seed=5)
    texts = [reply.current.question_text]
    for _ in range(4):
        if reply.finished:
            break
        reply = engine.skip(reply.session_id)
        if reply.current is not None:
            texts.append(reply.current.question_text)
    replaced = [t for t in texts if "replaced by a spoken question" in t]
    assert replaced and "bubblewrap is not installed" in replaced[0]
    session = engine.repo.get_session(reply.session_id)
    assert all(t.question_type != "coding" for t in session.turns)
