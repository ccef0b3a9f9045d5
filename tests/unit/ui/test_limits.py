"""Per-client limits with a controllable clock."""

from __future__ import annotations

import pytest

from interviewer.config import Settings
from interviewer.ui.limits import ClientLimits, TooBusy


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _limits(**overrides: object) -> tuple[ClientLimits, Clock]:
    clock = Clock()
    settings = Settings(_env_file=None, **overrides)  # type: ignore[call-arg, arg-type]
    return ClientLimits(settings, clock=clock), clock


def test_event_bucket_allows_a_burst_then_the_rate() -> None:
    limits, clock = _limits(event_burst=3, events_per_minute=60)
    assert [limits.event_wait("a") for _ in range(3)] == [0, 0, 0]
    assert limits.event_wait("a") == pytest.approx(1.0)
    assert limits.event_wait("b") == 0  # another client is not affected
    clock.now += 1.0
    assert limits.event_wait("a") == 0


def test_new_sessions_per_hour_are_capped_per_client() -> None:
    limits, clock = _limits(sessions_per_hour=2)
    limits.check_new_session("a")
    limits.check_new_session("a")
    with pytest.raises(TooBusy, match="new interviews"):
        limits.check_new_session("a")
    limits.check_new_session("b")
    clock.now += 3601
    limits.check_new_session("a")


def test_history_lookups_are_rate_limited() -> None:
    limits, clock = _limits(history_lookups_per_minute=2)
    limits.check_lookup("a")
    limits.check_lookup("a")
    with pytest.raises(TooBusy, match="try again in 30 s"):
        limits.check_lookup("a")
    clock.now += 30
    limits.check_lookup("a")


def test_concurrency_is_capped_and_released() -> None:
    limits, _ = _limits(concurrent_events=1)
    with limits.running("a"):
        with pytest.raises(TooBusy, match="already has requests"), limits.running("a"):
            pass
        with limits.running("b"):
            pass
    with limits.running("a"):
        pass
