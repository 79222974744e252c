"""Stage 5, generate (downloads): the glossary in the formats trainers' tools import, and the
"For trainers: downloads" page that lists them.

Moodle (glossary XML, GIFT quiz questions), Anki (.apkg), Quizlet and spreadsheets (CSV, TSV),
and reference managers (RIS, BibTeX, CSL-JSON, from bibexport.py). Every file comes from the
same finished index as the pages, at a fixed address, and names the text's licence. Nothing
here is fetched from elsewhere: the files are built with the site and served with it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import re
import sqlite3
import tempfile
import zipfile
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from .bibexport import read_bibliography, write_bibtex, write_csl_json, write_ris
from .export import EXPORT_URI, LICENCE, absolute, content_version
from .index import CATEGORIES, LEVELS, Index
from .markup import escape_text, front_matter
from .model import Entry, GeneratedPage
from .urls import BIBLIOGRAPHY_URI, entry_uri, link

DOWNLOADS_URI = "downloads.md"
MOODLE_URI = "downloads/glossary-moodle.xml"
GIFT_URI = "downloads/glossary-quiz.gift.txt"
ANKI_URI = "downloads/glossary.apkg"
CSV_URI = "downloads/glossary.csv"
TSV_URI = "downloads/glossary.tsv"
RIS_URI = "downloads/bibliography.ris"
BIBTEX_URI = "downloads/bibliography.bib"
CSL_URI = "downloads/bibliography.json"
DEFAULT_NAME = "Psychodynamic Psychotherapy Glossary"


def generate_downloads(index: Index, site_name: str = "", site_url: str = "") -> list[GeneratedPage]:
    """Every download, and the page that lists them."""
    name = site_name or DEFAULT_NAME
    version, _ = content_version(index)
    records = read_bibliography(index.corpus.works)
    credit = f"{name} ({site_url or 'see the site'}), {LICENCE['name']} {LICENCE['url']}"
    return [
        GeneratedPage(MOODLE_URI, write_moodle_glossary(index, name, site_url, version)),
        GeneratedPage(GIFT_URI, write_gift(index, name, site_url, version)),
        GeneratedPage(ANKI_URI, write_anki_deck(index, name, site_url, version)),
        GeneratedPage(CSV_URI, write_term_table(index, name, site_url, ",")),
        GeneratedPage(TSV_URI, write_term_table(index, name, site_url, "\t")),
        GeneratedPage(RIS_URI, write_ris(records, f"{name} bibliography; this list {LICENCE['name']}")),
        GeneratedPage(
            BIBTEX_URI,
            write_bibtex(
                records, f"Every work cited by {credit}.\nVersion {version}. UTF-8; the keys are the site's work ids."
            ),
        ),
        GeneratedPage(
            CSL_URI,
            write_csl_json(records, {"source": f"{name} bibliography", "version": version, "license": LICENCE["url"]}),
        ),
        render_downloads_page(index, name),
    ]


def _entry_address(entry: Entry, site_url: str) -> str:
    return absolute(site_url, entry_uri(entry.slug))


def _attribution_html(entry: Entry, site_name: str, site_url: str) -> str:
    """'From <the entry> in <site>, CC BY 4.0': the credit the licence asks for, on every item."""
    title = escape(entry.title)
    source = f'<a href="{escape(_entry_address(entry, site_url))}">{title}</a>' if site_url else title
    return f'From {source} in {escape(site_name)}. Licence: <a href="{LICENCE["url"]}">{LICENCE["name"]}</a>.'


# --- Moodle glossary -------------------------------------------------------------------------
# Moodle's own export (mod/glossary/lib.php, glossary_generate_export_file): upper-case tags, the
# definition as escaped HTML text, FORMAT 1 meaning HTML, aliases as ALIAS > NAME (Moodle's
# "keywords"). Import reads GLOSSARY > INFO > ENTRIES > ENTRY.


def _tag(name: str, value: object, depth: int) -> str:
    return f"{'  ' * depth}<{name}>{xml_escape(str(value), {chr(34): '&quot;'})}</{name}>\n"


def definition_html(entry: Entry, site_name: str, site_url: str) -> str:
    """The summary, the key points and the credit, as the HTML of a Moodle definition."""
    html = f"<p>{escape(entry.summary, quote=False)}</p>"
    if entry.key_points:
        html += (
            "<p><strong>Key points</strong></p><ul>"
            + "".join(f"<li>{escape(p, quote=False)}</li>" for p in entry.key_points)
            + "</ul>"
        )
    return html + f"<p>{_attribution_html(entry, site_name, site_url)}</p>"


def write_moodle_glossary(index: Index, site_name: str, site_url: str, version: str) -> str:
    intro = (
        f"<p>The {escape(site_name)}: {len(index.entries)} terms, version {version}. "
        f'Licence: <a href="{LICENCE["url"]}">{LICENCE["name"]}</a>; reuse it with credit.</p>'
    )
    comment = f"{site_name}, version {version}. Licence: {LICENCE['name']} {LICENCE['url']}".replace("--", "- -")
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', f"<!-- {comment} -->\n", "<GLOSSARY>\n", "  <INFO>\n"]
    out += [
        _tag(k, v, 2)
        for k, v in [
            ("NAME", site_name),
            ("INTRO", intro),
            ("INTROFORMAT", 1),
            ("ALLOWDUPLICATEDENTRIES", 0),
            ("DISPLAYFORMAT", "dictionary"),
            ("SHOWSPECIAL", 1),
            ("SHOWALPHABET", 1),
            ("SHOWALL", 1),
            ("ALLOWCOMMENTS", 0),
            ("USEDYNALINK", 1),
            ("DEFAULTAPPROVAL", 1),
            ("GLOBALGLOSSARY", 0),
            ("ENTBYPAGE", 10),
        ]
    ]
    out.append("    <ENTRIES>\n")
    for entry in index.entries:
        out.append("      <ENTRY>\n")
        # Auto-linking matches whole words, ignoring case: the site links terms the same way.
        out += [
            _tag(k, v, 4)
            for k, v in [
                ("CONCEPT", entry.title),
                ("DEFINITION", definition_html(entry, site_name, site_url)),
                ("FORMAT", 1),
                ("USEDYNALINK", 1),
                ("CASESENSITIVE", 0),
                ("FULLMATCH", 1),
                ("TEACHERENTRY", 1),
            ]
        ]
        if entry.aliases:
            out.append("        <ALIASES>\n")
            out += [f"          <ALIAS>\n{_tag('NAME', alias, 6)}          </ALIAS>\n" for alias in entry.aliases]
            out.append("        </ALIASES>\n")
        category = CATEGORIES.get(entry.category, (entry.category, ""))[0]
        out.append(
            f"        <CATEGORIES>\n          <CATEGORY>\n{_tag('NAME', category, 6)}{_tag('USEDYNALINK', 0, 6)}"
            "          </CATEGORY>\n        </CATEGORIES>\n"
        )
        out.append(f"        <TAGS>\n{_tag('TAG', LEVELS.get(entry.level, entry.level), 5)}        </TAGS>\n")
        out.append("      </ENTRY>\n")
    out += ["    </ENTRIES>\n", "  </INFO>\n", "</GLOSSARY>\n"]
    return "".join(out)


# --- GIFT quiz questions ---------------------------------------------------------------------
# Moodle's GIFT reader (question/format/gift/format.php) treats ~ = # { } : as syntax unless
# escaped with a backslash, reads \\ as a backslash and \n as a new line; a blank line ends a
# question. "[plain]" fixes the text format, so a statement starting with '[' is not read as one.

_GIFT_ESCAPES = str.maketrans(
    {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""}
)


def gift_escape(text: str) -> str:
    return str(text).strip().translate(_GIFT_ESCAPES)


def write_gift(index: Index, site_name: str, site_url: str, version: str) -> str:
    """Each misconception as a true/false item (the statement is false; the correction is the
    feedback, whatever the answer), each self-check question as an essay item with the model
    answer as general feedback. One question category per glossary category."""
    out = [
        f"// {site_name}: quiz questions in Moodle's GIFT format, version {version}.",
        f"// Licence: {LICENCE['name']} ({LICENCE['url']}). Credit: {site_name}{', ' + site_url if site_url else ''}.",
        "// Import: Question bank > Import > GIFT format.",
        "",
    ]
    for slug, (heading, _) in CATEGORIES.items():
        entries = index.by_category.get(slug, [])
        if not any(e.misconceptions or e.questions for e in entries):
            continue
        out += [f"$CATEGORY: {site_name.replace('/', '-')}/{heading.replace('/', '-')}", ""]
        for entry in entries:
            credit = f" (From {entry.title}, {site_name}, {LICENCE['name']}.)"
            for number, m in enumerate(entry.misconceptions, 1):
                feedback = gift_escape(m.correction + credit)
                out += [
                    f"::{gift_escape(entry.title)}: misconception {number}::[plain]{gift_escape(m.misconception)}"
                    f"{{FALSE#{feedback}#{feedback}}}",
                    "",
                ]
            for number, q in enumerate(entry.questions, 1):
                out += [
                    f"::{gift_escape(entry.title)}: question {number}::[plain]{gift_escape(q.question)}"
                    f"{{####{gift_escape(q.answer + credit)}}}",
                    "",
                ]
    return "\n".join(out)


# --- Anki deck -------------------------------------------------------------------------------
# Anki matches notes on import by their guid, and note types and decks by id: all are derived
# from fixed names and slugs, so importing a newer deck updates the cards instead of adding copies.


def stable_id(name: str) -> int:
    """An id in the range Anki's own ids use, the same for the same name on every build."""
    return (1 << 30) + int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big") % (1 << 30)


