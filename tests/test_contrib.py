"""What a contributor touches: `make new`, the pre-commit hook, the workflows and the repository's templates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from glossary_pipeline.scaffold import ScaffoldError, create_entry, fill_template
from helpers import copy_project, ROOT, run_check

BIN = Path(sys.executable).parent


TEMPLATE = ROOT / "scripts/glossary_pipeline/templates/entry.md"


def git_identity(tmp_path: Path, name: str) -> dict:
    """An environment whose `git config user.name` is name, whatever the machine's own config."""
    config = tmp_path / "gitconfig"
    config.write_text(f"[user]\n\tname = {name}\n", encoding="utf-8")
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}


def lines_with(path: Path, needle: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line]


def test_an_untouched_new_entry_fails_on_every_placeholder_line(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "new", "Test term", "--root", str(project)],
        capture_output=True,
        text=True,
        env=git_identity(tmp_path, "Jane Doe"),
    )
    assert result.returncode == 0, result.stderr
    assert "Added you to content/contributors.yaml as 'jane-doe' (Jane Doe)" in result.stdout
    assert (
        "  - id: jane-doe\n    name: Jane Doe\n    kind: person\n"
        in (project / "content/contributors.yaml").read_text()
    )
    created = project / "glossary" / "test-term.md"
    text = created.read_text(encoding="utf-8")
    assert text.startswith(
        "---\n# yaml-language-server: $schema=../scripts/glossary_pipeline/schemas/entry.schema.json\n"
    )
    assert "  written_by: jane-doe\n" in text

    check = run_check(project)
    assert check.returncode == 1
    mine = [line for line in check.stdout.splitlines() if line.startswith("glossary/test-term.md")]
    placeholder_lines = {int(line.split(":")[1]) for line in mine if " E211: " in line}
    assert placeholder_lines == set(lines_with(created, "REPLACE:"))
    too_few = {
        line.split("there is no ")[-1].split("'")[1] if "there is no" in line else line.split("'")[1]
        for line in mine
        if " E207: " in line
    }
    assert too_few == {"related:", "references:", "key_points:", "questions:"}
    assert not any(" E311: " in line for line in mine)  # the author is a listed contributor
    assert check.stdout.rstrip().endswith("then run 'make check' again.")


