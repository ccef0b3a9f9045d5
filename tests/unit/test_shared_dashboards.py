"""Coaches opening the same dashboard at once share one build; nothing is kept after it."""

import threading
import time
from types import SimpleNamespace
from typing import Any

import pytest

from interviewer.coach import cohorts

COHORT: Any = SimpleNamespace(id="c-1")


class SlowBuild:
    """Stands in for cohorts.dashboard: counts builds and holds each until released."""

    def __init__(self, fail: bool = False) -> None:
        self.calls = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self.fail = fail

    def __call__(self, repo: Any, kb: Any, cohort: Any, page: int = 1) -> Any:
        self.calls += 1
        self.entered.set()
        assert self.release.wait(10)
        if self.fail:
            raise RuntimeError("database went away")
        return SimpleNamespace(cohort=cohort, page=page, build=self.calls)


def _open_together(shared: cohorts.SharedDashboards, build: SlowBuild, coaches: int) -> list[Any]:
    results: list[Any] = []
    lock = threading.Lock()

    def coach() -> None:
        try:
            board: Any = shared.get(None, None, COHORT)  # type: ignore[arg-type]
        except RuntimeError as exc:
            board = exc
        with lock:
            results.append(board)

    first = threading.Thread(target=coach)
    first.start()
    assert build.entered.wait(10)
    others = [threading.Thread(target=coach) for _ in range(coaches - 1)]
    for thread in others:
        thread.start()
    time.sleep(0.3)  # the others reach the running build and wait on it
    build.release.set()
    for thread in [first, *others]:
        thread.join(10)
    return results


def test_coaches_at_once_share_one_build(monkeypatch: pytest.MonkeyPatch) -> None:
    build = SlowBuild()
    monkeypatch.setattr(cohorts, "dashboard", build)
    shared = cohorts.SharedDashboards()
    results = _open_together(shared, build, coaches=5)
    assert build.calls == 1
    assert len(results) == 5 and all(r is results[0] for r in results)
    later: Any = shared.get(None, None, COHORT)  # type: ignore[arg-type]
    assert build.calls == 2 and later.build == 2  # a later request builds afresh


def test_a_failed_build_fails_everyone_waiting_and_is_not_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build = SlowBuild(fail=True)
    monkeypatch.setattr(cohorts, "dashboard", build)
    shared = cohorts.SharedDashboards()
    results = _open_together(shared, build, coaches=3)
    assert build.calls == 1
    assert len(results) == 3 and all(isinstance(r, RuntimeError) for r in results)
    build.fail = False
    again: Any = shared.get(None, None, COHORT)  # type: ignore[arg-type]
    assert again.build == 2
