"""Plain text survives the trip through Markdown unchanged; links are relative and checked by MkDocs."""

from __future__ import annotations

import markdown
import pytest

from glossary_pipeline.markup import escape_text, format_citation
from glossary_pipeline.urls import link, relative_url
from glossary_pipeline.model import Work


def render_inline(md: str) -> str:
    html = markdown.markdown(md, extensions=["attr_list", "tables"])
    return html.removeprefix("<p>").removesuffix("</p>")


@pytest.mark.parametrize(
    "text, html",
    [
        ("Transference", "Transference"),
        ("client & therapist", "client &amp; therapist"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
        ("*not emphasis* and _not_ either", "*not emphasis* and _not_ either"),
        ("`not code`", "`not code`"),
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
        ("1990. Not a numbered list", "1990. Not a numbered list"),
        ("a { .class } attribute list", "a { .class } attribute list"),
        ("pipes | stay", "pipes | stay"),
        ("+ not a list either", "+ not a list either"),
        ("= not an underline", "= not an underline"),
        ("back\\slash", "back\\slash"),
        ("line\nbreaks collapse", "line breaks collapse"),
    ],
)
def test_escape_text_renders_as_the_same_text(text, html):
    assert render_inline(escape_text(text)) == html


@pytest.mark.parametrize(
    "source, target, anchor, expected",
    [
        ("glossary/transference.md", "glossary/countertransference.md", "", "countertransference.md"),
        ("glossary/transference.md", "bibliography.md", "freud1914", "../bibliography.md#freud1914"),
        ("glossary/index.md", "glossary/unconscious.md", "", "unconscious.md"),
        ("categories/core-concept.md", "glossary/index.md", "", "../glossary/index.md"),
        ("bibliography.md", "articles/overview.md", "", "articles/overview.md"),
    ],
)
def test_link_is_relative_between_source_pages(source, target, anchor, expected):
    assert link(source, target, anchor) == expected


def test_citation_style_with_doi():
    work = Work(
        "shedler2010",
        "Shedler, J.",
        2010,
        "The efficacy of psychodynamic psychotherapy",
        "American Psychologist, 65(2), 98-109",
        doi="10.1037/a0018378",
    )
    assert format_citation(work) == (
        "Shedler, J. (2010). *The efficacy of psychodynamic psychotherapy*. "
        "American Psychologist, 65(2), 98-109. "
        "[doi:10\\.1037/a0018378](https://doi.org/10.1037/a0018378){ .doi }"
    )  # the escape renders as a full stop


@pytest.mark.parametrize(
    "authors, short",
    [
        ("Abbass, A. A., Kisely, S. R., Town, J. M., & Crowe, E.", "Abbass, A. A., et al."),
        ("Abbass, A. A., & Town, J. M.", "Abbass, A. A., & Town, J. M."),
        ("Lemma, A., Target, M., & Fonagy, P.", "Lemma, A., Target, M., & Fonagy, P."),
        ("National Institute for Health and Care Excellence", "National Institute for Health and Care Excellence"),
    ],
)
def test_page_reference_lists_name_up_to_three_authors(authors, short):
    from glossary_pipeline.markup import short_authors

    assert short_authors(authors) == short
    work = Work("w", authors, 2014, "A title", "A journal")
    assert format_citation(work, short=True).startswith(short.replace("&", "&amp;") + " (2014)")
    assert format_citation(work).startswith(
        authors.replace("&", "&amp;") + " (2014)"
    )  # the bibliography names everyone


@pytest.mark.parametrize(
    "source, target, expected",
    [
        ("glossary/transference.md", "glossary/countertransference.md", "../countertransference/"),
        ("glossary/transference.md", "glossary/index.md", "../"),
        ("glossary/transference.md", "bibliography.md", "../../bibliography/"),
        ("index.md", "glossary/unconscious.md", "glossary/unconscious/"),
    ],
)
def test_relative_url_between_published_pages(source, target, expected):
    assert relative_url(source, target) == expected
