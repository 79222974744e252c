"""What rendered content may hold, enforced by the Ammonia sanitiser (nh3) and explained by an audit.

Contributions are untrusted. Whatever Markdown turns them into passes through
`sanitize_html` before it reaches a reader: only the elements, attributes and URL
schemes listed here survive. `audit_html` reads HTML against the same lists and says
what the sanitiser would remove; the check uses it to explain a problem with its line,
and the tests use it on every built page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol
from html.parser import HTMLParser

import nh3

# Everything Markdown and the pipeline's own pages produce; nothing that fetches, embeds,
# submits or runs (no img from elsewhere, iframe, object, form, input, script, style, meta, base).
TEXT_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
}
# The inline SVG concept maps: shapes and text only (no script, foreignObject, use or animation).
SVG_TAGS = {"svg", "g", "title", "desc", "line", "rect", "text", "tspan", "circle", "path"}
ALLOWED_TAGS = frozenset(TEXT_TAGS | SVG_TAGS)
# Removed together with their content (the rest keep their text when their tags go).
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "textarea", "xmp", "iframe", "noembed", "noframes"}
)

GENERIC_ATTRIBUTES = {
    "id",
    "class",
    "title",
    "lang",
    "dir",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
    "data-search-exclude",
}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": GENERIC_ATTRIBUTES,
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "svg": {"viewBox", "width", "height"},
    "line": {"x1", "y1", "x2", "y2"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "circle": {"cx", "cy", "r"},
    "path": {"d"},
    "text": {"x", "y", "dx", "dy", "text-anchor", "dominant-baseline"},
    "tspan": {"x", "y", "dx", "dy"},
}
URL_ATTRIBUTES = {"href", "src", "cite", "xlink:href"}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Links inside SVG need xlink:href (see conceptmap.py). Ammonia does not keep namespaced
# attributes, so the concept map writes href and it is renamed after sanitising.
SVG_LINK_ATTRIBUTE = "xlink:href"

_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str:
    """The scheme of a URL as a browser reads it ('' for a relative URL), however it is disguised."""
    compact = _CONTROL_RE.sub("", html.unescape(url))
    match = _SCHEME_RE.match(compact)
    return match.group(1).lower() if match else ""


def is_local_url(url: str) -> bool:
    """True for a URL on this site: relative or in-page, not protocol-relative ('//host')."""
    compact = _CONTROL_RE.sub("", html.unescape(url)).replace("\\", "/")
    return not url_scheme(url) and not compact.startswith("//")


def is_reserved_name(attribute: str, value: str) -> bool:
    """Ids and classes the theme owns: content using them could clobber or imitate its controls."""
    if attribute == "id":
        return value.startswith("__") or value.startswith("md-")
    if attribute == "class":
        return any(name.startswith("md-") for name in value.split())
    return False


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_local_url(value):
        return None  # images only from this site: another host would learn who reads what
    if attribute == "class":
        return " ".join(name for name in value.split() if not name.startswith("md-")) or None
    if is_reserved_name(attribute, value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)
_SVG_RE = re.compile(r"<svg\b.*?</svg>", re.S)


def sanitize_html(fragment: str) -> str:
    """The fragment with everything outside the allowlist removed."""
    clean = _CLEANER.clean(fragment)
    if "<svg" in clean:
        # nh3's output is canonical (`<a href="`), and text never holds a raw '<'.
        clean = _SVG_RE.sub(lambda m: m.group(0).replace('<a href="', f'<a {SVG_LINK_ATTRIBUTE}="'), clean)
    return clean


def sanitize_text(text: str) -> str:
    """A title or label as HTML text: tags removed, every special character escaped once.

    Idempotent, so text that is escaped twice on its way to a template still shows right.
    """
    return html.escape(html.unescape(nh3.clean(text, tags=set())), quote=True)


# Front-matter keys a hand-written page may set; others (a template, JSON-LD, scripts) could
# put markup where the theme does not escape it.
DOCS_META_KEYS = frozenset({"title", "description", "hide", "search", "autolink"})


def clean_meta(meta: Mapping[str, object], generated: bool) -> dict[str, object]:
    """Front matter as the theme's templates may see it, which do not escape it: a hand-written
    page keeps only the keys the site uses, and every title and description is HTML text."""
    kept = {key: value for key, value in meta.items() if generated or key in DOCS_META_KEYS}
    for key in ("title", "description"):
        value = kept.get(key)
        if isinstance(value, str):
            kept[key] = sanitize_text(value)
    return kept


class TocItem(Protocol):
    """A table-of-contents item as the renderer holds it (MkDocs' AnchorLink)."""

    title: str

    @property
    def children(self) -> Iterable[TocItem]: ...


def sanitize_toc(items: Iterable[TocItem]) -> None:
    """Make every label in a table of contents HTML text (a heading can set its label)."""
    for item in items:
        item.title = sanitize_text(item.title)
        sanitize_toc(item.children)


@dataclass(frozen=True)
class Finding:
    """One thing the sanitiser would remove, in the words a contributor needs."""

    kind: str  # "element", "attribute", "address", "image"
    tag: str
    name: str = ""  # the attribute
    value: str = ""  # the address or attribute value

    @property
    def needles(self) -> tuple[str, ...]:
        """Source text that most likely wrote it, to point at its column."""
        if self.kind == "element":
            return (f"<{self.tag}",)
        if self.kind == "attribute":
            return (self.name + "=", self.name)
        return (self.value, self.value[:20])


def _allowed_attribute(tag: str, name: str) -> bool:
    if name in GENERIC_ATTRIBUTES or name in ALLOWED_ATTRIBUTES.get(tag, ()):
        return True
    return tag == "a" and name == SVG_LINK_ATTRIBUTE


class _Auditor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.svg_case = {n.lower(): n for names in ALLOWED_ATTRIBUTES.values() for n in names}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.findings.append(Finding("element", tag))
            return
        for name, value in attrs:
            name = self.svg_case.get(name, name)  # html.parser lower-cases 'viewBox'
            value = value or ""
            if not _allowed_attribute(tag, name):
                self.findings.append(Finding("attribute", tag, name, value))
            elif name in URL_ATTRIBUTES and url_scheme(value) and url_scheme(value) not in URL_SCHEMES:
                self.findings.append(Finding("address", tag, name, value))
            elif name in URL_ATTRIBUTES and tag == "img" and not is_local_url(value):
                self.findings.append(Finding("image", tag, name, value))
            elif is_reserved_name(name, value):
                self.findings.append(Finding("attribute", tag, name, value))

    handle_startendtag = handle_starttag


def audit_html(fragment: str) -> list[Finding]:
    """Everything in the fragment that the sanitiser would remove, in document order."""
    auditor = _Auditor()
    auditor.feed(fragment)
    auditor.close()
    return auditor.findings


def describe(finding: Finding) -> tuple[str, str]:
    """Message and hint for a contributor."""
    if finding.kind == "element":
        return (
            f"HTML element <{finding.tag}> is not allowed in content",
            "use Markdown instead; CONTRIBUTING.md lists the HTML that is allowed and why",
        )
    if finding.kind == "image":
        return (
            f"an image from another site ('{finding.value[:60]}') would be loaded by every reader's browser",
            "save the image under docs/assets/ and link to it there, or link to the page that shows it",
        )
    if finding.kind == "address":
        return (
            f"a link or image points to an unsafe address ('{finding.value[:40]}')",
            "link only to http(s), mailto: or tel: addresses, or to other pages of the site",
        )
    if finding.name.startswith("on"):
        return (f"'{finding.name}' on <{finding.tag}> is an event handler", "remove it: no script can run on this site")
    if finding.name == "style":
        return (
            f"a style attribute on <{finding.tag}> is not allowed",
            "remove it: the site's stylesheet sets the look",
        )
    if finding.name in ("id", "class"):
        return (
            f"{finding.name} '{finding.value}' on <{finding.tag}> is reserved for the site's theme",
            "choose another name (theme names start with 'md-' or '__')",
        )
    return (
        f"attribute '{finding.name}' on <{finding.tag}> is not allowed",
        "remove it; CONTRIBUTING.md lists the attributes that are allowed",
    )
