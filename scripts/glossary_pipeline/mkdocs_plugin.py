"""The thin MkDocs adapter: runs the pipeline and hands its pages to MkDocs.

All logic lives in the plain modules; this file only wires MkDocs events to them.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import sys
from dataclasses import replace
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .autolink import MODES, AutolinkExtension, AutolinkState
from .citations import page_works
from .csp import add_policy
from .parse import SITE_EXTENSION_CONFIGS, SITE_EXTENSIONS, SiteMarkupExtension
from .pipeline import build_project
from .preview import ERRORS_URI, SCRIPT_URI, PreviewRecord, errors_document, plan_rebuild, titles_changed
from .releases import current_site_url, parse_release
from .report import format_text
from .sanitize import sanitize_html, sanitize_text
from .search import add_entry_words
from .urls import use_directory_urls


class AutolinkMode(config_options.Choice):
    """One of MODES; YAML reads an unquoted `off` as false, so false means "off" (and true "first")."""

    def run_validation(self, value):
        return super().run_validation(
            {False: "off", True: "first"}.get(value, value) if isinstance(value, bool) else value
        )


class GlossaryConfig(Config):
    root = config_options.Optional(config_options.Dir(exists=True))
    # Automatic term links: the first mention of each term on a page, every mention, or none.
    autolink = AutolinkMode(MODES, default="first")
    # Build even when the check finds errors. Only for testing that hostile content stays
    # harmless when rendered; never set it for the real site.
    build_despite_errors = config_options.Type(bool, default=False)
    # The repository's web address, for each page's history link (for example
    # https://github.com/OWNER/REPO). No link when empty. Not MkDocs' repo_url, which would
    # make every page call the GitHub API.
    repo_url = config_options.Type(str, default="")
    # A dated version of the site (releases.py): its date, YYYY-MM-DD (GLOSSARY_RELEASE; the
    # deploy workflow sets it for each release-YYYY-MM-DD tag), and the current site's address
    # (GLOSSARY_CURRENT_URL; by default site_url less releases/<date>/). Empty: the current site.
    # (The YAML behind !ENV reads an unquoted date as a date.)
    release = config_options.Type((str, dt.date), default="")
    current_url = config_options.Type(str, default="")


# Front-matter keys a hand-written page may set; others (a template, JSON-LD, scripts) could
# put markup where the theme does not escape it.
DOCS_META_KEYS = {"title", "description", "hide", "search", "autolink"}


def _walk_toc(items):
    for item in items:
        yield item
        yield from _walk_toc(item.children)


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build is being performed" not in record.getMessage()


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Adds the glossary's generated pages; fails the build with file:line messages on bad content."""

    # Live preview (`mkdocs serve --dirty`, as `make serve` runs it): after an edit only the
    # pages whose Markdown changed are rendered again. Having on_startup also makes MkDocs
    # keep this instance across rebuilds, so it remembers the last build.
    preview = False
    built = PreviewRecord()  # the last preview build written
    pending = PreviewRecord()  # the one being built
    rebuild_all = True

    def on_startup(self, *, command, dirty):
        self.preview = command == "serve" and dirty
        self.serving = command == "serve"
        self.last_good = None  # the last result without errors, which the preview keeps showing
        self.built = PreviewRecord()
        # One linker state for the whole session: it remembers which entries each page
        # showed when last rendered (MkDocs makes a new configuration for every build).
        self.autolink_state = AutolinkState()
        if self.preview:
            # MkDocs warns that a dirty build may leave links stale, and strict mode makes that
            # warning fatal. Here it does not apply: a page is built again whenever anything
            # it shows of other pages changes (see mark_unchanged_pages and on_nav).
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)

    def on_config(self, config):
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self.docs_prefix = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        self.autolink = AutolinkExtension(self.autolink_state)
        self.autolink.state.mode = self.config.autolink
        # The check renders bodies with the pipeline's Markdown configuration: the site must use the same.
        names = [e for e in config.markdown_extensions if isinstance(e, str)]
        configs = {name: config.mdx_configs.get(name) for name in names if config.mdx_configs.get(name)}
        if names != SITE_EXTENSIONS or configs != SITE_EXTENSION_CONFIGS:
            raise PluginError(
                "markdown_extensions in mkdocs.yml differ from the pipeline's (parse.py), so the "
                f"check would not see what the site renders. mkdocs.yml: {names} {configs}; "
                f"pipeline: {SITE_EXTENSIONS} {SITE_EXTENSION_CONFIGS}"
            )
        config.markdown_extensions += [SiteMarkupExtension(), self.autolink]
        use_directory_urls(config.use_directory_urls)
        self.release = None
        if self.config.release:
            self.release = parse_release(str(self.config.release))
            if self.release is None:
                raise PluginError(
                    f"release (GLOSSARY_RELEASE) must be a date, YYYY-MM-DD; it is {self.config.release!r}"
                )
            self.current_url = current_site_url(config.site_url or "", self.release, self.config.current_url)
            if not self.current_url.startswith(("https://", "http://")):
                raise PluginError(
                    "A dated version links every page to the current site: set GLOSSARY_CURRENT_URL to the "
                    "current site's address, or SITE_URL to it followed by "
                    f"{self.release.path} (it is {config.site_url!r})."
                )
            # For the templates: the notice on every page and noindex (overrides/main.html).
            config.extra["release"] = {
                "date": self.release.date.isoformat(),
                "title": self.release.title,
                "current_url": self.current_url,
            }
        else:
            self.current_url = ""
        if getattr(self, "serving", False):
            config.extra_javascript.append(ExtraScriptValue(SCRIPT_URI))
        return config

    def on_pre_build(self, config) -> None:
        # Runs before MkDocs cleans site/: content with errors stops the build here,
        # so the last good site is not deleted.
        gc.unfreeze()  # the last preview build's objects may be freed now (see below)
        try:
            self.result = build_project(
                self.root,
                config.site_name,
                config.site_url or "",
                force=self.config.build_despite_errors,
                repo_url=self.config.repo_url,
                release=self.release,
                current_url=self.current_url,
            )
        except Exception as err:  # a bug of ours: say so in one line rather than a traceback
            raise PluginError(
                f"glossary pipeline internal error: {type(err).__name__}: {err}. "
                "This is a bug in the pipeline, not in your content; please report it."
            ) from err
        self.preview_errors = errors_document(self.result.diagnostics if self.result.errors else [])
        if self.result.errors and not self.config.build_despite_errors:
            report = format_text(self.result.diagnostics, self.result.files_checked)
            if not getattr(self, "serving", False):
                # PluginError is a BuildError: MkDocs prints the message and exits 1, without a traceback.
                raise PluginError("The content has errors; nothing was built and site/ was left as it was.\n" + report)
            # Live preview: keep showing the last version without errors, and show the errors
            # in the browser (preview.py) as well as here.
            print("The content has errors; the preview shows them on every page:\n" + report, file=sys.stderr)
            self.result = self.last_good or build_project(
                self.root,
                config.site_name,
                config.site_url or "",
                force=True,
                repo_url=self.config.repo_url,
                release=self.release,
                current_url=self.current_url,
            )
        elif getattr(self, "serving", False):
            self.last_good = self.result
        # The pipeline's results stay alive for the whole build: set them aside from the cycle
        # collector, which would otherwise walk them all again at every full collection
        # while MkDocs renders (several percent of the build).
        gc.freeze()
        self.autolink.state.matcher = self.result.links.matcher
        self.autolink.state.summaries = {slug: e.summary for slug, e in self.result.corpus.entries.items()}

    def on_files(self, files: Files, config) -> Files:
        for file in files.documentation_pages():
            # "Edit this page" URLs are relative to the repository root, so docs/ pages need their folder.
            file.edit_uri = f"{self.docs_prefix}/{file.src_uri}"
        clashes = [p.src_uri for p in self.result.pages if files.get_file_from_path(p.src_uri) is not None]
        if clashes:
            raise PluginError(
                f"These pages are generated from the content; remove them from {self.docs_prefix}/: "
                + ", ".join(f"{self.docs_prefix}/{uri}" for uri in clashes)
            )
        if getattr(self, "serving", False):
            files.append(
                File.generated(config, ERRORS_URI, content=self.preview_errors, inclusion=InclusionLevel.NOT_IN_NAV)
            )
        for page in self.result.pages:
            # Entries are reached through the A-Z index and categories, not the sidebar:
            # listing thousands of pages in the navigation makes every page heavy and the build quadratic.
            # Content is text, or bytes for a binary download (the Anki deck): MkDocs copies either as it is.
            generated = File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV)
            generated.edit_uri = page.edit_path
            files.append(generated)
        if self.preview:
            self.mark_unchanged_pages(files, config)
        return files

    def mark_unchanged_pages(self, files: Files, config) -> None:
        """Tell a dirty build which pages it may skip (preview.plan_rebuild decides)."""
        generated = {page.src_uri: page.content for page in self.result.pages}
        pages = [
            (f.src_uri, generated.get(f.src_uri), f.is_modified, lambda f=f: f.content_string)
            for f in files.documentation_pages()
        ]
        decisions, self.rebuild_all, self.pending = plan_rebuild(
            pages, self.autolink.state.describe_entries(), self.built, self.autolink.state.may_show
        )
        for file in files.documentation_pages():
            # Asked later, once on_nav has had its say.
            file.is_modified = lambda changed=decisions[file.src_uri]: changed or self.rebuild_all  # type: ignore[method-assign]

    def on_nav(self, nav, config, files):
        if self.preview:
            # Every page's sidebar shows the navigation, and a dirty build knows the titles
            # only of the pages it renders: read the others' sources (front matter and first
            # heading; no rendering) so that no sidebar says "None", and build every page
            # again when a title in the navigation changed.
            for page in nav.pages:
                if page.markdown is None:
                    page.read_source(config)
            changed, titles = titles_changed([(p.file.src_uri, p.title) for p in nav.pages], config.nav, self.built)
            self.rebuild_all = self.rebuild_all or changed
            self.pending = replace(self.pending, nav_titles=titles)
        return nav

    @event_priority(-50)  # late: after the search plugin has written its index
    def on_post_build(self, config) -> None:
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if index_file.is_file():
            index_file.write_text(
                add_entry_words(index_file.read_text(encoding="utf-8"), self.result.index), encoding="utf-8"
            )
        if self.preview:
            self.built = self.pending

    def on_page_markdown(self, markdown, page, config, files):
        # Front matter reaches the theme's templates, which do not escape it: keep only the
        # keys the site uses, and make titles and descriptions HTML text.
        if not page.file.generated:
            page.meta = {key: value for key, value in page.meta.items() if key in DOCS_META_KEYS}
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = sanitize_text(page.meta[key])
        # Tell the term linker which page it is about to render (pages render one at a time),
        # and which works its in-text citations may link to.
        meta = (page.meta.get("glossary") or {}) if page.file.generated else {}
        kind, slug = meta.get("kind", ""), meta.get("slug", "")
        self.autolink.state.begin_page(
            page.file.src_uri,
            slug if kind == "entry" else "",
            page.meta.get("autolink", True) is not False,
            page_works(self.result.corpus, kind, slug),
        )
        return markdown

    def on_page_content(self, html, page, config, files):
        # Every page's content, whoever wrote it, passes the sanitiser before the theme or
        # search sees it; the table of contents is text too (a heading can set its label).
        if page.title:
            page.title = sanitize_text(page.title)
        for item in _walk_toc(page.toc):
            item.title = sanitize_text(item.title)
        return sanitize_html(html)

    def on_page_context(self, context, page, config, nav):
        # A dated version is a copy: search engines are sent to the current page (the
        # templates add noindex), and so are link previews (og:url).
        if self.release is not None:
            page.canonical_url = self.current_url + page.url
        return context

    def on_post_page(self, output, page, config):
        # Last, once the theme has written every inline script the policy must allow. Not in
        # the live preview: MkDocs adds its reload script to each page as it serves it, with
        # a different call each time, so no policy could allow it and the page would never reload.
        if getattr(self, "serving", False):
            return output
        return add_policy(output, page.content or "")

    def on_serve(self, server, config, builder):
        # Live preview: rebuild when content outside docs/ changes too.
        for folder in ("glossary", "content"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
