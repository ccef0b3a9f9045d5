"""Run every benchmark, print a table against the targets, write bench/results/latest.json.

`make bench` or `interviewer bench`. Takes a few minutes on 2 cores.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import banks as bank_bench
from bench import coding as coding_bench
from bench import dashboard as dashboard_bench
from bench import engine as engine_bench
from bench import scale as scale_bench
from bench import serving, turn_cpu
from bench.common import ROOT, bench_settings, child_env
from bench.embedder import measure as measure_embedder
from interviewer import tokens


def ingest_times(data_dir: Path) -> dict[str, Any]:
    settings = bench_settings(data_dir)
    command = [sys.executable, "-m", "interviewer.cli", "ingest", "--quiet"]
    out: dict[str, Any] = {}
    for label in ("cold", "unchanged"):
        started = time.perf_counter()
        result = subprocess.run(
            command, env=child_env(settings), capture_output=True, text=True, check=True
        )
        out[f"{label}_wall_s"] = round(time.perf_counter() - started, 2)
        out[f"{label}_summary"] = result.stdout.strip()
    return out


def main() -> None:
    results: dict[str, Any] = {
        "machine": f"{platform.platform()}, {platform.processor() or 'cpu'}, "
        f"{__import__('os').cpu_count()} cores",
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print("ingest ...", flush=True)
        results["ingest"] = ingest_times(root / "ingest")
        print("embedder ...", flush=True)
        results["embedder"] = measure_embedder()
        print("10k-chunk store ...", flush=True)
        settings, results["store"] = engine_bench.build_store(root / "big")
        tokens.configure(settings.resolved_assets_dir)
        print("turns ...", flush=True)
        results["turns"] = engine_bench.turn_overheads(settings)
        results["offline"] = engine_bench.offline_turns(settings)
        print("prompt growth and cost ...", flush=True)
        results["tokens"] = engine_bench.prompt_growth_and_cost(settings)
        print("app start ...", flush=True)
        results["app"] = serving.app_start(settings)
        print("50 concurrent candidates ...", flush=True)
        results["concurrency"] = serving.concurrent_candidates(settings)
        print("CPU per turn, app side ...", flush=True)
        results["turn_cpu"] = turn_cpu.measure(settings)
        print("1 and 2 workers through HAProxy ...", flush=True)
        results["scale"] = scale_bench.measure(settings)
    print("bank import (300 questions) ...", flush=True)
    results["bank_import"] = bank_bench.measure()
    print("cohort dashboard (3,000 sessions) ...", flush=True)
    results["dashboard"] = dashboard_bench.measure()
    print("coding round (sandbox, classifier, 20 submissions at once) ...", flush=True)
    results["coding"] = coding_bench.measure()
    rows = table(results)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'value':>14}  {'target':>10}  met")
    for name, value, target, met in rows:
        print(f"{name.ljust(width)}  {value:>14}  {target:>10}  {'yes' if met else 'NO'}")
    results["table"] = [{"measure": r[0], "value": r[1], "target": r[2], "met": r[3]} for r in rows]
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2, default=str))
    print(f"\nwrote {out / 'latest.json'}")


def table(r: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    overhead = r["turns"]["overhead_outside_llm_ms"]["p95"]
    offline = r["offline"]["offline_turn_ms"]["p95"]
    ratio = r["tokens"]["ratio_20_over_2"]
    concurrency = r["concurrency"]["paced_p95_over_llm"]
    burst = r["concurrency"]["burst_p95_over_llm"]
    cold, warm = r["ingest"]["cold_wall_s"], r["ingest"]["unchanged_wall_s"]
    embed = {row["texts"]: row["ratio"] for row in r["embedder"]["rows"]}
    start = r["app"]["start_to_first_page_ms"]["median"] / 1000
    cost = r["tokens"]["interview_30min"]["cost_usd_gpt_4o_mini"]
    rss = r["concurrency"]["app_peak_rss_mb"]
    short, long_ = embed["short texts (questions, key points)"], embed["knowledge chunks"]
    return [
        (
            "per-turn overhead outside the LLM, p95 (10k chunks)",
            f"{overhead:.1f} ms",
            "<= 50 ms",
            overhead <= 50,
        ),
        ("offline full turn, p95 (10k chunks)", f"{offline:.1f} ms", "<= 150 ms", offline <= 150),
        ("prompt tokens turn 20 / turn 2", f"{ratio:.2f}", "<= 1.5", ratio <= 1.5),
        (
            "50 candidates (paced): p95 turn / LLM latency",
            f"{concurrency:.2f}",
            "<= 1.5",
            concurrency <= 1.5 and r["concurrency"]["errors"] == 0,
        ),
        ("50 candidates (all at once): p95 turn / LLM", f"{burst:.2f}", "stress", True),
        ("cold ingest (process wall)", f"{cold:.1f} s", "<= 15 s", cold <= 15),
        ("unchanged re-run (process wall)", f"{warm:.1f} s", "<= 2 s", warm <= 2),
        ("embedder vs stock, short texts", f"{short:.1f}x", ">= 10x", short >= 10),
        ("embedder vs stock, knowledge chunks", f"{long_:.1f}x", ">= 10x", long_ >= 10),
        ("app start to first page (median)", f"{start:.1f} s", "<= 8 s", start <= 8),
        ("30-minute interview cost, gpt-4o-mini", f"${cost:.4f}", "<= $0.01", cost <= 0.01),
        ("app peak RSS serving 50 sessions", f"{rss:.0f} MB", "<= 1536 MB", rss <= 1536),
        *turn_cpu_rows(r.get("turn_cpu") or {}),
        *scale_rows(r.get("scale") or {}),
        *bank_rows(r.get("bank_import") or {}),
        *dashboard_rows(r.get("dashboard") or {}),
        *coding_rows(r.get("coding") or {}),
    ]


def turn_cpu_rows(t: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    if "mid_turn_cpu_ms" not in t:
        return [("CPU per turn, app side", "not measured", "<= 10 ms", False)]
    mid, last = t["mid_turn_cpu_ms"], t["last_turn_cpu_ms"]
    split = ", ".join(
        f"{name} {t[key]['median']:.1f}"
        for name, key in (
            ("engine", "engine_cpu_ms"),
            ("storage", "storage_cpu_ms"),
            ("views", "views_cpu_ms"),
        )
    )
    return [
        (
            "CPU per mid-interview turn, app side, median",
            f"{mid['median']:.1f} ms",
            "<= 10 ms",
            mid["median"] <= 10,
        ),
        ("  the same, p95", f"{mid['p95']:.1f} ms", "<= 40 ms", mid["p95"] <= 40),
        ("  the last turn (builds the report), median", f"{last['median']:.1f} ms", "info", True),
        (
            "  in the handler, median: " + split,
            f"{t['handler_cpu_ms']['median']:.1f} ms",
            "info",
            True,
        ),
        (
            "  Gradio (HTTP, queue, processing), median",
            f"{t['gradio_cpu_ms_median']:.1f} ms",
            "info",
            True,
        ),
        ("  idle server process", f"{t['idle_cpu_ms_per_s']:.1f} ms/s", "info", True),
    ]


def scale_rows(s: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    if "workers_2" not in s:
        return [("workers through the proxy", "not measured", "", False)]
    one, two = s["workers_1"], s["workers_2"]
    errors = one["errors"] + two["errors"] + one["saturated"]["errors"] + two["saturated"]["errors"]
    ratio = s["throughput_2_over_1"] or 0.0
    return [
        (
            "proxy, 1 worker: 50 at once, p95 / 1 s model",
            f"{one['burst_p95_over_llm']:.2f}",
            "info",
            True,
        ),
        (
            "proxy, 2 workers: 50 at once, p95 / 1 s model",
            f"{two['burst_p95_over_llm']:.2f}",
            "<= 2.0",
            two["burst_p95_over_llm"] <= 2.0 and errors == 0,
        ),
        ("proxy, 1 worker: paced, p95 / model", f"{one['paced_p95_over_llm']:.2f}", "info", True),
        (
            "proxy, 2 workers: paced, p95 / model",
            f"{two['paced_p95_over_llm']:.2f}",
            "<= 1.3",
            two["paced_p95_over_llm"] <= 1.3,
        ),
        (
            "saturated turns/s, 1 -> 2 workers",
            f"{one['saturated']['turns_per_s']:.1f} -> {two['saturated']['turns_per_s']:.1f}",
            "info",
            True,
        ),
        ("  2 workers / 1 worker", f"{ratio:.2f}x", ">= 1.7x", ratio >= 1.7),
        (f"  errors, all of the above ({s['database']})", str(errors), "0", errors == 0),
    ]


def dashboard_rows(d: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    if "dashboard_ms" not in d:
        return [("cohort dashboard", "not measured", "< 2 s", False)]
    board, page = d["dashboard_ms"], d["first_page_ms"]
    rows = [
        (
            "cohort dashboard, 3,000 sessions, p95 (median)",
            f"{board['p95'] / 1000:.2f} ({board['median'] / 1000:.2f}) s",
            "< 2 s",
            board["p95"] < 2000,
        ),
        ("  its first page of sessions, p95", f"{page['p95']:.0f} ms", "info", True),
    ]
    if "dashboard_at_once_ms" in d:
        shared, unshared = d["dashboard_at_once_ms"], d["dashboard_at_once_unshared_ms"]
        rows += [
            (
                f"  {d['coaches_at_once']} coaches opening it at once, p95 (median)",
                f"{shared['p95'] / 1000:.2f} ({shared['median'] / 1000:.2f}) s",
                "< 2 s",
                shared["p95"] < 2000,
            ),
            (
                "  the same, each building its own (before), p95",
                f"{unshared['p95'] / 1000:.2f} s",
                "info",
                True,
            ),
        ]
    return rows


def bank_rows(b: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    if "first" not in b:
        return [("bank import", "not measured", "< 60 s", False)]
    first, again = b["first"], b["again"]
    return [
        (
            "300-question bank import, new process, cold store",
            f"{first['wall_s']:.1f} s",
            "< 60 s",
            first["wall_s"] < 60 and len(first["problems"]) == 3,
        ),
        ("  of which read, derive, validate, store", f"{first['import_s']:.2f} s", "info", True),
        ("same bank again (new version)", f"{again['wall_s']:.1f} s", "info", True),
    ]


def coding_rows(c: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    if "overhead" not in c:
        reason = str(c.get("unavailable", "not measured"))[:60]
        return [("coding round", reason, "sandbox", False)]
    judge = c["overhead"]["judge_run_ms"]
    raw = c["overhead"]["raw_run_job_ms"]
    classifier, load = c["classifier"], c["load"]
    ratio = load["p95_loaded_over_idle"]
    return [
        (
            "coding Run, start to verdict, p95 (median)",
            f"{judge['p95']:.0f} ({judge['median']:.0f}) ms",
            "<= 150 ms",
            judge["p95"] <= 150,
        ),
        (
            "sandbox alone, print('ok'), p95 (median)",
            f"{raw['p95']:.0f} ({raw['median']:.0f}) ms",
            "info",
            True,
        ),
        (
            "complexity classifier, reference solutions",
            f"{classifier['reference_right']}",
            "all",
            classifier["reference_accuracy"] == 1.0,
        ),
        (
            "complexity classifier, slow solutions",
            f"{classifier['slow_right']}",
            "all",
            classifier["slow_accuracy"] == 1.0,
        ),
        (
            "20 submissions at once: p95 turn / idle p95",
            f"{ratio:.2f}" if ratio is not None else "no turns",
            "<= 1.5",
            ratio is not None and ratio <= 1.5,
        ),
    ]


if __name__ == "__main__":
    main()
