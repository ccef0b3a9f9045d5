"""The scale-out path: the same ingest and search against a real `chroma run` server."""

from pathlib import Path

import pytest

from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.store import KnowledgeStore, StoreUnavailable
from tests.support.servers import chroma_server, free_port

pytestmark = pytest.mark.server


def test_ingest_and_search_through_a_chroma_server(settings, tmp_path: Path) -> None:
    with chroma_server(tmp_path / "server-data") as port:
        remote = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": port})
        first = ingest(remote, progress=False)
        assert first.added > 0
        assert ingest(remote, progress=False).added == 0
        hits = KnowledgeStore.from_settings(remote).search(
            "hash table lookups", k=1, kind="question"
        )
        assert hits[0].question_id == "py.dict-lookup"
    # Nothing was written to the local folder: the server held it all.
    assert not (settings.chroma_dir / "chroma.sqlite3").exists()


def test_unreachable_server_is_a_clear_error(settings) -> None:
    remote = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": free_port()})
    with pytest.raises(StoreUnavailable, match="127.0.0.1"):
        KnowledgeStore.from_settings(remote)
