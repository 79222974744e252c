"""The glossary as data: glossary.json (with its JSON Schema) and schema.org JSON-LD for pages.

Other tools (slides, quizzes, other sites) read glossary.json; search engines read the
JSON-LD. Both come from the same index as the pages, so they always agree.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from html import escape

from .index import CATEGORIES, Index, entry_minutes, work_order
from .markup import citation_text
from .model import Entry, GeneratedPage
from .parse import parse_body
from .textscan import Wikilink, replace_wikilinks
from .urls import AZ_URI, EXPORT_SCHEMA_URI, EXPORT_URI, absolute_url, entry_uri

# The text's licence (CC BY 4.0); the code is MIT. Named here for every export and page.
LICENCE = {"id": "CC-BY-4.0", "name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

EXPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "glossary-export.schema.json",
    "title": "Psychodynamic psychotherapy glossary export (glossary.json)",
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "license", "version", "entries"],
    "properties": {
        "name": {"type": "string"},
        "url": {"type": "string"},
        "version": {
            "type": "object",
            "description": "Which version of the content this is.",
            "additionalProperties": False,
            "required": ["date", "from"],
            "properties": {
                "date": {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
                "from": {
                    "enum": ["git", "build"],
                    "description": "git: the date of the content's last change in the repository; "
                    "build: the day the site was built (a copy without the repository's history).",
                },
            },
        },
        "license": {
            "type": "object",
            "description": "The licence of the text: reuse it with credit.",
            "required": ["id", "name", "url"],
            "properties": {"id": {"const": "CC-BY-4.0"}, "name": {"type": "string"}, "url": {"type": "string"}},
        },
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "slug",
                    "title",
                    "aliases",
                    "summary",
                    "url",
                    "category",
                    "level",
                    "related",
                    "references",
                    "body",
                    "key_points",
                    "misconceptions",
                    "questions",
                    "citations",
                    "former_slugs",
                ],
                "properties": {
                    "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                    "title": {"type": "string"},
                    "aliases": {"type": "array", "items": {"type": "string"}},
                    "summary": {"type": "string", "maxLength": 300},
                    "url": {
                        "type": "string",
                        "description": "The entry's page, relative to the site root, or absolute when the site's address is known.",
                    },
                    "category": {"enum": list(CATEGORIES)},
                    "level": {"enum": ["introductory", "intermediate", "advanced"]},
                    "related": {"type": "array", "items": {"type": "string"}},
                    "relations": {
                        "type": "object",
                        "description": "How each related entry relates to this one.",
                        "additionalProperties": {
                            "enum": ["see-also", "broader", "narrower", "contrast", "developed-from"]
                        },
                    },
                    "references": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Work ids in the bibliography.",
                    },
                    "reading_minutes": {"type": "integer", "minimum": 1},
                    "body": {
                        "type": "string",
                        "description": "The explanation as Markdown (Python-Markdown with the site's extensions: tables, "
                        "footnotes, definition lists, admonitions), as its contributors wrote it, except that "
                        "[[wikilinks]] are Markdown links to the entries' addresses (absolute when the site's "
                        "address is known). Not HTML: render it with any Markdown library.",
                    },
                    "key_points": {"type": "array", "items": {"type": "string"}},
                    "misconceptions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["misconception", "correction"],
                            "properties": {
                                "misconception": {"type": "string", "description": "A false statement."},
                                "correction": {"type": "string"},
                            },
                        },
                    },
                    "questions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["question", "answer"],
                            "properties": {"question": {"type": "string"}, "answer": {"type": "string"}},
                        },
                    },
                    "citations": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "The references formatted as on the site (Authors (Year). Title. Venue. DOI or URL), "
                        "as plain text, by author then year.",
                    },
                    "former_slugs": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Old slugs; their addresses redirect to this entry.",
                    },
                },
            },
        },
    },
}


def absolute(site_url: str, src_uri: str) -> str:
    """A page's address in the exports: absolute when the site's address is known, else from the site's root."""
    return absolute_url(site_url, src_uri, root="")


def entry_address(entry: Entry, site_url: str) -> str:
    return absolute(site_url, entry_uri(entry.slug))


def attribution_html(entry: Entry, site_name: str, site_url: str) -> str:
    """'From <the entry> in <site>, CC BY 4.0': the credit the licence asks for, on every exported item."""
    title = escape(entry.title)
    source = f'<a href="{escape(entry_address(entry, site_url))}">{title}</a>' if site_url else title
    return f'From {source} in {escape(site_name)}. Licence: <a href="{LICENCE["url"]}">{LICENCE["name"]}</a>.'


