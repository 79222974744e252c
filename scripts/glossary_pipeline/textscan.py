"""Plain text helpers: word counts of fields, reading time, and the one source scan of a Markdown body.

What a Markdown body holds (code, HTML, prose) is decided by the renderer (parse.py).
Wikilinks are the one thing found in the source itself, since they are replaced there
before rendering: `scan_source` proposes them once per body, outside fenced and inline
code (by the renderer's fence rules: a fence closes only with the same character, at
least as long), and the parse keeps those the renderer makes links of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

WIKILINK_RE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_WORD_RE = re.compile(r"[\w'’-]+")
WORDS_PER_MINUTE = 200  # a common estimate for careful reading of study material


@dataclass(frozen=True)
class Wikilink:
    """A [[wikilink]] where the body has it."""

    line: int  # 0-based line of the body (as written, leading blank lines included)
    col: int  # 1-based column of the first '['
    inner: str  # what stands between the brackets

    @property
    def end(self) -> int:
        """0-based offset on its line just after the closing brackets."""
        return self.col - 1 + len(self.inner) + 4

    @property
    def shown(self) -> str:
        """The link's text as far as the body alone tells it (the link stage may use the entry's title)."""
        target, _, text = self.inner.partition("|")
        return text.strip() or target.strip()


@dataclass(frozen=True)
class SourceScan:
    """What a body's source says before rendering, every position kept."""

    masked: str  # the body with fenced and inline code blanked out, every offset kept
    fenced: frozenset[int]  # 0-based lines of fenced code blocks, fences included
    wikilinks: tuple[Wikilink, ...]  # [[...]] outside that code, in reading order


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))  # the scan works line by line, so a match holds no newline


def scan_source(body: str) -> SourceScan:
    """Blank out fenced and inline code, and find the wikilinks outside it, in one pass over the lines."""
    out: list[str] = []
    fenced: set[int] = set()
    links: list[Wikilink] = []
    fence = ""
    for number, line in enumerate(body.split("\n")):
        opened = _FENCE_RE.match(line)
        if fence or opened:
            if not fence:
                fence = opened.group(1) if opened else ""
            elif opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            fenced.add(number)
            out.append(" " * len(line))
            continue
        shown = _INLINE_CODE_RE.sub(_blank, line) if "`" in line else line
        out.append(shown)
        if "[[" in shown:
            links += [Wikilink(number, m.start() + 1, m.group(1)) for m in WIKILINK_RE.finditer(shown)]
    return SourceScan("\n".join(out), frozenset(fenced), tuple(links))


def replace_wikilinks(body: str, wikilinks: Iterable[Wikilink], replace: Callable[[Wikilink], str | None]) -> str:
    """The body with each wikilink replaced by what `replace` gives (None leaves it as written)."""
    lines = body.split("\n")
    by_line: dict[int, list[Wikilink]] = {}
    for link in wikilinks:
        by_line.setdefault(link.line, []).append(link)
    for number, links in by_line.items():
        line, pieces, last = lines[number], [], 0
        for link in links:
            replacement = replace(link)
            if replacement is not None:
                pieces += [line[last : link.col - 1], replacement]
                last = link.end
        lines[number] = "".join(pieces) + line[last:]
    return "\n".join(lines)


def count_words(text: str) -> int:
    """Words in plain text (a field, or prose the renderer extracted)."""
    return len(_WORD_RE.findall(text))


def reading_minutes(words: int) -> int:
    """Minutes to read so many words, rounded up, at least one."""
    return max(1, -(-words // WORDS_PER_MINUTE))
