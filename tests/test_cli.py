"""The check command as contributors run it: every fault in one run, file:line, exit 1, no traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


from conftest import ROOT

PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "glossary", "content"]


def copy_project(target: Path) -> Path:
    """A copy of the real project's content and site configuration."""
    target.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / part)
    return target


def run_check(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "glossary_pipeline", "check", "--root", str(root), *extra],
                          capture_output=True, text=True, timeout=60)


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the first line starting with `old`; return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_real_content_passes():
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("All ") and "content files are valid" in result.stdout


def test_four_planted_faults_are_all_reported_in_one_run(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    glossary = project / "glossary"
    # 1. an unknown related slug
    related_line = replace_line(glossary / "transference.md", "  - countertransference", "  - counter-transferance")
    # 2. a second file whose slug differs only by case
    shutil.copy(glossary / "repression.md", glossary / "Repression.md")
    # 3. a missing summary (the folded summary's text lines go with it)
    text = (glossary / "projection.md").read_text(encoding="utf-8")
    start = text.index("summary:")
    end = text.index("\ncategory:")
    (glossary / "projection.md").write_text(text[:start] + text[end + 1:], encoding="utf-8")
    # 4. a YAML syntax error
    yaml_line = replace_line(glossary / "unconscious.md", "level:", "level: [introductory")

    result = run_check(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert f"glossary/transference.md:{related_line}:5: error E304: related entry 'counter-transferance' does not exist (hint: did you mean 'countertransference'?)" in out
    assert "glossary/Repression.md:1:1: error E302: slug 'Repression' differs only by case from glossary/repression.md" in out
    assert "glossary/projection.md:2:1: error E201: missing required field 'summary'" in out
    assert f"glossary/unconscious.md:{yaml_line}:8: error E101: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)" in out
    assert len(out.splitlines()) == 6  # the four faults, the bad file name of Repression.md, the summary line
    assert "errors and 0 warnings" in out.splitlines()[-1]


def test_json_format_lists_the_same_problems(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    replace_line(project / "glossary" / "transference.md", "level:", "level: beginner")
    result = run_check(project, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    [diag] = report["diagnostics"]
    assert (diag["path"], diag["code"], diag["severity"]) == ("glossary/transference.md", "E204", "error")
    assert report["files_checked"] > 12


def test_github_format_writes_annotations(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    line = replace_line(project / "glossary" / "transference.md", "level:", "level: beginner")
    result = run_check(project, "--format", "github")
    assert result.stdout.startswith(f"::error file=glossary/transference.md,line={line},col=8,title=E204::'level' is 'beginner'")


def test_missing_root_is_a_usage_error(tmp_path: Path):
    result = run_check(tmp_path / "nowhere")
    assert result.returncode == 2
    assert "no such folder" in result.stderr
