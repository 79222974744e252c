"""The renderer-independent core: the complete site sources, written to a folder.

`glossary write-sources OUT` writes the hand-written pages and assets, every generated page
and file, the theme overrides and an mkdocs.yml without the glossary plugin, so that any
MkDocs-compatible renderer (MkDocs, ProperDocs, Zensical) can build the site on its own.
What the plugin adds while rendering (term links, the sanitiser, the CSP, the live preview)
is not in the sources; docs/renderers.md says what a build without it lacks.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import GeneratedPage
from .pipeline import Result, build_project
from .releases import Release, release_template_data, resolve_release
from .sitebuild import SiteError, check_no_clash
from .urls import use_directory_urls

# Written into OUT: a folder with this file is ours to replace; any other folder is the user's.
MARKER = ".glossary-sources"
MARKER_TEXT = "Written by `glossary write-sources`; the whole folder is replaced when it runs again.\n"
PLUGIN = "glossary"
HEADER = (
    "# Written by `glossary write-sources` from the project's mkdocs.yml: the same theme, Markdown\n"
    "# and navigation, the generated pages written out in docs/, and no glossary plugin.\n"
    "# Environment values (!ENV) were read when it was written.\n"
)


class SourcesError(Exception):
    """Why the sources cannot be written (the folder is not ours, the configuration is unreadable)."""


@dataclass(frozen=True)
class Written:
    """What write_sources did: the check's result and, when it passed, the counts written."""

    result: Result
    pages: int = 0
    files: int = 0


