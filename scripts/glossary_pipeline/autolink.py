"""Automatic term links, as a Python-Markdown extension working on the parsed document.

It walks the element tree after inline parsing, so code, existing links and headings
are skipped by construction (they are elements, not patterns in the text). Every link
to a glossary entry, automatic or written by hand, gets the entry's summary as its
title, which the site's tooltip script (docs/assets/tooltips.js) shows on hover and on
keyboard focus, and as a preview on the first tap on a touch screen; without the script
the browser still shows the title on hover.

It knows nothing of MkDocs: the caller says which page is being rendered.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .citations import SKIP_TAGS as CITATION_SKIP_TAGS
from .citations import CitationTreeprocessor, page_works
from .links import LinkResult, TermMatcher
from .model import Corpus, Work
from .treetext import rewrite_text, wrap_spans
from .urls import entry_uri, link

MODES = ("first", "all", "off")


def autolink_mode(value: object) -> str:
    """The mode a setting asks for. YAML reads an unquoted `off` as false, so false means "off" (and true "first")."""
    mode = {False: "off", True: "first"}.get(value, value) if isinstance(value, bool) else value
    if mode not in MODES:
        raise ValueError(f"autolink must be one of {', '.join(MODES)}; it is {value!r}")
    return str(mode)


# Elements whose text is never linked: those that never hold a citation link (links, code,
# headings, controls, pictures), and figure captions.
SKIP_TAGS = CITATION_SKIP_TAGS | {"figcaption"}
# One entry's names (each with the exact spelling an acronym needs) and its summary: what
# term links and mentions show of it, which the live preview compares build to build.
EntryShown = tuple[tuple[tuple[str, str | None], ...], str | None]
_ENTRY_URI_RE = re.compile(r"^glossary/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


@dataclass
class AutolinkState:
    """What the linker needs: the matcher, each entry's summary, the mode, and the current page."""

    matcher: TermMatcher | None = None
    summaries: dict[str, str] = field(default_factory=dict)
    mode: str = "first"
    page_uri: str = ""
    page_slug: str = ""  # the entry being rendered, never linked to itself
    enabled: bool = True
    # Page URI -> the entries its rendered text links to (for the live preview to know which
    # pages show an entry's title or summary).
    shown: dict[str, set[str]] = field(default_factory=dict)
    # The works the page lists under "References": its in-text citations link to them (citations.py).
    references: tuple[Work, ...] = ()

    def begin_page(
        self, page_uri: str, page_slug: str = "", enabled: bool = True, references: tuple[Work, ...] = ()
    ) -> None:
        self.page_uri, self.page_slug, self.enabled = page_uri, page_slug, enabled
        self.references = tuple(references)

    def begin_page_from_meta(
        self, page_uri: str, meta: Mapping[str, object], generated: bool, corpus: Corpus | None
    ) -> None:
        """begin_page from a page's front matter: a generated page names its entry or article
        (`glossary: {kind, slug}`, generate.py); any page may set `autolink: false`."""
        about = meta.get("glossary") if generated else None
        kind, slug = (str(about.get("kind", "")), str(about.get("slug", ""))) if isinstance(about, dict) else ("", "")
        enabled = meta.get("autolink", True) is not False
        works = page_works(corpus, kind, slug) if corpus is not None else ()
        self.begin_page(page_uri, slug if kind == "entry" else "", enabled, works)

    def use(self, links: LinkResult | None, corpus: Corpus | None) -> None:
        """The terms to link and their definitions, from this build's check."""
        self.matcher = links.matcher if links is not None else None
        self.summaries = {slug: entry.summary for slug, entry in corpus.entries.items()} if corpus is not None else {}

    def describe_entries(self) -> dict[str, EntryShown]:
        """Entry slug -> what pages show of it: the names linked to it and its summary."""
        names: dict[str, list[tuple[str, str | None]]] = {slug: [] for slug in self.summaries}
        matcher = self.matcher
        for key, slug in matcher.slugs.items() if matcher else ():
            names.setdefault(slug, []).append((key, matcher.exact.get(key) if matcher else None))
        return {slug: (tuple(sorted(keys)), self.summaries.get(slug)) for slug, keys in names.items()}

    def may_show(self, page_uri: str, markdown: str, slugs: set[str]) -> bool:
        """Whether a page rendered now could show something of these entries.

        True if it linked to one of them when last rendered (or was never rendered), or if
        its Markdown mentions one of their current names. Names split by markup
        ("**object** relations") are not found here, but the linker does not link them either.
        """
        if page_uri not in self.shown or self.shown[page_uri] & slugs:
            return True
        return self.matcher is not None and any(m.slug in slugs for m in self.matcher.find(markdown))


class AutolinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, state: AutolinkState):
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        state = self.state
        self.linked: set[str] = {state.page_slug}
        self.shown: set[str] = set()
        if state.enabled:
            self.add_titles(root)
        if state.matcher is not None and state.enabled and state.mode != "off":
            self.walk(root)
        state.shown[state.page_uri] = self.shown | (self.linked - {state.page_slug, ""})

    def target_slug(self, href: str) -> str | None:
        """The entry a relative .md link points to, if it points to one."""
        path = href.split("#", 1)[0]
        if not path or "://" in path or path.startswith(("/", "mailto:")):
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.state.page_uri), path))
        match = _ENTRY_URI_RE.match(resolved)
        return match.group(1) if match and match.group(1) in self.state.summaries else None

    def add_titles(self, parent: etree.Element) -> None:
        """Every link to an entry in running text shows the entry's definition too.

        Generated lists (no-autolink blocks) already print each summary beside its link,
        so they get no tooltip: fewer tooltips also keep pages quick to start.
        """
        for child in parent:
            if "no-autolink" in child.get("class", "").split():
                continue
            slug = self.target_slug(child.get("href", "")) if child.tag == "a" else None
            if slug:
                self.shown.add(slug)
                if not child.get("title"):
                    child.set("title", self.state.summaries[slug])
                child.set("class", (child.get("class", "") + " glossary-link").strip())
            self.add_titles(child)

    def walk(self, parent: etree.Element) -> None:
        rewrite_text(parent, self.link_text, self.enter)

    def enter(self, child: etree.Element) -> bool:
        classes = child.get("class", "").split()
        if child.tag == "a" and "glossary-link" in classes:
            # A hand-written link earlier in the text is the first mention of its entry.
            self.linked.add(self.target_slug(child.get("href", "")) or "")
            return False
        return child.tag not in SKIP_TAGS and "no-autolink" not in classes

    def link_text(self, text: str) -> tuple[str, list[etree.Element]]:
        """Split text into leading text plus new <a> elements (each carrying the text after it)."""
        spans: list[tuple[int, int, etree.Element]] = []
        if self.state.matcher is None:
            return text, []
        for mention in self.state.matcher.find(text):
            if mention.slug in self.linked and self.state.mode == "first":
                continue
            if mention.slug == self.state.page_slug:
                continue
            self.linked.add(mention.slug)
            spans.append(
                (
                    mention.start,
                    mention.end,
                    etree.Element(
                        "a",
                        {
                            "href": link(self.state.page_uri, entry_uri(mention.slug)),
                            "title": self.state.summaries[mention.slug],
                            "class": "glossary-link glossary-auto",
                        },
                    ),
                )
            )
        return wrap_spans(text, spans)


class SearchExcludeHeadings(Treeprocessor):
    """Headings inside a block left out of search are left out too.

    Material's search starts a new indexed section at every heading unless the heading
    itself carries data-search-exclude; without this, each left-out entry body would still
    add an empty section per heading to the index.
    """

    def run(self, root: etree.Element) -> None:
        for block in root.iter():
            if "data-search-exclude" in block.attrib:
                for heading in block.iter():
                    if heading.tag in ("h2", "h3", "h4", "h5", "h6"):
                        heading.set("data-search-exclude", "")


class AutolinkExtension(Extension):
    """Register with a shared state; the caller updates the state for each page."""

    def __init__(self, state: AutolinkState | None = None, **kwargs: object):
        self.state = state or AutolinkState()
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 1: after inline parsing (20), attribute lists (8) and the table of contents (5),
        # before MkDocs rewrites and checks relative .md links (0), so it checks ours too.
        md.treeprocessors.register(AutolinkTreeprocessor(md, self.state), "glossary-autolink", 1)
        # Priority 6: after attribute lists (8) have set the reference items' ids, before MkDocs
        # collects the page's ids (5) for its anchor check, and before term links (1), which
        # then leave the citation links alone. Runs whether or not term links are on.
        md.treeprocessors.register(CitationTreeprocessor(md, self.state), "glossary-citations", 6)
        md.treeprocessors.register(SearchExcludeHeadings(md), "glossary-search-scope", 1)
