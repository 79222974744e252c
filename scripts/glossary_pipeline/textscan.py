"""Reading Markdown as text: blank out what is not prose (code, tags, link targets), keeping offsets.

Positions found in the masked text are positions in the original, so every stage can
report `path:line:col` for what it finds.
"""

from __future__ import annotations

import re

WIKILINK_RE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HTML_TAG_RE = re.compile(r"<[^<>\n]+>")
_LINK_DEST_RE = re.compile(r"\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")

_WORD_RE = re.compile(r"[\w'’-]+")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))  # callers work line by line, so a match holds no newline


def mask_markdown(text: str) -> str:
    """Blank out what is not prose (code, HTML tags, link targets, wikilinks), keeping every offset."""
    out = []
    fence = ""
    for line in text.split("\n"):
        opened = _FENCE_RE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(" " * len(line))
            continue
        if opened:
            fence = opened.group(1)
            out.append(" " * len(line))
            continue
        # The cheap `in` tests skip most lines of prose, which have none of these (a hot path).
        if "`" in line:
            line = _INLINE_CODE_RE.sub(_blank, line)
        if "<" in line:
            line = _HTML_TAG_RE.sub(_blank, line)
        if "](" in line:
            line = _LINK_DEST_RE.sub(_blank, line)
        if "[[" in line:
            line = WIKILINK_RE.sub(_blank, line)
        out.append(line)
    return "\n".join(out)


def mask_headings(body: str) -> list[str]:
    """Body lines, with fenced code blanked so '## ' inside code is not taken for a heading."""
    lines, fence = [], False
    for line in body.split("\n"):
        if _FENCE_RE.match(line):
            fence = not fence
            lines.append("")
        else:
            lines.append("" if fence else line)
    return lines


def mask_code_only(text: str) -> str:
    """Blank out fenced and inline code only, keeping every offset."""
    return mask_markdown_keep_wikilinks(text)


def mask_markdown_keep_wikilinks(text: str) -> str:
    """Like mask_markdown, but wikilinks stay visible so they can be found."""
    out, fence = [], False
    for line in text.split("\n"):
        if _FENCE_RE.match(line):
            fence = not fence
            out.append(" " * len(line))
        else:
            out.append(" " * len(line) if fence else _INLINE_CODE_RE.sub(_blank, line) if "`" in line else line)
    return "\n".join(out)


WORDS_PER_MINUTE = 200  # a common estimate for careful reading of study material


def count_words(text: str) -> int:
    """Words of prose in Markdown, not counting code, tags or link targets."""
    return len(_WORD_RE.findall(mask_markdown(text)))


def reading_minutes(*texts: str) -> int:
    """Minutes to read the texts, rounded up, at least one."""
    words = sum(count_words(t) for t in texts)
    return max(1, -(-words // WORDS_PER_MINUTE))
