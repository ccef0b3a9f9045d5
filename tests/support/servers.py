"""Real servers started on 127.0.0.1 by the tests themselves."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(
    port: int, timeout: float = 30.0, process: subprocess.Popen | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout}s")


@contextlib.contextmanager
def chroma_server(path: Path, port: int | None = None) -> Iterator[int]:
    port = port or free_port()
    executable = Path(sys.executable).parent / "chroma"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(
        [str(executable), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        wait_for_port(port, process=process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def app_server(server_app: object, port: int | None = None) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a background thread on 127.0.0.1."""
    import threading

    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(server_app, host="127.0.0.1", port=port, log_level="warning")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def postgres_bin() -> Path | None:
    """Debian's PostgreSQL server binaries, if installed."""
    root = Path("/usr/lib/postgresql")
    versions = sorted(root.glob("*/bin/postgres")) if root.is_dir() else []
    return versions[-1].parent if versions else None


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1; yields a SQLAlchemy URL.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
    """
    import shutil

    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries not found")
    import tempfile

    # pytest's temporary folders are private to root; the cluster needs a folder of its own.
    workdir = Path(tempfile.mkdtemp(prefix="interviewer-pg-"))
    data = workdir / "pgdata"
    data.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [
            *as_user,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [
            *as_user,
            str(bin_dir / "postgres"),
            "-D",
            str(data),
            "-p",
            str(port),
            "-h",
            "127.0.0.1",
            "-k",
            str(workdir),
            "-c",
            "fsync=off",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process=process)
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(
                    f"host=127.0.0.1 port={port} user=postgres dbname=postgres", autocommit=True
                ) as conn:
                    conn.execute("CREATE DATABASE interviewer")
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/interviewer"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def running_web_app(settings: Any, **overrides: Any) -> Iterator[tuple[str, Any]]:
    """The real ASGI app (both Gradio apps and every guard) on 127.0.0.1, in this process.

    The public URL is the address the test talks to, as an operator would configure it."""
    from pydantic import SecretStr

    from interviewer.knowledge.ingest import ingest
    from interviewer.wiring import build_engine, build_web_app

    port = free_port()
    if "coach_password" in overrides and overrides["coach_password"] is not None:
        overrides["coach_password"] = SecretStr(str(overrides["coach_password"]))
    configured = settings.model_copy(
        update={"public_url": f"http://127.0.0.1:{port}", "port": port, **overrides}
    )
    ingest(configured, progress=False)
    engine = build_engine(configured)
    with app_server(build_web_app(configured, engine), port=port) as url:
        yield url, engine


@contextlib.contextmanager
def app_process(
    settings: Any, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`interviewer app` as its own process on 127.0.0.1, configured through the environment
    as an operator would; yields its URL and the process. Its log goes to `log`."""
    port = free_port()
    environment = {
        **os.environ,
        "INTERVIEWER_DATA_DIR": str(settings.data_dir),
        "INTERVIEWER_ASSETS_DIR": str(settings.resolved_assets_dir),
        "INTERVIEWER_KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "INTERVIEWER_PORT": str(port),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
        **(env or {}),
    }
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "interviewer.cli", "app"],
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, timeout=120, process=process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            output.close()  # type: ignore[union-attr]


@contextlib.contextmanager
def postgres_or_sqlite() -> Iterator[str | None]:
    """A throwaway PostgreSQL URL where the server binaries are installed (the topology the
    deploy files describe), else None: the caller's SQLite file."""
    if postgres_bin() is None:
        yield None
        return
    with postgres_server() as url:
        yield url
