"""Embedding functions for the knowledge store, registered with Chroma.

The local embedder runs the int8 all-MiniLM-L6-v2 ONNX model with onnxruntime and the
`tokenizers` library, padding each batch only to its longest text (Chroma's stock
embedder pads everything to 256 tokens). Both classes are registered with Chroma, so a
reopened collection rebuilds *this* function from its saved config instead of falling
back to Chroma's default, which would try to download a model.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from interviewer import assets

MAX_TOKENS = 256
MAX_BATCH = 64
BATCH_TOKENS = 2048  # padded tokens per batch: large batches of long texts run slower, not faster
DIMENSIONS = 384

_sessions: dict[str, tuple[Any, Any, Any]] = {}
_sessions_lock = threading.Lock()
_threads = 0  # 0: onnxruntime's default (a thread per core, spinning between runs)


def configure_threads(threads: int) -> None:
    """How many threads each ONNX session of this process uses (before the first embed)."""
    global _threads
    _threads = threads


def _load(assets_dir: Path) -> tuple[Any, Any, Any]:
    """One ONNX session and tokenizer per process (they are thread-safe for inference)."""
    key = str(assets_dir.resolve())
    with _sessions_lock:
        if key not in _sessions:
            import onnxruntime
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(assets.tokenizer_path(assets_dir)))
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            tokenizer.no_padding()  # the file may pin a fixed padding; we pad per batch ourselves
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            if _threads:
                # Several workers on the same cores: each its share, and no spinning pool
                # that keeps a core busy between an idle worker's runs.
                options.intra_op_num_threads = _threads
                options.inter_op_num_threads = 1
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            session = onnxruntime.InferenceSession(
                str(assets.minilm_model_path()), options, providers=["CPUExecutionProvider"]
            )
            # The memory arena makes long batches ~30% faster than no arena (cold ingest), but
            # alone it keeps its high-water mark for good; shrinking it after each run keeps
            # most of the speed and the lowest resident memory of the three (bench notes).
            run_options = onnxruntime.RunOptions()
            run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
            _sessions[key] = (tokenizer, session, run_options)
        return _sessions[key]


@register_embedding_function
class LocalMiniLMEmbedding(EmbeddingFunction[Documents]):
    """all-MiniLM-L6-v2 (int8 ONNX), mean-pooled and L2-normalised, 384 dimensions."""

    def __init__(self, assets_dir: str | Path = "data/assets") -> None:
        self.assets_dir = Path(assets_dir)

    @staticmethod
    def name() -> str:
        return "interviewer-minilm-l6-int8"

    def get_config(self) -> dict[str, Any]:
        return {"assets_dir": str(self.assets_dir)}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> LocalMiniLMEmbedding:
        return LocalMiniLMEmbedding(config.get("assets_dir", "data/assets"))

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def warm_up(self) -> None:
        _load(self.assets_dir)

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embed(list(input)))

    def embed(self, texts: list[str]) -> np.ndarray:
        tokenizer, session, run_options = _load(self.assets_dir)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encoded = tokenizer.encode_batch([t or " " for t in texts])
        # Sorting by length keeps each batch's padding small; the order is restored below.
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for batch in _batches(order, [len(e.ids) for e in encoded]):
            width = max(len(encoded[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                length = len(encoded[i].ids)
                ids[row, :length] = encoded[i].ids
                mask[row, :length] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            (hidden,) = session.run(["last_hidden_state"], feeds, run_options)
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[batch] = pooled / np.clip(norms, 1e-12, None)
        return out


def _batches(order: list[int], lengths: list[int]) -> list[list[int]]:
    """Consecutive runs of `order` whose padded size stays under BATCH_TOKENS."""
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:  # ascending length, so the newest item sets the padded width
        if current and (
            (len(current) + 1) * lengths[i] > BATCH_TOKENS or len(current) >= MAX_BATCH
        ):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


@register_embedding_function
class OpenAIKnowledgeEmbedding(EmbeddingFunction[Documents]):
    """OpenAI (or compatible) embeddings through LangChain, for users who configure them.

    The API key is handed over by whoever builds it (from settings) and never stored in
    Chroma's config; one rebuilt from that config alone uses the provider's own variable.
    """

    def __init__(
        self,
        model: str = "text-embedding-3-small",
        base_url: str | None = None,
        api_key: Any = None,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self._api_key = api_key
        self._client: Any = None

    @staticmethod
    def name() -> str:
        return "interviewer-openai"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model, "base_url": self.base_url}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAIKnowledgeEmbedding:
        return OpenAIKnowledgeEmbedding(config["model"], config.get("base_url"))

    def __call__(self, input: Documents) -> Embeddings:
        if self._client is None:
            from langchain_openai import OpenAIEmbeddings

            self._client = OpenAIEmbeddings(
                model=self.model,
                base_url=self.base_url,
                api_key=self._api_key,
                check_embedding_ctx_length=False,  # avoids a tiktoken download per call
            )
        vectors = self._client.embed_documents(list(input))
        return [np.asarray(v, dtype=np.float32) for v in vectors]


def make_embedder(settings: Any) -> EmbeddingFunction[Documents]:
    if settings.embedder == "openai":
        return OpenAIKnowledgeEmbedding(
            settings.openai_embedding_model, settings.base_url, settings.api_key
        )
    return LocalMiniLMEmbedding(settings.resolved_assets_dir)
