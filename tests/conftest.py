"""Shared test set-up: no network, isolated settings, verified offline assets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.network import loopback_only
from tests.support.paths import ASSETS_DIR, COACH_PASSWORD, FIXTURES


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """Any attempt to connect beyond loopback fails loudly, naming the address."""
    with loopback_only():
        yield


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
def settings(tmp_path: Path) -> Any:
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
def engine_factory(settings: Any) -> Any:
    """Build engines over the fixture knowledge (ingested once per test) and one database."""
    from interviewer.knowledge.ingest import ingest
    from interviewer.wiring import build_engine

    ingest(settings, progress=False)

    def make(chat: Any = None, **overrides: Any) -> Any:
        return build_engine(settings.model_copy(update=overrides), chat=chat)

    return make


@pytest.fixture
def room_factory(engine_factory: Any, settings: Any) -> Any:
    """The candidate room's handlers over an engine, with the server's own helpers."""
    from interviewer.ui.candidate import CandidateRoom
    from interviewer.ui.downloads import Downloads
    from interviewer.ui.limits import ClientLimits
    from interviewer.ui.signing import load_secret

    def make(engine: Any = None, **overrides: Any) -> Any:
        engine = engine or engine_factory()
        configured = settings.model_copy(update=overrides)
        return CandidateRoom(
            engine, Downloads(engine, configured, load_secret(configured)), ClientLimits(configured)
        )

    return make


@pytest.fixture
def running_app(settings: Any) -> Iterator[tuple[str, Any]]:
    """The whole app (candidate + coach) on 127.0.0.1 over the fixture knowledge."""
    from tests.support.servers import running_web_app

    with running_web_app(settings, coach_password=COACH_PASSWORD) as (url, engine):
        yield url, engine
