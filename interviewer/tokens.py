"""Token counting that works offline (tiktoken fed from verified local files)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import tiktoken

from interviewer.assets import activate_tiktoken

_assets_dir: Path | None = None


def configure(assets_dir: Path) -> None:
    global _assets_dir
    if _assets_dir != assets_dir:
        activate_tiktoken(assets_dir)
        _assets_dir = assets_dir
        _encoding.cache_clear()


@lru_cache(maxsize=4)
def _encoding(name: str) -> tiktoken.Encoding:
    if _assets_dir is None:
        raise RuntimeError("tokens.configure(assets_dir) must be called before counting tokens")
    return tiktoken.get_encoding(name)


def encoding_for(model: str) -> str:
    """o200k for the gpt-4o/4.1/5 and o-series families, cl100k for older models."""
    name = model.split(":", 1)[-1].lower()
    if name.startswith(("gpt-3.5", "gpt-4-", "text-embedding")) or name == "gpt-4":
        return "cl100k_base"
    return "o200k_base"


def count_tokens(text: str, encoding: str = "o200k_base") -> int:
    return len(_encoding(encoding).encode(text, disallowed_special=()))


def encode(text: str, encoding: str = "o200k_base") -> list[int]:
    return _encoding(encoding).encode(text, disallowed_special=())


def decode(tokens: list[int], encoding: str = "o200k_base") -> str:
    return _encoding(encoding).decode(tokens)