def content_version(index: Index) -> tuple[str, str]:
    """The content's version for exports: (ISO date, "git" or "build").

    The date of the content's last change when the repository's history is there, so a rebuild
    of the same content gives the same files; otherwise the day of the build (SOURCE_DATE_EPOCH
    when set, as reproducible builds set it).
    """
    if index.history.last_changed:
        return max(index.history.last_changed.values()), "git"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (
        dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else dt.datetime.now(dt.timezone.utc)
    )
    return when.date().isoformat(), "build"


_LINK_RE = re.compile(r"^\[(?P<text>.*)\]\((?P<target>[^)#]*)(?P<anchor>#[^)]*)?\)$", re.S)


def absolute_wikilinks(index: Index, body: str, site_url: str) -> str:
    """The body with each [[wikilink]] a Markdown link to the entry's address, which works
    outside the site (the pages' own links are relative to each page). The check has
    already refused any wikilink that does not resolve; one that somehow does not stays as written."""
    from .links import resolve_one  # the link stage resolves wikilinks one way for pages and exports

    def absolute_link(wikilink: Wikilink) -> str | None:
        # From a page at the site's root, a link to an entry is its source path (glossary/x.md).
        resolved = resolve_one(index, wikilink.inner, "index.md", "", 0, 0, [])
        parts = _LINK_RE.match(resolved[0]) if resolved else None
        if not parts:
            return None
        return f"[{parts['text']}]({absolute(site_url, parts['target']) + (parts['anchor'] or '')})"

    if "[[" not in body:
        return body
    return replace_wikilinks(body, parse_body(body, "entry").wikilinks, absolute_link)


def export_entry(index: Index, entry: Entry, site_url: str, minutes: int) -> dict[str, object]:
    works = index.corpus.works
    cited = sorted((works[k] for k in dict.fromkeys(entry.references) if k in works), key=work_order)
    return {
        "slug": entry.slug,
        "title": entry.title,
        "aliases": entry.aliases,
        "summary": entry.summary,
        "url": absolute(site_url, entry_uri(entry.slug)),
        "category": entry.category,
        "level": entry.level,
        "related": entry.related,
        "relations": {slug: entry.relations.get(slug, "see-also") for slug in entry.related},
        "references": entry.references,
        "reading_minutes": minutes,
        "body": absolute_wikilinks(index, entry.body, site_url).strip("\n") + "\n",
        "key_points": list(entry.key_points),
        "misconceptions": [
            {"misconception": m.misconception, "correction": m.correction} for m in entry.misconceptions
        ],
        "questions": [{"question": q.question, "answer": q.answer} for q in entry.questions],
        "citations": [citation_text(w) for w in cited],
        "former_slugs": list(entry.former_slugs),
    }


def build_export(index: Index, site_name: str, site_url: str) -> dict[str, object]:
    date, source = content_version(index)
    return {
        "name": site_name,
        "url": site_url,
        "license": dict(LICENCE),
        "version": {"date": date, "from": source},
        "entries": [export_entry(index, e, site_url, entry_minutes(index, e)) for e in index.entries],
    }


def script_json(data: dict[str, object]) -> str:
    """JSON safe inside a <script> element: '<' is escaped, so no text can close the element."""
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def entry_jsonld(entry: Entry, site_url: str) -> str:
    """schema.org DefinedTerm for one entry page."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": entry.title,
        "termCode": entry.slug,
        "description": entry.summary,
        "url": absolute(site_url, entry_uri(entry.slug)),
        "inDefinedTermSet": absolute(site_url, AZ_URI),
        "license": LICENCE["url"],
    }
    if entry.aliases:
        data["alternateName"] = entry.aliases
    return script_json(data)


def index_jsonld(index: Index, site_name: str, site_url: str) -> str:
    """schema.org DefinedTermSet for the A-Z index, naming every term."""
    return script_json(
        {
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "name": f"{site_name}: glossary A–Z",
            "url": absolute(site_url, AZ_URI),
            "hasDefinedTerm": [
                {
                    "@type": "DefinedTerm",
                    "name": e.title,
                    "termCode": e.slug,
                    "url": absolute(site_url, entry_uri(e.slug)),
                }
                for e in index.entries
            ],
        }
    )


def generate_exports(index: Index, site_name: str, site_url: str) -> list[GeneratedPage]:
    data = build_export(index, site_name, site_url)
    return [
        GeneratedPage(EXPORT_URI, json.dumps(data, indent=1, ensure_ascii=False) + "\n"),
        GeneratedPage(EXPORT_SCHEMA_URI, json.dumps(EXPORT_SCHEMA, indent=2) + "\n"),
    ]
