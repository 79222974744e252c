"""`check --fix`: apply the unambiguous fixes, editing only the characters concerned.

Edits are made on the file's text, not by re-serialising YAML, so comments, key order,
quoting style, line endings and a byte-order mark all survive.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .model import Diagnostic, Edit


def apply_fixes(root: Path, diagnostics: list[Diagnostic]) -> dict[str, int]:
    """Apply every fix; return how many edits were made per file."""
    by_file: dict[str, list[Edit]] = defaultdict(list)
    for diagnostic in diagnostics:
        by_file[diagnostic.path].extend(diagnostic.fix)
    applied = {}
    for rel, edits in sorted(by_file.items()):
        if edits:
            applied[rel] = apply_edits(root / rel, edits)
    return applied


def apply_edits(path: Path, edits: list[Edit]) -> int:
    """Apply non-overlapping edits to one file, last first so earlier positions stay valid."""
    text, style = read_for_editing(path)
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    flat = "\n".join(lines)

    def offset(line: int, col: int) -> int:
        return min(starts[line - 1] + col - 1, len(flat)) if line <= len(lines) else len(flat)

    done, last_start = 0, len(flat) + 1
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end), reverse=True):
        begin, end = offset(edit.start.line, edit.start.col), offset(edit.end.line, edit.end.col)
        if end > last_start:
            continue  # overlaps an edit already made: leave it for the next run
        flat = flat[:begin] + edit.text + flat[end:]
        last_start, done = begin, done + 1
    write_edited(path, flat, style)
    return done


def read_for_editing(path: Path) -> tuple[str, tuple[bool, str]]:
    """A file's text with '\\n' line endings, and its style (byte-order mark, line ending) to write it back in."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n"), (raw.startswith(b"\xef\xbb\xbf"), "\r\n" if "\r\n" in text else "\n")


def write_edited(path: Path, text: str, style: tuple[bool, str]) -> None:
    """Write edited text back in the file's own style, so an edit changes only what it meant to."""
    bom, newline = style
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8"))
