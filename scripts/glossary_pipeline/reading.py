"""Reading lists for trainers: a page per list, an index of lists, and a printable handout.

On screen a list page shows each item with its note, reading time and questions. In print
it is the handout instead (handout.py, the one renderer for every handout): every item in
full, one reference list and the answers as the trainer chooses, so one printed list is
one complete handout.
"""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from .index import LEVELS, Index, article_minutes, entry_minutes
from .links import LinkResult
from .markup import escape_text, format_citation, front_matter
from .export import LICENCE
from .handout import (
    html_list,
    entry_questions,
    render_answer_choice,
    render_answer_key,
    render_article_item,
    render_entry_item,
    render_handout_header,
    render_references,
    render_work_item,
)
from .model import GeneratedPage, ReadingItem, ReadingList
from .urls import (
    BIBLIOGRAPHY_URI,
    BUILDER_URI,
    DOWNLOADS_URI,
    HANDOUTS_INDEX_URI,
    LISTS_URI,
    RELEASES_JSON_URI,
    absolute_url,
    article_uri,
    entry_uri,
    link,
    list_uri,
    output_url,
    relative_url,
    root_url,
    work_anchor,
)

ID = "{id}"  # in an address pattern, where the builder puts a slug or a work's id


def item_minutes(index: Index, item: ReadingItem) -> int | None:
    """Minutes for one item: measured for entries and articles, the trainer's estimate for works."""
    if item.kind == "entry" and item.target in index.corpus.entries:
        return entry_minutes(index, index.corpus.entries[item.target])
    if item.kind == "article" and item.target in index.corpus.articles:
        return article_minutes(index.corpus.articles[item.target])
    return item.minutes


def readings(items: list[ReadingItem]) -> list[ReadingItem]:
    """The items to read: sections (weeks) are headings, not readings."""
    return [item for item in items if item.kind != "section"]


def total_minutes(index: Index, reading_list: ReadingList, items: list[ReadingItem] | None = None) -> tuple[int, bool]:
    """Total minutes, and whether some item (a work without an estimate) is not counted."""
    times = [item_minutes(index, item) for item in readings(reading_list.items if items is None else items)]
    return sum(t for t in times if t), any(t is None for t in times)


def sections(reading_list: ReadingList) -> list[tuple[ReadingItem | None, list[ReadingItem]]]:
    """The list in parts: each section (or None, before the first) with the readings under it."""
    parts: list[tuple[ReadingItem | None, list[ReadingItem]]] = [(None, [])]
    for item in reading_list.items:
        if item.kind == "section":
            parts.append((item, []))
        else:
            parts[-1][1].append(item)
    return [part for part in parts if part[0] is not None or part[1]]


def _item_title(index: Index, here: str, item: ReadingItem) -> str:
    corpus = index.corpus
    if item.kind == "url":
        return _outside_title(item)
    known: dict[str, Collection[str]] = {"entry": corpus.entries, "article": corpus.articles, "work": corpus.works}
    if item.target not in known.get(item.kind, ()):
        return escape_text(item.target)  # only reached when building despite errors
    if item.kind == "entry":
        return f"[{escape_text(corpus.entries[item.target].title)}]({link(here, entry_uri(item.target))})"
    if item.kind == "article":
        return f"[{escape_text(corpus.articles[item.target].title)}]({link(here, article_uri(item.target))})"
    return f"{format_citation(corpus.works[item.target])} ([bibliography]({link(here, BIBLIOGRAPHY_URI, work_anchor(item.target))}))"


def _outside_title(item: ReadingItem) -> str:
    return f"[{escape_text(item.title)}](<{item.target}>) (on another site)"


