"""Stage 5, generate: the pieces several generated pages share (reference lists, reading-path
navigation, links to pages by key, blocks the automatic term linker leaves alone)."""

from __future__ import annotations

from .index import Index, work_order
from .markup import escape_text, format_citation
from .urls import BIBLIOGRAPHY_URI, article_uri, entry_uri, link, list_uri, ref_anchor, work_anchor, REFERENCES


def no_autolink(markdown: str, searchable: bool = True, css: str = "") -> str:
    """Wrap generated lists of links so the automatic term linker leaves them alone."""
    exclude = "" if searchable else " data-search-exclude"
    return f'<div class="no-autolink{" " + css if css else ""}"{exclude} markdown>\n\n{markdown}\n\n</div>\n'


def page_link(index: Index, here: str, key: str) -> str:
    kind, slug = key.split(":", 1)
    if kind == "entry":
        return f"[{escape_text(index.corpus.entries[slug].title)}]({link(here, entry_uri(slug))})"
    return f"[{escape_text(index.corpus.articles[slug].title)}]({link(here, article_uri(slug))})"


def reading_paths(index: Index, key: str, here: str) -> list[str]:
    """For each reading path the page is on: where it is, and links to the steps before and after."""
    out = []
    for reading_list, number, steps in index.paths.get(key, []):
        lead = f"Step {number + 1} of {len(steps)} in [{escape_text(reading_list.title)}]({link(here, list_uri(reading_list.slug))})"
        moves = []
        if number > 0:
            moves.append(f"[← {page_title(index, steps[number - 1])}]({page_url(here, steps[number - 1])})")
        if number + 1 < len(steps):
            moves.append(f"[Next: {page_title(index, steps[number + 1])} →]({page_url(here, steps[number + 1])})")
        block = lead + ("  \n" + " · ".join(moves) if moves else "")
        out.append(
            f'<nav class="reading-path no-autolink" aria-label="Reading path" data-search-exclude markdown>\n\n'
            f"{block}\n\n</nav>\n"
        )
    return out


def page_title(index: Index, key: str) -> str:
    kind, slug = key.split(":", 1)
    return escape_text((index.corpus.entries if kind == "entry" else index.corpus.articles)[slug].title)


def page_url(here: str, key: str) -> str:
    kind, slug = key.split(":", 1)
    return link(here, entry_uri(slug) if kind == "entry" else article_uri(slug))


def references(index: Index, here: str, keys: list[str]) -> list[str]:
    """The page's works by author, then year. Each item's id (ref-<key>) is where the page's
    in-text citations lead; the citation linker adds the way back (citations.py)."""
    works = sorted(
        (index.corpus.works[k] for k in dict.fromkeys(keys) if k in index.corpus.works),
        key=lambda work: work_order(work, short=True),
    )
    if not works:
        return []
    items = "\n".join(
        f"- {format_citation(w, short=True)} [In the bibliography]({link(here, BIBLIOGRAPHY_URI, work_anchor(w.key))}){{ .ref-bib }}\n"
        f"  {{ #{ref_anchor(w.key)} }}"
        for w in works
    )
    return [f"## {REFERENCES}\n\n" + no_autolink(items, css="references")]
