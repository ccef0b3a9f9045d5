"""Synthetic knowledge files for tests that need many questions."""

from __future__ import annotations

from pathlib import Path

TOPICS = [
    "caching",
    "queues",
    "logging",
    "pagination",
    "migrations",
    "retries",
    "indexes",
    "sessions",
    "uploads",
    "webhooks",
    "timeouts",
    "sorting",
    "hashing",
    "locking",
    "batching",
    "streaming",
    "parsing",
    "routing",
    "templates",
    "fixtures",
    "signals",
    "throttling",
    "encoding",
    "backups",
    "profiling",
    "packaging",
    "typing",
    "closures",
    "iterators",
    "contexts",
]


def write_synthetic_knowledge(folder: Path, areas: int = 2, per_area: int = 15) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for a in range(areas):
        lines = [
            f"area: synth-{a}",
            f"title: Synthetic area {a}",
            "summary: Generated questions used to exercise long interviews in tests.",
            "topics:",
            f"  - id: synth-{a}.notes",
            "    title: Notes",
            "    notes: " + "Background notes about backend engineering practice. " * 6,
            "questions:",
        ]
        for q in range(per_area):
            topic = TOPICS[(a * per_area + q) % len(TOPICS)]
            lines += [
                f"  - id: synth-{a}.q{q}",
                f"    difficulty: {['easy', 'medium', 'hard'][q % 3]}",
                "    type: technical",
                f"    question: Explain how {topic} works in a Python web service (variant {a}-{q}).",
                "    key_points:",
                f"      - text: Defines {topic} and the problem it solves",
                f"        keywords: [{topic}]",
                f"      - text: Gives a concrete example of {topic} in Django or Flask",
                "        keywords: [example, django, flask]",
                f"      - text: Names a trade-off or failure mode of {topic}",
                "        keywords: [trade-off, downside, fails]",
                "    follow_ups:",
                f"      - question: What can go wrong with {topic} under load?",
                "        key_point: 3",
                f"    model_answer: Define {topic}, show it in a Django or Flask example, and discuss its trade-offs.",
            ]
        (folder / f"synth-{a}.yaml").write_text("\n".join(lines) + "\n")
    return folder
