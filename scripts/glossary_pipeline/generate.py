"""Stage 5, generate: Markdown pages from the finished index.

The pages are plain Markdown with front matter (using the Markdown extensions
listed in mkdocs.yml: attr_list, admonition, details). They are handed to the
renderer in memory; nothing is written into docs/.
"""

from __future__ import annotations

import json
from html import escape

from .conceptmap import pick_neighbours, render_concept_map
from .citations import REF_PREFIX
from .handout import (
    absolute_url,
    entry_questions,
    render_answer_choice,
    render_answer_key,
    render_entry_item,
    render_handout_header,
    render_references,
)
from .index import (
    CATEGORIES,
    LEVELS,
    MAX_NEXT,
    Index,
    Neighbour,
    entry_minutes,
    related_both_ways,
    sort_key,
    work_order,
)
from .links import LinkResult
from .markup import escape_text, format_citation, front_matter
from .export import LICENCE, entry_jsonld, index_jsonld
from .model import Article, Entry, GeneratedPage
from .schema import SCHEMA_FILES, load_schema
from .parse import ENTRY_BODY_CLOSE, ENTRY_BODY_OPEN, parse_body
from .review import describe_review
from .provenance import render_changes_page, render_citation_box, render_dates, version_date
from .textscan import reading_minutes
from .urls import AZ_URI, BIBLIOGRAPHY_URI, article_uri, category_uri, entry_uri, link, list_uri, relative_url

COLLAPSE_AFTER = 12  # names; a longer list of connections is folded away until opened
ALPHABET = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["#"]


def generate_pages(
    index: Index, links: LinkResult, site_name: str = "", site_url: str = "", repo_url: str = ""
) -> list[GeneratedPage]:
    """Every generated page of the glossary proper (reading lists and exports come from their own modules)."""
    pages = [render_entry_page(index, links, entry, site_url, site_name, repo_url) for entry in index.entries]
    pages += [render_redirect(index, entry, old) for entry in index.entries for old in entry.former_slugs]
    pages.append(render_az_page(index, site_name, site_url))
    pages += [render_level_page(index, level) for level in LEVELS if any(e.level == level for e in index.entries)]
    pages.append(render_categories_page(index))
    pages += [render_category_page(index, c) for c in CATEGORIES if index.by_category.get(c)]
    articles = sorted(index.corpus.articles.values(), key=lambda a: (a.order, a.slug))
    pages += [render_article_page(index, links, a, site_name, site_url) for a in articles]
    pages.append(render_changes_page(index, repo_url))
    pages.append(render_articles_page(articles))
    pages.append(render_bibliography_page(index))
    pages += [
        GeneratedPage(f"schemas/{name}", json.dumps(load_schema(kind), indent=2, ensure_ascii=False) + "\n")
        for kind, name in SCHEMA_FILES.items()
    ]  # published, so editors can check files as they are typed
    return pages


def _entry_meta(entry: Entry, site_url: str) -> dict:
    # `tags` feeds Material's search index, where tags weigh most: searching any name
    # of a term finds its entry first. Without the tags plugin they are not displayed.
    meta = {
        "title": entry.title,
        "description": entry.summary,
        "tags": [entry.title, *entry.aliases],
        "glossary": {"kind": "entry", "slug": entry.slug, "category": entry.category, "level": entry.level},
        "jsonld": entry_jsonld(entry, site_url),
    }
    if not entry.autolink:
        meta["autolink"] = False
    return meta


def _no_autolink(markdown: str, searchable: bool = True, css: str = "") -> str:
    """Wrap generated lists of links so the automatic term linker leaves them alone."""
    exclude = "" if searchable else " data-search-exclude"
    return f'<div class="no-autolink{" " + css if css else ""}"{exclude} markdown>\n\n{markdown}\n\n</div>\n'


