"""The downloads for trainers: each file read back by the rules of its format (and, where one
exists, by the library its users' tools are built on), against the content it came from."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossary_pipeline.bibexport import bibtex_escape, read_bibliography, read_work, split_names, write_bibtex
from glossary_pipeline.anki import mask_terms
from glossary_pipeline.moodle import gift_escape
from glossary_pipeline.urls import (
    ANKI_URI,
    BIBTEX_URI,
    CSL_URI,
    CSV_URI,
    DOWNLOADS_URI,
    GIFT_URI,
    MOODLE_URI,
    RIS_URI,
    TSV_URI,
)
from glossary_pipeline.export import EXPORT_SCHEMA, LICENCE
from glossary_pipeline.model import Work
from glossary_pipeline.pipeline import build_project
from helpers import assemble, FIXTURES, ROOT

SITE = "https://glossary.example.org/"
FILES = [MOODLE_URI, GIFT_URI, ANKI_URI, CSV_URI, TSV_URI, RIS_URI, BIBTEX_URI, CSL_URI]


@pytest.fixture(scope="module")
def real():
    """The real content, built once: (pages by address, the corpus)."""
    result = build_project(ROOT, "Psychodynamic Psychotherapy Glossary", SITE)
    assert not result.errors
    return {p.src_uri: p.content for p in result.pages}, result.corpus


def _small_build(target: Path) -> dict:
    project = assemble(target, FIXTURES / "base", FIXTURES / "site")
    return {p.src_uri: p.content for p in build_project(project, "Test glossary", SITE).pages}


# --- Moodle glossary -------------------------------------------------------------------------


def _shape(element: ET.Element, path: str = "") -> dict[str, set[tuple[str, ...]]]:
    """For each element path, the sequences of child tags it has (repeats collapsed)."""
    here = f"{path}/{element.tag}"
    children = tuple(dict.fromkeys(child.tag for child in element))
    shapes = {here: {children}}
    for child in element:
        for key, value in _shape(child, here).items():
            shapes.setdefault(key, set()).update(value)
    return shapes


def _in_order(sequence: tuple[str, ...], reference: tuple[str, ...]) -> bool:
    return all(tag in reference for tag in sequence) and [reference.index(t) for t in sequence] == sorted(
        reference.index(t) for t in sequence
    )


def test_moodle_glossary_has_the_shape_of_moodles_own_export(real):
    pages, corpus = real
    reference = _shape(ET.parse(FIXTURES / "moodle" / "glossary-export.xml").getroot())
    root = ET.fromstring(pages[MOODLE_URI].encode())
    generated = _shape(root)
    full = {path: max(shapes, key=len) for path, shapes in reference.items()}
    for path, shapes in generated.items():
        assert path in reference, f"{path} is not in Moodle's format"
        for children in shapes:
            assert _in_order(children, full[path]), f"{path}: {children} not in Moodle's order {full[path]}"
    # What Moodle's import requires of every entry.
    entries = root.findall("./INFO/ENTRIES/ENTRY")
    assert len(entries) == len(corpus.entries)
    for entry in entries:
        assert entry.findtext("CONCEPT").strip() and entry.findtext("DEFINITION").strip()
        assert entry.findtext("FORMAT") == "1"  # HTML


def test_moodle_definitions_are_escaped_html_and_aliases_are_keywords(real):
    pages, corpus = real
    root = ET.fromstring(pages[MOODLE_URI].encode())
    by_concept = {e.findtext("CONCEPT"): e for e in root.iter("ENTRY")}
    for entry in corpus.entries.values():
        element = by_concept[entry.title]
        assert [n.text for n in element.findall("./ALIASES/ALIAS/NAME")] == entry.aliases
        definition = element.findtext("DEFINITION")  # the HTML, once the XML is read
        assert definition.startswith("<p>") and LICENCE["url"] in definition
        HTMLParser().feed(definition)
        text = re.sub(r"<[^>]+>", "", definition)
        assert entry.summary.split()[0] in text.replace("&amp;", "&")
    assert LICENCE["name"] in root.findtext("./INFO/INTRO")


# --- GIFT ------------------------------------------------------------------------------------

GIFT_SPECIAL = "~=#{}:"


def _unescape_gift(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _unescaped(text: str, chars: str) -> list[int]:
    """Positions of the characters not escaped with a backslash."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            out.append(i)
        i += 1
    return out


def _split_unescaped(text: str, char: str) -> list[str]:
    cuts = _unescaped(text, char)
    return [text[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(text)])]


