"""The contributor guide says how things work now: every code documented, the template valid."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT
from glossary_pipeline.codes import CODES
from glossary_pipeline.index import CATEGORIES
from glossary_pipeline.pipeline import check_project
from test_cli import copy_project

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_error_code_is_documented_with_its_name():
    rows = dict(re.findall(r"^\| ([EW]\d{3}) \| ([a-z0-9-]+) \|", GUIDE, flags=re.M))
    assert rows == {code: name for code, (name, _) in CODES.items()}


def test_every_category_is_documented():
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+?) \|$", GUIDE, flags=re.M))
    rows.pop("category")  # the header row
    assert rows == {slug: heading for slug, (heading, _) in CATEGORIES.items()}


def test_the_template_in_the_guide_passes_the_check(tmp_path: Path):
    template = re.search(r"## The entry template\n\n```markdown\n(.*?)```", GUIDE, flags=re.S).group(1)
    project = copy_project(tmp_path / "p")
    (project / "glossary" / "therapeutic-alliance.md").write_text(template, encoding="utf-8")
    result = check_project(project)
    assert result.errors == []


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme


def test_allowed_html_is_documented_exactly():
    from glossary_pipeline.safety import ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS

    row = next(line for line in GUIDE.splitlines() if line.startswith("| E501 |"))
    elements, attributes = re.findall(r"Allowed elements: `([^`]+)`; allowed attributes: `([^`]+)`", row)[0]
    assert set(elements.split()) == ALLOWED_ELEMENTS
    assert set(attributes.split()) == ALLOWED_ATTRIBUTES
