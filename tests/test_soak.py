"""A shortened soak (the full one is `make soak`): 20 candidates against the running app."""

import pytest

from bench.soak import rss_growth, soak
from interviewer.knowledge.ingest import ingest

pytestmark = [pytest.mark.server, pytest.mark.slow]


def test_rss_growth_reads_medians_and_the_trend() -> None:
    flat = [(float(t), 700.0 + (5 if t % 20 == 0 else 0)) for t in range(0, 300, 2)]
    assert rss_growth(flat, 60)["rss_growth_pct"] == 0
    leaking = [(float(t), 700.0 + 15 * t / 60) for t in range(0, 300, 2)]  # 15 MB a minute
    grown = rss_growth(leaking, 60)
    assert grown["rss_mb_per_min"] == pytest.approx(15, abs=0.01)
    assert grown["rss_growth_pct_projected_10min"] > 10


def test_short_soak_has_no_errors_and_flat_memory(settings) -> None:
    ingest(settings, progress=False)
    # The first reports (PDF fonts loaded) land in the first minute; memory is judged after that.
    # 3.5 minutes: long enough for the trend to show a leak of a few MB a minute, which the
    # 10-minute run would turn into more than 10% (a 90 s run once missed one).
    result = soak(settings, candidates=20, seconds=210, warmup=60, llm_latency_s=0.5)
    print({k: v for k, v in result.items() if k != "rss_timeline"})
    assert result["turns"] > 300
    assert result["errors"] == 0, result["first_errors"]
    assert result["rss_growth_pct"] <= 10
    assert result["rss_growth_pct_projected_10min"] <= 10
