"""Typed settings, read from the environment and `.env` with the INTERVIEWER_ prefix.

Nothing here connects or downloads: settings are plain values, and the objects that use
them (stores, models, the database) are built by functions elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from interviewer.errors import UserError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OFFLINE = "offline"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="INTERVIEWER_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # ----- Local state ----------------------------------------------------------------
    data_dir: Path = Field(
        default=Path("data"),
        description="Where local state lives: Chroma folder, SQLite file, verified model files.",
        json_schema_extra={"section": "Local state", "example": "data"},
    )
    assets_dir: Path | None = Field(
        default=None, description="Verified model and tokenizer files; default DATA_DIR/assets."
    )
    knowledge_dir: Path = Field(
        default=PROJECT_ROOT / "knowledge", description="The knowledge base (YAML files)."
    )
    problems_dir: Path = Field(
        default=PROJECT_ROOT / "knowledge" / "problems",
        description="The coding round's problems (one YAML file each).",
    )
    prompts_dir: Path = Field(
        default=PROJECT_ROOT / "prompts", description="The prompts (one YAML file each)."
    )

    # ----- Knowledge store ----------------------------------------------------------------
    chroma_host: str | None = Field(
        default=None,
        description="Use a Chroma server (`chroma run`) instead of the local folder.",
        json_schema_extra={"section": "Knowledge store", "example": "127.0.0.1"},
    )
    chroma_port: int = Field(default=8000, description="The Chroma server's port.")
    collection: str = Field(default="knowledge", description="The Chroma collection name.")
    embedder: Literal["local", "openai"] = Field(
        default="local", description="Embeddings: local (MiniLM, offline) or openai."
    )
    openai_embedding_model: str = Field(
        default="text-embedding-3-small", description="The OpenAI embedding model."
    )
    chunk_tokens: int = Field(
        default=220, ge=32, le=2000, description="Tokens per chunk of topic notes."
    )
    chunk_overlap: int = Field(
        default=40, ge=0, le=500, description="Tokens shared by neighbouring chunks."
    )

    # ----- Brains ---------------------------------------------------------------------
    model: str | None = Field(
        default=None,
        description="The interviewer: 'offline', or a model string such as "
        "openai:gpt-4o-mini, anthropic:claude-3-5-haiku-latest, ollama:llama3.1 "
        "(unset: offline unless a key or base URL is set).",
        json_schema_extra={"section": "Brains", "example": "openai:gpt-4o-mini"},
    )
    judge_model: str | None = Field(
        default=None,
        description="A separate model for scoring (default: the interviewer's); 'offline': the "
        "model words the questions and follow-ups while the offline engine scores (for small "
        "local models whose scores agree less with the gold sets than the engine's).",
        json_schema_extra={"example": "openai:gpt-4o-mini"},
    )
    base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("INTERVIEWER_BASE_URL", "OPENAI_BASE_URL"),
        description="An OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp); "
        "OPENAI_BASE_URL also works.",
        json_schema_extra={"example": "http://127.0.0.1:11434/v1"},
    )
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("INTERVIEWER_API_KEY", "OPENAI_API_KEY"),
        description="The provider's key (OPENAI_API_KEY also works). Never logged or shown.",
        json_schema_extra={"example": "sk-..."},
    )
    llm_timeout_s: float = Field(default=60.0, gt=0, description="Seconds before a call fails.")
    llm_max_retries: int = Field(
        default=2, ge=0, le=10, description="Transport retries per call (with back-off)."
    )
    llm_max_tokens: int = Field(default=1024, ge=16, le=32_000, description="Cap on each reply.")
    structured_max_attempts: int = Field(
        default=3, ge=1, le=10, description="Re-asks for a valid score before falling back."
    )
    structured_output: Literal["auto", "json_schema", "json_object", "tool_calling", "plain"] = (
        Field(
            default="auto",
            description="How the judge is asked for JSON: json_schema (OpenAI strict, vLLM, "
            "LM Studio, Ollama, llama.cpp's C++ server), json_object (a JSON object with a "
            "schema: llama-cpp-python's server), tool_calling (a forced tool call), plain (the "
            "schema in the prompt). auto: json_schema for OpenAI, json_object with a base URL, "
            "tool_calling for other providers.",
            json_schema_extra={"example": "json_schema"},
        )
    )
    structured_evidence: Literal["auto", "quotes", "sentences"] = Field(
        default="auto",
        description="How a score cites the answer: quotes (copied words, snapped to the "
        "answer when near-verbatim) or sentences (the answer goes as numbered sentences and "
        "the model cites their numbers, an enum its grammar enforces, so a quote cannot be "
        "invented). auto: sentences for json_object (grammar servers), quotes otherwise.",
        json_schema_extra={"example": "sentences"},
    )
    scripted_latency_s: float = Field(
        default=0.0,
        ge=0,
        le=60,
        description="Delay of the scripted stand-in model's scoring calls (benchmarks only).",
    )

    # ----- Coding round ---------------------------------------------------------------
    sandbox_workers: int = Field(
        default=2,
        ge=1,
        le=32,
        description="Code runs at once (each in its own bubblewrap sandbox and uid).",
        json_schema_extra={"section": "Coding round"},
    )
    sandbox_queue: int = Field(
        default=18,
        ge=0,
        le=500,
        description="Runs that may wait for a free sandbox; beyond that a run is refused.",
    )

    # ----- Interview policy -------------------------------------------------------------
    max_follow_ups: int = Field(
        default=2,
        ge=0,
        le=5,
        description="Follow-ups per main question.",
        json_schema_extra={"section": "Interview policy"},
    )
    default_questions: int = Field(
        default=6, ge=1, le=40, description="Main questions when none are chosen."
    )

    # ----- Persistence ------------------------------------------------------------------
    database_url: str | None = Field(
        default=None,
        description="Any SQLAlchemy URL (default: a SQLite file in DATA_DIR).",
        json_schema_extra={
            "section": "Persistence",
            "example": "postgresql+psycopg://user:password@127.0.0.1/interviewer",
        },
    )

    # ----- Serving ------------------------------------------------------------------------
    host: str = Field(
        default="127.0.0.1",
        description="Bind address.",
        json_schema_extra={"section": "Serving"},
    )
    port: int = Field(default=7860, ge=1, le=65535, description="Port.")
    root_path: str = Field(default="", description="Path prefix when served under a proxy.")
    public_url: str | None = Field(
        default=None,
        description="The address browsers use (e.g. https://interview.example.org); default "
        "http://HOST:PORT. Used instead of the request's Host header, which is never trusted.",
    )
    allowed_hosts: str = Field(
        default="",
        description="Host names accepted in requests, besides the public URL's, 127.0.0.1 "
        "and localhost (comma-separated in the environment).",
    )
    forwarded_allow_ips: str = Field(
        default="",
        description="Proxies whose X-Forwarded-For is trusted for the client address "
        "(uvicorn's setting); empty: the connecting address is the client.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs download links and browser state; default: a random key kept in "
        "DATA_DIR/secret.key (shared by every process on that folder).",
    )
    worker_threads: int = Field(
        default=100, ge=4, le=1000, description="Threads for blocking handlers."
    )
    embed_threads: int = Field(
        default=0,
        ge=0,
        le=64,
        description="Threads the embedder (ONNX) uses per process; 0: its default, one per "
        "core. `serve` gives each worker its share of the cores.",
    )
    worker_name: str = Field(
        default="",
        max_length=40,
        description="This process's name behind the proxy (set by `serve`; shown in logs).",
    )
    proxy_requests_per_10s: int = Field(
        default=1000,
        ge=10,
        description="`serve`: requests one client address may make in 10 s, at the proxy, "
        "for every worker together (a page load is about 60).",
    )
    proxy_connections_per_client: int = Field(
        default=200, ge=2, description="`serve`: open connections per client address."
    )
    memory_trim_s: float = Field(
        default=60,
        ge=0,
        description="Seconds between handing freed heap memory back to the OS (0: never).",
    )
    pdf_font: Path | None = Field(
        default=None, description="A Unicode TTF for PDF exports (default: DejaVu or Liberation)."
    )

    coach_username: str = Field(
        default="coach",
        description="The coach's user name.",
        json_schema_extra={"section": "Coach desk"},
    )
    coach_password: SecretStr | None = Field(
        default=None,
        description="The coach's password; no default: without one the desk is disabled.",
    )
    coach_session_hours: float = Field(
        default=8, gt=0, le=24 * 7, description="A coach login expires this long after it began."
    )
    coach_idle_minutes: float = Field(
        default=60, gt=0, description="...or after this long without a request."
    )
    login_free_failures: int = Field(
        default=5, ge=1, description="Failed logins (per account, per address) before delays."
    )
    login_window_minutes: float = Field(
        default=15, gt=0, description="How far back failed logins are counted."
    )
    login_max_delay_s: float = Field(
        default=900, gt=0, description="The longest wait imposed after failed logins."
    )

    events_per_minute: int = Field(
        default=30,
        ge=1,
        description="Requests per client per minute.",
        json_schema_extra={"section": "Abuse limits, per client address"},
    )
    event_burst: int = Field(default=10, ge=1, description="Requests a client may make at once.")
    concurrent_events: int = Field(
        default=2, ge=1, description="Requests of one client being worked on at the same time."
    )
    sessions_per_hour: int = Field(
        default=30, ge=1, description="New interviews per client per hour."
    )
    history_lookups_per_minute: int = Field(
        default=10, ge=1, description="History-code look-ups per client per minute."
    )
    queue_size: int = Field(default=200, ge=1, description="Events waiting in each app's queue.")
    max_request_kb: int = Field(
        default=256, ge=16, description="Largest request body accepted (uploads excepted), KB."
    )
    max_upload_mb: float = Field(default=5, gt=0, description="Largest file upload accepted, MB.")
    file_ttl_hours: float = Field(
        default=4, gt=0, description="Download links and cached files expire after this long."
    )

    @property
    def resolved_assets_dir(self) -> Path:
        return self.assets_dir or self.data_dir / "assets"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'interviewer.db').resolve()}"

    @property
    def resolved_public_url(self) -> str:
        host = "localhost" if self.host in ("0.0.0.0", "::") else self.host
        return (self.public_url or f"http://{host}:{self.port}").rstrip("/")

    @property
    def host_allowlist(self) -> list[str]:
        from urllib.parse import urlsplit

        public = urlsplit(self.resolved_public_url).hostname or ""
        given = [h.strip() for h in self.allowed_hosts.split(",") if h.strip()]
        return sorted({"127.0.0.1", "localhost", "::1", public, *given} - {""})

    @property
    def secret_key_file(self) -> Path:
        return self.data_dir / "secret.key"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def resolved_model(self) -> str:
        """The interviewer's brain: explicit setting, else OpenAI when a key or URL is set."""
        if self.model:
            return self.model
        if self.api_key or self.base_url:
            return "openai:gpt-4o-mini"
        return OFFLINE

    @property
    def uses_llm(self) -> bool:
        return self.resolved_model != OFFLINE


class SettingsError(UserError, ValueError):
    """A setting (environment, .env or flag) has a value it cannot take."""


def load_settings(**overrides: object) -> Settings:
    """Settings from env/.env, with command-line overrides (None values are ignored)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"INTERVIEWER_{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise SettingsError(f"invalid setting: {problems}") from exc
