"""`glossary new "Title"`: start an entry from the template, refusing names already in use."""

from __future__ import annotations

import datetime as dt
import unicodedata
from importlib import resources
from pathlib import Path
from string import Template

from .load import Layout, load_project
from .validate import normalise_term, slugify, validate_sources


class ScaffoldError(Exception):
    """The entry cannot be created; the message says why."""


def create_entry(root: Path, title: str, author: str = "your-id", today: dt.date | None = None) -> Path:
    """Write glossary/<slug>.md from the template and return its path."""
    title = " ".join(title.split())
    if len(title) < 2 or any(c in title for c in "<>[]{}`*_"):
        raise ScaffoldError("give a plain-text title of at least two characters, e.g. TITLE=\"Projective identification\"")
    slug = slugify(title)
    layout = Layout(root)
    sources, _ = load_project(layout)
    corpus, _ = validate_sources(sources)
    folded = {unicodedata.normalize("NFKC", s).casefold(): s for s in corpus.entries}
    if slug in folded:
        raise ScaffoldError(f"an entry with the slug '{slug}' exists: {corpus.entries[folded[slug]].source.path}")
    for entry in corpus.entries.values():
        names = [entry.title, *entry.aliases]
        if normalise_term(title) in map(normalise_term, names):
            raise ScaffoldError(f"'{title}' is already the title or an alias of {entry.source.path}: edit that entry instead")
        if slug in entry.former_slugs:
            raise ScaffoldError(f"'{slug}' is a former slug of {entry.source.path}, and its address redirects there")
    target = root / layout.glossary_dir / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(root)} exists")
    template = resources.files(__package__).joinpath("templates", "entry.md").read_text(encoding="utf-8")
    text = Template(template).substitute(title=title, author=author, today=(today or dt.date.today()).isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite a file that appeared meanwhile
        out.write(text)
    return target
