"""Where the tests find the project, its fixtures and the verified model files."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
# Tests share the verified model files that `interviewer setup` put under data/assets.
ASSETS_DIR = Path(os.environ.get("INTERVIEWER_ASSETS_DIR", ROOT / "data" / "assets")).resolve()
COACH_PASSWORD = "correct-horse-battery"  # a test credential
