"""Stage 4, link: explicit [[wikilinks]] and implicit mentions between pages.

One matcher finds every title and alias in a text in a single left-to-right pass (a
trie-shaped regular expression: linear in the text, whatever the number of terms).
The same matcher serves the backlinks computed here and the automatic term links
added when pages are rendered (`autolink.py`), so the two always agree.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from markdown.extensions.toc import slugify

from .index import Index
from .similar import closest
from .codes import Code
from .load import unreadable_slugs
from .model import Diagnostic, Entry
from .parse import parse_body
from .names import normalise_term
from .textscan import Wikilink, replace_wikilinks
from .urls import ENTRY_SECTIONS, article_uri, entry_uri, link


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    slug: str


def build_trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many words, with shared prefixes factored out.

    A plain alternation makes the engine try every word at every position; the trie
    tries one branch per character. Greedy optional tails make the longest term win
    ("short-term psychodynamic psychotherapy" over "short-term"), and backtracking
    falls back to a shorter term when the longer one does not end on a word boundary.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
        return body

    return emit(trie)


class TermMatcher:
    """Finds whole-word, case-insensitive mentions of entry titles and aliases."""

    def __init__(self, terms: Iterable[tuple[str, str]]):
        self.slugs: dict[str, str] = {}
        self.exact: dict[str, str] = {}  # acronyms match only in capitals: "CEE", not "cee"
        for text, slug in terms:
            key = normalise_term(text)
            self.slugs.setdefault(key, slug)
            if text.isupper() and len(text) <= 8:
                self.exact[key] = text
        words = sorted(k.lower() for k in self.slugs)
        # Hyphens count as part of a word: "transference-focused" is not a mention of "transference".
        # The pattern is case-sensitive and runs on lower-cased text: nearly twice as fast as
        # ignoring case in the pattern. Text whose length lower-casing changes (a few rare
        # letters) is scanned by a case-ignoring copy, made only if such text turns up.
        self.source = r"(?<![\w-])(?:" + build_trie_pattern(words) + r")(?![\w-])" if words else None
        self.pattern = re.compile(self.source) if self.source else None
        self._ignorecase: re.Pattern[str] | None = None

    def find(self, text: str) -> Iterator[Mention]:
        """Every mention in text, leftmost-longest, never overlapping."""
        if self.pattern is None or self.source is None:
            return
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self.pattern.finditer(lowered)
        else:
            if self._ignorecase is None:
                self._ignorecase = re.compile(self.source, re.IGNORECASE)
            matches = self._ignorecase.finditer(text)
        for match in matches:
            start, end = match.span()
            found = text[start:end]
            key = normalise_term(found)
            slug = self.slugs.get(key)
            if slug is None or (key in self.exact and " ".join(found.split()) != self.exact[key]):
                continue
            yield Mention(start, end, slug)


def build_matcher(index: Index) -> TermMatcher:
    """The matcher for every entry's title and aliases."""
    return TermMatcher((term, entry.slug) for entry in index.entries for term in [entry.title, *entry.aliases])


def section_anchors(entry: Entry) -> dict[str, str]:
    """Anchor ids of an entry page's sections, keyed by id and by lower-cased heading text."""
    headings = [(h.text, h.anchor) for h in parse_body(entry.body, "entry").headings if h.level >= 2]
    headings += [(heading, slugify(heading, "-")) for heading in ENTRY_SECTIONS]
    anchors = {}
    for heading, anchor in headings:
        anchors[anchor] = anchor
        anchors[html.unescape(heading).lower()] = anchor
    return anchors


@dataclass
class LinkResult:
    """Bodies with wikilinks turned into Markdown links, and who mentions whom."""

    bodies: dict[str, str] = field(default_factory=dict)  # "entry:slug" or "article:slug" -> body
    links_out: dict[str, list[str]] = field(default_factory=dict)  # page key -> entry slugs, in order
    mentioned_in: dict[str, list[str]] = field(default_factory=dict)  # entry slug -> page keys
    diagnostics: list[Diagnostic] = field(default_factory=list)
    matcher: TermMatcher | None = None


