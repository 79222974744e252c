"""The glossary as data: glossary.json (with its JSON Schema) and schema.org JSON-LD for pages.

Other tools (slides, quizzes, other sites) read glossary.json; search engines read the
JSON-LD. Both come from the same index as the pages, so they always agree.
"""

from __future__ import annotations

import json

from .index import CATEGORIES, Index, entry_minutes
from .model import Entry, GeneratedPage
from .urls import AZ_URI, entry_uri, output_url

# The text's licence (CC BY 4.0); the code is MIT. Named here for every export and page.
LICENCE = {"id": "CC-BY-4.0", "name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

EXPORT_URI = "glossary.json"
EXPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "glossary-export.schema.json",
    "title": "Psychodynamic psychotherapy glossary export (glossary.json)",
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "license", "entries"],
    "properties": {
        "name": {"type": "string"},
        "url": {"type": "string"},
        "license": {"type": "object", "description": "The licence of the text: reuse it with credit.",
                    "required": ["id", "name", "url"],
                    "properties": {"id": {"const": "CC-BY-4.0"}, "name": {"type": "string"}, "url": {"type": "string"}}},
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["slug", "title", "aliases", "summary", "url", "category", "level", "related", "references"],
                "properties": {
                    "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                    "title": {"type": "string"},
                    "aliases": {"type": "array", "items": {"type": "string"}},
                    "summary": {"type": "string", "maxLength": 300},
                    "url": {"type": "string", "description": "The entry's page, relative to the site root, or absolute when the site's address is known."},
                    "category": {"enum": list(CATEGORIES)},
                    "level": {"enum": ["introductory", "intermediate", "advanced"]},
                    "related": {"type": "array", "items": {"type": "string"}},
                    "relations": {"type": "object", "description": "How each related entry relates to this one.",
                                  "additionalProperties": {"enum": ["see-also", "broader", "narrower", "contrast", "developed-from"]}},
                    "references": {"type": "array", "items": {"type": "string"}},
                    "reading_minutes": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
}


def absolute(site_url: str, src_uri: str) -> str:
    return site_url.rstrip("/") + "/" + output_url(src_uri) if site_url else output_url(src_uri)


def export_entry(entry: Entry, site_url: str, minutes: int) -> dict:
    return {"slug": entry.slug, "title": entry.title, "aliases": entry.aliases, "summary": entry.summary,
            "url": absolute(site_url, entry_uri(entry.slug)), "category": entry.category, "level": entry.level,
            "related": entry.related, "relations": {slug: entry.relations.get(slug, "see-also") for slug in entry.related},
            "references": entry.references, "reading_minutes": minutes}


def build_export(index: Index, site_name: str, site_url: str) -> dict:
    return {"name": site_name, "url": site_url, "license": dict(LICENCE),
            "entries": [export_entry(e, site_url, entry_minutes(index, e)) for e in index.entries]}


def script_json(data: dict) -> str:
    """JSON safe inside a <script> element: '<' is escaped, so no text can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def entry_jsonld(entry: Entry, site_url: str) -> str:
    """schema.org DefinedTerm for one entry page."""
    data = {"@context": "https://schema.org", "@type": "DefinedTerm", "name": entry.title, "termCode": entry.slug,
            "description": entry.summary, "url": absolute(site_url, entry_uri(entry.slug)),
            "inDefinedTermSet": absolute(site_url, AZ_URI), "license": LICENCE["url"]}
    if entry.aliases:
        data["alternateName"] = entry.aliases
    return script_json(data)


def index_jsonld(index: Index, site_name: str, site_url: str) -> str:
    """schema.org DefinedTermSet for the A-Z index, naming every term."""
    return script_json({
        "@context": "https://schema.org", "@type": "DefinedTermSet", "name": f"{site_name}: glossary A–Z",
        "url": absolute(site_url, AZ_URI),
        "hasDefinedTerm": [{"@type": "DefinedTerm", "name": e.title, "termCode": e.slug,
                            "url": absolute(site_url, entry_uri(e.slug))} for e in index.entries]})


def generate_exports(index: Index, site_name: str, site_url: str) -> list[GeneratedPage]:
    data = build_export(index, site_name, site_url)
    return [GeneratedPage(EXPORT_URI, json.dumps(data, indent=1, ensure_ascii=False) + "\n"),
            GeneratedPage("schemas/glossary-export.schema.json", json.dumps(EXPORT_SCHEMA, indent=2) + "\n")]
