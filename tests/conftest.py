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


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A small valid project: two entries and a bibliography."""
    return assemble(tmp_path / "project", FIXTURES / "base")


class _PageAuditor:
    """Reads a built page: the content region against the content allowlist, the rest against the theme's rules."""

    NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "math"}
    FETCHED = {"src", "srcset", "poster", "data", "action", "formaction"}

    def __init__(self, html: str):
        from html.parser import HTMLParser

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
    import re

    from glossary_pipeline.sanitize import audit_html

    problems = _PageAuditor(html).problems
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    if article:
        content = article.group(1)
        # The theme's edit button and our template's disclaimer sit around the content.
        content = re.sub(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', "", content, flags=re.S)
        content = re.sub(r'<aside class="site-disclaimer".*?</aside>', "", content, flags=re.S)
        problems += [f"content: {f.kind} {f.tag} {f.name} {f.value[:60]}".rstrip() for f in audit_html(content)]
    return problems
