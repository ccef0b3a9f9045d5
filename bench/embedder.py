"""Embedding throughput: our local embedder against Chroma's stock ONNX embedder, same texts.

Both run the same int8 all-MiniLM-L6-v2 weights (the stock class is pointed at our verified
model file, since its own download cannot happen offline), so the ratio measures what we
changed: per-batch dynamic padding and token-bounded batches instead of padding every text
to 256 tokens. Run: `python bench/embedder.py` (after `interviewer setup`).
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer import assets, tokens  # noqa: E402
from interviewer.config import load_settings  # noqa: E402
from interviewer.knowledge.documents import knowledge_chunks  # noqa: E402
from interviewer.knowledge.embedder import LocalMiniLMEmbedding  # noqa: E402
from interviewer.knowledge.loader import load_knowledge  # noqa: E402

REPEATS = 3


def stock_embedder(assets_dir: Path, workdir: Path):
    from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

    folder = workdir / "onnx"
    folder.mkdir(parents=True)
    (folder / "model.onnx").symlink_to(assets.minilm_model_path())
    (folder / "tokenizer.json").symlink_to(assets.tokenizer_path(assets_dir).resolve())
    for name in ("config.json", "special_tokens_map.json", "tokenizer_config.json", "vocab.txt"):
        (folder / name).write_text(
            "{}"
        )  # present so nothing is downloaded; only the two above are read
    ONNXMiniLM_L6_V2.DOWNLOAD_PATH = workdir
    return ONNXMiniLM_L6_V2(preferred_providers=["CPUExecutionProvider"])


def timed(embed, texts: list[str]) -> tuple[float, np.ndarray]:
    seconds, vectors = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        vectors = np.asarray(embed(texts))
        seconds.append(time.perf_counter() - start)
    assert vectors is not None
    return statistics.median(seconds), vectors


def measure() -> dict[str, Any]:
    settings = load_settings()
    tokens.configure(settings.resolved_assets_dir)
    kb = load_knowledge(settings.knowledge_dir)
    chunks = [c.text for c in knowledge_chunks(kb, settings.chunk_tokens, settings.chunk_overlap)]
    short = [q.question for q in kb.questions] + [
        kp.text for q in kb.questions for kp in q.key_points
    ][:300]
    # Every third chunk keeps the run short on 2 cores while spanning all areas.
    sets = {"knowledge chunks": chunks[::3], "short texts (questions, key points)": short}
    ours = LocalMiniLMEmbedding(settings.resolved_assets_dir)
    ours.warm_up()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        stock = stock_embedder(settings.resolved_assets_dir, Path(tmp))
        stock(["warm up"])
        for name, texts in sets.items():
            ours_s, ours_v = timed(ours.embed, texts)
            stock_s, stock_v = timed(stock, texts)
            agreement = float(np.min(np.sum(ours_v * stock_v, axis=1)))
            rows.append(
                {
                    "texts": name,
                    "count": len(texts),
                    "ours_per_s": len(texts) / ours_s,
                    "stock_per_s": len(texts) / stock_s,
                    "ratio": stock_s / ours_s,
                    "min_cosine_between_them": agreement,
                }
            )
    return {"machine": platform.platform(), "rows": rows}


def main() -> None:
    result = measure()
    print(f"{'texts':38} {'n':>5} {'ours/s':>9} {'stock/s':>9} {'ratio':>7} {'min cos':>8}")
    for r in result["rows"]:
        print(
            f"{r['texts']:38} {r['count']:>5} {r['ours_per_s']:>9.1f} {r['stock_per_s']:>9.1f} "
            f"{r['ratio']:>6.1f}x {r['min_cosine_between_them']:>8.4f}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "embedder.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
