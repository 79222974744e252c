"""The bibliography for reference managers: RIS, BibTeX and CSL-JSON (Zotero, Mendeley, EndNote).

`content/bibliography.yaml` keeps each work as a reader sees it (authors as printed, a free-text
venue), which is right for the site but not what reference managers read. Here each work is
taken apart once, into names and into a journal, book or chapter when the venue has one of the
shapes APA uses; a venue of any other shape is kept whole as a note, so no detail is lost or
guessed. The three formats are written from that one reading, so they agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .index import work_order
from .model import Work

# "Surname, I., Surname, I., & Surname, I." (markup.py splits the same way for short lists).
_AUTHOR_SPLIT_RE = re.compile(r"(?<=\.),\s*(?:&\s*)?|,?\s+&\s+")
_SUFFIXES = {"Jr.", "Sr.", "II", "III", "IV"}
_EDITOR_RE = re.compile(r"\s*\((Eds?)\.\)\s*$")
# "Journal, 12(3), 45-67" with an optional "(note)"; the journal may hold commas itself.
_JOURNAL_RE = re.compile(
    r"^(?P<journal>[^()]+), (?P<volume>\d{1,3})(?:\((?P<issue>[^)]*)\))?"
    r"(?:, (?P<pages>[A-Za-z]?\d+(?:-[A-Za-z]?\d+)?))?(?: \((?P<note>[^)]*)\))?$"
)
# "Place: Publisher" or "Place, ST, Publisher", with an optional "(note)". A place is a few
# capitalised words and a publisher starts with a capital and holds no digits, so neither
# "NICE guideline, published 2022" nor "Cochrane Database of Systematic Reviews, Art. No. 1" is a book.
_BOOK_RE = re.compile(
    r"^(?P<place>[A-Z][\w.]*(?: (?:and )?[A-Z][\w.]*){0,3}(?:, [A-Z]{2})?)(?::|,) "
    r"(?P<publisher>[A-ZÀ-Ý][^,:;()\d]*?)"
    r"(?: \((?P<note>.*)\))?$"
)
# "In A. Editor & B. Editor (Eds.), Book title. Place: Publisher"
_CHAPTER_RE = re.compile(
    r"^In (?P<editors>.+?) \(Eds?\.\), (?P<book>[^()]+?)(?: \((?P<booknote>[^)]*)\))?"
    r"(?:\. (?P<rest>.+))?$"
)


@dataclass
class Name:
    family: str = ""
    given: str = ""
    suffix: str = ""
    literal: str = ""  # an organisation, kept whole


@dataclass
class Record:
    """One work as reference managers want it."""

    work: Work
    kind: str  # "article", "book", "chapter" or "misc"
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)  # "Davanloo, H. (Ed.)": the work is edited
    et_al: bool = False  # the list of names was cut short
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    place: str = ""
    publisher: str = ""
    booktitle: str = ""
    book_editors: str = ""  # as printed, for chapters
    note: str = ""


def split_names(authors: str) -> tuple[list[Name], bool, bool]:
    """Names, whether they are editors, and whether the list ends in 'et al.'."""
    text = " ".join(authors.split())
    editors = bool(_EDITOR_RE.search(text))
    text = _EDITOR_RE.sub("", text)
    parts = [p.strip().rstrip(",") for p in _AUTHOR_SPLIT_RE.split(text) if p and p.strip(" ,")]
    et_al = bool(parts) and parts[-1].lower() in ("et al.", "et al")
    if et_al:
        parts.pop()
    names: list[Name] = []
    for part in parts:
        if part in _SUFFIXES and names and not names[-1].literal:
            names[-1].suffix = part  # "Kivlighan, D. M., Jr.": the split leaves "Jr." on its own
        elif part.count(",") == 1:
            family, given = (s.strip() for s in part.split(","))
            names.append(Name(family=family, given=given))
        else:
            names.append(Name(literal=part))
    return names, editors, et_al


def read_work(work: Work) -> Record:
    """A work taken apart: names, and the venue's journal, book or chapter details when it has them."""
    names, edited, et_al = split_names(work.authors)
    record = Record(work, "misc", et_al=et_al)
    if edited:
        record.editors = names
    else:
        record.authors = names
    venue = " ".join(work.venue.split())
    if match := _JOURNAL_RE.match(venue):
        record.kind = "article"
        record.journal, record.volume = match["journal"], match["volume"]
        record.issue, record.pages, record.note = match["issue"] or "", match["pages"] or "", match["note"] or ""
    elif match := _CHAPTER_RE.match(venue):
        record.kind = "chapter"
        record.book_editors, record.booktitle = match["editors"], match["book"]
        rest = match["rest"] or ""
        notes = [match["booknote"] or ""]
        if rest and (book := _BOOK_RE.match(rest)):
            record.place, record.publisher = book["place"], book["publisher"]
            notes.append(book["note"] or "")
        else:
            notes.append(rest)
        record.note = "; ".join(n for n in notes if n)
    elif match := _BOOK_RE.match(venue):
        record.kind = "book"
        record.place, record.publisher, record.note = match["place"], match["publisher"], match["note"] or ""
    elif work.doi and venue:
        # A DOI with a bare venue ("British Journal of Psychiatry") is a journal article.
        record.kind, record.journal = "article", venue
    else:
        record.note = venue
    if work.note:
        record.note = "; ".join(n for n in (record.note, work.note) if n)
    return record


def read_bibliography(works: dict[str, Work]) -> list[Record]:
    """Every work, in the bibliography page's order."""
    return [read_work(w) for w in sorted(works.values(), key=work_order)]