def render_reading_list_page(
    index: Index, links: LinkResult, reading_list: ReadingList, site_url: str = "", site_name: str = "", date: str = ""
) -> GeneratedPage:
    """One list: who it is for, objectives, items with times and questions, then the print handout."""
    here = list_uri(reading_list.slug)
    total, partial = total_minutes(index, reading_list)
    meta = {
        "title": reading_list.title,
        "autolink": False,
        "description": reading_list.summary or f"A reading list for {reading_list.audience}.",
        "glossary": {"kind": "reading-list", "slug": reading_list.slug},
    }
    out = [front_matter(meta), f"# {escape_text(reading_list.title)}\n"]
    facts = [
        f"For: {escape_text(reading_list.audience)}",
        f"Level: {LEVELS.get(reading_list.level, reading_list.level)}",
        f"Total reading time: {total} min" + (" plus the works' own reading" if partial else ""),
    ]
    out.append(" · ".join(facts) + "\n{ .glossary-facts .reading-total }\n")
    if reading_list.summary:
        out.append(f"{escape_text(reading_list.summary)}\n{{ .glossary-summary }}\n")
    out.append("## Learning objectives\n\nAfter this reading you should be able to:\n")
    out += [f"- {escape_text(o)}" for o in reading_list.objectives] + [""]
    out += _render_readings(index, reading_list, here)
    questions = reading_list.questions + [q for item in readings(reading_list.items) for q in item.questions]
    if questions:
        out.append("## Discussion questions\n")
        out += [f"{n}. {escape_text(q)}" for n, q in enumerate(questions, 1)] + [""]
    out.append(
        f"The whole glossary for learning platforms, flashcards and reference managers: "
        f"[For trainers: downloads]({link(here, DOWNLOADS_URI)}).\n{{ .screen-only }}\n"
    )
    out.append(render_answer_choice())
    out.append(render_handout(index, links, reading_list, site_url, site_name, date))
    return GeneratedPage(here, "\n".join(out), reading_list.source.path)


def _render_readings(index: Index, reading_list: ReadingList, here: str) -> list[str]:
    """The readings on screen, section by section (a week, say), each with its time, note and questions."""
    out = ["## Readings\n"]
    number = 0
    for section, items in sections(reading_list):
        if section is not None:
            minutes, partial_part = total_minutes(index, reading_list, items)
            out.append(f"### {escape_text(section.target)}\n")
            out.append(
                f"{len(items)} readings, {minutes} min"
                + (" plus the works' own reading" if partial_part else "")
                + "\n{ .glossary-facts }\n"
            )
            if section.note:
                out.append(f"{escape_text(section.note)}\n")
            if section.objectives:
                out.append("Objectives:\n")
                out += [f"- {escape_text(o)}" for o in section.objectives] + [""]
                out.append("Readings:\n")  # a paragraph between, so the two lists stay two lists
        for item in items:
            number += 1
            estimate = item_minutes(index, item)
            time = f"{estimate} min" if estimate else "reading time varies"
            out.append(f"{number}. {_item_title(index, here, item)} ({time})")
            if item.note:
                out.append(f"\n    {escape_text(item.note)}")
            out += [f"\n    - {escape_text(q)}" for q in item.questions]
            out.append("")
        if section is not None and section.questions:
            out.append("For discussion:\n")
            out += [f"- {escape_text(q)}" for q in section.questions] + [""]
    return out


def render_handout(
    index: Index, links: LinkResult, reading_list: ReadingList, site_url: str = "", site_name: str = "", date: str = ""
) -> str:
    """The list as one printed handout (handout.py): every reading in full, one reference list,
    and the answers as the trainer chooses; print only, and left out of the search index."""
    corpus = index.corpus
    url = absolute_url(site_url, list_uri(reading_list.slug))
    # A section: the theme's search ends an excluded block at the first closing tag of its name.
    parts = [
        '<section class="print-only reading-handout" data-search-exclude>',
        render_handout_header(reading_list.title, url, site_name, date, LICENCE),
    ]
    if reading_list.objectives:
        parts.append("<p>After this reading you should be able to:</p>" + html_list(reading_list.objectives))
    questions, references, number = [], [], 0
    for item in reading_list.items:
        if item.kind == "section":
            number = 0  # numbered afresh in each section, as on screen
            parts.append(f'<p class="handout-h2 handout-section">{escape(item.target)}</p>')
            if item.objectives:
                parts.append("<p>Objectives:</p>" + html_list(item.objectives))
            if item.questions:
                parts.append("<p>For discussion:</p>" + html_list(item.questions))
            continue
        number += 1
        if item.kind == "entry" and item.target in corpus.entries:
            entry = corpus.entries[item.target]
            parts.append(render_entry_item(index, links, entry, site_url))
            questions += entry_questions(entry, number)
            references += entry.references
        elif item.kind == "article" and item.target in corpus.articles:
            parts.append(render_article_item(links, index, item.target, site_url))
            references += corpus.articles[item.target].references
        elif item.kind == "work" and item.target in corpus.works:
            parts.append(render_work_item(index, item.target))
            references.append(item.target)
        elif item.kind == "url":
            parts.append(
                f'<div class="handout-item handout-work"><p class="handout-h2 handout-item-title">{escape(item.title)}</p>'
                f'<p class="handout-url">{escape(item.target)}</p></div>'
            )
        if item.note or item.questions:
            extra = f"<p><strong>Note:</strong> {escape(item.note)}</p>" if item.note else ""
            extra += ("<p>For discussion:</p>" + html_list(item.questions)) if item.questions else ""
            parts.append(f'<div class="handout-note">{extra}</div>')
    if reading_list.questions:
        parts.append('<p class="handout-h2">Discussion questions</p>' + html_list(reading_list.questions))
    parts += [render_answer_key(questions), render_references(index, references), "</section>\n"]
    # One raw-HTML block: no blank lines, so Markdown passes it through untouched.
    return "\n".join(p.replace("\n\n", "\n") for p in parts if p)


