"""What the MkDocs adapter decides, as plain functions tested without MkDocs.

The plugin's settings, checked (`read_settings`, `check_markdown`); the pipeline run for each
build, and what a build does when the content has errors (`SiteBuilder`); the generated
pages' clashes with hand-written ones; the search index's extra words. A problem is a
SiteError, whose message the adapter hands MkDocs as it is (one message, no traceback).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .autolink import autolink_mode
from .csp import add_policy
from .index import Index
from .model import GeneratedPage
from .parse import SITE_EXTENSION_CONFIGS, SITE_EXTENSIONS
from .pipeline import Result, Site, build_project
from .preview import ERRORS_URI, SCRIPT_URI, errors_document
from .releases import release_template_data, resolve_release
from .report import format_text
from .search import add_entry_words

# Content outside docs/ that the live preview watches too.
WATCHED_FOLDERS = ("glossary", "content")


def watched_folders(root: Path) -> list[str]:
    return [str(root / folder) for folder in WATCHED_FOLDERS if (root / folder).is_dir()]


class SiteError(Exception):
    """The site cannot be built as configured, or as the content stands; the message says why."""


@dataclass(frozen=True)
class Settings:
    """The plugin's settings in mkdocs.yml, checked."""

    root: Path
    docs_prefix: str  # docs/ relative to the root, for "edit this page" links
    autolink: str  # autolink.MODES
    build_despite_errors: bool
    site: Site
    template_data: dict[str, object] = field(default_factory=dict)  # mkdocs.yml's `extra`, for the templates


def read_settings(
    config_file: str,
    docs_dir: str,
    site_name: str,
    site_url: str,
    markdown_extensions: Iterable[object],
    markdown_configs: Mapping[str, object],
    *,
    root: str | None,
    autolink: object,
    build_despite_errors: bool,
    repo_url: str,
    release: str | dt.date,
    current_url: str,
) -> Settings:
    """The settings, from mkdocs.yml's values (the plugin's options by name)."""
    check_markdown(markdown_extensions, markdown_configs)
    top = Path(root or Path(config_file).parent).resolve()
    try:
        mode = autolink_mode(autolink)
    except ValueError as err:
        raise SiteError(f"plugins: glossary: {err}") from err
    site = Site(site_name, site_url, repo_url)
    settings = Settings(top, Path(docs_dir).resolve().relative_to(top).as_posix(), mode, build_despite_errors, site)
    # (The YAML behind !ENV reads an unquoted date as a date.)
    return read_release(settings, str(release), current_url) if release else settings


def read_release(settings: Settings, release_setting: str, current_url_setting: str) -> Settings:
    """A dated version (releases.py), with the current site's address every page links to."""
    try:
        release, current = resolve_release(release_setting, settings.site.url, current_url_setting)
    except ValueError as err:
        raise SiteError(str(err)) from err
    site = replace(settings.site, release=release, current_url=current)
    return replace(settings, site=site, template_data={"release": release_template_data(release, current)})


def check_markdown(extensions: Iterable[object], configs: Mapping[str, object]) -> None:
    """The check renders bodies with the pipeline's Markdown configuration: the site must use the same."""
    names = [e for e in extensions if isinstance(e, str)]
    used = {name: configs.get(name) for name in names if configs.get(name)}
    if names != SITE_EXTENSIONS or used != SITE_EXTENSION_CONFIGS:
        raise SiteError(
            "markdown_extensions in mkdocs.yml differ from the pipeline's (parse.py), so the "
            f"check would not see what the site renders. mkdocs.yml: {names} {used}; "
            f"pipeline: {SITE_EXTENSIONS} {SITE_EXTENSION_CONFIGS}"
        )


def run_pipeline(settings: Settings, force: bool) -> Result:
    site = settings.site
    try:
        return build_project(settings.root, site.name, site.url, force, site.repo_url, site.release, site.current_url)
    except Exception as err:  # a bug of ours: say so in one line rather than a traceback
        raise SiteError(
            f"glossary pipeline internal error: {type(err).__name__}: {err}. "
            "This is a bug in the pipeline, not in your content; please report it."
        ) from err


@dataclass
class SiteBuilder:
    """Runs the pipeline for each build of one MkDocs session (`mkdocs serve` builds many)."""

    serving: bool = False  # under `mkdocs serve`: errors show in the browser instead of stopping it
    last_good: Result | None = None  # the last result without errors, which the preview keeps showing

    @property
    def scripts(self) -> list[str]:
        """The scripts every page loads besides the site's own: the preview's error panel."""
        return [SCRIPT_URI] if self.serving else []

    def add_policy(self, page_html: str, content_html: str) -> str:
        """The page's Content-Security-Policy (csp.py), added last, once the theme has written every
        inline script it must allow. Not in the live preview: MkDocs adds its reload script to each
        page as it serves it, with a different call each time, so no policy could allow it."""
        return page_html if self.serving else add_policy(page_html, content_html)

    def build(self, settings: Settings) -> tuple[Result, list[GeneratedPage]]:
        """The result to render, and every page to add (the live preview's errors document too).

        Content with errors stops the build (SiteError) before MkDocs cleans site/, so the last
        good site is not deleted; in the live preview the last good version stays instead.
        """
        gc.unfreeze()  # the last build's objects may be freed now (see below)
        result = run_pipeline(settings, settings.build_despite_errors)
        errors = errors_document(result.diagnostics if result.errors else [])
        if result.errors and not settings.build_despite_errors:
            report = format_text(result.diagnostics, result.files_checked)
            if not self.serving:
                raise SiteError("The content has errors; nothing was built and site/ was left as it was.\n" + report)
            print("The content has errors; the preview shows them on every page:\n" + report, file=sys.stderr)
            result = self.last_good or run_pipeline(settings, force=True)
        elif self.serving:
            self.last_good = result
        # The results stay alive while MkDocs renders: set them aside from the cycle collector,
        # which would otherwise walk them all again at every full collection (several percent
        # of the build).
        gc.freeze()
        return result, result.pages + ([GeneratedPage(ERRORS_URI, errors)] if self.serving else [])


def check_no_clash(pages: Iterable[GeneratedPage], exists: Callable[[str], bool], docs_prefix: str) -> None:
    """A hand-written page where a generated one goes would silently replace it."""
    clashes = [page.src_uri for page in pages if exists(page.src_uri)]
    if clashes:
        raise SiteError(
            f"These pages are generated from the content; remove them from {docs_prefix}/: "
            + ", ".join(f"{docs_prefix}/{uri}" for uri in clashes)
        )


def add_search_words(site_dir: str, index: Index | None) -> None:
    """Each entry's distinct words into the theme's search index, once it is written (search.py)."""
    index_file = Path(site_dir) / "search" / "search_index.json"
    if index is not None and index_file.is_file():
        index_file.write_text(add_entry_words(index_file.read_text(encoding="utf-8"), index), encoding="utf-8")
