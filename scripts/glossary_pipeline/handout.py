"""Handouts: the printable form of entries, articles and reading lists, rendered once at build time.

One renderer for every handout: a curated reading list's page, the reading-list builder
(which fetches the same fragments), and a single entry's print. An item carries the
entry's own text (summary, body, key points, misconceptions, questions) and nothing
generated around it (no link lists, maps or empty headings). Links are absolute to the
published site, so a printed or saved handout still leads somewhere; the handout ends with
one reference list and, if the trainer chooses, an answer key.

Answers are printed one of three ways, chosen by the trainer with the same control in
every place: hidden, under each question, or in a key at the end (`ANSWER_MODES`; the
handout's `data-answers` attribute, set by assets/handout.js).
"""

from __future__ import annotations

import functools
import io
import json
import posixpath
import re
from dataclasses import dataclass
from html import escape

from .index import Index, article_minutes, entry_minutes, work_order
from .linkfill import body_html
from .links import LinkResult
from .markup import format_citation
from .model import Entry, GeneratedPage
from .parse import render_markdown
from .sanitize import sanitize_html
from .urls import HANDOUTS_INDEX_URI as INDEX_URI, absolute_url, article_uri, entry_uri, fragment_uri

ANSWER_MODES = {"key": "in a key at the end", "inline": "under each question", "none": "not printed"}
DEFAULT_ANSWERS = "key"

_HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_HEADING_RE = re.compile(r"<(/?)h([1-6])\b")
_ID_RE = re.compile(r'\s(?:id)="[^"]*"')
_HREF_RE = re.compile(r'href="([^"]*)"')


@dataclass(frozen=True)
class Question:
    number: str  # "2.1": item 2, question 1
    question: str
    answer: str
    item: str = ""  # the item's title, which tells apart items of the same number in different sections


def _absolute_links(html: str, here: str, site_url: str) -> str:
    """Relative links between source pages (as the link stage writes them) become published addresses."""

    def rewrite(match: re.Match[str]) -> str:
        href = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
            return match.group(0)
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
        if not target.endswith(".md"):
            return match.group(0)
        return f'href="{escape(absolute_url(site_url, target, anchor), quote=True)}"'

    return _HREF_RE.sub(rewrite, html)


def render_text(markdown_text: str, here: str, site_url: str, shift: int = 1) -> str:
    """Markdown as the site renders it, made fit for a handout (see `fit_for_handout`)."""
    return fit_for_handout(render_markdown(markdown_text)[0], here, site_url, shift)


def fit_for_handout(html: str, here: str, site_url: str, shift: int = 1) -> str:
    """Rendered HTML made fit for a handout: headings as styled paragraphs one level down (a
    handout sits, print-only, inside a page whose search entry must not take its headings as
    the page's sections), no permalink marks or ids, links to the published site."""
    html = _HEADERLINK_RE.sub("", html)
    html = _HEADING_RE.sub(
        lambda m: "</p" if m.group(1) else f'<p class="handout-h{min(int(m.group(2)) + shift, 6)}"', html
    )
    html = _ID_RE.sub("", html)
    return _absolute_links(html, here, site_url)


@functools.lru_cache(maxsize=4096)
def citation_html(citation_markdown: str) -> str:
    """A formatted reference as HTML; each work is cited by many items, so it is rendered once."""
    return render_text(citation_markdown, "bibliography.md", "", shift=0)


