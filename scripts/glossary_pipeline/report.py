"""Stage 6, report: diagnostics as text for people, JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json
import os

from .model import Diagnostic


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """File order, then line order; duplicates collapsed."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def format_line(d: Diagnostic) -> str:
    """`path:line:col: error CODE: message (hint: ...)`"""
    hint = f" (hint: {d.hint})" if d.hint else ""
    return f"{d.path}:{d.line}:{d.col}: {d.severity} {d.code}: {d.message}{hint}"


def summarise(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """The count of what is listed (repeats collapsed), and one line on what to do next."""
    diagnostics = sort_diagnostics(diagnostics)
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return (
            f"All {files_checked} content files are valid.\n"
            "Next: preview with 'make serve', or commit and open a pull request."
        )
    files = len({d.path for d in diagnostics})
    counts = (
        f"{errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''} "
        f"in {files} of {files_checked} files. Codes are explained in CONTRIBUTING.md."
    )
    if errors:
        return (
            counts
            + "\nNext: fix each error at the file and line it names (the hint says how), then run 'make check' again."
        )
    return (
        counts + "\nNext: no errors, so this can go in a pull request; the warnings are worth a look before publishing."
    )


def format_text(diagnostics: list[Diagnostic], files_checked: int) -> str:
    lines = [format_line(d) for d in sort_diagnostics(diagnostics)]
    lines.append(summarise(diagnostics, files_checked))
    return "\n".join(lines)


def format_summary(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """A Markdown job summary for GitHub: every problem, as a table (annotations stop at ten per step)."""
    diagnostics = sort_diagnostics(diagnostics)
    lines = ["## Content check", "", summarise(diagnostics, files_checked).replace("\n", "\n\n"), ""]
    if diagnostics:
        lines += ["| File and line | | Code | Problem | How to fix |", "|---|---|---|---|---|"]
        for d in diagnostics:
            cells = [f"`{d.path}:{d.line}:{d.col}`", d.severity, d.code, d.message, d.hint]
            lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def format_json(diagnostics: list[Diagnostic], files_checked: int) -> str:
    items = [
        {
            "path": d.path,
            "line": d.line,
            "col": d.col,
            "severity": d.severity,
            "code": d.code,
            "message": d.message,
            "hint": d.hint,
            "field": list(d.field),
            "subject": d.subject,
        }
        for d in sort_diagnostics(diagnostics)
    ]
    return json.dumps({"files_checked": files_checked, "diagnostics": items}, indent=2, ensure_ascii=False)


def _escape_annotation(text: str, *, prop: bool = False) -> str:
    # GitHub's workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """One annotation per problem (warnings as warnings), and the whole list in the job summary."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as out:
            out.write(format_summary(diagnostics, files_checked))
    lines = []
    for d in sort_diagnostics(diagnostics):
        hint = f" (hint: {d.hint})" if d.hint else ""
        lines.append(
            f"::{d.severity} file={_escape_annotation(d.path, prop=True)},line={d.line},col={d.col},"
            f"title={d.code}::{_escape_annotation(d.message + hint)}"
        )
    lines.append(summarise(diagnostics, files_checked))
    return "\n".join(lines)


FORMATS = {"text": format_text, "json": format_json, "github": format_github}
