"""The benchmark (tools/bench.py, outside the installed package) runs what the build runs."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from helpers import ROOT

from glossary_pipeline.pipeline import STAGES


def load_bench() -> ModuleType:
    """tools/ is not a package on the path: import the script from its file."""
    spec = importlib.util.spec_from_file_location("bench", ROOT / "tools" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_corpus_finds_exactly_the_planted_mentions():
    row = load_bench().bench_matcher(50, 20)
    assert row["mentions"] == 20 * 8


def test_the_benchmark_times_every_stage_the_build_runs(tmp_path: Path):
    bench = load_bench()
    project = bench.make_project(tmp_path / "p", 20, ROOT)
    times, pages = bench.time_stages(project)
    # The advise step (warnings) was once left out of the benchmark's own copy of the order.
    assert list(times) == [name for name, _ in STAGES] + ["total"]
    assert "advise" in times and all(seconds >= 0 for seconds in times.values())
    assert any(page.src_uri.startswith("glossary/") for page in pages)


def test_the_benchmark_is_not_in_the_installed_package():
    assert not (ROOT / "scripts" / "glossary_pipeline" / "bench.py").exists()
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bench.py"), "--help"], capture_output=True, text=True, check=True
    )
    assert "--quick" in result.stdout and "--matcher" in result.stdout
