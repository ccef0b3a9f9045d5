"""The `interviewer` command: one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interviewer.config import Settings, load_settings


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, help="where local state lives (INTERVIEWER_DATA_DIR)"
    )
    parser.add_argument(
        "--knowledge-dir", type=Path, help="knowledge folder (INTERVIEWER_KNOWLEDGE_DIR)"
    )
    parser.add_argument(
        "--chroma-host", help="use a Chroma server at this host (INTERVIEWER_CHROMA_HOST)"
    )
    parser.add_argument(
        "--chroma-port", type=int, help="Chroma server port (INTERVIEWER_CHROMA_PORT)"
    )


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(
        data_dir=getattr(args, "data_dir", None),
        knowledge_dir=getattr(args, "knowledge_dir", None),
        chroma_host=getattr(args, "chroma_host", None),
        chroma_port=getattr(args, "chroma_port", None),
        model=getattr(args, "model", None),
    )


def cmd_setup(args: argparse.Namespace) -> int:
    from interviewer.assets import install_all

    settings = _settings(args)
    for line in install_all(settings.resolved_assets_dir):
        print(f"verified  {line}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from interviewer.knowledge.ingest import ingest

    settings = _settings(args)
    summary = ingest(settings, args.paths, prune_extras=args.prune_extras, progress=not args.quiet)
    for problem in summary.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    print(summary.line())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interviewer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    setup = sub.add_parser("setup", help="fetch and verify the offline model files")
    _common(setup)
    setup.set_defaults(func=cmd_setup)

    ingest = sub.add_parser("ingest", help="embed the knowledge base (and extra files) into Chroma")
    _common(ingest)
    ingest.add_argument(
        "paths", nargs="*", type=Path, help="extra Markdown, text or PDF files/folders"
    )
    ingest.add_argument(
        "--prune-extras",
        action="store_true",
        help="remove previously ingested extra files not named this time",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(func=cmd_ingest)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # one clear line for known failures; tracebacks for bugs
        from interviewer.errors import USER_ERRORS

        if isinstance(exc, USER_ERRORS):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    raise SystemExit(main())
