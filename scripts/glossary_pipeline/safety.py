"""Refuse content that could run script or load things in a reader's browser.

Contributions are untrusted. Markdown passes raw HTML through, so the body may use only
a short allowlist of harmless elements and attributes, and no link or image may use a
javascript:, data: or vbscript: address (however it is disguised with entities,
case or whitespace).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .textscan import mask_code_only
from .model import Diagnostic, SourceFile

ALLOWED_ELEMENTS = {
    "abbr", "b", "br", "cite", "code", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
    "figure", "i", "ins", "kbd", "mark", "p", "q", "s", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
}
ALLOWED_ATTRIBUTES = {"class", "id", "title", "lang", "dir", "markdown", "colspan", "rowspan", "scope", "open"}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
# A Markdown link or image destination, an autolink, or a reference definition.
# An HTML event handler anywhere outside code: in a tag, a link title or a disguised attribute.
_HANDLER_RE = re.compile(r"(?<![\w-])on[a-z]{3,}\s*=", re.I)
_AUTOLINK_RE = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*>|<[^<>\s@]+@[^<>\s@]+>")
_DESTINATION_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>|^\s{0,3}\[[^\]]+\]:\s*<?(\S+)", re.M)


def is_unsafe_url(url: str) -> bool:
    """True for javascript:, data: and vbscript: URLs, also when hidden by entities, case or control characters."""
    decoded = html.unescape(html.unescape(url))
    compact = re.sub(r"[\x00-\x20\x7f]+", "", decoded).lower()
    return compact.startswith(UNSAFE_SCHEMES)


class _TagScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, int, str, str]] = []  # line, col (0-based), message, hint

    def handle_starttag(self, tag, attrs):
        line, col = self.getpos()
        if tag not in ALLOWED_ELEMENTS:
            self.problems.append((line, col, f"HTML element <{tag}> is not allowed in content",
                                  "use Markdown instead; allowed elements are listed in CONTRIBUTING.md"))
            return
        for name, value in attrs:
            if name.startswith("on") or name == "style" or name not in ALLOWED_ATTRIBUTES:
                self.problems.append((line, col, f"attribute '{name}' on <{tag}> is not allowed",
                                      "remove it: scripts and inline styles cannot run on this site"))
            elif value and is_unsafe_url(value):
                self.problems.append((line, col, f"attribute '{name}' on <{tag}> holds an unsafe address", "remove it"))

    handle_startendtag = handle_starttag


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """0-based line and column of an offset."""
    return text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1)


def check_body_safety(source: SourceFile) -> list[Diagnostic]:
    """Every unsafe element, attribute and URL in a Markdown body, with its position."""
    diagnostics = []
    text = mask_code_only(source.body)
    scanner = _TagScanner()
    # Markdown autolinks (<https://...>) look like tags to an HTML parser: hide them from it.
    scanner.feed(_AUTOLINK_RE.sub(lambda m: " " * len(m.group(0)), text))
    scanner.close()
    for line, col, message, hint in scanner.problems:
        diagnostics.append(Diagnostic(source.path, source.body_line + line - 1, col + 1, "E501", message, hint))
    for match in _HANDLER_RE.finditer(text):
        line, col = _line_col(text, match.start())
        diagnostics.append(Diagnostic(source.path, source.body_line + line, col + 1, "E501",
                                      f"'{match.group(0).rstrip('= ')}' looks like an event-handler attribute",
                                      "remove it: no script can run on this site"))
    for match in _DESTINATION_RE.finditer(text):
        url = next(group for group in match.groups() if group is not None)
        if is_unsafe_url(url):
            line, col = _line_col(text, match.start())
            diagnostics.append(Diagnostic(source.path, source.body_line + line, col + 1, "E502",
                                          f"a link or image points to an unsafe address ('{url[:40]}')",
                                          "link only to http(s) addresses or to other pages of the site"))
    return diagnostics


_TAG_LIKE_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def _strings(data, path=()):
    """Every string in a YAML document, with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


def check_field_safety(source: SourceFile) -> list[Diagnostic]:
    """Fields are plain text: markup or a script address in any of them is reported.

    The site escapes every field anyway; reporting them still tells a contributor (or a
    reviewer of an untrusted pull request) that something odd was attempted.
    """
    diagnostics = []
    for path, text in _strings(source.data):
        pos = source.locate(path)
        text = html.unescape(text)  # "&lt;script&gt;" is a tag in disguise
        if _TAG_LIKE_RE.search(text):
            diagnostics.append(Diagnostic(source.path, pos.line, pos.col, "E501",
                                          f"'{_field(path)}' contains HTML markup", "fields are plain text: remove the tags"))
        elif any(is_unsafe_url(word) for word in re.split(r"[\s()\[\]<>\"']+", text) if ":" in word):
            diagnostics.append(Diagnostic(source.path, pos.line, pos.col, "E502",
                                          f"'{_field(path)}' contains an unsafe address", "remove the javascript:, data: or vbscript: address"))
    return diagnostics


def _field(path: tuple) -> str:
    return ".".join(f"[{p + 1}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[") or "the file"
