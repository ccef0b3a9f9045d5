"""Run untrusted Python in a bubblewrap sandbox, with limits, and read back what it said.

The walls, outermost first (SECURITY.md has the threat model):

- **bubblewrap** (Debian's ``bubblewrap``): new user, PID, network, IPC, UTS and cgroup
  namespaces; no network devices but loopback; a filesystem of read-only ``/usr`` and a
  small, size-capped ``/tmp`` (the scratch space) and nothing else: no ``/etc``, no home,
  no project folder, no database; an empty environment; no new user namespaces inside;
  every capability dropped; a new session (no terminal injection); killed with its parent.
- **A separate unprivileged uid**: when the server runs as root, each run claims a uid of
  its own (61000 and up, claimed with a lock file so that several app processes never
  share one), so the process limit counts that run alone, and whatever is left of it
  afterwards can be killed by uid without touching anyone else's run.
- **Limits** (set by the harness, hard, before any candidate code exists): address space,
  CPU seconds, processes, file size, open files; no core dumps; niceness 10.
- **The server's side**: a wall-clock deadline, output caps (reading stops and the whole
  process group is killed when one is passed), and the PID namespace, whose end takes every
  process the code started with it.
- **An audit hook** in the harness refusing processes, sockets, signals and ctypes, so a
  candidate hears why instead of meeting a bare OS error.

Where bubblewrap is missing or cannot create namespaces, `probe()` says why and nothing
runs: there is no unsandboxed fallback.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewer.errors import UserError

HARNESS = Path(__file__).with_name("harness.py")
FIRST_SLOT_UID = 61000
UID_RANGE = 512
LOCK_DIR = Path(tempfile.gettempdir()) / "interviewer-sandbox-uids"


class SandboxUnavailable(UserError):
    """The machine cannot run the sandbox; the coding round says so and runs nothing."""


@dataclass(frozen=True)
class Limits:
    wall_s: float = 10.0
    cpu_s: int = 8
    memory_mb: int = 512
    nproc: int = 16
    fsize_kb: int = 1024
    nofile: int = 32
    tmp_mb: int = 16
    output_bytes: int = 64_000
    results_bytes: int = 4_000_000

    def for_harness(self) -> dict[str, int]:
        return {
            "memory_mb": self.memory_mb,
            "cpu_s": self.cpu_s,
            "nproc": self.nproc,
            "fsize_kb": self.fsize_kb,
            "nofile": self.nofile,
        }


@dataclass
class RawRun:
    """What came back from one sandboxed run, before anyone judged it."""

    events: list[dict[str, Any]] = field(default_factory=list)
    output: str = ""
    output_truncated: bool = False
    returncode: int | None = None
    signal_name: str = ""
    timed_out: bool = False
    killed_for: str = ""
    wall_s: float = 0.0
    stderr_tail: str = ""
    uid: int | None = None  # the uid it ran as (None: the server's own, not root)

    @property
    def finished(self) -> bool:
        return any(event.get("event") == "done" for event in self.events)


def sandbox_python() -> str:
    """The interpreter the sandbox runs: Debian's /usr/bin/python3 (under the read-only
    /usr), else this interpreter's base installation."""
    override = os.environ.get("INTERVIEWER_SANDBOX_PYTHON")
    if override:
        return override
    if Path("/usr/bin/python3").exists():
        return "/usr/bin/python3"
    return str(Path(sys.base_prefix) / "bin" / "python3")


