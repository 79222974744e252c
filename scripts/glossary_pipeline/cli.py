"""Command line: `glossary check` validates the content without building the site; `glossary new` starts
an entry; `glossary report` prints the content report."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from .content_report import format_content_report, read_concepts, summarise_content
from .fix import apply_fixes
from .pipeline import build_project, check_project, published_urls
from .releases import parse_release, parse_tags, read_tags
from .rename import RenameError, rename_entry
from .report import FORMATS, format_text
from .sources import SourcesError, write_sources
from .scaffold import ScaffoldError, check_new_title, create_entry, near_duplicates, read_corpus, resolve_author


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="glossary", description="Check and build the psychodynamic psychotherapy glossary."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every entry, article, reading list and the bibliography")
    check.add_argument("--root", default=".", help="project root (the folder with mkdocs.yml); default: here")
    default_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    check.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default=default_format,
        help="text for people (default), json for tools, github for Actions annotations",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--fix", action="store_true", help="apply the fixes that are unambiguous, then check again")
    check.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)  # fixed date, for tests
    report = sub.add_parser("report", help="the content report: size, sources, reading level, coverage, review")
    report.add_argument("--root", default=".", help="project root; default: here")
    report.add_argument(
        "--concepts",
        action="append",
        help="a file of required concepts (repeatable); default: ../shared/concepts.yaml and "
        "../shared/concepts-more.yaml beside the project, those that exist",
    )
    report.add_argument(
        "--format", choices=["text", "json"], default="text", help="text for people (default), json for tools"
    )
    report.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)  # fixed date, for tests
    rename = sub.add_parser("rename", help="give an entry a new slug, keeping its old address and every link to it")
    rename.add_argument("old", help="the current slug, e.g. working-alliance")
    rename.add_argument("new", help="the new slug, e.g. therapeutic-alliance")
    rename.add_argument("--root", default=".", help="project root; default: here")
    urls = sub.add_parser("urls", help="list every page address the site publishes (for tests/published-urls.txt)")
    urls.add_argument("--root", default=".", help="project root; default: here")
    releases = sub.add_parser("releases", help="list the dated versions (git tags release-YYYY-MM-DD), newest first")
    releases.add_argument("--root", default=".", help="project root; default: here")
    sources = sub.add_parser(
        "write-sources", help="write the complete site sources, for a renderer without the glossary plugin"
    )
    sources.add_argument("out", help="the folder to write (new, empty, or written by write-sources before)")
    sources.add_argument("--root", default=".", help="project root; default: here")
    new = sub.add_parser("new", help="start a new entry from the template")
    new.add_argument("title", help='the term, e.g. "Projective identification"')
    new.add_argument("--root", default=".", help="project root; default: here")
    new.add_argument(
        "--author",
        default=os.environ.get("GLOSSARY_AUTHOR"),
        help="your id in content/contributors.yaml, for the review record (or set GLOSSARY_AUTHOR); "
        "default: from 'git config user.name', added to contributors.yaml if new",
    )
    return parser.parse_args(argv)


def _no_such_folder(root: Path) -> int:
    print(f"glossary: error: no such folder: {root}", file=sys.stderr)
    return 2


def run_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        return _no_such_folder(root)
    result = check_project(root, args.today)
    if args.fix:
        applied = apply_fixes(root, result.diagnostics)
        for rel, count in applied.items():
            print(f"{rel}: fixed {count} problem{'s' if count != 1 else ''}")
        if applied:
            result = check_project(root, args.today)
    diagnostics = result.diagnostics
    if args.strict:
        diagnostics = [replace(d, severity="error") for d in diagnostics]
    print(FORMATS[args.format](diagnostics, result.files_checked))
    return 1 if any(d.severity == "error" for d in diagnostics) else 0


def run_new(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        corpus = read_corpus(root)  # once, for every question below
        check_new_title(root, args.title, corpus)
        similar = near_duplicates(root, args.title, corpus)
        author, said = (args.author, "") if args.author else resolve_author(root, corpus)
        path = create_entry(root, args.title, author, corpus=corpus)
    except ScaffoldError as err:
        print(f"glossary new: {err}", file=sys.stderr)
        return 1
    for warning in similar:
        print(f"glossary new: note: {warning}", file=sys.stderr)
    print(f"Created {path.relative_to(root)}. {said}".rstrip())
    print("Next: replace every 'REPLACE:' line, then run 'make check': it lists what is left, line by line.")
    return 0


def run_report(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        return _no_such_folder(root)
    result = check_project(root, args.today)
    if result.errors:
        print(format_text(result.diagnostics, result.files_checked), file=sys.stderr)
        print("glossary report: fix the errors above first (make check)", file=sys.stderr)
        return 1
    shared = root.resolve().parent / "shared"
    paths = (
        [Path(p) for p in args.concepts]
        if args.concepts
        else [p for p in (shared / "concepts.yaml", shared / "concepts-more.yaml") if p.is_file()]
        or [shared / "concepts.yaml"]
    )
    lists = [read_concepts(p) for p in paths]
    read = [part for part in lists if part is not None]
    concepts = [c for part in read for c in part] if len(read) == len(lists) else None  # None: a list is unreadable
    data = summarise_content(result, concepts, args.today or dt.date.today())
    print(json.dumps(data, indent=2) if args.format == "json" else format_content_report(data))
    return 0


def run_rename(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        return _no_such_folder(root)
    try:
        written = rename_entry(root, args.old, args.new)
    except RenameError as err:
        print(f"glossary rename: {err}; nothing was changed", file=sys.stderr)
        return 1
    print(f"Renamed glossary/{args.old}.md to glossary/{args.new}.md; its old address now redirects to the new one.")
    others = [p for p in written if p != f"glossary/{args.new}.md"]
    if others:
        print("Updated the links in: " + ", ".join(others))
    result = check_project(root)
    print(format_text(result.diagnostics, result.files_checked))
    return 1 if result.errors else 0


def run_urls(args: argparse.Namespace) -> int:
    root = Path(args.root)
    result = build_project(root)
    if result.errors:
        print(format_text(result.diagnostics, result.files_checked), file=sys.stderr)
        return 1
    for url in published_urls(root, result.pages):
        print("/" + url)
    return 0


def run_releases(args: argparse.Namespace) -> int:
    """One tag a line, newest first: what the deploy workflow builds into releases/ (scripts/build-releases.sh)."""
    root = Path(args.root)
    if not root.is_dir():
        return _no_such_folder(root)
    tags = read_tags(root)
    if tags is None:
        print("glossary releases: error: no git repository here, so no release tags to read", file=sys.stderr)
        return 1
    for tag in tags:
        if parse_release(tag) is None:
            print(
                f"glossary releases: warning: tag {tag!r} is not a release (release-YYYY-MM-DD, a real date); "
                "it is not published",
                file=sys.stderr,
            )
    for release in parse_tags("\n".join(tags)):
        print(release.tag)
    return 0


def run_write_sources(args: argparse.Namespace) -> int:
    """The site's sources for any MkDocs-compatible renderer (sources.py); the content is checked first."""
    root = Path(args.root)
    if not root.is_dir():
        return _no_such_folder(root)
    try:
        written = write_sources(root, Path(args.out))
    except SourcesError as err:
        print(f"glossary write-sources: error: {err}; nothing was written", file=sys.stderr)
        return 2
    result = written.result
    if result.errors:
        print(format_text(result.diagnostics, result.files_checked), file=sys.stderr)
        print("glossary write-sources: fix the errors above first; nothing was written", file=sys.stderr)
        return 1
    print(
        f"Wrote {written.pages} pages and {written.files} other generated files to {args.out}. "
        f"Build them without the glossary plugin: mkdocs build -f {Path(args.out) / 'mkdocs.yml'}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 content errors, 2 usage, 70 internal error)."""
    args = parse_args(argv)
    try:
        return {
            "check": run_check,
            "new": run_new,
            "rename": run_rename,
            "report": run_report,
            "urls": run_urls,
            "releases": run_releases,
            "write-sources": run_write_sources,
        }[args.command](args)
    except Exception as err:  # a bug of ours must still not greet a contributor with a traceback
        print(
            f"glossary: internal error: {type(err).__name__}: {err}. This is a bug in the checker, "
            "not in your content; please report it with the file you changed.",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
