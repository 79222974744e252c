"""The link stage: one matcher for every term, wikilinks resolved or reported, backlinks collected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary_pipeline.links import TermMatcher, build_trie_pattern
from glossary_pipeline.parse import parse_body
from glossary_pipeline.pipeline import check_project

TERMS = [
    ("Transference", "transference"),
    ("transference feelings", "transference"),
    ("Countertransference", "countertransference"),
    ("counter-transference", "countertransference"),
    ("Psychodynamic psychotherapy", "pdt"),
    ("Short-term psychodynamic psychotherapy", "stpp"),
    ("STPP", "stpp"),
    ("Defence mechanism", "defence"),
    ("defences", "defence"),
]


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.slug) for m in TermMatcher(TERMS).find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Transference and countertransference.",
            [("Transference", "transference"), ("countertransference", "countertransference")],
        ),
        ("short-term psychodynamic psychotherapy works", [("short-term psychodynamic psychotherapy", "stpp")]),
        ("plain psychodynamic psychotherapy here", [("psychodynamic psychotherapy", "pdt")]),
        ("transference feelings, transference-focused therapy", [("transference feelings", "transference")]),
        ("transferences are not transference", [("transference", "transference")]),
        ("the counter-transference again", [("counter-transference", "countertransference")]),
        ("Psychodynamic\n  psychotherapy across a line", [("Psychodynamic\n  psychotherapy", "pdt")]),
        ("STPP yes, stpp no", [("STPP", "stpp")]),
        ("her defences", [("defences", "defence")]),
        ("nothing to see", []),
    ],
)
def test_matcher_finds_whole_words_longest_first(text, expected):
    assert found(text) == expected


def test_trie_pattern_factors_shared_prefixes():
    pattern = build_trie_pattern(["transference", "transference feelings", "transfer"])
    assert pattern.count("transfer") == 1
    assert re.fullmatch(pattern, "transference feelings") and re.fullmatch(pattern, "transfer")


def test_prose_is_what_the_renderer_shows_as_text():
    text = (
        "See `transference` and [a link](transference.md) <b title='transference'>x</b>\n\n"
        "~~~\n```\ntransference in code\n~~~\n\n    transference, indented code\n\nTransference."
    )
    assert found(parse_body(text).prose) == [("Transference", "transference")]


def test_wikilinks_inside_a_tilde_fence_holding_backticks_stay_code(base_project: Path):
    write_entry(base_project, "example", "Text.\n\n~~~\n```\n[[no-such]]\n~~~\n")
    result = check_project(base_project)
    assert [d for d in result.errors if d.code == "E401"] == []


def write_entry(project: Path, slug: str, body: str, extra: str = "") -> None:
    (project / "glossary" / f"{slug}.md").write_text(
        f"---\ntitle: {slug.capitalize()}\nsummary: A summary long enough for the check to accept.\n"
        f"category: core-concept\nlevel: introductory\n{extra}---\n{body}",
        encoding="utf-8",
    )


def test_wikilinks_resolve_by_slug_alias_text_and_section(base_project: Path):
    write_entry(
        base_project,
        "example",
        "See [[transference]], [[transference feelings]], "
        "[[countertransference|the reverse]] and [[transference#references]].\n",
    )
    result = check_project(base_project)
    assert result.errors == []
    body = result.links.bodies["entry:example"]
    assert body == (
        "See [Transference](transference.md), [transference feelings](transference.md), "
        "[the reverse](countertransference.md) and [Transference](transference.md#references).\n"
    )
    assert result.links.mentioned_in["transference"] == ["entry:countertransference", "entry:example"]


def test_wikilinks_inside_code_are_left_alone(base_project: Path):
    write_entry(base_project, "example", "Write `[[no-such]]` like this.\n\n```\n[[nor-this]]\n```\n")
    result = check_project(base_project)
    assert result.errors == []
    assert "`[[no-such]]`" in result.links.bodies["entry:example"]


def test_unknown_wikilink_gives_position_and_suggestion(base_project: Path):
    write_entry(base_project, "example", "Line one.\nAbout [[transferance]] and [[transference#histroy]].\n")
    lines = [f"{d.path}:{d.line}:{d.col}: {d.code}: {d.message} ({d.hint})" for d in check_project(base_project).errors]
    assert lines == [
        "glossary/example.md:8:7: E401: [[transferance]] names no entry (did you mean 'transference'?)",
        "glossary/example.md:8:28: E402: [[transference#histroy]]: 'Transference' has no section 'histroy' "
        "(its sections are: key-points, common-misconceptions, check-your-understanding, what-to-read-next, "
        "also-connected, concept-map, references)",
    ]


def test_backlinks_exclude_the_page_itself(base_project: Path):
    result = check_project(base_project)
    # The base transference entry mentions itself; only countertransference mentions it.
    assert result.links.mentioned_in.get("transference") == ["entry:countertransference"]
    assert "transference" not in result.links.links_out["entry:transference"]


def test_a_term_is_never_found_across_two_of_a_pages_texts(base_project: Path):
    # The body and the key points are scanned together: the end of one and the start of
    # the next must not make a mention of "inner critic".
    write_entry(base_project, "voice", "About the voice.\n", "aliases:\n  - inner critic\n")
    write_entry(base_project, "example", "A body whose last word is inner\n", "key_points:\n  - critic of nothing\n")
    result = check_project(base_project)
    assert result.errors == [], result.errors
    assert "voice" not in result.links.links_out["entry:example"]
    write_entry(base_project, "example", "A body that names the inner critic.\n")
    assert "voice" in check_project(base_project).links.links_out["entry:example"]
