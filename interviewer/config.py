"""Typed settings, read from the environment and `.env` with the INTERVIEWER_ prefix.

Nothing here connects or downloads: settings are plain values, and the objects that use
them (stores, models, the database) are built by functions elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OFFLINE = "offline"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="INTERVIEWER_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Local state: Chroma folder, SQLite file, caches and model assets live here.
    data_dir: Path = Path("data")
    assets_dir: Path | None = Field(
        default=None, description="Verified model and tokenizer files; default DATA_DIR/assets."
    )
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    prompts_dir: Path = PROJECT_ROOT / "prompts"

    # Knowledge store
    chroma_host: str | None = Field(
        default=None, description="Use a Chroma server instead of the local folder."
    )
    chroma_port: int = 8000
    collection: str = "knowledge"
    embedder: Literal["local", "openai"] = "local"
    openai_embedding_model: str = "text-embedding-3-small"
    chunk_tokens: int = Field(default=220, ge=32, le=2000)
    chunk_overlap: int = Field(default=40, ge=0, le=500)

    # Brains: "offline", or "openai:MODEL" / "MODEL" for any OpenAI-compatible server.
    model: str | None = None
    judge_model: str | None = None
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("INTERVIEWER_BASE_URL", "OPENAI_BASE_URL")
    )
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("INTERVIEWER_API_KEY", "OPENAI_API_KEY")
    )
    llm_timeout_s: float = Field(default=60.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0, le=10)
    llm_max_tokens: int = Field(default=1024, ge=16, le=32_000, description="Cap on each reply.")
    structured_max_attempts: int = Field(default=3, ge=1, le=10)
    scripted_latency_s: float = Field(
        default=0.0,
        ge=0,
        le=60,
        description="Delay of the scripted model's scoring calls (benchmarks).",
    )

    # Interview policy
    max_follow_ups: int = Field(default=2, ge=0, le=5)
    default_questions: int = Field(default=6, ge=1, le=40)

    # Persistence: any SQLAlchemy URL; default is a SQLite file in data_dir.
    database_url: str | None = None

    # Serving
    host: str = "127.0.0.1"
    port: int = 7860
    root_path: str = ""
    coach_username: str = "coach"
    coach_password: SecretStr | None = None
    worker_threads: int = Field(
        default=100, ge=4, le=1000, description="Threads for blocking handlers."
    )
    memory_trim_s: float = Field(
        default=60,
        ge=0,
        description="Seconds between handing freed heap memory back to the OS (0: never).",
    )

    @property
    def resolved_assets_dir(self) -> Path:
        return self.assets_dir or self.data_dir / "assets"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'interviewer.db').resolve()}"

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


def load_settings(**overrides: object) -> Settings:
    """Settings from env/.env, with command-line overrides (None values are ignored)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given)  # type: ignore[arg-type]
