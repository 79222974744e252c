"""The stages, as data: load -> validate -> index -> link -> advise, then generate.

`STAGES` is the one list of what runs, in order; `GENERATORS` the one list of what is
generated. The CLI (`check_project`, `build_project`), the MkDocs adapter (through
sitebuild.py) and the benchmark (tools/bench.py, which times each stage by name) all run
these lists, so none of them can skip or reorder a step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from collections.abc import Callable, Iterator
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
from .model import Corpus, Diagnostic, GeneratedPage, SourceFile
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


@dataclass(frozen=True)
class Site:
    """What the generated pages say about the site they belong to."""

    name: str = ""
    url: str = ""
    repo_url: str = ""  # for each page's history link; none when empty
    release: Release | None = None  # set when building a dated version (releases.py)
    current_url: str = ""  # the current site's address, seen from a dated version


@dataclass
class Run:
    """One run's work in progress, handed from stage to stage."""

    root: Path
    today: dt.date | None = None
    site: Site = Site()
    sources: list[SourceFile] = field(default_factory=list)
    unreadable: frozenset[str] = frozenset()  # files that failed to load
    result: Result = field(default_factory=lambda: Result([], 0))

    @property
    def corpus(self) -> Corpus:
        assert self.result.corpus is not None, "the validate stage runs first"
        return self.result.corpus

    @property
    def index(self) -> Index:
        assert self.result.index is not None, "the index stage runs first"
        return self.result.index

    @property
    def links(self) -> LinkResult:
        assert self.result.links is not None, "the link stage runs first"
        return self.result.links


def load_stage(run: Run) -> None:
    run.sources, problems = load_project(Layout(run.root))
    run.unreadable = frozenset(d.path for d in problems)
    run.result.diagnostics += problems


def validate_stage(run: Run) -> None:
    run.result.corpus, problems = validate_sources(run.sources, run.unreadable, run.today)
    run.result.diagnostics += problems
    run.result.files_checked = len(run.sources) + len(run.unreadable)  # files that failed to load count too


def index_stage(run: Run) -> None:
    run.result.index = build_index(run.corpus)


def link_stage(run: Run) -> None:
    run.result.links = link_corpus(run.index, run.unreadable)
    run.result.diagnostics += run.links.diagnostics


def advise_stage(run: Run) -> None:
    """The warnings, then every problem a more precise one shadows."""
    run.result.diagnostics += advise(run.index, run.links, run.today or dt.date.today())
    run.result.diagnostics = drop_shadowed(run.result.diagnostics)


Generator = Callable[[Index, LinkResult, Site, Path], list[GeneratedPage]]


def handout_date(site: Site) -> str:
    """The date a printed handout shows: a dated version's own, else today."""
    return (site.release.date if site.release else dt.date.today()).isoformat()


# Every generated page and file, in the order they are made.
GENERATORS: tuple[tuple[str, Generator], ...] = (
    ("pages", lambda index, links, site, root: generate_pages(index, links, site.name, site.url, site.repo_url)),
    (
        "reading",
        lambda index, links, site, root: generate_reading_pages(index, links, site.url, site.name, handout_date(site)),
    ),
    ("handouts", lambda index, links, site, root: generate_fragments(index, links, site.url)),
    ("exports", lambda index, links, site, root: generate_exports(index, site.name, site.url)),
    ("downloads", lambda index, links, site, root: generate_downloads(index, site.name, site.url)),
    (
        "releases",
        lambda index, links, site, root: generate_release_pages(
            read_releases(root), site.url, site.release, site.current_url
        ),
    ),
)


def generate_stage(run: Run) -> None:
    run.index.history = read_history(run.root)  # review dates and history links (provenance.py)
    run.result.pages = [
        page for _, generate in GENERATORS for page in generate(run.index, run.links, run.site, run.root)
    ]


Stage = Callable[[Run], None]
# What runs, in order. A check runs every stage but the last; a build runs the last too,
# unless the check found errors.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("load", load_stage),
    ("validate", validate_stage),
    ("index", index_stage),
    ("link", link_stage),
    ("advise", advise_stage),
    ("generate", generate_stage),
)
CHECK_STAGES = STAGES[:-1]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
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


def run_stages(run: Run, stages: tuple[tuple[str, Stage], ...], timings: dict[str, float] | None = None) -> Result:
    """Run the stages in order; `timings`, if given, gets each stage's seconds (the benchmark's figures)."""
    with paused_gc():
        for name, stage in stages:
            start = time.perf_counter()
            stage(run)
            if timings is not None:
                timings[name] = time.perf_counter() - start
    return run.result


def check_project(root: Path | str, today: dt.date | None = None, timings: dict[str, float] | None = None) -> Result:
    """Load, validate, index and link every content file, and advise; generate nothing."""
    return run_stages(Run(Path(root), today), CHECK_STAGES, timings)


def build_project(
    root: Path | str,
    site_name: str = "",
    site_url: str = "",
    force: bool = False,
    repo_url: str = "",
    release: Release | None = None,
    current_url: str = "",
    timings: dict[str, float] | None = None,
) -> Result:
    """Check, then generate the pages; no pages at all if any error was found, unless forced.

    `force` exists to test the second line of defence: that hostile content the check
    rejects would still be rendered harmless if it were ever built. `release` is set when
    building a dated version of the site (releases.py), whose current site is at `current_url`.
    """
    run = Run(Path(root), site=Site(site_name, site_url, repo_url, release, current_url))
    run_stages(run, CHECK_STAGES, timings)
    if force or not run.result.errors:
        run_stages(run, STAGES[len(CHECK_STAGES) :], timings)
    return run.result


def published_urls(root: Path, pages: list[GeneratedPage], docs_dir: str = "docs") -> list[str]:
    """Every page address of the site, relative to its root: generated pages, redirects and docs/ pages."""
    urls = {output_url(p.src_uri) for p in pages if p.src_uri.endswith((".md", "/index.html"))}
    urls |= {output_url(path.relative_to(root / docs_dir).as_posix()) for path in (root / docs_dir).rglob("*.md")}
    return sorted(urls)
