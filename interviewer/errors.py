"""Errors that mean 'the user must do something', shown as one line instead of a traceback."""

from __future__ import annotations

from interviewer.assets import AssetError
from interviewer.evals.datasets import DatasetError
from interviewer.evals.runner import EvalError
from interviewer.interview.plan import PlanError
from interviewer.knowledge.loader import KnowledgeError
from interviewer.knowledge.store import StoreUnavailable
from interviewer.llm.models import ModelConfigError

USER_ERRORS: tuple[type[Exception], ...] = (
    AssetError,
    KnowledgeError,
    StoreUnavailable,
    DatasetError,
    EvalError,
    PlanError,
    ModelConfigError,
)
