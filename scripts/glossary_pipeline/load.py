"""Stage 1, load: read every content file, keeping the line and column of every field.

Nothing here judges the content; it only turns files into `SourceFile`s and reports
files that cannot be read at all (bad encoding, broken YAML, missing front matter).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .codes import Code
from .model import Diagnostic, FieldPath, Position, SourceFile

MAX_FILE_BYTES = 512 * 1024  # a long entry is ~10 KB; anything this big is not an entry
MAX_YAML_DEPTH = 20

# libyaml's parser when available: about 8x faster than the pure-Python one.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML, minus the YAML 1.1 surprises contributors trip over.

    Dates stay text (the schema checks their format), and only true/false are
    booleans, so an alias such as "no" or "on" stays the word it is.
    """


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

# libyaml's complaints in plain words: (what libyaml says, what we say, how to fix it).
# The parser's own wording never reaches a contributor.
_YAML_PROBLEMS = [
    ("found character '\\t'", "a tab where YAML needs spaces", "indent with spaces only"),
    (
        "mapping values are not allowed",
        "a ': ' inside a value that is not in quotes",
        'put the value in quotes, e.g. summary: "Freud: the early years"',
    ),
    (
        "found undefined alias",
        "text that starts with '*', which YAML reads as a reference",
        "put text that begins with '*' in quotes",
    ),
    (
        "did not find expected key",
        "this line does not line up with the fields above it",
        "indent it like the other fields at its level (two spaces for each level)",
    ),
    (
        "did not find expected '-' indicator",
        "a list item does not line up with the items above it",
        "start every item of a list with '- ' at the same indentation",
    ),
    (
        "could not find expected ':'",
        "this line is neither 'name: value' nor part of the text above it",
        "add the ':' after the field's name, or indent a line that continues text",
    ),
    ("found unexpected end of stream", "a quote opened here is never closed", "add the closing quote"),
    ("while parsing a flow sequence", "a list opened with '[' is never closed", "add the closing ']'"),
    ("while parsing a flow mapping", "a '{' is never closed", "add the closing '}', or put the text in quotes"),
    ("while scanning a quoted scalar", "a quote opened here is never closed", "add the closing quote"),
    (
        "expected <block end>, but found",
        "this line does not line up with the lines above it",
        "indent it like the lines above it at the same level",
    ),
    (
        "found unknown escape character",
        "a backslash inside double quotes",
        "use single quotes, or write the backslash twice",
    ),
]


@dataclass(frozen=True)
class Layout:
    """Where each kind of content lives, relative to the project root."""

    root: Path
    glossary_dir: str = "glossary"
    articles_dir: str = "content/articles"
    bibliography: str = "content/bibliography.yaml"
    contributors: str = "content/contributors.yaml"
    standards: str = "content/standards.yaml"
    reading_lists_dir: str = "content/reading-lists"


