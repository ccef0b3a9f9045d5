"""The eval runner: datasets in the documented format, replay that never calls out, A/B verdicts."""

import json
import re
from pathlib import Path

import pytest

from interviewer.config import PROJECT_ROOT
from interviewer.evals.ab import paired_comparison
from interviewer.evals.datasets import DatasetError, load_star_dataset
from interviewer.evals.report import write_reports
from interviewer.evals.runner import EvalError, EvalOptions, run_eval

GOLD = PROJECT_ROOT / "evals" / "data" / "star_gold.jsonl"


def _small_star_file(tmp_path: Path, n: int = 12) -> Path:
    lines = GOLD.read_text(encoding="utf-8").splitlines()[:n]
    minimal = []
    for line in lines:  # only the documented fields: any file in this format must work
        item = json.loads(line)
        minimal.append(
            json.dumps({k: item[k] for k in ("id", "question", "answer", "labels", "overall")})
        )
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(minimal) + "\n")
    return path


def test_any_file_in_the_star_format_is_accepted(settings, tmp_path: Path) -> None:
    settings = settings.model_copy(update={"knowledge_dir": PROJECT_ROOT / "knowledge"})
    options = EvalOptions(
        suite="star", dataset=_small_star_file(tmp_path), samples=50, progress=False
    )
    results = run_eval(settings, options)
    star = results["sections"]["star"]
    assert star["items"] == 12 and "human_ceiling" not in star  # no second pass for a user file
    assert {"qwk", "spearman", "bias"} <= set(star["overall"])
    paths = write_reports(results, tmp_path / "report")
    assert "<svg" in paths[1].read_text() and json.loads(paths[2].read_text())["suite"] == "star"


def test_bad_dataset_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = _small_star_file(tmp_path, 3)
    lines = path.read_text().splitlines()
    broken = json.loads(lines[1])
    broken["labels"]["task"] = 7
    lines[1] = json.dumps(broken)
    path.write_text("\n".join(lines))
    with pytest.raises(DatasetError, match=r"mine.jsonl:2: labels.task"):
        load_star_dataset(path)


def test_replay_fails_on_a_missing_recording_instead_of_calling_out(
    settings, tmp_path: Path
) -> None:
    settings = settings.model_copy(update={"knowledge_dir": PROJECT_ROOT / "knowledge"})
    options = EvalOptions(
        suite="star",
        brain="scripted:mirror",
        dataset=_small_star_file(tmp_path, 2),
        recordings=tmp_path / "empty",
        samples=20,
        progress=False,
    )
    with pytest.raises(EvalError, match="no recording"):
        run_eval(settings, options)
    # Record, then replay gives the same numbers with no model behind it.
    recorded = run_eval(settings, EvalOptions(**{**options.__dict__, "mode": "record"}))
    replayed = run_eval(settings, options)
    assert replayed["sections"]["star"]["overall"] == recorded["sections"]["star"]["overall"]
    assert len(list((tmp_path / "empty").glob("*.json"))) == 2


def test_ab_against_a_baseline_prompt_folder(settings, tmp_path: Path) -> None:
    import shutil

    settings = settings.model_copy(update={"knowledge_dir": PROJECT_ROOT / "knowledge"})
    baseline = tmp_path / "prompts-v0"
    shutil.copytree(PROJECT_ROOT / "prompts", baseline)
    for name in ("score_star.yaml", "score_star_cited.yaml"):  # quotes and sentence forms
        star_prompt = baseline / name
        star_prompt.write_text(
            re.sub(r'^version: ".*"$', 'version: "0"', star_prompt.read_text(), flags=re.M)
        )
    options = EvalOptions(
        suite="star",
        brain="scripted:mirror",
        dataset=_small_star_file(tmp_path, 4),
        baseline_prompts=str(baseline),
        recordings=tmp_path / "rec",
        mode="cache",
        samples=50,
        progress=False,
    )
    results = run_eval(settings, options)
    ab = results["ab"]["star"]
    assert ab["items"] == 4 and ab["verdict"] == "no clear difference" and ab["passed"]
    # Both prompt versions were recorded separately (the version is part of the rendered prompt).
    assert len(list((tmp_path / "rec").glob("*.json"))) == 8


def test_ab_verdict_fails_only_on_a_clear_drop() -> None:
    gold = [3] * 40
    baseline = [3] * 40
    assert (
        paired_comparison(gold, baseline, [3] * 38 + [4, 2], margin=0.1)["verdict"]
        == "no clear difference"
    )
    worse = paired_comparison(gold, baseline, [5] * 40, margin=0.1)
    assert worse["verdict"] == "regression" and not worse["passed"]
    assert paired_comparison(gold, [5] * 40, baseline, margin=0.1)["verdict"] == "improvement"
