"""Ingestion: knowledge files plus user files -> chunks -> embeddings -> Chroma.

Idempotent: chunk ids are content hashes, so unchanged chunks are skipped, changed ones
replaced and chunks of removed sources deleted. A second run with no change embeds nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from interviewer import tokens
from interviewer.config import Settings
from interviewer.knowledge.documents import (
    ExtraFileError,
    expand_paths,
    extra_chunks,
    knowledge_chunks,
)
from interviewer.knowledge.loader import KnowledgeBase, load_knowledge
from interviewer.knowledge.store import KnowledgeStore


@dataclass
class IngestSummary:
    entries: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        if self.added == self.updated == self.removed == 0:
            verdict = "nothing changed"
        else:
            verdict = f"added {self.added}, updated {self.updated}, removed {self.removed}"
        skipped = f", skipped {len(self.skipped)} file(s)" if self.skipped else ""
        return (
            f"Ingest: {verdict}; {self.unchanged} unchanged of {self.chunks} chunks "
            f"({self.entries} entries){skipped} in {self.seconds:.2f}s"
        )


def ingest(
    settings: Settings,
    extra_paths: list[Path] | None = None,
    *,
    prune_extras: bool = False,
    notes_area: str | None = None,
    progress: bool = True,
    store: KnowledgeStore | None = None,
    kb: KnowledgeBase | None = None,
) -> IngestSummary:
    started = time.perf_counter()
    tokens.configure(settings.resolved_assets_dir)
    kb = kb or load_knowledge(settings.knowledge_dir)
    summary = IngestSummary(entries=len(kb.questions) + sum(1 for _ in kb.topics()))
    desired = knowledge_chunks(kb, settings.chunk_tokens, settings.chunk_overlap)

    named_extras: set[str] = set()
    for path in expand_paths(extra_paths or []):
        try:
            chunks = extra_chunks(
                path, settings.chunk_tokens, settings.chunk_overlap, area=notes_area
            )
        except ExtraFileError as exc:
            summary.skipped.append(str(exc))
            continue
        named_extras.update(c.source for c in chunks)
        desired.extend(chunks)
        summary.entries += 1

    def is_managed(source: str, kind: str) -> bool:
        if kind != "extra":
            return True  # the knowledge folder is always described in full
        return prune_extras or source in named_extras or not Path(source).exists()

    store = store or KnowledgeStore.from_settings(settings)
    plan = store.plan_sync(desired, is_managed)
    summary.chunks = len({c.id for c in desired})
    summary.unchanged = plan.unchanged
    summary.removed = len(plan.to_remove)
    added_ids = {c.id for c in plan.to_add if c.source in plan.new_sources}
    summary.added = len(added_ids)
    summary.updated = len({c.id for c in plan.to_add}) - len(added_ids)

    bar = tqdm(
        total=len(plan.to_add),
        unit="chunk",
        disable=not progress or len(plan.to_add) < 50,
        desc="Embedding",
    )
    with bar:
        store.apply(plan, on_progress=bar.update)
    summary.seconds = time.perf_counter() - started
    return summary
