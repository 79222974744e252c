"""`check --fix` repairs what is unambiguous and nothing else, keeping comments, key order and line endings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from glossary_pipeline.pipeline import check_project

BROKEN = """---
# a comment that must survive
title: Example
aliases:
  - sample
  - sample
  - Example
summary: A summary that is long enough to pass the check.   # trailing comment
category: Core concept
sumary_note: ignored
tags:
  - Therapeutic Relationship
level: Introductory
related:
  - glossary/transference.md
references: [freud1914]
---
Body text mentions nothing.
"""

FIXED = """---
# a comment that must survive
title: Example
aliases:
  - sample
summary: A summary that is long enough to pass the check.   # trailing comment
category: core-concept
sumary_note: ignored
tags:
  - therapeutic-relationship
level: introductory
related:
  - transference
references: [freud1914]
---
Body text mentions nothing.
"""


def run_fix(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "check", "--fix", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_fix_repairs_only_unambiguous_problems(base_project: Path):
    target = base_project / "glossary" / "example.md"
    target.write_text(BROKEN, encoding="utf-8")
    result = run_fix(base_project)
    assert "glossary/example.md: fixed 6 problems" in result.stdout
    assert target.read_text(encoding="utf-8") == FIXED
    # What needs a person's judgement is still reported: the unknown field has no close match.
    assert [d.code for d in check_project(base_project).errors] == ["E202"]
    assert result.returncode == 1


def test_fix_keeps_windows_line_endings_and_byte_order_mark(base_project: Path):
    target = base_project / "glossary" / "example.md"
    target.write_bytes(b"\xef\xbb\xbf" + BROKEN.replace("sumary_note: ignored\n", "").replace("\n", "\r\n").encode())
    assert run_fix(base_project).returncode == 0
    assert (
        target.read_bytes()
        == b"\xef\xbb\xbf" + FIXED.replace("sumary_note: ignored\n", "").replace("\n", "\r\n").encode()
    )


def test_nothing_is_written_without_fix(base_project: Path):
    target = base_project / "glossary" / "example.md"
    target.write_text(BROKEN, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "check", "--root", str(base_project)], capture_output=True
    )
    assert target.read_text(encoding="utf-8") == BROKEN


def test_strict_turns_warnings_into_errors(base_project: Path):
    (base_project / "glossary" / "example.md").write_text(
        FIXED.replace("sumary_note: ignored\n", "").replace("references: [freud1914]\n", ""), encoding="utf-8"
    )
    args = [sys.executable, "-m", "glossary_pipeline", "check", "--root", str(base_project)]
    relaxed = subprocess.run(args, capture_output=True, text=True)
    strict = subprocess.run(args + ["--strict"], capture_output=True, text=True)
    assert relaxed.returncode == 0 and "warning W601" in relaxed.stdout
    assert strict.returncode == 1 and "error W601" in strict.stdout
