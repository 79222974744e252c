"""Reading a Markdown body the way the site renders it: one parse decides what is code, HTML and prose.

The site's Python-Markdown configuration lives here (the adapter refuses to build if
mkdocs.yml differs), so the check sees exactly what a reader's page will hold. Each body
is rendered once; safety, mentions, word counts, reading level and section anchors all
read that one result.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, TypedDict

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .sanitize import Finding, audit_html
from .textscan import Wikilink, count_words, replace_wikilinks, scan_source

# The site's Markdown, in the order MkDocs loads it (its built-ins toc, tables and
# fenced_code first). mkdocs.yml must list the same; the adapter checks.
SITE_EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "def_list",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
]
SITE_EXTENSION_CONFIGS = {
    # No title on the pilcrow: Material would give every heading's link a tooltip.
    "toc": {"permalink": True, "permalink_title": ""}
}
# Entry bodies sit inside this block on their page (generate.py); they are parsed inside it too.
# A section, not a div: the theme's search drops an excluded block at the first closing tag of
# the same name inside it (it compares elements by tag), and an entry holds divs.
ENTRY_BODY_OPEN = '<section class="entry-body" data-search-exclude markdown>\n'
ENTRY_BODY_CLOSE = "</section>\n"
# A wikilink is parsed as a link to this anchor and its number among the body's wikilinks,
# so the parse can tell which the renderer made links of, and a handout can fill them in.
WIKILINK_ANCHOR = "#wikilink-"
# The block an entry's body sits in, as rendered; footnotes follow it, at the end of the document.
_WRAPPER_RE = re.compile(
    r'^<section class="entry-body"[^>]*>\n(.*)\n</section>((?:\n<div class="footnote">.*)?)$', re.S
)

_CODE_TAGS = {"code", "pre", "script", "style", "kbd", "samp"}
_BLOCK_TAGS = {
    "p",
    "li",
    "dt",
    "dd",
    "div",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "summary",
    "details",
    "section",
    "figcaption",
    "table",
    "ul",
    "ol",
    "dl",
    "br",
    "hr",
}


class TableAlignment(Treeprocessor):
    """Table column alignment as a class, not a style attribute (the CSP refuses inline styles)."""

    _STYLE_RE = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")

    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            if cell.tag in ("th", "td") and (match := self._STYLE_RE.match(cell.get("style", ""))):
                del cell.attrib["style"]
                cell.set("class", (cell.get("class", "") + f" align-{match.group(1)}").strip())


class SiteMarkupExtension(Extension):
    """The pipeline's own additions to the site's Markdown (registered by the adapter too)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After tables (inline parsing is 20) and attribute lists (8): a contributor's own
        # `{: style=...}` on a cell is left for the check and the sanitiser to refuse.
        md.treeprocessors.register(TableAlignment(md), "glossary-table-alignment", 15)


class TocToken(TypedDict):
    """A heading as the toc extension reports it."""

    level: int
    id: str
    name: str
    children: list[TocToken]


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class ParsedBody:
    """What the renderer makes of a body."""

    html: str
    prose: str  # the text a reader reads: no code, no markup
    headings: tuple[Heading, ...]
    findings: tuple[Finding, ...]  # what the sanitiser would remove
    wikilinks: tuple[Wikilink, ...]  # the [[...]] the renderer makes links of; the i-th leads to WIKILINK_ANCHOR + i
    masked: str  # the source with fenced and inline code blanked out, every offset kept (to name a line)
    fenced: frozenset[int]  # 0-based lines of the source in fenced code blocks

    @property
    def words(self) -> int:
        return count_words(self.prose)

    @property
    def inner_html(self) -> str:
        """The body's HTML without the block an entry's page holds it in."""
        match = _WRAPPER_RE.match(self.html)
        return match.group(1) + match.group(2) if match else self.html


