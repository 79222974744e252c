"""The check command as contributors run it: every fault in one run, file:line, exit 1, no traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from helpers import copy_project, replace_line, ROOT, run_check


def test_real_content_passes():
    # No errors. Warnings may stand (an entry nothing links to yet is a warning): a pull request
    # that `make check` passes must pass these tests too, so they never ask for more than the check.
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout
    assert re.search(r"^(All \d+ content files are valid\.|0 errors and \d+ warnings? in )", result.stdout, re.M)
    assert ": error " not in result.stdout


def warnings_of(root: Path) -> list[dict]:
    """The warnings the content has before a test plants its faults (the check lets them stand)."""
    report = json.loads(run_check(root, "--format", "json").stdout)
    return [d for d in report["diagnostics"] if d["severity"] == "warning"]


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
    (glossary / "projection.md").write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    # 4. a YAML syntax error
    yaml_line = replace_line(glossary / "unconscious.md", "level:", "level: [introductory")

    result = run_check(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert (
        f"glossary/transference.md:{related_line}:5: error E304: related entry 'counter-transferance' does not exist (hint: did you mean 'countertransference'?)"
        in out
    )
    assert (
        "glossary/Repression.md:1:1: error E302: slug 'Repression' differs only by case from glossary/repression.md"
        in out
    )
    assert "glossary/projection.md:2:1: error E201: summary: is missing; it is required" in out
    assert (
        f"glossary/unconscious.md:{yaml_line}:8: error E101: a list opened with '[' is never closed (hint: add the closing ']')"
        in out
    )
    # The four faults and the bad file name of Repression.md, then the summary and what to do next
    # (with whatever warnings the content already had).
    assert len([line for line in out.splitlines() if ": error " in line]) == 5
    assert re.match(r"5 errors and \d+ warnings? in ", out.splitlines()[-2])
    assert out.splitlines()[-1].startswith("Next: fix each error at the file and line it names")


def test_json_format_lists_the_same_problems(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    replace_line(project / "glossary" / "transference.md", "level:", "level: beginner")
    result = run_check(project, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    [diag] = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert (diag["path"], diag["code"], diag["severity"]) == ("glossary/transference.md", "E204", "error")
    # What the problem is about, as data a tool can act on without reading the message.
    assert (diag["field"], diag["subject"]) == (["level"], "beginner")
    assert report["files_checked"] > 12


def test_github_format_writes_annotations(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    line = replace_line(project / "glossary" / "transference.md", "level:", "level: beginner")
    result = run_check(project, "--format", "github")
    [error] = [out for out in result.stdout.splitlines() if out.startswith("::error ")]
    assert error.startswith(f"::error file=glossary/transference.md,line={line},col=8,title=E204::level: is 'beginner'")


def test_in_actions_every_problem_is_annotated_once_and_listed_in_the_job_summary(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    glossary = project / "glossary"
    had = len(warnings_of(project))
    for name in sorted(p.name for p in glossary.glob("*.md"))[:12]:  # twelve errors: more than GitHub shows
        replace_line(glossary / name, "level:", "level: beginner")
    text = (glossary / "transference.md").read_text(encoding="utf-8")
    (glossary / "transference.md").write_text(text + "\n\tAn indented paragraph.\n", encoding="utf-8")  # a warning
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "check", "--root", str(project), "--format", "github"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == len(set(annotations)) == 13 + had
    assert sum(a.startswith("::error ") for a in annotations) == 12
    assert any(a.startswith("::warning file=glossary/transference.md") for a in annotations)
    table = summary.read_text(encoding="utf-8")
    assert table.startswith("## Content check")
    assert table.count("| error | E204 |") == 12 and table.count("| warning | W608 |") == 1
    assert f"12 errors and {had + 1} warning" in table


def test_missing_root_is_a_usage_error(tmp_path: Path):
    result = run_check(tmp_path / "nowhere")
    assert result.returncode == 2
    assert "no such folder" in result.stderr


def run_report(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "report", "--root", str(root), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_content_report_counts_the_glossary_and_lists_what_needs_care(base_project: Path, tmp_path: Path):
    concepts = tmp_path / "concepts.yaml"
    concepts.write_text(
        "concepts:\n- name: Transference (in therapy)\n- name: Projective identification\n", encoding="utf-8"
    )
    result = run_report(base_project, "--concepts", str(concepts), "--format", "json", "--today", "2026-12-03")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["entries"], data["articles"]) == (2, 0)
    assert data["coverage"] == {"required": 2, "covered": 1, "missing": ["Projective identification"]}
    # The fixture's entries carry no review record: both are due, neither checked by a second reader.
    assert data["due_for_review"] == data["not_reviewed_by_second_reader"] == ["countertransference", "transference"]
    assert data["not_linked"] == []  # each lists the other as related
    assert data["references_per_entry"]["lowest"][1] >= 1
    text = run_report(base_project, "--concepts", str(concepts), "--today", "2026-12-03").stdout
    assert (
        "Coverage of the required concepts (shared/): 1 of 2 concepts (by title, alias or section heading): missing Projective identification"
        in text
    )
    assert "Reading level (Flesch-Kincaid grade" in text and "Entries: 2" in text


def test_the_content_report_on_the_real_glossary_covers_every_required_concept():
    result = run_report(ROOT)
    assert result.returncode == 0, result.stderr
    if (ROOT.parent / "shared" / "concepts-more.yaml").exists():
        assert "Coverage of the required concepts (shared/): 195 of 195 concepts" in result.stdout
    assert re.search(r"Levels: introductory \d+, intermediate \d+, advanced (\d+)", result.stdout)
    # The report names the same orphans as the check's warnings (W602), which may stand.
    orphans = sorted(d["path"].split("/")[-1][:-3] for d in warnings_of(ROOT) if d["code"] == "W602")
    expected = f"{len(orphans)}: {', '.join(orphans)}" if orphans else "0"
    assert f"Entries nothing links to or mentions: {expected}\n" in result.stdout


def test_the_content_report_refuses_content_with_errors(base_project: Path):
    entry = base_project / "glossary" / "transference.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("category: core-concept\n", ""), encoding="utf-8")
    result = run_report(base_project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "glossary/transference.md:" in result.stderr and "fix the errors above first" in result.stderr


def test_a_hand_written_page_with_broken_front_matter_is_reported_with_its_line(tmp_path: Path):
    """MkDocs shows front matter it cannot read as text at the top of the page and builds anyway."""
    project = copy_project(tmp_path / "project")
    line = replace_line(project / "docs" / "licence.md", "description:", "description: Reuse: how to credit it")
    (project / "docs" / "extra.md").write_text(
        "---\ntitle: Extra\ntemplate: evil.html\n---\n\n# Extra\n", encoding="utf-8"
    )
    result = run_check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"docs/licence.md:{line}:" in result.stdout and "error E101" in result.stdout
    assert "docs/extra.md:3:1: error E202: template: is not a field allowed here" in result.stdout


def test_the_page_schema_allows_exactly_the_keys_the_build_keeps():
    from glossary_pipeline.sanitize import DOCS_META_KEYS
    from glossary_pipeline.schema import load_schema

    assert set(load_schema("page")["properties"]) == DOCS_META_KEYS


def test_a_broken_hand_written_page_does_not_hide_a_missing_entry(tmp_path: Path):
    """An unreadable entry's name is taken to exist (its own error is enough); a broken page in
    docs/ names no entry, so `related: about` is still reported."""
    project = copy_project(tmp_path / "project")
    replace_line(project / "docs" / "about.md", "title:", "title: [About")
    line = replace_line(project / "glossary" / "transference.md", "  - countertransference", "  - about")
    out = run_check(project).stdout
    assert f"glossary/transference.md:{line}:5: error E304: related entry 'about' does not exist" in out
    assert "docs/about.md:" in out and "error E101" in out
