"""Refuse content that could run script or load things in a reader's browser.

Contributions are untrusted. The sanitiser (sanitize.py) removes whatever is not allowed
from every rendered page; this check explains it beforehand, with the line: it renders
each body as the site does (parse.py) and reports everything the sanitiser would remove.
Fields are plain text, so markup or a script address in one is reported too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any

from .codes import Code
from .model import Diagnostic, FieldPath, SourceFile
from .schema_errors import field_name
from .parse import ParsedBody, leading_lines, locate, parse_body
from .sanitize import Finding, describe, url_scheme

_CODES = {"element": Code.E501, "attribute": Code.E501, "address": Code.E502, "image": Code.E503}


def is_unsafe_url(url: str) -> bool:
    """True for javascript:, data:, vbscript: and other non-web addresses, however disguised."""
    return url_scheme(url) in ("javascript", "data", "vbscript")


def check_body_safety(source: SourceFile) -> list[Diagnostic]:
    """Everything in a Markdown body that the sanitiser would remove, with its position."""
    diagnostics = []
    parsed = parse_body(source.body, source.kind)
    seen: dict[Finding, int] = {}
    first_line = source.body_line + leading_lines(source.body)
    for finding in parsed.findings:
        seen[finding] = seen.get(finding, 0) + 1
        line, col = locate(source.body, source.kind, _counter(finding), seen[finding], finding.needles)
        message, hint = describe(finding)
        subject = finding.value or finding.name or finding.tag  # the address, else the attribute, else the element
        code = _CODES[finding.kind]
        diagnostics.append(Diagnostic(source.path, first_line + line, col, code, message, hint, subject=subject))
    return diagnostics


def _counter(finding: Finding) -> Callable[[ParsedBody], int]:
    """How many times a parse holds this finding, for locate() to find the n-th one."""
    return lambda parsed: parsed.findings.count(finding)


_TAG_LIKE_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def _strings(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
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
            diagnostics.append(
                Diagnostic(
                    source.path,
                    pos.line,
                    pos.col,
                    Code.E501,
                    f"{field_name(path)} contains HTML markup",
                    "fields are plain text: remove the tags",
                    field=path,
                )
            )
        elif any(is_unsafe_url(word) for word in re.split(r"[\s()\[\]<>\"']+", text) if ":" in word):
            diagnostics.append(
                Diagnostic(
                    source.path,
                    pos.line,
                    pos.col,
                    Code.E502,
                    f"{field_name(path)} contains an unsafe address",
                    "remove the javascript:, data: or vbscript: address",
                    field=path,
                )
            )
    return diagnostics
