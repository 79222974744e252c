"""One failing fixture per error code: each fires its own code, with the exact expected message."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

import glossary_pipeline
from glossary_pipeline.codes import CODES, RETIRED, Code
from glossary_pipeline.pipeline import check_project
from glossary_pipeline.report import format_line, sort_diagnostics
from helpers import assemble, compare_golden, FIXTURES

FAILING = sorted(p for p in (FIXTURES / "failing").iterdir() if p.is_dir())
# Codes whose input cannot sensibly live in the repository are made by the test instead.
MADE_BY_TEST = {"E106"}


def test_every_code_has_a_failing_fixture():
    covered = {p.name.split("-", 1)[0] for p in FAILING} | MADE_BY_TEST
    assert covered == set(CODES) - RETIRED


@pytest.mark.parametrize("fixture", FAILING, ids=lambda p: p.name)
def test_failing_fixture_reports_its_code(fixture: Path, tmp_path: Path):
    project = assemble(tmp_path / "p", FIXTURES / "base", fixture)
    result = check_project(project)
    code = fixture.name.split("-", 1)[0]
    assert code in {d.code for d in result.diagnostics}, [format_line(d) for d in result.diagnostics]
    severity = "warning" if code.startswith("W") else "error"
    # Fixtures are minimal, so they also draw warnings (no references...): an error fixture's
    # golden holds its errors, a warning fixture's its warnings.
    shown = [d for d in sort_diagnostics(result.diagnostics) if d.severity == severity]
    assert shown, f"a failing fixture must produce {severity}s"
    lines = "".join(format_line(d) + "\n" for d in shown)
    compare_golden(lines, fixture / "expected.txt")


def test_base_fixture_is_valid(base_project: Path):
    assert check_project(base_project).diagnostics == []


def test_oversized_file_is_refused_with_its_size(base_project: Path):
    (base_project / "glossary" / "huge.md").write_text("---\ntitle: Huge\n---\n" + "x" * 600_000)
    result = check_project(base_project)
    [diag] = result.diagnostics
    assert (diag.path, diag.line, diag.code) == ("glossary/huge.md", 1, "E106")
    assert "585 KB" in diag.message and "512 KB" in diag.message


def test_symlink_in_glossary_is_refused(base_project: Path):
    (base_project / "glossary" / "passwd.md").symlink_to("/etc/passwd")
    [diag] = check_project(base_project).diagnostics
    assert (diag.path, diag.code) == ("glossary/passwd.md", "E107")
    assert "symbolic link" in diag.message


def test_case_clash_keeps_the_validly_named_file(base_project: Path):
    """Other files' links to the valid slug must still resolve: only the clash and the bad name are reported."""
    (base_project / "glossary" / "Transference.md").write_text(
        (base_project / "glossary" / "transference.md").read_text()
    )
    codes = sorted(d.code for d in check_project(base_project).diagnostics)
    assert codes == ["E301", "E302"]


MINIMAL = (
    "---\ntitle: {title}\nsummary: A summary that is long enough to pass the check.\n"
    "category: core-concept\nlevel: introductory\n---\nText.\n"
)


def test_look_alike_letters_in_a_file_name_are_named(base_project: Path):
    (base_project / "glossary" / "trаnsference-copy.md").write_text(MINIMAL.format(title="Copy"))  # Cyrillic а
    [diag] = [d for d in check_project(base_project).errors]
    assert diag.code == "E301"
    assert "'а' (U+0430 CYRILLIC SMALL LETTER A)" in diag.hint


def test_slugs_that_differ_only_by_unicode_normalisation_clash(base_project: Path):
    (base_project / "glossary" / "caf\u00e9.md").write_text(MINIMAL.format(title="One"))
    (base_project / "glossary" / "cafe\u0301.md").write_text(MINIMAL.format(title="Two"))
    codes = sorted(d.code for d in check_project(base_project).errors)
    assert codes == ["E301", "E301", "E302"]


def test_a_folder_inside_the_glossary_is_reported(base_project: Path):
    (base_project / "glossary" / "nested").mkdir()
    [diag] = check_project(base_project).errors
    assert (diag.path, diag.code) == ("glossary/nested", "E107")


def test_empty_file_says_so(base_project: Path):
    (base_project / "glossary" / "empty.md").write_text("")
    [diag] = check_project(base_project).errors
    assert (diag.code, diag.message) == ("E103", "the file is empty")


ALIASED = (
    "---\ntitle: {title}\naliases:\n  - transference feelings\nsummary: A summary that is long enough to pass "
    "the check.\ncategory: core-concept\nlevel: introductory\n---\nText.\n"
)


def test_a_clash_is_reported_on_the_file_saved_last(base_project: Path):
    new = base_project / "glossary" / "another.md"
    new.write_text(ALIASED.format(title="Another"), encoding="utf-8")
    os.utime(base_project / "glossary" / "transference.md", (1_600_000_000, 1_600_000_000))
    [clash] = [d for d in check_project(base_project).errors if d.code == "E303"]
    assert format_line(clash) == (
        "glossary/another.md:4:5: error E303: alias 'transference feelings' is already the "
        "alias of glossary/transference.md (hint: a name can lead to only one entry: "
        "remove it here or there)"
    )


