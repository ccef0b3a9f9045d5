"""Eval reports: Markdown for reading in a terminal or PR, HTML with charts, JSON for machines."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any


def _bar_svg(values: dict[str, float], maximum: float, title: str, signed: bool = False) -> str:
    width, bar_h, gap, label_w = 460, 22, 8, 150
    height = len(values) * (bar_h + gap) + 30
    zero = label_w + (width - label_w) / 2 if signed else label_w
    scale = ((width - label_w) / 2 if signed else width - label_w - 40) / max(maximum, 1e-9)
    parts = [
        f'<svg width="{width + 60}" height="{height}" role="img" aria-label="{html.escape(title)}">',
        f'<text x="0" y="16" font-weight="bold">{html.escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(values.items()):
        y = 26 + i * (bar_h + gap)
        length = abs(value) * scale
        x = zero - length if (signed and value < 0) else zero
        colour = "#dc2626" if value < 0 else "#2563eb"
        parts.append(f'<text x="0" y="{y + 15}">{html.escape(label)}</text>')
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{colour}"/>'
        )
        parts.append(f'<text x="{max(x + length, zero) + 4:.1f}" y="{y + 15}">{value:.3f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _confusion_html(matrix: list[list[int]], low: int) -> str:
    top = max((max(row) for row in matrix), default=1) or 1
    head = "".join(f"<th>pred {low + j}</th>" for j in range(len(matrix)))
    rows = []
    for i, row in enumerate(matrix):
        cells = "".join(
            f'<td style="background:rgba(37,99,235,{v / top:.2f});color:{"#fff" if v / top > 0.5 else "#000"}">{v}</td>'
            for v in row
        )
        rows.append(f"<tr><th>gold {low + i}</th>{cells}</tr>")
    return f'<table class="confusion"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def markdown_report(results: dict[str, Any]) -> str:
    lines = [f"# Eval report: {results['suite']} ({results['brain']})", ""]
    for name, section in results["sections"].items():
        lines += [f"## {name}", "", "```json", json.dumps(_brief(section), indent=2), "```", ""]
    if results.get("ab"):
        lines += ["## A/B", "", "```json", json.dumps(results["ab"], indent=2), "```", ""]
    lines += ["## Thresholds", ""] + [
        f"- {'PASS' if ok else 'FAIL'} {text}" for text, ok in results["checks"]
    ]
    return "\n".join(lines)


def _brief(section: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in section.items() if k not in ("details", "runs", "predictions")}


def html_report(results: dict[str, Any]) -> str:
    body = [
        f"<h1>Eval report: {html.escape(results['suite'])} ({html.escape(results['brain'])})</h1>"
    ]
    for name, section in results["sections"].items():
        body.append(f"<h2>{html.escape(name)}</h2>")
        if "parts" in section:
            exact = {p: v["exact"]["value"] for p, v in section["parts"].items()}
            body.append(_bar_svg(exact, 1.0, "Per-part exact agreement"))
        if "confusion" in section:
            body.append(
                "<h3>Confusion (overall)</h3>"
                + _confusion_html(section["confusion"], section.get("low", 1))
            )
        if "mean_overall" in section:
            body.append(_bar_svg(section["mean_overall"], 100.0, "Mean overall % by persona"))
        body.append(f"<pre>{html.escape(json.dumps(_brief(section), indent=2))}</pre>")
    if results.get("ab"):
        deltas = {name: ab["paired_gain"]["value"] for name, ab in results["ab"].items()}
        body.append(
            "<h2>A/B (positive: candidate closer to gold)</h2>"
            + _bar_svg(
                deltas, max(abs(v) for v in deltas.values()) or 1.0, "Paired gain", signed=True
            )
        )
        body.append(f"<pre>{html.escape(json.dumps(results['ab'], indent=2))}</pre>")
    checks = "".join(
        f"<li>{'✅' if ok else '❌'} {html.escape(text)}</li>" for text, ok in results["checks"]
    )
    body.append(f"<h2>Thresholds</h2><ul>{checks}</ul>")
    style = (
        "body{font-family:sans-serif;max-width:960px;margin:2em auto}"
        "table.confusion td,table.confusion th{padding:4px 10px;border:1px solid #ccc}"
    )
    return f"<!doctype html><meta charset='utf-8'><title>Eval report</title><style>{style}</style>{''.join(body)}"


def write_reports(results: dict[str, Any], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "report.md", directory / "report.html", directory / "report.json"]
    paths[0].write_text(markdown_report(results), encoding="utf-8")
    paths[1].write_text(html_report(results), encoding="utf-8")
    paths[2].write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return paths
