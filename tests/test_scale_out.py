"""Several app processes behind HAProxy: the generated configuration, and a worker killed
mid-interview whose candidate goes on at the same turn on the other worker."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from interviewer.safe_text import inert_markdown
from interviewer.serving.proxy import COOKIE, Backend, ProxyPlan, compose_plan, haproxy_config
from interviewer.serving.topology import Topology
from tests.support.paths import ROOT as PROJECT_ROOT
from tests.support.servers import free_port, postgres_or_sqlite

HAPROXY = shutil.which("haproxy")
needs_haproxy = pytest.mark.skipif(HAPROXY is None, reason="HAProxy is not installed")


def _plan() -> ProxyPlan:
    return ProxyPlan(
        bind="127.0.0.1:8080",
        backends=(Backend("w1", "127.0.0.1:9001"), Backend("w2", "127.0.0.1:9002")),
    )


def test_the_proxy_config_is_sticky_checks_health_and_limits_clients() -> None:
    config = haproxy_config(_plan())
    assert f"cookie {COOKIE} insert indirect nocache httponly" in config
    assert "server w1 127.0.0.1:9001 cookie w1 check inter 2s" in config
    assert "server w2 127.0.0.1:9002 cookie w2 check" in config
    assert "option redispatch" in config
    assert "uri /healthz" in config
    assert "http-request del-header X-Forwarded-For" in config  # a client's own is dropped
    assert "sc_http_req_rate(0) gt 1000" in config
    assert "timeout http-request 10s" in config


@needs_haproxy
def test_haproxy_accepts_the_generated_and_the_deploy_configs(tmp_path: Path) -> None:
    assert HAPROXY is not None
    written = tmp_path / "haproxy.cfg"
    written.write_text(haproxy_config(_plan()))
    for path in (written, PROJECT_ROOT / "deploy" / "haproxy.cfg"):
        check = subprocess.run([HAPROXY, "-c", "-q", "-f", str(path)], capture_output=True)
        assert check.returncode == 0, (path, check.stderr.decode()[:500])


def test_the_deploy_config_is_the_generated_one() -> None:
    """deploy/haproxy.cfg is written by `interviewer deploy-config`; it must not drift."""
    shipped = (PROJECT_ROOT / "deploy" / "haproxy.cfg").read_text()
    assert shipped == haproxy_config(compose_plan())


def _text(message: dict[str, Any]) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


@needs_haproxy
def test_a_killed_worker_s_candidate_resumes_on_the_other_at_the_same_turn(settings) -> None:
    from gradio_client import Client

    from interviewer.knowledge.ingest import ingest
    from interviewer.storage.repository import Repository

    ingest(settings, progress=False)
    with postgres_or_sqlite() as database_url:
        configured = settings.model_copy(update={"port": free_port(), "database_url": database_url})
        env = {"INTERVIEWER_MODEL": "scripted:fixed"}
        if database_url:
            env["INTERVIEWER_DATABASE_URL"] = database_url
        with Topology(configured, 2, env=env) as topology:
            client = Client(topology.url, verbose=False, download_files=False)
            served_by = client.cookies.get(COOKIE)
            assert served_by in ("w1", "w2"), client.cookies
            out = client.predict(
                "Asha", [], "mixed", 3, "", "after each answer", "", api_name="/start"
            )
            session_id = out[1]
            out = client.predict(
                "A list is mutable and ordered; a tuple is immutable, so it can be a dict key.",
                session_id,
                "after each answer",
                api_name="/send",
            )
            before = [_text(m) for m in out[0]]
            repo = Repository(database_url or configured.resolved_database_url)
            stored = repo.get_session(session_id)
            pending = stored.pending_turn
            assert pending is not None

            victim = next(w for w in topology.pool if w.name == served_by)
            assert victim.process is not None
            os.kill(victim.process.pid, signal.SIGKILL)
            victim.process.wait(timeout=10)

            # The candidate's next request carries the dead worker's cookie: the proxy sends
            # it to the other worker, which reads the interview from the database.
            answer = "I would use a generator, so the file is read one line at a time."
            out = client.predict(answer, session_id, "after each answer", api_name="/send")
            after = [_text(m) for m in out[0]]
            assert after[: len(before)] == before  # nothing lost, same order
            assert after[len(before)] == inert_markdown(answer)  # the new answer, right after
            resumed = repo.get_session(session_id)
            answered = next(t for t in resumed.turns if t.id == pending.id)
            assert answered.answer == answer  # the turn that was pending got the answer
            assert len(resumed.turns) >= len(stored.turns)

            # And the supervisor brings the dead worker back.
            time.sleep(max(0.0, victim.started_at + 5.1 - time.monotonic()))
            topology.watch_once()
            assert victim.restarts == 1
            deadline = time.monotonic() + 90
            import httpx

            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"http://127.0.0.1:{victim.port}/healthz").status_code == 200:
                        break
                time.sleep(0.5)
            else:
                pytest.fail("the restarted worker never answered")