class _EnvLoader(yaml.SafeLoader):
    """YAML as MkDocs reads it: `!ENV NAME` or `!ENV [NAME, OTHER, default]` is an environment value."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # The same rules as MkDocs' pyyaml_env_tag: names are strings, the value and the default are typed YAML.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode) and node.value:
        *named, last = node.value
        names = [loader.construct_scalar(child) for child in named or [last]]
        default = loader.construct_object(last) if named else None
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list of names", node.start_mark)
    for name in names:
        if str(name) in os.environ:
            value = os.environ[str(name)]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]  # untyped in the stubs
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_EnvLoader.add_constructor("!ENV", _construct_env)


class _BlockDumper(yaml.SafeDumper):
    """Lines of text (not_in_nav's patterns) as a YAML block, one a line, for a person reading the file."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_BlockDumper.add_representer(str, _represent_text)


def read_config(path: Path) -> dict[str, object]:
    """The project's mkdocs.yml, environment values resolved."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_EnvLoader)  # a SafeLoader, plus !ENV
    except (OSError, yaml.YAMLError) as err:
        raise SourcesError(f"{path}: cannot be read: {err}") from err
    if not isinstance(data, dict):
        raise SourcesError(f"{path}: not a MkDocs configuration (a mapping of settings)")
    return data


def split_plugins(config: dict[str, object]) -> tuple[list[object], dict[str, object]]:
    """The plugins other than the glossary's, and the glossary plugin's options."""
    plugins = config.get("plugins") or []
    kept: list[object] = []
    options: dict[str, object] = {}
    for item in plugins if isinstance(plugins, list) else [plugins]:
        name = next(iter(item)) if isinstance(item, dict) and len(item) == 1 else item
        if name == PLUGIN:
            options = dict(item[PLUGIN] or {}) if isinstance(item, dict) else {}
        else:
            kept.append(item)
    return kept, options


def read_release(options: dict[str, object], site_url: str) -> tuple[Release | None, str]:
    """The dated version the plugin options ask for (releases.py), and the current site's address."""
    text = str(options.get("release") or "")
    if not text:
        return None, ""
    try:
        return resolve_release(text, site_url, str(options.get("current_url") or ""))
    except ValueError as err:
        raise SourcesError(str(err)) from err


def nav_pages(nav: object) -> set[str]:
    """Every page file the navigation lists (MkDocs' nav: strings, or titles mapped to pages or sections)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return {page for item in nav for page in nav_pages(item)}
    if isinstance(nav, dict):
        return {page for value in nav.values() for page in nav_pages(value)}
    return set()


def plain_config(
    config: dict[str, object], plugins: list[object], generated: list[str], release: Release | None, current: str
) -> str:
    """The written mkdocs.yml: the project's settings, the written folders, and no glossary plugin."""
    plain = {key: value for key, value in config.items() if key not in ("plugins", "docs_dir", "site_dir")}
    plain["docs_dir"], plain["site_dir"] = "docs", "site"
    plain["plugins"] = plugins
    # The plugin adds its pages outside the navigation (entries are reached through the A-Z
    # index); written out, they must be named so, or a strict build fails on each one.
    listed = nav_pages(config.get("nav"))
    plain["not_in_nav"] = "\n".join(f"/{uri}" for uri in sorted(generated) if uri not in listed) + "\n"
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        plain["theme"] = {**theme, "custom_dir": "overrides"}
    # The plugin points "Edit this page" at docs/ for hand-written pages and at the content
    # file for generated ones; a renderer alone would send both to the written copy, which
    # no one edits. No edit links rather than wrong ones.
    plain["edit_uri"] = ""
    if release is not None:
        extra = config.get("extra")
        plain["extra"] = {
            **(extra if isinstance(extra, dict) else {}),
            "release": release_template_data(release, current),
        }
    return HEADER + yaml.dump(plain, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=120)


def check_target(out: Path) -> None:
    """Refuse a folder that is not an earlier write-sources output: it would be replaced whole."""
    if out.exists() and not out.is_dir():
        raise SourcesError(f"{out} exists and is not a folder; choose another place for the sources")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SourcesError(
            f"{out} is a folder that write-sources did not write ({MARKER} is missing); "
            "it would be replaced, so choose a new or empty folder"
        )


def write_sources(root: Path, out: Path) -> Written:
    """Check and generate as the build does, then write the sources into `out`; nothing is written on errors."""
    root, out = root.resolve(), out.resolve()
    check_target(out)
    config = read_config(root / "mkdocs.yml")
    plugins, options = split_plugins(config)
    site_url = str(config.get("site_url") or "")
    release, current = read_release(options, site_url)
    use_directory_urls(config.get("use_directory_urls", True) is not False)
    repo_url = str(options.get("repo_url") or "")
    result = build_project(root, str(config.get("site_name") or ""), site_url, False, repo_url, release, current)
    if result.errors:
        return Written(result)
    docs = root / str(config.get("docs_dir") or "docs")
    try:
        check_no_clash(result.pages, lambda uri: (docs / uri).exists(), str(config.get("docs_dir") or "docs"))
    except SiteError as err:
        raise SourcesError(str(err)) from err
    theme = config.get("theme")
    overrides = (
        root / str(theme.get("custom_dir") or "") if isinstance(theme, dict) and theme.get("custom_dir") else None
    )
    staging = out.with_name(f".{out.name}.writing")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(docs, staging / "docs")
    if overrides is not None:
        shutil.copytree(overrides, staging / "overrides")
    _write_pages(staging / "docs", result.pages)
    (staging / "mkdocs.yml").write_text(
        plain_config(
            config, plugins, [page.src_uri for page in result.pages if page.src_uri.endswith(".md")], release, current
        ),
        encoding="utf-8",
    )
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    _replace(out, staging)
    markdown = sum(1 for page in result.pages if page.src_uri.endswith(".md"))
    return Written(result, markdown + sum(1 for _ in docs.rglob("*.md")), len(result.pages) - markdown)


def _write_pages(docs: Path, pages: list[GeneratedPage]) -> None:
    for page in pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page.content, bytes):
            target.write_bytes(page.content)
        else:
            target.write_text(page.content, encoding="utf-8")


def _replace(out: Path, staging: Path) -> None:
    """Put the new sources in place; the old ones (ours, check_target made sure) go only once the new are whole."""
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(out)
        return
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    out.rename(old)
    staging.rename(out)
    shutil.rmtree(old)
