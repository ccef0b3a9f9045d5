"""Bank import benchmark: a 300-question CSV with reference answers (three bad rows among
them), imported by `interviewer bank import --json` as a new process into an empty data
folder: reading, deriving key points, validating, storing and embedding (the guide's chunks
too, since the store is empty). Then the same file again: a new version, only the bank's
changed chunks embedded.

`python bench/banks.py` prints the figures; `bench/run.py` puts them in the table.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_settings, child_env
from interviewer.knowledge.loader import load_knowledge

QUESTIONS = 300
BAD_ROWS = (40, 150, 260)  # an empty answer, a wrong difficulty, an empty question


def bank_csv(count: int = QUESTIONS) -> str:
    """`count` rows made from the guide's questions and model answers, reworded per copy."""
    settings = bench_settings(Path(tempfile.gettempdir()))
    guide = [q for q in load_knowledge(settings.knowledge_dir).questions]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "question", "reference_answer", "area", "difficulty", "type"])
    for number in range(count):
        q = guide[number % len(guide)]
        answer, difficulty, question = q.model_answer, q.difficulty.value, q.question
        if number == BAD_ROWS[0]:
            answer = ""
        elif number == BAD_ROWS[1]:
            difficulty = "expert"
        elif number == BAD_ROWS[2]:
            question = ""
        copy = number // len(guide)
        writer.writerow(
            [
                f"q{number:03d}",
                f"{question} (set {copy + 1})" if question else "",
                answer,
                q.id.split(".")[0],
                difficulty,
                q.type.value,
            ]
        )
    return out.getvalue()


def measure() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "class-bank.csv"
        path.write_text(bank_csv(), encoding="utf-8")
        settings = bench_settings(root / "data")
        command = [sys.executable, "-m", "interviewer.cli", "bank", "import", str(path), "--json"]
        out: dict[str, Any] = {"questions_in_file": QUESTIONS}
        for label in ("first", "again"):
            started = time.perf_counter()
            done = subprocess.run(
                command, env=child_env(settings), capture_output=True, text=True, check=True
            )
            wall = time.perf_counter() - started
            lines = [json.loads(line) for line in done.stdout.splitlines()]
            summary = lines[-1]["summary"]
            out[label] = {
                "wall_s": round(wall, 2),
                "import_s": summary["seconds"],  # read, derive, validate, store
                "imported": summary["imported"],
                "problems": [p["problem"]["line"] for p in lines if "problem" in p],
                "embedded": summary["embedded"],
            }
        return out


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
