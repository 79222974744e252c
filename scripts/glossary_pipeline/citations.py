"""In-text citations that lead to the page's own reference list, and back again.

"(Freud, 1914)", "(Breuer & Freud, 1895)", "Grünbaum (1984)", "(Shedler, 2010;
Leichsenring et al., 2015)": a citation whose first author's surname and year match one
of the page's references becomes a link to that reference's item (`ref-<work key>`, an id
generate.py writes on every item). The first citation of each work carries the id
`cite-<work key>`, and the reference item gets a small "↩" link back to it.

`CitationMatcher` is plain text matching over a page's works (unit-tested with tables
of cases). `CitationTreeprocessor` applies it to the parsed document, as the term linker
does, so code, links and headings are never touched. Neither knows anything of MkDocs:
the caller hands over the page's works as plain data (AutolinkState.begin_page).
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from markdown import Markdown

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .model import Corpus, Work
from .treetext import rewrite_text, wrap_spans
from .urls import REF_PREFIX

CITE_PREFIX = "cite-"  # the id of the first citation of a work in the text
BACK_LABEL = "Back to the text"
BACK_TEXT = "\u21a9"  # ↩
# Elements whose text never holds a citation link: links, code, headings, controls, pictures.
SKIP_TAGS = {
    "a",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "summary",
    "button",
    "svg",
    "abbr",
    "dfn",
}

_YEAR = r"\d{4}[a-z]?"
_INITIALS_RE = re.compile(r"^(?:[A-Z][a-z]?\.?(?:\s*-\s*|\s+|$))+$")
_ET_AL_RE = re.compile(r",?\s*\bet\s+al\.?\s*$")
_CORPORATE_SHORT_RE = re.compile(r"\s*\(([^()]+)\)\s*$")  # "National Institute ... (NICE)"
_AMP_ENTITIES = ("&amp;", "&#38;", "&#x26;", "&#X26;")


def normalise_name(name: str) -> str:
    """A surname as compared: no accents, no case, one kind of apostrophe and hyphen, single spaces."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Author:
    surname: str
    initials: str = ""


@dataclass(frozen=True)
class CitedWork:
    """What a citation of a work is compared with."""

    key: str
    authors: tuple[Author, ...]
    year: str
    more: bool = False  # the author list ends in "et al.": more authors than are named
    short: str = ""  # a corporate author's short form: "NICE"

    @classmethod
    def from_work(cls, work: Work) -> "CitedWork":
        authors, more, short = parse_authors(work.authors)
        return cls(work.key, authors, str(work.year).strip(), more, short)

    def first_names(self) -> tuple[str, ...]:
        """The forms in which the first author may be cited."""
        return tuple(n for n in (self.authors[0].surname if self.authors else "", self.short) if n)

    @property
    def count(self) -> int:
        return len(self.authors) + (2 if self.more else 0)


def parse_authors(authors: str) -> tuple[tuple[Author, ...], bool, str]:
    """An author list as printed ("Breuer, J., & Freud, S.") -> the authors, "et al.", a short name.

    Surname-comma-initials, as in the bibliography. A list without commas is one corporate
    author ("National Institute for Health and Care Excellence (NICE)"), whose short form
    in brackets may be cited instead of its name.
    """
    text = " ".join(authors.split())
    more = bool(_ET_AL_RE.search(text))
    text = _ET_AL_RE.sub("", text).strip().rstrip(",")
    if "," not in text:
        short_match = _CORPORATE_SHORT_RE.search(text)
        short = short_match.group(1).strip() if short_match else ""
        name = _CORPORATE_SHORT_RE.sub("", text).strip()
        return ((Author(name),) if name else ()), more, short
    found: list[Author] = []
    for token in (t.strip() for t in text.split(",")):
        token = re.sub(r"^(?:&|and)\s+", "", token).strip()
        if not token:
            continue
        if found and not found[-1].initials and _INITIALS_RE.match(token):
            found[-1] = Author(found[-1].surname, token)
        else:
            found.append(Author(token))
    return tuple(found), more, ""


@dataclass(frozen=True)
class Citation:
    """One linked span of text: [start, end) cites the work `key`."""

    start: int
    end: int
    key: str