def render_entry_page(
    index: Index, links: LinkResult, entry: Entry, site_url: str = "", site_name: str = "", repo_url: str = ""
) -> GeneratedPage:
    """One glossary entry: definition first, then the explanation, then learning aids and sources."""
    here = entry_uri(entry.slug)
    out = [front_matter(_entry_meta(entry, site_url)), f"# {escape_text(entry.title)}\n"]
    header = []
    if entry.aliases:
        header.append(f"Also called: {', '.join(escape_text(a) for a in entry.aliases)}\n{{ .glossary-aliases }}\n")
    category = CATEGORIES.get(entry.category, (entry.category, ""))[0]
    facts = [
        f"[{escape_text(category)}]({link(here, category_uri(entry.category))})",
        f"Level: {LEVELS.get(entry.level, entry.level)}",
        f"Reading time: {entry_minutes(index, entry)} min",
    ]
    header.append(" · ".join(facts) + "\n{ .glossary-facts }\n")
    # Left out of search, so a result card shows the definition, not the list of other names.
    out.append(_no_autolink("\n".join(header), searchable=False))
    out.append(f"{escape_text(entry.summary)}\n{{ .glossary-summary }}\n")
    # Search indexes the title, every alias (as tags) and the summary; the body is left out
    # here and indexed as its distinct words instead (search.py), which keeps the index small
    # enough for thousands of entries.
    out.append(ENTRY_BODY_OPEN)  # the check parses the body inside the same block (parse.py)
    out.append(links.bodies.get(f"entry:{entry.slug}", entry.body).strip("\n") + "\n")
    out += _learning_aids(entry)
    out += _reading_paths(index, f"entry:{entry.slug}", here)
    out += _connections(index, links, entry, here)
    out += _references(index, here, entry.references)
    out.append(
        render_citation_box(entry.title, entry.slug, here, site_name, site_url, version_date(index, entry.source.path))
    )
    out.append(_no_autolink(_review_note(index, entry) + "\n" + render_dates(index, entry, here, repo_url)))
    out.append(render_answer_choice())
    out.append(ENTRY_BODY_CLOSE)
    out.append(render_entry_handout(index, links, entry, site_url, site_name))
    return GeneratedPage(here, "\n".join(out), f"glossary/{entry.slug}.md")


def render_entry_handout(index: Index, links: LinkResult, entry: Entry, site_url: str, site_name: str) -> str:
    """The entry as it prints: the same handout renderer as reading lists and the builder."""
    url = absolute_url(site_url, entry_uri(entry.slug))
    date = version_date(index, entry.source.path)
    parts = [
        '<section class="print-only reading-handout entry-handout" data-search-exclude>',
        # No QR code on each entry: drawing one takes milliseconds, times every entry on every build.
        render_handout_header(entry.title, url, site_name, date.isoformat() if date else "", LICENCE, qr=False),
        render_entry_item(index, links, entry, site_url),
        render_answer_key(entry_questions(entry, 1)),
        render_references(index, entry.references),
        "</section>\n",
    ]
    return "\n".join(p.replace("\n\n", "\n") for p in parts if p)


def _page_link(index: Index, here: str, key: str) -> str:
    kind, slug = key.split(":", 1)
    if kind == "entry":
        return f"[{escape_text(index.corpus.entries[slug].title)}]({link(here, entry_uri(slug))})"
    return f"[{escape_text(index.corpus.articles[slug].title)}]({link(here, article_uri(slug))})"


