"""Command line: `glossary check` validates the content without building the site."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .pipeline import check_project
from .report import FORMATS


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="glossary", description="Check and build the psychodynamic psychotherapy glossary.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every entry, article, reading list and the bibliography")
    check.add_argument("--root", default=".", help="project root (the folder with mkdocs.yml); default: here")
    default_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    check.add_argument("--format", choices=sorted(FORMATS), default=default_format,
                       help="text for people (default), json for tools, github for Actions annotations")
    return parser.parse_args(argv)


def run_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"glossary: error: no such folder: {root}", file=sys.stderr)
        return 2
    result = check_project(root)
    print(FORMATS[args.format](result.diagnostics, result.files_checked))
    return 1 if result.errors else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 content errors, 2 usage, 70 internal error)."""
    args = parse_args(argv)
    try:
        return run_check(args)
    except Exception as err:  # a bug of ours must still not greet a contributor with a traceback
        print(f"glossary: internal error: {type(err).__name__}: {err}. This is a bug in the checker, "
              "not in your content; please report it with the file you changed.", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