def _bwrap_command(python: str, limits: Limits, harness_fd: int) -> list[str]:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable(
            "the coding sandbox needs bubblewrap (Debian package 'bubblewrap'), which is not "
            "installed here; code is not run without it"
        )
    command = [bwrap, "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        target = Path("/") / name
        if target.is_symlink():
            command += ["--symlink", os.readlink(target), f"/{name}"]
        elif target.is_dir():
            command += ["--ro-bind", str(target), f"/{name}"]
    prefix = Path(python).resolve().parent.parent
    if prefix == Path("/") or not Path(python).is_file():
        raise SandboxUnavailable(
            f"the sandbox's Python {python!r} must be an interpreter inside an installation "
            "folder (such as /usr/bin/python3), not at the top of the filesystem"
        )
    if not str(prefix).startswith("/usr"):
        command += ["--ro-bind", str(prefix), str(prefix)]
    command += [
        "--proc", "/proc",
        "--dev", "/dev",
        "--size", str(limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp",
        "--ro-bind-data", str(harness_fd), "/sandbox/harness.py",
        "--chdir", "/tmp",
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--hostname", "sandbox",
        "--cap-drop", "ALL",
        "--new-session",
        "--die-with-parent",
        "--clearenv",
        "--setenv", "PATH", "/usr/bin",
        "--setenv", "HOME", "/tmp",
        "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
        "--setenv", "PYTHONHASHSEED", "0",
        "--",
        python, "-I", "-S", "-B", "/sandbox/harness.py",
    ]  # fmt: skip
    return command


def _read_limited(
    process: subprocess.Popen[bytes], job: bytes, limits: Limits, deadline: float
) -> RawRun:
    run = RawRun()
    assert process.stdin and process.stdout and process.stderr
    try:
        process.stdin.write(job)
        process.stdin.close()
    except BrokenPipeError:
        pass
    selector = selectors.DefaultSelector()
    results = bytearray()
    output = bytearray()
    selector.register(process.stdout, selectors.EVENT_READ, results)
    selector.register(process.stderr, selectors.EVENT_READ, output)
    open_streams = 2
    while open_streams:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            run.timed_out = True
            run.killed_for = "wall-clock limit"
            break
        for key, _ in selector.select(timeout=min(remaining, 0.25)):
            chunk = os.read(key.fd, 65536)
            if not chunk:
                selector.unregister(key.fileobj)
                open_streams -= 1
                continue
            buffer: bytearray = key.data
            buffer += chunk
        if len(output) > limits.output_bytes:
            run.output_truncated = True
            run.killed_for = f"output limit ({limits.output_bytes // 1000} KB)"
            break
        if len(results) > limits.results_bytes:
            run.killed_for = "result size limit"
            break
    selector.close()
    run.output = output[: limits.output_bytes].decode("utf-8", "replace")
    for line in bytes(results).splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            run.stderr_tail = "the result stream was corrupted"
            break
        if isinstance(event, dict):
            run.events.append(event)
    return run


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def slot_processes(uid: int) -> list[int]:
    """Live processes still owned by a run's uid (the kernel ends a PID namespace's
    processes shortly after its first process dies, not at once). Zombies are left out:
    they hold nothing, and the one bwrap leaves is reaped by pid 1 in its own time."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid != uid:
                    continue
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    state = stat.read().rsplit(b")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state != b"Z":
                found.append(int(entry.name))
    return found


def _drain_slot(uid: int, timeout_s: float = 2.0) -> None:
    """Wait until nothing of the last run is left on this slot, so the next run's process
    limit is its own; whatever survives the wait is killed by uid."""
    deadline = time.monotonic() + timeout_s
    while (left := slot_processes(uid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@functools.cache
def _harness_source() -> bytes:
    return HARNESS.read_bytes()


def _harness_pipe() -> int:
    """A pipe holding the harness, for bwrap to copy in (the slot's uid need not be able
    to read the project folder)."""
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, _harness_source())
    finally:
        os.close(write_end)
    return read_end


@contextmanager
def claimed_uid() -> Iterator[int]:
    """A sandbox uid no other run holds, in this process or any other (a lock file each)."""
    LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
    for uid in range(FIRST_SLOT_UID, FIRST_SLOT_UID + UID_RANGE):
        handle = open(LOCK_DIR / str(uid), "a")  # noqa: SIM115 - held for the run
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        try:
            yield uid
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        return
    raise SandboxUnavailable(f"all {UID_RANGE} sandbox uids are busy; try again shortly")


def run_job(job: dict[str, Any], limits: Limits) -> RawRun:
    """Run the harness on one job in a fresh sandbox and return everything it reported."""
    if os.geteuid() != 0:
        return _run_as(job, limits, None)
    with claimed_uid() as uid:
        return _run_as(job, limits, uid)


def _run_as(job: dict[str, Any], limits: Limits, uid: int | None) -> RawRun:
    python = sandbox_python()
    harness_fd = _harness_pipe()
    command = _bwrap_command(python, limits, harness_fd)
    payload = dict(job, limits=limits.for_harness())
    as_root = uid is not None
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        close_fds=True,
        env={"PATH": "/usr/bin:/bin"},
        user=uid,
        group=uid,
        extra_groups=[] if as_root else None,
        pass_fds=(harness_fd,),
    )
    os.close(harness_fd)
    try:
        run = _read_limited(process, json.dumps(payload).encode(), limits, started + limits.wall_s)
    finally:
        _kill(process)
        if uid is not None:
            _drain_slot(uid)
    run.wall_s = time.monotonic() - started
    run.uid = uid
    run.returncode = process.returncode
    code = process.returncode or 0
    # bwrap reports a child killed by a signal as 128 + the signal's number.
    number = -code if code < 0 else code - 128 if 128 < code < 128 + 65 else 0
    if number:
        run.signal_name = signal.Signals(number).name
    if run.returncode not in (0, None) and not run.killed_for:
        run.killed_for = _exit_reason(run, limits)
    return run


def _exit_reason(run: RawRun, limits: Limits) -> str:
    if run.signal_name in ("SIGXCPU", "SIGKILL") and run.wall_s >= 0.9 * limits.cpu_s:
        return f"CPU time limit of {limits.cpu_s} s"
    if run.signal_name == "SIGKILL":
        return "killed (memory or process limit)"
    if "MemoryError" in run.output:
        return "memory limit"
    if run.signal_name:
        return f"stopped by {run.signal_name}"
    if not run.finished:
        return f"exited with status {run.returncode}"
    return ""


@functools.cache
def probe() -> str:
    """'' when the sandbox works on this machine, else why not (cached per process)."""
    try:
        run = run_job({"mode": "script", "code": "print('ok')"}, Limits(wall_s=10))
    except SandboxUnavailable as error:
        return str(error)
    except OSError as error:
        return f"the coding sandbox could not start: {error}"
    if not run.finished or run.output.strip() != "ok":
        detail = (run.output or run.stderr_tail or run.killed_for).strip()[-300:]
        return f"the coding sandbox could not run Python here: {detail or 'no output'}"
    return ""