def _name_pattern(names: Iterable[str]) -> str:
    """An alternation of names as they may be written: as printed, capitalised, without accents."""
    forms: set[str] = set()
    for name in names:
        plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        for form in (name, plain):
            forms.add(form)
            forms.add(form[:1].upper() + form[1:])
    ordered = sorted((f for f in forms if f), key=lambda f: (-len(f), f))
    return "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in ordered) or r"(?!)"


class CitationMatcher:
    """Finds the citations of a page's works in a text.

    A citation is the first author's surname (or a corporate author's short name), then
    optionally "et al." ("and colleagues") or the other authors joined by "&" or "and", then
    the year or years:
    "Freud, 1914" (as inside brackets: followed by ";", "," or ")") or "Freud (1914)" and
    "Freud's (1914)" (in running text). Years may carry a letter ("1914a") when the
    bibliography's do. A citation links only if exactly one of the works fits: first
    surname and year, and any initials or co-authors it names; "et al." or the number of
    names settles a tie. Anything else stays plain text.
    """

    def __init__(self, works: Sequence[Work | CitedWork], ampersands: Sequence[str] = ()):
        self.works = [w if isinstance(w, CitedWork) else CitedWork.from_work(w) for w in works]
        self.by_first: dict[str, list[CitedWork]] = {}
        for work in self.works:
            for name in work.first_names():
                self.by_first.setdefault(normalise_name(name), []).append(work)
        first = _name_pattern(n for w in self.works for n in w.first_names())
        anyone = _name_pattern(a.surname for w in self.works for a in w.authors)
        # `ampersands`: text that stands for "&" after Markdown has stashed an entity ("&amp;").
        amp = "|".join([r"&", r"\band\b", *map(re.escape, _AMP_ENTITIES), *map(re.escape, ampersands)])
        years = rf"{_YEAR}(?:\s*,\s*{_YEAR})*"
        self.pattern = re.compile(
            rf"(?<![\w'’\-])(?P<initials>(?:[A-Z]\.\s?)+\s*)?(?P<first>{first})(?![\w\-])(?!['’](?!s\b))"
            rf"(?P<more>\s+(?:et\s+al\b\.?|and\s+(?:colleagues|co-?workers)\b)"
            rf"|(?P<others>(?:\s*,\s*(?:{anyone}))*\s*,?\s*(?:{amp})\s*(?:{anyone}))(?:\s+et\s+al\b\.?)?)?"
            rf"(?:(?P<possessive>['’]s)?\s+\((?P<narrative>{years})(?=\s*[,;)])"
            rf"|(?:\s*,\s*|\s+)(?P<bracketed>{years})(?=\s*[,;)]|\s*$))"
        )
        self.anyone = re.compile(rf"(?<![\w'’\-])(?:{anyone})(?![\w\-])")
        self.after_name = re.compile(r"[A-Z][\w'’\-]*\.?\s*(?:,|&|\band)\s*$")
        self.years = re.compile(_YEAR)

    def find(self, text: str) -> list[Citation]:
        if not self.works:
            return []
        found: list[Citation] = []
        for match in self.pattern.finditer(text):
            if self.after_name.search(text, 0, match.start()):
                continue  # "Lemma, Target & Fonagy, 2011" cites Lemma's work, not Fonagy's
            others = [normalise_name(m.group(0)) for m in self.anyone.finditer(match.group("others") or "")]
            et_al = bool(re.search(r"\bet\s+al\b|\bcolleagues\b|\bco-?workers\b", match.group("more") or ""))
            initials = re.sub(r"[^A-Z]", "", match.group("initials") or "")
            group = "narrative" if match.group("narrative") is not None else "bracketed"
            spans = [
                (m.start() + match.start(group), m.end() + match.start(group), m.group(0))
                for m in self.years.finditer(match.group(group))
            ]
            whole = group == "narrative" and len(spans) == 1 and text[spans[0][1] : spans[0][1] + 1] == ")"
            for number, (start, end, year) in enumerate(spans):
                work = self.pick(normalise_name(match.group("first")), year, initials, others, et_al)
                if work is None:
                    continue
                if whole:
                    start, end = match.start(), end + 1  # "Grünbaum (1984)"
                elif group == "bracketed" and number == 0:
                    start = match.start()  # "Freud, 1914", then each further year on its own
                found.append(Citation(start, end, work.key))
        return found

    def pick(self, first: str, year: str, initials: str, others: list[str], et_al: bool) -> CitedWork | None:
        candidates = [w for w in self.by_first.get(first, []) if w.year == year]
        if initials:
            candidates = [w for w in candidates if re.sub(r"[^A-Z]", "", w.authors[0].initials).startswith(initials)]
        if others:
            candidates = [
                w for w in candidates if [normalise_name(a.surname) for a in w.authors[1 : 1 + len(others)]] == others
            ]
        if len(candidates) > 1:  # a tie: "et al." means three or more authors; otherwise the names given
            wanted: Callable[[int], bool] = (lambda n: n >= 3) if et_al else (lambda n: n == len(others) + 1)
            candidates = [w for w in candidates if wanted(w.count)] or candidates
        return candidates[0] if len(candidates) == 1 else None


