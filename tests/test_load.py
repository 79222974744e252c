"""The load stage keeps the line and column of every field and body line, and refuses unreadable input."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_pipeline.load import Layout, load_project
from glossary_pipeline.model import Position

ENTRY = """---
title: Transference
aliases:
  - transference feelings
summary: >-
  Feelings from earlier relationships
  carried into present ones.
questions:
  - question: What is it?
    answer: A carried-over feeling.
---
First body line.

## A section
"""


def load_one(tmp_path: Path, text: str | bytes, name: str = "transference.md"):
    folder = tmp_path / "glossary"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_project(Layout(tmp_path))


def test_every_field_has_its_position(tmp_path: Path):
    [source], diagnostics = load_one(tmp_path, ENTRY)
    assert diagnostics == []
    assert source.locate(("title",)) == Position(2, 8)
    assert source.locate(("aliases", 0)) == Position(4, 5)
    assert source.locate(("summary",)) == Position(5, 10)
    assert source.locate(("questions", 0, "answer")) == Position(10, 13)
    assert source.locate(("questions", 0, "answer"), key=True) == Position(10, 5)
    # A field that does not exist falls back to its nearest parent.
    assert source.locate(("questions", 0, "missing")) == Position(9, 5)


def test_body_keeps_its_line_numbers(tmp_path: Path):
    [source], _ = load_one(tmp_path, ENTRY)
    assert source.body_line == 12
    lines = source.body.split("\n")
    assert lines[0] == "First body line."
    assert source.body_line + lines.index("## A section") == 14


def test_windows_line_endings_and_byte_order_mark_are_accepted(tmp_path: Path):
    [source], diagnostics = load_one(tmp_path, "\ufeff" + ENTRY.replace("\n", "\r\n"))
    assert diagnostics == []
    assert source.data["title"] == "Transference"
    assert source.locate(("questions", 0, "answer")) == Position(10, 13)


def test_yaml_one_one_surprises_stay_text(tmp_path: Path):
    text = "---\ntitle: Example\naliases: [no, on, yes]\nreview:\n  written_on: 2026-01-02\n---\nBody.\n"
    [source], _ = load_one(tmp_path, text)
    assert source.data["aliases"] == ["no", "on", "yes"]
    assert source.data["review"]["written_on"] == "2026-01-02"


@pytest.mark.parametrize(
    "text, code",
    [
        (b"\x00\x01\x02binary", "E102"),
        ("---\ntitle: [unclosed\n---\n", "E101"),
        ("---\ntitle: x\n", "E103"),
        ("---\nlaughs: &a [1, 1]\nmore: [*a, *a, *a]\n---\n", "E105"),
        ("---\n" + "a:\n" + "".join("  " * i + "- \n" for i in range(1, 40)) + "---\n", "E105"),
        ("---\ntitle: !!python/object/apply:os.system ['true']\n---\n", "E105"),
    ],
)
def test_hostile_input_is_refused_with_a_code(tmp_path: Path, text, code):
    sources, diagnostics = load_one(tmp_path, text)
    assert sources == []
    assert [d.code for d in diagnostics] == [code]