def _short(text: str, limit: int = 70) -> str:
    """The first sentence of a summary, cut at a word before `limit` characters."""
    sentence = text.split(". ", 1)[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _reason(neighbour: Neighbour) -> str:
    """Why to read it next: the relation when the content names one, else what it is."""
    if neighbour.relation != "see-also":
        return neighbour.words.capitalize()
    return _short(neighbour.entry.summary)


def _connections(index: Index, links: LinkResult, entry: Entry, here: str) -> list[str]:
    """What to read next (at most six, each with a reason), every other connection in one
    compact list of names, and the concept map."""
    out = []
    related = related_both_ways(index, entry)
    following = related[:MAX_NEXT]
    if following:
        items = "\n".join(
            f"- [{escape_text(n.entry.title)}]({link(here, entry_uri(n.entry.slug))}): "
            f'<span class="why">{escape_text(_reason(n))}</span>'
            for n in following
        )
        out.append("## What to read next\n\n" + _no_autolink(items))
    shown = {n.entry.slug for n in following} | {entry.slug}
    others = [f"entry:{n.entry.slug}" for n in related[MAX_NEXT:]] + links.mentioned_in.get(entry.slug, [])
    others = [key for key in dict.fromkeys(others) if key.split(":", 1)[1] not in shown or key.startswith("article:")]
    if others:
        names = ", ".join(_page_link(index, here, key) for key in _by_title(index, others))
        lead = f"{len(others)} {'page mentions' if len(others) == 1 else 'pages mention'} {escape_text(entry.title)} or list it as related"
        if len(others) > COLLAPSE_AFTER:
            block = f'<details class="connections" markdown>\n<summary>{lead}</summary>\n\n{names}\n\n</details>'
        else:
            block = f"{lead}: {names}.\n{{ .connections }}"
        out.append("## Also connected\n\n" + _no_autolink(block))
    entries = index.corpus.entries
    links_to = [entries[s] for s in links.links_out.get(f"entry:{entry.slug}", []) if s in entries]
    mentioned_by = [
        entries[k.split(":", 1)[1]] for k in links.mentioned_in.get(entry.slug, []) if k.startswith("entry:")
    ]
    concept_map = render_concept_map(entry, pick_neighbours(following, links_to, mentioned_by))
    if concept_map:
        out.append("## Concept map { .concept-map-heading }\n\n" + concept_map + "\n")
    return out


def _by_title(index: Index, keys: list[str]) -> list[str]:
    """Page keys in A-Z order of their titles, entries before articles."""

    def title(key: str) -> tuple:
        kind, slug = key.split(":", 1)
        page = index.corpus.entries[slug] if kind == "entry" else index.corpus.articles[slug]
        return (kind != "entry", sort_key(page.title))

    return sorted(keys, key=title)


def _reading_paths(index: Index, key: str, here: str) -> list[str]:
    """For each reading path the page is on: where it is, and links to the steps before and after."""
    out = []
    for reading_list, number, steps in index.paths.get(key, []):
        lead = f"Step {number + 1} of {len(steps)} in [{escape_text(reading_list.title)}]({link(here, list_uri(reading_list.slug))})"
        moves = []
        if number > 0:
            moves.append(f"[← {_page_title(index, steps[number - 1])}]({_page_url(here, steps[number - 1])})")
        if number + 1 < len(steps):
            moves.append(f"[Next: {_page_title(index, steps[number + 1])} →]({_page_url(here, steps[number + 1])})")
        block = lead + ("  \n" + " · ".join(moves) if moves else "")
        out.append(
            f'<nav class="reading-path no-autolink" aria-label="Reading path" data-search-exclude markdown>\n\n'
            f"{block}\n\n</nav>\n"
        )
    return out


def _page_title(index: Index, key: str) -> str:
    kind, slug = key.split(":", 1)
    return escape_text((index.corpus.entries if kind == "entry" else index.corpus.articles)[slug].title)


def _page_url(here: str, key: str) -> str:
    kind, slug = key.split(":", 1)
    return link(here, entry_uri(slug) if kind == "entry" else article_uri(slug))


def render_redirect(index: Index, entry: Entry, old_slug: str) -> GeneratedPage:
    """An HTML page at a renamed entry's old address that sends readers to the new one."""
    target = relative_url(entry_uri(old_slug), entry_uri(entry.slug))
    title = escape(entry.title)
    html = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{title} (moved)</title>\n<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<meta name="robots" content="noindex">\n'
        f'</head>\n<body>\n<p>This entry has moved to <a href="{target}">{title}</a>.</p>\n</body>\n</html>\n'
    )
    return GeneratedPage(f"glossary/{old_slug}/index.html", html)