def _ris_name(name: Name) -> str:
    return name.literal or ", ".join(p for p in (name.family, name.given, name.suffix) if p)


RIS_TYPES = {"article": "JOUR", "book": "BOOK", "chapter": "CHAP", "misc": "GEN"}


def write_ris(records: list[Record], source: str) -> str:
    """RIS, one record per work. RIS has no comments: each record names its source and the
    licence in DB (the database it came from), which Zotero keeps as the library catalogue."""
    out = []
    for r in records:
        w = r.work
        lines = [("TY", RIS_TYPES[r.kind]), ("ID", w.key)]
        lines += [("AU", _ris_name(n)) for n in r.authors]
        lines += [("ED", _ris_name(n)) for n in r.editors]
        if r.et_al:
            lines.append(("N1", "The author list is cut short (et al.)."))
        lines += [("TI", w.title), ("PY", str(w.year))]
        if r.kind == "article":
            lines += [("JO", r.journal), ("VL", r.volume), ("IS", r.issue)]
            start, _, end = r.pages.partition("-")
            lines += [("SP", start), ("EP", end)]
        if r.kind == "chapter":
            lines += [("T2", r.booktitle), ("N1", f"Edited by {r.book_editors}")]
        lines += [
            ("CY", r.place),
            ("PB", r.publisher),
            ("N1", r.note),
            ("DO", w.doi),
            ("UR", f"https://doi.org/{w.doi}" if w.doi else w.url),
            ("DB", source),
        ]
        out += [f"{tag}  - {' '.join(str(value).split())}" for tag, value in lines if value]
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)


_BIBTEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def bibtex_escape(text: str) -> str:
    """Text for a BibTeX field: LaTeX's special characters escaped. Accented letters stay as
    UTF-8, which BibLaTeX, Zotero, Mendeley and JabRef read."""
    return " ".join(str(text).split()).translate(_BIBTEX_ESCAPES)


def _bibtex_name(name: Name) -> str:
    if name.literal:
        return "{" + bibtex_escape(name.literal) + "}"  # braces keep an organisation one name
    parts = [name.family, name.suffix, name.given] if name.suffix else [name.family, name.given]
    return ", ".join(bibtex_escape(p) for p in parts if p)


def _bibtex_names(names: list[Name], et_al: bool) -> str:
    return " and ".join([_bibtex_name(n) for n in names] + (["others"] if et_al else []))


BIBTEX_TYPES = {"article": "article", "book": "book", "chapter": "incollection", "misc": "misc"}


def write_bibtex(records: list[Record], header: str) -> str:
    """BibTeX, keyed by the works' ids. Text outside entries is a comment to BibTeX."""
    out = ["".join(f"% {line}\n" for line in header.splitlines())]
    for r in records:
        w = r.work
        fields: list[tuple[str, str]] = []
        if r.authors:
            fields.append(("author", _bibtex_names(r.authors, r.et_al)))
        if r.editors:
            fields.append(("editor", _bibtex_names(r.editors, r.et_al)))
        # Double braces: the titles are already in the case they should print in.
        fields += [("title", "{" + bibtex_escape(w.title) + "}"), ("year", str(w.year))]
        if r.kind == "article":
            fields += [
                ("journal", bibtex_escape(r.journal)),
                ("volume", r.volume),
                ("number", bibtex_escape(r.issue)),
                ("pages", r.pages.replace("-", "--")),
            ]
        if r.kind == "chapter":
            fields += [
                ("booktitle", bibtex_escape(r.booktitle)),
                ("editor", bibtex_escape(r.book_editors.replace(" & ", " and "))),
            ]
        fields += [("address", bibtex_escape(r.place)), ("publisher", bibtex_escape(r.publisher))]
        fields.append(("howpublished" if r.kind == "misc" else "note", bibtex_escape(r.note)))
        # DOI and URL are verbatim fields: escaping would change them.
        fields += [("doi", w.doi.replace("{", "").replace("}", "")), ("url", w.url.replace("{", "").replace("}", ""))]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        out.append(f"@{BIBTEX_TYPES[r.kind]}{{{w.key},\n{body}\n}}\n")
    return "\n".join(out)


def _csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {k: v for k, v in (("family", name.family), ("given", name.given), ("suffix", name.suffix)) if v}


CSL_TYPES = {"article": "article-journal", "book": "book", "chapter": "chapter", "misc": "document"}


def csl_item(r: Record, source: dict[str, str]) -> dict[str, object]:
    w = r.work
    item: dict[str, object] = {
        "id": w.key,
        "type": CSL_TYPES[r.kind],
        "title": w.title,
        "issued": {"date-parts": [[w.year]]},
    }
    if r.authors:
        item["author"] = [_csl_name(n) for n in r.authors]
    if r.editors:
        item["editor"] = [_csl_name(n) for n in r.editors]
    values = {
        "container-title": r.journal or r.booktitle,
        "volume": r.volume,
        "issue": r.issue,
        "page": r.pages,
        "publisher": r.publisher,
        "publisher-place": r.place,
        "note": "; ".join(
            n
            for n in (r.note, "et al." if r.et_al else "", f"Edited by {r.book_editors}" if r.book_editors else "")
            if n
        ),
        "DOI": w.doi,
        "URL": f"https://doi.org/{w.doi}" if w.doi else w.url,
    }
    item |= {k: v for k, v in values.items() if v}
    # CSL's own place for data that has no variable: where the record comes from, under what licence.
    item["custom"] = dict(source)
    return item


def write_csl_json(records: list[Record], source: dict[str, str]) -> str:
    return json.dumps([csl_item(r, source) for r in records], indent=1, ensure_ascii=False) + "\n"
