"""Warnings: things worth fixing that do not break the site. `check --strict` makes them errors."""

from __future__ import annotations

import datetime as dt
import re

from .index import Index
from .links import LinkResult
from .citecheck import bibliography_surnames, check_citations
from .parse import parse_body
from .codes import Code
from .model import Diagnostic, Entry, FieldPath

SUMMARY_TARGET = 250  # characters: longer tooltips get cut off on phones
REVIEW_MONTHS = 24  # every entry is reviewed again within two years (the editorial policy)
READING_GRADE_TARGET = 14.0  # Flesch-Kincaid grade, for introductory entries


def advise(index: Index, links: LinkResult, today: dt.date) -> list[Diagnostic]:
    """Every warning for every entry."""
    out: list[Diagnostic] = []
    surnames = bibliography_surnames(index.corpus.works.values())
    for entry in index.entries:
        out += advise_entry(index, links, entry, today)
        out += check_citations(index, entry.slug, surnames=surnames)
    for slug in sorted(index.corpus.articles):
        out += check_citations(index, slug, "article", surnames)
    return out


def _warn(entry: Entry, path: FieldPath, code: Code, message: str, hint: str) -> Diagnostic:
    return Diagnostic.at(entry.source, path, code, message, hint, subject=entry.slug, severity="warning")


def advise_entry(index: Index, links: LinkResult, entry: Entry, today: dt.date) -> list[Diagnostic]:
    out = []
    standards = index.corpus.standards
    required = standards is not None and standards.at_least.get("references", 0) > 0
    if not entry.references and not required:  # when references are required, E207 says it
        out.append(
            _warn(
                entry,
                ("title",),
                Code.W601,
                "the entry cites no work",
                "add 'references:' with the ids of the works that support it",
            )
        )
    if not links.mentioned_in.get(entry.slug) and not index.related_from.get(entry.slug):
        out.append(
            _warn(
                entry,
                ("title",),
                Code.W602,
                "no other page links to or mentions this entry",
                "list it under 'related:' in a related entry, or mention it in one",
            )
        )
    if len(entry.summary) > SUMMARY_TARGET:
        out.append(
            _warn(
                entry,
                ("summary",),
                Code.W603,
                f"the summary is {len(entry.summary)} characters; aim for {SUMMARY_TARGET} or fewer",
                "tooltips and search results read best short",
            )
        )
    reviewed = review_date(entry)
    if reviewed and months_between(reviewed, today) > REVIEW_MONTHS:
        out.append(
            _warn(
                entry,
                ("review",),
                Code.W604,
                f"last reviewed on {reviewed.isoformat()}, more than {REVIEW_MONTHS} months ago",
                "check the entry against current sources and update 'reviewed_on'",
            )
        )
    if entry.level == "introductory":
        grade = reading_grade(parse_body(entry.body, "entry").prose)
        if grade > READING_GRADE_TARGET:
            out.append(
                _warn(
                    entry,
                    ("level",),
                    Code.W605,
                    f"the text reads at grade {grade:.1f}; introductory entries "
                    f"aim for {READING_GRADE_TARGET:.0f} or below",
                    "use shorter sentences and plainer words",
                )
            )
    return out


def review_date(entry: Entry) -> dt.date | None:
    review = entry.review
    text = review and (review.reviewed_on or review.written_on)
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_ENDS = re.compile(r"[.!?]+(?:\s|$)")


def count_syllables(word: str) -> int:
    """An English syllable estimate: vowel groups, minus a silent final e."""
    word = word.lower()
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of prose (Markdown punctuation ignored)."""
    words = _WORDS.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_ENDS.findall(text)))
    syllables = sum(count_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59
