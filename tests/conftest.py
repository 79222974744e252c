"""Pytest fixtures shared by the test modules (their plain helpers are in helpers.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import CHROMIUM, FIXTURES, ROOT, assemble, free_port, mkdocs_build, serve


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A small valid project: two entries and a bibliography."""
    return assemble(tmp_path / "project", FIXTURES / "base")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The real site, built for and served from a loopback origin."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = tmp_path_factory.mktemp("served") / "site"
    result = mkdocs_build(ROOT, site, site_url=url)
    assert result.returncode == 0, result.stderr
    with serve(site, port):
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                # Keep the browser itself off the network: only loopback resolves.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
            ],
        )
        yield browser
        browser.close()
