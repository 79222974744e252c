"""Stage 2, validate: titles and aliases, each of which must lead to one entry only."""

from __future__ import annotations

from collections.abc import Iterable

from .codes import Code
from .edits import delete_item_line
from .model import Corpus, Diagnostic, Entry
from .names import normalise_term
from .similar import near_key


def by_age(entries: Iterable[Entry]) -> list[Entry]:
    """Established files first, so that a clash is reported on the file that brought it."""
    return sorted(entries, key=lambda e: (e.source.newness, e.source.path))


def check_terms(corpus: Corpus) -> list[Diagnostic]:
    """Titles and aliases find one entry each: no alias twice, no alias equal to another's title."""
    diagnostics = []
    owners: dict[str, tuple[str, str]] = {}  # normalised term -> (slug, "title" or "alias")
    entries = by_age(corpus.entries.values())
    for entry in entries:
        owners.setdefault(normalise_term(entry.title), (entry.slug, "title"))
    for entry in entries:
        title_owner = owners[normalise_term(entry.title)]
        if title_owner[0] != entry.slug:
            diagnostics.append(
                Diagnostic.at(
                    entry.source,
                    ("title",),
                    Code.E303,
                    f"title '{entry.title}' is also the title of {corpus.entries[title_owner[0]].source.path}",
                    "merge the two entries, or make one title more specific",
                    subject=entry.title,
                )
            )
        for index, alias in enumerate(entry.aliases):
            diagnostics += _check_alias(corpus, entry, index, alias, owners)
    return diagnostics + check_near_duplicates(entries)


def _check_alias(
    corpus: Corpus, entry: Entry, index: int, alias: str, owners: dict[str, tuple[str, str]]
) -> list[Diagnostic]:
    """One alias, against the titles and the aliases of entries met before it (which it claims if free)."""
    owner = owners.setdefault(normalise_term(alias), (entry.slug, "alias"))
    field = ("aliases", index)
    if owner == (entry.slug, "alias"):
        return []
    if owner[0] == entry.slug:
        fix = delete_item_line(entry.source, field)
        hint = "remove the alias" + ("; 'glossary check --fix' can do this" if fix else "")
        message = f"alias '{alias}' repeats the entry's own title"
        return [Diagnostic.at(entry.source, field, Code.E303, message, hint, subject=alias, fix=fix)]
    other = corpus.entries[owner[0]].source.path
    return [
        Diagnostic.at(
            entry.source,
            field,
            Code.E303,
            f"alias '{alias}' is already the {owner[1]} of {other}",
            "a name can lead to only one entry: remove it here or there",
            subject=alias,
        )
    ]


def check_near_duplicates(entries: list[Entry]) -> list[Diagnostic]:
    """A title or alias that is another entry's term spelt another way ('Ödipus complex', 'defense')."""
    diagnostics = []
    seen: dict[str, tuple[Entry, str]] = {}
    for entry in entries:
        for index, term in enumerate([entry.title, *entry.aliases]):
            key = near_key(term)
            first = seen.setdefault(key, (entry, term)) if key else (entry, term)
            other, other_term = first
            if other.slug == entry.slug or normalise_term(other_term) == normalise_term(term):
                continue  # the same entry, or an exact clash (E303)
            diagnostics.append(
                Diagnostic.at(
                    entry.source,
                    ("title",) if index == 0 else ("aliases", index - 1),
                    Code.W610,
                    f"'{term}' looks like '{other_term}' of {other.source.path}",
                    "if it is the same term, add to that entry instead (as an alias if "
                    "the spelling is used); if not, make the title more specific",
                    subject=term,
                    severity="warning",
                )
            )
    return diagnostics
