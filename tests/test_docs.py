"""The contributor guide says how things work now: every code documented, the template valid."""

from __future__ import annotations

import re

import yaml
from pathlib import Path

from glossary_pipeline.codes import Code, guide_rows
from glossary_pipeline.index import CATEGORIES
from glossary_pipeline.pipeline import check_project
from helpers import copy_project, ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_guide_lists_every_code_as_the_codes_table_defines_it():
    """CONTRIBUTING.md's code tables begin each row with the code, name and meaning from codes.py, in its order."""
    rows = re.findall(r"^\| [EW]\d{3} \|.*$", GUIDE, flags=re.M)
    expected = guide_rows()
    listed = [row.split("|")[1].strip() for row in rows]
    assert listed == [code.value for code in Code], (
        "CONTRIBUTING.md's code tables must list every code of scripts/glossary_pipeline/codes.py once, in order "
        f"(retired codes too); missing: {sorted(set(Code) - set(listed))}, unknown: {sorted(set(listed) - set(Code))}"
    )
    differ = [f"  guide: {row}\n  codes: {want}" for row, want in zip(rows, expected) if not row.startswith(want)]
    assert not differ, (
        "CONTRIBUTING.md's code rows differ from scripts/glossary_pipeline/codes.py: each row must begin with the "
        "line `python -m glossary_pipeline.codes` prints for its code (then its example and fix); change the "
        "guide or the table so that they say the same:\n" + "\n".join(differ)
    )


def test_every_category_is_documented():
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+?) \|$", GUIDE, flags=re.M))
    rows.pop("category")  # the header row
    assert rows == {slug: heading for slug, (heading, _) in CATEGORIES.items()}


def test_the_template_in_the_guide_passes_the_check(tmp_path: Path):
    template = re.search(r"## The entry template\n\n```markdown\n(.*?)```", GUIDE, flags=re.S).group(1)
    project = copy_project(tmp_path / "p")
    (project / "glossary" / "therapeutic-alliance.md").write_text(template, encoding="utf-8")
    contributors = re.search(
        r"add yourself there in your first pull request:\n\n```yaml\n(.*?)```", GUIDE, flags=re.S
    ).group(1)
    with (project / "content" / "contributors.yaml").open("a", encoding="utf-8") as file:
        file.write(re.sub(r"\s+#.*", "", contributors))
    # The guide's example shows every field's shape; it is too short to be a whole entry,
    # so it is checked against the schema and the cross-file rules, not content/standards.yaml.
    (project / "content" / "standards.yaml").unlink()
    result = check_project(project)
    assert result.errors == []


def test_the_guide_states_the_standards_the_check_enforces():
    standards = yaml.safe_load((ROOT / "content" / "standards.yaml").read_text(encoding="utf-8"))
    intro, advanced = standards["words"]["introductory"], standards["words"]["advanced"]
    assert f"{intro[0]} to {intro[1]} words" in GUIDE
    assert f"advanced entries up to {advanced[1]}" in GUIDE
    least = standards["at_least"]
    assert f"at least {least['questions']} self-check questions" in GUIDE
    assert f"at least {least['related']} related entries" in GUIDE


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme


def test_allowed_html_is_documented_exactly():
    from glossary_pipeline.sanitize import ALLOWED_ATTRIBUTES, GENERIC_ATTRIBUTES, SVG_TAGS, TEXT_TAGS

    section = GUIDE.split("### Which HTML is allowed, and why", 1)[1].split("\n### ", 1)[0]
    elements, svg = re.search(
        r"- Elements: `([^`]+)`, and for the concept maps the SVG shapes `([^`]+)`", section
    ).groups()
    assert set(elements.split()) == TEXT_TAGS and set(svg.split()) == SVG_TAGS
    generic = re.search(r"Attributes on any allowed element: `([^`]+)`", section).group(1)
    assert set(generic.split()) == GENERIC_ATTRIBUTES
    particular = dict(re.findall(r"`([a-z]+)`: `([^`]+)`", section))
    assert {tag: set(names.split()) for tag, names in particular.items()} == {
        tag: names for tag, names in ALLOWED_ATTRIBUTES.items() if tag != "*" and names
    }
