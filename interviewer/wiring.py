"""The composition root: the one place that turns settings into working parts.

The command line, the web app, the evals and the benchmarks all build their brains and
engines here, and nothing is patched afterwards: a different brain means a different call,
not an assignment to `engine.brain`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel

from interviewer import tokens
from interviewer.brains.base import Brain
from interviewer.brains.llm import LLMBrain
from interviewer.brains.offline import CachedEmbed, OfflineBrain
from interviewer.brains.scripted import scripted_chat
from interviewer.coach.banks import with_published_banks
from interviewer.coding.runner import CodeRunner, load_problems
from interviewer.config import OFFLINE, Settings
from interviewer.interview.engine import InterviewEngine
from interviewer.interview.selection import QuestionSelector
from interviewer.knowledge import embedder
from interviewer.knowledge.embedder import LocalMiniLMEmbedding
from interviewer.knowledge.loader import KnowledgeBase, load_knowledge
from interviewer.knowledge.store import KnowledgeStore
from interviewer.llm.models import evidence_form, make_chat_model, parse_model, structured_mode
from interviewer.prompts import load_prompts
from interviewer.storage.repository import Repository


def knowledge_base(settings: Settings, repo: Repository | None = None) -> KnowledgeBase:
    """The guide plus every coach bank's published version (from the database)."""
    guide = load_knowledge(settings.knowledge_dir)
    return with_published_banks(guide, repo or Repository(settings.resolved_database_url))


def code_runner(settings: Settings) -> CodeRunner:
    """The coding round's judge: the problems beside the knowledge base, a bounded pool."""
    return CodeRunner(
        load_problems(settings.problems_dir),
        workers=settings.sandbox_workers,
        queue_limit=settings.sandbox_queue,
    )


def offline_brain(settings: Settings) -> OfflineBrain:
    return OfflineBrain(LocalMiniLMEmbedding(settings.resolved_assets_dir).embed)


def chat_model(settings: Settings, model: str, kb: KnowledgeBase | None = None) -> BaseChatModel:
    """A chat model for a model string; 'scripted:NAME' is the offline stand-in."""
    provider, name = parse_model(model)
    if provider == "scripted":
        return scripted_chat(
            name,
            offline_brain(settings),
            kb or load_knowledge(settings.knowledge_dir),
            scoring_latency_s=settings.scripted_latency_s,
        )
    return make_chat_model(settings, model)


def make_brain(
    settings: Settings,
    model: str | None = None,
    *,
    chat: BaseChatModel | None = None,
    judge: BaseChatModel | None = None,
    prompts_dir: Path | None = None,
    fallback: OfflineBrain | None = None,
    kb: KnowledgeBase | None = None,
) -> Brain:
    """The brain for `model` (default: the configured one). `chat` replaces the model the
    string would build (a recording wrapper, a test double); `judge` the scoring model."""
    if model is None:
        model = settings.resolved_model if chat is None or settings.uses_llm else "fake:test"
    fallback = fallback or offline_brain(settings)
    if model == OFFLINE:
        return fallback
    chat = chat or chat_model(settings, model, kb)
    offline_judge = settings.judge_model == OFFLINE
    if judge is None and settings.judge_model and not offline_judge:
        judge = chat_model(settings, settings.judge_model, kb)
    judge_model = model if offline_judge else settings.judge_model or model
    judge_mode = structured_mode(settings, judge_model)
    return LLMBrain(
        chat,
        model,
        load_prompts(prompts_dir or settings.prompts_dir),
        fallback,
        judge=judge,
        judge_model=judge_model,
        max_attempts=settings.structured_max_attempts,
        judge_mode=judge_mode,
        evidence=evidence_form(settings, judge_mode),
        offline_judge=offline_judge,
        max_tokens=settings.llm_max_tokens,
    )


def build_engine(
    settings: Settings,
    *,
    brain: Brain | None = None,
    chat: BaseChatModel | None = None,
    judge: BaseChatModel | None = None,
    kb: KnowledgeBase | None = None,
    store: KnowledgeStore | None = None,
    repo: Repository | None = None,
    coder: CodeRunner | None = None,
) -> InterviewEngine:
    tokens.configure(settings.resolved_assets_dir)
    embedder.configure_threads(settings.embed_threads)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    repo = repo or Repository(settings.resolved_database_url)
    revision = repo.bank_revision()  # before composing: a bank published meanwhile is reloaded
    kb = kb or knowledge_base(settings, repo)
    store = store or KnowledgeStore.from_settings(settings)
    question_embed = CachedEmbed(LocalMiniLMEmbedding(settings.resolved_assets_dir).embed)
    asked = [q.question for q in kb.questions]
    # At start-up, not on a candidate's turn: the selector compares them, and the store is
    # queried with them to ground each question.
    store.remember_queries(asked, question_embed(asked))
    selector = QuestionSelector(kb, store, question_embed)
    if brain is None:
        brain = make_brain(settings, chat=chat, judge=judge, kb=kb)
    guide = kb if not kb.versions else None  # a knowledge base given whole is kept whole

    def reload(seen: object) -> tuple[object, KnowledgeBase, QuestionSelector] | None:
        current = repo.bank_revision()
        if current == seen:
            return None
        base = load_knowledge(settings.knowledge_dir) if guide is None else guide
        fresh = with_published_banks(base, repo)
        return current, fresh, QuestionSelector(fresh, store, question_embed)

    return InterviewEngine(
        kb,
        repo,
        selector,
        brain,
        max_follow_ups=settings.max_follow_ups,
        coder=coder or code_runner(settings),
        reload_knowledge=reload,
        knowledge_revision=revision,
    )


def build_web_app(settings: Settings, engine: InterviewEngine | None = None) -> Any:
    """The ASGI application: both Gradio apps, their security layer and the file routes."""
    from interviewer.ui.server import build_server

    return build_server(engine or build_engine(settings), settings)
