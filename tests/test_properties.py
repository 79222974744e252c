"""Property-based tests: whatever a contributor's file holds, the check reports or accepts it, never crashes or hangs."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_pipeline.load import Layout, load_project
from glossary_pipeline.pipeline import build_project, check_project
from glossary_pipeline.schema import _validator, is_valid
from helpers import FIXTURES

VALID = (FIXTURES / "base" / "glossary" / "transference.md").read_text(encoding="utf-8")
PROPERTY_SETTINGS = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "150")),
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow],
)
# Characters that matter to YAML, Markdown and HTML, plus a few awkward ones.
TRICKY = st.sampled_from(list(":-#&*!|>'\"[]{},%@`\t\n\r\\<>/=;") + ["\u00a0", "\u202e", "\ufeff", "\x00", "é", "а"])


def check_text(text: str | bytes) -> None:
    """Write one entry into a fresh copy of the base project and run every stage on it."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "p"
        shutil.copytree(FIXTURES / "base", project)
        target = project / "glossary" / "example.md"
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        result = check_project(project)
        assert all(d.path and d.line >= 1 and d.col >= 1 and d.code for d in result.diagnostics)
        # The fast validator and jsonschema must agree on every file.
        sources, _ = load_project(Layout(project))
        for source in sources:
            assert is_valid(source) == (not list(_validator(source.kind).iter_errors(source.data))), source.data
        if not result.errors:
            assert build_project(project).pages


@PROPERTY_SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes(data):
    check_text(data)


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.one_of(TRICKY, st.characters(codec="utf-8")), max_size=300))
def test_any_text_after_a_front_matter_line(text):
    check_text("---\n" + text)


@PROPERTY_SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 3), st.text(TRICKY, max_size=3)), max_size=6))
def test_mutated_valid_entry(mutations):
    text = VALID
    for position, delete, insert in mutations:
        position = min(position, len(text))
        text = text[:position] + insert + text[position + delete :]
    check_text(text)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=10,
)
FIELDS = st.sampled_from(
    [
        "title",
        "aliases",
        "summary",
        "category",
        "level",
        "related",
        "references",
        "tags",
        "key_points",
        "misconceptions",
        "questions",
        "review",
        "former_slugs",
        "autolink",
        "extra",
    ]
)


@PROPERTY_SETTINGS
@given(st.dictionaries(FIELDS, YAML_VALUES, max_size=8), st.text(max_size=200))
def test_front_matter_of_any_shape(fields, body):
    check_text("---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body)
