"""What a contributor touches: `make new`, the pre-commit hook, the workflows and the repository's templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from glossary_pipeline.scaffold import ScaffoldError, create_entry
from test_cli import copy_project, run_check

BIN = Path(sys.executable).parent


def test_new_entry_from_the_template_passes_the_check(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "glossary_pipeline", "new", "Test term", "--root", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    created = project / "glossary" / "test-term.md"
    assert created.read_text(encoding="utf-8").startswith(
        "---\n# yaml-language-server: $schema=../scripts/glossary_pipeline/schemas/entry.schema.json\n")
    # Until its author is named by a contributor id, the entry is not accepted, and the
    # check says how to fix it.
    check = run_check(project)
    assert check.returncode == 1
    assert "error E311: 'your-id' in written_by is not in content/contributors.yaml" in check.stdout
    assert "add yourself to content/contributors.yaml" in check.stdout
    with (project / "content" / "contributors.yaml").open("a", encoding="utf-8") as file:
        file.write("  - id: your-id\n    name: A new contributor\n    kind: person\n")
    check = run_check(project)
    assert check.returncode == 0, check.stdout
    # Then the entry is valid, and the check says what is left to write.
    codes = {line.split()[2].rstrip(":") for line in check.stdout.splitlines() if line.startswith("glossary/test-term.md")}
    assert codes == {"W601", "W602", "W606"}


def test_schema_path_in_the_template_exists():
    template = (ROOT / "scripts/glossary_pipeline/templates/entry.md").read_text(encoding="utf-8")
    relative = template.split("$$schema=", 1)[1].split("\n", 1)[0]
    assert (ROOT / "glossary" / relative).resolve().is_file()


@pytest.mark.parametrize("title, message", [
    ("Transference", "an entry with the slug 'transference' exists"),
    ("TRANSFERENCE", "an entry with the slug 'transference' exists"),
    ("Working alliance", "already the title or an alias of glossary/therapeutic-alliance.md"),
    ("<b>Bold</b>", "plain-text title"),
])
def test_new_refuses_names_in_use(tmp_path: Path, title, message):
    project = copy_project(tmp_path / "p")
    with pytest.raises(ScaffoldError, match=message):
        create_entry(project, title)
    assert sorted(p.name for p in (project / "glossary").iterdir()) == sorted(p.name for p in (ROOT / "glossary").iterdir())


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
    steps = " ".join(str(step.get("run", "")) + str(step.get("uses", "")) for job in workflow["jobs"].values()
                     for step in job["steps"])
    for expected in ("make check", "make test", "mkdocs build --strict", "actions/upload-artifact"):
        assert expected in steps


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


@pytest.mark.parametrize("path", [".editorconfig", ".github/PULL_REQUEST_TEMPLATE.md",
                                  ".github/ISSUE_TEMPLATE/suggest-a-term.yml",
                                  ".github/ISSUE_TEMPLATE/report-a-content-error.yml"])
def test_files_contributors_expect_exist(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    if path.endswith(".yml"):
        form = yaml.safe_load(text)
        assert form["name"] and form["body"]
    assert text.strip()
