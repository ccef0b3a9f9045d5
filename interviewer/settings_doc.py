"""`.env.example`, generated from the settings themselves, so it can never fall behind.

python -m interviewer.settings_doc          # rewrite .env.example
python -m interviewer.settings_doc --check  # fail if it differs (CI runs this)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, SecretStr

from interviewer.config import PROJECT_ROOT, Settings

TARGET = PROJECT_ROOT / ".env.example"
HEADER = (
    "# Generated from interviewer/config.py by `python -m interviewer.settings_doc`; do not edit.\n"
    "# Copy to .env and uncomment what you change. Every setting is also an environment\n"
    "# variable; command-line flags (interviewer --help) override both.\n"
)


def env_names(name: str, field: Any) -> list[str]:
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return [str(choice) for choice in alias.choices]
    return [f"INTERVIEWER_{name.upper()}"]


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, SecretStr):
        return ""
    if isinstance(value, Path):
        try:
            return str(value.relative_to(PROJECT_ROOT))
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def env_example() -> str:
    lines = [HEADER]
    for name, field in Settings.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if "section" in extra:
            lines.append(
                f"\n# ----- {extra['section']} " + "-" * max(3, 60 - len(str(extra["section"])))
            )
        lines.append(f"# {field.description}")
        example = extra.get("example")
        value = str(example) if example is not None else _shown(field.default)
        lines.append(f"# {env_names(name, field)[0]}={value}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = env_example()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            print(
                f"{TARGET.name} is out of date with interviewer/config.py: "
                "run `python -m interviewer.settings_doc`",
                file=sys.stderr,
            )
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
