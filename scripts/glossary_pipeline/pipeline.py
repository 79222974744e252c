"""The stages run in order: load -> validate -> index -> generate. Used by the CLI and the MkDocs adapter."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .generate import GeneratedPage, generate_pages
from .index import Index, build_index
from .load import Layout, load_project
from .model import Corpus, Diagnostic
from .validate import validate_sources


@dataclass
class Result:
    """What a run produced: the problems found and, if there were no errors, the pages."""

    diagnostics: list[Diagnostic]
    files_checked: int
    corpus: Corpus | None = None
    index: Index | None = None
    pages: list[GeneratedPage] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def check_project(root: Path | str) -> Result:
    """Load and validate every content file; build nothing."""
    sources, diagnostics = load_project(Layout(Path(root)))
    unreadable = frozenset(d.path for d in diagnostics)
    corpus, problems = validate_sources(sources, unreadable)
    # Files that failed to load still count as checked.
    checked = len(sources) + len(unreadable)
    return Result(diagnostics + problems, checked, corpus)


def build_project(root: Path | str) -> Result:
    """Check, then index and generate the pages; no pages at all if any error was found."""
    result = check_project(root)
    if result.errors or result.corpus is None:
        return result
    result.index = build_index(result.corpus)
    result.pages = generate_pages(result.index)
    return result
