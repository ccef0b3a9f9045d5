"""Shared test set-up: no network, isolated settings, verified offline assets."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Tests share the verified model files that `interviewer setup` put under data/assets.
ASSETS_DIR = Path(os.environ.get("INTERVIEWER_ASSETS_DIR", ROOT / "data" / "assets")).resolve()


class NetworkAccessError(RuntimeError):
    pass


def _is_local(address: object) -> bool:
    if isinstance(address, str | bytes):  # unix socket path
        return True
    if isinstance(address, tuple) and address:
        host = address[0]
        if host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return False


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """Any attempt to connect beyond loopback fails loudly, naming the address."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: object) -> None:
        if not _is_local(address):
            raise NetworkAccessError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        if not _is_local(address):
            raise NetworkAccessError(f"test tried to reach the network: {address!r}")
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user .env, keys or servers leak into tests."""
    for name in list(os.environ):
        if name.startswith("INTERVIEWER_") or name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INTERVIEWER_ASSETS_DIR", str(ASSETS_DIR))
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from interviewer import tokens
    from interviewer.config import Settings

    tokens.configure(ASSETS_DIR)
    return Settings(
        data_dir=tmp_path / "data",
        assets_dir=ASSETS_DIR,
        knowledge_dir=FIXTURES / "knowledge",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def engine_factory(settings):  # type: ignore[no-untyped-def]
    """Build engines over the fixture knowledge (ingested once per test) and one database."""
    from interviewer.interview.factory import build_engine
    from interviewer.knowledge.ingest import ingest

    ingest(settings, progress=False)

    def make(chat=None, **overrides):  # type: ignore[no-untyped-def]
        return build_engine(settings.model_copy(update=overrides), chat=chat)

    return make


@pytest.fixture
def running_app(settings, monkeypatch):  # type: ignore[no-untyped-def]
    """The whole app (candidate + coach) on 127.0.0.1 over the fixture knowledge."""
    from pydantic import SecretStr

    from interviewer.interview.factory import build_engine
    from interviewer.knowledge.ingest import ingest
    from interviewer.ui.app import build_server
    from tests.servers import app_server

    ingest(settings, progress=False)
    app_settings = settings.model_copy(update={"coach_password": SecretStr(COACH_PASSWORD)})
    engine = build_engine(app_settings)
    with app_server(build_server(engine, app_settings)) as url:
        yield url, engine


COACH_PASSWORD = "correct-horse-battery"  # a test credential
