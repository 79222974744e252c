"""Live preview (`make serve`): an edit shows up, on its own page and on every page that shows it.

`make serve` runs `mkdocs serve --dirty`, and the plugin tells MkDocs which pages it may
skip. A preview that skipped too much would show contributors a stale site, so these tests
edit an entry under a running server and read the pages it serves.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import copy_project, free_port


@pytest.fixture
def preview(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(project / "mkdocs.yml"),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        server.wait(timeout=20)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, log: Path, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared on {url}; the server said:\n{log.read_text()[-2000:]}")


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(1.5)  # a second edit in the same build would be folded into it
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_to_an_entry_shows_on_its_page_and_everywhere_it_is_shown(preview):
    project, url, log = preview
    entry = project / "glossary" / "transference.md"
    wait_for(url + "glossary/transference/", "<title>Transference", log)

    save(entry, "## What it means\n", "## What it means\n\nAn edit in the text, BODYMARK.\n")
    wait_for(url + "glossary/transference/", "BODYMARK", log)

    # A new title is shown on other pages too: their links, "what to read next" and the A-Z index.
    save(entry, "title: Transference\n", "title: Transference TITLEMARK\n")
    wait_for(url + "glossary/transference/", "<title>Transference TITLEMARK", log)
    for page in ("glossary/countertransference/", "glossary/"):
        assert "Transference TITLEMARK" in fetch(url + page), page

    # So is a new summary, in the definition that term links carry, even on a page whose own
    # text is unchanged: the article only mentions the term, and the link is made as it renders.
    save(entry, "summary: >-\n", "summary: >-\n  SUMMARYMARK\n")
    wait_for(url + "glossary/transference/", "SUMMARYMARK", log)
    assert 'href="../../glossary/transference/" title="SUMMARYMARK' in fetch(url + "articles/overview/")

    server_said = log.read_text()
    assert "Aborted" not in server_said and "ERROR" not in server_said, server_said[-2000:]


LIVERELOAD_RE = re.compile(r"<script>\s*var livereload = .*?</script>(?=</body>)", re.DOTALL)
PREVIEW_SCRIPT_RE = re.compile(r'<script src="[./]*assets/preview-errors\.js"></script>')
POLICY_RE = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def test_after_edits_the_preview_serves_the_same_pages_as_a_full_build(preview, tmp_path):
    """Only pages an edit changes are built again, so the skipping itself is checked here:
    after edits of every kind, each served page must equal the page a clean build makes."""
    project, url, log = preview
    wait_for(url + "glossary/transference/", "<title>Transference", log)
    article = project / "docs" / "about.md"
    # A hand-written page that mentions a name no entry has yet...
    save(
        article,
        "## How entries are written\n",
        "The aliasmark phenomenon is a test word.\n\n## How entries are written\n",
    )
    wait_for(url + "about/", "aliasmark phenomenon", log)
    # ...links to the entry once the name becomes its alias, though the page itself is unchanged.
    entry = project / "glossary" / "resistance.md"
    save(entry, "aliases:\n", "aliases:\n  - aliasmark phenomenon\n")
    wait_for(url + "about/", 'href="../glossary/resistance/"', log)
    # A new title: pages that linked the old name lose or keep their links as a full build would.
    save(project / "glossary" / "transference.md", "title: Transference\n", "title: Transference TITLEMARK\n")
    wait_for(url + "glossary/transference/", "<title>Transference TITLEMARK", log)

    clean = tmp_path / "clean"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(clean)],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url},
    )
    stale = []
    for page in sorted(clean.rglob("*.html")):
        relative = page.relative_to(clean).as_posix()
        # What only the preview has: the reload script, the error panel's script, no security policy.
        # (The script tag leaves its template's indentation behind, so whitespace runs are compared as one.)
        served = PREVIEW_SCRIPT_RE.sub("", LIVERELOAD_RE.sub("", fetch(url + relative)))
        clean_page = POLICY_RE.sub("", page.read_text(encoding="utf-8"))
        if re.sub(r"\s+", " ", served) != re.sub(r"\s+", " ", clean_page):
            stale.append(relative)
    if stale:  # say where the first one differs
        import difflib

        first = stale[0]
        served = re.sub(r"\s+", " ", PREVIEW_SCRIPT_RE.sub("", LIVERELOAD_RE.sub("", fetch(url + first)))).split("<")
        clean_page = re.sub(r"\s+", " ", POLICY_RE.sub("", (clean / first).read_text(encoding="utf-8"))).split("<")
        diff = list(difflib.unified_diff(clean_page, served, lineterm="", n=0))[:12]
    assert not stale, f"{len(stale)} served pages differ from a clean build: {stale[:10]}\n" + "\n".join(diff)


@pytest.mark.browser
def test_a_content_error_shows_in_the_browser_and_goes_when_fixed(preview, browser):  # noqa: F811
    project, url, log = preview
    entry = project / "glossary" / "transference.md"
    wait_for(url + "glossary/transference/", "<title>Transference", log)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(url + "glossary/transference/")
    assert page.locator(".preview-errors").count() == 0

    line = next(
        n for n, text in enumerate(entry.read_text(encoding="utf-8").split("\n"), 1) if text.startswith("level:")
    )
    save(entry, "level: introductory\n", "level: beginner\n")
    # The page reloads itself after the rebuild (live reload); the panel names file, line, problem and fix.
    panel = page.locator(".preview-errors")
    panel.wait_for(timeout=60_000)
    text = panel.inner_text()
    assert "The content has an error" in text
    assert f"glossary/transference.md:{line}:8" in text
    assert "E204: level: is 'beginner', which is not one of: introductory, intermediate, advanced" in text
    assert "How to fix: use one of: introductory, intermediate, advanced" in text
    assert page.get_attribute(".preview-errors", "role") == "alert"
    # The page under it is still the last good version, not an error page or a blank one.
    assert page.locator("h1").inner_text().startswith("Transference")

    save(entry, "level: beginner\n", "level: introductory\n")
    panel.wait_for(state="detached", timeout=60_000)
    assert page.locator("h1").inner_text().startswith("Transference")
    page.close()


def test_the_rebuild_plan_skips_only_what_cannot_have_changed():
    # preview.plan_rebuild on plain data, without MkDocs.
    from glossary_pipeline.preview import PreviewRecord, plan_rebuild

    entries = {"transference": (("transference",), "Old summary."), "projection": (("projection",), "A summary.")}
    pages = [
        ("glossary/transference.md", "# Transference\nText.", lambda: False, lambda: ""),
        ("glossary/projection.md", "# Projection\nSee transference.", lambda: False, lambda: ""),
        ("about.md", None, lambda: False, lambda: "About the site."),
    ]
    shown = {"glossary/projection.md": {"transference"}}  # what each page linked when last rendered
    may_show = lambda uri, text, slugs: bool(shown.get(uri, set()) & slugs)  # noqa: E731
    first, rebuild_all, record = plan_rebuild(pages, entries, PreviewRecord(), may_show)
    assert rebuild_all and first["glossary/transference.md"]  # nothing built yet: every page (rebuild_all)
    again, rebuild_all, record = plan_rebuild(pages, entries, record, may_show)
    assert not rebuild_all and not any(again.values())  # nothing changed: nothing again
    # A new summary for transference: the page that links it is rendered again, with its own
    # page (whose Markdown changed); the hand-written page that does not show it is skipped.
    pages[0] = ("glossary/transference.md", "# Transference\nNew text.", lambda: False, lambda: "")
    entries = {**entries, "transference": (("transference",), "New summary.")}  # a new dict, as each build makes
    third, rebuild_all, _ = plan_rebuild(pages, entries, record, may_show)
    assert third == {"glossary/transference.md": True, "glossary/projection.md": True, "about.md": False}
    # A new page: every page is rendered again (the navigation and links may change).
    fourth, rebuild_all, _ = plan_rebuild(
        pages + [("glossary/new.md", "# New", lambda: True, lambda: "")], entries, record, may_show
    )
    assert rebuild_all


class FakeFile:
    """A page's file as MkDocs holds it: its path, its text, and MkDocs' own "did it change?"."""

    def __init__(self, src_uri: str, text: str = "", modified: bool = False):
        self.src_uri, self.text, self.modified, self.reads = src_uri, text, modified, 0

    @property
    def content_string(self) -> str:
        self.reads += 1
        return self.text

    def is_modified(self) -> bool:
        return self.modified


class FakeNavPage:
    def __init__(self, file: FakeFile, title: str | None):
        self.file, self.title, self.markdown = file, title, None


def test_a_dirty_preview_renders_only_what_changed_and_a_full_one_everything():
    from glossary_pipeline.autolink import AutolinkState
    from glossary_pipeline.model import GeneratedPage
    from glossary_pipeline.preview import PreviewState

    linker = AutolinkState()
    state = PreviewState(dirty=True)
    pages = [GeneratedPage("glossary/transference.md", "# Transference")]
    files = [FakeFile("glossary/transference.md"), FakeFile("about.md", "About.")]
    state.mark_pages(files, pages, linker)
    assert [f.is_modified() for f in files] == [True, True]  # the first build renders every page
    state.finish()

    files = [FakeFile("glossary/transference.md"), FakeFile("about.md", "About.", modified=True)]
    state.mark_pages(files, pages, linker)
    assert [f.is_modified() for f in files] == [False, True]  # only the edited page
    assert files[1].reads == 0  # no page's text is read unless it must be

    # A changed title in the navigation: every sidebar shows it, so every page is rendered again.
    nav = [FakeNavPage(files[0], "Transference"), FakeNavPage(files[1], None)]
    read = []
    state.note_navigation(nav, ["about.md"], read.append)
    assert read == nav  # a page not rendered yet is read for its title
    assert [f.is_modified() for f in files] == [True, True]

    # `mkdocs serve` without --dirty, or a build: MkDocs renders every page, and nothing is changed or read.
    full = PreviewState(dirty=False)
    files = [FakeFile("glossary/transference.md")]
    full.mark_pages(files, pages, linker)
    full.note_navigation(nav, [], read.append)
    assert "is_modified" not in vars(files[0]) and len(read) == 2


def test_the_dirty_build_warning_is_quiet_only_in_a_dirty_preview(caplog):
    import logging

    from glossary_pipeline.preview import BUILD_LOGGER, DIRTY_WARNING, PreviewState

    logger = logging.getLogger(BUILD_LOGGER)
    logger.filters.clear()  # what earlier tests' previews added
    try:
        PreviewState(dirty=False)
        with caplog.at_level(logging.WARNING, logger=BUILD_LOGGER):
            logger.warning("A %s.", DIRTY_WARNING)
        assert DIRTY_WARNING in caplog.text
        caplog.clear()
        PreviewState(dirty=True)
        with caplog.at_level(logging.WARNING, logger=BUILD_LOGGER):
            logger.warning("A %s.", DIRTY_WARNING)
            logger.warning("Another warning.")
        assert DIRTY_WARNING not in caplog.text and "Another warning." in caplog.text
    finally:
        logger.filters.clear()
