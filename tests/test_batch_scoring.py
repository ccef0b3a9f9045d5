"""`interviewer score technical|star --batch FILE --json`: one JSON line in, one out, in one
process; a bad line is an error line that says what is wrong, and the rest are scored."""

import json
import subprocess
import sys

from interviewer.evals.batch import score_batch
from interviewer.knowledge.loader import load_knowledge
from interviewer.wiring import offline_brain
from tests.support.paths import FIXTURES

KNOWLEDGE = FIXTURES / "knowledge"


def test_each_line_gets_its_score_or_its_error_and_the_run_goes_on(settings) -> None:
    kb = load_knowledge(KNOWLEDGE)
    question = kb.question("py.dict-lookup")
    good = {"id": "s1", "question_id": question.id, "answer": question.model_answer}
    lines = [
        json.dumps(good),
        "not json",
        "",
        json.dumps({"id": 3, "question_id": "no.such", "answer": "x"}),
        json.dumps({"question_id": question.id, "answer": ""}),
        json.dumps({"id": "s5", "question_id": question.id, "answer": "I am not sure."}),
    ]
    out = [json.loads(o) for o in score_batch(offline_brain(settings), kb, "technical", lines)]
    assert [o["line"] for o in out] == [1, 2, 4, 5, 6]  # the blank line is skipped
    assert out[0]["id"] == "s1" and out[0]["record"]["technical"]["score"] >= 4
    assert out[1]["error"].startswith("not a JSON object")
    assert out[2]["id"] == 3 and "no question with id 'no.such'" in out[2]["error"]
    assert out[3]["error"] == "'answer' must be a non-empty string"
    assert out[4]["record"]["technical"]["score"] < out[0]["record"]["technical"]["score"]


def test_the_command_reads_stdin_and_prints_one_line_per_answer(tmp_path) -> None:
    lines = "\n".join(
        json.dumps({"id": i, "question": "Tell me about a time you failed.", "answer": a})
        for i, a in enumerate(
            [
                "In my second year our team's app crashed during the demo. I was responsible "
                "for the backend, so I reproduced the crash and found an unhandled None. "
                "I added tests and a health check; the next demo ran without errors.",
                "I never fail.",
            ]
        )
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "interviewer.cli",
            "score",
            "star",
            "--batch",
            "-",
            "--json",
            "--data-dir",
            str(tmp_path),
            "--knowledge-dir",
            str(KNOWLEDGE),
        ],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == [0, 1]
    assert out[0]["record"]["star"]["overall"] > out[1]["record"]["star"]["overall"]
