import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from interviewer.knowledge.embedder import LocalMiniLMEmbedding
from tests.support.paths import ASSETS_DIR


def test_vectors_are_normalised_and_order_preserving() -> None:
    embedder = LocalMiniLMEmbedding(ASSETS_DIR)
    texts = ["a much longer sentence about database indexes and b-trees", "short", ""]
    vectors = embedder.embed(texts)
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # Batch order must not depend on the length sort used internally.
    alone = embedder.embed([texts[0]])[0]
    assert float(alone @ vectors[0]) > 0.999


def test_similar_texts_are_closer_than_unrelated_ones() -> None:
    embedder = LocalMiniLMEmbedding(ASSETS_DIR)
    q, near, far = embedder.embed(
        [
            "How do I speed up a slow SQL query?",
            "Adding an index to the column in the WHERE clause makes lookups faster",
            "Tell me about a time you disagreed with a teammate",
        ]
    )
    assert float(q @ near) > float(q @ far) + 0.1


def test_reopened_collection_rebuilds_our_embedder_not_chromas_default(tmp_path) -> None:
    settings = ChromaSettings(anonymized_telemetry=False)
    client = chromadb.PersistentClient(path=str(tmp_path), settings=settings)
    collection = client.create_collection(
        "kb-test",
        embedding_function=LocalMiniLMEmbedding(ASSETS_DIR),  # type: ignore[arg-type]
    )
    collection.add(ids=["1"], documents=["Git rebase rewrites history"])
    del collection, client

    reopened = chromadb.PersistentClient(path=str(tmp_path), settings=settings).get_collection(
        "kb-test"
    )
    # Querying by text embeds with the rebuilt function; Chroma's default would try a download
    # (and the network guard would fail this test).
    result = reopened.query(query_texts=["what does rebase do"], n_results=1)
    assert result["ids"] == [["1"]]
    rebuilt = reopened.configuration.get("embedding_function")
    assert isinstance(rebuilt, LocalMiniLMEmbedding)
    assert rebuilt.assets_dir == ASSETS_DIR
