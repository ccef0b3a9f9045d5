"""A whole interview in the terminal: handy for trying prompts and models."""

from __future__ import annotations

import sys
from pathlib import Path

from interviewer.exports.report import report_text
from interviewer.interview.engine import InterviewEngine, InterviewError, Reply

COMMANDS = (
    "Commands: /skip, /hint, /repeat, /end; in a coding exercise /run FILE and /submit FILE. "
    "Finish a multi-line answer with an empty line."
)


def _read_answer() -> str | None:
    lines: list[str] = []
    while True:
        try:
            line = input("> " if not lines else "  ")
        except EOFError:
            return None if not lines else "\n".join(lines)
        if not line.strip():
            return "\n".join(lines)
        if not lines and line.strip().startswith("/"):
            return line.strip()
        lines.append(line)


def run_terminal_interview(engine: InterviewEngine, reply: Reply) -> int:
    print(f"Session {reply.session_id} (resume with --resume {reply.session_id})")
    print(COMMANDS)
    while True:
        for message in reply.messages:
            print(f"\nInterviewer: {message}")
        if reply.finished:
            print()
            print(report_text(engine.report(reply.session_id)))
            return 0
        answer = _read_answer()
        if answer is None:
            print("\nInput closed; the session is saved and can be resumed.", file=sys.stderr)
            return 0
        try:
            if answer.startswith(("/run ", "/submit ")):
                command, _, name = answer.partition(" ")
                path = Path(name.strip()).expanduser()
                if not path.is_file():
                    print(f"  {path}: no such file")
                    reply = Reply(reply.session_id, [], None, reply.current, False)
                    continue
                code = path.read_text(encoding="utf-8")
                reply = engine.code(
                    reply.session_id, code, "run" if command == "/run" else "submit"
                )
                if reply.verdict is not None and reply.verdict.first_failure is not None:
                    failure = reply.verdict.first_failure
                    print(f"  first failing: {failure.name}: {failure.input} -> {failure.got}")
            elif answer == "/skip":
                reply = engine.skip(reply.session_id)
            elif answer == "/hint":
                print(engine.hint(reply.session_id))
                reply = Reply(reply.session_id, [], None, reply.current, False)
            elif answer == "/repeat":
                reply = Reply(
                    reply.session_id, [engine.repeat(reply.session_id)], None, reply.current, False
                )
            elif answer == "/end":
                reply = engine.end(reply.session_id)
            else:
                reply = engine.submit_answer(reply.session_id, answer)
                if reply.score is not None:
                    print(f"  [{reply.score.label}] {_one_line(reply)}")
        except InterviewError as exc:
            print(f"  {exc}")
            reply = Reply(reply.session_id, [], None, reply.current, False)


def _one_line(reply: Reply) -> str:
    score = reply.score
    assert score is not None
    if score.star is not None:
        return score.star.summary
    if score.project is not None:
        return score.project.summary
    if score.coding is not None:
        return score.coding.summary
    assert score.technical is not None
    return score.technical.summary
