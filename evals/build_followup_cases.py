"""Build evals/data/followup_cases.jsonl from the hand-labelled gold sets.

A case is an answer whose labels say what it lacks: technical answers that cover some but
not all key points (missing = the uncovered point numbers), and behavioural answers that
tell a story with at least one weak STAR part (missing = the parts labelled below 2).
Run: python evals/build_followup_cases.py
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KNOWLEDGE = HERE.parent / "knowledge"


def main() -> None:
    questions = {}
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        for q in yaml.safe_load(path.read_text())["questions"]:
            questions[q["id"]] = q
    cases = []
    for line in (HERE / "data" / "technical_gold.jsonl").read_text().splitlines():
        item = json.loads(line)
        total = len(questions[item["question_id"]]["key_points"])
        if (
            item.get("style") in ("off-topic", "adversarial")
            or not 0 < len(item["covered"]) < total
        ):
            continue
        missing = [str(i) for i in range(1, total + 1) if i not in item["covered"]]
        cases.append(
            {
                "id": f"fu-{item['id']}",
                "kind": "technical",
                "question_id": item["question_id"],
                "question": questions[item["question_id"]]["question"],
                "answer": item["answer"],
                "missing": missing,
            }
        )
    for line in (HERE / "data" / "star_gold.jsonl").read_text().splitlines():
        item = json.loads(line)
        labels = item["labels"]
        weak = [part for part in ("situation", "task", "action", "result") if labels[part] < 2]
        if item["overall"] < 2 or not weak or item.get("style", "").startswith("adversarial"):
            continue
        cases.append(
            {
                "id": f"fu-{item['id']}",
                "kind": "star",
                "question": item["question"],
                "answer": item["answer"],
                "missing": weak,
            }
        )
    out = HERE / "data" / "followup_cases.jsonl"
    out.write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8"
    )
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