def link_corpus(index: Index, unreadable: frozenset[str] = frozenset()) -> LinkResult:
    """Resolve every wikilink and find every mention, in entries and articles.

    Links to files that could not be read are not reported again: their error is enough.
    """
    matcher = build_matcher(index)
    result = LinkResult(matcher=matcher)
    broken = unreadable_slugs(unreadable)
    corpus = index.corpus
    # Every text of an entry page that can mention another entry: a mention anywhere makes a connection.
    pages = [
        (
            f"entry:{e.slug}",
            entry_uri(e.slug),
            e.body,
            e.source,
            [
                e.summary,
                *e.key_points,
                *(m.misconception + "\n|\n" + m.correction for m in e.misconceptions),
                *(q.question + "\n|\n" + q.answer for q in e.questions),
            ],
        )
        for e in index.entries
    ]
    pages += [
        (f"article:{a.slug}", article_uri(a.slug), a.body, a.source, [])
        for a in sorted(corpus.articles.values(), key=lambda a: a.slug)
    ]
    for key, uri, body, source, extra in pages:
        problems: list[Diagnostic] = []
        linked, targets = resolve_wikilinks(index, body, uri, source.path, source.body_line, problems, source.kind)
        result.diagnostics += [d for d in problems if not (d.code == Code.E401 and d.subject in broken)]
        result.bodies[key] = linked
        # One scan for all of a page's texts; '|' between them stops a term running from one into the next.
        targets += [m.slug for m in matcher.find("\n|\n".join([parse_body(source.body, source.kind).prose, *extra]))]
        own = key.split(":", 1)[1] if key.startswith("entry:") else None
        unique = [slug for slug in dict.fromkeys(targets) if slug != own]
        result.links_out[key] = unique
        for slug in unique:
            result.mentioned_in.setdefault(slug, []).append(key)
    return result


def resolve_wikilinks(
    index: Index, body: str, here: str, path: str, first_line: int, diagnostics: list[Diagnostic], kind: str = "article"
) -> tuple[str, list[str]]:
    """Replace [[target]], [[target|text]] and [[target#section]] with Markdown links; report the unresolved."""
    targets: list[str] = []

    def resolve(wikilink: Wikilink) -> str | None:
        line, col = first_line + wikilink.line, wikilink.col
        replacement = resolve_one(index, wikilink.inner, here, path, line, col, diagnostics)
        if replacement is None:
            return None
        targets.append(replacement[1])
        return replacement[0]

    if "[[" not in body:
        return body, []
    return replace_wikilinks(body, parse_body(body, kind).wikilinks, resolve), targets


def resolve_one(
    index: Index, inner: str, here: str, path: str, line: int, col: int, diagnostics: list[Diagnostic]
) -> tuple[str, str] | None:
    """One wikilink as (Markdown link, target slug), or None after reporting why it does not resolve."""
    target, _, shown = inner.partition("|")
    name, _, section = target.partition("#")
    name, section, shown = name.strip(), section.strip(), shown.strip()
    entries = index.corpus.entries
    slug = name if name in entries else index.terms.get(normalise_term(name))
    if slug is None:
        diagnostics.append(
            Diagnostic(
                path,
                line,
                col,
                Code.E401,
                f"[[{inner}]] names no entry",
                suggest_terms(index, name) or "use an entry's slug, title or alias",
                subject=name,
            )
        )
        return None
    entry = entries[slug]
    anchor = ""
    if section:
        anchors = section_anchors(entry)
        anchor = anchors.get(section) or anchors.get(section.lower()) or ""
        if not anchor:
            close = closest(section.lower(), list(anchors))
            ids = list(dict.fromkeys(anchors.values()))
            hint = f"did you mean '#{anchors[close]}'?" if close else f"its sections are: {', '.join(ids)}"
            diagnostics.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    Code.E402,
                    f"[[{inner}]]: '{entry.title}' has no section '{section}'",
                    hint,
                    subject=f"{slug}#{section}",
                )
            )
            return None
    text = shown or (entry.title if name == slug else name)
    return f"[{text}]({link(here, entry_uri(slug), anchor)})", slug


def suggest_terms(index: Index, name: str) -> str:
    """'did you mean ...?' from the closest slugs, titles and aliases."""
    candidates: dict[str, str] = {}
    for entry in index.entries:
        for term in [entry.slug, entry.title, *entry.aliases]:
            candidates.setdefault(term.lower(), term)
    close = closest(name.lower(), list(candidates))
    return f"did you mean '{candidates[close]}'?" if close else ""