def load_project(layout: Layout) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Load every content file of the project; report those that cannot be read."""
    sources: list[SourceFile] = []
    diagnostics: list[Diagnostic] = []
    changed = changed_files()  # read once, not once a file
    for rel, kind in discover_files(layout, diagnostics):
        source = load_file(layout.root, rel, kind, diagnostics, changed)
        if source is not None:
            sources.append(source)
    # One alias used three times is one problem, not three.
    return sources, list(dict.fromkeys(diagnostics))


def discover_files(layout: Layout, diagnostics: list[Diagnostic]) -> list[tuple[str, str]]:
    """List content files as (relative path, kind), sorted so output is stable."""
    found: list[tuple[str, str]] = []
    folders = [
        (layout.glossary_dir, "entry", ".md"),
        (layout.articles_dir, "article", ".md"),
        (layout.reading_lists_dir, "reading-list", ".yaml"),
    ]
    for folder, kind, suffix in folders:
        base = layout.root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.iterdir()):
            rel = f"{folder}/{path.name}"
            if path.name.startswith((".", "_")) or path.name == "README.md":
                continue  # hidden files, templates and folder notes are not content
            if path.is_symlink() or not path.is_file() or path.suffix != suffix:
                diagnostics.append(_wrong_file(rel, kind, suffix, path.is_symlink()))
                continue
            found.append((rel, kind))
    if (layout.root / layout.bibliography).is_file():
        found.append((layout.bibliography, "bibliography"))
    if (layout.root / layout.contributors).is_file():
        found.append((layout.contributors, "contributors"))
    if (layout.root / layout.standards).is_file():
        found.append((layout.standards, "standards"))
    return found


def _wrong_file(rel: str, kind: str, suffix: str, is_link: bool) -> Diagnostic:
    if is_link:
        return Diagnostic(
            rel,
            1,
            1,
            Code.E107,
            "symbolic links are not allowed in content folders",
            "replace the link with the file itself",
        )
    return Diagnostic(
        rel,
        1,
        1,
        Code.E107,
        f"this folder holds only {kind} files ending in '{suffix}'",
        f"rename the file to end in '{suffix}', or move it out of the folder",
    )


def load_file(
    root: Path, rel: str, kind: str, diagnostics: list[Diagnostic], changed: frozenset[str] = frozenset()
) -> SourceFile | None:
    """Read one file into a SourceFile, or report why it cannot be read."""
    text = read_text(root / rel, rel, diagnostics)
    if text is None:
        return None
    if kind in ("entry", "article"):
        parts = split_front_matter(text, rel, diagnostics)
        if parts is None:
            return None
        yaml_text, yaml_first_line, body, body_line = parts
    else:
        yaml_text, yaml_first_line, body, body_line = text, 1, "", 1
    parsed = parse_yaml(yaml_text, rel, yaml_first_line, diagnostics)
    if parsed is None:
        return None
    data, values, keys, ends = parsed
    return SourceFile(
        rel, kind, data, values, keys, ends, text.split("\n"), body, body_line, newness(root / rel, rel in changed)
    )


def changed_files() -> frozenset[str]:
    """The files a pull request changes, as CI passes them in GLOSSARY_CHANGED_FILES (one per line)."""
    return frozenset(line.strip() for line in os.environ.get("GLOSSARY_CHANGED_FILES", "").splitlines() if line.strip())


def newness(path: Path, changed: bool) -> tuple[bool, float]:
    """How new a file is, for blaming a clash on the file that brought it: a file the pull request
    changes is newer than any other; otherwise the one saved last."""
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    return (changed, modified)


def read_text(path: Path, rel: str, diagnostics: list[Diagnostic]) -> str | None:
    """Read a file as UTF-8 text with normalised line endings."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diagnostics.append(
                Diagnostic(
                    rel,
                    1,
                    1,
                    Code.E106,
                    f"the file is {size // 1024} KB; the limit is {MAX_FILE_BYTES // 1024} KB",
                    "split it, or check that the right file was added",
                )
            )
            return None
        raw = path.read_bytes()
    except OSError as err:
        diagnostics.append(
            Diagnostic(rel, 1, 1, Code.E107, f"the file cannot be read: {err.strerror}", "check the file's permissions")
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        diagnostics.append(
            Diagnostic(
                rel,
                line,
                col,
                Code.E102,
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                "save the file as UTF-8 (most editors offer 'UTF-8' under 'Save with encoding')",
            )
        )
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        diagnostics.append(
            Diagnostic(
                rel,
                line,
                1,
                Code.E102,
                "the file contains a NUL character: it is not a text file",
                "save the file as plain UTF-8 text",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, rel: str, diagnostics: list[Diagnostic]) -> tuple[str, int, str, int] | None:
    """Split '---' front matter from the body: (yaml, its first line, body, body's first line)."""
    lines = text.split("\n")
    if not text.strip():
        diagnostics.append(
            Diagnostic(rel, 1, 1, Code.E103, "the file is empty", 'start from the template: make new TITLE="Your term"')
        )
        return None
    if lines[0].rstrip() != "---":
        diagnostics.append(
            Diagnostic(
                rel,
                1,
                1,
                Code.E103,
                "the file must start with a line '---' that opens the front matter",
                "put the fields between two lines of '---' at the top; see the template in CONTRIBUTING.md",
            )
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return yaml_text, 2, body, index + 2
    diagnostics.append(
        Diagnostic(
            rel,
            1,
            1,
            Code.E103,
            "the front matter opened on line 1 is never closed",
            "add a line '---' after the last field, before the text",
        )
    )
    return None


def parse_yaml(
    text: str, rel: str, first_line: int, diagnostics: list[Diagnostic]
) -> tuple[Any, dict, dict, dict] | None:
    """Parse YAML into plain data plus the position of every value and key, and where each value ends."""
    tabs = find_tab_indentation(text, rel, first_line)
    if tabs:
        diagnostics.extend(tabs)
        return None
    loader = ContentLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {(): Position(first_line, 1)}, {}, {}
        values: dict[FieldPath, Position] = {}
        keys: dict[FieldPath, Position] = {}
        ends: dict[FieldPath, Position] = {}
        problems: list[Diagnostic] = []
        data = _walk_node(node, (), 0, set(), (values, keys, ends), rel, first_line, problems, loader)
        if problems:
            diagnostics.extend(problems)
            return None
        if data is _CONSTRUCT:  # a key that is not plain text: let PyYAML build (or refuse) it
            data = loader.construct_document(node)
        return data, values, keys, ends
    except yaml.MarkedYAMLError as err:
        diagnostics.append(_yaml_error(err, rel, first_line))
    except yaml.YAMLError as err:  # reader errors (control characters) carry no mark
        diagnostics.append(
            Diagnostic(
                rel, first_line, 1, Code.E101, f"YAML cannot be read: {err}", "remove control characters from the file"
            )
        )
    except RecursionError:
        diagnostics.append(
            Diagnostic(
                rel,
                first_line,
                1,
                Code.E105,
                "the YAML is nested too deeply",
                f"content fields are never more than {MAX_YAML_DEPTH} levels deep",
            )
        )
    finally:
        loader.dispose()
    return None


def _yaml_error(err: yaml.MarkedYAMLError, rel: str, first_line: int) -> Diagnostic:
    # Point at where the broken construct starts (an unclosed '[' or quote, a key missing
    # its ':'), except for block mappings, whose start is just the top of the file.
    use_context = err.context_mark is not None and err.context and "block" not in err.context
    mark = err.context_mark if use_context else (err.problem_mark or err.context_mark)
    line = first_line + (mark.line if mark else 0)
    col = (mark.column + 1) if mark else 1
    problem = err.problem or "invalid YAML"
    text = f"{problem} ({err.context})" if err.context else problem
    message, hint = next(
        ((m, h) for needle, m, h in _YAML_PROBLEMS if needle in text),
        (
            "the fields cannot be read from here on",
            "compare the quotes, colons and indentation of this line with the template",
        ),
    )
    return Diagnostic(rel, line, col, Code.E101, message, hint)


_INVISIBLE_INDENT = {
    "\t": "a tab",
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u2007": "a figure space (U+2007)",
    "\u202f": "a narrow non-breaking space (U+202F)",
    "\u3000": "an ideographic space (U+3000)",
}
_LIST_ITEM = re.compile(r"^( *)- (?=\S)(?!.*:\s*$)")  # an item with text, not one that opens a mapping or list


def find_tab_indentation(text: str, rel: str, first_line: int) -> list[Diagnostic]:
    """Indentation YAML cannot read though it looks right: tabs, pasted non-breaking spaces, and a
    list item indented further than the one above it, which YAML silently joins to that item."""
    problems = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" " + "".join(_INVISIBLE_INDENT)))]
        odd = next((c for c in indent if c != " "), None)
        if odd:
            problems.append(
                Diagnostic(
                    rel,
                    first_line + number,
                    indent.index(odd) + 1,
                    Code.E108,
                    f"{_INVISIBLE_INDENT[odd]} in the indentation (often pasted from a word processor)",
                    "delete the indentation and type it again with ordinary spaces",
                )
            )
            continue
        item, above = _LIST_ITEM.match(line), _LIST_ITEM.match(lines[number - 1]) if number else None
        if item and above and len(item.group(1)) > len(above.group(1)):
            deeper = len(item.group(1)) - len(above.group(1))
            problems.append(
                Diagnostic(
                    rel,
                    first_line + number,
                    1,
                    Code.E109,
                    f"this item is indented {deeper} space{'s' if deeper > 1 else ''} more than the "
                    "item above it, so it is read as part of that item",
                    f"indent it by {len(above.group(1))} spaces, like the item above",
                )
            )
    return problems


