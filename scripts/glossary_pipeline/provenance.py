"""What a reader needs to trust and reuse a page: how to cite it, when it was reviewed and
changed, where its history is, and the site's recent changes.

Generated from the finished index and the repository's history (history.py); without git
history the pages still build, and say that the history is not recorded in this copy.
"""

from __future__ import annotations

import datetime as dt

from .advice import REVIEW_MONTHS, review_date
from .bibexport import bibtex_escape
from .export import LICENCE
from .index import Index
from .markup import escape_text, front_matter
from .model import Entry, GeneratedPage
from .urls import CHANGES_URI, absolute_url, article_uri, entry_uri, link

AUTHOR = "Psychodynamic Psychotherapy Glossary contributors"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day so many months later (the last day of the month where that day is missing)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def review_dates(entry: Entry) -> tuple[dt.date, dt.date] | None:
    """When the entry was last reviewed (or written, if never reviewed), and when it is due again:
    the same policy the W604 warning and the content report apply."""
    last = review_date(entry)
    return (last, add_months(last, REVIEW_MONTHS)) if last else None


def version_date(index: Index, source_path: str) -> dt.date | None:
    """The date of the version being read: its last change in the repository (None without history)."""
    changed = index.history.last_changed.get(source_path)
    return dt.date.fromisoformat(changed) if changed else None


def render_citation_box(title: str, key: str, src_uri: str, site_name: str, site_url: str, date: dt.date | None) -> str:
    """'Cite this page': APA 7, BibTeX and RIS, dated to this version, as plain text that
    reads without JavaScript (the theme adds copy buttons to code blocks). A copy built
    without the repository's history cannot date its versions: 'n.d.', as APA writes it."""
    url = absolute_url(site_url, src_uri)
    when = f"{date.year}, {MONTHS[date.month - 1]} {date.day}" if date else "n.d."
    apa = f"{AUTHOR}. ({when}). {title}. In {site_name}. {url}"
    bib_title = bibtex_escape(title)
    bibtex = "\n".join(
        [
            f"@misc{{ppg-{key},",
            f"  author = {{{{{AUTHOR}}}}},",
            f"  title = {{{bib_title}}},",
            f"  howpublished = {{{bibtex_escape(site_name)}}},",
            *([f"  year = {{{date.year}}},", f"  date = {{{date.isoformat()}}},"] if date else []),
            f"  url = {{{url}}},",
            f"  note = {{Licensed under {LICENCE['name']}}}",
            "}",
        ]
    )
    ris = "\n".join(
        [
            "TY  - ELEC",
            f"AU  - {AUTHOR}",
            f"TI  - {title}",
            f"T2  - {site_name}",
            *([f"PY  - {date.year}", f"DA  - {date.year}/{date.month:02d}/{date.day:02d}"] if date else []),
            f"UR  - {url}",
            "ER  - ",
        ]
    )
    # Folded, so it costs a reader one line until wanted; a <details> opens without JavaScript.
    # The id sits on the summary: the theme names each code block after its closest ancestor
    # with an id, and three blocks under one id would share it.
    return (
        '<details class="cite-this no-autolink" data-search-exclude markdown>\n'
        '<summary id="cite-this-page">Cite this page</summary>\n\n'
        + (
            f"This version: {date.isoformat()}."
            if date
            else "This copy of the site was built without the repository's history, so its versions are not dated."
        )
        + " The text is licensed under "
        f"[{LICENCE['name']}]({LICENCE['url']}): you may reuse it with credit.\n\n"
        f"APA 7:\n\n```text\n{apa}\n```\n\nBibTeX:\n\n```bibtex\n{bibtex}\n```\n\nRIS:\n\n```text\n{ris}\n```\n\n"
        "</details>\n"
    )


def render_dates(index: Index, entry: Entry, here: str, repo_url: str) -> str:
    """'Last reviewed … · Next review due …', and the last change with a link to the history."""
    parts = []
    dates = review_dates(entry)
    if dates:
        parts.append(f"Last reviewed {dates[0].isoformat()} · Next review due {dates[1].isoformat()}")
    changed = index.history.last_changed.get(entry.source.path)
    if changed:
        parts.append(f"Last changed {changed}")
    if repo_url:
        parts.append(f"[History of this page]({repo_url.rstrip('/')}/commits/main/{entry.source.path})")
    parts.append(f"[Recent changes]({link(here, CHANGES_URI)})")
    return " · ".join(parts) + "\n{ .glossary-dates }\n"


def render_changes_page(index: Index, repo_url: str) -> GeneratedPage:
    """The latest changes to the content, newest first, each with the pages it touched."""
    here = CHANGES_URI
    out = [
        front_matter(
            {
                "title": "Recent changes",
                "autolink": False,
                "description": "The latest changes to the glossary's entries, articles, reading lists and bibliography.",
            }
        ),
        "# Recent changes\n",
    ]
    history = index.history
    if not history.available:
        out.append(
            "This copy of the site was built without the repository's history, so its changes are not listed "
            "here. Every change is kept in the project's public repository.\n"
        )
        return GeneratedPage(here, "\n".join(out))
    out.append(
        f"The latest {len(history.recent)} changes to the content, newest first. "
        + (
            f"The [full history]({repo_url.rstrip('/')}/commits/main) is in the repository.\n"
            if repo_url
            else "The full history is in the project's repository.\n"
        )
    )
    pages = {e.source.path: (e.title, entry_uri(e.slug)) for e in index.entries}
    pages |= {a.source.path: (a.title, article_uri(a.slug)) for a in index.corpus.articles.values()}
    for change in history.recent:
        touched = [pages[p] for p in change.paths if p in pages]
        names = ", ".join(f"[{escape_text(title)}]({link(here, uri)})" for title, uri in touched[:8])
        more = len(touched) - 8
        extra = f" and {more} more" if more > 0 else ""
        files = f": {names}{extra}" if touched else ""
        out.append(f"- **{change.date}** {escape_text(change.subject)}{files}")
    out.append("")
    return GeneratedPage(here, "\n".join(out))
