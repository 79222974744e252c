"""A parsed body's HTML with its wikilinks filled in, as the link stage resolves them.

The check's one parse of a body renders each wikilink as a placeholder link (parse.py);
once the link stage knows where each leads, filling those in gives the HTML the page's
own rendering of the linked body would give, without rendering the body again (handouts
print each body this way).
"""

from __future__ import annotations

import re
from html import escape

from .index import Index
from .links import LinkResult, resolve_one
from .parse import WIKILINK_ANCHOR, ParsedBody, parse_body, render_markdown

_PLACEHOLDER_RE = re.compile(rf'<a ([^>]*)href="{WIKILINK_ANCHOR}(\d+)"([^>]*)>(.*?)</a>', re.S)
_MARKDOWN_LINK_RE = re.compile(r"^\[(?P<text>.*)\]\((?P<target>[^)]*)\)$", re.S)
_PLAIN_RE = re.compile(r"(?:[^\W_]|[ ,.;:'’()/-])+")  # text the renderer prints as it is


def body_html(index: Index, links: LinkResult, key: str, body: str, here: str) -> str:
    """A body's HTML as its page has it: the check's one parse, wikilinks filled in as the link
    stage resolves them. Only where a link's text needs Markdown of its own (rare) is the
    linked body rendered again."""
    kind = key.split(":", 1)[0]
    filled = fill_wikilinks(index, parse_body(body, kind), here)
    return filled if filled is not None else render_markdown(links.bodies.get(key, body))[0]


def fill_wikilinks(index: Index, parsed: ParsedBody, here: str) -> str | None:
    """The parsed body's HTML with each wikilink's placeholder link made the link the page has,
    or None if one cannot be filled in without rendering."""
    fills: list[tuple[str, str | None]] = []  # (href, text as HTML or None to keep the parse's) for each wikilink
    for wikilink in parsed.wikilinks:
        resolved = resolve_one(index, wikilink.inner, here, "", 0, 0, [])
        parts = _MARKDOWN_LINK_RE.match(resolved[0]) if resolved else None
        if parts is None:
            return None  # left as written on the page: its text is Markdown to render
        text = parts["text"]
        if text != wikilink.shown and not _PLAIN_RE.fullmatch(text):
            return None
        fills.append(
            (_escape_attribute(parts["target"]), None if text == wikilink.shown else escape(text, quote=False))
        )
    if fills and "\n*[" in "\n" + parsed.masked:
        return None  # abbreviations could mark up a link's new text

    def fill(match: re.Match[str]) -> str:
        href, text = fills[int(match.group(2))]
        return f'<a {match.group(1)}href="{href}"{match.group(3)}>{match.group(4) if text is None else text}</a>'

    return _PLACEHOLDER_RE.sub(fill, parsed.inner_html)


def _escape_attribute(value: str) -> str:
    """An attribute value as the renderer writes it (quotes and angle brackets, not apostrophes)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
