"""Warnings: an in-text citation must name a work the entry lists under `references`.

"(Freud, 1914)" in the text, with no work by Freud from 1914 in the entry's references,
leaves the reader with a citation that leads nowhere (or a reference missing from the list).
The same matcher that links citations on the page decides whether one fits (citations.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set as AbstractSet

from .citations import CitationMatcher, page_works
from .index import Index
from .codes import Code
from .model import Diagnostic, Work
from .parse import parse_body

_YEAR = r"(?:1[5-9]|20)\d{2}[a-z]?"
_GROUP_RE = re.compile(rf"\(([^()\n]*\b{_YEAR})\)")  # a bracket that ends with a year
_PART_RE = re.compile(
    rf"^\s*(?:see(?:\s+also)?\s+|e\.g\.,?\s+|cf\.\s+)?(?P<name>[A-Z][^,;()]{{0,80}}?),\s*"
    rf"(?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)\s*$"
)
_LIST_BEFORE_RE = re.compile(r"[A-Z][\w'’-]*\.?\s*(?:,|&|\band)\s*(?:[A-Z][\w'’-]+\s+)?$")
_NARRATIVE_RE = re.compile(
    rf"(?<![\w'’-])(?P<name>[A-Z][\w'’-]+(?:\s+(?:&|and)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)?)"
    rf"(?:['’]s)?\s+\((?P<years>{_YEAR})\)"
)


def check_citations(
    index: Index, slug: str, kind: str = "entry", surnames: frozenset[str] | None = None
) -> list[Diagnostic]:
    """A warning for every citation-shaped mention of an author and year that fits none of the page's works."""
    page = index.corpus.entries.get(slug) if kind == "entry" else index.corpus.articles.get(slug)
    if page is None:
        return []
    matcher = CitationMatcher(page_works(index.corpus, kind, slug))
    if surnames is None:
        surnames = bibliography_surnames(index.corpus.works.values())
    out = []
    masked = parse_body(page.body, kind).masked.split("\n")
    first_line = page.source.body_line
    for number, line in enumerate(masked):
        if "(" not in line:
            continue
        for cited, col in _citations_in(line, surnames):
            if not matcher.find(cited):
                out.append(
                    Diagnostic(
                        page.source.path,
                        first_line + number,
                        col + 1,
                        Code.W607,
                        f"the citation '{cited}' matches no work in 'references'",
                        "add the work to the entry's references (and the bibliography), or correct the author or year",
                        severity="warning",
                        subject=cited,
                    )
                )
    return out


def bibliography_surnames(works: Iterable[Work]) -> frozenset[str]:
    """Every author's surname in the bibliography (the caller works it out once per run)."""
    return frozenset(
        a.split(",")[0].strip() for w in works for a in re.split(r"(?<=\.),\s*(?:&\s*)?|\s+&\s+", w.authors) if a
    )


def _citations_in(line: str, surnames: AbstractSet[str]) -> list[tuple[str, int]]:
    """(normalised citation, column) for each citation-shaped span of a line."""
    found = []
    for group in _GROUP_RE.finditer(line):
        offset = group.start(1)
        for part in group.group(1).split(";"):
            match = _PART_RE.match(part)
            if match and len(match.group("name").split()) <= 6:
                for year in re.findall(_YEAR, match.group("years")):
                    found.append(
                        (f"({match.group('name').strip()}, {year})", offset + line[offset:].find(part.strip()))
                    )
            offset += len(part) + 1
    for match in _NARRATIVE_RE.finditer(line):
        if _LIST_BEFORE_RE.search(line, 0, match.start()):
            continue  # the last of several authors ("Taylor, Bagby and James Parker (1997)"): not checked
        if match.group("name").split()[0] in surnames:  # "Grünbaum (1984)", not "Hysteria (1895)"
            found.append((f"{match.group('name')} ({match.group('years')})", match.start()))
    return found
