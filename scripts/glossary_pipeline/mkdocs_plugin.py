"""The thin MkDocs adapter: it only wires MkDocs events to the plain modules.

What it decides lives in modules tested without MkDocs: the settings and each build's outcome
(sitebuild.py), which pages a live-preview rebuild may skip (preview.py), term links and
citations (autolink.py), front matter and the sanitiser (sanitize.py), the policy (csp.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal, TypeVar

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .autolink import AutolinkExtension, AutolinkState
from .csp import add_policy
from .parse import SiteMarkupExtension
from .preview import ERRORS_URI, SCRIPT_URI, PreviewState, quiet_dirty_warning
from .sanitize import clean_meta, sanitize_html, sanitize_text, sanitize_toc
from .sitebuild import WATCHED_FOLDERS, SiteBuilder, SiteError, add_search_words, check_markdown, check_no_clash
from .sitebuild import read_settings
from .urls import use_directory_urls

T = TypeVar("T")


class GlossaryConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    root = opt.Optional(opt.Dir(exists=True))
    autolink = opt.Type((str, bool), default="first")  # first mentions, all, or off (autolink.autolink_mode)
    build_despite_errors = opt.Type(bool, default=False)  # only to test that hostile content stays harmless
    repo_url = opt.Type(str, default="")  # for history links; not MkDocs' repo_url, which calls the GitHub API
    release = opt.Type((str, dt.date), default="")  # a dated version: GLOSSARY_RELEASE (sitebuild.read_release)
    current_url = opt.Type(str, default="")  # GLOSSARY_CURRENT_URL


class GlossaryPlugin(BasePlugin[GlossaryConfig]):  # type: ignore[no-untyped-call]  # (as above)
    """Adds the glossary's generated pages; fails the build with file:line messages on bad content."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds.
        self.builder = SiteBuilder(serving=command == "serve")
        self.preview = PreviewState(dirty=command == "serve" and dirty)
        self.linker = AutolinkState()  # one for the session: it remembers what each page showed
        if self.preview.dirty:
            quiet_dirty_warning()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = wrap(
            lambda: read_settings(
                config.config_file_path, config.docs_dir, config.site_name, config.site_url or "", **self.config
            )
        )
        wrap(lambda: check_markdown(config.markdown_extensions, config.mdx_configs))
        self.linker.mode = self.settings.autolink
        # MkDocs types these as names, but takes extension objects too.
        config.markdown_extensions += [SiteMarkupExtension(), AutolinkExtension(self.linker)]  # type: ignore[list-item]
        use_directory_urls(config.use_directory_urls)
        if self.settings.release_data:
            config.extra["release"] = self.settings.release_data
        if self.builder.serving:
            config.extra_javascript.append(ExtraScriptValue(SCRIPT_URI))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs cleans site/: content with errors stops here, and the last good site stays.
        self.result, self.errors_json = wrap(lambda: self.builder.build(self.settings))
        assert self.result.links is not None and self.result.corpus is not None  # a check always links
        self.linker.use(self.result.links.matcher, self.result.corpus)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        prefix = self.settings.docs_prefix
        for file in files.documentation_pages():
            file.edit_uri = f"{prefix}/{file.src_uri}"  # edit links start at the repository's root
        wrap(lambda: check_no_clash(self.result.pages, lambda uri: files.get_file_from_path(uri) is not None, prefix))
        if self.builder.serving:
            files.append(
                File.generated(config, ERRORS_URI, content=self.errors_json, inclusion=InclusionLevel.NOT_IN_NAV)
            )
        for page in self.result.pages:
            # Not in the sidebar: thousands of entries there would make every page heavy.
            file = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = page.edit_path
            files.append(file)
        if self.preview.dirty:  # a dirty build renders only the pages preview.py says changed
            generated = {page.src_uri: page.content for page in self.result.pages if isinstance(page.content, str)}
            entries = self.linker.describe_entries()
            self.preview.mark_pages(files.documentation_pages(), generated, entries, self.linker.may_show)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.preview.dirty:
            # Every sidebar shows the navigation's titles, and a dirty build knows only those of
            # the pages it renders: read the others' front matter and heading (no rendering).
            for page in nav.pages:
                if page.markdown is None:
                    page.read_source(config)
            self.preview.note_titles([(p.file.src_uri, str(p.title)) for p in nav.pages], config.nav)
        return nav

    @event_priority(-50)  # late: after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        add_search_words(config.site_dir, self.result.index)
        self.preview.finish()

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.result.corpus is not None
        page.meta = clean_meta(
            page.meta, page.file.generated_by is not None
        )  # the templates do not escape front matter
        self.linker.begin_page_from_meta(
            page.file.src_uri, page.meta, page.file.generated_by is not None, self.result.corpus
        )
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Every page's content, whoever wrote it, passes the sanitiser before the theme or search sees it.
        if page.title:
            page.title = sanitize_text(page.title)
        sanitize_toc(page.toc)
        return sanitize_html(html)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.settings.site.release is not None:  # a dated version sends search engines to the current page
            page.canonical_url = self.settings.site.current_url + page.url
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # Not in the live preview: MkDocs adds a reload script to each page it serves, with a
        # different call each time, which no policy could allow.
        return output if self.builder.serving else add_policy(output, page.content or "")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., object]
    ) -> LiveReloadServer:
        for folder in WATCHED_FOLDERS:  # the content outside docs/
            if (self.settings.root / folder).is_dir():
                server.watch(str(self.settings.root / folder))
        return server


def wrap(run: Callable[[], T]) -> T:
    """MkDocs prints a PluginError's message and exits 1, without a traceback."""
    try:
        return run()
    except SiteError as err:
        raise PluginError(str(err)) from err
