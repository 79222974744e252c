"""One parsed document per body: what the stages read of a body comes from one parse, with source positions."""

from __future__ import annotations

from pathlib import Path

import pytest

import glossary_pipeline.linkfill as linkfill
from glossary_pipeline.content_report import names_on_site
from glossary_pipeline.parse import parse_body, render_markdown
from glossary_pipeline.pipeline import check_project
from glossary_pipeline.names import normalise_term


def write_entry(project: Path, slug: str, body: str) -> None:
    (project / "glossary" / f"{slug}.md").write_text(
        f"---\ntitle: {slug.capitalize()}\nsummary: A summary long enough for the check to accept.\n"
        f"category: core-concept\nlevel: introductory\n---\n{body}",
        encoding="utf-8",
    )


def test_the_parse_holds_the_wikilinks_the_renderer_links_with_their_positions():
    body = (
        "\nSee [[transference]] and `[[in-code]]`.\n\n"
        "````\n```\n[[in-a-fence]]\n````\n\n"
        "    [[in-indented-code]]\n\n"
        "<div>[[in-raw-html]]</div>\n\n"
        "Then [[countertransference|the reverse]]."
    )
    parsed = parse_body(body, "entry")
    assert [(w.line, w.col, w.inner) for w in parsed.wikilinks] == [
        (1, 5, "transference"),
        (12, 6, "countertransference|the reverse"),
    ]
    # What is not a link to the renderer stays as written, on the parse's page as on the reader's.
    assert "[[in-indented-code]]" in parsed.html and "[[in-raw-html]]" in parsed.html
    assert "[[in-code]]" in parsed.html and "[[in-a-fence]]" in parsed.html
    assert "the reverse" in parsed.prose and "in-indented-code" not in parsed.prose


def test_a_wikilink_in_indented_code_is_left_as_written_and_not_reported(base_project: Path):
    write_entry(base_project, "example", "Text.\n\n    [[no-such]] in code\n\nSee [[transference]].\n")
    result = check_project(base_project)
    assert [d.code for d in result.errors] == []
    body = result.links.bodies["entry:example"]
    assert "    [[no-such]] in code" in body and "See [Transference](transference.md)." in body


def test_indentation_inside_a_longer_fence_is_code_not_a_mistake(base_project: Path):
    # The four-backtick fence holds a three-backtick line: the renderer keeps it all as code.
    write_entry(base_project, "example", "Text.\n\n````\n```\n\n    indented inside the fence\n````\n")
    result = check_project(base_project)
    assert [d for d in result.diagnostics if d.code == "W608"] == []
    write_entry(base_project, "example", "Text.\n\n````\n```\n````\n\n    indented after the fence\n")
    lines = [d.line for d in check_project(base_project).diagnostics if d.code == "W608"]
    assert lines == [13]


def test_a_heading_in_a_code_block_is_not_a_section_of_the_entry(base_project: Path):
    write_entry(base_project, "example", "Text.\n\n## Real section\n\nMore.\n\n```\n## Not a section\n```\n")
    names = names_on_site(check_project(base_project))
    assert normalise_term("Real section") in names and normalise_term("Not a section") not in names


@pytest.mark.parametrize(
    "wikilinks",
    [
        "[[transference]]",  # the entry's title as the text
        "[[transference feelings]]",  # an alias, as written
        "[[countertransference|*the* reverse]]",  # the contributor's own text, with Markdown
        "[[transference#references]]",  # a section
        "a few.\n\n## About [[transference]]\n\n[[transference]]{: .extra } and [[Transference|x & y]]",
    ],
)
def test_a_handout_prints_the_body_as_a_second_rendering_would_without_one(
    base_project: Path, monkeypatch: pytest.MonkeyPatch, wikilinks: str
):
    write_entry(base_project, "example", f"Text with {wikilinks}.\n\n- a list\n\n> a quote[^1]\n\n[^1]: A note.\n")
    result = check_project(base_project)
    assert result.errors == []
    entry = result.corpus.entries["example"]
    expected = render_markdown(result.links.bodies["entry:example"])[0]

    def no_second_render(text: str) -> None:
        raise AssertionError("the body was rendered a second time")

    monkeypatch.setattr(linkfill, "render_markdown", no_second_render)
    html = linkfill.body_html(result.index, result.links, "entry:example", entry.body, "glossary/example.md")
    assert html == expected and "wikilink-" not in html


def test_headings_and_safety_boxes_shown_as_code_are_not_sections():
    """A contributor who quotes the template's Markdown inside a fence (to show how it is written)
    is not told to label an example or fill in a section that the page shows as code."""
    from glossary_pipeline.completeness import SAFETY_BOX, check_example_label, check_placeholders
    from glossary_pipeline.model import SourceFile

    def source(body: str) -> SourceFile:
        return SourceFile("glossary/x.md", "entry", {}, body=body, body_line=10, lines=body.split("\n"))

    quoted = (
        "Intro.\n\n```markdown\n## A fictional example\n\nA woman comes late.\n\n## Empty\n```\n\n## Next\n\nEnd.\n"
    )
    assert check_example_label(source(quoted)) == [] and check_placeholders(source(quoted)) == []
    real = quoted.replace("```markdown\n", "").replace("```\n", "")
    assert [d.code for d in check_example_label(source(real))] == ["E210"]
    assert [(d.code, d.line) for d in check_placeholders(source(real))] == [("E211", 10 + 6)]
    assert not SAFETY_BOX.search(parse_body("```\n!!! warning\n    Text.\n```\n", "entry").html)
    assert SAFETY_BOX.search(parse_body("!!! warning\n    Text.\n", "entry").html)
