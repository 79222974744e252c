"""Stage 2, validate: the edits that fix a problem when the fix is unambiguous.

A diagnostic carries these; `glossary check --fix` applies them (see fix.py). Each edit
touches only the text it replaces, so comments and key order survive.
"""

from __future__ import annotations

import re
from typing import Any

from .model import Edit, FieldPath, Position, SourceFile


def slug_for(value: Any) -> str | None:
    """The slug a contributor evidently meant: 'Bad Tag' -> 'bad-tag', 'glossary/x.md' -> 'x'; None if unclear."""
    text = str(value).strip()
    if "/" in text or text.endswith(".md"):
        text = text.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
    if not text.isascii():
        return None  # look-alike letters: no safe guess
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug if slug and slug != value else None


def replace_value(source: SourceFile, path: FieldPath, new: str) -> tuple[Edit, ...]:
    """Replace a scalar value in place (quotes included), leaving comments and key order alone."""
    start, end = source.value_positions.get(path), source.value_ends.get(path)
    if start is None or end is None or start.line != end.line:
        return ()
    return (Edit(start, end, new),)


def rename_key(source: SourceFile, path: FieldPath, new: str) -> tuple[Edit, ...]:
    start = source.key_positions.get(path)
    if start is None:
        return ()
    return (Edit(start, Position(start.line, start.col + len(str(path[-1]))), new),)


def delete_item_line(source: SourceFile, path: FieldPath) -> tuple[Edit, ...]:
    """Remove a list item written on a line of its own ('- item'); flow lists are left to the contributor."""
    start = source.value_positions.get(path)
    if start is None or start.line > len(source.lines) or not source.lines[start.line - 1].lstrip().startswith("- "):
        return ()
    return (Edit(Position(start.line, 1), Position(start.line + 1, 1), ""),)
