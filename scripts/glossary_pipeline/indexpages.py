"""Stage 5, generate: the pages that list others: the A-Z index, one per reading level, the
categories, the articles and the bibliography."""

from __future__ import annotations

from .export import index_jsonld
from .index import CATEGORIES, LEVELS, Index, work_order
from .markup import escape_text, format_citation, front_matter
from .model import Article, GeneratedPage
from .pageparts import page_link
from .urls import (
    ARTICLES_URI,
    AZ_URI,
    BIBLIOGRAPHY_URI,
    CATEGORIES_URI,
    article_uri,
    category_uri,
    entry_uri,
    level_uri,
    link,
    work_anchor,
)

ALPHABET = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["#"]


def render_az_page(index: Index, site_name: str = "", site_url: str = "") -> GeneratedPage:
    """The A-Z index with a bar of letter jumps; letters with no entries are shown but not linked."""
    jumps = []
    for letter in ALPHABET:
        anchor = "other" if letter == "#" else letter.lower()
        label = "0–9" if letter == "#" else letter
        jumps.append(
            f"[{label}](#{anchor})" if index.by_letter.get(letter) else f'<span class="az-empty">{label}</span>'
        )
    out = [
        front_matter(
            {
                "title": "Glossary A–Z",
                "autolink": False,
                "description": "Every term in the glossary, from A to Z, with a one-line definition.",
                "jsonld": index_jsonld(index, site_name, site_url),
            }
        ),
        "# Glossary A–Z\n",
        f"{len(index.entries)} terms. Search by any name a concept goes by, or jump to a letter.\n",
        _level_filter(index, AZ_URI, ""),
        '<nav class="az-jumps" aria-label="Jump to letter" markdown="1">\n' + " ".join(jumps) + "\n</nav>\n",
    ]
    for letter in ALPHABET:
        entries = index.by_letter.get(letter)
        if not entries:
            continue
        anchor = "other" if letter == "#" else letter.lower()
        out.append(f"## {'0–9' if letter == '#' else letter} {{ #{anchor} }}\n")
        out += [
            f"- [{escape_text(e.title)}]({link(AZ_URI, entry_uri(e.slug))}): {escape_text(e.summary)}" for e in entries
        ]
        out.append("")
    return GeneratedPage(AZ_URI, "\n".join(out))


def _level_filter(index: Index, here: str, current: str) -> str:
    """'Show: All levels · Introductory (76) · ...': the A-Z index, filtered by reading level."""
    counts = {level: sum(e.level == level for e in index.entries) for level in LEVELS}
    options = ["All levels" if not current else f"[All levels]({link(here, AZ_URI)})"]
    for level, name in LEVELS.items():
        if counts[level]:
            label = f"{name} ({counts[level]})"
            options.append(f"**{label}**" if level == current else f"[{label}]({link(here, level_uri(level))})")
    return f'<nav class="az-levels" aria-label="Filter by level" markdown="1">\nShow: {" · ".join(options)}\n</nav>\n'


def render_level_page(index: Index, level: str) -> GeneratedPage:
    """The A-Z index of one reading level, so a trainer can point trainees at the advanced entries."""
    here = level_uri(level)
    name = LEVELS[level]
    entries = [e for e in index.entries if e.level == level]
    out = [
        front_matter(
            {
                "title": f"Glossary A–Z: {name.lower()} entries",
                "autolink": False,
                "description": f"The {len(entries)} {name.lower()} entries of the glossary, from A to Z.",
            }
        ),
        f"# {name} entries\n",
        f"{LEVEL_BLURBS[level]} {len(entries)} entries.\n",
        _level_filter(index, here, level),
    ]
    for letter in ALPHABET:
        group = [e for e in index.by_letter.get(letter, []) if e.level == level]
        if group:
            out.append(f"## {'0–9' if letter == '#' else letter}\n")
            out += [
                f"- [{escape_text(e.title)}]({link(here, entry_uri(e.slug))}): {escape_text(e.summary)}" for e in group
            ]
            out.append("")
    return GeneratedPage(here, "\n".join(out))


LEVEL_BLURBS = {
    "introductory": "For anyone meeting the idea for the first time.",
    "intermediate": "For students who know the basics.",
    "advanced": "For trainees and postgraduate students: how the idea is used in sessions, the classic texts, "
    "and current debates and research.",
}


def render_categories_page(index: Index) -> GeneratedPage:
    here = CATEGORIES_URI
    out = [
        front_matter(
            {
                "title": "Categories",
                "autolink": False,
                "description": "Glossary terms grouped by kind: concepts, defences, techniques, therapies, people, evidence and debates.",
            }
        ),
        "# Categories\n",
    ]
    for slug, (heading, blurb) in CATEGORIES.items():
        count = len(index.by_category.get(slug, []))
        if count:
            out.append(f"- [{heading}]({link(here, category_uri(slug))}): {blurb} ({count})")
    out.append("")
    return GeneratedPage(here, "\n".join(out))


def render_category_page(index: Index, category: str) -> GeneratedPage:
    here = category_uri(category)
    heading, blurb = CATEGORIES[category]
    out = [front_matter({"title": heading, "description": blurb, "autolink": False}), f"# {heading}\n", f"{blurb}\n"]
    for entry in index.by_category[category]:
        out.append(f"- [{escape_text(entry.title)}]({link(here, entry_uri(entry.slug))}): {escape_text(entry.summary)}")
    out.append(
        f"\nSee also the [full A–Z index]({link(here, AZ_URI)}) and [all categories]({link(here, CATEGORIES_URI)}).\n"
    )
    return GeneratedPage(here, "\n".join(out))


def render_articles_page(articles: list[Article]) -> GeneratedPage:
    here = ARTICLES_URI
    out = [
        front_matter(
            {
                "title": "Articles",
                "autolink": False,
                "description": "Longer introductions to psychodynamic psychotherapy: its ideas, forms, evidence and debates.",
            }
        ),
        "# Articles\n",
        "Longer reads that put the glossary terms in context.\n",
    ]
    out += [
        f"- [{escape_text(a.title)}]({link(here, article_uri(a.slug))}): {escape_text(a.summary)}" for a in articles
    ]
    out.append("")
    return GeneratedPage(here, "\n".join(out))


def render_bibliography_page(index: Index) -> GeneratedPage:
    """Every work, in one citation style, each with an anchor and the pages that cite it."""
    here = BIBLIOGRAPHY_URI
    out = [
        front_matter(
            {
                "title": "Bibliography",
                "autolink": False,
                "description": "Every work the glossary cites, with the pages that cite it.",
            }
        ),
        "# Bibliography\n",
        "Every work cited on this site. Each entry lists the pages that cite it.\n",
    ]
    works = sorted(index.corpus.works.values(), key=work_order)
    for work in works:
        out.append(f"{format_citation(work)}\n{{ #{work_anchor(work.key)} .bib-work }}\n")
        citing = [page_link(index, here, ref) for ref in index.cited_by.get(work.key, [])]
        if citing:
            out.append(f"Cited in: {', '.join(citing)}\n{{ .bib-cited }}\n")
    return GeneratedPage(here, "\n".join(out), "content/bibliography.yaml")
