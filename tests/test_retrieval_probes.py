"""Retrieval over the bundled guide: probe queries written for this test, area expected first."""

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.store import KnowledgeStore

PROBES = [
    ("why is looking up a key in a dict fast", "core-python"),
    ("difference between a list and a tuple", "core-python"),
    ("how does a decorator wrap a function", "core-python"),
    ("yield and lazy iteration to save memory", "core-python"),
    ("global interpreter lock and threads", "core-python"),
    ("batteries included framework with an admin panel vs a microframework", "frameworks"),
    ("blueprints and the application factory", "frameworks"),
    ("inner join versus left join", "databases"),
    ("when does adding an index make writes slower", "databases"),
    ("ACID transactions and isolation levels", "databases"),
    ("N+1 queries in an ORM", "databases"),
    ("which HTTP status code for a resource that was created", "rest-apis"),
    ("PUT versus PATCH and idempotency", "rest-apis"),
    ("serializers and viewsets in Django REST framework", "rest-apis"),
    ("calling a third-party API with requests and a timeout", "rest-apis"),
    ("merge versus rebase when integrating a branch", "git"),
    ("resolving a merge conflict", "git"),
    ("writing a Dockerfile with layer caching", "docker"),
    ("docker compose with a postgres service", "docker"),
    ("continuous integration pipeline that runs tests on every push", "deployment"),
    ("gunicorn behind nginx on a cloud server", "deployment"),
    ("breadth-first search on a graph", "dsa"),
    ("binary search on a sorted array", "dsa"),
    ("tell me about a time you disagreed with a teammate", "behavioural"),
    ("situation task action result structure for answers", "behavioural"),
    ("walk me through a project you built and deployed", "projects"),
    ("bluffing instead of admitting you do not know", "common-mistakes"),
]


@pytest.fixture(
    scope="module", params=["embedded", pytest.param("server", marks=pytest.mark.server)]
)
def bundled_store(request, tmp_path_factory):
    """The bundled guide in the embedded store, and in a real `chroma run` server."""
    from interviewer import tokens
    from interviewer.config import Settings
    from tests.support.paths import ASSETS_DIR
    from tests.support.servers import chroma_server

    tokens.configure(ASSETS_DIR)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        assets_dir=ASSETS_DIR,
        knowledge_dir=PROJECT_ROOT / "knowledge",
        _env_file=None,
    )  # type: ignore[call-arg]
    if request.param == "embedded":
        ingest(settings, progress=False)
        yield KnowledgeStore.from_settings(settings)
        return
    with chroma_server(tmp_path_factory.mktemp("chroma")) as port:
        remote = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": port})
        ingest(remote, progress=False)
        yield KnowledgeStore.from_settings(remote)


@pytest.mark.slow
def test_right_area_comes_first_for_most_probes(bundled_store) -> None:
    misses = []
    for query, area in PROBES:
        top = bundled_store.search(query, k=1)[0]
        if top.area != area:
            misses.append(f"{query!r}: expected {area}, got {top.area} ({top.entry_id})")
    hit_rate = 1 - len(misses) / len(PROBES)
    print(f"retrieval hit rate {hit_rate:.2f} over {len(PROBES)} probes; misses: {misses}")
    assert len(PROBES) >= 20
    assert hit_rate >= 0.8, misses


@pytest.mark.slow
def test_question_search_respects_filters(bundled_store) -> None:
    hits = bundled_store.search(
        "indexes", k=5, kind="question", area="databases", difficulty="easy"
    )
    assert hits and all(h.area == "databases" and h.metadata["difficulty"] == "easy" for h in hits)
    excluded = {hits[0].question_id}
    again = bundled_store.search(
        "indexes", k=5, kind="question", area="databases", exclude_question_ids=excluded
    )
    assert excluded.isdisjoint({h.question_id for h in again})
