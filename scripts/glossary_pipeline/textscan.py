"""Plain text helpers: word counts of fields, reading time, and finding [[wikilinks]] outside code.

What a Markdown body holds (code, HTML, prose) is decided by the renderer (parse.py).
Wikilinks are the one thing found in the source itself, since they are replaced there
before rendering; fenced and inline code is skipped by the same fence rules as the
renderer's (a fence closes only with the same character, at least as long).
"""

from __future__ import annotations

import re

WIKILINK_RE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_WORD_RE = re.compile(r"[\w'’-]+")
WORDS_PER_MINUTE = 200  # a common estimate for careful reading of study material


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))  # callers work line by line, so a match holds no newline


def mask_code_keep_wikilinks(text: str) -> str:
    """Blank out fenced and inline code, keeping every offset, so wikilinks in code are not found."""
    out, fence = [], ""
    for line in text.split("\n"):
        opened = _FENCE_RE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(" " * len(line))
        elif opened:
            fence = opened.group(1)
            out.append(" " * len(line))
        else:
            out.append(_INLINE_CODE_RE.sub(_blank, line) if "`" in line else line)
    return "\n".join(out)


def count_words(text: str) -> int:
    """Words in plain text (a field, or prose the renderer extracted)."""
    return len(_WORD_RE.findall(text))


def reading_minutes(words: int) -> int:
    """Minutes to read so many words, rounded up, at least one."""
    return max(1, -(-words // WORDS_PER_MINUTE))
