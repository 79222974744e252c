"""The index stage: alphabetical order, letters, categories and reverse links."""

from __future__ import annotations

import pytest

from glossary_pipeline.index import build_index, letter_of, sort_key
from glossary_pipeline.model import Corpus, Entry, SourceFile


def make_entry(slug: str, title: str, related=(), category="core-concept") -> Entry:
    return Entry(
        slug=slug,
        title=title,
        summary="s",
        category=category,
        level="introductory",
        body="b",
        source=SourceFile(f"glossary/{slug}.md", "entry", {}),
        related=list(related),
    )


@pytest.mark.parametrize(
    "title, letter",
    [("Transference", "T"), ("émile", "E"), ("Ödipus complex", "O"), ("2-chair work", "#"), ("'Sleeper' effect", "#")],
)
def test_letter_of(title, letter):
    assert letter_of(title) == letter


def test_alphabetical_order_ignores_case_and_accents():
    titles = ["zeta", "Émile", "alpha", "Beta"]
    assert sorted(titles, key=sort_key) == ["alpha", "Beta", "Émile", "zeta"]


def test_related_is_indexed_in_both_directions():
    corpus = Corpus(
        entries={
            e.slug: e
            for e in [
                make_entry("a", "Alpha", related=["b"]),
                make_entry("b", "Beta"),
                make_entry("c", "Gamma", related=["b", "a"]),
            ]
        }
    )
    index = build_index(corpus)
    assert [e.slug for e in index.entries] == ["a", "b", "c"]
    assert index.related_from == {"b": ["a", "c"], "a": ["c"]}
    assert sorted(index.by_letter) == ["A", "B", "G"]
    assert index.terms["alpha"] == "a"


def test_relations_read_from_both_sides():
    from glossary_pipeline.index import related_both_ways

    entries = [
        make_entry("projection", "Projection", related=["defence", "transference"]),
        make_entry("defence", "Defence mechanism", related=["projection", "denial"]),
        make_entry("denial", "Denial"),
        make_entry("transference", "Transference"),
    ]
    entries[0].relations = {"defence": "broader", "transference": "see-also"}
    entries[1].relations = {"projection": "see-also", "denial": "narrower"}
    index = build_index(Corpus(entries={e.slug: e for e in entries}))
    seen = {n.entry.slug: (n.words, n.edge) for n in related_both_ways(index, entries[0])}
    assert seen == {"defence": ("the broader idea", "broader"), "transference": ("see also", "see also")}
    # Defence mechanism names no relation for Projection, but Projection names one: its inverse holds.
    seen = {n.entry.slug: (n.words, n.edge) for n in related_both_ways(index, entries[1])}
    assert seen == {"projection": ("a narrower idea", "narrower"), "denial": ("a narrower idea", "narrower")}
    seen = {n.entry.slug: (n.words, n.edge) for n in related_both_ways(index, entries[2])}
    assert seen == {"defence": ("the broader idea", "broader")}  # listed by it as narrower: seen from here, broader
