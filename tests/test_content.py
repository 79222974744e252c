"""The glossary itself: coverage of the required concepts, complete entries, original wording."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from glossary_pipeline.content_report import concept_names, names_on_site
from glossary_pipeline.pipeline import check_project
from glossary_pipeline.parse import parse_body
from glossary_pipeline.report import format_line
from glossary_pipeline.names import normalise_term
from helpers import ROOT

SHARED = ROOT.parent / "shared"
# The content under test: the shipped content, or a copy named by GLOSSARY_CONTENT_ROOT
# (the test that adds a new entry to a copy runs this module against it).
CONTENT_ROOT = Path(os.environ.get("GLOSSARY_CONTENT_ROOT", ROOT))
REQUIRED_ARTICLES = [
    "overview",
    "core-premises",
    "techniques",
    "short-term-variants",
    "evidence-base",
    "controversies",
    "history",
    "alongside-other-treatments",
    "how-to-use-this-site",
]


@pytest.fixture(scope="module")
def result():
    return check_project(CONTENT_ROOT)


@pytest.mark.parametrize("name, at_least", [("concepts.yaml", 95), ("concepts-more.yaml", 100)])
def test_every_required_concept_has_an_entry_or_section(result, name, at_least):
    if not (SHARED / name).exists():
        pytest.skip(f"shared/{name} is beside the checkout only")
    concepts = yaml.safe_load((SHARED / name).read_text(encoding="utf-8"))["concepts"]
    names = names_on_site(result)
    missing = [c["name"] for c in concepts if not any(normalise_term(n) in names for n in concept_names(c))]
    assert len(concepts) >= at_least
    assert missing == []


def test_the_glossary_has_220_entries_and_an_advanced_layer(result):
    entries = result.corpus.entries.values()
    assert len(entries) >= 220
    assert sum(e.level == "advanced" for e in entries) >= 40


def test_the_content_has_no_errors(result):
    """Every rule a complete entry must meet is a check rule (content/standards.yaml): the check is
    the one judge, so an entry that passes `make check` passes here. Warnings do not fail tests."""
    assert [format_line(d) for d in result.errors] == []


def test_the_standards_hold_the_glossary_to_complete_entries(result):
    standards = result.corpus.standards
    assert standards is not None, "content/standards.yaml is missing"
    assert min(standards.at_least.get(k, 0) for k in ("key_points", "questions", "related", "references")) >= 1
    assert all(low >= 150 for low, _ in standards.words.values()) and standards.label_examples


def ten_word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
    return {tuple(words[i : i + 10]) for i in range(len(words) - 9)}


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="shared/seeds is beside the checkout only")
def test_no_run_of_ten_words_is_copied_from_the_seeds():
    seeds = set()
    for seed in (SHARED / "seeds").glob("*.txt"):
        seeds |= ten_word_runs(seed.read_text(encoding="utf-8"))
    copied = {}
    for path in [
        *(CONTENT_ROOT / "glossary").glob("*.md"),
        *(CONTENT_ROOT / "content" / "articles").glob("*.md"),
        *(CONTENT_ROOT / "docs").glob("*.md"),
    ]:
        shared = ten_word_runs(path.read_text(encoding="utf-8")) & seeds
        if shared:
            copied[path.name] = [" ".join(run) for run in sorted(shared)[:2]]
    assert copied == {}


@pytest.mark.parametrize("slug", REQUIRED_ARTICLES)
def test_every_required_article_exists_and_links_into_the_glossary(result, slug):
    article = result.corpus.articles[slug]
    links = result.links.links_out[f"article:{slug}"]
    assert parse_body(article.body, "article").words >= 300
    assert len(links) >= 3, links