# Returned by _walk_node when PyYAML itself must build the data (a mapping key that is not
# plain text, such as a merge key '<<' or a list used as a key).
_CONSTRUCT = object()


def _walk_node(
    node: yaml.Node,
    path: FieldPath,
    depth: int,
    seen: set[int],
    tables: tuple[dict, dict, dict],
    rel: str,
    first_line: int,
    problems: list[Diagnostic],
    loader: yaml.BaseLoader,
) -> Any:
    """Record positions and build the value, in one pass over the parsed nodes.

    Refuses duplicate keys, aliases, custom tags and deep nesting. Building the value here
    rather than with PyYAML's constructor halves the time to load a file: text, lists and
    mappings are the nodes themselves; other scalars (numbers, booleans) go to PyYAML.
    """
    here = Position(first_line + node.start_mark.line, node.start_mark.column + 1)
    if id(node) in seen:
        # A node met twice is a YAML alias: refused, because aliases allow "billion laughs" inputs.
        problems.append(
            Diagnostic(
                rel,
                here.line,
                here.col,
                Code.E105,
                "YAML anchors and aliases ('&name', '*name') are not allowed",
                "write the value out in full; quote text that starts with '&' or '*'",
            )
        )
        return None
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        problems.append(
            Diagnostic(
                rel,
                here.line,
                here.col,
                Code.E105,
                f"YAML tag '{node.tag}' is not allowed",
                "remove the '!' tag; quote text that starts with '!'",
            )
        )
        return None
    if depth > MAX_YAML_DEPTH:
        problems.append(
            Diagnostic(
                rel,
                here.line,
                here.col,
                Code.E105,
                "the YAML is nested too deeply",
                f"content fields are never more than {MAX_YAML_DEPTH} levels deep",
            )
        )
        return None
    values, keys, ends = tables
    values[path] = here
    if isinstance(node, yaml.ScalarNode):
        ends[path] = Position(first_line + node.end_mark.line, node.end_mark.column + 1)
        return node.value if node.tag == _STR_TAG else loader.construct_object(node)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_pos = Position(first_line + key_node.start_mark.line, key_node.start_mark.column + 1)
            plain = isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in first_seen:
                problems.append(
                    Diagnostic(
                        rel,
                        key_pos.line,
                        key_pos.col,
                        Code.E104,
                        f"field '{key}' appears twice (first on line {first_seen[key]})",
                        "keep one of the two and merge their values",
                    )
                )
                continue
            first_seen[key] = key_pos.line
            keys[path + (key,)] = key_pos
            value = _walk_node(value_node, path + (key,), depth + 1, seen, tables, rel, first_line, problems, loader)
            if not plain or value is _CONSTRUCT:
                mapping = _CONSTRUCT  # type: ignore[assignment]
            elif mapping is not _CONSTRUCT:
                mapping[key] = value
        return mapping
    items = [
        _walk_node(item, path + (index,), depth + 1, seen, tables, rel, first_line, problems, loader)
        for index, item in enumerate(node.value)
    ]
    return _CONSTRUCT if any(item is _CONSTRUCT for item in items) else items
