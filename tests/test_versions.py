"""Dated versions a trainer can assign: a release tag is built into releases/<date>/, stays as it
was, says so on every page with a link to the current page, and is listed on the Versions page."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import fastjsonschema
import pytest
import yaml

from glossary_pipeline.pipeline import build_project
from glossary_pipeline.releases import (
    RELEASES_SCHEMA,
    Release,
    build_releases_data,
    current_site_url,
    parse_release,
    parse_tags,
)
from helpers import (
    axe_violations,
    copy_project,
    FIRST_RESULT_SPY,
    free_port,
    LinkCollector,
    mkdocs_build,
    QuietHandler,
    ROOT,
    SITE_URL,
    visit,
)

DATE = "2026-12-06"
TAG = f"release-{DATE}"
RELEASE_URL = f"{SITE_URL}releases/{DATE}/"
NOTICE_RE = re.compile(r'<div class="release-notice"[^>]*>\s*<p>(.*?)</p>\s*</div>', re.S)
validate_releases = fastjsonschema.compile(RELEASES_SCHEMA)


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2026-12-06T10:00:00",
        "GIT_COMMITTER_DATE": "2026-12-06T10:00:00",
    }
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A repository with the real project (content, site and the pipeline's code), tagged
    release-2026-12-06, then changed: the release must keep the text of its day."""
    project = copy_project(tmp_path_factory.mktemp("versions") / "repo")
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "The glossary")
    git(project, "tag", TAG)
    git(project, "tag", "release-2026-13-01")  # not a date: not a release
    git(project, "tag", "v1.0")
    entry = project / "glossary" / "transference.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("Sam arrives two minutes late", "Sam arrives five minutes late"),
        encoding="utf-8",
    )
    git(project, "commit", "--quiet", "-am", "Five minutes")
    return project


