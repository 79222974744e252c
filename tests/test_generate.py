"""Golden files for the generate stage: every page of a small site, compared byte for byte."""

from __future__ import annotations


import pytest

from glossary_pipeline.pipeline import build_project
from helpers import assemble, compare_golden, FIXTURES, ROOT, UPDATE_GOLDEN

GOLDEN = ROOT / "tests" / "golden" / "site"


BINARY = {"downloads/glossary.apkg"}  # checked by reading it back (test_downloads.py), not byte for byte


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    project = assemble(tmp_path_factory.mktemp("site") / "p", FIXTURES / "base", FIXTURES / "site")
    # The fixture has no git history: the exports' version is the build date, fixed here.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
        result = build_project(project)
    assert result.diagnostics == []
    return {page.src_uri: page for page in result.pages}


def test_generated_page_set(pages):
    if UPDATE_GOLDEN:
        for uri, page in pages.items():
            if uri not in BINARY:
                compare_golden(page.content, GOLDEN / uri)
    expected = sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.*"))
    assert sorted(set(pages) - BINARY) == expected
    assert {uri for uri, page in pages.items() if isinstance(page.content, bytes)} == BINARY


@pytest.mark.parametrize(
    "uri", sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.*")) or ["glossary/index.md"]
)
def test_generated_page_matches_golden(pages, uri):
    compare_golden(pages[uri].content, GOLDEN / uri)


def test_edit_paths_point_at_sources(pages):
    assert pages["glossary/therapeutic-alliance.md"].edit_path == "glossary/therapeutic-alliance.md"
    assert pages["articles/overview.md"].edit_path == "content/articles/overview.md"
    assert pages["bibliography.md"].edit_path == "content/bibliography.yaml"
    assert pages["glossary/index.md"].edit_path is None


def test_related_is_shown_both_ways(pages):
    # therapeutic-alliance lists transference; transference does not list it back.
    assert "[Therapeutic alliance](therapeutic-alliance.md)" in pages["glossary/transference.md"].content


def test_references_are_sorted_by_author_then_year_each_with_an_id_for_citations():
    from glossary_pipeline.pageparts import references
    from glossary_pipeline.index import build_index
    from glossary_pipeline.model import Corpus, Work

    works = [
        Work("shedler2010", "Shedler, J.", 2010, "T", "V"),
        Work("freud1923", "Freud, S.", 1923, "T", "V"),
        Work("grunbaum1984", "Grünbaum, A.", 1984, "T", "V"),
        Work("afreud1936", "Freud, A.", 1936, "T", "V"),
        Work("freud1914", "Freud, S.", 1914, "T", "V"),
        Work("grunwald1990", "Grunwald, B.", 1990, "T", "V"),
    ]
    index = build_index(Corpus(works={w.key: w for w in works}))
    markdown = references(index, "glossary/x.md", [w.key for w in works])[0]
    ids = [line.strip() for line in markdown.splitlines() if line.strip().startswith("{ #ref-")]
    # Accents do not move a name: Grünbaum files as Grunbaum, before Grunwald.
    assert ids == [
        "{ #ref-afreud1936 }",
        "{ #ref-freud1914 }",
        "{ #ref-freud1923 }",
        "{ #ref-grunbaum1984 }",
        "{ #ref-grunwald1990 }",
        "{ #ref-shedler2010 }",
    ]
