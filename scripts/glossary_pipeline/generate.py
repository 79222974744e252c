"""Stage 5, generate: Markdown pages from the finished index (entries: entrypage.py; the pages
that list others: indexpages.py; the article pages here).

The pages are plain Markdown with front matter (using the Markdown extensions
listed in mkdocs.yml: attr_list, admonition, details). They are handed to the
renderer in memory; nothing is written into docs/.
"""

from __future__ import annotations

import json

from .entrypage import render_entry_page, render_redirect
from .index import CATEGORIES, LEVELS, Index, article_minutes
from .indexpages import (
    render_articles_page,
    render_az_page,
    render_bibliography_page,
    render_categories_page,
    render_category_page,
    render_level_page,
)
from .links import LinkResult
from .markup import escape_text, front_matter
from .model import Article, GeneratedPage
from .pageparts import no_autolink, reading_paths, references
from .provenance import render_changes_page, render_citation_box, version_date
from .schema import SCHEMA_FILES, load_schema
from .urls import article_uri, schema_uri


def generate_pages(
    index: Index, links: LinkResult, site_name: str = "", site_url: str = "", repo_url: str = ""
) -> list[GeneratedPage]:
    """Every generated page of the glossary proper (reading lists and exports come from their own modules)."""
    pages = [render_entry_page(index, links, entry, site_url, site_name, repo_url) for entry in index.entries]
    pages += [render_redirect(index, entry, old) for entry in index.entries for old in entry.former_slugs]
    pages.append(render_az_page(index, site_name, site_url))
    pages += [render_level_page(index, level) for level in LEVELS if any(e.level == level for e in index.entries)]
    pages.append(render_categories_page(index))
    pages += [render_category_page(index, c) for c in CATEGORIES if index.by_category.get(c)]
    articles = sorted(index.corpus.articles.values(), key=lambda a: (a.order, a.slug))
    pages += [render_article_page(index, links, a, site_name, site_url) for a in articles]
    pages.append(render_changes_page(index, repo_url))
    pages.append(render_articles_page(articles))
    pages.append(render_bibliography_page(index))
    pages += [
        GeneratedPage(schema_uri(name), json.dumps(load_schema(kind), indent=2, ensure_ascii=False) + "\n")
        for kind, name in SCHEMA_FILES.items()
    ]  # published, so editors can check files as they are typed
    return pages


def render_article_page(
    index: Index, links: LinkResult, article: Article, site_name: str = "", site_url: str = ""
) -> GeneratedPage:
    here = article_uri(article.slug)
    meta: dict[str, object] = {
        "title": article.title,
        "description": article.summary,
        "glossary": {"kind": "article", "slug": article.slug},
    }
    if not article.autolink:
        meta["autolink"] = False
    out = [
        front_matter(meta),
        f"# {escape_text(article.title)}\n",
        no_autolink(f"Article · Reading time: {article_minutes(article)} min\n{{ .glossary-facts }}\n"),
        f"{escape_text(article.summary)}\n{{ .glossary-summary }}\n",
        links.bodies.get(f"article:{article.slug}", article.body).strip("\n") + "\n",
    ]
    out += reading_paths(index, f"article:{article.slug}", here)
    out += references(index, here, article.references)
    out.append(
        render_citation_box(
            article.title,
            f"article-{article.slug}",
            here,
            site_name,
            site_url,
            version_date(index, article.source.path),
        )
    )
    return GeneratedPage(here, "\n".join(out), article.source.path)
