"""Where a turn's CPU goes, app side: the whole server process, then split in process.

The model is `scripted:fixed` with no latency: a valid score and no work, as a remote model
costs this machine nothing. What is left is ours:
- **app total**: the server process's CPU (its CPU-time clock) across one candidate's
  Send, turns played one at a time, less the process's idle rate over the turn's wall time
  (Gradio's queue polls, the heap trim). Mid-interview turns and the last (which builds the
  report) are reported apart.
- **split**, in this process, on the same interviews: the room's handler as Gradio calls it
  (views, engine, storage) timed with the process clock; inside it the engine's
  `submit_answer`, and inside that every `Repository` call ("storage"). "gradio" is the app
  total less the handler: HTTP, the queue, pre- and post-processing, the event stream.
- **profile**: the top functions by own time over the in-process turns (cProfile), so the
  next thing to make cheaper is in the output.
"""

from __future__ import annotations

import cProfile
import ctypes
import ctypes.util
import functools
import io
import pstats
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import stats
from bench.serving import answer, start_app, stop

INTERVIEWS = 8
_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
QUESTIONS = 5
SETTLE_S = 0.2  # after a reply, for the event stream's last messages


def _cpu_ms(pid: int) -> float:
    """The whole process's CPU time in ms (every thread, ended ones included), from its
    CPU-time clock (clock_getcpuclockid): nanoseconds, where /proc/PID/stat counts 10 ms
    ticks and /proc/PID/task/*/schedstat forgets threads that ended."""
    clock = ctypes.c_int()
    if _libc.clock_getcpuclockid(pid, ctypes.byref(clock)) != 0:
        raise OSError(f"no CPU clock for process {pid}")
    return time.clock_gettime(clock.value) * 1000


def _finished(chat: list[dict[str, Any]]) -> bool:
    last = chat[-1]["content"] if chat else ""
    text = last if isinstance(last, str) else str(last)
    return "Here is your report" in text


def app_total(settings: Any) -> dict[str, Any]:
    """CPU of the real server process per Send, one candidate, turns one at a time."""
    from gradio_client import Client

    process, url, _ = start_app(
        settings, INTERVIEWER_MODEL="scripted:fixed", INTERVIEWER_SCRIPTED_LATENCY_S="0"
    )
    try:
        client = Client(url, verbose=False, download_files=False)
        time.sleep(2)
        before, started = _cpu_ms(process.pid), time.perf_counter()
        time.sleep(5)
        idle_per_s = (_cpu_ms(process.pid) - before) / (time.perf_counter() - started)
        mids: list[float] = []
        lasts: list[float] = []
        for n in range(INTERVIEWS + 1):  # the first one warms the caches and is not counted
            out = client.predict(
                f"cpu {n}", [], "mixed", QUESTIONS, "", "after each answer", "", api_name="/start"
            )
            session_id = out[1]
            for turn in range(4 * QUESTIONS):
                before, started = _cpu_ms(process.pid), time.perf_counter()
                out = client.predict(
                    answer(n * 1000 + turn), session_id, "after each answer", api_name="/send"
                )
                time.sleep(SETTLE_S)
                spent = _cpu_ms(process.pid) - before
                spent -= idle_per_s * (time.perf_counter() - started)
                done = _finished(out[0])
                if n:
                    (lasts if done else mids).append(max(spent, 0.0))
                if done:
                    break
    finally:
        stop(process)
    return {
        "idle_cpu_ms_per_s": round(idle_per_s, 1),
        "mid_turn_cpu_ms": stats(mids),
        "last_turn_cpu_ms": stats(lasts),
    }


class _Timer:
    """CPU time (the calling thread's clock) spent inside the wrapped calls: the outermost
    call only, so nesting is not counted twice; `within` sums what ran inside another
    timer's calls (storage inside the engine)."""

    def __init__(self, outer: _Timer | None = None) -> None:
        self.ms = 0.0
        self.within = 0.0
        self.outer = outer
        self._local = threading.local()

    def active(self) -> bool:
        return getattr(self._local, "depth", 0) > 0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            depth = getattr(self._local, "depth", 0)
            self._local.depth = depth + 1
            started = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._local.depth = depth
                if depth == 0:
                    spent = (time.thread_time() - started) * 1000
                    self.ms += spent
                    if self.outer is not None and self.outer.active():
                        self.within += spent

        return timed


def split(settings: Any) -> dict[str, Any]:
    """The handler's CPU per mid-interview turn, and the engine's and storage's inside it."""
    from interviewer.storage.repository import Repository
    from interviewer.ui.candidate import AFTER_EACH, CandidateRoom
    from interviewer.ui.downloads import Downloads
    from interviewer.ui.limits import ClientLimits
    from interviewer.ui.signing import load_secret
    from interviewer.wiring import build_engine

    settings = settings.model_copy(
        update={
            "model": "scripted:fixed",
            "scripted_latency_s": 0.0,
            "events_per_minute": 10**6,
            "event_burst": 10**6,
            "sessions_per_hour": 10**6,
        }
    )
    engine = build_engine(settings)
    room = CandidateRoom(
        engine, Downloads(engine, settings, load_secret(settings)), ClientLimits(settings)
    )
    core = _Timer()
    storage = _Timer(outer=core)
    for name in dir(Repository):
        if not name.startswith("_") and callable(getattr(Repository, name)):
            setattr(engine.repo, name, storage.wrap(getattr(engine.repo, name)))
    engine.submit_answer = core.wrap(engine.submit_answer)  # type: ignore[method-assign]
    rows: list[tuple[float, float, float, float]] = []
    profile = cProfile.Profile()
    for n in range(INTERVIEWS + 2):  # 0 warms the caches, 1 is profiled
        view, _ = room.start(f"split {n}", [], "mixed", QUESTIONS, "", AFTER_EACH, "")
        for turn in range(4 * QUESTIONS):
            storage.ms = storage.within = core.ms = 0.0
            started = time.process_time()
            if n == 1:  # profiled on its own: the profiler's cost stays out of the figures
                profile.enable()
            shown = list(room.send(answer(n * 1000 + turn), view.session_id, AFTER_EACH))
            profile.disable()
            handler = (time.process_time() - started) * 1000
            finished = bool(shown[-1].report)
            if n > 1 and not finished:
                rows.append((handler, core.ms, storage.within, storage.ms))
            if finished:
                break
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
    top = [
        line.strip()
        for line in out.getvalue().splitlines()
        if line.strip() and line.strip()[0].isdigit()
    ][:15]
    return {
        "handler_cpu_ms": stats([r[0] for r in rows]),
        "engine_cpu_ms": stats([r[1] - r[2] for r in rows]),  # submit_answer less storage
        "storage_cpu_ms": stats([r[3] for r in rows]),  # the engine's and the views' reads
        "views_cpu_ms": stats([r[0] - r[1] - (r[3] - r[2]) for r in rows]),  # rendering
        "profile_top_own_time": top,
    }


def measure(settings: Any) -> dict[str, Any]:
    inside = split(settings)
    total = app_total(settings)
    gradio = total["mid_turn_cpu_ms"]["median"] - inside["handler_cpu_ms"]["median"]
    return {**total, **inside, "gradio_cpu_ms_median": round(max(gradio, 0.0), 1)}


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.common import bench_settings
    from interviewer import tokens
    from interviewer.knowledge.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp)
        chosen = bench_settings(data)
        tokens.configure(chosen.resolved_assets_dir)
        if not (data / "chroma").exists():
            ingest(chosen, progress=False)
        print(json.dumps(measure(chosen), indent=1))
