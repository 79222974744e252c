"""The renderer-independent core: `glossary write-sources OUT` writes sources that MkDocs and
ProperDocs build without the glossary plugin, into the same pages as the plugin build.

docs/renderers.md reports what such a build gets and what still needs the plugin; the last
tests here hold the site to what that page says.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import EDIT_URI, FIXTURES, REPO_URL, ROOT, SITE_URL, assemble

# The written config's site must be the one the plugin build (conftest's built_site) is made for.
ENV = {
    **os.environ,
    "SITE_URL": SITE_URL,
    "GLOSSARY_EDIT_URI": EDIT_URI,
    "GLOSSARY_REPO_URL": REPO_URL,
    "NO_MKDOCS_2_WARNING": "1",
}


def write_sources(root: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "write-sources", str(out), "--root", str(root)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


def build_without_plugin(renderer: str, sources: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build` or `properdocs build` of written sources, strict (never -q: it turns strict off)."""
    command = [sys.executable, "-m", renderer, "build", "--strict", "-f", str(sources / "mkdocs.yml"), "-d", str(site)]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=300)


def html_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def page_set_difference(expected: set[str], actual: set[str], renderer: str) -> str:
    """'' when the sets match; otherwise which pages only one build has."""
    missing, extra = sorted(expected - actual), sorted(actual - expected)
    if not missing and not extra:
        return ""
    return (
        f"{renderer} built {len(actual)} pages, the plugin build {len(expected)}. "
        f"Only in the plugin build: {missing[:20] or 'none'}. Only in the {renderer} build: {extra[:20] or 'none'}."
    )


def small_project(tmp_path: Path, *layers: Path) -> Path:
    """A fixture project with the real site's configuration, pages and theme overrides."""
    project = assemble(tmp_path / "project", FIXTURES / "base", *layers)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    return project


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def written_sources(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sources") / "out"
    result = write_sources(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def plain_site(written_sources, tmp_path_factory):
    """The written sources built by a renderer without the plugin, once per renderer and module."""
    sites: dict[str, tuple[Path, subprocess.CompletedProcess]] = {}

    def build(renderer: str) -> tuple[Path, subprocess.CompletedProcess]:
        if renderer not in sites:
            site = tmp_path_factory.mktemp(renderer) / "site"
            sites[renderer] = site, build_without_plugin(renderer, written_sources, site)
        return sites[renderer]

    return build


# --- the command ---


def test_written_config_builds_without_the_glossary_plugin(written_sources):
    config = yaml.load((written_sources / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    # The project's own config does use the plugin (read as YAML: the word is in its description
    # and navigation too). Its !ENV values are left unread.
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    project = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    assert [p if isinstance(p, str) else next(iter(p)) for p in project["plugins"]] == ["search", "glossary"]
    assert [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]] == ["search"]
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert config["site_url"] == SITE_URL  # environment values are read when writing
    assert config["markdown_extensions"][-1] == "pymdownx.superfences"
    # Hand-written and generated pages side by side, binary downloads intact.
    assert (written_sources / "docs" / "about.md").read_bytes() == (ROOT / "docs" / "about.md").read_bytes()
    assert (written_sources / "docs" / "glossary" / "transference.md").read_text(encoding="utf-8").startswith("---\n")
    assert (written_sources / "docs" / "downloads" / "glossary.apkg").read_bytes()[:2] == b"PK"
    assert (written_sources / "overrides" / "main.html").is_file()


def test_writing_twice_gives_the_same_files_and_drops_stale_ones(tmp_path):
    project = small_project(tmp_path)
    out = tmp_path / "out"
    assert write_sources(project, out).returncode == 0
    first = tree(out)
    (out / "docs" / "stale.md").write_text("# Left over\n", encoding="utf-8")
    result = write_sources(project, out)
    assert result.returncode == 0, result.stderr
    assert tree(out) == first
    assert "glossary/transference.md" in {uri.removeprefix("docs/") for uri in first}


def test_bad_content_writes_nothing_and_says_where(tmp_path):
    project = small_project(tmp_path, FIXTURES / "failing" / "E304-unknown-related")
    out = tmp_path / "out"
    result = write_sources(project, out)
    assert result.returncode == 1
    expected = (FIXTURES / "failing" / "E304-unknown-related" / "expected.txt").read_text(encoding="utf-8").strip()
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["project"]  # no half-written folder beside it either


def test_a_folder_it_did_not_write_is_refused_and_left_alone(tmp_path):
    project = small_project(tmp_path)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes\n", encoding="utf-8")
    result = write_sources(project, out)
    assert result.returncode == 2
    assert f"{out} is a folder that write-sources did not write" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == {"notes.txt": b"my notes\n"}


# --- other renderers build the same site ---


@pytest.mark.parametrize("renderer", ["mkdocs", "properdocs"])
def test_renderer_builds_the_same_pages_as_the_plugin(renderer, plain_site, built_site):
    site, result = plain_site(renderer)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    # The renderer asked for is the one that built (ProperDocs' name in the generator tag).
    generator = re.search(r'<meta name="generator" content="([^"]+)"', (site / "index.html").read_text("utf-8"))
    prefix = {"mkdocs": "mkdocs-1.", "properdocs": "mkdocs-properdocs"}[renderer]
    assert generator and generator.group(1).lower().startswith(prefix), generator
    assert page_set_difference(html_pages(built_site), html_pages(site), renderer) == ""


def test_a_missing_page_is_named():
    # The comparison above can fail, and says which page.
    message = page_set_difference({"index.html", "glossary/a/index.html"}, {"index.html", "extra/index.html"}, "x")
    assert "Only in the plugin build: ['glossary/a/index.html']" in message
    assert "Only in the x build: ['extra/index.html']" in message


# --- what docs/renderers.md says a build without the plugin lacks ---


def test_without_the_plugin_pages_keep_the_theme_but_lack_term_links_and_the_policy(plain_site, built_site):
    site, result = plain_site("mkdocs")
    assert result.returncode == 0, result.stderr
    page = "glossary/transference/index.html"
    with_plugin, without = (built_site / page).read_text("utf-8"), (site / page).read_text("utf-8")
    for kept in ('class="site-disclaimer"', "application/ld+json", "assets/search-worker.js", "entry-body"):
        assert kept in with_plugin and kept in without, kept
    for lost in ("glossary-link", 'http-equiv="Content-Security-Policy"', "md-content__button"):
        assert lost in with_plugin and lost not in without, lost
