"""Stage 5, generate (downloads): the glossary for Moodle, as a glossary activity's XML and as quiz
questions in GIFT format."""

from __future__ import annotations

from html import escape
from xml.sax.saxutils import escape as xml_escape

from .export import LICENCE, attribution_html
from .index import CATEGORIES, LEVELS, Index
from .model import Entry


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
    return html + f"<p>{attribution_html(entry, site_name, site_url)}</p>"


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
