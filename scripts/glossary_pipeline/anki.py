"""Stage 5, generate (downloads): the glossary as an Anki deck (.apkg), the same file for the same content."""

from __future__ import annotations

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
from typing import Any

from .export import LICENCE, attribution_html
from .index import Index


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


def _models() -> tuple[Any, Any]:  # genanki.Model: genanki has no type information
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


def build_anki_deck(index: Index, site_name: str, site_url: str) -> Any:  # a genanki.Deck
    import genanki

    term_model, question_model = _models()
    description = (
        f"{escape(site_name)}: a card for every term (its definition with the term masked) and for every "
        f'self-check question. Licence: <a href="{LICENCE["url"]}">{LICENCE["name"]}</a>; reuse with credit.'
    )
    deck = genanki.Deck(stable_id("psychodynamic-glossary/deck"), site_name, description=description)
    for entry in index.entries:
        source = attribution_html(entry, site_name, site_url)
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
