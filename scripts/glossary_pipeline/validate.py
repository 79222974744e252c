"""Stage 2, validate: each file against its schema, then the files against each other.

Every problem is collected; nothing stops at the first. Files with schema errors
still take part in the cross-file checks as far as their data allows, so one run
tells a contributor everything.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from .codes import Code
from .completeness import (
    Standards,
    check_completeness,
    check_indented_code,
    check_invisible,
    check_placeholders,
    read_standards,
)
from .crossref import check_cross_references
from .model import Corpus, Diagnostic, SourceFile
from .model_build import build_article, build_entry, build_reading_list, build_works, read_records
from .names import SLUG_RE, slug_hint
from .parse import leading_lines, locate, parse_body
from .review import check_review, read_contributors
from .safety import check_body_safety, check_field_safety
from .schema import check_schema
from .terms import check_terms


def validate_sources(
    sources: list[SourceFile], unreadable: frozenset[str] = frozenset(), today: dt.date | None = None
) -> tuple[Corpus, list[Diagnostic]]:
    """Check every file, build the corpus from what can be used, report all problems.

    `unreadable` holds the paths of files the load stage could not read: names they
    would define are taken to exist, so one broken file is reported once, not once
    for every file that links to it.
    """
    diagnostics: list[Diagnostic] = []
    corpus = Corpus()
    folded: dict[str, dict[str, str]] = {"entry": {}, "article": {}, "reading-list": {}}
    for source in sources:
        diagnostics += check_schema(source)
        if source.kind == "page":
            continue  # only its front matter is the check's; the sanitiser guards its text
        diagnostics += check_field_safety(source)
        diagnostics += check_invisible(source)
        if source.kind in ("entry", "article"):
            diagnostics += check_placeholders(source)
        if not isinstance(source.data, dict):
            continue
        if source.kind == "entry":
            diagnostics += check_body(source)
            _add_unique(corpus.entries, folded["entry"], build_entry(source), source, diagnostics)
        elif source.kind == "article":
            diagnostics += check_body(source)
            _add_unique(corpus.articles, folded["article"], build_article(source), source, diagnostics)
        elif source.kind == "reading-list":
            _add_unique(corpus.reading_lists, folded["reading-list"], build_reading_list(source), source, diagnostics)
        elif source.kind == "bibliography":
            corpus.works.update(build_works(source))
            diagnostics += check_duplicate_works(source)
        elif source.kind == "contributors":
            corpus.contributors = read_contributors(source)
        elif source.kind == "standards":
            corpus.standards = read_standards(source)
    diagnostics += check_terms(corpus)
    for entry in corpus.entries.values():
        diagnostics += check_completeness(entry, corpus.standards or Standards())
    contributors_unreadable = any(p.endswith("contributors.yaml") for p in unreadable)
    for entry in corpus.entries.values():
        diagnostics += check_review(
            entry, None if contributors_unreadable else corpus.contributors, today or dt.date.today()
        )
    diagnostics += check_cross_references(corpus, unreadable)
    return corpus, diagnostics


def drop_shadowed(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """On a line that still holds template text, say that only: 'title: $title' is one problem."""
    template_lines = {(d.path, d.line) for d in diagnostics if d.code == Code.E211}
    return [d for d in diagnostics if d.code == Code.E211 or (d.path, d.line) not in template_lines]


def check_duplicate_works(source: SourceFile) -> list[Diagnostic]:
    """A repeated work id names both places."""
    diagnostics = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(read_records(source.data, "works")):
        key = raw.get("id")
        if not isinstance(key, str):
            continue
        if key in first_index:
            first = source.locate(("works", first_index[key], "id"))
            diagnostics.append(
                Diagnostic.at(
                    source,
                    ("works", index, "id"),
                    Code.E306,
                    f"work id '{key}' is already used on line {first.line}",
                    "give each work its own id, or merge the two",
                    subject=key,
                )
            )
            continue
        first_index[key] = index
    return diagnostics


def check_body(source: SourceFile) -> list[Diagnostic]:
    """The body must hold text, be safe, and start its sections at '##' (the title is the page's '#')."""
    if not source.body.strip():
        return [
            Diagnostic(
                source.path,
                source.body_line,
                1,
                Code.E209,
                "the text after the front matter is empty",
                "write the explanation below the closing '---'",
            )
        ]
    out = check_body_safety(source) + check_indented_code(source)
    parsed = parse_body(source.body, source.kind)
    for number in range(1, 1 + sum(1 for h in parsed.headings if h.level == 1)):
        line, col = locate(
            source.body, source.kind, lambda p: sum(1 for h in p.headings if h.level == 1), number, ("#",)
        )
        out.append(
            Diagnostic(
                source.path,
                source.body_line + leading_lines(source.body) + line,
                col,
                Code.E209,
                "a top-level heading '# ...' in the text; the title is already the page heading",
                "use '## ' for sections",
            )
        )
    return out


def _add_unique(
    table: dict[str, Any], folded: dict[str, str], item: Any, source: SourceFile, diagnostics: list[Diagnostic]
) -> None:
    """Add by slug; the slug must be the file name's valid form and unique ignoring case."""
    slug = item.slug
    if not SLUG_RE.match(slug):
        diagnostics.append(
            Diagnostic(
                source.path,
                1,
                1,
                Code.E301,
                f"file name '{slug}' is not a valid slug",
                slug_hint(slug, source.path[source.path.rfind(".") :]),
                subject=slug,
            )
        )
    key = unicodedata.normalize("NFKC", slug).casefold()
    other_slug = folded.get(key)
    if other_slug is not None:
        kept, dropped = table[other_slug], item
        if not SLUG_RE.match(other_slug) and SLUG_RE.match(slug):
            # Keep the file whose name is valid, so other files' links to it still resolve.
            kept, dropped = item, table.pop(other_slug)
            table[slug] = item
            folded[key] = slug
        diagnostics.append(
            Diagnostic(
                dropped.source.path,
                1,
                1,
                Code.E302,
                f"slug '{dropped.slug}' differs only by case from {kept.source.path}",
                "two pages cannot share a URL: merge the files or rename one",
                subject=dropped.slug,
            )
        )
        return
    folded[key] = slug
    table[slug] = item
