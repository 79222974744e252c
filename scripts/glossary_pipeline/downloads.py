"""Stage 5, generate (downloads): the glossary in the formats trainers' tools import, and the
"For trainers: downloads" page that lists them.

Moodle (glossary XML, GIFT quiz questions), Anki (.apkg), Quizlet and spreadsheets (CSV, TSV),
and reference managers (RIS, BibTeX, CSL-JSON, from bibexport.py). Every file comes from the
same finished index as the pages, at a fixed address, and names the text's licence. Nothing
here is fetched from elsewhere: the files are built with the site and served with it.
"""

from __future__ import annotations

import csv
import io

from .anki import write_anki_deck
from .bibexport import read_bibliography, write_bibtex, write_csl_json, write_ris
from .export import LICENCE, content_version, entry_address
from .index import LEVELS, Index
from .markup import escape_text, front_matter
from .model import GeneratedPage
from .moodle import write_gift, write_moodle_glossary
from .urls import (
    ANKI_URI,
    BIBLIOGRAPHY_URI,
    BIBTEX_URI,
    CSL_URI,
    CSV_URI,
    DOWNLOADS_URI,
    EXPORT_SCHEMA_URI,
    EXPORT_URI,
    GIFT_URI,
    MOODLE_URI,
    RIS_URI,
    TSV_URI,
    link,
)

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
            entry_address(e, site_url),
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
    misconceptions = sum(len(e.misconceptions) for e in index.entries)
    questions = sum(len(e.questions) for e in index.entries)
    out = [
        front_matter(
            {
                "title": "For trainers: downloads",
                "autolink": False,
                "description": "The glossary for Moodle, Anki, Quizlet, spreadsheets and reference managers.",
            }
        ),
        "# For trainers: downloads\n",
        f"The glossary's {_count(len(index.entries), 'term')}, {_count(misconceptions, 'misconception')}, "
        f"{_count(questions, 'self-check question')} and {_count(len(index.corpus.works), 'work')}, in files your "
        "teaching tools can import. They are built with the site, so they always match it, and they are served "
        "from this site: nothing is fetched from anywhere else.\n",
        f"**Licence.** The text is licensed under [{LICENCE['name']}]({LICENCE['url']}): you may copy, adapt and "
        f'share it, including in a course, if you credit "{escape_text(site_name)}" and link to the site. '
        "Each file says so too.\n",
        *_moodle_items(misconceptions, questions),
        *_flashcard_items(),
        *_reference_items(),
        *_program_items(),
    ]
    return GeneratedPage(DOWNLOADS_URI, "\n".join(out))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _item(uri: str, label: str, what: str, how: str) -> str:
    """One file on the downloads page: what it holds and how to import it."""
    return f"- [{label}]({link(DOWNLOADS_URI, uri)}): {what}  \n  *How to import:* {how}"


def _moodle_items(misconceptions: int, questions: int) -> list[str]:
    return [
        "## For Moodle\n",
        _item(
            MOODLE_URI,
            "Moodle glossary (XML)",
            "every term with its definition, key points and a link to its page; other names as keywords "
            "(aliases), the category, and the level as a tag.",
            "in a Glossary activity, **Import entries**, choose the file, and pick the current glossary or a new one.",
        ),
        _item(
            GIFT_URI,
            "Moodle quiz questions (GIFT)",
            f"{_count(misconceptions, 'true/false item')}, one per common misconception (the statement is "
            f"false; the correction is the feedback), and {_count(questions, 'essay item')}, one per self-check "
            "question (the model answer is the general feedback), in one question category per glossary category.",
            "in a course's **Question bank**, **Import**, choose **GIFT format**, then the file.",
        ),
        "",
    ]


def _flashcard_items() -> list[str]:
    return [
        "## For flashcards and spreadsheets\n",
        _item(
            ANKI_URI,
            "Anki deck (.apkg)",
            "a note for every term, with two cards (definition to term, term to definition; the term is "
            "hidden in its definition), and a card for every self-check question. Importing a newer copy "
            "updates the cards you have instead of adding copies.",
            "in Anki, **File → Import**, and choose the file.",
        ),
        _item(
            CSV_URI,
            "Terms and definitions (CSV)",
            "term, definition, level, the entry's address and the licence, one row per term, with a header "
            "row (UTF-8).",
            "open it in a spreadsheet program.",
        ),
        _item(
            TSV_URI,
            "Terms and definitions (TSV, for Quizlet)",
            "the same table separated by tabs.",
            "in Quizlet, create a set and choose **Import** (from Word, Excel, Google Docs and other files); "
            "paste the Term and Definition columns without the header row, with **Tab** between term and "
            "definition and **New line** between cards.",
        ),
        "",
    ]


def _reference_items() -> list[str]:
    return [
        "## For reference managers\n",
        f"Every work in the [bibliography]({link(DOWNLOADS_URI, BIBLIOGRAPHY_URI)}), keyed by the site's ids.\n",
        _item(
            RIS_URI,
            "RIS",
            "for Zotero, Mendeley and EndNote.",
            "Zotero: **File → Import**; Mendeley: **File → Import → RIS**; EndNote: **File → Import**, "
            "import option **Reference Manager (RIS)**.",
        ),
        _item(
            BIBTEX_URI,
            "BibTeX",
            "for LaTeX, JabRef and Zotero (UTF-8).",
            "Zotero: **File → Import**; Mendeley: **File → Import → BibTeX**; LaTeX: add it to your `.bib` files.",
        ),
        _item(
            CSL_URI,
            "CSL-JSON",
            "for Zotero and citation processors (Pandoc, citeproc).",
            f"Zotero: **File → Import**; Pandoc: `--bibliography {CSL_URI.rpartition('/')[2]}`.",
        ),
        "",
    ]


def _program_items() -> list[str]:
    return [
        "## For programs\n",
        _item(
            EXPORT_URI,
            "glossary.json",
            "every entry in full: the body (Markdown), key points, misconceptions, questions with answers, "
            "formatted references, former addresses, the licence and the version. Its JSON Schema is at "
            f"`{EXPORT_SCHEMA_URI}`.",
            "read it with any JSON library.",
        ),
        "",
    ]
