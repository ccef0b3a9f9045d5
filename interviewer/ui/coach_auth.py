"""Coach authentication: our own login, sessions that expire, and brute-force limits.

- Credentials are checked with a slow hash (argon2, from `argon2-cffi`) against the accounts
  in the database (`coach.accounts`: the configured login is the first admin), also for
  unknown user names, so timing says nothing about which names exist.
- Failed attempts are counted per account and per address over a window; past a few free
  ones each further attempt must wait twice as long as the last (capped). While it must
  wait, an attempt is refused unchecked, so a brute force learns nothing even when it
  guesses right. Every attempt is stored and every failure logged (never the password).
- A login is a random token in an HttpOnly, SameSite=Strict cookie scoped to the coach
  path (Secure behind HTTPS); the database keeps its hash, its expiry and when it was last
  used, so it ends after `coach_session_hours`, after `coach_idle_minutes` idle, or at
  logout, and works through any worker.
- `CoachGate` stands in front of everything under the coach path: without a valid login,
  pages redirect to the login form and every API, file or asset request gets 401.
"""

from __future__ import annotations

import hashlib
import html
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

from interviewer.coach.accounts import Accounts
from interviewer.config import Settings
from interviewer.storage.repository import Repository

log = logging.getLogger(__name__)
COOKIE = "interviewer_coach"
ADDRESS_FACTOR = 4  # an address gets this many times an account's free failures
TOUCH_EVERY = timedelta(seconds=60)
MAX_FORM_BYTES = 4096


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


class LoginRefused(Exception):
    def __init__(self, message: str, status: int, retry_after: float = 0) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class CoachAuth:
    def __init__(
        self,
        repo: Repository,
        accounts: Accounts,
        settings: Settings,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.repo = repo
        self.accounts = accounts
        self.settings = settings
        self.clock = clock

    # ----- attempts -----------------------------------------------------------------------
    def _required_wait(self, failures: int, latest: datetime | None, free: int) -> float:
        if failures < free or latest is None:
            return 0.0
        delay = min(self.settings.login_max_delay_s, 2.0 ** (failures - free))
        return max(0.0, (latest + timedelta(seconds=delay) - self.clock()).total_seconds())

    def wait_before_attempt(self, username: str, address: str) -> float:
        since = self.clock() - timedelta(minutes=self.settings.login_window_minutes)
        free = self.settings.login_free_failures
        by_account = self.repo.login_failures(since=since, username=username)
        by_address = self.repo.login_failures(since=since, address=address)
        return max(
            self._required_wait(*by_account, free),
            self._required_wait(*by_address, free * ADDRESS_FACTOR),
        )

    def login(self, username: str, password: str, address: str) -> str:
        """A new session token, or LoginRefused saying exactly why."""
        username = username.strip()[:200]
        if not self.accounts.enabled:
            raise LoginRefused("The coach desk is disabled: no coach account exists.", 403)
        wait = self.wait_before_attempt(username, address)
        if wait > 0:
            log.warning(
                "coach login refused for %r from %s: too many failed attempts (wait %.0f s)",
                username[:64],
                address,
                wait,
            )
            raise LoginRefused(
                f"Too many failed logins; wait {wait:.0f} s before trying again.", 429, wait
            )
        ok = self.accounts.verify(username, password)
        self.repo.record_login(username, address, ok, self.clock())
        if not ok:
            log.warning("coach login failed for %r from %s", username[:64], address)
            raise LoginRefused("Wrong user name or password.", 401)
        token = secrets.token_urlsafe(32)
        started = self.clock()
        expires = started + timedelta(hours=self.settings.coach_session_hours)
        self.repo.create_coach_session(
            _hash(token), username, at=started, expires_at=expires, address=address
        )
        self.repo.purge_coach_sessions(started)  # expired logins go when a new one arrives
        log.info("coach %r logged in from %s", username[:64], address)
        return token

    # ----- sessions -------------------------------------------------------------------
    def user_for(self, token: str | None) -> str | None:
        if not token or len(token) > 200:
            return None
        found = self.repo.coach_session(_hash(token))
        if found is None:
            return None
        username, expires, last_seen = found
        now = self.clock()
        idle = timedelta(minutes=self.settings.coach_idle_minutes)
        if now >= expires or now - last_seen >= idle:
            self.repo.end_coach_session(_hash(token))
            return None
        if now - last_seen >= TOUCH_EVERY:
            self.repo.touch_coach_session(_hash(token), now)
        return username

    def logout(self, token: str | None) -> None:
        if token:
            self.repo.end_coach_session(_hash(token))

    def cookie(self, token: str, path: str) -> str:
        secure = "; Secure" if self.settings.resolved_public_url.startswith("https://") else ""
        age = int(self.settings.coach_session_hours * 3600)
        return f"{COOKIE}={token}; Path={path}; Max-Age={age}; HttpOnly; SameSite=Strict{secure}"

    @staticmethod
    def cleared_cookie(path: str) -> str:
        return f"{COOKIE}=; Path={path}; Max-Age=0; HttpOnly; SameSite=Strict"


def cookie_token(scope: dict[str, Any]) -> str | None:
    headers = dict(scope.get("headers") or [])
    raw: bytes = headers.get(b"cookie", b"")
    for part in raw.decode("latin-1").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None


LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Coach login</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 22rem; margin: 12vh auto; padding: 0 1rem; }}
label {{ display: block; margin: .8rem 0 .2rem; }}
input {{ width: 100%; padding: .5rem; box-sizing: border-box; }}
button {{ margin-top: 1rem; padding: .5rem 1.2rem; }}
.error {{ color: #b91c1c; }}
</style></head><body>
<h1>Coach review desk</h1>
<p class="error" role="alert">{error}</p>
<form method="post" action="{action}">
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required maxlength="200">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required
 maxlength="1000">
<button type="submit">Log in</button>
</form></body></html>"""


def login_page(action: str, error: str = "") -> str:
    return LOGIN_PAGE.format(action=html.escape(action), error=html.escape(error))


def parse_form(body: bytes) -> dict[str, str]:
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=10)
    return {k: v[0] for k, v in fields.items() if v}
