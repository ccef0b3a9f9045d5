"""Embed the knowledge base into Chroma: `python ingest.py [extra files...]`."""

import sys

from interviewer.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["ingest", *sys.argv[1:]]))