class _ProseReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # open elements whose text is not prose

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag in _CODE_TAGS or ("class", "headerlink") in attrs or ("class", "footnote-backref") in attrs:
            self.skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*SITE_EXTENSIONS, SiteMarkupExtension()], extension_configs=SITE_EXTENSION_CONFIGS
    )


_RENDERER: list[markdown.Markdown] = []


def render_markdown(text: str) -> tuple[str, list[TocToken]]:
    """HTML and table-of-contents tokens for Markdown, rendered as the site renders it."""
    if not _RENDERER:
        _RENDERER.append(_markdown())
    md = _RENDERER[0]
    md.reset()
    html = md.convert(text)
    return html, list(getattr(md, "toc_tokens", []))


def wrap_body(body: str, kind: str) -> str:
    """The body as its page renders it (generate.py writes it the same way)."""
    core = body.strip("\n")
    return f"{ENTRY_BODY_OPEN}\n{core}\n{ENTRY_BODY_CLOSE}" if kind == "entry" else core


def leading_lines(body: str) -> int:
    """Blank lines before the body's first line of text, which the page leaves out."""
    return len(body) - len(body.lstrip("\n"))


def _flatten(tokens: list[TocToken]) -> list[Heading]:
    out: list[Heading] = []
    for token in tokens:
        out.append(Heading(token["level"], token["id"], token.get("name", "")))
        out += _flatten(token.get("children", []))
    return out


# Bodies are parsed by several stages, and a live preview parses unchanged ones again.
@functools.lru_cache(maxsize=1 << 14)
def parse_body(body: str, kind: str = "article") -> ParsedBody:
    """Render a body once and read from it everything the stages need."""
    scan = scan_source(body)
    html, tokens = render_markdown(wrap_body(_shape(body, scan.wikilinks), kind))
    wikilinks = tuple(w for i, w in enumerate(scan.wikilinks) if f'href="{WIKILINK_ANCHOR}{i}"' in html)
    if wikilinks != scan.wikilinks:
        # Some are not links to the renderer (in indented code or raw HTML, say): the link
        # stage leaves those as written, so the parse must too. Rare, so a second render.
        html, tokens = render_markdown(wrap_body(_shape(body, wikilinks), kind))
    reader = _ProseReader()
    reader.feed(html)
    reader.close()
    headings = tuple(_flatten(tokens))
    return ParsedBody(
        html, "".join(reader.parts), headings, tuple(audit_html(html)), wikilinks, scan.masked, scan.fenced
    )


def _shape(body: str, wikilinks: tuple[Wikilink, ...]) -> str:
    numbers = {link: number for number, link in enumerate(wikilinks)}
    return replace_wikilinks(body, wikilinks, lambda w: f"[{w.shown}]({WIKILINK_ANCHOR}{numbers[w]})")


def shape_wikilinks(body: str) -> str:
    """Wikilinks as the link stage writes them, `[text](target)`, so the parse sees their text as the page will.

    Where they lead does not matter here (the link stage makes those addresses); what a
    contributor wrote as their text does.
    """
    return _shape(body, scan_source(body).wikilinks) if "[[" in body else body


def locate(
    body: str, kind: str, count: Callable[[ParsedBody], int], occurrence: int, needles: tuple[str, ...] = ()
) -> tuple[int, int]:
    """0-based line (after leading_lines) and 1-based column of what makes the n-th thing `count` counts.

    The renderer decides what a body holds; to point at a line, the smallest prefix of the
    body whose rendering already holds it for the n-th time is found by bisection, then
    the column is where one of the needles sits on that line.
    """
    lines = body.strip("\n").split("\n")
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if count(parse_body("\n".join(lines[:middle]), kind)) >= occurrence:
            high = middle
        else:
            low = middle + 1
    line = low - 1
    text = lines[line].lower() if line < len(lines) else ""
    for needle in needles:
        col = text.find(needle.lower()) if needle else -1
        if col >= 0:
            return line, col + 1
    return line, 1
