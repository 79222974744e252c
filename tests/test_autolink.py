"""Automatic term links on the parsed document: first mention only, never in code, links or headings."""

from __future__ import annotations

import markdown
import pytest

from glossary_pipeline.autolink import AutolinkExtension, AutolinkState
from glossary_pipeline.links import TermMatcher

SUMMARIES = {
    "transference": "Old feelings in new relationships.",
    "countertransference": "The therapist's response.",
    "stpp": "Brief dynamic therapy.",
    "pdt": "The family of therapies.",
}
MATCHER = TermMatcher(
    [
        ("Transference", "transference"),
        ("Countertransference", "countertransference"),
        ("Short-term psychodynamic psychotherapy", "stpp"),
        ("Psychodynamic psychotherapy", "pdt"),
    ]
)


def render(
    text: str, *, mode: str = "first", page: str = "glossary/example.md", slug: str = "example", enabled: bool = True
) -> str:
    state = AutolinkState(matcher=MATCHER, summaries=SUMMARIES, mode=mode)
    state.begin_page(page, slug, enabled)
    return markdown.markdown(text, extensions=[AutolinkExtension(state), "attr_list", "md_in_html", "fenced_code"])


def test_first_mention_becomes_a_link_with_the_definition():
    html = render("Transference, then transference again.")
    assert html == (
        '<p><a class="glossary-link glossary-auto" href="transference.md" '
        'title="Old feelings in new relationships.">Transference</a>, then transference again.</p>'
    )


def test_every_mention_in_all_mode_and_none_when_off():
    assert render("transference and transference", mode="all").count("<a ") == 2
    assert "<a " not in render("transference", mode="off")
    assert "<a " not in render("transference", enabled=False)


def test_longest_term_wins():
    html = render("Short-term psychodynamic psychotherapy is one kind of psychodynamic psychotherapy.")
    assert 'href="stpp.md"' in html and 'href="pdt.md"' in html
    assert ">Short-term psychodynamic psychotherapy</a>" in html


@pytest.mark.parametrize(
    "text",
    [
        "`transference` in code",
        "```\ntransference in a fenced block\n```",
        "## Transference in a heading",
        "[transference in a link](https://example.org)",
        "![transference in alt text](image.png)",
        '<div class="no-autolink" markdown>\n\ntransference in a generated list\n\n</div>',
    ],
)
def test_no_link_inside_code_links_headings_images_or_opted_out_blocks(text):
    assert "glossary-auto" not in render(text)


def test_never_links_a_page_to_itself():
    assert "<a " not in render("Transference is this page.", page="glossary/transference.md", slug="transference")


def test_hand_written_link_gets_the_tooltip_and_counts_as_first_mention():
    html = render("See [it](transference.md). Transference again.")
    assert html == (
        '<p>See <a class="glossary-link" href="transference.md" title="Old feelings in new relationships.">it</a>. '
        "Transference again.</p>"
    )


def test_links_are_relative_to_the_page_being_rendered():
    html = render("About transference.", page="articles/overview.md", slug="")
    assert 'href="../glossary/transference.md"' in html


def test_mentions_after_inline_elements_are_linked_in_place():
    html = render("*Emphasis* then transference, **bold** then countertransference.")
    assert html == (
        '<p><em>Emphasis</em> then <a class="glossary-link glossary-auto" href="transference.md" '
        'title="Old feelings in new relationships.">transference</a>, <strong>bold</strong> then '
        '<a class="glossary-link glossary-auto" href="countertransference.md" '
        'title="The therapist\'s response.">countertransference</a>.</p>'
    )


def test_the_linker_remembers_which_entries_each_page_shows_for_the_live_preview():
    state = AutolinkState(matcher=MATCHER, summaries=SUMMARIES)
    md = markdown.markdown  # one conversion per page, as MkDocs does
    state.begin_page("articles/a.md")
    md("Transference, and [a hand-written link](../glossary/stpp.md).", extensions=[AutolinkExtension(state)])
    state.begin_page("articles/b.md")
    md("Nothing to link here.", extensions=[AutolinkExtension(state)])
    assert state.shown == {"articles/a.md": {"transference", "stpp"}, "articles/b.md": set()}
    # A page is built again if it linked a changed entry, or now mentions one of its names.
    assert state.may_show("articles/a.md", "", {"stpp"})
    assert not state.may_show("articles/b.md", "Nothing to link here.", {"stpp", "transference"})
    assert state.may_show("articles/b.md", "Now about countertransference.", {"countertransference"})
    assert state.may_show("articles/new.md", "", {"stpp"})  # never rendered: no record to trust
    assert state.describe_entries()["transference"] == (((("transference", None),), SUMMARIES["transference"]))


def test_the_mode_setting_reads_yamls_booleans():
    from glossary_pipeline.autolink import autolink_mode

    assert [autolink_mode(v) for v in ("first", "all", "off", False, True)] == ["first", "all", "off", "off", "first"]
    with pytest.raises(ValueError, match="one of first, all, off; it is 'none'"):
        autolink_mode("none")


def test_a_page_says_from_its_front_matter_which_entry_it_is_and_whether_to_link():
    state = AutolinkState(matcher=MATCHER, summaries=SUMMARIES)
    # A generated entry page names itself (generate.py), so it never links to itself.
    state.begin_page_from_meta(
        "glossary/transference.md", {"glossary": {"kind": "entry", "slug": "transference"}}, True, None
    )
    assert (state.page_slug, state.enabled) == ("transference", True)
    # A hand-written page cannot claim to be an entry, but can opt out.
    state.begin_page_from_meta(
        "about.md", {"glossary": {"kind": "entry", "slug": "pdt"}, "autolink": False}, False, None
    )
    assert (state.page_slug, state.enabled) == ("", False)
