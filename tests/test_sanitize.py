"""The sanitiser is the guarantee: whatever Markdown and HTML a contributor writes, the page holds
nothing outside the allowlist, and the check names a line for everything it would remove."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_pipeline.parse import locate, parse_body, render_markdown, shape_wikilinks, wrap_body
from glossary_pipeline.sanitize import audit_html, sanitize_html, sanitize_text
from helpers import audit_built_page


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ('<p onclick="x" style="color:red">t</p>', "<p>t</p>"),
        ("<script>alert(1)</script>ok", "ok"),
        ('<iframe src="https://evil.example/"></iframe>', ""),
        ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', ""),
        ('<img src="https://tracker.example/p.png" alt="x">', '<img alt="x">'),
        ('<img src="//tracker.example/p.png">', "<img>"),
        ('<img src="../assets/map.png">', '<img src="../assets/map.png">'),
        ('<a href="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
        (
            '<a href="tel:+44123">call</a> <a href="mailto:a@b.c">m</a>',
            '<a href="tel:+44123">call</a> <a href="mailto:a@b.c">m</a>',
        ),
        ('<div id="__config" class="md-header note">x</div>', '<div class="note">x</div>'),
        (
            '<svg viewBox="0 0 1 1"><a href="../x/"><text x="1">t</text></a></svg>',
            '<svg viewBox="0 0 1 1"><a xlink:href="../x/"><text x="1">t</text></a></svg>',
        ),
        ('<svg onload="x"><foreignObject><p>t</p></foreignObject></svg>', "<svg></svg>"),
        ("<!-- <img src=x onerror=alert(1)> -->kept", "kept"),
    ],
)
def test_sanitiser_keeps_only_the_allowlist(dirty, clean):
    assert sanitize_html(dirty) == clean
    assert audit_html(sanitize_html(dirty)) == []


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Anna Freud & <b>the ego</b>", "Anna Freud &amp; the ego"),
        ("Anna Freud &amp; the ego", "Anna Freud &amp; the ego"),
        ('He said "no" <script>x</script>', "He said &quot;no&quot; "),
        ("&lt;/title&gt;&lt;script&gt;", "&lt;/title&gt;&lt;script&gt;"),
    ],
)
def test_titles_become_text_once_however_often_they_are_escaped(text, shown):
    assert sanitize_text(text) == shown
    assert sanitize_text(sanitize_text(text)) == shown


# Pieces of Markdown and HTML that renderers disagree about, or that try to reach the page.
FENCES = st.builds(lambda ch, n: ch * n, st.sampled_from(["`", "~"]), st.integers(3, 5))
URLS = st.sampled_from(
    [
        "https://example.org/",
        "//tracker.example/p.png",
        "javascript:alert(1)",
        "jav&#x61;script:x",
        "data:text/html,x",
        "../glossary/x/",
        "#sec",
        "mailto:a@b.c",
        "tel:123",
        "vbscript:x",
        " JAVASCRIPT:x",
    ]
)
ATTRIBUTES = st.sampled_from(
    [
        'style="color:red"',
        'onclick="x"',
        'class="md-header"',
        'id="__config"',
        "data-x=1",
        'title="t"',
        ".note",
        "#anchor",
        'onmouseover="x"',
        'data-toc-label="<img src=x onerror=y>"',
    ]
)
TAGS = st.sampled_from(
    [
        "script",
        "iframe",
        "img",
        "svg",
        "meta",
        "a",
        "details",
        "style",
        "math",
        "base",
        "form",
        "object",
        "p",
        "div",
        "span",
        "b",
        "table",
        "input",
        "textarea",
        "noscript",
        "template",
    ]
)
RAW_HTML = st.builds(
    lambda tag, attr, url, text: f'<{tag} {attr} href="{url}" src="{url}">{text}</{tag}>',
    TAGS,
    ATTRIBUTES,
    URLS,
    st.sampled_from(["x", "<b>y</b>", "", "**z**"]),
)
PIECES = st.one_of(
    FENCES,
    st.sampled_from(
        [
            "    indented <img src=x onerror=y>",
            "\tTab <script>x</script>",
            "<!-- c -->",
            "<!--",
            "-->",
            "&#x3C;script&#x3E;",
            "&lt;b&gt;",
            "[^1]",
            "[^1]: note <img src=x onerror=y>",
            "*[HTML]: Hyper <i onclick=x>Text</i>",
            "HTML",
            "<div markdown>",
            "</div>",
            "---",
            "> quote",
            "- item",
            "1. item",
            "!!! note",
            '??? question "q"',
            "| a | b |\n|:--|--:|\n| 1 | 2 |",
            "<",
            ">",
            "`",
            "``",
            "\n",
            "\n\n",
            "word",
            "Transference",
        ]
    ),
    RAW_HTML,
    st.builds(lambda a: "{: " + a + " }", ATTRIBUTES),
    st.builds(lambda t, u: f'[link]({u} "{t}")', st.sampled_from(['t" onmouseover="x', "plain", "<img src=x>"]), URLS),
    st.builds(lambda u: f"![image]({u})", URLS),
    st.builds(lambda u: f"[ref]: {u}\n\n[use][ref] <{u}>", URLS),
    st.builds(
        lambda label: f"[[transference|{label}]]", st.sampled_from(["text", "<img src=x onerror=y>", "<b>b</b>"])
    ),
)
SOUP = st.lists(st.tuples(PIECES, st.sampled_from(["", " ", "\n", "\n\n"])), min_size=1, max_size=25).map(
    lambda parts: "".join(piece + sep for piece, sep in parts)
)
SOUP_SETTINGS = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "150")),
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow],
)


@SOUP_SETTINGS
@given(SOUP, st.sampled_from(["entry", "article"]))
def test_any_soup_renders_to_nothing_outside_the_allowlist(text, kind):
    rendered, _ = render_markdown(wrap_body(shape_wikilinks(text), kind))
    page = sanitize_html(rendered)
    assert audit_html(page) == []
    wrapped = f'<html><head></head><body><article class="md-content__inner md-typeset">{page}</article></body></html>'
    assert audit_built_page(wrapped) == []


@SOUP_SETTINGS
@given(SOUP)
def test_the_check_names_a_line_for_everything_it_reports(text):
    findings = parse_body(text, "entry").findings
    lines = text.strip("\n").split("\n")
    seen: dict = {}
    for finding in findings:
        seen[finding] = seen.get(finding, 0) + 1
        line, col = locate(text, "entry", lambda p, f=finding: p.findings.count(f), seen[finding], finding.needles)
        assert 0 <= line < len(lines) and 1 <= col <= len(lines[line]) + 1


def test_front_matter_reaches_the_templates_as_text_and_only_the_keys_the_site_uses():
    from glossary_pipeline.sanitize import clean_meta

    written = {"title": "A <b>bold</b> & title", "template": "evil.html", "extra_js": "x.js", "autolink": False}
    assert clean_meta(written, generated=False) == {"title": "A bold &amp; title", "autolink": False}
    # Generated pages keep their own keys (the pipeline wrote them); their titles are text too.
    generated = {"title": "<script>x</script>Ego", "glossary": {"kind": "entry", "slug": "ego"}}
    assert clean_meta(generated, generated=True) == {"title": "Ego", "glossary": {"kind": "entry", "slug": "ego"}}


def test_every_label_in_a_table_of_contents_is_text():
    from types import SimpleNamespace

    from glossary_pipeline.sanitize import sanitize_toc

    inner = SimpleNamespace(title="<img src=x onerror=alert(1)>Inner", children=[])
    toc = [SimpleNamespace(title="Outer <em>one</em>", children=[inner])]
    sanitize_toc(toc)
    assert (toc[0].title, inner.title) == ("Outer one", "Inner")
