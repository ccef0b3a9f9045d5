"""`interviewer serve --workers N`: several app processes behind HAProxy, on one machine.

What it starts, in order, and stops in reverse:
1. the database is migrated once, here, before any worker opens it;
2. a Chroma server on the data folder's store, unless one is configured
   (`INTERVIEWER_CHROMA_HOST`): an embedded store is one process's, not N's;
3. N workers, each `interviewer app` on 127.0.0.1 with its own port, trusting the proxy's
   X-Forwarded-For, with the proxy's address as their public URL, and the embedder's
   threads split between them (each worker's ONNX pool would otherwise take every core);
4. HAProxy with the configuration of `serving.proxy`, written to `data/run/haproxy.cfg`.

It then watches them: a worker that exits is started again (at most once every
`RESTART_EVERY_S`), and the proxy sends its candidates to the others meanwhile; if the
proxy or the Chroma server exits, everything is stopped and the command fails. SIGTERM or
Ctrl-C stops the proxy first (no new requests), then the workers (5 s to finish), then Chroma.

The workers share everything a candidate's next request needs: the database (sessions,
turns, chat, coach logins, banks), the signing key file and the Chroma server. What stays
per worker is derived and checked against the database (the session cache's revision, the
bank revision) or is Gradio's own per-browser state, which the sticky cookie keeps on one
worker. With the default SQLite file the workers must share one machine's disk; across
machines use PostgreSQL (`INTERVIEWER_DATABASE_URL`), as `deploy/compose.yaml` does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewer.config import Settings
from interviewer.errors import UserError
from interviewer.serving.proxy import Backend, ProxyPlan, haproxy_config

RESTART_EVERY_S = 5.0
START_TIMEOUT_S = 120.0
STOP_GRACE_S = 8.0


class ServeError(UserError):
    """The topology could not start (a missing program, a port in use, a worker that died)."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait(ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServeError(f"{what} exited during start-up (code {process.returncode}).")
        if ready():
            return
        time.sleep(0.1)
    raise ServeError(f"{what} did not become ready within {START_TIMEOUT_S:.0f} s.")


def _stop(process: subprocess.Popen[bytes] | None, grace: float = STOP_GRACE_S) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@dataclass
class Worker:
    name: str
    port: int
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restarts: int = 0


