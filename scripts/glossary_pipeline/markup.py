"""Small helpers for writing Markdown safely: escaping, relative links, citations."""

from __future__ import annotations

import functools
import json
import re
from urllib.parse import quote

from .model import Work

# Characters that start Markdown syntax anywhere in a line. Parentheses and '!' need no
# escape because '[' is always escaped, so they can never complete a link or an image.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_{}[]|"}})
# Characters that start a block (heading, list, quote) only at the start of a line.
_MD_LINE_START = re.compile(r"^([#+\-]|\d+(?=[.)]))")


# Each title and summary is shown on dozens of pages (term lists, related entries, concept
# maps): escape it once.
@functools.lru_cache(maxsize=1 << 16)
def escape_text(text: str) -> str:
    """Plain text (a title, a summary) as Markdown that renders as exactly that text."""
    text = " ".join(str(text).split()).translate(_ESCAPES)
    match = _MD_LINE_START.match(text)
    if match and match.group(1)[0].isdigit():
        # "1990. A year" would start a numbered list: escape the full stop after the number.
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return _MD_LINE_START.sub(r"\\\1", text, count=1)


def front_matter(meta: dict[str, object]) -> str:
    """Front matter as JSON, which is valid YAML: it quotes whatever a contributor wrote,
    and writing it is many times faster than a YAML dump."""
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"


_AUTHOR_SPLIT_RE = re.compile(r"(?<=\.),\s*(?:&\s*)?|\s+&\s+")
MAX_AUTHORS_SHORT = 3


def short_authors(authors: str) -> str:
    """More than three authors as the first one and 'et al.' (pages' own reference lists; the
    bibliography lists everyone). Names are 'Surname, I.' separated by commas and '&'."""
    names = [n for n in _AUTHOR_SPLIT_RE.split(authors.strip()) if n]
    if len(names) <= MAX_AUTHORS_SHORT or names[0].count(",") != 1:
        return authors
    return names[0].rstrip(",") + ", et al."


def format_citation(work: Work, short: bool = False) -> str:
    """One consistent style for every work: Authors (Year). *Title*. Venue. DOI or URL."""
    authors = short_authors(work.authors) if short else work.authors
    parts = [f"{escape_text(authors)} ({escape_text(str(work.year))}). *{escape_text(work.title.rstrip('.'))}*."]
    if work.venue:
        parts.append(escape_text(work.venue.rstrip(".")) + ".")
    if work.doi:
        doi = quote(work.doi, safe="/:;()._-")
        # Shown as doi:..., the form citation styles print; the link goes to the resolver.
        parts.append(f"[doi:{escape_text(work.doi)}](https://doi.org/{doi}){{ .doi }}")
    elif work.url:
        parts.append(f"<{quote(work.url, safe='/:?&=#%._-~+')}>")
    return " ".join(parts)


def citation_text(work: Work) -> str:
    """format_citation's style as plain text, for exports read outside the site (glossary.json):
    Authors (Year). Title. Venue. https://doi.org/... or the URL."""
    parts = [f"{' '.join(work.authors.split())} ({work.year}). {work.title.rstrip('.')}."]
    if work.venue:
        parts.append(" ".join(work.venue.split()).rstrip(".") + ".")
    if work.doi:
        parts.append(f"https://doi.org/{work.doi}")
    elif work.url:
        parts.append(work.url)
    return " ".join(parts)