def render_reading_lists_index(index: Index) -> GeneratedPage:
    """Every list with its audience, level and total time, plus the builder."""
    here = LISTS_URI
    out = [
        front_matter(
            {
                "title": "Reading lists",
                "autolink": False,
                "description": "Curated reading lists for teaching psychodynamic psychotherapy, with reading times, objectives and questions.",
            }
        ),
        "# Reading lists\n",
        "Curated sequences of entries and articles for seminars and self-study. Each list prints as one handout.\n",
        f"To make your own list, use the [reading-list builder]({link(here, BUILDER_URI)}). For Moodle, Anki, "
        f"Quizlet and reference managers, see [For trainers: downloads]({link(here, DOWNLOADS_URI)}).\n",
    ]
    lists = sorted(index.corpus.reading_lists.values(), key=lambda r: (r.level != "introductory", r.title))
    for reading_list in lists:
        total, partial = total_minutes(index, reading_list)
        out.append(
            f"- [{escape_text(reading_list.title)}]({link(here, list_uri(reading_list.slug))}): "
            f"{escape_text(reading_list.audience)}; {LEVELS.get(reading_list.level, reading_list.level).lower()}; "
            f"{len(readings(reading_list.items))} readings, {total} min" + ("+" if partial else "")
        )
    out.append("")
    return GeneratedPage(here, "\n".join(out))


def builder_addresses() -> dict[str, str]:
    """Every address the builder's script needs, relative to the builder's page; the theme's template
    writes them into the page as data (overrides/main.html), so the script builds none itself.
    `{id}` stands for a slug or a work's id."""
    here = BUILDER_URI
    return {
        "root": root_url(here),  # handouts/index.json gives its fragments from the site's root
        "index": relative_url(here, HANDOUTS_INDEX_URI),
        "releases": relative_url(here, RELEASES_JSON_URI),
        "builder": output_url(here),  # the builder inside a dated version, from that version's root
        "entry": relative_url(here, entry_uri(ID)),
        "article": relative_url(here, article_uri(ID)),
        "work": relative_url(here, BIBLIOGRAPHY_URI) + "#" + work_anchor(ID),
        "licence": f"{LICENCE['name']} ({LICENCE['url']})",
    }


def render_builder_page() -> GeneratedPage:
    """The page where trainers assemble their own list; assets/builder.js brings it to life."""
    # The script replaces the paragraph (a noscript element would not survive the sanitiser).
    markup = f"""<div id="rlb-app" class="reading-list-builder">
<p>The builder needs JavaScript. The <a href="{relative_url(BUILDER_URI, LISTS_URI)}">curated reading lists</a> work without it.</p>
</div>"""
    out = [
        front_matter(
            {
                "title": "Reading-list builder",
                "autolink": False,
                "search": {"exclude": True},
                "addresses": builder_addresses(),
                "description": "Put together your own list of glossary entries, share it as a link and print it as a handout.",
            }
        ),
        "# Reading-list builder { .screen-only }\n",
        "Search for entries, add them, put them in order, then share the link with your students or print the list "
        "as a handout. Nothing is stored: the list lives in the link.\n{ .screen-only }\n",
        markup,
        "",
    ]
    return GeneratedPage(BUILDER_URI, "\n".join(out))


def generate_reading_pages(
    index: Index, links: LinkResult, site_url: str = "", site_name: str = "", date: str = ""
) -> list[GeneratedPage]:
    """Every reading-list page, their index and the builder."""
    pages = [
        render_reading_list_page(index, links, r, site_url, site_name, date)
        for r in sorted(index.corpus.reading_lists.values(), key=lambda r: r.slug)
    ]
    return pages + [render_reading_lists_index(index), render_builder_page()]