def html_list(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>"


def entry_questions(entry: Entry, number: int) -> list[Question]:
    return [Question(f"{number}.{i}", q.question, q.answer, entry.title) for i, q in enumerate(entry.questions, 1)]


def render_entry_item(index: Index, links: LinkResult, entry: Entry, site_url: str) -> str:
    """One entry as a handout item: its own text and learning aids, nothing generated around it."""
    return _entry_item(
        entry.slug,
        entry.title,
        entry.summary,
        body_html(index, links, f"entry:{entry.slug}", entry.body, entry_uri(entry.slug)),
        tuple(entry.key_points),
        tuple((m.misconception, m.correction) for m in entry.misconceptions),
        tuple((q.question, q.answer) for q in entry.questions),
        entry_minutes(index, entry),
        site_url,
    )


@functools.lru_cache(maxsize=8192)
def _entry_item(
    slug: str,
    title: str,
    summary: str,
    body: str,  # as HTML
    key_points: tuple[str, ...],
    misconceptions: tuple[tuple[str, str], ...],
    questions: tuple[tuple[str, str], ...],
    minutes: int,
    site_url: str,
) -> str:
    # Cached: the entry's page and the builder's fragment print the same item (one render, two uses).
    here = entry_uri(slug)
    # Items are numbered by the print style (a CSS counter), so one fragment serves every list.
    parts = [
        f'<div class="handout-item" data-slug="{escape(slug)}">',
        f'<p class="handout-h2 handout-item-title">{escape(title)}</p>',
        f'<p class="handout-meta">{minutes} min · '
        f'<span class="handout-url">{escape(absolute_url(site_url, here))}</span></p>',
        f'<p class="handout-summary">{escape(summary)}</p>',
        fit_for_handout(body, here, site_url),
    ]
    if key_points:
        parts += ['<p class="handout-h3">Key points</p>', html_list(list(key_points))]
    if misconceptions:
        parts.append('<p class="handout-h3">Common misconceptions</p><dl class="handout-misconceptions">')
        parts += [f"<dt>{escape(wrong)}</dt><dd>{escape(right)}</dd>" for wrong, right in misconceptions]
        parts.append("</dl>")
    if questions:
        parts.append(render_questions([Question(f"1.{i}", q, a) for i, (q, a) in enumerate(questions, 1)]))
    parts.append("</div>")
    return sanitize_html("\n".join(parts))


def render_questions(questions: list[Question], heading: str = "Check your understanding") -> str:
    items = "".join(
        f'<li><span class="handout-question">{escape(q.question)}</span>'
        f'<p class="handout-answer">Answer: {escape(q.answer)}</p></li>'
        for q in questions
    )
    return f'<p class="handout-h3">{escape(heading)}</p><ol class="handout-questions">{items}</ol>'


def render_article_item(links: LinkResult, index: Index, slug: str, site_url: str) -> str:
    article = index.corpus.articles[slug]
    here = article_uri(slug)
    body = body_html(index, links, f"article:{slug}", article.body, here)
    return sanitize_html(
        "\n".join(
            [
                f'<div class="handout-item" data-article="{escape(slug)}">',
                f'<p class="handout-h2 handout-item-title">{escape(article.title)}</p>',
                f'<p class="handout-meta"><span class="handout-url">{escape(absolute_url(site_url, here))}</span></p>',
                fit_for_handout(body, here, site_url),
                "</div>",
            ]
        )
    )


def render_work_item(index: Index, key: str, note: str = "") -> str:
    citation = citation_html(format_citation(index.corpus.works[key]))
    extra = f'<p class="handout-note">{escape(note)}</p>' if note else ""
    return sanitize_html(
        f'<div class="handout-item handout-work" data-work="{escape(key)}">'
        f'<p class="handout-h2 handout-item-title">A reading from the bibliography</p>{citation}{extra}</div>'
    )


def render_references(index: Index, keys: list[str]) -> str:
    """One reference list for the whole handout, in the site's order (author, then year)."""
    works = sorted({k: index.corpus.works[k] for k in keys if k in index.corpus.works}.values(), key=work_order)
    if not works:
        return ""
    items = "".join(f"<li>{citation_html(format_citation(w))}</li>" for w in works)
    return sanitize_html(f'<div class="handout-references"><p class="handout-h2">References</p><ul>{items}</ul></div>')


def render_answer_key(questions: list[Question]) -> str:
    if not questions:
        return ""
    items = "".join(
        f"<li><strong>{escape(q.number)}</strong> ({escape(q.item)}) {escape(q.answer)}</li>"
        if q.item
        else f"<li><strong>{escape(q.number)}</strong> {escape(q.answer)}</li>"
        for q in questions
    )
    return f'<div class="handout-key"><p class="handout-h2">Answer key</p><ul>{items}</ul></div>'


def qr_svg(url: str, size: int = 96) -> str:
    """The address as a QR code, drawn here (no network): an SVG a phone camera can read from paper.

    Drawn at one unit a module, with a viewBox, and coloured by the stylesheet: the sanitiser
    lets no transform or stroke attribute through.
    """
    import segno

    qr = segno.make(url, error="m")
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=1,
        border=2,
        svgclass="handout-qr",
        lineclass=None,
        title=f"QR code: {url}",
    )
    side = qr.symbol_size(scale=1, border=2)[0]
    svg = out.getvalue().decode("utf-8")
    return re.sub(
        r'width="\d+" height="\d+"', f'width="{size}" height="{size}" viewBox="0 0 {side} {side}"', svg, count=1
    )


