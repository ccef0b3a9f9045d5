"""Desk accounts: an admin creates coaches (and cohorts for anyone); a coach sees only their
own cohorts. Passwords are kept only as argon2 hashes (`argon2-cffi`, a maintained binding
of the reference implementation); the account configured in settings is the first admin.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from interviewer.config import Settings
from interviewer.errors import UserError
from interviewer.redaction import register_secret
from interviewer.storage.repository import Repository

ROLES = ("admin", "coach")
MIN_PASSWORD = 12
MAX_PASSWORD = 1000
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


class AccountError(UserError, ValueError):
    """An account cannot be made or changed that way; the message says why."""


@dataclass(frozen=True)
class DeskUser:
    """Who is using the desk, and which cohorts' sessions they may see."""

    name: str
    role: str
    cohorts: tuple[str, ...] | None  # None: every session (an admin)

    @property
    def admin(self) -> bool:
        return self.role == "admin"

    def sees(self, cohort_id: str | None) -> bool:
        return self.cohorts is None or (cohort_id is not None and cohort_id in self.cohorts)


class Accounts:
    def __init__(self, repo: Repository, settings: Settings) -> None:
        self.repo = repo
        self._hasher = PasswordHasher()
        self._decoy = self._hasher.hash(secrets.token_hex(16))
        password = settings.coach_password.get_secret_value() if settings.coach_password else ""
        register_secret(password)
        if password:
            self._ensure_admin(settings.coach_username, password)

    def _ensure_admin(self, username: str, password: str) -> None:
        """The configured login is an admin with the configured password (stored again only
        when it changed, so a restart writes nothing)."""
        stored = self.repo.account(username)
        current = stored is not None and stored.role == "admin" and not stored.disabled
        if current and stored is not None and self._matches(stored.password_hash, password):
            return
        self.repo.save_account(
            username, password_hash=self._hasher.hash(password), role="admin", actor="settings"
        )

    def _matches(self, stored: str, password: str) -> bool:
        try:
            return bool(self._hasher.verify(stored, password))
        except (VerificationError, InvalidHashError):
            return False

    @property
    def enabled(self) -> bool:
        return any(not a.disabled for a in self.repo.accounts())

    def verify(self, username: str, password: str) -> bool:
        """Always one slow hash, also for an unknown or disabled name: timing tells nothing."""
        account = self.repo.account(username)
        usable = account is not None and not account.disabled
        matched = self._matches(
            account.password_hash if usable and account else self._decoy, password
        )
        return matched and usable

    def user(self, username: str) -> DeskUser | None:
        account = self.repo.account(username)
        if account is None or account.disabled:
            return None
        if account.role == "admin":
            return DeskUser(username, "admin", None)
        owned = tuple(c.id for c in self.repo.cohorts(owner=username))
        return DeskUser(username, account.role, owned)

    def add(self, username: str, password: str, role: str, *, actor: DeskUser | str) -> bool:
        """Create (or reset) an account; only an admin (or the command line) may."""
        who = actor if isinstance(actor, str) else actor.name
        if not isinstance(actor, str) and not actor.admin:
            raise AccountError("Only an admin can add or change accounts.")
        username = (username or "").strip().lower()
        if not USERNAME.match(username):
            raise AccountError(
                "A user name is 2-60 lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or digit."
            )
        if role not in ROLES:
            raise AccountError(f"The role is one of {', '.join(ROLES)}, not {role[:20]!r}.")
        if not MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD:
            raise AccountError(f"A password needs at least {MIN_PASSWORD} characters.")
        register_secret(password)
        return self.repo.save_account(
            username, password_hash=self._hasher.hash(password), role=role, actor=who
        )

    def disable(self, username: str, *, actor: DeskUser | str) -> None:
        who = actor if isinstance(actor, str) else actor.name
        if not isinstance(actor, str) and not actor.admin:
            raise AccountError("Only an admin can disable accounts.")
        account = self.repo.account(username)
        if account is None:
            raise AccountError(f"No account named {username[:60]!r}.")
        self.repo.save_account(
            username,
            password_hash=account.password_hash,
            role=account.role,
            actor=who,
            disabled=True,
        )