def mask_terms(text: str, names: list[str], mask: str = "[…]") -> str:
    """The text with every name of the term (whole words, any case, plural too) replaced, so a
    definition does not give its own term away."""
    names = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    if not names:
        return text
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?:e?s)?(?!\w)", re.IGNORECASE)
    return pattern.sub(mask, text)


_CARD_CSS = (
    ".card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; max-width: 40em; "
    "margin: 1em auto; } .term { font-weight: bold; } .aliases, .source { font-size: 14px; color: #555; }"
)


def _models():
    import genanki  # imported here: only the build needs it, not the check

    term = genanki.Model(
        stable_id("psychodynamic-glossary/note-type/term"),
        "Psychodynamic glossary: term",
        fields=[{"name": "Term"}, {"name": "Also called"}, {"name": "Definition"}, {"name": "Source"}],
        templates=[
            {
                "name": "Definition → term",
                "qfmt": "<p>Which term is this?</p><div>{{Definition}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer><div class=term>{{Term}}</div>"
                "{{#Also called}}<div class=aliases>Also called: {{Also called}}</div>{{/Also called}}"
                "<div class=source>{{Source}}</div>",
            },
            {
                "name": "Term → definition",
                "qfmt": "<div class=term>{{Term}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer><div>{{Definition}}</div><div class=source>{{Source}}</div>",
            },
        ],
        css=_CARD_CSS,
        sort_field_index=0,
    )
    question = genanki.Model(
        stable_id("psychodynamic-glossary/note-type/question"),
        "Psychodynamic glossary: question",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Term"}, {"name": "Source"}],
        templates=[
            {
                "name": "Question → answer",
                "qfmt": "<div class=aliases>{{Term}}</div><div>{{Question}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer><div>{{Answer}}</div><div class=source>{{Source}}</div>",
            }
        ],
        css=_CARD_CSS,
    )
    return term, question