def render_handout_header(
    title: str, url: str, site_name: str, date: str, licence: dict[str, str], qr: bool = True
) -> str:
    """What every handout's first page says: which list, where it lives (as text and, for lists,
    as a QR code), when, and under which licence."""
    return (
        f'<div class="handout-header"><div class="handout-header__text">'
        f'<p class="handout-title">{escape(title)}</p>'
        f"<p>{' · '.join(escape(part) for part in (site_name, date) if part)}{' · ' if site_name or date else ''}"
        f"text licensed under {escape(licence['name'])} ({escape(licence['url'])})</p>"
        f'<p class="handout-url">{escape(url)}</p></div>{qr_svg(url) if qr else ""}</div>'
    )


def render_answer_choice(default: str = DEFAULT_ANSWERS) -> str:
    """Where the trainer chooses how answers print. The sanitiser keeps form controls out of
    page content, so assets/handout.js draws the choice here; without JavaScript this
    sentence says what the handout does."""
    return (
        f'<p class="handout-choice screen-only">When printed, the answers to the questions are '
        f"{escape(ANSWER_MODES[default])}.</p>\n"
    )


def handout_index(index: Index) -> GeneratedPage:
    """What the builder offers: entries (with former slugs, so old links still work), articles and works."""
    data = {
        "entries": [
            {
                "slug": e.slug,
                "title": e.title,
                "aliases": e.aliases,
                "summary": e.summary,
                "minutes": entry_minutes(index, e),
                "former_slugs": e.former_slugs,
                "references": e.references,
                "fragment": fragment_uri("entry", e.slug),
            }
            for e in index.entries
        ],
        "articles": [
            {
                "slug": a.slug,
                "title": a.title,
                "fragment": fragment_uri("article", a.slug),
                "minutes": article_minutes(a),
                "references": a.references,
            }
            for a in sorted(index.corpus.articles.values(), key=lambda a: a.order)
        ],
        "works": [
            {"id": w.key, "citation": citation_html(format_citation(w))}
            for w in sorted(index.corpus.works.values(), key=work_order)
        ],
    }
    return GeneratedPage(INDEX_URI, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def generate_fragments(index: Index, links: LinkResult, site_url: str) -> list[GeneratedPage]:
    """A handout fragment per entry and article, which the builder fetches and assembles."""
    pages = [
        # The answers too, for the builder's answer key (the index every builder visit loads stays small).
        GeneratedPage(
            fragment_uri("entry", e.slug),
            json.dumps(
                {"html": render_entry_item(index, links, e, site_url), "answers": [q.answer for q in e.questions]}
            ),
        )
        for e in index.entries
    ]
    pages += [
        GeneratedPage(
            fragment_uri("article", slug), json.dumps({"html": render_article_item(links, index, slug, site_url)})
        )
        for slug in index.corpus.articles
    ]
    pages.append(handout_index(index))
    return pages
