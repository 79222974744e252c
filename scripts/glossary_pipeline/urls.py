"""Where each generated page and file lives. One place, so links, pages, redirects and scripts agree.

Source URIs (`glossary/transference.md`) are what Markdown links use: MkDocs checks and
rewrites them. Output URLs (`glossary/transference/`) are for raw HTML such as the
concept-map SVG, which no Markdown processor rewrites, and for the addresses the build
hands to the site's scripts (the builder reads them from its page's data- attributes).
"""

from __future__ import annotations

import posixpath

AZ_URI = "glossary/index.md"
CATEGORIES_URI = "categories/index.md"
ARTICLES_URI = "articles/index.md"
BIBLIOGRAPHY_URI = "bibliography.md"
CHANGES_URI = "changes.md"
LISTS_URI = "reading-lists/index.md"
BUILDER_URI = "reading-lists/builder.md"
RELEASES_URI = "releases/index.md"  # the Versions page, at /releases/; each release lives below it
RELEASES_FOLDER = "releases/"
RELEASES_JSON_URI = "releases.json"
RELEASES_SCHEMA_URI = "schemas/releases.schema.json"
EXPORT_URI = "glossary.json"
EXPORT_SCHEMA_URI = "schemas/glossary-export.schema.json"
HANDOUTS_DIR = "handouts"
HANDOUTS_INDEX_URI = "handouts/index.json"  # handout.py writes it; the builder reads it

# The trainers' downloads (downloads.py) and the page that lists them.
DOWNLOADS_URI = "downloads.md"
MOODLE_URI = "downloads/glossary-moodle.xml"
GIFT_URI = "downloads/glossary-quiz.gift.txt"
ANKI_URI = "downloads/glossary.apkg"
CSV_URI = "downloads/glossary.csv"
TSV_URI = "downloads/glossary.tsv"
RIS_URI = "downloads/bibliography.ris"
BIBTEX_URI = "downloads/bibliography.bib"
CSL_URI = "downloads/bibliography.json"

REF_PREFIX = "ref-"  # the id of a work's item in a page's reference list (citations link to it)

# Sections every entry page may have besides those in its body: entrypage.py writes these
# headings, and links to an entry's section (links.py) may name them.
KEY_POINTS = "Key points"
MISCONCEPTIONS = "Common misconceptions"
CHECK_UNDERSTANDING = "Check your understanding"
READ_NEXT = "What to read next"
ALSO_CONNECTED = "Also connected"
CONCEPT_MAP = "Concept map"
REFERENCES = "References"
ENTRY_SECTIONS = [KEY_POINTS, MISCONCEPTIONS, CHECK_UNDERSTANDING, READ_NEXT, ALSO_CONNECTED, CONCEPT_MAP, REFERENCES]


def entry_uri(slug: str) -> str:
    return f"glossary/{slug}.md"


def article_uri(slug: str) -> str:
    return f"articles/{slug}.md"


def list_uri(slug: str) -> str:
    return f"reading-lists/{slug}.md"


def category_uri(category: str) -> str:
    return f"categories/{category}.md"


def level_uri(level: str) -> str:
    return f"levels/{level}.md"


def schema_uri(name: str) -> str:
    return f"schemas/{name}"


def redirect_uri(old_slug: str) -> str:
    """A renamed entry's old address: a plain HTML page in the folder the old page was published as."""
    return f"glossary/{old_slug}/index.html"


def fragment_uri(kind: str, slug: str) -> str:
    """A reading's handout fragment, which the builder fetches."""
    # JSON, not .html: a fragment is not a page (no disclaimer, no navigation) and must not open as one.
    return f"{HANDOUTS_DIR}/{'entries' if kind == 'entry' else kind + 's'}/{slug}.json"


def release_path(date: str) -> str:
    """Where a dated version lives, relative to the current site's root."""
    return f"{RELEASES_FOLDER}{date}/"


def ref_anchor(work_key: str) -> str:
    """The id of a work in a page's reference list."""
    return REF_PREFIX + work_key


def work_anchor(work_key: str) -> str:
    """The id of a work on the bibliography page."""
    return work_key


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
    """The URL a source page is published at: glossary/x.md -> glossary/x/ (or glossary/x.html).
    Anything but a Markdown page is published at its own path."""
    if not src_uri.endswith(".md"):
        return src_uri.removesuffix("index.html") if src_uri.endswith("/index.html") else src_uri
    stem = src_uri[: -len(".md")]
    if not _directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def absolute_url(site_url: str, src_uri: str, anchor: str = "", root: str = "/") -> str:
    """A page's published address: absolute when the site's address is known, else from `root`."""
    base = site_url.rstrip("/") + "/" if site_url else root
    return base + output_url(src_uri) + (f"#{anchor}" if anchor else "")


def relative_url(from_uri: str, to_uri: str) -> str:
    """A link between two published pages, for raw HTML: from glossary/a.md to glossary/b.md is ../b/."""
    if not _directory_urls:
        return relative_path(output_url(to_uri), posixpath.dirname(from_uri))
    here = output_url(from_uri)
    rel = relative_path(output_url(to_uri), here.rstrip("/")) or "."
    return rel if rel.endswith("/") or rel == "." or not to_uri.endswith(".md") else rel + "/"


def root_url(from_uri: str) -> str:
    """The site's root, relative to a published page: '../../' from reading-lists/builder/."""
    here = output_url(from_uri)
    depth = here.count("/") if _directory_urls else from_uri.count("/")
    return "../" * depth or "./"