def parse_gift(text: str) -> list[dict]:
    """A small GIFT reader after Moodle's: blank lines end questions, // lines are comments,
    ::name:: comes first, the answer part is the one unescaped {...}, #### starts general feedback."""
    questions = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        block = "\n".join(lines).strip()
        if not block or block.startswith("$CATEGORY:"):
            continue
        assert block.startswith("::")
        marks = [i for i in _unescaped(block, ":") if i > 1]
        end = next(i for i in marks if block[i + 1 : i + 2] == ":")
        name, rest = block[2:end], block[end + 2 :]
        braces = _unescaped(rest, "{}")
        assert len(braces) == 2 and rest[braces[0]] == "{" and rest[braces[1]] == "}", block
        assert braces[1] == len(rest) - 1
        stem, answer = rest[: braces[0]], rest[braces[0] + 1 : braces[1]]
        assert not _unescaped(stem, GIFT_SPECIAL) and not _unescaped(name, GIFT_SPECIAL.replace(":", "") + "{}")
        general = ""
        if "####" in answer:
            answer, general = answer.split("####", 1)
        parts = _split_unescaped(answer, "#")
        feedback = [_unescape_gift(f) for f in parts[1:]]
        key = parts[0].strip()
        kind = "essay" if key == "" else "truefalse" if key in ("T", "TRUE", "F", "FALSE") else "other"
        assert stem.startswith("[plain]")
        questions.append(
            {
                "name": _unescape_gift(name),
                "text": _unescape_gift(stem.removeprefix("[plain]")),
                "kind": kind,
                "key": key,
                "feedback": feedback,
                "general": _unescape_gift(general),
            }
        )
    return questions


def test_gift_round_trips_every_misconception_and_question(real):
    pages, corpus = real
    questions = parse_gift(pages[GIFT_URI])
    entries = corpus.entries.values()
    truefalse = [q for q in questions if q["kind"] == "truefalse"]
    essays = [q for q in questions if q["kind"] == "essay"]
    assert len(truefalse) == sum(len(e.misconceptions) for e in entries)
    assert len(essays) == sum(len(e.questions) for e in entries)
    assert len(questions) == len(truefalse) + len(essays)
    assert all(q["key"] == "FALSE" for q in truefalse)  # every misconception is a false statement
    # The same statement may be a misconception in two entries, each with its own correction.
    statements = [(m.misconception, m.correction) for e in entries for m in e.misconceptions]
    for q in truefalse:
        assert any(q["text"] == text and q["feedback"][0].startswith(fix) for text, fix in statements), q["name"]
    answers = [(q.question, q.answer) for e in entries for q in e.questions]
    for q in essays:
        assert any(q["text"] == text and q["general"].startswith(answer) for text, answer in answers), q["name"]
    assert LICENCE["name"] in pages[GIFT_URI].split("\n\n", 1)[0]


def test_gift_escapes_every_special_character():
    hostile = "a ~ b = c # d { e } f : g \\ h\nnext"
    escaped = gift_escape(hostile)
    assert not _unescaped(escaped, GIFT_SPECIAL + "\n")
    assert _unescape_gift(escaped) == hostile
    question = parse_gift(f"::{escaped}::[plain]{escaped}{{FALSE#{escaped}}}")[0]
    assert question["name"] == question["text"] == question["feedback"][0] == hostile


# --- Anki ------------------------------------------------------------------------------------


def _anki_notes(apkg: bytes) -> list[tuple[str, list[str], str]]:
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive, tempfile_dir() as folder:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        path = Path(folder) / "collection.anki2"
        path.write_bytes(archive.read("collection.anki2"))
        connection = sqlite3.connect(path)
        try:
            rows = connection.execute("select guid, flds, tags from notes order by id").fetchall()
            decks = connection.execute("select decks from col").fetchone()[0]
        finally:
            connection.close()
    assert LICENCE["name"] in decks  # the deck's description
    return [(guid, fields.split("\x1f"), tags) for guid, fields, tags in rows]


def tempfile_dir():
    import tempfile

    return tempfile.TemporaryDirectory()


def test_anki_deck_has_a_note_for_every_term_and_question(real):
    pages, corpus = real
    notes = _anki_notes(pages[ANKI_URI])
    entries = corpus.entries.values()
    assert len(notes) == len(entries) + sum(len(e.questions) for e in entries)
    assert len({guid for guid, _, _ in notes}) == len(notes)
    assert all(LICENCE["name"] in fields[-1] for _, fields, _ in notes)


