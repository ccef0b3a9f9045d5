"""Serve the mock-interview app: `python app.py` (same as `interviewer app`)."""

import sys

from interviewer.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["app", *sys.argv[1:]]))
