"""Where each generated page lives. One place, so links, pages and redirects agree.

Source URIs (`glossary/transference.md`) are what Markdown links use: MkDocs checks and
rewrites them. Output URLs (`glossary/transference/`) are for raw HTML such as the
concept-map SVG, which no Markdown processor rewrites.
"""

from __future__ import annotations

import posixpath

AZ_URI = "glossary/index.md"
CATEGORIES_URI = "categories/index.md"
ARTICLES_URI = "articles/index.md"
BIBLIOGRAPHY_URI = "bibliography.md"


def entry_uri(slug: str) -> str:
    return f"glossary/{slug}.md"


def article_uri(slug: str) -> str:
    return f"articles/{slug}.md"


def list_uri(slug: str) -> str:
    return f"reading-lists/{slug}.md"


def category_uri(category: str) -> str:
    return f"categories/{category}.md"


def relative_path(to_uri: str, from_dir: str) -> str:
    """posixpath.relpath for clean relative paths, without its file-system work (a hot path)."""
    source = [p for p in from_dir.split("/") if p and p != "."]
    target = to_uri.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def link(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A relative link between two source pages, which MkDocs checks and rewrites."""
    here, _, _ = from_uri.rpartition("/")
    there, _, name = to_uri.rpartition("/")
    # Most links join two pages of one folder (entry to entry): then the link is the file name.
    rel = name if here == there else relative_path(to_uri, posixpath.dirname(from_uri))
    return rel + (f"#{anchor}" if anchor else "")


# Published pages are folders (glossary/x/) on the site; the pull-request preview, which opens
# from disk, uses files (glossary/x.html). The adapter sets this from the renderer's setting.
_directory_urls = True


def use_directory_urls(enabled: bool) -> None:
    global _directory_urls
    _directory_urls = bool(enabled)


def output_url(src_uri: str) -> str:
    """The URL a source page is published at: glossary/x.md -> glossary/x/ (or glossary/x.html)."""
    stem = src_uri[: -len(".md")]
    if not _directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_uri: str, to_uri: str) -> str:
    """A link between two published pages, for raw HTML: from glossary/a.md to glossary/b.md is ../b/."""
    if not _directory_urls:
        return relative_path(output_url(to_uri), posixpath.dirname(from_uri))
    here = output_url(from_uri)
    rel = relative_path(output_url(to_uri), here.rstrip("/")) or "."
    return rel if rel.endswith("/") or rel == "." else rel + "/"