@dataclass
class Topology:
    """The processes of one `serve`, started by `start()` and stopped by `stop()`."""

    settings: Settings
    workers: int
    env: dict[str, str] = field(default_factory=dict)  # extra environment for the workers
    haproxy: str | None = None  # the binary; found on PATH when None
    pool: list[Worker] = field(default_factory=list)
    chroma: subprocess.Popen[bytes] | None = None
    proxy: subprocess.Popen[bytes] | None = None
    config_path: Path | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.settings.host in ("0.0.0.0", "::") else self.settings.host
        return f"http://{host}:{self.settings.port}"

    def worker_env(self, chroma_port: int | None) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env.setdefault("INTERVIEWER_FORWARDED_ALLOW_IPS", "127.0.0.1")
        env.setdefault("INTERVIEWER_PUBLIC_URL", self.settings.resolved_public_url)
        # What the command line chose reaches the workers as what it is (not the defaults).
        env["INTERVIEWER_DATA_DIR"] = str(self.settings.data_dir.resolve())
        env["INTERVIEWER_ASSETS_DIR"] = str(self.settings.resolved_assets_dir.resolve())
        env["INTERVIEWER_KNOWLEDGE_DIR"] = str(self.settings.knowledge_dir.resolve())
        if self.settings.model:
            env["INTERVIEWER_MODEL"] = self.settings.model
        env.setdefault(
            "INTERVIEWER_EMBED_THREADS", str(max(1, (os.cpu_count() or 1) // self.workers))
        )
        if chroma_port is not None:
            env["INTERVIEWER_CHROMA_HOST"] = "127.0.0.1"
            env["INTERVIEWER_CHROMA_PORT"] = str(chroma_port)
        return env

    def start(self) -> None:
        binary = self.haproxy or shutil.which("haproxy")
        if binary is None:
            raise ServeError(
                "`serve` puts HAProxy in front of the workers and none is installed: "
                "apt-get install haproxy (or `make system-deps` as root)."
            )
        if _listening(self.settings.port):
            raise ServeError(f"Port {self.settings.port} is in use; choose another with --port.")
        from interviewer.storage.repository import Repository

        Repository(self.settings.resolved_database_url)  # migrations, once, before the workers
        chroma_port = None if self.settings.chroma_host else self._start_chroma()
        self._env = self.worker_env(chroma_port)
        self.pool = [Worker(f"w{i + 1}", free_port()) for i in range(self.workers)]
        for worker in self.pool:
            self._spawn(worker)
        for worker in self.pool:
            assert worker.process is not None
            _wait(
                lambda w=worker: _answers(f"http://127.0.0.1:{w.port}/healthz"),  # type: ignore[misc]
                worker.process,
                f"worker {worker.name}",
            )
        self._start_proxy(binary)

    def _start_chroma(self) -> int:
        executable = Path(sys.executable).parent / "chroma"
        if not executable.exists():
            raise ServeError(f"The Chroma server command is missing ({executable}).")
        if not self.settings.chroma_dir.exists():
            raise ServeError("The knowledge store is empty: run `interviewer ingest` first.")
        port = free_port()
        self.chroma = subprocess.Popen(
            [str(executable), "run", "--path", str(self.settings.chroma_dir)]
            + ["--host", "127.0.0.1", "--port", str(port)],
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(lambda: _listening(port), self.chroma, "the Chroma server")
        return port

    def _spawn(self, worker: Worker) -> None:
        command = [sys.executable, "-m", "interviewer.cli", "app"]
        command += ["--host", "127.0.0.1", "--port", str(worker.port)]
        worker.process = subprocess.Popen(
            command, env={**self._env, "INTERVIEWER_WORKER_NAME": worker.name}
        )
        worker.started_at = time.monotonic()

    def _start_proxy(self, binary: str) -> None:
        plan = ProxyPlan(
            bind=f"{self.settings.host}:{self.settings.port}",
            backends=tuple(Backend(w.name, f"127.0.0.1:{w.port}") for w in self.pool),
            requests_per_10s=self.settings.proxy_requests_per_10s,
            connections_per_client=self.settings.proxy_connections_per_client,
        )
        run = self.settings.data_dir / "run"
        run.mkdir(parents=True, exist_ok=True)
        self.config_path = run / "haproxy.cfg"
        self.config_path.write_text(haproxy_config(plan), encoding="utf-8")
        check = subprocess.run(
            [binary, "-c", "-q", "-f", str(self.config_path)], capture_output=True, text=True
        )
        if check.returncode != 0:
            raise ServeError(f"HAProxy refused its configuration: {check.stderr.strip()[:500]}")
        self.proxy = subprocess.Popen(
            [binary, "-db", "-f", str(self.config_path)], stdout=subprocess.DEVNULL
        )
        _wait(lambda: _answers(f"{self.url}/healthz"), self.proxy, "HAProxy")

    def watch_once(self) -> None:
        """Restart a worker that exited; fail if the proxy or Chroma did."""
        for name, process in (("HAProxy", self.proxy), ("The Chroma server", self.chroma)):
            if process is not None and process.poll() is not None:
                raise ServeError(f"{name} exited (code {process.returncode}); stopping.")
        for worker in self.pool:
            process = worker.process
            exited = process is not None and process.poll() is not None
            if exited and time.monotonic() - worker.started_at >= RESTART_EVERY_S:
                assert process is not None
                print(
                    f"worker {worker.name} exited (code {process.returncode}); starting it again",
                    file=sys.stderr,
                    flush=True,
                )
                worker.restarts += 1
                self._spawn(worker)

    def stop(self) -> None:
        _stop(self.proxy)
        for worker in self.pool:
            if worker.process is not None and worker.process.poll() is None:
                worker.process.terminate()
        for worker in self.pool:
            _stop(worker.process)
        _stop(self.chroma)

    def __enter__(self) -> Topology:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def serve_topology(settings: Settings, workers: int) -> int:
    """Start, print where, watch until a signal, stop. The command line's `serve`."""
    stopping = False

    def on_signal(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    with Topology(settings, workers) as topology:
        print(
            f"Serving on {settings.resolved_public_url}/ with {workers} workers behind HAProxy "
            f"(config {topology.config_path}); Ctrl-C stops it.",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            while not stopping:
                topology.watch_once()
                time.sleep(0.5)
    return 0