def page_works(corpus: Corpus, kind: str, slug: str) -> tuple[Work, ...]:
    """The works an entry or article lists under `references` (those its reference list shows)."""
    source = corpus.entries.get(slug) if kind == "entry" else corpus.articles.get(slug) if kind == "article" else None
    if source is None:
        return ()
    return tuple(corpus.works[key] for key in dict.fromkeys(source.references) if key in corpus.works)


class PageState(Protocol):
    """What the citation linker reads of the page being rendered (the autolinker's state)."""

    @property
    def references(self) -> Sequence[Work]: ...


class CitationTreeprocessor(Treeprocessor):
    """Links the citations of the page being rendered to its reference list, and back.

    `state.references` holds the page's works. Only works whose reference item is in the
    document (an element with id ref-<key>) are linked, so every link has its target.
    Runs before MkDocs collects the page's ids, so its in-page anchor check sees ours.
    """

    def __init__(self, md: Markdown, state: PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        works = self.state.references
        if not works:
            return
        items = {
            (el.get("id") or "")[len(REF_PREFIX) :]: el for el in root.iter() if el.get("id", "").startswith(REF_PREFIX)
        }
        linkable = [w for w in works if w.key in items]
        if not linkable:
            return
        # Markdown has set entities aside by now: "&amp;" in generated text is a placeholder.
        stash = self.md.htmlStash
        ampersands = [
            stash.get_placeholder(i)
            for i, block in enumerate(stash.rawHtmlBlocks)
            if isinstance(block, str) and block.strip() in _AMP_ENTITIES
        ]
        self.matcher = CitationMatcher(linkable, ampersands)
        self.first: dict[str, etree.Element] = {}
        self.walk(root)
        for key, citation in self.first.items():
            citation.set("id", CITE_PREFIX + key)
            self.add_back_link(items[key], key)

    def walk(self, parent: etree.Element) -> None:
        rewrite_text(
            parent,
            self.link_text,
            lambda child: (
                child.tag not in SKIP_TAGS
                and "no-autolink" not in child.get("class", "").split()
                and not child.get("id", "").startswith(REF_PREFIX)
            ),
        )

    def link_text(self, text: str) -> tuple[str, list[etree.Element]]:
        spans = []
        for citation in self.matcher.find(text):
            anchor = etree.Element("a", {"href": f"#{REF_PREFIX}{citation.key}", "class": "citation"})
            self.first.setdefault(citation.key, anchor)
            spans.append((citation.start, citation.end, anchor))
        return wrap_spans(text, spans)

    @staticmethod
    def add_back_link(item: etree.Element, key: str) -> None:
        back = etree.Element("a", {"href": f"#{CITE_PREFIX}{key}", "class": "citation-back", "aria-label": BACK_LABEL})
        back.text = AtomicString(BACK_TEXT)
        if len(item):
            item[-1].tail = (item[-1].tail or "").rstrip() + " "
        else:
            item.text = (item.text or "").rstrip() + " "
        item.append(back)
