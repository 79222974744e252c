"""Helpers the test modules share: project copies, builds, golden files, page audits, the browser.

Test modules import from here, never from each other; pytest fixtures live in conftest.py.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


ROOT = Path(__file__).resolve().parent.parent


FIXTURES = Path(__file__).resolve().parent / "fixtures"


UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def assemble(target: Path, *layers: Path) -> Path:
    """Copy fixture folders on top of each other into target (later layers win)."""
    for number, layer in enumerate(layers):
        shutil.copytree(layer, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
        # Each layer's files are newer than the last's, whatever the checkout did to their
        # times: a clash is blamed on the newest file, as on the file a pull request adds.
        stamp = 1_700_000_000 + number * 1000
        for path in layer.rglob("*"):
            copied = target / path.relative_to(layer)
            if path.is_file() and copied.exists():
                os.utime(copied, (stamp, stamp))
    return target


def compare_golden(actual: str, golden: Path) -> None:
    """Assert actual equals the golden file; UPDATE_GOLDEN=1 rewrites it instead (review the diff!)."""
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8"), f"output differs from {golden.relative_to(ROOT)}"


class _PageAuditor:
    """Reads a built page: the content region against the content allowlist, the rest against the theme's rules."""

    NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "math"}
    FETCHED = {"src", "srcset", "poster", "data", "action", "formaction"}

    def __init__(self, html: str):
        self.problems: list[str] = []
        auditor = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                auditor.check_tag(tag, dict(attrs))

            handle_startendtag = handle_starttag

        Parser().feed(html)

    def check_tag(self, tag: str, attrs: dict) -> None:
        from glossary_pipeline.sanitize import URL_SCHEMES, is_local_url, url_scheme

        if tag in self.NEVER:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv") and attrs["http-equiv"].lower() != "content-security-policy":
            self.problems.append(f"<meta http-equiv={attrs['http-equiv']}>")
        if tag == "form" and attrs.get("action"):
            self.problems.append(f"<form action={attrs['action']}>")
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}>")
            elif name in self.FETCHED or (tag == "link" and name == "href" and attrs.get("rel") != "canonical"):
                if not is_local_url(value):
                    self.problems.append(f"<{tag} {name}={value[:60]}> loads from another host")
            elif name in ("href", "xlink:href") and url_scheme(value) and url_scheme(value) not in URL_SCHEMES:
                self.problems.append(f"<{tag} {name}={value[:60]}>")


def audit_built_page(html: str) -> list[str]:
    """Everything on a built page outside the allowlists: the whole page for the theme's rules,
    and the content region (what the page's Markdown became) for the content allowlist."""
    from glossary_pipeline.sanitize import audit_html

    problems = _PageAuditor(html).problems
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    if article:
        content = article.group(1)
        # The theme's edit button and our template's disclaimer sit around the content.
        content = re.sub(
            r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', "", content, flags=re.S
        )
        content = re.sub(r'<aside class="site-disclaimer".*?</aside>', "", content, flags=re.S)
        problems += [f"content: {f.kind} {f.tag} {f.name} {f.value[:60]}".rstrip() for f in audit_html(content)]
    return problems


EDIT_URI = "https://example.org/repo/edit/main/"


REPO_URL = "https://example.org/repo"


SITE_URL = "http://127.0.0.1:8765/"


def mkdocs_build(
    project: Path, site_dir: Path, site_url: str = SITE_URL, directory_urls: bool = True
) -> subprocess.CompletedProcess:
    # Never -q: it silently turns strict mode off.
    env = {
        **os.environ,
        "SITE_URL": site_url,
        "GLOSSARY_EDIT_URI": EDIT_URI,
        "GLOSSARY_REPO_URL": REPO_URL,
        "NO_MKDOCS_2_WARNING": "1",
        # false: pages are files (glossary/x.html), as in the pull-request preview.
        "GLOSSARY_DIRECTORY_URLS": "true" if directory_urls else "false",
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def entry_slugs() -> list[str]:
    return sorted(p.stem for p in (ROOT / "glossary").glob("*.md") if not p.name.startswith(("_", ".")))


class LinkCollector(HTMLParser):
    """Every URL a page loads or links to, with the tag and attribute it came from."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href", "srcset", "data-src"):
            if attributes.get(name):
                self.urls.append((tag, attributes[name], attributes))


def loaded_resources(html: str) -> list[str]:
    """URLs the browser fetches by itself: scripts, stylesheets, icons, images, fonts."""
    parser = LinkCollector()
    parser.feed(html)
    fetched = []
    for tag, url, attrs in parser.urls:
        if tag in ("script", "img", "iframe", "source", "video", "audio"):
            fetched.append(url)
        elif tag == "link" and attrs.get("rel") not in ("canonical", "alternate", "next", "prev"):
            fetched.append(url)
    fetched += re.findall(r"@import\s+url\(([^)]+)\)", html)
    return fetched


PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "glossary", "content"]


def copy_project(target: Path) -> Path:
    """A copy of the real project's content and site configuration."""
    target.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / part)
    return target


def run_check(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossary_pipeline", "check", "--root", str(root), *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the first line starting with `old`; return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int) -> Iterator[None]:
    """A built site served from a loopback port while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


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


# Records the first result the moment the result list first holds one, before anything could reorder it.
FIRST_RESULT_SPY = """
new MutationObserver((changes, observer) => {
  const first = document.querySelector("li.md-search-result__item a.md-search-result__link");
  if (first && !window.__firstResult) { window.__firstResult = first.getAttribute("href"); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true });
"""


def axe_violations(page) -> list[str]:
    """axe-core with all of its rules on, not only those it runs by default: every WCAG A and AA
    rule, the best practices, and the experimental rules (empty table headers, cells without a
    header, focusable elements without a role...). Left out: the WCAG AAA rules (the site aims
    at AA; the enhanced 7:1 contrast would need the theme's colours changed)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    rules = page.evaluate("axe.getRules().filter(rule => !rule.tags.includes('wcag2aaa')).map(rule => rule.ruleId)")
    assert {"empty-table-header", "td-has-header", "focus-order-semantics"} <= set(rules) and len(rules) > 90
    result = axe.run(page, options={"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"]
    ]
