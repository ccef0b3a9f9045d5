"""Chat models from a model string: "openai:gpt-4o-mini", or any OpenAI-compatible server.

`INTERVIEWER_BASE_URL` points the same client at Ollama, vLLM, LM Studio or a llama.cpp
server; local servers need no key. Nothing here connects until a call is made.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel

from interviewer.config import OFFLINE, Settings

LOCAL_PLACEHOLDER_KEY = "not-needed"


class ModelConfigError(ValueError):
    pass


def parse_model(model: str) -> tuple[str, str]:
    provider, _, name = model.partition(":")
    if not name:
        return "openai", provider
    return provider, name


def make_chat_model(
    settings: Settings, model: str | None = None, **overrides: Any
) -> BaseChatModel:
    model = model or settings.resolved_model
    if model == OFFLINE:
        raise ModelConfigError("the offline brain has no chat model")
    provider, name = parse_model(model)
    if provider == "scripted":
        return _scripted(settings, name)
    if provider != "openai":
        raise ModelConfigError(
            f"unknown provider {provider!r} in {model!r}: use 'openai:NAME' (with INTERVIEWER_BASE_URL "
            "for Ollama, vLLM, LM Studio or llama.cpp)"
        )
    from langchain_openai import ChatOpenAI

    key = settings.api_key.get_secret_value() if settings.api_key else None
    if key is None and not settings.base_url:
        raise ModelConfigError(
            "an OpenAI model needs INTERVIEWER_API_KEY (or OPENAI_API_KEY), "
            "or INTERVIEWER_BASE_URL for a local server"
        )
    options: dict[str, Any] = {
        "model": name,
        "api_key": key or LOCAL_PLACEHOLDER_KEY,
        "base_url": settings.base_url,
        "timeout": settings.llm_timeout_s,
        "max_retries": settings.llm_max_retries,  # the openai client backs off and honours Retry-After
        "temperature": 0,
        "max_tokens": settings.llm_max_tokens,
    }
    options.update(overrides)
    return ChatOpenAI(**options)


def _scripted(settings: Settings, name: str) -> BaseChatModel:
    if name not in ("mirror", "fixed"):
        raise ModelConfigError(
            f"unknown scripted model {name!r}: the scripted provider has 'mirror' and 'fixed'"
        )
    from interviewer.interview.factory import offline_brain
    from interviewer.knowledge.loader import load_knowledge
    from interviewer.llm.scripted import ScriptedMirrorChat

    return ScriptedMirrorChat(
        brain=offline_brain(settings),
        kb=load_knowledge(settings.knowledge_dir),
        scoring_latency_s=settings.scripted_latency_s,
        fixed=name == "fixed",
    )
