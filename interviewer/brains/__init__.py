"""Brains: what scores answers and words questions. Offline (default) or an LLM."""

from interviewer.brains.base import Brain, FollowUpRequest, PreparedAnswer, prepare_answer
from interviewer.brains.offline import OfflineBrain

__all__ = ["Brain", "FollowUpRequest", "OfflineBrain", "PreparedAnswer", "prepare_answer"]