def _text(text: str) -> str:
    """Plain text as the HTML of an Anki field."""
    return escape(text, quote=False)


def build_anki_deck(index: Index, site_name: str, site_url: str):
    import genanki

    term_model, question_model = _models()
    description = (
        f"{escape(site_name)}: a card for every term (its definition with the term masked) and for every "
        f'self-check question. Licence: <a href="{LICENCE["url"]}">{LICENCE["name"]}</a>; reuse with credit.'
    )
    deck = genanki.Deck(stable_id("psychodynamic-glossary/deck"), site_name, description=description)
    for entry in index.entries:
        source = _attribution_html(entry, site_name, site_url)
        tags = [f"category::{entry.category}", f"level::{entry.level}"]
        masked = _text(mask_terms(entry.summary, [entry.title, *entry.aliases]))
        deck.add_note(
            genanki.Note(
                term_model,
                [_text(entry.title), _text(", ".join(entry.aliases)), masked, source],
                tags=tags,
                guid=genanki.guid_for("psychodynamic-glossary", "term", entry.slug),
            )
        )
        for number, q in enumerate(entry.questions):
            deck.add_note(
                genanki.Note(
                    question_model,
                    [_text(q.question), _text(q.answer), _text(entry.title), source],
                    tags=tags,
                    guid=genanki.guid_for("psychodynamic-glossary", "question", entry.slug, number),
                )
            )
    return deck


