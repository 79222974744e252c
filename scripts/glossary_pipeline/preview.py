"""Live preview (`make serve`) when the content has errors: show them in the browser.

A build with errors writes nothing new, and MkDocs would only print the message in the
terminal while the browser waits. In the preview the site instead keeps the last version
without errors, and every page loads a small script that reads the problems from
`preview-errors.json` and shows them over the page (file, line, message, hint). The file is
written on every preview build, so the panel appears with the next reload and is gone once
the content is fixed; no page has to be rendered again for it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from .autolink import AutolinkState, EntryShown
from .model import Diagnostic, GeneratedPage
from .report import sort_diagnostics

ERRORS_URI = "preview-errors.json"
SCRIPT_URI = "assets/preview-errors.js"


def errors_document(diagnostics: list[Diagnostic]) -> str:
    """The problems the preview shows: errors only (warnings never block a pull request)."""
    errors = [d for d in sort_diagnostics(diagnostics) if d.severity == "error"]
    items = [
        {"path": d.path, "line": d.line, "col": d.col, "code": d.code, "message": d.message, "hint": d.hint}
        for d in errors
    ]
    return json.dumps({"errors": items}, ensure_ascii=False)


# --- Which pages a live-preview rebuild may skip -------------------------------------------
# `make serve` runs `mkdocs serve --dirty`: after an edit only the pages whose Markdown
# changed are rendered again. These functions decide that from plain data; the adapter only
# hands MkDocs the answers.
#
# Why not a full rebuild (issue 18 asked to remove this if one stays under two seconds)?
# Measured on 2026-12-06 on the real content (223 entries, 2 shared cores), from saving an
# entry to the served page showing the edit: a full rebuild (`mkdocs serve`) took 7.5-13 s
# for a changed sentence and 7.1-7.5 s for a changed title; the dirty build took 2.0-2.7 s
# and 4.9-6.8 s (a plain `mkdocs build` is about 9.5 s). Waiting four times as long after
# every save is worse for contributors than this module, so it stays.

# Per page: its source URI, its generated Markdown (None for a hand-written page), whether
# the file changed (MkDocs' own test, for hand-written pages) and its text.
PageFacts = tuple[str, str | None, Callable[[], bool], Callable[[], str]]
MayShow = Callable[[str, str, set[str]], bool]


@dataclass(frozen=True)
class PreviewRecord:
    """What a preview build showed, to compare the next build with."""

    entries: dict[str, EntryShown] = field(default_factory=dict)  # slug -> names linked to it and its summary
    page_set: str = ""  # digest of every page's path
    nav_titles: str = ""  # digest of the navigation and its titles
    rendered: dict[str, str] = field(default_factory=dict)  # generated page -> digest of its Markdown


def digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def plan_rebuild(
    pages: list[PageFacts], entries: dict[str, EntryShown], last: PreviewRecord, may_show: MayShow
) -> tuple[dict[str, bool], bool, PreviewRecord]:
    """Which pages must be rendered again, whether all must, and the record of this build.

    A page is rendered again when its Markdown changed, or when it may show something of an
    entry whose names or summary changed (`may_show`, the term linker's answer): term links
    carry summaries, and a mention of a new name becomes a link. When the set of pages
    changes, every page is rendered again.
    """
    page_set = digest(sorted(uri for uri, *_ in pages))
    rebuild_all = page_set != last.page_set
    changed_slugs = {
        slug for slug in entries.keys() | last.entries.keys() if entries.get(slug) != last.entries.get(slug)
    }
    rendered: dict[str, str] = {}
    decisions: dict[str, bool] = {}
    for uri, markdown, modified, text in pages:
        if markdown is not None:
            rendered[uri] = digest(markdown)
            changed = last.rendered.get(uri) != rendered[uri]
        else:
            changed = modified()
        if not (rebuild_all or changed) and changed_slugs:
            changed = may_show(uri, markdown if markdown is not None else text(), changed_slugs)
        decisions[uri] = changed
    return decisions, rebuild_all, PreviewRecord(entries, page_set, "", rendered)


def titles_changed(nav_titles: list[tuple[str, str]], nav_config: object, last: PreviewRecord) -> tuple[bool, str]:
    """Whether a title in the navigation changed since the last build (every sidebar shows them)."""
    titles = digest((nav_config, nav_titles))
    return titles != last.nav_titles, titles


class PageFile(Protocol):
    """A page's file as the renderer holds it (MkDocs' File)."""

    src_uri: str

    @property
    def content_string(self) -> str: ...

    def is_modified(self) -> bool: ...


class NavPage(Protocol):
    """A page in the navigation as the renderer holds it (MkDocs' Page)."""

    markdown: str | None

    @property
    def file(self) -> PageFile: ...

    @property
    def title(self) -> str | None: ...


NavPageT = TypeVar("NavPageT", bound=NavPage)


def _text_of(file: PageFile) -> Callable[[], str]:
    return lambda: file.content_string  # read only if asked: most pages never are


@dataclass
class PreviewState:
    """What one live-preview session remembers from build to build, and asks of the next one.

    A build calls `plan` (which pages to render), `note_titles` (once the navigation is
    known), then `finish` once written. Outside a dirty preview every page is rendered.
    """

    dirty: bool = False  # `mkdocs serve --dirty`
    built: PreviewRecord = field(default_factory=PreviewRecord)  # the last build written
    pending: PreviewRecord = field(default_factory=PreviewRecord)  # the one being built
    rebuild_all: bool = True

    def __post_init__(self) -> None:
        if self.dirty:
            quiet_dirty_warning()

    def plan(self, pages: list[PageFacts], entries: dict[str, EntryShown], may_show: MayShow) -> dict[str, bool]:
        decisions, self.rebuild_all, self.pending = plan_rebuild(pages, entries, self.built, may_show)
        return decisions

    def must_render(self, decision: bool) -> Callable[[], bool]:
        """The answer MkDocs asks for each page, later, once `note_titles` may have changed its mind."""
        return lambda: not self.dirty or decision or self.rebuild_all

    def note_titles(self, nav_titles: list[tuple[str, str]], nav_config: object) -> None:
        changed, titles = titles_changed(nav_titles, nav_config, self.built)
        self.rebuild_all = self.rebuild_all or changed
        self.pending = replace(self.pending, nav_titles=titles)

    def note_navigation(
        self, pages: Sequence[NavPageT], nav_config: object, read_source: Callable[[NavPageT], None]
    ) -> None:
        """Every sidebar shows the navigation's titles, and a dirty build knows only those of the
        pages it renders: read the others' sources (front matter and first heading, no rendering),
        and render every page again if a title changed."""
        if not self.dirty:
            return
        for page in pages:
            if page.markdown is None:
                read_source(page)
        self.note_titles([(page.file.src_uri, str(page.title)) for page in pages], nav_config)

    def mark_pages(self, files: Sequence[PageFile], pages: Iterable[GeneratedPage], linker: AutolinkState) -> None:
        """In a dirty build, tell the renderer which pages it may skip, through each file's
        `is_modified`, which MkDocs asks (after `note_navigation`) and which says a generated page
        always changed."""
        if not self.dirty:
            return
        generated = {page.src_uri: page.content for page in pages if isinstance(page.content, str)}
        facts = [(f.src_uri, generated.get(f.src_uri), f.is_modified, _text_of(f)) for f in files]
        decisions = self.plan(facts, linker.describe_entries(), linker.may_show)
        for file in files:  # the file's own method, replaced on this instance only
            setattr(file, "is_modified", self.must_render(decisions[file.src_uri]))

    def finish(self) -> None:
        self.built = self.pending


# MkDocs warns that a dirty build may leave links stale, and strict mode makes the warning
# fatal. Here it does not apply: a page is built again whenever anything it shows of other
# pages changes (plan_rebuild, note_titles).
BUILD_LOGGER = "mkdocs.commands.build"
DIRTY_WARNING = "'dirty' build is being performed"


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return DIRTY_WARNING not in record.getMessage()


def quiet_dirty_warning() -> None:
    logging.getLogger(BUILD_LOGGER).addFilter(_not_the_dirty_warning)
