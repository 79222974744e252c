"""In-text citations: which texts cite which of a page's works, and how the page links them."""

from __future__ import annotations

import markdown
import pytest

from glossary_pipeline.autolink import AutolinkExtension, AutolinkState
from glossary_pipeline.citations import CitationMatcher, parse_authors
from glossary_pipeline.links import TermMatcher
from glossary_pipeline.model import Work
from glossary_pipeline.parse import SITE_EXTENSION_CONFIGS, SITE_EXTENSIONS, SiteMarkupExtension
from glossary_pipeline.sanitize import audit_html


def work(key: str, authors: str, year: int | str) -> Work:
    return Work(key, authors, year, "A title", "A venue")


WORKS = [
    work("freud1914", "Freud, S.", 1914),
    work("freud1915a", "Freud, S.", "1915a"),
    work("freud1915b", "Freud, S.", "1915b"),
    work("afreud1936", "Freud, A.", 1936),
    work("sfreud1936", "Freud, S.", 1936),
    work("breuer_freud1895", "Breuer, J., & Freud, S.", 1895),
    work("grunbaum1984", "Grünbaum, A.", 1984),
    work("shedler2010", "Shedler, J.", 2010),
    work("leichsenring2015", "Leichsenring, F., Leweke, F., Klein, S., & Steinert, C.", 2015),
    work("leichsenring_rabung2015", "Leichsenring, F., & Rabung, S.", 2015),
    work("lemma2011", "Lemma, A., Target, M., & Fonagy, P.", 2011),
    work("fonagy2011", "Fonagy, P.", 2011),
    work("levenson1995", "Levenson, H.", 1995),
    work("levenson2003", "Levenson, H.", 2003),
    work("nice2022", "National Institute for Health and Care Excellence (NICE)", 2022),
    work("connolly2016", "Connolly Gibbons, M. B., Gallop, R., & Thompson, D.", 2016),
    work("tummala2015", "Tummala-Narra, P.", 2015),
    work("demaat2009", "de Maat, S., de Jonghe, F., Schoevers, R., & Dekker, J.", 2009),
    work("vaillant1986", "Vaillant, G. E., Bond, M., & Vaillant, C. O.", 1986),
    work("alexander1946", "Alexander, F., French, T. M., et al.", 1946),
]
MATCHER = CitationMatcher(WORKS)


