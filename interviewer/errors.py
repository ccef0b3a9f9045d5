"""Errors that mean 'the user must do something', shown as one line instead of a traceback."""

from __future__ import annotations

from interviewer.assets import AssetError
from interviewer.knowledge.loader import KnowledgeError
from interviewer.knowledge.store import StoreUnavailable

USER_ERRORS: tuple[type[Exception], ...] = (AssetError, KnowledgeError, StoreUnavailable)