def write_anki_deck(index: Index, site_name: str, site_url: str, version: str) -> bytes:
    """The .apkg file: a zip holding the SQLite collection and an empty media list.

    genanki's own writer stamps the cards with the time of the build and leaves its database in
    the system's temporary folder; this one stamps them with the content's version and cleans up,
    so the same content gives the same file.
    """
    import genanki

    timestamp = dt.datetime.combine(dt.date.fromisoformat(version), dt.time(), dt.timezone.utc).timestamp()
    package = genanki.Package(build_anki_deck(index, site_name, site_url))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        collection = path.read_bytes()
    buffer = io.BytesIO()
    stamp = dt.date.fromisoformat(version).timetuple()[:3] + (0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("collection.anki2", stamp), collection, zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("media", stamp), "{}", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# --- CSV and TSV -----------------------------------------------------------------------------

TABLE_HEADER = ["Term", "Definition", "Level", "Source", "Licence"]


def write_term_table(index: Index, site_name: str, site_url: str, delimiter: str) -> str:
    """Term, definition and level, with each row's source and licence (CC BY asks for credit).

    CSV is RFC 4180 (with newline line ends, which every reader takes) and a byte-order mark, so
    spreadsheet programs read the accents right.
    TSV has no quoting at all, as Quizlet's import expects: tabs and line breaks in the text
    become spaces.
    """
    rows = [TABLE_HEADER] + [
        [
            e.title,
            e.summary,
            LEVELS.get(e.level, e.level),
            _entry_address(e, site_url),
            f"{LICENCE['name']} {LICENCE['url']}",
        ]
        for e in index.entries
    ]
    if delimiter == "\t":
        return "".join("\t".join(" ".join(str(cell).split()) for cell in row) + "\n" for row in rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return "\ufeff" + buffer.getvalue()


# --- The page --------------------------------------------------------------------------------


def render_downloads_page(index: Index, site_name: str) -> GeneratedPage:
    """What each file is and how to import it, with the licence."""
    here = DOWNLOADS_URI
    corpus = index.corpus
    misconceptions = sum(len(e.misconceptions) for e in index.entries)
    questions = sum(len(e.questions) for e in index.entries)
    works = len(corpus.works)

    def count(number: int, noun: str) -> str:
        return f"{number} {noun}" + ("" if number == 1 else "s")

    def item(uri: str, label: str, what: str, how: str) -> str:
        return f"- [{label}]({link(here, uri)}): {what}  \n  *How to import:* {how}"

    out = [
        front_matter(
            {
                "title": "For trainers: downloads",
                "autolink": False,
                "description": "The glossary for Moodle, Anki, Quizlet, spreadsheets and reference managers.",
            }
        ),
        "# For trainers: downloads\n",
        f"The glossary's {count(len(index.entries), 'term')}, {count(misconceptions, 'misconception')}, "
        f"{count(questions, 'self-check question')} and {count(works, 'work')}, in files your teaching tools "
        "can import. They are built with the site, so they always match it, and they are served from this "
        "site: nothing is fetched from anywhere else.\n",
        f"**Licence.** The text is licensed under [{LICENCE['name']}]({LICENCE['url']}): you may copy, adapt and "
        f'share it, including in a course, if you credit "{escape_text(site_name)}" and link to the site. '
        "Each file says so too.\n",
        "## For Moodle\n",
        item(
            MOODLE_URI,
            "Moodle glossary (XML)",
            "every term with its definition, key points and a link to its page; other names as keywords "
            "(aliases), the category, and the level as a tag.",
            "in a Glossary activity, **Import entries**, choose the file, and pick the current glossary or a new one.",
        ),
        item(
            GIFT_URI,
            "Moodle quiz questions (GIFT)",
            f"{count(misconceptions, 'true/false item')}, one per common misconception (the statement is "
            f"false; the correction is the feedback), and {count(questions, 'essay item')}, one per self-check "
            "question (the model answer is the general feedback), in one question category per glossary category.",
            "in a course's **Question bank**, **Import**, choose **GIFT format**, then the file.",
        ),
        "",
        "## For flashcards and spreadsheets\n",
        item(
            ANKI_URI,
            "Anki deck (.apkg)",
            "a note for every term, with two cards (definition to term, term to definition; the term is "
            "hidden in its definition), and a card for every self-check question. Importing a newer copy "
            "updates the cards you have instead of adding copies.",
            "in Anki, **File → Import**, and choose the file.",
        ),
        item(
            CSV_URI,
            "Terms and definitions (CSV)",
            "term, definition, level, the entry's address and the licence, one row per term, with a header "
            "row (UTF-8).",
            "open it in a spreadsheet program.",
        ),
        item(
            TSV_URI,
            "Terms and definitions (TSV, for Quizlet)",
            "the same table separated by tabs.",
            "in Quizlet, create a set and choose **Import** (from Word, Excel, Google Docs and other files); "
            "paste the Term and Definition columns without the header row, with **Tab** between term and "
            "definition and **New line** between cards.",
        ),
        "",
        "## For reference managers\n",
        f"Every work in the [bibliography]({link(here, BIBLIOGRAPHY_URI)}), keyed by the site's ids.\n",
        item(
            RIS_URI,
            "RIS",
            "for Zotero, Mendeley and EndNote.",
            "Zotero: **File → Import**; Mendeley: **File → Import → RIS**; EndNote: **File → Import**, "
            "import option **Reference Manager (RIS)**.",
        ),
        item(
            BIBTEX_URI,
            "BibTeX",
            "for LaTeX, JabRef and Zotero (UTF-8).",
            "Zotero: **File → Import**; Mendeley: **File → Import → BibTeX**; LaTeX: add it to your `.bib` files.",
        ),
        item(
            CSL_URI,
            "CSL-JSON",
            "for Zotero and citation processors (Pandoc, citeproc).",
            "Zotero: **File → Import**; Pandoc: `--bibliography bibliography.json`.",
        ),
        "",
        "## For programs\n",
        item(
            EXPORT_URI,
            "glossary.json",
            "every entry in full: the body (Markdown), key points, misconceptions, questions with answers, "
            "formatted references, former addresses, the licence and the version. Its JSON Schema is at "
            "`schemas/glossary-export.schema.json`.",
            "read it with any JSON library.",
        ),
        "",
    ]
    return GeneratedPage(here, "\n".join(out))
