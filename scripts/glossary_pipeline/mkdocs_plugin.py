"""The thin MkDocs adapter: it only wires MkDocs events to plain modules, which decide and are tested without
MkDocs: sitebuild.py (settings, builds), preview.py (live-preview rebuilds), autolink.py, sanitize.py, csp.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .autolink import AutolinkExtension, AutolinkState
from .parse import SiteMarkupExtension
from .preview import PreviewState
from .sanitize import clean_meta, sanitize_html, sanitize_text, sanitize_toc
from .sitebuild import SiteBuilder, SiteError, add_search_words, check_no_clash, read_settings, watched_folders
from .urls import use_directory_urls

P = ParamSpec("P")
T = TypeVar("T")


def reported(event: Callable[P, T]) -> Callable[P, T]:
    """A SiteError becomes a PluginError, whose message MkDocs prints before exiting 1, without a traceback."""

    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return event(*args, **kwargs)
        except SiteError as err:
            raise PluginError(str(err)) from err

    return run


class GlossaryConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    root = opt.Optional(opt.Dir(exists=True))
    autolink = opt.Type((str, bool), default="first")  # first mentions, all, or off (autolink.autolink_mode)
    build_despite_errors = opt.Type(bool, default=False)  # only to test that hostile content stays harmless
    repo_url = opt.Type(str, default="")  # for history links; not MkDocs' repo_url, which calls the GitHub API
    release = opt.Type((str, dt.date), default="")  # a dated version: GLOSSARY_RELEASE (sitebuild.read_release)
    current_url = opt.Type(str, default="")  # GLOSSARY_CURRENT_URL


class GlossaryPlugin(BasePlugin[GlossaryConfig]):  # type: ignore[no-untyped-call]  # (as above)
    """Adds the glossary's generated pages; fails the build with file:line messages on bad content."""

    def on_startup(self, *, command: str, dirty: bool) -> None:  # MkDocs then keeps this instance across rebuilds
        self.builder = SiteBuilder(serving=command == "serve")
        self.preview = PreviewState(dirty=command == "serve" and dirty)
        self.linker = AutolinkState()  # one for the session: it remembers what each page showed

    @reported
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        paths = (config.config_file_path, config.docs_dir, config.site_name, config.site_url or "")
        self.settings = read_settings(*paths, config.markdown_extensions, config.mdx_configs, **self.config)
        self.linker.mode = self.settings.autolink
        # MkDocs types these as names, but takes extension objects too.
        config.markdown_extensions += [SiteMarkupExtension(), AutolinkExtension(self.linker)]  # type: ignore[list-item]
        use_directory_urls(config.use_directory_urls)
        config.extra.update(self.settings.template_data)
        config.extra_javascript += [opt.ExtraScriptValue(script) for script in self.builder.scripts]
        return config

    @reported
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs cleans site/: content with errors stops here, and the last good site stays.
        self.result, self.pages = self.builder.build(self.settings)
        self.linker.use(self.result.links, self.result.corpus)

    @reported
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in files.documentation_pages():
            file.edit_uri = f"{self.settings.docs_prefix}/{file.src_uri}"  # from the repository's root
        check_no_clash(self.pages, lambda uri: files.get_file_from_path(uri) is not None, self.settings.docs_prefix)
        for page in self.pages:  # not in the sidebar: thousands of entries would make every page heavy
            file = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = page.edit_path
            files.append(file)
        self.preview.mark_pages(files.documentation_pages(), self.result.pages, self.linker)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.preview.note_navigation(nav.pages, config.nav, lambda page: page.read_source(config))
        return nav

    @event_priority(-50)  # late: after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        add_search_words(config.site_dir, self.result.index)
        self.preview.finish()

    def on_page_markdown(self, markdown: str, /, *, page: Page, **_: object) -> str:
        generated = page.file.generated_by is not None
        page.meta = clean_meta(page.meta, generated)  # the theme's templates do not escape front matter
        self.linker.begin_page_from_meta(page.file.src_uri, page.meta, generated, self.result.corpus)
        if self.settings.site.release is not None:  # a dated version sends search engines to the current page
            page.canonical_url = self.settings.site.current_url + page.url
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, **_: object) -> str:
        # Every page's content, whoever wrote it, passes the sanitiser before the theme or search sees it.
        page.title = sanitize_text(page.title) if page.title else page.title
        sanitize_toc(page.toc)
        return sanitize_html(html)

    def on_post_page(self, output: str, /, *, page: Page, **_: object) -> str:
        return self.builder.add_policy(output, page.content or "")

    def on_serve(self, server: LiveReloadServer, /, **_: object) -> LiveReloadServer:
        for folder in watched_folders(self.settings.root):  # the content outside docs/
            server.watch(folder)
        return server
