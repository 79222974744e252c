"""Stage 6, report: diagnostics as text for people, JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json

from .model import Diagnostic


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """File order, then line order; duplicates collapsed."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def format_line(d: Diagnostic) -> str:
    """`path:line:col: error CODE: message (hint: ...)`"""
    hint = f" (hint: {d.hint})" if d.hint else ""
    return f"{d.path}:{d.line}:{d.col}: {d.severity} {d.code}: {d.message}{hint}"


def summarise(diagnostics: list[Diagnostic], files_checked: int) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"All {files_checked} content files are valid."
    files = len({d.path for d in diagnostics})
    return (f"{errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''} "
            f"in {files} of {files_checked} files. Codes are explained in CONTRIBUTING.md.")


def format_text(diagnostics: list[Diagnostic], files_checked: int) -> str:
    lines = [format_line(d) for d in sort_diagnostics(diagnostics)]
    lines.append(summarise(diagnostics, files_checked))
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic], files_checked: int) -> str:
    items = [{"path": d.path, "line": d.line, "col": d.col, "severity": d.severity, "code": d.code,
              "message": d.message, "hint": d.hint} for d in sort_diagnostics(diagnostics)]
    return json.dumps({"files_checked": files_checked, "diagnostics": items}, indent=2, ensure_ascii=False)


def _escape_annotation(text: str, *, prop: bool = False) -> str:
    # GitHub's workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(diagnostics: list[Diagnostic], files_checked: int) -> str:
    lines = []
    for d in sort_diagnostics(diagnostics):
        hint = f" (hint: {d.hint})" if d.hint else ""
        lines.append(f"::{d.severity} file={_escape_annotation(d.path, prop=True)},line={d.line},col={d.col},"
                     f"title={d.code}::{_escape_annotation(d.message + hint)}")
    lines.append(summarise(diagnostics, files_checked))
    return "\n".join(lines)


FORMATS = {"text": format_text, "json": format_json, "github": format_github}
