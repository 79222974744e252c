"""Stage 1, load: YAML read into plain data, with the line and column of every key and value.

Safe YAML only: no anchors, aliases or tags, no deep nesting, no duplicate keys; and
libyaml's complaints are put in plain words, since the parser's wording helps nobody.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from .codes import Code
from .model import Diagnostic, FieldPath, Position

MAX_YAML_DEPTH = 20

# libyaml's parser when available: about 8x faster than the pure-Python one (same interface).
if TYPE_CHECKING:
    from yaml import SafeLoader as _BaseLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentLoader(_BaseLoader):
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


def parse_yaml(text: str, rel: str, first_line: int, diagnostics: list[Diagnostic]) -> Parsed | None:
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
        walker = _Walker(rel, first_line, loader)
        data = walker.walk(node, (), 0)
        if walker.problems:
            diagnostics.extend(walker.problems)
            return None
        if data is _CONSTRUCT:  # a key that is not plain text: let PyYAML build (or refuse) it
            data = loader.construct_document(node)
        return data, walker.values, walker.keys, walker.ends
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


# Returned by the walker when PyYAML itself must build the data (a mapping key that is not
# plain text, such as a merge key '<<' or a list used as a key).
_CONSTRUCT = object()

# A parsed file: its data and, by field path, where each value starts, where each key starts
# and where each scalar value ends.
Parsed = tuple[Any, dict[FieldPath, Position], dict[FieldPath, Position], dict[FieldPath, Position]]


class _Walker:
    """Record positions and build the value, in one pass over the parsed nodes.

    Refuses duplicate keys, aliases, custom tags and deep nesting. Building the value here
    rather than with PyYAML's constructor halves the time to load a file: text, lists and
    mappings are the nodes themselves; other scalars (numbers, booleans) go to PyYAML.
    """

    def __init__(self, rel: str, first_line: int, loader: ContentLoader) -> None:
        self.rel, self.first_line, self.loader = rel, first_line, loader
        self.values: dict[FieldPath, Position] = {}
        self.keys: dict[FieldPath, Position] = {}
        self.ends: dict[FieldPath, Position] = {}
        self.problems: list[Diagnostic] = []
        self.seen: set[int] = set()

    def position(self, mark: yaml.Mark) -> Position:
        return Position(self.first_line + mark.line, mark.column + 1)

    def walk(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        here = self.position(node.start_mark)
        refusal = self.refuse(node, depth)
        if refusal:
            self.problems.append(Diagnostic(self.rel, here.line, here.col, Code.E105, *refusal))
            return None
        self.values[path] = here
        if isinstance(node, yaml.ScalarNode):
            self.ends[path] = self.position(node.end_mark)
            return node.value if node.tag == _STR_TAG else self.loader.construct_object(node)
        if isinstance(node, yaml.MappingNode):
            return self.walk_mapping(node, path, depth)
        items = [self.walk(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        return _CONSTRUCT if any(item is _CONSTRUCT for item in items) else items

    def refuse(self, node: yaml.Node, depth: int) -> tuple[str, str] | None:
        """Why a node is not allowed, as (message, hint); None if it is (and then it counts as seen)."""
        if id(node) in self.seen:
            # A node met twice is a YAML alias: refused, because aliases allow "billion laughs" inputs.
            return (
                "YAML anchors and aliases ('&name', '*name') are not allowed",
                "write the value out in full; quote text that starts with '&' or '*'",
            )
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            return f"YAML tag '{node.tag}' is not allowed", "remove the '!' tag; quote text that starts with '!'"
        if depth > MAX_YAML_DEPTH:
            return "the YAML is nested too deeply", f"content fields are never more than {MAX_YAML_DEPTH} levels deep"
        return None

    def walk_mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> Any:
        """A mapping's value, or _CONSTRUCT when a key is not plain text."""
        mapping: dict[Any, Any] = {}
        constructed = False
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_pos = self.position(key_node.start_mark)
            plain = isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in first_seen:
                self.problems.append(
                    Diagnostic(
                        self.rel,
                        key_pos.line,
                        key_pos.col,
                        Code.E104,
                        f"field '{key}' appears twice (first on line {first_seen[key]})",
                        "keep one of the two and merge their values",
                        field=path + (key,),
                        subject=str(key),
                    )
                )
                continue
            first_seen[key] = key_pos.line
            self.keys[path + (key,)] = key_pos
            value = self.walk(value_node, path + (key,), depth + 1)
            constructed = constructed or not plain or value is _CONSTRUCT
            if not constructed:
                mapping[key] = value
        return _CONSTRUCT if constructed else mapping