def test_a_filled_in_template_passes(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    text = fill_template(TEMPLATE.read_text(encoding="utf-8"), "Test term", "ai-drafting", "2026-12-01")
    text = re.sub(r"related: \[\]", "related: [transference, countertransference]", text)
    text = re.sub(r"references: \[\]", "references: [freud1914]", text)
    text = re.sub(
        r"questions: \[\]",
        "questions:\n  - question: What is the test term?\n    answer: A term used to test the template.\n"
        "  - question: Why does it exist?\n    answer: So that the template is tested.",
        text,
    )
    text = text.replace(
        '  - "REPLACE: the first key point."',
        "  - The first key point.\n  - The second key point.\n  - The third key point.",
    )
    text = text.replace(
        "REPLACE: what the term means, in one or two plain sentences.", "A term used to test the template."
    )
    head, body = text.split("\n---\n", 1)[0], "A test term is explained here. " * 30
    (project / "glossary" / "test-term.md").write_text(head + "\n---\n" + body + "\n", encoding="utf-8")
    check = run_check(project)
    assert check.returncode == 0, check.stdout


def test_the_web_editor_copy_of_the_template_fails_on_its_placeholders(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    copied = project / "glossary" / "web-term.md"
    shutil.copy(TEMPLATE, copied)  # what a contributor pastes from the link in CONTRIBUTING.md
    check = run_check(project)
    mine = [line for line in check.stdout.splitlines() if line.startswith("glossary/web-term.md")]
    for token, hint in [("$title", "write the term"), ("$author", "your id"), ("$today", "YYYY-MM-DD")]:
        [line] = lines_with(copied, token)
        [reported] = [m for m in mine if m.startswith(f"glossary/web-term.md:{line}:")]  # one message for the line
        assert f"error E211: the placeholder '{token}' is still here" in reported and hint in reported


def test_schema_path_in_the_template_exists():
    relative = TEMPLATE.read_text(encoding="utf-8").split("$schema=", 1)[1].split("\n", 1)[0]
    assert (ROOT / "glossary" / relative).resolve().is_file()


def test_new_warns_about_a_near_duplicate_title(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "glossary_pipeline",
            "new",
            "Ödipus complex",
            "--root",
            str(project),
            "--author",
            "ai-drafting",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "note: glossary/oedipus-complex.md is 'Oedipus complex'" in result.stderr
    check = run_check(project)
    assert (
        "glossary/odipus-complex.md:7:8: warning W610: 'Ödipus complex' looks like 'Oedipus complex' of "
        "glossary/oedipus-complex.md"
    ) in check.stdout


@pytest.mark.parametrize(
    "title, message",
    [
        ("Transference", "an entry with the slug 'transference' exists"),
        ("TRANSFERENCE", "an entry with the slug 'transference' exists"),
        ("Working alliance", "already the title or an alias of glossary/therapeutic-alliance.md"),
        ("<b>Bold</b>", "plain-text title"),
    ],
)
def test_new_refuses_names_in_use(tmp_path: Path, title, message):
    project = copy_project(tmp_path / "p")
    with pytest.raises(ScaffoldError, match=message):
        create_entry(project, title)
    assert sorted(p.name for p in (project / "glossary").iterdir()) == sorted(
        p.name for p in (ROOT / "glossary").iterdir()
    )


def test_make_new_without_title_explains_itself():
    result = subprocess.run(["make", "-s", "new", "TITLE="], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and 'Usage: make new TITLE="Projective identification"' in result.stdout


def test_workflows_pass_actionlint():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {w.name for w in workflows} == {"pull-request.yml", "deploy.yml"}
    result = subprocess.run([str(BIN / "actionlint"), *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_workflow_checks_tests_builds_and_uploads():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    steps = " ".join(
        str(step.get("run", "")) + str(step.get("uses", ""))
        for job in workflow["jobs"].values()
        for step in job["steps"]
    )
    for expected in ("make check", "make test", "mkdocs build --strict", "actions/upload-artifact"):
        assert expected in steps
    by_name = {step.get("name"): step for job in workflow["jobs"].values() for step in job["steps"]}
    # The preview opens from disk and is uploaded even when the tests fail.
    assert by_name["Build a preview that opens from disk"]["env"]["GLOSSARY_DIRECTORY_URLS"] == "false"
    assert "cancelled()" in by_name["Build a preview that opens from disk"]["if"]
    assert "cancelled()" in by_name["Upload the preview"]["if"]
    # Clashes are blamed on the files the pull request changes; the check runs once.
    assert "GLOSSARY_CHANGED_FILES" in by_name["Check the content"]["run"]
    assert steps.count("glossary check") + steps.count("make check") == 1


def test_pre_commit_hook_runs_the_check(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    for name in ["Makefile", "pyproject.toml", "requirements.txt", ".pre-commit-config.yaml"]:
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")  # the stamp inside is newer than the copied requirements
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    hook = [str(BIN / "pre-commit"), "run", "--all-files"]
    passing = subprocess.run(hook, cwd=project, capture_output=True, text=True, env=env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "glossary content check" in passing.stdout
    text = (project / "glossary" / "projection.md").read_text(encoding="utf-8")
    (project / "glossary" / "projection.md").write_text(text.replace("level: introductory", "level: beginner"))
    failing = subprocess.run(hook, cwd=project, capture_output=True, text=True, env=env)
    assert failing.returncode == 1 and "error E204" in failing.stdout


@pytest.mark.parametrize(
    "path",
    [
        ".editorconfig",
        ".github/PULL_REQUEST_TEMPLATE.md",
        ".github/ISSUE_TEMPLATE/suggest-a-term.yml",
        ".github/ISSUE_TEMPLATE/report-a-content-error.yml",
    ],
)
def test_files_contributors_expect_exist(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    if path.endswith(".yml"):
        form = yaml.safe_load(text)
        assert form["name"] and form["body"]
    assert text.strip()


def test_a_valid_new_entry_that_passes_the_check_passes_the_content_tests(tmp_path: Path):
    """What a contributor's first pull request meets: the same rules locally and in CI. A copy of an
    existing entry under a new title, with nothing linking to it yet (warning W602), passes both."""
    project = copy_project(tmp_path / "p")
    text = (project / "glossary" / "projection.md").read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: Projection test copy", text, count=1, flags=re.M)
    text = re.sub(r"^aliases:\n(  - .*\n)+", "", text, flags=re.M)
    (project / "glossary" / "projection-test-copy.md").write_text(text, encoding="utf-8")
    check = run_check(project)
    assert check.returncode == 0, check.stdout
    assert "glossary/projection-test-copy.md:" in check.stdout and "warning W602" in check.stdout
    env = {**os.environ, "GLOSSARY_CONTENT_ROOT": str(project)}
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert " passed" in tests.stdout and "failed" not in tests.stdout


def test_rename_moves_the_entry_and_mends_every_link(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "glossary_pipeline",
            "rename",
            "transference",
            "transference-in-therapy",
            "--root",
            str(project),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "glossary/transference.md").exists()
    moved = (project / "glossary/transference-in-therapy.md").read_text(encoding="utf-8")
    assert "former_slugs:   # old addresses that redirect here\n  - transference\n" in moved
    others = [p for p in (project / "glossary").glob("*.md") if p.name != "transference-in-therapy.md"]
    everything = "".join(
        p.read_text(encoding="utf-8")
        for p in [*others, *project.glob("content/**/*.md"), *project.glob("content/reading-lists/*.yaml")]
    )
    assert re.search(r"^  - transference(:.*)?$", everything, flags=re.M) is None  # no related: item left
    assert "[[transference|" not in everything and "[[transference]]" not in everything
    assert "entry: transference\n" not in everything
    assert "  - transference-in-therapy\n" in (project / "glossary/countertransference.md").read_text(encoding="utf-8")
    assert (
        "entry: transference-in-therapy" in (project / "content/reading-lists/one-hour-introduction.yaml").read_text()
    )
    # The check ran and found no error (warnings the content already had may stand).
    assert re.search(r"All \d+ content files are valid\.|0 errors and \d+ warnings? in ", result.stdout)
    # A second rename onto a name in use changes nothing.
    again = subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "rename", "projection", "repression", "--root", str(project)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "an entry 'repression' exists already; nothing was changed" in again.stderr
    assert (project / "glossary/projection.md").exists()


def test_rename_keeps_each_files_line_endings_and_byte_order_mark(tmp_path: Path):
    """A contributor on Windows saves with CRLF (and some editors add a BOM): a rename must change
    only the names in such a file, or the pull request shows every line as changed."""
    project = copy_project(tmp_path / "p")
    linking = project / "glossary" / "countertransference.md"
    original = linking.read_text(encoding="utf-8")
    linking.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "rename", "transference", "transference-in-therapy"]
        + ["--root", str(project)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    raw = linking.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw[3:].decode("utf-8").replace("\r\n", "\n")
    assert "  - transference-in-therapy\n" in text and text.count("\n") == original.count("\n")


def test_content_changes_need_a_fact_checker_and_the_template_says_what_to_check():
    owners = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    rules = dict(line.split(None, 1) for line in owners.splitlines() if line.strip() and not line.startswith("#"))
    for path in ("/glossary/", "/content/articles/", "/content/bibliography.yaml", "/content/reading-lists/"):
        assert "fact-checkers" in rules[path], path
    assert "maintainers" in rules["/content/standards.yaml"] and "maintainers" in rules["/content/contributors.yaml"]
    template = (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for point in ("Sources retrieved", "Claims match", "Safety section", "Review record", "site-preview"):
        assert point in template, point