@pytest.fixture(scope="module")
def release_site(repo: Path, tmp_path_factory) -> Path:
    """The deploy workflow's script, building each release tag from its own checkout, code included."""
    site = tmp_path_factory.mktemp("deployed") / "site"
    site.mkdir()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GLOSSARY_EDIT_URI": "https://example.org/repo/edit/main/",
        "GLOSSARY": f"{sys.executable} -m glossary_pipeline",
        # The tag's own pipeline, as `make site` would install it; never -q (it turns strict off).
        "RELEASE_BUILD": f'PYTHONPATH="$PWD/scripts" {sys.executable} -m mkdocs build --strict',
    }
    result = subprocess.run(
        [str(ROOT / "scripts" / "build-releases.sh"), SITE_URL, str(site)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr.replace("glossary releases: warning", ""), result.stderr
    assert "release-2026-13-01" in result.stderr  # named as not a release
    assert git(repo, "worktree", "list").count("\n") == 1  # the checkouts are gone
    return site / "releases" / DATE


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def page_path(site: Path, page: Path) -> str:
    """The page's address relative to the site's root: glossary/transference/ or '' for the home page."""
    return page.relative_to(site).as_posix().removesuffix("index.html")


def test_release_tags_are_dates_newest_first():
    tags = "release-2026-12-06\nrelease-2025-09-01\nrelease-2026-13-01\nrelease-2026-1-5\nrelease-2027-01-10\n"
    assert [r.tag for r in parse_tags(tags)] == ["release-2027-01-10", TAG, "release-2025-09-01"]
    assert parse_release(DATE) == parse_release(TAG) and parse_release(TAG).title == "6 December 2026"
    release = parse_release(DATE)
    assert current_site_url(RELEASE_URL, release) == SITE_URL
    assert current_site_url(RELEASE_URL, release, "https://example.org/g") == "https://example.org/g/"
    assert current_site_url("https://example.org/other/", release) == ""


def test_every_page_of_a_release_says_which_version_it_is_and_links_the_current_page(
    release_site: Path, built_site: Path
):
    html_pages = pages(release_site)
    assert len(html_pages) > 150
    for page in html_pages:
        html = page.read_text(encoding="utf-8")
        notice = NOTICE_RE.search(html)
        assert notice, page
        current = SITE_URL + page_path(release_site, page)
        assert re.sub(r"<[^>]+>", "", notice.group(1)).startswith("You are reading the version of 6 December 2026."), (
            page
        )
        assert f'<a href="{current}">See the current version of this page.</a>' in notice.group(1), page
        # Near the top: before the page's heading.
        assert html.index('class="release-notice"') < html.index("<h1"), page
        # The link works: the current site has that page (built from the same content).
        assert (built_site / page_path(release_site, page) / "index.html").is_file(), page
        assert f'<link rel="canonical" href="{current}">' in html, page
        assert '<meta name="robots" content="noindex">' in html, page


def test_a_release_keeps_the_text_of_its_day(release_site: Path, repo: Path):
    html = (release_site / "glossary" / "transference" / "index.html").read_text(encoding="utf-8")
    assert "Sam arrives two minutes late" in html and "five minutes" not in html
    assert "Five minutes" not in (release_site / "changes" / "index.html").read_text(encoding="utf-8")
    # "Cite this page" cites the version read.
    assert f"{RELEASE_URL}glossary/transference/" in html.split('id="cite-this-page"', 1)[1]
    # No "edit this page" in a copy that cannot be edited.
    assert "md-content__button" not in html


def test_links_in_a_release_stay_inside_it(release_site: Path):
    checked = 0
    for page in pages(release_site) + [release_site / "404.html"]:
        here = page_path(release_site, page) if page.name != "404.html" else ""
        collector = LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for tag, url, attrs in collector.urls:
            if url.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            if url.startswith(SITE_URL):
                # Only the notice and the canonical link lead to the current site.
                assert (
                    url.startswith(RELEASE_URL)
                    or url == SITE_URL + here
                    or (page.name == "404.html" and url == SITE_URL + "404.html")
                ), (page, url)
                continue
            if re.match(r"^[a-z]+://", url):
                assert "127.0.0.1" not in url, (page, url)  # another host: the repository, a source
                continue
            path, folder = url.split("#")[0].split("?")[0], here
            if path.startswith("/"):  # the 404 page's links start at the site's path, which is the release's
                assert path.startswith(f"/releases/{DATE}/"), (page, url)
                path, folder = path.removeprefix(f"/releases/{DATE}/"), ""
            target = posixpath.normpath(posixpath.join(folder, path))
            assert not target.startswith(".."), (page, url)  # relative, and inside the release
            target_path = release_site / target
            assert target_path.exists() or (target_path.parent / (target_path.name + ".html")).exists(), (page, url)
            checked += 1
    assert checked > 10_000


def test_a_release_has_its_own_search_and_data(release_site: Path):
    assert (release_site / "search" / "search_index.json").is_file()
    data = json.loads((release_site / "releases.json").read_text(encoding="utf-8"))
    validate_releases(data)
    assert data["current"] == SITE_URL and data["release"] == DATE
    assert data["releases"] == [{"date": DATE, "title": "6 December 2026", "tag": TAG, "url": RELEASE_URL}]
    versions = (release_site / "releases" / "index.html").read_text(encoding="utf-8")
    assert "This is the version of 6 December 2026" in versions and f'href="{SITE_URL}releases/"' in versions


def test_the_current_site_shows_no_notice(built_site: Path):
    for path in ("index.html", "glossary/transference/index.html", "releases/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        assert "release-notice" not in html and 'name="robots"' not in html, path
        assert f'<link rel="canonical" href="{SITE_URL}{path.removesuffix("index.html")}">' in html, path
    data = json.loads((built_site / "releases.json").read_text(encoding="utf-8"))
    validate_releases(data)
    assert data["current"] == SITE_URL and data["release"] is None
    # Published with the other schemas, and listed under "About this site".
    assert json.loads((built_site / "schemas" / "releases.schema.json").read_text(encoding="utf-8")) == RELEASES_SCHEMA
    # (in the navigation: the About page's text links the Versions page too)
    assert '<a href="../releases/" class="md-nav__link">' in (built_site / "about" / "index.html").read_text("utf-8")


def test_the_versions_page_lists_the_release_tags(repo: Path):
    result = build_project(repo, "Glossary", SITE_URL)
    assert result.errors == []
    by_uri = {p.src_uri: p.content for p in result.pages}
    versions = by_uri["releases/index.md"]
    assert f'- <a href="{DATE}/">6 December 2026</a>' in versions
    assert "2026-13-01" not in versions and "none yet" not in versions
    assert f"`{SITE_URL}releases/{DATE}/glossary/transference/`" in versions  # how to link a fixed version
    data = json.loads(by_uri["releases.json"])
    validate_releases(data)
    assert data == {
        "current": SITE_URL,
        "release": None,
        "releases": [{"date": DATE, "title": "6 December 2026", "tag": TAG, "url": RELEASE_URL}],
    }


def test_a_copy_without_git_has_no_versions_and_says_so(tmp_path: Path):
    project = copy_project(tmp_path / "p")  # not a repository
    result = build_project(project, "Glossary", "")
    assert result.errors == []
    by_uri = {p.src_uri: p.content for p in result.pages}
    assert "There are none yet" in by_uri["releases/index.md"]
    assert "built without the repository" in by_uri["releases/index.md"]
    data = json.loads(by_uri["releases.json"])
    validate_releases(data)
    assert data == {"current": "", "release": None, "releases": []}


def test_a_release_lists_itself_and_earlier_releases_only():
    releases = parse_tags("release-2027-01-10\nrelease-2025-09-01\n")
    data = build_releases_data(releases, RELEASE_URL, Release(parse_release(DATE).date))
    assert [r["date"] for r in data["releases"]] == [DATE, "2025-09-01"]
    assert data["releases"][1]["url"] == f"{SITE_URL}releases/2025-09-01/"


def test_the_releases_command_lists_the_tags(repo: Path):
    result = subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "releases", "--root", str(repo)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == f"{TAG}\n"
    assert "'release-2026-13-01' is not a release" in result.stderr


@pytest.mark.parametrize(
    "env, message",
    [
        ({"GLOSSARY_RELEASE": "6 December 2026"}, "must be a date, YYYY-MM-DD"),
        ({"GLOSSARY_RELEASE": DATE, "SITE_URL": "https://example.org/"}, "set GLOSSARY_CURRENT_URL"),
    ],
)
def test_a_release_build_refuses_what_it_cannot_link(tmp_path: Path, env: dict, message: str):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    assert result.returncode != 0 and message in result.stderr, result.stderr


def test_the_deploy_workflow_builds_every_release_from_its_tag():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["release-*"]  # YAML reads the key `on` as true
    steps = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0 and "default_branch" in checkout["with"]["ref"]
    names = [s.get("name") for s in steps]
    assert names.index("Build") < names.index("Build the dated versions") < len(names) - 1
    releases = steps[names.index("Build the dated versions")]
    assert releases["run"] == 'scripts/build-releases.sh "$CURRENT_URL" site'
    assert releases["env"]["CURRENT_URL"] == "${{ steps.pages.outputs.base_url }}/"


# In Chromium: a release served beside the current site, as GitHub Pages serves them.


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The current site with a release of the same content under releases/<date>/, served on loopback."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = tmp_path_factory.mktemp("served-versions") / "site"
    assert mkdocs_build(ROOT, site, site_url=url).returncode == 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"{url}releases/{DATE}/", "GLOSSARY_RELEASE": DATE}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site / "releases" / DATE),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_a_release_works_and_prints_like_the_current_site(browser, served):

    release = f"{served}releases/{DATE}/"
    page, hosts, errors = visit(browser, release + "glossary/")
    notice = page.locator(".release-notice")
    assert notice.is_visible() and "version of 6 December 2026" in notice.inner_text()
    # Instant navigation stays inside the release, and the notice follows the page.
    page.locator("article.md-content__inner").get_by_role("link", name="Transference", exact=True).click()
    page.wait_for_url(f"**/releases/{DATE}/glossary/transference/")
    page.locator("h1", has_text="Transference").wait_for()
    link = page.get_by_role("link", name="See the current version of this page.")
    assert link.get_attribute("href") == f"{served}glossary/transference/"
    # On paper the notice stays, with its address written out; the site's chrome goes.
    page.emulate_media(media="print")
    assert notice.is_visible() and not page.locator(".md-header").is_visible()
    assert "glossary/transference/" in link.evaluate("a => getComputedStyle(a, '::after').content")
    page.emulate_media(media="screen")
    link.click()
    page.wait_for_url(f"{served}glossary/transference/")
    # Instant navigation changes the address before it swaps the page in: wait for the swap.
    page.locator("h1", has_text="Transference").wait_for()
    page.wait_for_function("() => !document.querySelector('.release-notice')", timeout=5000)
    assert page.locator(".release-notice").count() == 0
    assert errors == [] and set(hosts) == {"127.0.0.1"}  # the policy allowed everything the pages run
    page.close()
    # Search in a release finds the release's pages.
    page = browser.new_page()
    page.add_init_script(FIRST_RESULT_SPY)
    page.goto(release + "?q=transference")
    page.wait_for_function("() => window.__firstResult")
    assert f"/releases/{DATE}/glossary/transference/" in page.evaluate(
        "new URL(window.__firstResult, location.href).href"
    )
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_release_notice_is_accessible(browser, served, scheme):

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{served}releases/{DATE}/glossary/transference/", wait_until="networkidle")
    assert axe_violations(page) == []
    context.close()
