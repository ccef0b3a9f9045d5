"""The Chroma-backed knowledge store: idempotent sync and filtered search.

Chroma runs embedded (a folder under the data directory) by default, or as a client of a
`chroma run` server when a host is configured.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings

from interviewer.config import Settings
from interviewer.errors import UserError
from interviewer.knowledge.documents import Chunk
from interviewer.knowledge.embedder import make_embedder

UPSERT_BATCH = 128
QUERY_CACHE = 2048


class StoreUnavailable(UserError, RuntimeError):
    """The knowledge store cannot be reached (for example the Chroma server is down)."""


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    distance: float
    metadata: dict[str, Any]

    @property
    def area(self) -> str:
        return str(self.metadata.get("area", ""))

    @property
    def source(self) -> str:
        return str(self.metadata.get("source", ""))

    @property
    def question_id(self) -> str:
        return str(self.metadata.get("question_id", ""))

    @property
    def entry_id(self) -> str:
        return str(self.metadata.get("entry_id", ""))


@dataclass
class SyncPlan:
    to_add: list[Chunk]
    to_remove: list[str]
    unchanged: int
    new_sources: set[str]


def make_client(settings: Settings) -> Any:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def build_where(**filters: Any) -> dict[str, Any] | None:
    """Chroma `where` from keyword filters; None values are ignored, lists mean 'one of'."""
    clauses: list[dict[str, Any]] = []
    exclude = filters.pop("exclude_question_ids", None)
    for key, value in filters.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set):
            clauses.append({key: {"$in": list(value)}})
        else:
            clauses.append({key: value})
    if exclude:
        clauses.append({"question_id": {"$nin": sorted(exclude)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class KnowledgeStore:
    def __init__(self, client: Any, embedder: Any, collection_name: str) -> None:
        self.embedder = embedder
        self._query_cache: OrderedDict[str, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.collection_name = f"{collection_name}-{embedder.name()}"
        try:
            self.collection = client.get_or_create_collection(
                name=self.collection_name,
                embedding_function=embedder,
                configuration={"hnsw": {"space": "cosine"}},
            )
        except Exception as exc:  # chromadb raises a variety of transport errors
            raise StoreUnavailable(f"cannot open the knowledge store: {exc}") from exc

    @classmethod
    def from_settings(cls, settings: Settings) -> KnowledgeStore:
        try:
            client = make_client(settings)
        except Exception as exc:
            where = settings.chroma_host or settings.chroma_dir
            raise StoreUnavailable(f"cannot reach the Chroma store at {where}: {exc}") from exc
        return cls(client, make_embedder(settings), settings.collection)

    def count(self) -> int:
        return int(self.collection.count())

    def has_kind(self, kind: str) -> bool:
        """Whether any chunk of this kind is stored (a coach's notes: "extra")."""
        try:
            found = self.collection.get(where={"kind": kind}, limit=1, include=[])
        except Exception as exc:
            raise StoreUnavailable(f"the knowledge store is unreachable: {exc}") from exc
        return bool(found["ids"])

    def existing(self) -> dict[str, tuple[str, str]]:
        """id -> (source, kind) of every chunk in the collection."""
        result = self.collection.get(include=["metadatas"])
        return {
            chunk_id: (str((meta or {}).get("source", "")), str((meta or {}).get("kind", "")))
            for chunk_id, meta in zip(result["ids"], result["metadatas"] or [], strict=False)
        }

    def plan_sync(
        self, desired: Sequence[Chunk], is_managed: Callable[[str, str], bool]
    ) -> SyncPlan:
        """What to add and remove so the managed part of the store equals `desired`.

        `is_managed(source, kind)` says whether an existing chunk belongs to what this
        sync describes; chunks it does not manage are left alone.
        """
        existing = self.existing()
        desired_ids = {chunk.id for chunk in desired}
        existing_sources = {source for source, _ in existing.values()}
        to_add = [chunk for chunk in desired if chunk.id not in existing]
        to_remove = [
            chunk_id
            for chunk_id, (source, kind) in existing.items()
            if chunk_id not in desired_ids and is_managed(source, kind)
        ]
        return SyncPlan(
            to_add=to_add,
            to_remove=to_remove,
            unchanged=len(desired_ids) - len({c.id for c in to_add}),
            new_sources={c.source for c in to_add} - existing_sources,
        )

    def apply(self, plan: SyncPlan, on_progress: Callable[[int], object] | None = None) -> None:
        for start in range(0, len(plan.to_remove), UPSERT_BATCH * 8):
            self.collection.delete(ids=plan.to_remove[start : start + UPSERT_BATCH * 8])
        unique = list({chunk.id: chunk for chunk in plan.to_add}.values())
        for start in range(0, len(unique), UPSERT_BATCH):
            batch = unique[start : start + UPSERT_BATCH]
            texts = [chunk.text for chunk in batch]
            self.collection.upsert(
                ids=[chunk.id for chunk in batch],
                documents=texts,
                embeddings=self.embedder(texts),
                metadatas=[chunk.store_metadata() for chunk in batch],
            )
            if on_progress:
                on_progress(len(batch))

    def remember_queries(self, texts: list[str], vectors: Any) -> None:
        """Vectors already computed for texts that will be queried (the questions, embedded
        at start-up), so a candidate's turn does not embed them again."""
        with self._cache_lock:
            for text, vector in zip(texts[:QUERY_CACHE], vectors, strict=False):
                self._query_cache[text] = vector

    def _query_vector(self, text: str) -> Any:
        """Query embeddings, memoised: plan slots and questions repeat across sessions."""
        with self._cache_lock:
            if text in self._query_cache:
                self._query_cache.move_to_end(text)
                return self._query_cache[text]
        vector = self.embedder.embed_query([text])[0]
        with self._cache_lock:
            self._query_cache[text] = vector
            if len(self._query_cache) > QUERY_CACHE:
                self._query_cache.popitem(last=False)
        return vector

    def search(
        self,
        text: str,
        k: int = 5,
        *,
        area: str | Iterable[str] | None = None,
        kind: str | None = None,
        type: str | Iterable[str] | None = None,
        difficulty: str | Iterable[str] | None = None,
        exclude_question_ids: Iterable[str] = (),
    ) -> list[Hit]:
        where = build_where(
            area=_one_or_list(area),
            kind=kind,
            type=_one_or_list(type),
            difficulty=_one_or_list(difficulty),
            exclude_question_ids=set(exclude_question_ids),
        )
        try:
            result = self.collection.query(
                query_embeddings=[self._query_vector(text)],
                n_results=k,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        except Exception as exc:
            raise StoreUnavailable(
                "The knowledge store is unreachable right now, so the next question cannot be "
                "chosen. Your answer is saved; try again in a moment."
            ) from exc
        ids = result["ids"][0]
        docs = (result.get("documents") or [[]])[0]
        metas = (result.get("metadatas") or [[]])[0]
        dists = (result.get("distances") or [[]])[0]
        return [
            Hit(id=i, text=d or "", distance=float(dist), metadata=dict(m or {}))
            for i, d, m, dist in zip(ids, docs, metas, dists, strict=False)
        ]


def _one_or_list(value: str | Iterable[str] | None) -> str | list[str] | None:
    if value is None or isinstance(value, str):
        return value
    values = list(value)
    return values[0] if len(values) == 1 else values