def test_anki_masks_the_term_in_its_own_definition(real):
    pages, corpus = real
    terms = {
        fields[0]: fields[2]
        for _, fields, _ in _anki_notes(pages[ANKI_URI])
        if len(fields) == 4 and "?" not in fields[0]
    }
    own = [e for e in corpus.entries.values() if e.summary.lower().startswith(e.title.lower() + " ")]
    assert own, "no summary starts with its own term"
    for entry in own:
        assert terms[entry.title].startswith("[…] ")
    # Every name, whole words, any case.
    assert (
        mask_terms("Transference and TRANSFERENCES, not transferential.", ["transference"])
        == "[…] and […], not transferential."
    )


def test_anki_ids_are_stable_across_builds(tmp_path):
    first, second = _small_build(tmp_path / "a"), _small_build(tmp_path / "b")
    assert [n[0] for n in _anki_notes(first[ANKI_URI])] == [n[0] for n in _anki_notes(second[ANKI_URI])]
    assert first[ANKI_URI] == second[ANKI_URI]  # the same content makes the same file


# --- CSV and TSV -----------------------------------------------------------------------------


def test_csv_and_tsv_hold_every_term(real):
    pages, corpus = real
    rows = list(csv.reader(io.StringIO(pages[CSV_URI].encode("utf-8").decode("utf-8-sig"))))
    tsv = list(csv.reader(io.StringIO(pages[TSV_URI]), delimiter="\t", quoting=csv.QUOTE_NONE))
    for table in (rows, tsv):
        assert table[0] == ["Term", "Definition", "Level", "Source", "Licence"]
        assert len(table) == len(corpus.entries) + 1
        assert all(len(row) == 5 and LICENCE["url"] in row[4] for row in table[1:])
        by_term = {row[0]: row for row in table[1:]}
        for entry in corpus.entries.values():
            assert by_term[entry.title][1] == " ".join(entry.summary.split())
            assert by_term[entry.title][2] == entry.level.capitalize()
    assert pages[CSV_URI].startswith("\ufeff")


# --- Bibliography ----------------------------------------------------------------------------


def test_ris_parses_with_rispy(real):
    import rispy

    pages, corpus = real
    records = rispy.loads(pages[RIS_URI])
    assert len(records) == len(corpus.works)
    shedler = next(r for r in records if r["id"] == "shedler2010")
    assert shedler["type_of_reference"] == "JOUR"
    assert shedler["authors"] == ["Shedler, J."]
    assert (shedler["journal_name"], shedler["volume"], shedler["number"]) == ("American Psychologist", "65", "2")
    assert (shedler["start_page"], shedler["end_page"], shedler["doi"]) == ("98", "109", "10.1037/a0018378")
    assert all(LICENCE["name"] in r["name_of_database"] for r in records)
    many = next(r for r in records if r["id"] == "leichsenring_rabung2008")
    assert many["authors"] == ["Leichsenring, F.", "Rabung, S."]


def test_bibtex_parses_with_bibtexparser(real):
    import bibtexparser

    pages, corpus = real
    library = bibtexparser.parse_string(pages[BIBTEX_URI])
    assert not library.failed_blocks
    assert len(library.entries) == len(corpus.works)
    shedler = library.entries_dict["shedler2010"]
    assert shedler.entry_type == "article"
    assert shedler["author"] == "Shedler, J." and shedler["journal"] == "American Psychologist"
    assert (shedler["volume"], shedler["number"], shedler["pages"]) == ("65", "2", "98--109")
    assert shedler["doi"] == "10.1037/a0018378" and shedler["year"] == "2010"
    assert LICENCE["name"] in "".join(c.comment for c in library.comments)
    # A work of two authors, and one whose title holds LaTeX's special characters.
    assert library.entries_dict["leichsenring_rabung2008"]["author"] == "Leichsenring, F. and Rabung, S."
    for entry in library.entries:
        assert not re.search(r"(?<!\\)[&%#_$]", entry.fields_dict["title"].value)
    # No real title holds one (so the loop above cannot fail today): one that does, through the same writer.
    special = Work("x2000", "A, B.", 2000, "R&D at 50% of $5: #1 a_b", "A journal, 1(2), 3-4")
    written = bibtexparser.parse_string(write_bibtex(read_bibliography({"x2000": special}), ""))
    assert not written.failed_blocks
    assert written.entries_dict["x2000"]["title"] == r"{R\&D at 50\% of \$5: \#1 a\_b}"


def test_csl_json_has_every_work(real):
    pages, corpus = real
    items = json.loads(pages[CSL_URI])
    assert len(items) == len(corpus.works)
    shedler = next(i for i in items if i["id"] == "shedler2010")
    assert shedler["type"] == "article-journal" and shedler["author"] == [{"family": "Shedler", "given": "J."}]
    assert shedler["DOI"] == "10.1037/a0018378" and shedler["issued"] == {"date-parts": [[2010]]}
    assert all(i["custom"]["license"] == LICENCE["url"] for i in items)


