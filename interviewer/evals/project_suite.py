"""The project-answer rubric against labelled answers: overall QWK, Spearman and bias, and
per-part exact agreement. The rubric is the offline analysis every brain's project answers
get, so the suite runs whatever brain is chosen.

`evals/data/project_dev/answers.jsonl` is what the analysis was tuned on (a regression
guard); `evals/data/independent/project/answers.jsonl` was written and labelled separately
and is only ever reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from interviewer.evals.metrics import exact_agreement, mean_bias, quadratic_weighted_kappa, spearman
from interviewer.profile.lexicon import technologies
from interviewer.scoring.project_offline import score_project
from interviewer.scoring.schemas import PROJECT_PARTS


class ProjectDatasetError(ValueError):
    pass


def load_project_answers(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ProjectDatasetError(f"{path}: no such dataset")
    items = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            labels = item["labels"]
            assert all(0 <= int(labels[p]) <= 2 for p in PROJECT_PARTS)
            assert 1 <= int(labels["overall"]) <= 5
            item["answer"] + item["project"]["name"]
        except (ValueError, KeyError, TypeError, AssertionError) as error:
            raise ProjectDatasetError(
                f"{path}:{number}: not a labelled project answer ({error})"
            ) from error
        items.append(item)
    return items


def run_projects(path: Path) -> dict[str, Any]:
    items = load_project_answers(path)
    gold_overall, pred_overall = [], []
    parts_gold: dict[str, list[int]] = {p: [] for p in PROJECT_PARTS}
    parts_pred: dict[str, list[int]] = {p: [] for p in PROJECT_PARTS}
    details = []
    for item in items:
        score = score_project(item["answer"], item["project"]["name"], technologies(item["answer"]))
        gold_overall.append(int(item["labels"]["overall"]))
        pred_overall.append(score.overall)
        row = {"id": item["id"], "gold": item["labels"]["overall"], "pred": score.overall}
        for part in PROJECT_PARTS:
            parts_gold[part].append(int(item["labels"][part]))
            parts_pred[part].append(score.parts[part].score)
            row[part] = f"{item['labels'][part]}/{score.parts[part].score}"
        details.append(row)
    gold, pred = np.array(gold_overall), np.array(pred_overall)
    return {
        "dataset": str(path),
        "n": len(items),
        "qwk": round(quadratic_weighted_kappa(gold, pred, 1, 5), 3),
        "spearman": round(spearman(gold, pred), 3),
        "exact": round(exact_agreement(gold, pred), 3),
        "bias": round(mean_bias(gold, pred), 3),
        "part_exact": {
            part: round(exact_agreement(np.array(parts_gold[part]), np.array(parts_pred[part])), 3)
            for part in PROJECT_PARTS
        },
        "details": details,
    }
