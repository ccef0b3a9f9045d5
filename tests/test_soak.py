"""A shortened soak (the full one is `make soak`): 20 candidates against the running app."""

import pytest

from bench.soak import soak
from interviewer.knowledge.ingest import ingest

pytestmark = [pytest.mark.server, pytest.mark.slow]


def test_short_soak_has_no_errors_and_flat_memory(settings) -> None:  # type: ignore[no-untyped-def]
    ingest(settings, progress=False)
    # The first reports (PDF fonts loaded) land in the first minute; memory is judged after that.
    result = soak(settings, candidates=20, seconds=90, warmup=60, llm_latency_s=0.5)
    print({k: v for k, v in result.items() if k != "rss_timeline"})
    assert result["turns"] > 100
    assert result["errors"] == 0, result["first_errors"]
    assert result["rss_growth_pct"] <= 10
