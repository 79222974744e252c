"""Stage 3, index: the finished, cross-referenced view of the corpus.

Built once, after validation, from the whole corpus; every page is generated
from it, so no page is written from half-known data.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from .history import History
from .markup import short_authors
from .model import Article, Corpus, Entry, ReadingList, Work
from .parse import parse_body
from .textscan import count_words, reading_minutes
from .names import normalise_term

# The fixed category vocabulary: slug -> (plural heading, one-line description).
CATEGORIES: dict[str, tuple[str, str]] = {
    "core-concept": ("Core concepts", "The ideas the whole approach rests on."),
    "defence-mechanism": ("Defence mechanisms", "The automatic ways the mind protects itself from painful feelings."),
    "technique": ("Techniques", "What a therapist does in sessions, and why."),
    "therapy-model": (
        "Therapy models and variants",
        "Named forms of treatment, from psychoanalysis to brief therapies.",
    ),
    "theory-school": ("Theories and schools", "The traditions of thought within the field."),
    "person": ("People", "Clinicians and researchers who shaped the field."),
    "evidence": ("Evidence and research", "How the therapy is studied and what the studies found."),
    "controversy": ("Controversies and debates", "Questions on which informed people disagree."),
    "related-field": ("Related fields", "Neighbouring treatments, conditions and professions."),
}

LEVELS = {"introductory": "Introductory", "intermediate": "Intermediate", "advanced": "Advanced"}


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents: 'Émile' files under E."""
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return stripped.casefold()


def work_order(work: Work, short: bool = False) -> tuple[str, str, str]:
    """Reference lists and the bibliography: by authors as printed (ignoring case and accents), then
    year; `short` for a page's own list, which names up to three authors (markup.short_authors)."""
    return (sort_key(short_authors(work.authors) if short else work.authors), str(work.year), work.key)


def letter_of(title: str) -> str:
    """The A-Z heading a title files under; '#' for titles starting with a digit or symbol."""
    first = sort_key(title)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


@dataclass
class Index:
    """Lookups every generated page needs."""

    corpus: Corpus
    entries: list[Entry] = field(default_factory=list)  # alphabetical
    terms: dict[str, str] = field(default_factory=dict)  # normalised title or alias -> slug
    by_letter: dict[str, list[Entry]] = field(default_factory=dict)
    by_category: dict[str, list[Entry]] = field(default_factory=dict)
    related_from: dict[str, list[str]] = field(default_factory=dict)  # slug -> slugs that list it as related
    cited_by: dict[str, list[str]] = field(default_factory=dict)  # work id -> entry/article slugs (prefixed)
    minutes: dict[str, int] = field(default_factory=dict)  # slug -> reading time, once computed
    # "entry:slug" or "article:slug" -> (reading path, the page's step in it, the path's page keys)
    paths: dict[str, list[tuple[ReadingList, int, list[str]]]] = field(default_factory=dict)
    history: History = field(default_factory=History)  # each file's last change, when git knows it


def build_index(corpus: Corpus) -> Index:
    """Index a validated corpus: terms, letters, categories and reverse links."""
    index = Index(corpus=corpus)
    index.entries = sorted(corpus.entries.values(), key=lambda e: (sort_key(e.title), e.slug))
    for entry in index.entries:
        for term in [entry.title, *entry.aliases]:
            index.terms.setdefault(normalise_term(term), entry.slug)
        index.by_letter.setdefault(letter_of(entry.title), []).append(entry)
        index.by_category.setdefault(entry.category, []).append(entry)
        for target in entry.related:
            if target in corpus.entries and target != entry.slug:
                index.related_from.setdefault(target, []).append(entry.slug)
        for key in entry.references:
            index.cited_by.setdefault(key, []).append(f"entry:{entry.slug}")
    for article in sorted(corpus.articles.values(), key=lambda a: (a.order, a.slug)):
        for key in article.references:
            index.cited_by.setdefault(key, []).append(f"article:{article.slug}")
    for reading_list in sorted(corpus.reading_lists.values(), key=lambda r: r.slug):
        if reading_list.path:
            steps = [
                f"{item.kind}:{item.target}"
                for item in reading_list.items
                if item.kind in ("entry", "article")
                and item.target in (corpus.entries if item.kind == "entry" else corpus.articles)
            ]
            for number, key in enumerate(steps):
                index.paths.setdefault(key, []).append((reading_list, number, steps))
    return index


# How a related entry relates to the entry that lists it (`related: - slug: relation`), in
# words for pages: (said of the related entry, said of the lister from the related entry's
# side), and in a word or two for the concept map's edges.
RELATIONS: dict[str, tuple[str, str]] = {
    "see-also": ("see also", "see also"),
    "broader": ("the broader idea", "a narrower idea"),
    "narrower": ("a narrower idea", "the broader idea"),
    "contrast": ("a contrasting idea", "a contrasting idea"),
    "developed-from": ("what it grew out of", "grew out of it"),
}
EDGE_LABELS: dict[str, tuple[str, str]] = {
    "see-also": ("see also", "see also"),
    "broader": ("broader", "narrower"),
    "narrower": ("narrower", "broader"),
    "contrast": ("contrast", "contrast"),
    "developed-from": ("grew from", "grew into"),
}
MAX_NEXT = 6  # "What to read next" stays short enough to read on a phone


@dataclass(frozen=True)
class Neighbour:
    """An entry related to another, and how: a relation type, seen from the other entry's side or not."""

    entry: Entry
    relation: str
    inverse: bool = False

    @property
    def words(self) -> str:
        return RELATIONS[self.relation][self.inverse]

    @property
    def edge(self) -> str:
        return EDGE_LABELS[self.relation][self.inverse]


def related_both_ways(index: Index, entry: Entry) -> list[Neighbour]:
    """Entries this one lists as related (in its order), then those that list it, without repeats."""
    entries = index.corpus.entries
    out: dict[str, Neighbour] = {}
    for slug in entry.related:
        if slug in entries and slug != entry.slug:
            relation = entry.relations.get(slug, "see-also")
            theirs = entries[slug].relations.get(entry.slug, "see-also")
            # A relation named on one side only holds on both: seen from here, it is the inverse.
            neighbour = (
                Neighbour(entries[slug], relation)
                if relation != "see-also" or theirs == "see-also"
                else Neighbour(entries[slug], theirs, inverse=True)
            )
            out.setdefault(slug, neighbour)
    for slug in index.related_from.get(entry.slug, []):
        if slug in entries and slug != entry.slug:
            other = entries[slug]
            out.setdefault(slug, Neighbour(other, other.relations.get(entry.slug, "see-also"), inverse=True))
    return list(out.values())


def article_minutes(article: Article) -> int:
    """Reading time of an article's text (its page, its reading-list item and its handout say the same)."""
    return reading_minutes(parse_body(article.body, "article").words)


def entry_minutes(index: Index, entry: Entry) -> int:
    """Reading time of everything on the entry page that a student reads.

    Remembered: the entry page, the export and reading lists all show it, and counting
    words is a good part of the pipeline's time.
    """
    if entry.slug in index.minutes:
        return index.minutes[entry.slug]
    fields = [
        entry.summary,
        *entry.key_points,
        *(m.misconception + " " + m.correction for m in entry.misconceptions),
        *(q.question + " " + q.answer for q in entry.questions),
    ]
    minutes = index.minutes[entry.slug] = reading_minutes(
        parse_body(entry.body, "entry").words + sum(count_words(text) for text in fields)
    )
    return minutes
