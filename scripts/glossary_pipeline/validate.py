"""Stage 2, validate: each file against its schema, then the files against each other.

Every problem is collected; nothing stops at the first. Files with schema errors
still take part in the cross-file checks as far as their data allows, so one run
tells a contributor everything.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
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
from .model import Corpus, Diagnostic, FieldPath, ReadingList, SourceFile
from .model_build import build_article, build_entry, build_reading_list, build_works, read_records
from .names import SLUG_RE, slug_hint
from .parse import leading_lines, locate, parse_body
from .review import check_review, read_contributors
from .safety import check_body_safety, check_field_safety
from .schema import check_schema
from .similar import closest_work, suggestion
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


def _suggest_work(key: str, works: list[str]) -> str:
    close = closest_work(key, works)
    if close:
        return f"did you mean '{close}'?"
    return (
        "add the work to content/bibliography.yaml first, or use the id it has there "
        "(search that file for the author's surname)"
    )


def check_cross_references(corpus: Corpus, unreadable: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Every related slug, reference key and reading-list item resolves."""
    diagnostics = []
    slugs, works = list(corpus.entries), list(corpus.works)
    broken_slugs = {p.rsplit("/", 1)[-1].rsplit(".", 1)[0] for p in unreadable}
    bibliography_unreadable = any(p.endswith("bibliography.yaml") for p in unreadable)

    def report(source: SourceFile, field: FieldPath, code: Code, message: str, hint: str, subject: str) -> None:
        diagnostics.append(Diagnostic.at(source, field, code, message, hint, subject=subject))

    def check_refs(source: SourceFile, refs: list[str]) -> None:
        if bibliography_unreadable:
            return
        for index, key in enumerate(refs):
            if key not in corpus.works:
                report(
                    source,
                    ("references", index),
                    Code.E305,
                    f"reference '{key}' is not in the bibliography",
                    _suggest_work(key, works),
                    key,
                )

    diagnostics += check_former_slugs(corpus)
    for entry in corpus.entries.values():
        for index, slug in enumerate(entry.related):
            if slug in entry.related[:index]:
                report(
                    entry.source,
                    ("related", index),
                    Code.E208,
                    f"'related' lists '{slug}' more than once",
                    "keep one: write 'slug: relation' once to say how it relates",
                    slug,
                )
            elif slug == entry.slug:
                report(
                    entry.source, ("related", index), Code.E308, "the entry lists itself as related", "remove it", slug
                )
            elif slug not in corpus.entries and slug not in broken_slugs:
                report(
                    entry.source,
                    ("related", index),
                    Code.E304,
                    f"related entry '{slug}' does not exist",
                    suggestion(slug, slugs) or "use the slug of an existing entry (its file name without '.md')",
                    slug,
                )
        check_refs(entry.source, entry.references)
    for article in corpus.articles.values():
        check_refs(article.source, article.references)
    for reading_list in corpus.reading_lists.values():
        diagnostics.extend(check_reading_items(corpus, reading_list, broken_slugs))
    return diagnostics


def check_reading_items(
    corpus: Corpus, reading_list: ReadingList, broken: frozenset[str] | set[str] = frozenset()
) -> list[Diagnostic]:
    """Each item names exactly one existing entry, article or work."""
    diagnostics = []
    source = reading_list.source
    tables: dict[str, Callable[[str], bool]] = {
        "entry": corpus.entries.__contains__,
        "article": corpus.articles.__contains__,
        "work": corpus.works.__contains__,
    }
    for index, raw in enumerate(read_records(source.data, "items")):
        named = [k for k in (*tables, "url", "section") if k in raw]
        if len(named) != 1:
            diagnostics.append(
                Diagnostic.at(
                    source,
                    ("items", index),
                    Code.E309,
                    f"item {index + 1} names {len(named) or 'none'} of entry, article, work, url, section",
                    "give each item exactly one of 'entry:', 'article:', 'work:' or 'url:' (with "
                    "'title:'), or start a section (a week) with 'section:'",
                )
            )
            continue
        if named[0] == "url" and not raw.get("title"):
            diagnostics.append(
                Diagnostic.at(
                    source,
                    ("items", index),
                    Code.E309,
                    f"item {index + 1} is an outside reading without a title",
                    "add 'title:' with the reading's title under its 'url:'",
                )
            )
        if named[0] in ("section", "url"):
            continue
        kind, target = named[0], raw[named[0]]
        if isinstance(target, str) and not tables[kind](target) and target not in broken:
            pool = {"entry": list(corpus.entries), "article": list(corpus.articles), "work": list(corpus.works)}[kind]
            diagnostics.append(
                Diagnostic.at(
                    source,
                    ("items", index, kind),
                    Code.E307,
                    f"{kind} '{target}' does not exist",
                    suggestion(target, pool) or f"use the slug or id of an existing {kind}",
                    subject=target,
                )
            )
    return diagnostics


def check_former_slugs(corpus: Corpus) -> list[Diagnostic]:
    """A former slug becomes a redirect, so it may belong to no current entry and to one former owner."""
    diagnostics = []
    owners: dict[str, str] = {}
    for entry in corpus.entries.values():
        for index, old in enumerate(entry.former_slugs):
            if old in corpus.entries:
                clash = (
                    "this entry's own slug" if old == entry.slug else f"the slug of {corpus.entries[old].source.path}"
                )
                diagnostics.append(
                    Diagnostic.at(
                        entry.source,
                        ("former_slugs", index),
                        Code.E310,
                        f"former slug '{old}' is {clash}",
                        "remove it: the URL is in use",
                        subject=old,
                    )
                )
            elif owners.setdefault(old, entry.slug) != entry.slug:
                other = corpus.entries[owners[old]].source.path
                diagnostics.append(
                    Diagnostic.at(
                        entry.source,
                        ("former_slugs", index),
                        Code.E310,
                        f"former slug '{old}' is also listed by {other}",
                        "an old URL can redirect to one entry only",
                        subject=old,
                    )
                )
    return diagnostics