@pytest.mark.parametrize(
    "authors, surnames, initials, more, short",
    [
        ("Freud, S.", ["Freud"], ["S."], False, ""),
        ("Breuer, J., & Freud, S.", ["Breuer", "Freud"], ["J.", "S."], False, ""),
        ("Laplanche, J., & Pontalis, J.-B.", ["Laplanche", "Pontalis"], ["J.", "J.-B."], False, ""),
        (
            "Ainsworth, M. D. S., Blehar, M. C., Waters, E., & Wall, S.",
            ["Ainsworth", "Blehar", "Waters", "Wall"],
            ["M. D. S.", "M. C.", "E.", "S."],
            False,
            "",
        ),
        ("Alexander, F., French, T. M., et al.", ["Alexander", "French"], ["F.", "T. M."], True, ""),
        ("Driessen, E., Van, H. L., Don, F. J.", ["Driessen", "Van", "Don"], ["E.", "H. L.", "F. J."], False, ""),
        ("Wu, L., & Ng, K.", ["Wu", "Ng"], ["L.", "K."], False, ""),  # two-letter surnames are not initials
        (
            "National Institute for Health and Care Excellence (NICE)",
            ["National Institute for Health and Care Excellence"],
            [""],
            False,
            "NICE",
        ),
    ],
)
def test_author_lists_are_read_as_surnames_and_initials(authors, surnames, initials, more, short):
    found, et_al, short_name = parse_authors(authors)
    assert [a.surname for a in found] == surnames
    assert [a.initials for a in found] == initials
    assert (et_al, short_name) == (more, short)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Bracketed, one or several works, with "&", "and" or "et al."
        ("(Freud, 1914)", [("Freud, 1914", "freud1914")]),
        ("(Freud 1914)", [("Freud 1914", "freud1914")]),
        ("(see Freud, 1914, p. 150)", [("Freud, 1914", "freud1914")]),
        ("(e.g., Freud, 1914)", [("Freud, 1914", "freud1914")]),
        ("(Breuer & Freud, 1895)", [("Breuer & Freud, 1895", "breuer_freud1895")]),
        ("(Breuer and Freud, 1895)", [("Breuer and Freud, 1895", "breuer_freud1895")]),
        ("(Breuer &amp; Freud, 1895)", [("Breuer &amp; Freud, 1895", "breuer_freud1895")]),
        (
            "(Shedler, 2010; Leichsenring et al., 2015)",
            [("Shedler, 2010", "shedler2010"), ("Leichsenring et al., 2015", "leichsenring2015")],
        ),
        ("(Lemma, Target & Fonagy, 2011)", [("Lemma, Target & Fonagy, 2011", "lemma2011")]),
        ("(Lemma et al., 2011; Fonagy, 2011)", [("Lemma et al., 2011", "lemma2011"), ("Fonagy, 2011", "fonagy2011")]),
        ("(Connolly Gibbons et al., 2016)", [("Connolly Gibbons et al., 2016", "connolly2016")]),
        ("(Tummala-Narra, 2015)", [("Tummala-Narra, 2015", "tummala2015")]),
        ("(Alexander & French, 1946)", [("Alexander & French, 1946", "alexander1946")]),
        ("(NICE, 2022)", [("NICE, 2022", "nice2022")]),
        (
            "(National Institute for Health and Care Excellence, 2022)",
            [("National Institute for Health and Care Excellence, 2022", "nice2022")],
        ),
        ("(2022, as summarised by Shedler, 2010)", [("Shedler, 2010", "shedler2010")]),
        # One author, several years: each year leads to its own work.
        ("(Levenson, 1995, 2003)", [("Levenson, 1995", "levenson1995"), ("2003", "levenson2003")]),
        ("(Freud, 1915a, 1915b)", [("Freud, 1915a", "freud1915a"), ("1915b", "freud1915b")]),
        # In running text: the name and the year in brackets.
        ("Grünbaum (1984) argued", [("Grünbaum (1984)", "grunbaum1984")]),
        ("Grunbaum (1984) argued", [("Grunbaum (1984)", "grunbaum1984")]),
        ("Freud's (1914) paper", [("Freud's (1914)", "freud1914")]),
        ("Freud’s (1914) paper", [("Freud’s (1914)", "freud1914")]),
        ("Breuer and Freud (1895) described", [("Breuer and Freud (1895)", "breuer_freud1895")]),
        ("Vaillant and colleagues (1986) ranked", [("Vaillant and colleagues (1986)", "vaillant1986")]),
        ("Vaillant, Bond and Vaillant (1986)", [("Vaillant, Bond and Vaillant (1986)", "vaillant1986")]),
        ("De Maat et al. (2009) found", [("De Maat et al. (2009)", "demaat2009")]),
        ("Levenson (1995, 2003) wrote", [("1995", "levenson1995"), ("2003", "levenson2003")]),
        ("Freud (1914, p. 150) wrote", [("1914", "freud1914")]),
        # Initials tell two authors of one surname apart.
        ("(A. Freud, 1936)", [("A. Freud, 1936", "afreud1936")]),
        ("(S. Freud, 1936)", [("S. Freud, 1936", "sfreud1936")]),
        # Co-authors or "et al." settle which of two works of one first author and year is meant.
        ("(Leichsenring & Rabung, 2015)", [("Leichsenring & Rabung, 2015", "leichsenring_rabung2015")]),
        ("Leichsenring et al. (2015)", [("Leichsenring et al. (2015)", "leichsenring2015")]),
    ],
)
def test_citations_of_the_pages_works_are_found(text, expected):
    assert [(text[c.start : c.end], c.key) for c in MATCHER.find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "(Freud, 1920)",  # no such year among the page's works
        "(Freud, 1915)",  # the works are 1915a and 1915b
        "(Jones, 1914)",  # no such author
        "(Freud, 1936)",  # two works fit: ambiguous, so left alone
        "(Leichsenring, 2015)",  # two works fit, and neither is a single-author work
        "Freudian (1914) ideas",
        "Sigmund Freud (1856–1939) was",
        "In 1914 Freud wrote",
        "Freud, 1914 was a busy year",
        "(Klein & Freud, 1914)",  # the page's 1914 work is Freud's alone, and Klein is not its first author
        "(Target & Fonagy, 2011)",  # Fonagy is not the first author of that work
        "(Breuer & Jones, 1895)",  # the co-author does not fit
        "(B. Freud, 1914)",  # the initial does not fit
        "(Shedler, 2010a)",
    ],
)
def test_texts_that_cite_none_of_the_pages_works_stay_plain(text):
    assert MATCHER.find(text) == []


