"""Slugs and terms: how file names become slugs, and how titles and aliases are compared.

Shared by every stage that names an entry (validation, the index, links, scaffolding).
"""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def normalise_term(text: str) -> str:
    """The form in which titles and aliases are compared: case and spacing ignored."""
    return " ".join(text.casefold().split())


def slugify(text: str) -> str:
    """A slug from a title: 'Defence mechanism' -> 'defence-mechanism'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entry"


def slug_hint(slug: str, suffix: str) -> str:
    """How to rename a file; non-ASCII letters are named, since some look exactly like Latin ones."""
    foreign = [c for c in slug if not c.isascii()]
    if foreign:
        names = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unknown')})" for c in dict.fromkeys(foreign))
        return f"the name contains {names}; use only a-z, 0-9 and hyphens"
    return f"rename the file to '{slugify(slug)}{suffix}' (lowercase words joined by hyphens)"
