"""Trust shown, not claimed: licence, how to cite, review dates, history and the editorial policy,
on the built site."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from glossary_pipeline.history import parse_log, read_history
from helpers import copy_project, entry_slugs, REPO_URL, ROOT, SITE_URL


def test_licence_files_name_mit_for_code_and_cc_by_for_text():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert (
        "Creative Commons Attribution 4.0 International" in content and "creativecommons.org/licenses/by/4.0" in content
    )


def test_every_page_names_the_licence_and_links_the_editorial_policy(built_site: Path):
    pages = [p for p in built_site.rglob("index.html") if "md-footer" in p.read_text(encoding="utf-8")]
    assert len(pages) > 150
    for page in pages:
        footer = page.read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        # (on those pages themselves the link is "./")
        assert re.search(r'<a href="(?:[./]*licence/|\./)">CC BY 4\.0</a>', footer), page
        assert re.search(r'<a href="(?:[./]*editorial-policy/|\./)">Editorial policy</a>', footer), page
    assert (built_site / "editorial-policy" / "index.html").is_file()
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    # In the page's own text, not the footer (which every page has, and which links both).
    about = about.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert 'href="../editorial-policy/"' in about and 'href="../licence/"' in about


def test_every_entry_can_be_cited_and_shows_its_review_dates_and_history(built_site: Path):
    for slug in entry_slugs():
        html = (built_site / "glossary" / slug / "index.html").read_text(encoding="utf-8")
        box = html.split('id="cite-this-page"', 1)[1].split("</details>", 1)[0]
        title = re.search(r"<h1[^>]*>(.*?)<", html).group(1)
        date = re.search(r"This version: (\d{4}-\d{2}-\d{2})", box).group(1)
        url = f"{SITE_URL}glossary/{slug}/"
        assert box.count(url) == 3 and title in box, slug  # APA, BibTeX and RIS
        assert f"@misc{{ppg-{slug}," in re.sub(r"<[^>]+>", "", box) and f"DA  - {date.replace('-', '/')}" in box
        reviewed, due = re.search(r"Last reviewed (\S+) · Next review due (\S+)", html).groups()
        # Two years on, worked out here rather than with the code under test (29 February: the 28th).
        year, month_day = int(reviewed[:4]), reviewed[4:].replace("-02-29", "-02-28")
        assert due == f"{year + 2}{month_day}", (slug, reviewed, due)
        assert f'href="{REPO_URL}/commits/main/glossary/{slug}.md"' in html, slug


def test_glossary_json_names_the_licence(built_site: Path):
    data = json.loads((built_site / "glossary.json").read_text(encoding="utf-8"))
    assert data["license"] == {
        "id": "CC-BY-4.0",
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }


def test_history_comes_from_one_git_log():
    log = (
        "\x1e2026-12-06\x1fFix a date\nglossary/a.md\ncontent/articles/b.md\n"
        "\x1e2026-11-22\x1fFirst draft\nglossary/a.md\nglossary/c.md\n"
    )
    history = parse_log(log)
    assert history.last_changed == {
        "glossary/a.md": "2026-12-06",
        "content/articles/b.md": "2026-12-06",
        "glossary/c.md": "2026-11-22",
    }
    assert [c.subject for c in history.recent] == ["Fix a date", "First draft"]


def test_a_copy_without_git_history_still_builds_and_says_so(tmp_path: Path):
    from glossary_pipeline.pipeline import build_project

    project = copy_project(tmp_path / "p")  # not a repository
    assert read_history(project).available is False
    result = build_project(project, "Glossary", SITE_URL)
    assert result.errors == []
    changes = next(p.content for p in result.pages if p.src_uri == "changes.md")
    assert "built without the repository's history" in changes
    entry = next(p.content for p in result.pages if p.src_uri == "glossary/transference.md")
    assert "Last reviewed" in entry and "Last changed" not in entry
    assert subprocess.run(["git", "-C", str(project), "status"], capture_output=True).returncode != 0
