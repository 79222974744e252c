"""Integration: build the real site with MkDocs, strictly, and check the pages a student opens."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import html as html_module
import urllib.parse
from pathlib import Path

import yaml
from helpers import (
    audit_built_page,
    copy_project,
    EDIT_URI,
    entry_slugs,
    loaded_resources,
    mkdocs_build,
    replace_line,
    ROOT,
    SITE_URL,
)


def test_site_has_every_page_a_student_opens(built_site: Path):
    for page in [
        "index.html",
        "glossary/index.html",
        "categories/index.html",
        "articles/index.html",
        "articles/overview/index.html",
        "bibliography/index.html",
        "finding-help/index.html",
        "about/index.html",
        "404.html",
        "search/search_index.json",
    ]:
        assert (built_site / page).is_file(), page
    for slug in entry_slugs():
        assert (built_site / "glossary" / slug / "index.html").is_file(), slug
    categories = [p.name for p in (built_site / "categories").iterdir() if p.is_dir()]
    assert "core-concept" in categories and "defence-mechanism" in categories


def test_entry_page_shows_definition_sources_and_help(built_site: Path):
    html = (built_site / "glossary" / "transference" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Transference", html)
    assert "Also called:" in html
    assert 'class="glossary-summary"' in html
    assert re.search(r"<h2[^>]* id=\"references\">References", html)
    assert 'href="../../bibliography/#freud1914"' in html
    assert "Check your understanding" in html and '<details class="question">' in html
    # The disclaimer on every page leads to help (the navigation links the page too, so look inside it).
    disclaimer = html.split('<aside class="site-disclaimer"', 1)[1].split("</aside>", 1)[0]
    assert 'href="../../finding-help/"' in disclaimer
    assert '<meta name="description" content="Transference is the way' in html  # its summary, not the site's
    assert f'href="{EDIT_URI}glossary/transference.md"' in html  # "edit this page" opens the source file


def test_hand_written_pages_edit_their_docs_file(built_site: Path):
    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert f'href="{EDIT_URI}docs/about.md"' in html


def test_a_to_z_index_lists_every_entry_under_its_letter(built_site: Path):
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Jump to letter"' in html
    assert '<a href="#t">T</a>' in html and 'id="t"' in html
    for slug in entry_slugs():
        assert f'href="{slug}/"' in html, slug


def test_every_page_carries_the_disclaimer_and_no_third_party_resource(built_site: Path):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "site-disclaimer" in html, page
        for url in loaded_resources(html):
            assert not re.match(r"^(https?:)?//", url) or url.startswith(SITE_URL), f"{page}: loads {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_bad_content_fails_the_build_without_deleting_the_last_site(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    line = replace_line(project / "glossary" / "transference.md", "level:", "level: beginner")
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"glossary/transference.md:{line}:8: error E204" in result.stderr
    assert (site / "glossary" / "transference" / "index.html").is_file()  # the last good build survives


def entry_html(site: Path, slug: str) -> str:
    return (site / "glossary" / slug / "index.html").read_text(encoding="utf-8")


def test_term_links_carry_the_definition_and_stay_out_of_code_and_headings(built_site: Path):
    from glossary_pipeline.pipeline import check_project

    summaries = {slug: entry.summary for slug, entry in check_project(ROOT).corpus.entries.items()}
    auto_links = 0
    for slug in entry_slugs():
        html = entry_html(built_site, slug)
        for href, title in re.findall(r'<a class="glossary-link[^"]*" href="\.\./([a-z0-9-]+)/" title="([^"]*)"', html):
            assert html_module.unescape(title) == summaries[href], (slug, href)
        auto_links += html.count("glossary-auto")
        for block in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>|<code>.*?</code>|<pre.*?</pre>", html, flags=re.S):
            assert "glossary-link" not in block, (slug, block)
        # The entry's own text never links to the entry itself (this looked at an empty string before).
        body = html.split('<section class="entry-body">', 1)[1].split("</section>", 1)[0]
        assert len(body) > 500 and f'href="../{slug}/"' not in body, slug
    assert auto_links >= len(entry_slugs())


def test_citations_lead_to_the_pages_references_and_back(built_site: Path):
    pages = sorted(built_site.glob("glossary/*/index.html")) + sorted(built_site.glob("articles/*/index.html"))
    items = cited = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ids = re.findall(r' id="([^"]+)"', html)
        assert len(ids) == len(set(ids)), page
        for target in re.findall(r'<a class="citation(?:-back)?" href="#([^"]+)"', html) + re.findall(
            r'<a aria-label="Back to the text" class="citation-back" href="#([^"]+)"', html
        ):
            assert target in ids, (page, target)
        references = re.findall(r'<li id="ref-([^"]+)">(.*?)</li>', html, flags=re.S)
        items += len(references)
        for key, item in references:
            if "citation-back" in item:
                cited += 1
                assert f'id="cite-{key}"' in html, (page, key)
    transference = entry_html(built_site, "transference")
    assert '(<a class="citation" href="#ref-freud1914" id="cite-freud1914">Freud, 1914</a>)' in transference
    assert (
        '<a class="citation" href="#ref-breuer_freud1895" id="cite-breuer_freud1895">Breuer &amp; Freud, 1895</a>'
        in transference
    )
    # Nearly every listed work is cited in the text in a form the linker understands
    # (the few that are not are named in prose: "Klein's 1946 paper").
    assert items > 500 and cited >= 0.95 * items, (cited, items)


def test_finding_help_numbers_are_telephone_links_and_the_header_has_a_short_name(built_site: Path):
    html = (built_site / "finding-help" / "index.html").read_text(encoding="utf-8")
    for number, dialled in [
        ("112", "112"),
        ("999", "999"),
        ("911", "911"),
        ("000", "000"),
        ("111", "111"),
        ("988", "988"),
        ("9-8-8", "988"),
        ("116 123", "116123"),
        ("13 11 14", "131114"),
        ("1737", "1737"),
    ]:
        assert f'<a href="tel:{dialled}">{number}</a>' in html, number
    assert '<span class="site-title__full">Psychodynamic Psychotherapy Glossary</span>' in html
    assert '<span class="site-title__short" aria-hidden="true">PDT Glossary</span>' in html


def test_every_entry_has_a_concept_map_and_its_backlinks(built_site: Path):
    from glossary_pipeline.pipeline import check_project

    mentioned = check_project(ROOT).links.mentioned_in
    for slug in entry_slugs():
        html = entry_html(built_site, slug)
        assert '<figure class="concept-map"><svg' in html and "<desc" in html, slug
        # Every page that mentions the entry is named among its connections, once.
        connections = html.split('id="what-to-read-next"', 1)[-1].split('id="concept-map"', 1)[0]
        for key in mentioned.get(slug, []):
            kind, other = key.split(":", 1)
            target = f'href="../{other}/"' if kind == "entry" else f'href="../../articles/{other}/"'
            assert connections.count(target) == 1, (slug, key)
    assert len(mentioned) >= 0.8 * len(entry_slugs())  # most entries are mentioned somewhere


def test_an_unknown_wikilink_stops_the_build_with_its_position(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    entry = project / "glossary" / "repression.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text + "\nSee also [[no-such-entry]] and [[counter-transferance]].\n", encoding="utf-8")
    line = text.count("\n") + 2
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"glossary/repression.md:{line}:10: error E401: [[no-such-entry]] names no entry" in result.stderr
    assert (
        f"glossary/repression.md:{line}:32: error E401: [[counter-transferance]] names no entry (hint: did you mean 'counter-transference'"
        in result.stderr
    )


def test_a_page_can_opt_out_of_automatic_links(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    replace_line(project / "glossary" / "projection.md", "level:", "level: introductory\nautolink: false")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    assert "glossary-auto" not in entry_html(site, "projection")
    assert "glossary-auto" in entry_html(site, "repression")
    # The whole site too, with `off` written unquoted (which YAML reads as false).
    replace_line(project / "mkdocs.yml", "      autolink:", "      autolink: off")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "glossary-auto" not in entry_html(site, "repression")


def test_a_renamed_entry_keeps_its_old_address(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    replace_line(
        project / "glossary" / "defence-mechanism.md", "level:", "level: introductory\nformer_slugs:\n  - ego-defences"
    )
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    redirect = (site / "glossary" / "ego-defences" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../defence-mechanism/">' in redirect
    assert '<link rel="canonical" href="../defence-mechanism/">' in redirect


def test_reading_lists_have_pages_times_and_handouts(built_site: Path):
    from glossary_pipeline.pipeline import check_project

    lists = check_project(ROOT).corpus.reading_lists
    assert len(lists) >= 4
    index_html = (built_site / "reading-lists" / "index.html").read_text(encoding="utf-8")
    for slug, reading_list in lists.items():
        html = (built_site / "reading-lists" / slug / "index.html").read_text(encoding="utf-8")
        assert re.search(r"Total reading time: \d+ min", html), slug
        assert f'href="{slug}/"' in index_html
        handout = html.split('class="print-only reading-handout"', 1)[1]
        readings = [item for item in reading_list.items if item.kind != "section"]  # sections are headings
        assert handout.count('<div class="handout-item') == len(readings), slug
        assert reading_list.title in handout.split("</p>", 1)[0] and f"reading-lists/{slug}/" in handout  # header
        assert '<svg width="96" height="96" viewBox=' in handout  # the list's address as a QR code


def test_glossary_json_validates_and_matches_the_entries(built_site: Path):
    import json

    from jsonschema import Draft202012Validator

    from glossary_pipeline.pipeline import check_project

    data = json.loads((built_site / "glossary.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "schemas" / "glossary-export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(data)
    entries = check_project(ROOT).corpus.entries
    assert {e["slug"] for e in data["entries"]} == set(entries)
    for exported in data["entries"]:
        entry = entries[exported["slug"]]
        assert (exported["title"], exported["aliases"], exported["summary"]) == (
            entry.title,
            entry.aliases,
            entry.summary,
        )
        assert (exported["category"], exported["level"], exported["related"], exported["references"]) == (
            entry.category,
            entry.level,
            entry.related,
            entry.references,
        )
        assert exported["url"] == f"{SITE_URL}glossary/{entry.slug}/"


def jsonld_of(html: str) -> list[dict]:
    import json

    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    ]


def test_every_entry_page_carries_defined_term_json_ld_and_open_graph(built_site: Path):
    from glossary_pipeline.pipeline import check_project

    summaries = {slug: " ".join(entry.summary.split()) for slug, entry in check_project(ROOT).corpus.entries.items()}
    for slug in entry_slugs():
        html = entry_html(built_site, slug)
        [data] = jsonld_of(html)
        title = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html).group(1)
        assert data["@type"] == "DefinedTerm" and data["name"] == title.replace("&amp;", "&").replace("&#x27;", "'")
        assert data["url"] == f"{SITE_URL}glossary/{slug}/"
        assert f'<meta property="og:url" content="{SITE_URL}glossary/{slug}/">' in html
        # The entry's own summary, not the site's description every page falls back to.
        for tag in ('<meta name="description" content="', '<meta property="og:description" content="'):
            assert html_module.unescape(html.split(tag, 1)[1].split('"', 1)[0]) == summaries[slug], (slug, tag)
    [term_set] = jsonld_of((built_site / "glossary" / "index.html").read_text(encoding="utf-8"))
    assert term_set["@type"] == "DefinedTermSet" and len(term_set["hasDefinedTerm"]) == len(entry_slugs())


def test_sitemap_lists_every_entry(built_site: Path):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for slug in entry_slugs():
        assert f"<loc>{SITE_URL}glossary/{slug}/</loc>" in sitemap


def test_every_published_url_still_exists(built_site: Path):
    """A published address never disappears: it stays, or a rename leaves a redirect (former_slugs)."""
    published = (ROOT / "tests" / "published-urls.txt").read_text(encoding="utf-8").split()
    assert len(published) > 20
    missing = [url for url in published if not (built_site / url.lstrip("/") / "index.html").is_file()]
    assert missing == [], "published pages disappeared; add former_slugs redirects or restore them"


def test_no_page_holds_anything_outside_the_allowlists(built_site: Path):

    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 150
    problems = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html and "md-content" not in html:
            continue  # a renamed entry's redirect page, checked in test_a_renamed_entry_keeps_its_old_address
        found = audit_built_page(html)
        if found:
            problems[page.relative_to(built_site).as_posix()] = found
    assert problems == {}


def test_a_hostile_body_is_refused_with_its_line_and_the_last_site_survives(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    entry = project / "glossary" / "transference.md"
    lines = entry.read_text(encoding="utf-8").rstrip("\n").split("\n")
    # The renderer ends a ~~~ fence only at ~~~, so the meta element after it is live HTML.
    entry.write_text(
        "\n".join(
            lines
            + ["", "~~~", "```", "~~~", "", '<meta http-equiv="refresh" content="0; url=https://evil.example/">', ""]
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"glossary/transference.md:{len(lines) + 6}:1: error E501: HTML element <meta>" in result.stderr
    assert "evil.example" not in entry_html(site, "transference")  # the last good build survives


def test_the_site_must_use_the_markdown_the_check_uses(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - abbr\n", ""), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "markdown_extensions in mkdocs.yml differ from the pipeline's" in result.stderr


def test_the_published_site_never_loads_the_preview_script(built_site: Path):
    # The live preview's error panel (preview.py) is for `mkdocs serve` only.
    assert "preview-errors" not in (built_site / "index.html").read_text(encoding="utf-8")
    assert not (built_site / "preview-errors.json").exists()


def test_the_pull_request_preview_opens_from_disk(tmp_path: Path):
    """Built as the pull-request workflow builds it: every link leads to a file in the folder."""
    site = tmp_path / "preview"
    env = {**os.environ, "GLOSSARY_DIRECTORY_URLS": "false", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    broken = {}
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served by a web server from any folder, so its links start at the root
        for target in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"^([a-z]+:|//)", target):
                continue
            resolved = (page.parent / urllib.parse.unquote(target)).resolve()
            if not resolved.is_file():
                broken.setdefault(target, page.relative_to(site).as_posix())
    assert broken == {}
    assert (site / "glossary" / "transference.html").is_file()


def test_the_seminar_template_prints_as_one_handout_week_by_week(built_site: Path):
    page = (built_site / "reading-lists" / "six-week-seminar" / "index.html").read_text(encoding="utf-8")
    weeks = re.findall(r"<h3[^>]*>(Week \d): ", page)
    assert weeks == [f"Week {n}" for n in range(1, 7)]
    screen = page.split('class="print-only reading-handout"', 1)[0]
    assert screen.count("Objectives:") == 6 and screen.count("For discussion:") == 6
    handout = page.split('class="print-only reading-handout"', 1)[1]
    assert len(re.findall(r'<p class="handout-h2 handout-section">Week \d', handout)) == 6
    items = yaml.safe_load((ROOT / "content/reading-lists/six-week-seminar.yaml").read_text(encoding="utf-8"))["items"]
    assert handout.count('<div class="handout-item">') == sum("section" not in i for i in items)  # every reading


def test_trainees_have_advanced_reading_lists(built_site: Path):
    lists = (built_site / "reading-lists" / "index.html").read_text(encoding="utf-8")
    for title in ("Defences in depth", "Research methods for psychotherapy trainees", "A six-week seminar"):
        assert title in lists
    advanced = (built_site / "levels" / "advanced" / "index.html").read_text(encoding="utf-8")
    assert "Show: " in advanced and "Advanced (" in advanced
