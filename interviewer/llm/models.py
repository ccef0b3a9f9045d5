"""Chat models from a model string: "openai:gpt-4o-mini", "anthropic:claude-...", "ollama:llama3.1".

The only module that builds vendor clients. OpenAI models (and any OpenAI-compatible server:
Ollama, vLLM, LM Studio, llama.cpp, through `INTERVIEWER_BASE_URL`) use `ChatOpenAI`; every
other provider LangChain knows is built by `init_chat_model` once its integration package
is installed (`langchain-anthropic`, `langchain-google-genai`, `langchain-ollama`, ...).
Nothing here connects until a call is made.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel

from interviewer.config import OFFLINE, Settings
from interviewer.errors import UserError
from interviewer.llm.structured import GRAMMAR_MODES, EvidenceForm, StructuredMode
from interviewer.redaction import register_secret

LOCAL_PLACEHOLDER_KEY = "not-needed"


class ModelConfigError(UserError, ValueError):
    pass


def parse_model(model: str) -> tuple[str, str]:
    """'openai:gpt-4o-mini' -> ('openai', 'gpt-4o-mini'); a bare name means OpenAI."""
    provider, _, name = model.partition(":")
    if not name:
        return "openai", provider
    return provider, name


OPENAI_WIRE = ("openai", "scripted")  # chat models that take OpenAI's response_format


def structured_mode(settings: Settings, model: str) -> StructuredMode:
    """How `model` is asked for JSON: the setting, or what its provider supports natively.

    OpenAI itself: strict JSON schema. A base URL (an OpenAI-compatible local server): a JSON
    object with the schema, which llama-cpp-python, llama.cpp, vLLM and Ollama all accept
    (LM Studio wants json_schema: set it). Other providers: a forced tool call, LangChain's
    common way for Anthropic, Google, Mistral, Groq and Ollama's own client.
    """
    provider, _ = parse_model(model)
    mode = settings.structured_output
    if mode == "auto":
        if provider == "scripted":
            return "json_object"  # the stand-in answers JSON whatever it is asked
        if provider == "openai":
            return "json_object" if settings.base_url else "json_schema"
        return "tool_calling"
    if mode in ("json_schema", "json_object") and provider not in OPENAI_WIRE:
        raise ModelConfigError(
            f"INTERVIEWER_STRUCTURED_OUTPUT={mode} is OpenAI's wire format; provider "
            f"{provider!r} takes tool_calling or plain (or use openai:MODEL with its base URL)"
        )
    return mode


def evidence_form(settings: Settings, mode: StructuredMode) -> EvidenceForm:
    """How scores cite the answer: sentence numbers where a grammar enforces them (small
    local models invent quotes), quotes where the provider copies text reliably."""
    if settings.structured_evidence == "auto":
        return "sentences" if mode in GRAMMAR_MODES else "quotes"
    return settings.structured_evidence


def make_chat_model(
    settings: Settings, model: str | None = None, **overrides: Any
) -> BaseChatModel:
    model = model or settings.resolved_model
    if model == OFFLINE:
        raise ModelConfigError("the offline brain has no chat model")
    provider, name = parse_model(model)
    if settings.api_key is not None:
        register_secret(settings.api_key.get_secret_value())  # redacted wherever it is echoed
    common: dict[str, Any] = {
        "timeout": settings.llm_timeout_s,
        "max_retries": settings.llm_max_retries,  # clients back off and honour Retry-After
        "temperature": 0,
        "max_tokens": settings.llm_max_tokens,
    }
    if provider == "openai":
        return _openai(settings, name, {**common, **overrides})
    from langchain.chat_models import init_chat_model

    key = settings.api_key.get_secret_value() if settings.api_key else None
    options = {**common, **overrides}
    if key:
        options["api_key"] = key
    if settings.base_url:
        options["base_url"] = settings.base_url
    try:
        chat: BaseChatModel = init_chat_model(name, model_provider=provider, **options)
        return chat
    except ImportError as exc:
        raise ModelConfigError(
            f"provider {provider!r} needs its LangChain integration package: {exc}"
        ) from exc
    except ValueError as exc:
        raise ModelConfigError(f"cannot build model {model!r}: {exc}") from exc


def _openai(settings: Settings, name: str, options: dict[str, Any]) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    key = settings.api_key.get_secret_value() if settings.api_key else None
    if key is None and not settings.base_url:
        raise ModelConfigError(
            "an OpenAI model needs INTERVIEWER_API_KEY (or OPENAI_API_KEY), "
            "or INTERVIEWER_BASE_URL for a local server"
        )
    return ChatOpenAI(
        model=name,
        api_key=key or LOCAL_PLACEHOLDER_KEY,  # type: ignore[arg-type]
        base_url=settings.base_url,
        **options,
    )