def _learning_aids(entry: Entry) -> list[str]:
    out = []
    if entry.key_points:
        out.append("## Key points\n")
        out += [f"- {escape_text(p)}" for p in entry.key_points]
        out.append("")
    if entry.misconceptions:
        out.append("## Common misconceptions\n")
        for m in entry.misconceptions:
            out.append(
                f"- **Misconception:** {escape_text(m.misconception)}  \n  **In fact:** {escape_text(m.correction)}"
            )
        out.append("")
    if entry.questions:
        out.append("## Check your understanding\n")
        for q in entry.questions:
            # A collapsed block keeps the answer hidden until the reader opens it.
            out.append(
                f'??? question "{escape_text(q.question).replace(chr(34), "&quot;")}"\n\n    {escape_text(q.answer)}\n'
            )
    return out


def _references(index: Index, here: str, keys: list[str]) -> list[str]:
    """The page's works by author, then year. Each item's id (ref-<key>) is where the page's
    in-text citations lead; the citation linker adds the way back (citations.py)."""
    works = sorted(
        (index.corpus.works[k] for k in dict.fromkeys(keys) if k in index.corpus.works),
        key=lambda work: work_order(work, short=True),
    )
    if not works:
        return []
    items = "\n".join(
        f"- {format_citation(w, short=True)} [In the bibliography]({link(here, BIBLIOGRAPHY_URI, w.key)}){{ .ref-bib }}\n"
        f"  {{ #{REF_PREFIX}{w.key} }}"
        for w in works
    )
    return ["## References\n\n" + _no_autolink(items, css="references")]


def _review_note(index: Index, entry: Entry) -> str:
    """Who drafted the entry, who checked it against its sources, whether a clinician reviewed it."""
    return f"{escape_text(describe_review(entry, index.corpus.contributors or {}))}\n{{ .glossary-review }}\n"


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


def level_uri(level: str) -> str:
    return f"levels/{level}.md"


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
    here = "categories/index.md"
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
        f"\nSee also the [full A–Z index]({link(here, AZ_URI)}) and [all categories]({link(here, 'categories/index.md')}).\n"
    )
    return GeneratedPage(here, "\n".join(out))


def render_article_page(
    index: Index, links: LinkResult, article: Article, site_name: str = "", site_url: str = ""
) -> GeneratedPage:
    here = article_uri(article.slug)
    meta = {
        "title": article.title,
        "description": article.summary,
        "glossary": {"kind": "article", "slug": article.slug},
    }
    if not article.autolink:
        meta["autolink"] = False
    out = [
        front_matter(meta),
        f"# {escape_text(article.title)}\n",
        _no_autolink(
            f"Article · Reading time: {reading_minutes(parse_body(article.body, 'article').words)} min\n{{ .glossary-facts }}\n"
        ),
        f"{escape_text(article.summary)}\n{{ .glossary-summary }}\n",
        links.bodies.get(f"article:{article.slug}", article.body).strip("\n") + "\n",
    ]
    out += _reading_paths(index, f"article:{article.slug}", here)
    out += _references(index, here, article.references)
    out.append(
        render_citation_box(
            article.title,
            f"article-{article.slug}",
            here,
            site_name,
            site_url,
            version_date(index, article.source.path),
        )
    )
    return GeneratedPage(here, "\n".join(out), article.source.path)


def render_articles_page(articles: list[Article]) -> GeneratedPage:
    here = "articles/index.md"
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
        out.append(f"{format_citation(work)}\n{{ #{work.key} .bib-work }}\n")
        citing = [_page_link(index, here, ref) for ref in index.cited_by.get(work.key, [])]
        if citing:
            out.append(f"Cited in: {', '.join(citing)}\n{{ .bib-cited }}\n")
    return GeneratedPage(here, "\n".join(out), "content/bibliography.yaml")
