"""Stage 2, validate: the files against each other, where one names another.

Every related slug, reference id, reading-list item and former slug must resolve (or,
for a former slug, belong to one entry only). A name defined by a file the load stage
could not read is taken to exist, so one broken file is reported once.
"""

from __future__ import annotations

from collections.abc import Callable

from .codes import Code
from .load import unreadable_slugs
from .model import Corpus, Diagnostic, FieldPath, ReadingList, SourceFile
from .model_build import read_records
from .similar import closest_work, suggestion


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
    broken_slugs = unreadable_slugs(unreadable)
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
