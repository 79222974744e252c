"""Shared helpers: assembling small projects from fixtures, and golden-file comparison."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def assemble(target: Path, *layers: Path) -> Path:
    """Copy fixture folders on top of each other into target (later layers win)."""
    for layer in layers:
        shutil.copytree(layer, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return target


def compare_golden(actual: str, golden: Path) -> None:
    """Assert actual equals the golden file; UPDATE_GOLDEN=1 rewrites it instead (review the diff!)."""
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8"), f"output differs from {golden.relative_to(ROOT)}"


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A small valid project: two entries and a bibliography."""
    return assemble(tmp_path / "project", FIXTURES / "base")