def test_names_are_split_as_apa_prints_them():
    names, editors, et_al = split_names("Gelso, C. J., Kivlighan, D. M., Jr., & Markin, R. D.")
    assert [(n.family, n.given, n.suffix) for n in names] == [
        ("Gelso", "C. J.", ""),
        ("Kivlighan", "D. M.", "Jr."),
        ("Markin", "R. D.", ""),
    ]
    names, editors, et_al = split_names("Wampold, B. E., Flückiger, C., Kivlighan, D. M., II, & Gunn, W.")
    assert [n.suffix for n in names] == ["", "", "II", ""] and names[-1].family == "Gunn"
    names, editors, et_al = split_names("Alexander, F., French, T. M., et al.")
    assert len(names) == 2 and et_al and not editors
    names, editors, et_al = split_names("Lingiardi, V., & McWilliams, N. (Eds.)")
    assert editors and [n.family for n in names] == ["Lingiardi", "McWilliams"]
    names, _, _ = split_names("National Institute for Health and Care Excellence (NICE)")
    assert names[0].literal == "National Institute for Health and Care Excellence (NICE)"


def test_venues_are_read_only_when_their_shape_is_clear():
    article = read_work(Work("a", "A, B.", 2000, "T", "Psychotherapy: Theory, Research and Practice, 16(3), 252-260"))
    assert (article.kind, article.journal, article.volume, article.issue, article.pages) == (
        "article",
        "Psychotherapy: Theory, Research and Practice",
        "16",
        "3",
        "252-260",
    )
    book = read_work(Work("b", "A, B.", 2000, "T", "Cambridge, MA: Harvard University Press (ISBN 0-674-62975-2)"))
    assert (book.kind, book.place, book.publisher, book.note) == (
        "book",
        "Cambridge, MA",
        "Harvard University Press",
        "ISBN 0-674-62975-2",
    )
    guideline = read_work(Work("c", "NICE", 2022, "T", "NICE guideline, published 29 June 2022"))
    assert (guideline.kind, guideline.note) == ("misc", "NICE guideline, published 29 June 2022")
    assert (
        bibtex_escape("R&D 50% of $5 #1 a_b {x} ~ ^ \\")
        == r"R\&D 50\% of \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )


# --- glossary.json and the page --------------------------------------------------------------


def test_glossary_json_has_full_content_and_validates(real):
    import jsonschema

    pages, corpus = real
    data = json.loads(pages["glossary.json"])
    jsonschema.Draft202012Validator(EXPORT_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["version"]["date"]) and data["license"]["id"] == "CC-BY-4.0"
    for exported in data["entries"]:
        entry = corpus.entries[exported["slug"]]
        assert exported["key_points"] == entry.key_points
        assert [m["misconception"] for m in exported["misconceptions"]] == [
            m.misconception for m in entry.misconceptions
        ]
        assert [q["answer"] for q in exported["questions"]] == [q.answer for q in entry.questions]
        assert len(exported["citations"]) == len(set(entry.references))
        assert exported["former_slugs"] == entry.former_slugs
        assert "[[" not in exported["body"] or "`" in exported["body"]
    shedler = next(c for e in data["entries"] for c in e["citations"] if c.startswith("Shedler, J. (2010)"))
    assert shedler == (
        "Shedler, J. (2010). The efficacy of psychodynamic psychotherapy. American Psychologist, "
        "65(2), 98-109. https://doi.org/10.1037/a0018378"
    )


def test_wikilinks_in_exported_bodies_point_at_the_site(tmp_path):
    project = assemble(tmp_path / "p", FIXTURES / "base")
    path = project / "glossary" / "countertransference.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [[transference|the transference]].\n", encoding="utf-8")
    result = build_project(project, "Test", SITE)
    data = json.loads(next(p.content for p in result.pages if p.src_uri == "glossary.json"))
    body = next(e["body"] for e in data["entries"] if e["slug"] == "countertransference")
    assert f"[the transference]({SITE}glossary/transference/)" in body


def test_downloads_page_lists_every_file_and_the_licence(real):
    pages, _ = real
    page = pages[DOWNLOADS_URI]
    assert '"title": "For trainers: downloads"' in page
    for uri in FILES + ["glossary.json"]:
        assert f"]({uri})" in page, uri
    for how in ("Import entries", "GIFT format", "File → Import", "Quizlet", "Zotero", "Mendeley", "EndNote"):
        assert how in page
    assert LICENCE["url"] in page
