"""`glossary new "Title"`: start an entry from the template, refusing names already in use."""

from __future__ import annotations

import datetime as dt
import unicodedata
from importlib import resources
from pathlib import Path
import subprocess

from .load import Layout, load_project
from .model import Corpus
from .similar import near_key
from .names import normalise_term, slugify
from .validate import validate_sources


class ScaffoldError(Exception):
    """The entry cannot be created; the message says why."""


def git_user_name(root: Path) -> str:
    """The name in `git config user.name`, or '' without git or a name."""
    try:
        return subprocess.run(
            ["git", "-C", str(root), "config", "user.name"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def fill_template(template: str, title: str, author: str, today: str) -> str:
    """The template with its three placeholders filled; the web editor's copy keeps them, and the check flags them."""
    return template.replace("$title", title).replace("$author", author).replace("$today", today)


def read_corpus(root: Path) -> Corpus:
    """The content as it stands (read once by `glossary new`, for every question it asks)."""
    sources, _ = load_project(Layout(root))
    return validate_sources(sources)[0]


def check_new_title(root: Path, title: str, corpus: Corpus | None = None) -> str:
    """The new entry's slug; refuses a title or slug that an entry already uses."""
    title = " ".join(title.split())
    if len(title) < 2 or any(c in title for c in "<>[]{}`*_$"):
        raise ScaffoldError(
            'give a plain-text title of at least two characters, e.g. TITLE="Projective identification"'
        )
    slug = slugify(title)
    corpus = corpus or read_corpus(root)
    folded = {unicodedata.normalize("NFKC", s).casefold(): s for s in corpus.entries}
    if slug in folded:
        raise ScaffoldError(f"an entry with the slug '{slug}' exists: {corpus.entries[folded[slug]].source.path}")
    for entry in corpus.entries.values():
        names = [entry.title, *entry.aliases]
        if normalise_term(title) in map(normalise_term, names):
            raise ScaffoldError(
                f"'{title}' is already the title or an alias of {entry.source.path}: edit that entry instead"
            )
        if slug in entry.former_slugs:
            raise ScaffoldError(f"'{slug}' is a former slug of {entry.source.path}, and its address redirects there")
    if (root / Layout(root).glossary_dir / f"{slug}.md").exists():
        raise ScaffoldError(f"{Layout(root).glossary_dir}/{slug}.md exists")
    return slug


def near_duplicates(root: Path, title: str, corpus: Corpus | None = None) -> list[str]:
    """Entries whose title or an alias is the new title spelt another way ('Ödipus complex')."""
    key = near_key(title)
    found: list[str] = []
    for entry in (corpus or read_corpus(root)).entries.values():
        match = next((name for name in [entry.title, *entry.aliases] if near_key(name) == key), None)
        if match:
            found.append(
                f"{entry.source.path} is '{entry.title}'"
                + (f" (alias '{match}')" if match != entry.title else "")
                + ": if it is the same term, edit that entry instead"
            )
    return found


def create_entry(
    root: Path, title: str, author: str = "your-id", today: dt.date | None = None, corpus: Corpus | None = None
) -> Path:
    """Write glossary/<slug>.md from the template and return its path."""
    title = " ".join(title.split())
    slug = check_new_title(root, title, corpus)
    target = root / Layout(root).glossary_dir / f"{slug}.md"
    template = resources.files(__package__).joinpath("templates", "entry.md").read_text(encoding="utf-8")
    text = fill_template(template, title, author, (today or dt.date.today()).isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite a file that appeared meanwhile
        out.write(text)
    return target


def resolve_author(root: Path, corpus: Corpus | None = None) -> tuple[str, str]:
    """The author's contributor id, from `git config user.name`, and what was done about it.

    A name already in content/contributors.yaml gives its id; a new name is added there
    (as a person, with no role yet), so the review record names a listed contributor.
    Without a git name the id stays 'your-id', which the check refuses until replaced.
    """
    name = " ".join(git_user_name(root).split())
    if not name:
        return "your-id", (
            "No name in 'git config user.name': replace 'your-id' in the review record with your id "
            "from content/contributors.yaml (add yourself there first)."
        )
    layout = Layout(root)
    path = root / layout.contributors
    corpus = corpus or read_corpus(root)
    for contributor in (corpus.contributors or {}).values():
        if contributor.name.casefold() == name.casefold():
            return contributor.id, f"The review record names you as '{contributor.id}' ({contributor.name})."
    author = slugify(name)
    if corpus.contributors and author in corpus.contributors:
        return author, f"The review record names you as '{author}'."
    if path.is_file() and name.isprintable() and not any(c in name for c in "<>[]{}`*_:#\"'"):
        with path.open("a", encoding="utf-8") as out:
            out.write(f"  - id: {author}\n    name: {name}\n    kind: person\n")
        return author, f"Added you to {layout.contributors} as '{author}' ({name}); add a role there if you like."
    return author, f"Add yourself to {layout.contributors} with the id '{author}'."
