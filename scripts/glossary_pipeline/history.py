"""What changed when, from the repository's history: each content file's last change and the
latest changes to the content.

Read with one `git log` for the whole content. A build without git, or outside a
repository, still works: it simply has no history to show.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CONTENT_FOLDERS = ("glossary", "content")
RECENT = 30  # changes listed on the changes page


@dataclass(frozen=True)
class Change:
    date: str  # ISO date of the commit
    subject: str
    paths: tuple[str, ...]  # content files it touched, relative to the project root


@dataclass
class History:
    available: bool = False
    last_changed: dict[str, str] = field(default_factory=dict)  # path -> ISO date
    recent: list[Change] = field(default_factory=list)


def read_history(root: Path) -> History:
    """The content's history, or an empty one when git or the repository is not there."""
    try:
        prefix = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-prefix"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x1e%cs%x1f%s", "--name-only", "--", *CONTENT_FOLDERS],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return History()
    return parse_log(log, prefix)


def parse_log(log: str, prefix: str = "") -> History:
    """History from `git log --format=%x1e%cs%x1f%s --name-only` (newest first)."""
    history = History(available=True)
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        date, _, subject = head.partition("\x1f")
        paths = tuple(name.removeprefix(prefix) for name in names.split("\n") if name.strip())
        for path in paths:
            history.last_changed.setdefault(path, date)
        if paths and len(history.recent) < RECENT:
            history.recent.append(Change(date, subject.strip(), paths))
    return history