def test_a_clash_is_reported_on_the_file_the_pull_request_changes(base_project: Path, monkeypatch):
    # The pull request adds the alias to transference.md; another.md was there before, though saved later.
    (base_project / "glossary" / "another.md").write_text(ALIASED.format(title="Another"), encoding="utf-8")
    monkeypatch.setenv("GLOSSARY_CHANGED_FILES", "glossary/transference.md\n")
    [clash] = [d for d in check_project(base_project).errors if d.code == "E303"]
    assert clash.path == "glossary/transference.md" and "of glossary/another.md" in clash.message


@pytest.mark.parametrize(
    "typed, hint",
    [
        ("freud1925_negation", "add the work to content/bibliography.yaml first, or use the id it has there"),
        ("freud1915", "add the work to content/bibliography.yaml first"),  # same author, another year: no guess
        ("heimann1905", "add the work to content/bibliography.yaml first"),  # same author, another year
        ("frued1914", "did you mean 'freud1914'?"),  # a slip in the surname, same year: the one safe guess
    ],
)
def test_reference_hints_never_propose_another_work(base_project: Path, typed, hint):
    text = (base_project / "glossary" / "transference.md").read_text(encoding="utf-8")
    (base_project / "glossary" / "transference.md").write_text(text.replace("  - freud1914", f"  - {typed}"))
    [diag] = check_project(base_project).errors
    assert diag.code == "E305" and diag.hint.startswith(hint)


def test_slug_hints_stay_within_two_edits(base_project: Path):
    text = (base_project / "glossary" / "transference.md").read_text(encoding="utf-8")
    (base_project / "glossary" / "transference.md").write_text(text.replace("  - countertransference", "  - counter"))
    [diag] = check_project(base_project).errors
    assert diag.code == "E304" and "did you mean" not in diag.hint


def test_a_problem_names_its_field_and_subject_as_data(base_project: Path):
    text = (base_project / "glossary" / "transference.md").read_text(encoding="utf-8")
    (base_project / "glossary" / "transference.md").write_text(
        text.replace("  - countertransference", "  - counter").replace("  - freud1914", "  - frued1914")
    )
    found = {d.code: (d.field, d.subject) for d in check_project(base_project).errors}
    assert found["E304"] == (("related", 0), "counter")
    assert found["E305"][1] == "frued1914" and found["E305"][0][0] == "references"


def test_a_link_to_an_unreadable_entry_is_reported_once_on_that_entry(base_project: Path):
    """The broken file's own error is the one to fix; links to it are not errors of their own,
    while a link to a name that nothing defines still is."""
    (base_project / "glossary" / "broken-one.md").write_text("no front matter here\n", encoding="utf-8")
    text = (base_project / "glossary" / "transference.md").read_text(encoding="utf-8")
    (base_project / "glossary" / "transference.md").write_text(
        text + "\nSee [[broken-one|the broken one]] and [[no-such-entry]].\n", encoding="utf-8"
    )
    errors = check_project(base_project).errors
    assert sorted((d.path, d.code, d.subject) for d in errors) == [
        ("glossary/broken-one.md", "E103", ""),
        ("glossary/transference.md", "E401", "no-such-entry"),
    ]


PACKAGE = Path(glossary_pipeline.__file__).parent
CODE_TEXT = re.compile(r"^[EW]\d{3}$")


def codes_named(source: str) -> tuple[set[str], set[str]]:
    """(the members a module names as Code.X, the codes it writes as text) in Python source."""
    tree = ast.parse(source)
    members = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code"
    }
    texts = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_TEXT.match(node.value)
    }
    return members, texts


def test_the_package_produces_exactly_the_live_codes():
    """Every code is named through the table (a typo fails at import, not in a contributor's terminal),
    none is retired, and every live code has a producer."""
    named: set[str] = set()
    as_text = []
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name == "codes.py":
            continue
        members, texts = codes_named(path.read_text(encoding="utf-8"))
        named |= members
        as_text += [f"{path.name}: '{code}'" for code in sorted(texts)]
    assert as_text == [], "write Code.E101, not the text 'E101'"
    assert named - set(Code.__members__) == set()
    assert named & {code.name for code in RETIRED} == set()
    assert named == {code.name for code in Code} - {code.name for code in RETIRED}


def test_the_code_scan_can_fail():
    members, texts = codes_named('from .codes import Code\nx = Code.W606\ny = "E999"\nz = "an E101 in prose"\n')
    assert (members, texts) == ({"W606"}, {"E999"})


def test_each_code_is_its_own_name_and_its_fixture_says_so():
    assert all(code.name == code.value and CODE_TEXT.match(code.value) for code in Code)
    assert len({code.short for code in Code}) == len(Code) - 1  # W606 gave its name to E211
    assert {p.name for p in FAILING} == {f"{code}-{code.short}" for code in Code} - {
        f"{code}-{code.short}" for code in RETIRED | {Code.E106}
    }
