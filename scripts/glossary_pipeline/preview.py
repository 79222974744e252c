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
from dataclasses import dataclass, field
from typing import Callable

from .model import Diagnostic
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


@dataclass(frozen=True)
class PreviewRecord:
    """What a preview build showed, to compare the next build with."""

    entries: dict = field(default_factory=dict)  # slug -> names linked to it and its summary
    page_set: str = ""  # digest of every page's path
    nav_titles: str = ""  # digest of the navigation and its titles
    rendered: dict = field(default_factory=dict)  # generated page -> digest of its Markdown


def digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def plan_rebuild(
    pages: list[tuple[str, str | None, Callable[[], bool], Callable[[], str]]],
    entries: dict,
    last: PreviewRecord,
    may_show: Callable[[str, str, set], bool],
) -> tuple[dict[str, bool], bool, PreviewRecord]:
    """Which pages must be rendered again, whether all must, and the record of this build.

    `pages` holds, per page: its source URI, its generated Markdown (None for a hand-written
    page), whether the file changed (MkDocs' own test, for hand-written pages) and its text.
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
    rendered, decisions = {}, {}
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
