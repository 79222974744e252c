"""Stage 5, generate: a glossary entry's page (definition, explanation, learning aids, connections,
sources and its print handout), and the redirect left at a renamed entry's old address."""

from __future__ import annotations

from html import escape

from .conceptmap import pick_neighbours, render_concept_map
from .export import LICENCE, entry_jsonld
from .handout import (
    entry_questions,
    render_answer_choice,
    render_answer_key,
    render_entry_item,
    render_handout_header,
    render_references,
)
from .index import CATEGORIES, LEVELS, MAX_NEXT, Index, Neighbour, entry_minutes, related_both_ways, sort_key
from .links import LinkResult
from .markup import escape_text, front_matter
from .model import Entry, GeneratedPage
from .pageparts import no_autolink, page_link, reading_paths, references
from .parse import ENTRY_BODY_CLOSE, ENTRY_BODY_OPEN
from .provenance import render_citation_box, render_dates, version_date
from .review import describe_review
from .urls import (
    ALSO_CONNECTED,
    CHECK_UNDERSTANDING,
    CONCEPT_MAP,
    KEY_POINTS,
    MISCONCEPTIONS,
    READ_NEXT,
    absolute_url,
    category_uri,
    entry_uri,
    link,
    redirect_uri,
    relative_url,
)

COLLAPSE_AFTER = 12  # names; a longer list of connections is folded away until opened


def _entry_meta(entry: Entry, site_url: str) -> dict[str, object]:
    # `tags` feeds Material's search index, where tags weigh most: searching any name
    # of a term finds its entry first. Without the tags plugin they are not displayed.
    meta: dict[str, object] = {
        "title": entry.title,
        "description": entry.summary,
        "tags": [entry.title, *entry.aliases],
        "glossary": {"kind": "entry", "slug": entry.slug, "category": entry.category, "level": entry.level},
        "jsonld": entry_jsonld(entry, site_url),
    }
    if not entry.autolink:
        meta["autolink"] = False
    return meta


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
    out.append(no_autolink("\n".join(header), searchable=False))
    out.append(f"{escape_text(entry.summary)}\n{{ .glossary-summary }}\n")
    # Search indexes the title, every alias (as tags) and the summary; the body is left out
    # here and indexed as its distinct words instead (search.py), which keeps the index small
    # enough for thousands of entries.
    out.append(ENTRY_BODY_OPEN)  # the check parses the body inside the same block (parse.py)
    out.append(links.bodies.get(f"entry:{entry.slug}", entry.body).strip("\n") + "\n")
    out += _learning_aids(entry)
    out += reading_paths(index, f"entry:{entry.slug}", here)
    out += _connections(index, links, entry, here)
    out += references(index, here, entry.references)
    out.append(
        render_citation_box(entry.title, entry.slug, here, site_name, site_url, version_date(index, entry.source.path))
    )
    out.append(no_autolink(_review_note(index, entry) + "\n" + render_dates(index, entry, here, repo_url)))
    out.append(render_answer_choice())
    out.append(ENTRY_BODY_CLOSE)
    out.append(render_entry_handout(index, links, entry, site_url, site_name))
    return GeneratedPage(here, "\n".join(out), here)


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
        out.append(f"## {READ_NEXT}\n\n" + no_autolink(items))
    shown = {n.entry.slug for n in following} | {entry.slug}
    others = [f"entry:{n.entry.slug}" for n in related[MAX_NEXT:]] + links.mentioned_in.get(entry.slug, [])
    others = [key for key in dict.fromkeys(others) if key.split(":", 1)[1] not in shown or key.startswith("article:")]
    if others:
        names = ", ".join(page_link(index, here, key) for key in _by_title(index, others))
        lead = f"{len(others)} {'page mentions' if len(others) == 1 else 'pages mention'} {escape_text(entry.title)} or list it as related"
        if len(others) > COLLAPSE_AFTER:
            block = f'<details class="connections" markdown>\n<summary>{lead}</summary>\n\n{names}\n\n</details>'
        else:
            block = f"{lead}: {names}.\n{{ .connections }}"
        out.append(f"## {ALSO_CONNECTED}\n\n" + no_autolink(block))
    entries = index.corpus.entries
    links_to = [entries[s] for s in links.links_out.get(f"entry:{entry.slug}", []) if s in entries]
    mentioned_by = [
        entries[k.split(":", 1)[1]] for k in links.mentioned_in.get(entry.slug, []) if k.startswith("entry:")
    ]
    concept_map = render_concept_map(entry, pick_neighbours(following, links_to, mentioned_by))
    if concept_map:
        out.append(f"## {CONCEPT_MAP} {{ .concept-map-heading }}\n\n" + concept_map + "\n")
    return out


def _by_title(index: Index, keys: list[str]) -> list[str]:
    """Page keys in A-Z order of their titles, entries before articles."""

    def title(key: str) -> tuple[bool, str]:
        kind, slug = key.split(":", 1)
        page = index.corpus.entries[slug] if kind == "entry" else index.corpus.articles[slug]
        return (kind != "entry", sort_key(page.title))

    return sorted(keys, key=title)


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
    return GeneratedPage(redirect_uri(old_slug), html)


def _learning_aids(entry: Entry) -> list[str]:
    out = []
    if entry.key_points:
        out.append(f"## {KEY_POINTS}\n")
        out += [f"- {escape_text(p)}" for p in entry.key_points]
        out.append("")
    if entry.misconceptions:
        out.append(f"## {MISCONCEPTIONS}\n")
        for m in entry.misconceptions:
            out.append(
                f"- **Misconception:** {escape_text(m.misconception)}  \n  **In fact:** {escape_text(m.correction)}"
            )
        out.append("")
    if entry.questions:
        out.append(f"## {CHECK_UNDERSTANDING}\n")
        for q in entry.questions:
            # A collapsed block keeps the answer hidden until the reader opens it.
            out.append(
                f'??? question "{escape_text(q.question).replace(chr(34), "&quot;")}"\n\n    {escape_text(q.answer)}\n'
            )
    return out


def _review_note(index: Index, entry: Entry) -> str:
    """Who drafted the entry, who checked it against its sources, whether a clinician reviewed it."""
    return f"{escape_text(describe_review(entry, index.corpus.contributors or {}))}\n{{ .glossary-review }}\n"
