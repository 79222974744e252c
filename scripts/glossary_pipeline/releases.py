"""Dated versions of the site that a trainer can assign: what releases exist, the Versions page
that lists them, and releases.json for tools (the reading-list builder).

A release is a git tag `release-YYYY-MM-DD`. The deploy workflow builds the site at each such
tag into `releases/YYYY-MM-DD/` beside the current site (scripts/build-releases.sh); this
module only reads the tags and writes the pages. A build without git, or outside a
repository, still works: it knows of no releases.

Plain data in, plain pages out: the renderer's side (the banner on every page of a release,
its canonical link and noindex) is the adapter's and the templates'.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .markup import escape_text, front_matter
from .model import GeneratedPage
from .provenance import MONTHS
from .urls import (
    RELEASES_FOLDER,
    RELEASES_JSON_URI,
    RELEASES_SCHEMA_URI,
    RELEASES_URI,
    entry_uri,
    link,
    output_url,
    release_path,
)

TAG_PREFIX = "release-"
TAG_PATTERN = TAG_PREFIX + "*"
_TAG_RE = re.compile(r"^release-(\d{4}-\d{2}-\d{2})$")

RELEASES_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "releases.schema.json",
    "title": "Dated versions of the glossary (releases.json)",
    "type": "object",
    "additionalProperties": False,
    "required": ["current", "release", "releases"],
    "properties": {
        "current": {"type": "string", "description": "The current site's address; '' when the build did not know it."},
        "release": {
            "type": ["string", "null"],
            "format": "date",
            "description": "The date of the version this copy is, or null on the current site.",
        },
        "releases": {
            "type": "array",
            "description": "Newest first.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["date", "title", "tag", "url"],
                "properties": {
                    "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                    "title": {"type": "string", "description": "The date as the site writes it: 6 December 2026."},
                    "tag": {"type": "string", "pattern": r"^release-\d{4}-\d{2}-\d{2}$"},
                    "url": {
                        "type": "string",
                        "description": "The release's home page: absolute when the site's "
                        "address is known, else relative to the site root.",
                    },
                },
            },
        },
    },
}


@dataclass(frozen=True, order=True)
class Release:
    date: dt.date

    @property
    def tag(self) -> str:
        return TAG_PREFIX + self.date.isoformat()

    @property
    def path(self) -> str:
        """Where the release lives, relative to the current site's root."""
        return release_path(self.date.isoformat())

    @property
    def title(self) -> str:
        return long_date(self.date)


