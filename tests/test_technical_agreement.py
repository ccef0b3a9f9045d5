"""The offline technical scorer agrees with hand labels on held-out items.

Thresholds were fitted on odd-numbered items; the floors are checked on the even ones.
"""

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.evals.datasets import TechnicalItem, load_jsonl
from interviewer.evals.technical_suite import technical_metrics
from interviewer.knowledge.loader import load_knowledge
from interviewer.wiring import offline_brain

GOLD = PROJECT_ROOT / "evals" / "data" / "technical_gold.jsonl"


@pytest.mark.slow
def test_offline_technical_agreement_on_held_out_items(settings) -> None:
    kb = load_knowledge(PROJECT_ROOT / "knowledge")
    items = [i for i in load_jsonl(GOLD, TechnicalItem) if int(i.id.rsplit("-", 1)[1]) % 2 == 0]
    assert len(items) >= 40
    metrics = technical_metrics(offline_brain(settings), kb, items, samples=200)
    print(metrics)
    assert metrics["key_point_precision"] >= 0.7
    assert metrics["key_point_recall"] >= 0.7
    assert metrics["qwk"]["value"] >= 0.6
