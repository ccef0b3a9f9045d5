"""Coach logins: growing delays after failures, expiry, idle timeout, logout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from interviewer.coach.accounts import Accounts
from interviewer.config import Settings
from interviewer.storage.repository import Repository
from interviewer.ui.coach_auth import CoachAuth, LoginRefused

PASSWORD = "a-long-enough-password"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def auth(tmp_path: Path) -> tuple[CoachAuth, Clock]:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        coach_password=SecretStr(PASSWORD),
        login_free_failures=3,
        coach_session_hours=8,
        coach_idle_minutes=60,
    )
    clock = Clock()
    repo = Repository(f"sqlite:///{tmp_path / 'auth.db'}")
    return CoachAuth(repo, Accounts(repo, settings), settings, clock=clock), clock


def test_wrong_passwords_earn_growing_waits(auth: tuple[CoachAuth, Clock]) -> None:
    coach, clock = auth
    for _ in range(3):  # free failures
        with pytest.raises(LoginRefused) as refused:
            coach.login("coach", "wrong", "10.0.0.1")
        assert refused.value.status == 401
    with pytest.raises(LoginRefused) as refused:
        coach.login("coach", PASSWORD, "10.0.0.1")  # right, but it must wait 1 s first
    assert refused.value.status == 429 and refused.value.retry_after == pytest.approx(1)
    clock.now += timedelta(seconds=1)
    with pytest.raises(LoginRefused):
        coach.login("coach", "wrong", "10.0.0.1")  # the 4th failure: next wait is 2 s
    clock.now += timedelta(seconds=1.5)
    with pytest.raises(LoginRefused) as refused:
        coach.login("coach", PASSWORD, "10.0.0.1")
    assert refused.value.status == 429
    clock.now += timedelta(seconds=1)
    assert coach.login("coach", PASSWORD, "10.0.0.1")


def test_unknown_users_are_checked_like_known_ones(auth: tuple[CoachAuth, Clock]) -> None:
    coach, _ = auth
    with pytest.raises(LoginRefused, match="Wrong user name or password"):
        coach.login("nobody", PASSWORD, "10.0.0.2")


def test_logins_expire_idle_or_old_and_end_at_logout(auth: tuple[CoachAuth, Clock]) -> None:
    coach, clock = auth
    token = coach.login("coach", PASSWORD, "10.0.0.3")
    assert coach.user_for(token) == "coach"
    clock.now += timedelta(minutes=59)
    assert coach.user_for(token) == "coach"  # and this use keeps it alive
    clock.now += timedelta(minutes=61)
    assert coach.user_for(token) is None  # idle too long
    token = coach.login("coach", PASSWORD, "10.0.0.3")
    for _ in range(9):
        clock.now += timedelta(minutes=55)
        coach.user_for(token)
    assert coach.user_for(token) is None  # past 8 hours, however busy
    token = coach.login("coach", PASSWORD, "10.0.0.3")
    coach.logout(token)
    assert coach.user_for(token) is None
    assert coach.user_for("forged-token") is None


def test_the_cookie_is_scoped_and_secure_behind_https(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        coach_password=SecretStr(PASSWORD),
        public_url="https://interview.example.org",
    )
    repo = Repository(f"sqlite:///{tmp_path / 'c.db'}")
    coach = CoachAuth(repo, Accounts(repo, settings), settings)
    cookie = coach.cookie("token", "/coach")
    assert "Path=/coach" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
