"""The program that runs inside the sandbox: standard library only, Python 3.10 or newer.

It is given as a file to the sandbox's Python and reads one job (JSON) from stdin. It
lowers its own limits first (memory, CPU seconds, processes, file size, open files; hard
limits, so the candidate's code cannot raise them), installs an audit hook that refuses
processes, sockets, signals and ctypes (a second wall: the first is the sandbox itself),
prepares every generated input before the candidate's code exists, then runs the code.

Results go out as JSON lines on the stdout it started with; the candidate's own prints go
to stderr, which the server reads as the output. Expected values never enter the sandbox:
the harness reports what the function returned (in the form the comparison mode needs)
and the server decides.

This file is not imported by the application; it is read as text and run as a script.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import math
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

_RESULTS = -1
_VALUE_LIMIT = 20_000  # characters of a returned value sent back in full

_BLOCKED_PREFIXES = (
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "os.kill",
    "os.killpg",
    "os.setuid",
    "subprocess.",
    "socket.",
    "ctypes.",
    "signal.pthread_kill",
    "resource.setrlimit",
    "resource.prlimit",
    "sys.remote_exec",
    "mmap.",
)
_BLOCKED_MODULES = {"ctypes", "_ctypes"}


def _emit(event: dict[str, Any]) -> None:
    line = json.dumps(event, default=repr, separators=(",", ":")) + "\n"
    os.write(_RESULTS, line.encode("utf-8", "replace"))


def _limit(limits: dict[str, int]) -> None:
    import resource

    mb = 1024 * 1024
    table = {
        "RLIMIT_AS": limits.get("memory_mb", 256) * mb,
        "RLIMIT_CPU": limits.get("cpu_s", 5),
        "RLIMIT_NPROC": limits.get("nproc", 16),
        "RLIMIT_FSIZE": limits.get("fsize_kb", 1024) * 1024,
        "RLIMIT_NOFILE": limits.get("nofile", 32),
        "RLIMIT_CORE": 0,
    }
    for name, value in table.items():
        resource.setrlimit(getattr(resource, name), (value, value))


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event.startswith(_BLOCKED_PREFIXES):
        raise PermissionError(f"the sandbox does not allow {event} in solutions")
    if event == "import" and args and args[0] in _BLOCKED_MODULES:
        raise PermissionError(f"the sandbox does not allow importing {args[0]}")


def _error(exc: BaseException, filename: str) -> dict[str, Any]:
    frames = traceback.extract_tb(exc.__traceback__)
    line = next((f.lineno for f in reversed(frames) if f.filename == filename), None)
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        line = exc.lineno
    message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return {"type": type(exc).__name__, "message": message[-600:], "line": line}


class CaseTimeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise CaseTimeout("took longer than the limit for one call")


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _normal(value: Any, compare: str) -> Any:
    """The value as JSON, in the form the comparison needs (order removed where it does
    not count, floats rounded for digests)."""
    value = json.loads(json.dumps(value, default=_not_json))
    if compare == "unordered" and isinstance(value, list):
        return sorted(value, key=_sort_key)
    if compare == "nested-unordered" and isinstance(value, list):
        inner = [sorted(v, key=_sort_key) if isinstance(v, list) else v for v in value]
        return sorted(inner, key=_sort_key)
    return value


def _not_json(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes | dict):
        return list(value)
    raise TypeError(f"the function returned a {type(value).__name__}, which is not a JSON value")


def _digest(value: Any, compare: str) -> tuple[str, str]:
    if compare == "float":
        value = _round(value)
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest(), text


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def _time_calls(
    call: Callable[[Any], object], prepared: Callable[[], Any], max_call_s: float
) -> tuple[float, int]:
    """Minimum seconds per call over repeated calls on fresh copies of one input: at least
    3 calls, more while the calls add up to under 20 ms, and never more than 0.3 s of
    copying and calling together (a large input costs more to copy than to search)."""
    best = math.inf
    total = 0.0
    reps = 0
    started = time.perf_counter()
    while reps < 3 or (total < 0.02 and reps < 200 and time.perf_counter() - started < 0.3):
        args = prepared()
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            call(args)
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        best = min(best, elapsed)
        total += elapsed
        reps += 1
        if elapsed > max_call_s:
            break
    return best, reps


def main() -> None:
    global _RESULTS
    job = json.loads(sys.stdin.read())
    _RESULTS = os.dup(1)
    os.dup2(2, 1)  # the candidate's prints go to the output stream, not the results
    sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process
    _limit(job.get("limits", {}))
    with contextlib.suppress(OSError):
        os.nice(job.get("nice", 10))
    # Where the kernel groups scheduling by session (autogroup), niceness alone does not
    # lower this new session against the server: lower its group as well.
    with contextlib.suppress(OSError), open("/proc/self/autogroup", "w") as group:
        group.write("19")
    if job.get("mode") == "script":
        _run_script(job)
    else:
        _run_function(job)
    _emit({"event": "done"})


def _run_script(job: dict[str, Any]) -> None:
    if job.get("audit", True):
        sys.addaudithook(_audit)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    try:
        exec(compile(job["code"], "solution.py", "exec"), namespace)
    except BaseException as exc:
        _emit({"event": "error", "error": _error(exc, "solution.py")})


def _run_function(job: dict[str, Any]) -> None:
    compare = job.get("compare", "exact")
    generator: dict[str, Any] = {}
    exec(compile(job.get("generator") or "", "generator.py", "exec"), generator)
    generated: dict[str, str] = {}
    for case in job.get("generated", []):
        args = generator["generate"](case["n"], random.Random(case["seed"]))
        generated[case["id"]] = json.dumps(args)
    timing = job.get("timing") or {}
    timing_inputs = []
    for n in timing.get("sizes", []):
        args = generator["generate"](n, random.Random(timing.get("seed", 1)))
        timing_inputs.append((n, json.dumps(args)))
    generator.clear()

    if job.get("audit", True):
        sys.addaudithook(_audit)
    namespace: dict[str, Any] = {"__name__": "solution"}
    try:
        exec(compile(job.get("prelude") or "", "prelude.py", "exec"), namespace)
        load = namespace.get("load") if job.get("hooks", [False, False])[0] else None
        dump = namespace.get("dump") if job.get("hooks", [False, False])[1] else None
        exec(compile(job["code"], "solution.py", "exec"), namespace)
    except BaseException as exc:
        _emit({"event": "compile_error", "error": _error(exc, "solution.py")})
        return
    function = namespace.get(job["function"])
    if not callable(function):
        _emit(
            {
                "event": "compile_error",
                "error": {
                    "type": "NameError",
                    "message": f"the code does not define a function named {job['function']}()",
                    "line": None,
                },
            }
        )
        return
    _emit({"event": "ready"})

    def call(raw_args: Any) -> Any:
        args = tuple(load(*raw_args)) if load else raw_args
        result = function(*args)
        return dump(result) if dump else result

    cases = [(case["id"], json.dumps(case["args"])) for case in job.get("cases", [])]
    cases += list(generated.items())
    per_call_s = job.get("per_call_s", 2.0)
    # CPU seconds, not wall-clock ones: on a busy server a correct, slow solution is not
    # stopped for waiting its turn (sleeping is the server's wall-clock deadline's job).
    signal.signal(signal.SIGPROF, _alarm)
    timeouts = 0
    for case_id, text in cases:
        _emit({"event": "start", "id": case_id})
        try:
            signal.setitimer(signal.ITIMER_PROF, per_call_s)
            start = time.perf_counter()
            result = call(json.loads(text))
            elapsed = time.perf_counter() - start
            signal.setitimer(signal.ITIMER_PROF, 0)
            value = _normal(result, compare)
        except BaseException as exc:
            signal.setitimer(signal.ITIMER_PROF, 0)
            error = _error(exc, "solution.py")
            if isinstance(exc, CaseTimeout):
                error["message"] = f"took more than {per_call_s:g} s of CPU time (stopped)"
                timeouts += 1
            _emit({"event": "case", "id": case_id, "error": error})
            if timeouts >= 2:
                return  # two calls past the limit: the rest would only wait the same way
            continue
        digest, rendered = _digest(value, compare)
        event = {"event": "case", "id": case_id, "digest": digest, "seconds": elapsed}
        event["value"] = value if len(rendered) <= _VALUE_LIMIT else None
        event["preview"] = rendered[:300]
        _emit(event)

    budget = timing.get("budget_s", 3.0)
    max_call_s = timing.get("max_call_s", 0.5)
    spent_from = time.perf_counter()
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    for n, text in timing_inputs:
        _emit({"event": "start", "id": f"timing:{n}"})

        def prepared(text: str = text) -> Any:
            raw = json.loads(text)
            return tuple(load(*raw)) if load else raw

        try:
            seconds, reps = _time_calls(lambda args: function(*args), prepared, max_call_s)
        except BaseException as exc:
            _emit({"event": "timing", "n": n, "error": _error(exc, "solution.py")})
            break
        _emit({"event": "timing", "n": n, "seconds": seconds, "reps": reps})
        if seconds > max_call_s or time.perf_counter() - spent_from > budget:
            break


if __name__ == "__main__":
    main()
