"""Wiring: build the engine and its parts from settings (the only place that does)."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from interviewer import tokens
from interviewer.brains.base import Brain
from interviewer.brains.llm import LLMBrain
from interviewer.brains.offline import CachedEmbed, OfflineBrain
from interviewer.config import Settings
from interviewer.interview.engine import InterviewEngine
from interviewer.interview.selection import QuestionSelector
from interviewer.knowledge.embedder import LocalMiniLMEmbedding
from interviewer.knowledge.loader import KnowledgeBase, load_knowledge
from interviewer.knowledge.store import KnowledgeStore
from interviewer.llm.models import make_chat_model
from interviewer.prompts import load_prompts
from interviewer.storage.repository import Repository


def offline_brain(settings: Settings) -> OfflineBrain:
    return OfflineBrain(LocalMiniLMEmbedding(settings.resolved_assets_dir).embed)


def make_brain(
    settings: Settings,
    chat: BaseChatModel | None = None,
    judge: BaseChatModel | None = None,
    fallback: OfflineBrain | None = None,
) -> Brain:
    """The offline brain unless a model is configured (or a chat model is given, as tests do)."""
    fallback = fallback or offline_brain(settings)
    if chat is None and not settings.uses_llm:
        return fallback
    model = settings.resolved_model if settings.uses_llm else "fake:test"
    chat = chat or make_chat_model(settings)
    if judge is None and settings.judge_model:
        judge = make_chat_model(settings, settings.judge_model)
    return LLMBrain(
        chat,
        model,
        load_prompts(settings.prompts_dir),
        fallback,
        judge=judge,
        judge_model=settings.judge_model,
        max_attempts=settings.structured_max_attempts,
    )


def build_engine(
    settings: Settings,
    *,
    chat: BaseChatModel | None = None,
    judge: BaseChatModel | None = None,
    kb: KnowledgeBase | None = None,
    store: KnowledgeStore | None = None,
    repo: Repository | None = None,
) -> InterviewEngine:
    tokens.configure(settings.resolved_assets_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    kb = kb or load_knowledge(settings.knowledge_dir)
    store = store or KnowledgeStore.from_settings(settings)
    repo = repo or Repository(settings.resolved_database_url)
    fallback = offline_brain(settings)
    question_embed = CachedEmbed(LocalMiniLMEmbedding(settings.resolved_assets_dir).embed)
    question_embed([q.question for q in kb.questions])  # at start-up, not on a candidate's turn
    selector = QuestionSelector(kb, store, question_embed)
    brain = make_brain(settings, chat, judge, fallback)
    return InterviewEngine(kb, repo, selector, brain, max_follow_ups=settings.max_follow_ups)