def long_date(day: dt.date) -> str:
    """6 December 2026: unambiguous wherever the reader is."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def parse_release(text: str) -> Release | None:
    """A release from its tag (`release-2026-12-06`) or its date (`2026-12-06`); None if it is neither."""
    match = _TAG_RE.match(text.strip()) or _TAG_RE.match(TAG_PREFIX + text.strip())
    if not match:
        return None
    try:
        return Release(dt.date.fromisoformat(match.group(1)))
    except ValueError:  # release-2026-13-01
        return None


def parse_tags(text: str) -> list[Release]:
    """Releases from `git tag --list` output, newest first; other tags are not releases."""
    found = {parse_release(line) for line in text.splitlines() if line.strip()}
    return sorted((r for r in found if r is not None), reverse=True)


def read_tags(root: Path) -> list[str] | None:
    """The repository's tags that start `release-`; None when git or the repository is not there."""
    try:
        tags = subprocess.run(
            ["git", "-C", str(root), "tag", "--list", TAG_PATTERN],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [line.strip() for line in tags.splitlines() if line.strip()]


def read_releases(root: Path) -> list[Release] | None:
    """The releases tagged in the repository, newest first; None when git or the repository is not there."""
    tags = read_tags(root)
    return None if tags is None else parse_tags("\n".join(tags))


def current_site_url(site_url: str, release: Release, current_url: str = "") -> str:
    """The current site's address, seen from a release: given, or the release's address less `releases/<date>/`."""
    if current_url:
        return current_url.rstrip("/") + "/"
    base = site_url.rstrip("/") + "/"
    return base[: -len(release.path)] if site_url and base.endswith("/" + release.path) else ""


def resolve_release(setting: str, site_url: str, current_setting: str = "") -> tuple[Release, str]:
    """The dated version a build is asked for (GLOSSARY_RELEASE) and the current site's address
    (GLOSSARY_CURRENT_URL, by default site_url less releases/<date>/), which every page links to.
    ValueError says what is wrong with the settings."""
    release = parse_release(setting)
    if release is None:
        raise ValueError(f"release (GLOSSARY_RELEASE) must be a date, YYYY-MM-DD; it is {setting!r}")
    current = current_site_url(site_url, release, current_setting)
    if not current.startswith(("https://", "http://")):
        raise ValueError(
            "A dated version links every page to the current site: set GLOSSARY_CURRENT_URL to the "
            f"current site's address, or SITE_URL to it followed by {release.path} (it is {site_url!r})."
        )
    return release, current


def release_template_data(release: Release, current_url: str) -> dict[str, str]:
    """What the templates show of a dated version: the notice on every page, and noindex (overrides/main.html)."""
    return {"date": release.date.isoformat(), "title": release.title, "current_url": current_url}


def known_releases(releases: list[Release] | None, release: Release | None) -> list[Release]:
    """What a build lists: every tag on the current site; on a release, itself and the releases before it
    (the tags made later are not its business, and its pages stay the same whenever it is rebuilt)."""
    found = list(releases or [])
    if release is None:
        return found
    return sorted({r for r in found if r.date <= release.date} | {release}, reverse=True)


def build_releases_data(
    releases: list[Release] | None, site_url: str, release: Release | None = None, current_url: str = ""
) -> dict[str, object]:
    """releases.json: the current site, which release this copy is (if any), and every release with its address."""
    current = (
        current_site_url(site_url, release, current_url)
        if release
        else (site_url.rstrip("/") + "/" if site_url else "")
    )
    return {
        "current": current,
        "release": release.date.isoformat() if release else None,
        "releases": [
            {"date": r.date.isoformat(), "title": r.title, "tag": r.tag, "url": current + r.path}
            for r in known_releases(releases, release)
        ],
    }


def _describe_this_release(site_url: str, release: Release, current_url: str) -> str:
    """On a dated version's own Versions page: which version this is, and where the others are."""
    current = current_site_url(site_url, release, current_url)
    where = (
        f"[the current site's list of versions]({current}{RELEASES_FOLDER})"
        if current
        else "the current site's list of versions"
    )
    return (
        f"This is the version of {release.title}, kept as it was on that day. Newer versions and the "
        f"current text are listed on {where}.\n"
    )


def _how_to_link(releases: list[Release] | None, base: str) -> list[str]:
    """How a trainer links a page as it stood on a date, with an example address."""
    out: list[str] = []
    example = releases[0] if releases else Release(dt.date(2026, 12, 6))
    page = output_url(entry_uri("transference"))
    out.append("## Linking a fixed version\n")
    out.append(f"- A link to the current site (`{base}{page}`) never breaks, but the text it shows may change.")
    out.append(
        f"- To assign a page as it stood on a date, link the same page inside a dated version: put "
        f"`{example.path}` after the site's address, as in `{base}{example.path}{page}`"
        + ("" if releases else " (an example: there is no such version yet)")
        + "."
    )
    out.append(
        "- Every page of a dated version says which version it is, and links to the current text of the "
        "same page. Search, links and printing stay within the version."
    )
    out.append("- “Cite this page” in a dated version cites that version's address.")
    out.append(
        f"- Tools can read the list of versions from "
        f"[`releases.json`]({link(RELEASES_URI, RELEASES_JSON_URI)}) "
        f"([its schema]({link(RELEASES_URI, RELEASES_SCHEMA_URI)}))."
    )
    return out


def render_releases_page(
    releases: list[Release] | None, site_url: str, release: Release | None = None, current_url: str = ""
) -> GeneratedPage:
    """The Versions page: the dated versions, and how a trainer links a fixed one."""
    out = [
        front_matter(
            {
                "title": "Versions",
                "autolink": False,
                "description": "Dated versions of the glossary that stay as they were, for trainers "
                "who assign a reading, and how to link them.",
            }
        ),
        "# Versions\n",
    ]
    if release is not None:
        out.append(_describe_this_release(site_url, release, current_url))
        return GeneratedPage(RELEASES_URI, "\n".join(out))
    base = site_url.rstrip("/") + "/" if site_url else ""
    out.append(
        "The glossary changes as entries are added and corrected. A **dated version** is a copy of the "
        "whole site as it stood on one day, kept unchanged at its own address, so that a reading you "
        "assign says the same thing when your students open it, and prints the same.\n"
    )
    out.append("## Dated versions\n")
    if releases:
        # Raw links: the release folders are added beside the site when it is deployed, so the
        # renderer, which checks Markdown links, cannot see them.
        for r in releases:
            out.append(f'- <a href="{r.date.isoformat()}/">{escape_text(r.title)}</a>')
        out.append("")
    else:
        out.append("There are none yet: every page shows the current text.\n")
        if releases is None:
            out.append("(This copy of the site was built without the repository, where versions are recorded.)\n")
    out += _how_to_link(releases, base)
    out.append("")
    out.append(
        "A new version is made by the site's maintainers, for example at the start of a course: see "
        "the repository's README.\n"
    )
    return GeneratedPage(RELEASES_URI, "\n".join(out))


def generate_release_pages(
    releases: list[Release] | None, site_url: str, release: Release | None = None, current_url: str = ""
) -> list[GeneratedPage]:
    data = build_releases_data(releases, site_url, release, current_url)
    return [
        render_releases_page(releases, site_url, release, current_url),
        GeneratedPage(RELEASES_JSON_URI, json.dumps(data, indent=1, ensure_ascii=False) + "\n"),
        GeneratedPage(RELEASES_SCHEMA_URI, json.dumps(RELEASES_SCHEMA, indent=2) + "\n"),
    ]
