"""`glossary rename OLD NEW`: give an entry a new slug and mend everything that named the old one.

Moves glossary/OLD.md to glossary/NEW.md, lists OLD under `former_slugs:` (so its old
address redirects), and rewrites every `related:` item, `[[OLD...]]` wikilink and reading
list item that used OLD. Edits are made line by line, so comments, quoting and the rest of
each file stay as they were. Nothing is written unless the whole rename can be done.
"""

from __future__ import annotations

import re
from pathlib import Path

from .fix import read_for_editing, write_edited
from .load import Layout, load_project
from .names import SLUG_RE
from .validate import validate_sources


class RenameError(Exception):
    """The rename cannot be done; the message says why, and nothing was changed."""


Style = tuple[bool, str]  # a file's byte-order mark and line ending, which the rename keeps


def plan_rename(root: Path, old: str, new: str) -> dict[Path, tuple[str, Style]]:
    """The new text of every file the rename changes (the moved entry under its new path), with its style."""
    layout = Layout(root)
    sources, problems = load_project(layout)
    if problems:
        raise RenameError("some content files cannot be read; run 'make check' and fix those first")
    corpus, _ = validate_sources(sources)
    if old not in corpus.entries:
        raise RenameError(f"there is no entry '{old}' (glossary/{old}.md)")
    if not SLUG_RE.match(new):
        raise RenameError(f"'{new}' is not a slug: use lowercase words joined by hyphens")
    if new in corpus.entries:
        raise RenameError(f"an entry '{new}' exists already")
    for entry in corpus.entries.values():
        if new in entry.former_slugs and entry.slug != old:
            raise RenameError(f"'{new}' is a former slug of {entry.source.path}; its address redirects there")
    changes: dict[Path, tuple[str, Style]] = {}
    for source in sources:
        text, style = read_for_editing(root / source.path)
        if source.kind == "entry":
            updated = rename_in_body(rename_related(text, old, new), old, new)
            if source.stem == old:
                updated = add_former_slug(updated, old)
                changes[root / layout.glossary_dir / f"{new}.md"] = (updated, style)
                continue
        elif source.kind == "article":
            updated = rename_in_body(text, old, new)
        elif source.kind == "reading-list":
            updated = re.sub(
                rf"^(\s*(?:-\s+)?entry:\s*)(['\"]?){re.escape(old)}\2(\s*(?:#.*)?)$",
                rf"\g<1>\g<2>{new}\g<2>\g<3>",
                text,
                flags=re.M,
            )
        else:
            continue
        if updated != text:
            changes[root / source.path] = (updated, style)
    return changes


def rename_entry(root: Path, old: str, new: str) -> list[str]:
    """Do the rename; returns the files written, relative to the root."""
    changes = plan_rename(root, old, new)
    old_path = root / Layout(root).glossary_dir / f"{old}.md"
    for path, (text, style) in changes.items():
        write_edited(path, text, style)
    old_path.unlink()
    return sorted(str(p.relative_to(root)) for p in changes)


def _front_matter_end(lines: list[str]) -> int:
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))


def rename_related(text: str, old: str, new: str) -> str:
    """OLD under `related:` becomes NEW: block items ('- OLD', '- OLD: contrast') and flow lists."""
    lines = text.split("\n")
    end = _front_matter_end(lines)
    in_related = False
    for i in range(1, end):
        line = lines[i]
        if re.match(r"^related:\s*\[", line):
            lines[i] = re.sub(rf"(?<=[\[,\s]){re.escape(old)}(?=\s*[,\]:])", new, line)
            continue
        if re.match(r"^related:\s*(#.*)?$", line):
            in_related = True
            continue
        if in_related and re.match(r"^\S", line):
            in_related = False
        if in_related:
            lines[i] = re.sub(rf"^(\s*-\s+)(['\"]?){re.escape(old)}\2(?=\s*(:|#|$))", rf"\g<1>\g<2>{new}\g<2>", line)
    return "\n".join(lines)


def rename_in_body(text: str, old: str, new: str) -> str:
    """[[OLD]], [[OLD|text]] and [[OLD#section]] become NEW; links by title or alias need nothing."""
    lines = text.split("\n")
    end = _front_matter_end(lines) if lines and lines[0].rstrip() == "---" else -1
    head, body = lines[: end + 1], "\n".join(lines[end + 1 :])
    body = re.sub(rf"\[\[\s*{re.escape(old)}\s*(?=[|#\]])", f"[[{new}", body)
    return "\n".join(head + [body]) if head else body


def add_former_slug(text: str, old: str) -> str:
    """List OLD under `former_slugs:`, adding the field after the title if it is not there."""
    lines = text.split("\n")
    end = _front_matter_end(lines)
    for i in range(1, end):
        if re.match(r"^former_slugs:\s*\[\s*\]\s*$", lines[i]):
            lines[i] = f"former_slugs:\n  - {old}"
            return "\n".join(lines)
        if re.match(r"^former_slugs:\s*\[", lines[i]):
            lines[i] = re.sub(r"\]\s*$", f", {old}]", lines[i])
            return "\n".join(lines)
        if re.match(r"^former_slugs:\s*(#.*)?$", lines[i]):
            j = i + 1
            while j < end and re.match(r"^\s+-\s", lines[j]):
                j += 1
            lines.insert(j, f"  - {old}")
            return "\n".join(lines)
    title = next((i for i in range(1, end) if lines[i].startswith("title:")), 0)
    lines.insert(title + 1, f"former_slugs:   # old addresses that redirect here\n  - {old}")
    return "\n".join(lines)
