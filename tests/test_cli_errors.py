"""Every mistake a user can make at the command line prints one line, fast, no traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.paths import FIXTURES


def _run(*args: str, cwd: Path) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "interviewer.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
    return done.returncode, done.stderr, time.perf_counter() - started


def _cases(tmp: Path) -> list[tuple[str, ...]]:
    bad_prompts = tmp / "bad-prompts"
    bad_prompts.mkdir()
    (bad_prompts / "score_star.yaml").write_text("name: score_star\n", encoding="utf-8")
    empty = tmp / "empty"
    empty.mkdir()
    knowledge = ("--knowledge-dir", str(FIXTURES / "knowledge"))
    bad_script = tmp / "bad-script.jsonl"
    bad_script.write_text('{"question_id": "no.such", "answers": ["x"]}\n', encoding="utf-8")
    no_answers = tmp / "no-answers.jsonl"
    no_answers.write_text('{"question_id": "py.dict-lookup", "answers": []}\n', encoding="utf-8")
    fake_pdf = tmp / "cv.pdf"
    fake_pdf.write_text("Asha Rao. Projects: ShopKart API with Flask and PostgreSQL.", "utf-8")
    return [
        ("profile", str(tmp / "no-such-cv.pdf")),
        ("profile", str(fake_pdf)),
        ("eval", "profile", "--dataset", str(empty)),
        ("eval", "star", "--every", "0"),
        ("eval", "star", "--thresholds", str(tmp / "missing.yaml")),
        ("eval", "star", "--prompts", str(bad_prompts)),
        ("eval", "star", "--prompts", str(tmp / "missing")),
        ("eval", "star", "--prompts", str(empty)),
        ("eval", "star", "--dataset", str(tmp / "missing.jsonl")),
        ("score", "technical", "--question-id", "no.such", "--answer", "x", *knowledge),
        ("score", "technical", "--answer", "x", *knowledge),
        ("score", "technical", "--batch", str(tmp / "missing.jsonl"), "--json", *knowledge),
        ("score", "star", "--batch", str(bad_script), *knowledge),
        ("interview", "--areas", "no-such-area", *knowledge),
        ("ingest", "--knowledge-dir", str(empty)),
        ("app", "--port", "99999999"),
        ("simulate", "--script", str(tmp / "missing.jsonl")),
        ("simulate", "--script", str(bad_script), *knowledge),
        ("simulate", "--script", str(no_answers), *knowledge),
    ]


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    for case in _cases(tmp_path):
        code, stderr, seconds = _run(*case, cwd=tmp_path)
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert code == 2, (case, stderr[-500:])
        assert len(lines) == 1 and lines[0].startswith("error: "), (case, stderr[-500:])
        assert "Traceback" not in stderr
        print(f"{seconds:.2f} s  {' '.join(case[:3])}: {lines[0][:90]}")
        # Heavy imports (Gradio, Chroma, the evals) must not load before the check.
        assert seconds < 3, (case, seconds)


@pytest.mark.parametrize("module", ["interviewer.errors"])
def test_the_error_base_imports_nothing(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; import {module}; print(len(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    baseline = subprocess.run(
        [sys.executable, "-c", "import sys; print(len(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(done.stdout) - int(baseline.stdout) <= 2  # the package and the module itself
