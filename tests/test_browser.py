"""In Chromium, as a reader: pages load with no request to another host and no console error.

Needs Debian's chromium at /usr/bin/chromium (`.ci/run` installs it). Skipped locally
when it is missing; in CI (CI=true) a missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from conftest import ROOT
from test_site import mkdocs_build

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The real site, built for and served from a loopback origin."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = tmp_path_factory.mktemp("served") / "site"
    result = mkdocs_build(ROOT, site, site_url=url)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic",
                  # Keep the browser itself off the network: only loopback resolves.
                  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"])
        yield browser
        browser.close()


def visit(browser, url: str):
    """Open a page; return it with every request's host and every console error."""
    page = browser.new_page()
    hosts: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname or ""))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return page, hosts, errors


@pytest.mark.parametrize("path", ["", "glossary/transference/", "glossary/", "categories/defence-mechanism/",
                                  "articles/overview/", "bibliography/", "finding-help/"])
def test_page_requests_nothing_from_other_hosts(browser, site_url, path):
    page, hosts, errors = visit(browser, site_url + path)
    assert hosts and set(hosts) == {"127.0.0.1"}, hosts
    assert errors == []
    assert page.locator(".site-disclaimer a", has_text="find help").count() == 1
    page.close()


def test_entry_page_reads_as_a_definition(browser, site_url):
    page, _, _ = visit(browser, site_url + "glossary/transference/")
    article = page.locator("article.md-content__inner")
    assert article.locator("h1").inner_text().startswith("Transference")
    assert article.locator(".glossary-summary").is_visible()
    answer = article.locator("details.question").first
    assert not answer.evaluate("element => element.open")  # answers stay hidden until opened
    answer.locator("summary").click()
    assert answer.evaluate("element => element.open")
    page.close()


def test_a_to_z_letter_jump_moves_to_the_letter(browser, site_url):
    page, _, _ = visit(browser, site_url + "glossary/")
    page.get_by_role("navigation", name="Jump to letter").get_by_role("link", name="T", exact=True).click()
    page.wait_for_function("location.hash === '#t'")
    heading_top = page.locator("h2#t").evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= heading_top < 200
    page.close()


def aliases_of_ten_entries() -> list[tuple[str, str]]:
    from glossary_pipeline.pipeline import check_project

    entries = [e for e in check_project(ROOT).index.entries if e.aliases][:10]
    assert len(entries) == 10
    return [(entry.slug, alias) for entry in entries for alias in entry.aliases]


def test_searching_any_alias_finds_its_entry_first(browser, site_url):
    page = browser.new_page()
    misses = []
    for slug, alias in aliases_of_ten_entries():
        page.goto(f"{site_url}?q={quote(alias)}")
        first = page.locator("li.md-search-result__item a.md-search-result__link").first
        first.wait_for(timeout=10_000)
        found = urlsplit(first.get_attribute("href")).path  # without search.highlight's ?h=
        if found != f"/glossary/{slug}/":
            misses.append((alias, found))
    page.close()
    assert misses == []


def test_term_link_shows_its_definition_on_hover_and_on_focus(browser, site_url):
    page, _, _ = visit(browser, site_url + "glossary/projection/")
    term = page.locator("article.md-content__inner a.glossary-auto").first
    target = term.get_attribute("href")
    summary = page.evaluate(
        "async (href) => { const doc = new DOMParser().parseFromString(await (await fetch(href)).text(), 'text/html');"
        " return doc.querySelector('.glossary-summary').textContent.trim(); }", target)
    term.hover()
    tooltip = page.locator(".md-tooltip2.md-tooltip2--active")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == summary
    page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    term.focus()  # keyboard users get the same definition
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == summary
    page.keyboard.press("Enter")  # and following the link still works
    page.wait_for_url("**" + target.rstrip("/").rsplit("/", 1)[-1] + "/")
    page.close()


def test_concept_map_nodes_open_their_entries(browser, site_url):
    page, _, errors = visit(browser, site_url + "glossary/projection/")
    concept_map = page.locator("figure.concept-map svg")
    assert concept_map.is_visible()
    assert "Concept map of Projection" in concept_map.locator("title").text_content()
    page.locator("figure.concept-map a[aria-label^='Repression']").click()
    page.wait_for_url("**/glossary/repression/")
    assert errors == []
    page.close()


def test_builder_list_survives_a_shared_link_and_prints(browser, site_url):
    page, hosts, errors = visit(browser, site_url + "reading-lists/builder/")
    page.wait_for_selector("#rlb-app[data-ready='loaded']")
    page.get_by_label("Title of the list").fill("Seminar on the relationship")
    chosen = []
    for query in ["countertransference", "transference", "alliance"]:
        page.get_by_label("Find an entry to add").fill(query)
        add = page.locator("#rlb-results button:not([disabled])").first
        chosen.append(add.get_attribute("aria-label").removeprefix("Add "))
        add.click()
    # Reorder: move the last one to the top with the keyboard-reachable buttons.
    page.get_by_role("button", name=f"Move up: {chosen[2]}").click()
    page.get_by_role("button", name=f"Move up: {chosen[2]}").click()
    expected = [chosen[2], chosen[0], chosen[1]]
    assert page.locator("#rlb-list li > a").all_inner_texts() == expected
    shared = page.locator("#rlb-link").input_value()
    assert errors == [] and set(hosts) == {"127.0.0.1"}
    page.close()

    context = browser.new_context()  # a student's fresh browser: nothing shared but the link
    student = context.new_page()
    student.goto(shared)
    student.wait_for_selector("#rlb-app[data-handout='ready']")
    assert student.locator("#rlb-list li > a").all_inner_texts() == expected
    assert student.get_by_label("Title of the list").input_value() == "Seminar on the relationship"
    student.emulate_media(media="print")
    assert not student.locator(".md-header").is_visible() and not student.locator("#rlb-search").is_visible()
    handout_titles = student.locator("#rlb-handout .handout-item h1").all_inner_texts()
    assert [t.strip() for t in handout_titles] == expected
    pdf = student.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    context.close()