def test_a_page_without_works_finds_nothing():
    assert CitationMatcher([]).find("(Freud, 1914)") == []


REFERENCES = """
## References

<div class="no-autolink" markdown>

- Freud, S. (1914). *Remembering*. Venue. · [In the bibliography](../bibliography.md#freud1914)
  { #ref-freud1914 }
- Shedler, J. (2010). *The efficacy*. Venue. · [In the bibliography](../bibliography.md#shedler2010)
  { #ref-shedler2010 }

</div>
"""


def render(body: str, works=(WORKS[0], WORKS[7]), *, enabled: bool = True) -> str:
    state = AutolinkState(
        matcher=TermMatcher([("Transference", "transference")]), summaries={"transference": "Old feelings."}
    )
    state.begin_page("glossary/example.md", "example", enabled, works)
    md = markdown.Markdown(
        extensions=[*SITE_EXTENSIONS, SiteMarkupExtension(), AutolinkExtension(state)],
        extension_configs=SITE_EXTENSION_CONFIGS,
    )
    return md.convert(body + "\n" + REFERENCES)


def test_citations_link_to_the_reference_and_the_reference_links_back_to_the_first():
    html = render("Freud wrote on transference (Freud, 1914). Again (Freud, 1914; Shedler, 2010).")
    assert html.count('href="#ref-freud1914"') == 2
    assert (
        '(<a class="citation" href="#ref-freud1914" id="cite-freud1914">Freud, 1914</a>). Again '
        '(<a class="citation" href="#ref-freud1914">Freud, 1914</a>; '
    ) in html
    assert '<a class="citation" href="#ref-shedler2010" id="cite-shedler2010">Shedler, 2010</a>' in html
    assert (
        '<li id="ref-freud1914">Freud, S. (1914). <em>Remembering</em>. Venue. · '
        '<a href="../bibliography.md#freud1914">In the bibliography</a> '
        '<a aria-label="Back to the text" class="citation-back" href="#cite-freud1914">↩</a></li>'
    ) in html
    assert "glossary-auto" in html  # term links still work beside citations
    assert audit_html(html) == []  # nothing the sanitiser would remove


def test_no_citation_links_in_code_links_or_headings_and_no_back_link_without_a_citation():
    html = render(
        "`(Freud, 1914)`\n\n## Freud (1914)\n\n[Freud, 1914](https://example.org)\n\n```\n(Shedler, 2010)\n```"
    )
    assert 'class="citation"' not in html and "citation-back" not in html


def test_a_work_the_page_does_not_list_is_not_linked():
    html = render("(Freud, 1914) and (Grünbaum, 1984).", works=(WORKS[0], WORKS[6]))  # no item for Grünbaum
    assert 'href="#ref-freud1914"' in html and "ref-grunbaum1984" not in html


def test_citations_are_linked_when_term_links_are_off_and_not_on_pages_without_references():
    assert 'class="citation"' in render("(Shedler, 2010)", enabled=False)
    assert 'class="citation"' not in render("(Shedler, 2010)", works=())


def test_citations_in_generated_text_with_an_escaped_ampersand_are_linked():
    works = (WORKS[0], WORKS[5])
    refs = REFERENCES.replace("ref-shedler2010", "ref-breuer_freud1895")
    state = AutolinkState()
    state.begin_page("glossary/example.md", "example", True, works)
    html = markdown.markdown(
        "- A key point (Breuer &amp; Freud, 1895).\n" + refs,
        extensions=["attr_list", "md_in_html", AutolinkExtension(state)],
    )
    assert (
        '<a class="citation" href="#ref-breuer_freud1895" id="cite-breuer_freud1895">Breuer &amp; Freud, 1895</a>'
    ) in html
