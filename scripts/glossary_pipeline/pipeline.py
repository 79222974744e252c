"""The stages run in order: load -> validate -> index -> generate. Used by the CLI and the MkDocs adapter."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from dataclasses import dataclass, field
from pathlib import Path

from .advice import advise

from .downloads import generate_downloads
from .export import generate_exports
from .generate import generate_pages
from .handout import generate_fragments
from .history import read_history
from .index import Index, build_index
from .links import LinkResult, link_corpus
from .load import Layout, load_project
from .model import Corpus, Diagnostic, GeneratedPage
from .reading import generate_reading_pages
from .releases import Release, generate_release_pages, read_releases
from .urls import output_url
from .validate import drop_shadowed, validate_sources


@dataclass
class Result:
    """What a run produced: the problems found and, if there were no errors, the pages."""

    diagnostics: list[Diagnostic]
    files_checked: int
    corpus: Corpus | None = None
    index: Index | None = None
    links: LinkResult | None = None
    pages: list[GeneratedPage] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


@contextlib.contextmanager
def paused_gc():
    """Run without the cycle collector, then let it run again.

    The stages build hundreds of thousands of small objects that all stay alive; the
    collector would walk them again and again while they are made (a third of the load
    stage at 5,000 entries) and find nothing to free.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_project(root: Path | str, today: dt.date | None = None) -> Result:
    """Load, validate, index and link every content file; generate nothing."""
    with paused_gc():
        return _check_project(root, today)


def _check_project(root: Path | str, today: dt.date | None) -> Result:
    sources, diagnostics = load_project(Layout(Path(root)))
    unreadable = frozenset(d.path for d in diagnostics)
    corpus, problems = validate_sources(sources, unreadable, today)
    # Files that failed to load still count as checked.
    result = Result(diagnostics + problems, len(sources) + len(unreadable), corpus)
    result.index = build_index(corpus)
    result.links = link_corpus(result.index, unreadable)
    result.diagnostics += result.links.diagnostics
    result.diagnostics += advise(result.index, result.links, today or dt.date.today())
    result.diagnostics = drop_shadowed(result.diagnostics)
    return result


def build_project(
    root: Path | str,
    site_name: str = "",
    site_url: str = "",
    force: bool = False,
    repo_url: str = "",
    release: Release | None = None,
    current_url: str = "",
) -> Result:
    """Check, then generate the pages; no pages at all if any error was found, unless forced.

    `force` exists to test the second line of defence: that hostile content the check
    rejects would still be rendered harmless if it were ever built. `release` is set when
    building a dated version of the site (releases.py), whose current site is at `current_url`.
    """
    with paused_gc():
        result = _check_project(root, None)
        if force or not result.errors:
            result.index.history = read_history(Path(root))
            result.pages = generate_site(result, Path(root), site_name, site_url, repo_url, release, current_url)
    return result


def generate_site(
    result: Result,
    root: Path,
    site_name: str = "",
    site_url: str = "",
    repo_url: str = "",
    release: Release | None = None,
    current_url: str = "",
) -> list[GeneratedPage]:
    """Every generated page and file, in one place (the build and the benchmark both call it)."""
    index, links = result.index, result.links
    today = (release.date if release else dt.date.today()).isoformat()  # the date a handout prints
    return (
        generate_pages(index, links, site_name, site_url, repo_url)
        + generate_reading_pages(index, links, site_url, site_name, today)
        + generate_fragments(index, links, site_url)
        + generate_exports(index, site_name, site_url)
        + generate_downloads(index, site_name, site_url)
        + generate_release_pages(read_releases(root), site_url, release, current_url)
    )


def published_urls(root: Path, pages: list[GeneratedPage], docs_dir: str = "docs") -> list[str]:
    """Every page address of the site, relative to its root: generated pages, redirects and docs/ pages."""
    urls = {output_url(p.src_uri) for p in pages if p.src_uri.endswith(".md")}
    urls |= {p.src_uri.removesuffix("index.html") for p in pages if p.src_uri.endswith("/index.html")}
    urls |= {output_url(path.relative_to(root / docs_dir).as_posix()) for path in (root / docs_dir).rglob("*.md")}
    return sorted(urls)
