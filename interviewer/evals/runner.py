"""`interviewer eval SUITE`: run suites, check thresholds, compare against a baseline, report."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from tqdm import tqdm

from interviewer import tokens
from interviewer.brains import Brain
from interviewer.config import OFFLINE, PROJECT_ROOT, Settings
from interviewer.errors import UserError
from interviewer.evals.ab import paired_comparison
from interviewer.evals.costs import call_metrics
from interviewer.evals.datasets import FollowUpCase, TechnicalItem, load_jsonl, load_star_dataset
from interviewer.evals.derived_suite import run_derived
from interviewer.evals.followup_suite import run_followups
from interviewer.evals.persona_suite import paired_injection, run_personas
from interviewer.evals.profile_suite import run_profiles
from interviewer.evals.project_suite import run_projects
from interviewer.evals.recording import MissingRecording, Mode, RecordingChat
from interviewer.evals.star_suite import score_items, star_metrics
from interviewer.evals.technical_suite import score_technical_items, technical_metrics_from
from interviewer.knowledge.embedder import LocalMiniLMEmbedding
from interviewer.knowledge.ingest import ingest
from interviewer.knowledge.loader import KnowledgeBase, load_knowledge
from interviewer.prompts import load_prompts
from interviewer.wiring import build_engine, chat_model, make_brain

DATA = PROJECT_ROOT / "evals" / "data"
DEFAULT_DATASETS = {
    "star": DATA / "star_gold.jsonl",
    "technical": DATA / "technical_gold.jsonl",
    "followup": DATA / "followup_cases.jsonl",
}
SECOND_PASS = DATA / "star_gold_pass_b.jsonl"  # an independent second labelling of the same items
SUITES = ("star", "technical", "followup", "personas", "profile", "project", "derived")
# Key points derived from model answers (the bank importer): the sets its rules were tuned on,
# and the held-out set, reported apart.
DERIVED_SETS = {
    "tuning": [DATA / "technical_dev_styles.jsonl", DATA / "technical_gold.jsonl"],
    "held_out": [DATA / "independent" / "technical_independent.jsonl"],
}
CV_DEV = DATA / "cv_dev"  # labelled CVs the profile extractor was tuned on
PROJECT_DEV = DATA / "project_dev" / "answers.jsonl"  # what the project rubric was tuned on


def human_ceiling(items: list[Any], second_pass: Path) -> dict[str, float]:
    """Agreement between the two labelling passes: what a scorer can hope to reach."""
    from interviewer.evals.metrics import exact_agreement, quadratic_weighted_kappa, spearman

    other = {
        row["id"]: row
        for row in map(json.loads, second_pass.read_text(encoding="utf-8").splitlines())
    }
    paired = [(i.overall, other[i.id]["overall"]) for i in items if i.id in other]
    a = np.array([x for x, _ in paired])
    b = np.array([y for _, y in paired])
    return {
        "items": len(paired),
        "qwk": round(quadratic_weighted_kappa(a, b, 1, 5), 3),
        "spearman": round(spearman(a, b), 3),
        "exact": round(exact_agreement(a, b), 3),
    }


class EvalError(UserError, RuntimeError):
    pass


@dataclass
class EvalOptions:
    suite: str
    brain: str = OFFLINE
    dataset: Path | None = None
    prompts: Path | None = None
    baseline_prompts: str | None = None
    baseline_brain: str | None = None
    mode: Mode = "replay"
    recordings: Path = PROJECT_ROOT / "evals" / "recordings"
    thresholds: Path = PROJECT_ROOT / "evals" / "thresholds.yaml"
    samples: int = 1000
    every: int = 1  # every Nth item of each dataset (a documented subset for slow models)
    progress: bool = True


def prompts_from(source: str | Path | None, settings: Settings) -> Path:
    """A prompts folder, or a git ref whose prompts/ is checked out into a temporary folder."""
    if source is None:
        return settings.prompts_dir
    path = Path(source)
    if path.is_dir():
        return path
    target = Path(tempfile.mkdtemp(prefix="prompts-"))
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{source}:prompts"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode != 0:
        raise EvalError(
            f"{source!r} is neither a folder nor a git ref with prompts/: {listing.stderr.strip()}"
        )
    for name in listing.stdout.split():
        shown = subprocess.run(
            ["git", "show", f"{source}:prompts/{name}"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        (target / name).write_text(shown.stdout, encoding="utf-8")
    return target


def make_eval_brain(
    settings: Settings, brain: str, prompts_dir: Path, options: EvalOptions, kb: KnowledgeBase
) -> Brain:
    """The brain under evaluation, its model calls recorded or replayed."""
    if brain == OFFLINE:
        return make_brain(settings, OFFLINE)
    inner = None if options.mode == "replay" else chat_model(settings, brain, kb)
    chat = RecordingChat(
        inner=inner, model_name=brain, directory=options.recordings, mode=options.mode
    )
    load_prompts.cache_clear()
    return make_brain(settings, brain, chat=chat, prompts_dir=prompts_dir, kb=kb)


def _bar(total: int, options: EvalOptions, label: str) -> tqdm[Any]:
    quiet = not options.progress or not sys.stderr.isatty()
    return tqdm(total=total, desc=label, unit="item", disable=quiet, leave=False)


def run_star(brain: Brain, options: EvalOptions) -> tuple[dict[str, Any], list[int], list[int]]:
    items = load_star_dataset(options.dataset or DEFAULT_DATASETS["star"])[:: options.every]
    with _bar(len(items), options, "star") as bar:
        predictions = score_items(brain, items, progress=bar.update)
    metrics = star_metrics(predictions, samples=options.samples)
    metrics["low"] = 1
    if options.dataset is None and SECOND_PASS.is_file():
        metrics["human_ceiling"] = human_ceiling(items, SECOND_PASS)
    gold = [p.item.overall for p in predictions]
    pred = [p.record.star.overall if p.record.star else 1 for p in predictions]
    return metrics, gold, pred


def run_technical(
    brain: Brain, kb: KnowledgeBase, options: EvalOptions
) -> tuple[dict[str, Any], list[int], list[int]]:
    items = load_jsonl(options.dataset or DEFAULT_DATASETS["technical"], TechnicalItem)[
        :: options.every
    ]
    calls: list[Any] = []
    seconds: list[float] = []
    with _bar(len(items), options, "technical") as bar:
        records = score_technical_items(
            brain, kb, items, progress=bar.update, calls=calls, seconds=seconds
        )
    metrics = technical_metrics_from(items, records, samples=options.samples)
    metrics["llm"] = call_metrics(calls, len(items), seconds, metrics["fallbacks"])
    return (
        metrics,
        [i.score for i in items],
        [r.technical.score if r.technical else 0 for r in records],
    )


def check_thresholds(
    sections: dict[str, Any], thresholds: dict[str, Any]
) -> list[tuple[str, bool]]:
    checks: list[tuple[str, bool]] = []
    floors = thresholds.get("llm") or {}  # on the model's own output (real-model suites)
    for name in ("star", "technical", "profile"):
        llm = floors.get(name)
        figures = sections.get(name, {}).get("llm") or {}
        if llm and figures.get("valid_first_try_rate") is not None:
            checks += [
                (
                    f"{name} valid first try {figures['valid_first_try_rate']} >= "
                    f"{llm['valid_first_try_min']}",
                    figures["valid_first_try_rate"] >= llm["valid_first_try_min"],
                ),
                (
                    f"{name} fallback rate {figures['fallback_rate']} <= {llm['fallback_max']}",
                    figures["fallback_rate"] <= llm["fallback_max"],
                ),
            ]
            own = (sections[name].get("by_brain") or {}).get("llm") or {}
            if "own_qwk_min" in llm:
                checks.append(
                    (
                        f"{name} QWK of the model's own scores {own.get('qwk')} >= "
                        f"{llm['own_qwk_min']}",
                        own.get("qwk") is not None and own["qwk"] >= llm["own_qwk_min"],
                    )
                )
    if "profile" in sections and "profile" in thresholds:
        s, t = sections["profile"], thresholds["profile"]
        checks += [
            (
                f"profile {name} {s[name]} >= {t[name + '_min']}",
                s[name] is not None and s[name] >= t[name + "_min"],
            )
            for name in (
                "project_precision",
                "project_recall",
                "technology_precision",
                "technology_recall",
            )
        ]
    if "project" in sections and "project" in thresholds:
        s, t = sections["project"], thresholds["project"]
        checks += [
            (f"project qwk {s['qwk']} >= {t['qwk_min']}", s["qwk"] >= t["qwk_min"]),
            (
                f"project |bias| {abs(s['bias'])} <= {t['abs_bias_max']}",
                abs(s["bias"]) <= t["abs_bias_max"],
            ),
        ]
    if "derived" in sections and "derived" in thresholds:
        s, t = sections["derived"], thresholds["derived"]
        for name in ("tuning", "held_out"):
            if name in s and name in t:
                checks += [
                    (
                        f"derived key points ({name}) within one point of curated "
                        f"{s[name]['within_one']} >= {t[name]['within_one_min']}",
                        s[name]["within_one"] >= t[name]["within_one_min"],
                    ),
                    (
                        f"derived key points ({name}) |mean difference| "
                        f"{abs(s[name]['mean_difference'])} <= {t[name]['abs_difference_max']}",
                        abs(s[name]["mean_difference"]) <= t[name]["abs_difference_max"],
                    ),
                ]
    if "star" in sections:
        s, t = sections["star"], thresholds["star"]
        checks += [
            (
                f"star QWK {s['overall']['qwk']['value']} >= {t['qwk_min']}",
                s["overall"]["qwk"]["value"] >= t["qwk_min"],
            ),
            (
                f"star Spearman {s['overall']['spearman']['value']} >= {t['spearman_min']}",
                s["overall"]["spearman"]["value"] >= t["spearman_min"],
            ),
            (
                f"star |bias| {abs(s['overall']['bias']['value'])} <= {t['abs_bias_max']}",
                abs(s["overall"]["bias"]["value"]) <= t["abs_bias_max"],
            ),
        ]
        checks += [
            (
                f"star {p} presence F1 {v['presence_f1']['value']} >= {t['presence_f1_min']}",
                v["presence_f1"]["value"] >= t["presence_f1_min"],
            )
            for p, v in s["parts"].items()
        ]
    if "technical" in sections:
        s, t = sections["technical"], thresholds["technical"]
        checks += [
            (
                f"technical key-point precision {s['key_point_precision']} >= {t['key_point_precision_min']}",
                s["key_point_precision"] >= t["key_point_precision_min"],
            ),
            (
                f"technical key-point recall {s['key_point_recall']} >= {t['key_point_recall_min']}",
                s["key_point_recall"] >= t["key_point_recall_min"],
            ),
            (
                f"technical QWK {s['qwk']['value']} >= {t['qwk_min']}",
                s["qwk"]["value"] >= t["qwk_min"],
            ),
        ]
    if "followup" in sections:
        s, t = sections["followup"], thresholds["followup"]
        checks.append(
            (
                f"follow-ups target the gap {s['gap_hit_rate']} >= {t['gap_hit_rate_min']}",
                s["gap_hit_rate"] >= t["gap_hit_rate_min"],
            )
        )
    if "personas" in sections:
        s, t = sections["personas"], thresholds["personas"]
        checks += [
            (
                f"persona ranking strong > average > weak: {s['mean_overall']}",
                bool(s["ranking_holds"]),
            ),
            (
                f"injection gain {s['injection_gain']} <= {t['injection_gain_max']}",
                s["injection_gain"] <= t["injection_gain_max"],
            ),
            (
                f"paired injection: max score change {s['injection']['max_gain']} <= 0 over "
                f"{s['injection']['pairs']} answer/attack pairs",
                s["injection"]["max_gain"] <= 0,
            ),
            (
                f"duplicate rate {s['duplicate_rate']} <= {t['duplicate_rate_max']}",
                s["duplicate_rate"] <= t["duplicate_rate_max"],
            ),
            (
                f"stuck interviews {s['stuck_interviews']} <= {t['stuck_max']}",
                s["stuck_interviews"] <= t["stuck_max"],
            ),
        ]
    return checks


def run_eval(settings: Settings, options: EvalOptions) -> dict[str, Any]:
    try:
        return _run_eval(settings, options)
    except MissingRecording as exc:
        raise EvalError(f"replay stopped: {exc}") from exc


def _run_eval(settings: Settings, options: EvalOptions) -> dict[str, Any]:
    tokens.configure(settings.resolved_assets_dir)
    kb = load_knowledge(settings.knowledge_dir)
    thresholds = yaml.safe_load(options.thresholds.read_text(encoding="utf-8"))
    suites = SUITES if options.suite == "all" else (options.suite,)
    if options.dataset and len(suites) > 1:
        raise EvalError("--dataset needs a single suite")
    prompts_dir = prompts_from(options.prompts, settings)
    brain = make_eval_brain(settings, options.brain, prompts_dir, options, kb)
    baseline = None
    if options.baseline_prompts or options.baseline_brain:
        baseline = make_eval_brain(
            settings,
            options.baseline_brain or options.brain,
            prompts_from(options.baseline_prompts, settings),
            options,
            kb,
        )
    sections: dict[str, Any] = {}
    ab: dict[str, Any] = {}
    for suite in suites:
        if suite == "star":
            sections["star"], gold, pred = run_star(brain, options)
            if baseline is not None:
                _, _, base = run_star(baseline, options)
                ab["star"] = paired_comparison(gold, base, pred, margin=thresholds["ab"]["margin"])
        elif suite == "technical":
            sections["technical"], gold, pred = run_technical(brain, kb, options)
            if baseline is not None:
                _, _, base = run_technical(baseline, kb, options)
                ab["technical"] = paired_comparison(
                    gold, base, pred, margin=thresholds["ab"]["margin"]
                )
        elif suite == "followup":
            cases = load_jsonl(options.dataset or DEFAULT_DATASETS["followup"], FollowUpCase)[
                :: options.every
            ]
            embed = LocalMiniLMEmbedding(settings.resolved_assets_dir).embed
            with _bar(len(cases), options, "followup") as bar:
                sections["followup"] = run_followups(brain, kb, cases, embed, progress=bar.update)
        elif suite == "personas":
            ingest(
                settings, progress=False
            )  # personas need the knowledge store; a no-op when current
            with tempfile.TemporaryDirectory() as tmp:
                engine = build_engine(
                    settings.model_copy(update={"database_url": f"sqlite:///{tmp}/personas.db"}),
                    brain=brain,
                    kb=kb,
                )
                with _bar(14, options, "personas") as bar:
                    sections["personas"] = run_personas(engine, progress=bar.update)
            weak_stories = [
                (i.question, i.answer)
                for i in load_star_dataset(DEFAULT_DATASETS["star"])
                if i.overall <= 3 and not (i.style or "").startswith("adversarial")
            ]
            sections["personas"]["injection"] = paired_injection(brain, kb, weak_stories)
        elif suite == "profile":
            reader = None if options.brain == OFFLINE else brain  # a model reads by line number
            sections["profile"] = run_profiles(options.dataset or CV_DEV, reader)
        elif suite == "project":
            if options.brain == OFFLINE:  # the rubric is the offline analysis for every brain
                sections["project"] = run_projects(options.dataset or PROJECT_DEV)
        elif suite == "derived":
            if options.brain == OFFLINE:  # derivation and this check are the offline engine's
                sets = {"given": [options.dataset]} if options.dataset else DERIVED_SETS
                sections["derived"] = run_derived(brain, kb, sets)
        else:
            raise EvalError(f"unknown suite {suite!r}; choose from {', '.join(SUITES)} or all")
    checks = check_thresholds(sections, thresholds)
    checks += [
        (f"A/B {name}: {result['verdict']} (gain {result['paired_gain']})", result["passed"])
        for name, result in ab.items()
    ]
    return {
        "suite": options.suite,
        "brain": options.brain,
        "sections": sections,
        "ab": ab,
        "checks": checks,
        "passed": all(ok for _, ok in checks),
    }


def summary_lines(results: dict[str, Any]) -> list[str]:
    lines = []
    for name, section in results["sections"].items():
        brief = {
            k: v for k, v in section.items() if k not in ("details", "runs", "parts", "confusion")
        }
        lines.append(f"{name}: {json.dumps(brief)}")
        if "parts" in section:
            for part, values in section["parts"].items():
                lines.append(
                    f"  {part}: exact {values['exact']}, presence F1 {values['presence_f1']}, "
                    f"bias {values['bias']}"
                )
    for name, result in results["ab"].items():
        lines.append(f"A/B {name}: {json.dumps(result)}")
    lines += [f"{'PASS' if ok else 'FAIL'}  {text}" for text, ok in results["checks"]]
    return lines
