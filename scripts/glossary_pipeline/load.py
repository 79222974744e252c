"""Stage 1, load: read every content file, keeping the line and column of every field.

Nothing here judges the content; it only turns files into `SourceFile`s and reports
files that cannot be read at all (bad encoding, broken YAML, missing front matter).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .codes import Code
from .model import Diagnostic, SourceFile
from .yamlread import parse_yaml

MAX_FILE_BYTES = 512 * 1024  # a long entry is ~10 KB; anything this big is not an entry


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
    docs_dir: str = "docs"


def unreadable_slugs(unreadable: frozenset[str]) -> set[str]:
    """The slugs of the entries and articles that could not be read: links to them are taken to
    resolve, so one broken file is reported once. Other files (a hand-written page, say) name no slug."""
    folders = (Layout.glossary_dir + "/", Layout.articles_dir + "/")
    return {path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for path in unreadable if path.startswith(folders)}


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
    found += discover_pages(layout)
    if (layout.root / layout.bibliography).is_file():
        found.append((layout.bibliography, "bibliography"))
    if (layout.root / layout.contributors).is_file():
        found.append((layout.contributors, "contributors"))
    if (layout.root / layout.standards).is_file():
        found.append((layout.standards, "standards"))
    return found


def discover_pages(layout: Layout) -> list[tuple[str, str]]:
    """Hand-written pages, whose front matter is checked too: MkDocs shows broken front matter
    as text at the top of the page instead of failing the build."""
    base = layout.root / layout.docs_dir
    if not base.is_dir():
        return []
    pages = (path.relative_to(layout.root).as_posix() for path in sorted(base.rglob("*.md")))
    return [(rel, "page") for rel in pages if not any(part.startswith((".", "_")) for part in rel.split("/"))]


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
    if kind == "page" and not text.startswith("---"):
        return SourceFile(rel, kind, {}, {}, {}, {}, text.split("\n"), text, 1, newness(root / rel, False))
    if kind in ("entry", "article", "page"):
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
