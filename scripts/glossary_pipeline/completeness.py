"""Is an entry complete? The project's standards (content/standards.yaml) and no template text left.

Part of validation. These rules used to live in the tests, where a contributor saw
`assert (1 >= 2)` and no line in their file; here each shortfall is a diagnostic on the
line to change, and the tests check the content through the checker. A project without a
standards file (the test fixtures) is held only to the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .codes import Code
from .model import Diagnostic, Entry, SourceFile
from .parse import parse_body

LEVEL_NAMES = {"introductory": "an introductory", "intermediate": "an intermediate", "advanced": "an advanced"}
# A safety box as the renderer makes it ('!!! warning' or '!!! note'), not as a line of code shows it.
SAFETY_BOX = re.compile(r'<div class="admonition (warning|note)\b')
EXAMPLE_HEADING = "## A fictional example"
EXAMPLE_WORDS = ("invented", "fictional")

# What each list is for, in the words of the template, for the hint.
LIST_HINTS = {
    "key_points": "add short sentences, one idea each, as '- ...' lines under key_points:",
    "questions": "add self-check questions: '- question: ...' with 'answer: ...' on the next line",
    "related": "list the slugs (file names without .md) of entries to read next under related:",
    "references": "list ids of works in content/bibliography.yaml that support the text under references:",
}

# Template text that must not reach readers: the template's own markers, and the
# placeholders of its web-editor copy, which nothing fills in.
PLACEHOLDERS = re.compile(r"REPLACE:|\$(?:title|author|today)\b|\$\{(?:title|author|today)\}")


@dataclass(frozen=True)
class Standards:
    words: dict[str, tuple[int, int]] = field(default_factory=dict)  # level -> (fewest, most)
    with_safety_box: tuple[int, int] | None = None
    at_least: dict[str, int] = field(default_factory=dict)
    label_examples: bool = False


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def read_standards(source: SourceFile | None) -> Standards:
    """The standards file as Standards (shape errors are the schema's to report)."""
    data = source.data if source is not None and isinstance(source.data, dict) else {}

    def pair(value: Any) -> tuple[int, int] | None:
        ok = isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
        return (value[0], value[1]) if ok else None

    words = _mapping(data.get("words"))
    at_least = _mapping(data.get("at_least"))
    levels = {level: pair(words.get(level)) for level in LEVEL_NAMES}
    return Standards(
        words={level: limits for level, limits in levels.items() if limits},
        with_safety_box=pair(words.get("with_safety_box")),
        at_least={k: v for k, v in at_least.items() if isinstance(v, int) and k in LIST_HINTS},
        label_examples=data.get("label_examples") is True,
    )


def check_completeness(entry: Entry, standards: Standards) -> list[Diagnostic]:
    """Every shortfall of one entry against the standards, each on its own line."""
    source = entry.source
    out = []
    for name, fewest in standards.at_least.items():
        have = len(getattr(entry, name))
        if have < fewest:
            present = name in (source.data or {})
            pos = source.locate((name,), key=True) if present else None
            line, col = (pos.line, pos.col) if pos else (max(source.body_line - 1, 1), 1)
            where = f"'{name}:' has {have}" if present else f"there is no '{name}:'"
            out.append(
                Diagnostic(
                    source.path,
                    line,
                    col,
                    Code.E207,
                    f"{where}; an entry needs at least {fewest} {_plural(name, fewest)}",
                    LIST_HINTS[name],
                    field=(name,),
                )
            )
    words_range = standards.words.get(entry.level)
    if (
        words_range
        and standards.with_safety_box
        and entry.level != "advanced"
        and SAFETY_BOX.search(parse_body(entry.body, "entry").html)
    ):
        words_range = standards.with_safety_box
    if words_range and entry.body.strip():
        words = parse_body(entry.body, "entry").words
        fewest, most = words_range
        if not fewest <= words <= most:
            what = "add to it" if words < fewest else "shorten it, or split part of it into an entry of its own"
            out.append(
                Diagnostic(
                    source.path,
                    source.body_line,
                    1,
                    Code.E205,
                    f"the text is {words} words long; {LEVEL_NAMES.get(entry.level, 'an')} entry "
                    f"has {fewest} to {most} words",
                    what,
                )
            )
    if standards.label_examples:
        out += check_example_label(source)
    return out


def _plural(name: str, count: int) -> str:
    words = {"key_points": "key point", "questions": "question", "related": "related entry", "references": "reference"}
    word = words[name]
    if count == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def check_example_label(source: SourceFile) -> list[Diagnostic]:
    """A fictional example says, in its first paragraph, that it is invented."""
    lines = source.body.split("\n")
    for index, _level in heading_lines(source):
        if lines[index].strip() != EXAMPLE_HEADING:
            continue
        paragraph: list[str] = []
        for text in lines[index + 1 :]:
            if text.strip().startswith("#") or (paragraph and not text.strip()):
                break
            if text.strip():
                paragraph.append(text)
        first = " ".join(paragraph).casefold()
        if not any(word in first for word in EXAMPLE_WORDS):
            return [
                Diagnostic(
                    source.path,
                    source.body_line + index,
                    1,
                    Code.E210,
                    "the example does not say that it is invented",
                    "begin its first paragraph with a sentence such as 'This example is invented.'",
                )
            ]
    return []


def check_placeholders(source: SourceFile) -> list[Diagnostic]:
    """One error per line that still holds template text, and per template section left empty."""
    out = []
    for number, line in enumerate(source.lines, start=1):
        match = PLACEHOLDERS.search(line)
        if match and not line.lstrip().startswith("#"):
            token = match.group(0)
            what = "template text" if token == "REPLACE:" else f"the placeholder '{token}'"
            out.append(
                Diagnostic(
                    source.path,
                    number,
                    match.start() + 1,
                    Code.E211,
                    f"{what} is still here",
                    _placeholder_hint(token, line),
                )
            )
    if source.kind == "entry":
        out += _empty_sections(source)
    return out


def _placeholder_hint(token: str, line: str) -> str:
    if "title" in token:
        return "write the term, in sentence case"
    if "author" in token:
        return "write your id from content/contributors.yaml (add yourself there first)"
    if "today" in token:
        return "write today's date as YYYY-MM-DD"
    return "replace the whole line, 'REPLACE:' included, with your own text"


def heading_lines(source: SourceFile) -> list[tuple[int, int]]:
    """(line of the body, level) of each '## heading' the renderer makes a heading: the parse's
    code-blanked text, so a heading shown as code in a fence or a code span is not one."""
    masked = parse_body(source.body, source.kind).masked  # fenced lines are blank there
    return [
        (index, len(line) - len(line.lstrip("#")))
        for index, line in enumerate(masked.split("\n"))
        if re.match(r"^#{2,6} \S", line)
    ]


def _empty_sections(source: SourceFile) -> list[Diagnostic]:
    """A '## heading' with no text before the next heading: a template section never filled in."""
    out = []
    lines = source.body.split("\n")
    headings = heading_lines(source)
    for position, (index, level) in enumerate(headings):
        following = headings[position + 1] if position + 1 < len(headings) else (len(lines), 0)
        if following[1] > level:
            continue  # a heading whose first part is a subsection
        if not any(line.strip() for line in lines[index + 1 : following[0]]):
            out.append(
                Diagnostic(
                    source.path,
                    source.body_line + index,
                    1,
                    Code.E211,
                    f"the section '{lines[index].lstrip('#').strip()}' has no text",
                    "write the section, or delete its heading",
                )
            )
    return out


# Characters nobody can see, which change what a name matches or how a line reads.
INVISIBLE = {
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u202f": "a narrow non-breaking space (U+202F)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a zero-width no-break space (U+FEFF)",
    "\u00ad": "a soft hyphen (U+00AD)",
}
_NAMED_FIELDS = ("title", "aliases")  # names that search and automatic links must match exactly
_SPACES = ("\u00a0", "\u202f")  # outside names often meant (before a unit, in "p. 12"); the others never are
_ANY_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")
_ZERO_WIDTH = re.compile("[" + "".join(c for c in INVISIBLE if c not in _SPACES) + "]")
_NAME_LINE = re.compile(rf"^\s*(?:{'|'.join(_NAMED_FIELDS)}:|- )")


def check_invisible(source: SourceFile) -> list[Diagnostic]:
    """Invisible characters where they matter: any zero-width one, and a non-breaking space in a name."""
    out = []
    first_body = source.body_line if source.kind in ("entry", "article") else len(source.lines) + 1
    for number, line in enumerate(source.lines, start=1):
        in_names = number < first_body and _NAME_LINE.match(line)
        found = (_ANY_INVISIBLE if in_names else _ZERO_WIDTH).search(line)
        if found:
            out.append(
                Diagnostic(
                    source.path,
                    number,
                    found.start() + 1,
                    Code.W609,
                    f"{INVISIBLE[found.group(0)]} in this line (often pasted from a word processor)",
                    "delete it, and type an ordinary space if one is needed",
                    "warning",
                )
            )
    return out


_LIST_OR_INDENTED = re.compile(r"^(\s*([-*+]|\d+[.)])\s|\s{2,}\S|\t)")


def check_indented_code(source: SourceFile) -> list[Diagnostic]:
    """A paragraph that starts with a tab or four spaces becomes a block of code, which nobody means
    in an entry; the renderer confirms it, the source says where."""
    parsed = parse_body(source.body, source.kind)
    if "<pre" not in parsed.html:
        return []
    out, previous = [], ""
    lines = source.body.split("\n")
    for index, line in enumerate(lines):
        if index not in parsed.fenced and re.match(r"^(\t| {4,})\S", line) and not previous.strip():
            above = next((text for text in reversed(lines[:index]) if text.strip()), "")
            if not _LIST_OR_INDENTED.match(above):
                out.append(
                    Diagnostic(
                        source.path,
                        source.body_line + index,
                        1,
                        Code.W608,
                        "this paragraph starts with a "
                        + ("tab" if line[0] == "\t" else "four-space indent")
                        + ", so it shows as a block of code",
                        "delete the indentation at the start of the line",
                        "warning",
                    )
                )
        previous = line
    return out
