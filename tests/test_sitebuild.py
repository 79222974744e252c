"""What the MkDocs adapter decides, tested without MkDocs (sitebuild.py): its settings, and what
a build does when the content has errors, for `mkdocs build` and for the live preview."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helpers import replace_line

from glossary_pipeline.model import GeneratedPage
from glossary_pipeline.parse import SITE_EXTENSION_CONFIGS, SITE_EXTENSIONS
from glossary_pipeline.preview import ERRORS_URI, SCRIPT_URI
from glossary_pipeline.sitebuild import SiteBuilder, SiteError, check_no_clash, read_settings, watched_folders

SITE_URL = "https://example.org/glossary/"


def settings_for(root: Path, site_url: str = SITE_URL, extensions: list[object] | None = None, **options: object):
    (root / "docs").mkdir(exist_ok=True)
    values: dict[str, object] = {
        "root": None,
        "autolink": "first",
        "build_despite_errors": False,
        "repo_url": "",
        "release": "",
        "current_url": "",
        **options,
    }
    return read_settings(
        str(root / "mkdocs.yml"),
        str(root / "docs"),
        "Glossary",
        site_url,
        SITE_EXTENSIONS if extensions is None else extensions,
        SITE_EXTENSION_CONFIGS,
        **values,
    )


def test_settings_read_as_the_site_needs_them(tmp_path: Path):
    settings = settings_for(tmp_path)
    assert settings.root == tmp_path.resolve() and settings.docs_prefix == "docs"
    assert settings.site.name == "Glossary" and settings.site.release is None and settings.template_data == {}
    # YAML reads an unquoted `off` as false.
    assert settings_for(tmp_path, autolink=False).autolink == "off"
    assert settings_for(tmp_path, autolink=True).autolink == "first"
    with pytest.raises(SiteError, match="autolink must be one of first, all, off; it is 'some'"):
        settings_for(tmp_path, autolink="some")


def test_the_site_must_render_with_the_checks_markdown(tmp_path: Path):
    with pytest.raises(SiteError, match="markdown_extensions in mkdocs.yml differ from the pipeline's"):
        settings_for(tmp_path, extensions=[*SITE_EXTENSIONS, "smarty"])


def test_a_dated_version_links_to_the_current_site(tmp_path: Path):
    release_url = SITE_URL + "releases/2026-12-06/"
    settings = settings_for(tmp_path, release_url, release=dt.date(2026, 12, 6))  # YAML reads a date as a date
    assert settings.site.current_url == SITE_URL
    assert settings.template_data == {
        "release": {"date": "2026-12-06", "title": "6 December 2026", "current_url": SITE_URL}
    }
    with pytest.raises(SiteError, match=r"must be a date, YYYY-MM-DD; it is '2026-13-01'"):
        settings_for(tmp_path, release_url, release="2026-13-01")
    with pytest.raises(SiteError, match="set GLOSSARY_CURRENT_URL"):
        settings_for(tmp_path, "https://example.org/elsewhere/", release="2026-12-06")


def test_content_errors_stop_a_build_with_their_positions(base_project: Path):
    line = replace_line(base_project / "glossary" / "transference.md", "level:", "level: beginner")
    with pytest.raises(SiteError) as stopped:
        SiteBuilder().build(settings_for(base_project))
    message = str(stopped.value)
    assert message.startswith("The content has errors; nothing was built and site/ was left as it was.")
    assert f"glossary/transference.md:{line}:8: error E204" in message


def test_the_preview_keeps_the_last_good_version_and_shows_the_errors(base_project: Path, capsys):
    builder = SiteBuilder(serving=True)
    settings = settings_for(base_project)
    good, pages = builder.build(settings)
    assert not good.errors and GeneratedPage(ERRORS_URI, '{"errors": []}') in pages
    assert builder.scripts == [SCRIPT_URI] and SiteBuilder().scripts == []

    line = replace_line(base_project / "glossary" / "transference.md", "level:", "level: beginner")
    shown, pages = builder.build(settings)
    assert shown is good  # the last version without errors
    [errors] = json.loads(next(p.content for p in pages if p.src_uri == ERRORS_URI))["errors"]
    assert (errors["path"], errors["line"], errors["code"]) == ("glossary/transference.md", line, "E204")
    assert "E204" in capsys.readouterr().err  # the terminal says so too


def test_the_policy_is_left_out_of_the_live_preview_only():
    page = "<html><head></head><body><p>Text</p></body></html>"
    assert "Content-Security-Policy" in SiteBuilder().add_policy(page, "<p>Text</p>")
    assert SiteBuilder(serving=True).add_policy(page, "<p>Text</p>") == page


def test_a_hand_written_page_may_not_take_a_generated_pages_place(tmp_path: Path):
    settings = settings_for(tmp_path)
    pages = [GeneratedPage("glossary/index.md", "# A-Z"), GeneratedPage("about.md", "# About")]
    check_no_clash(pages, lambda uri: False, settings.docs_prefix)
    with pytest.raises(SiteError, match="remove them from docs/: docs/about.md$"):
        check_no_clash(pages, lambda uri: uri == "about.md", settings.docs_prefix)


def test_the_preview_watches_the_content_outside_docs(base_project: Path):
    assert watched_folders(base_project) == [str(base_project / "glossary"), str(base_project / "content")]
