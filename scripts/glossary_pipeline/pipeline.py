"""The stages run in order: load -> validate -> index -> generate. Used by the CLI and the MkDocs adapter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .advice import advise

from .generate import GeneratedPage, generate_pages
from .index import Index, build_index
from .links import LinkResult, link_corpus
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
    links: LinkResult | None = None
    pages: list[GeneratedPage] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def check_project(root: Path | str, today: dt.date | None = None) -> Result:
    """Load, validate, index and link every content file; generate nothing."""
    sources, diagnostics = load_project(Layout(Path(root)))
    unreadable = frozenset(d.path for d in diagnostics)
    corpus, problems = validate_sources(sources, unreadable)
    # Files that failed to load still count as checked.
    result = Result(diagnostics + problems, len(sources) + len(unreadable), corpus)
    result.index = build_index(corpus)
    result.links = link_corpus(result.index)
    result.diagnostics += result.links.diagnostics
    result.diagnostics += advise(result.index, result.links, today or dt.date.today())
    return result


def build_project(root: Path | str) -> Result:
    """Check, then generate the pages; no pages at all if any error was found."""
    result = check_project(root)
    if not result.errors:
        result.pages = generate_pages(result.index, result.links)
    return result
