"""Live preview (`make serve`) when the content has errors: show them in the browser.

A build with errors writes nothing new, and MkDocs would only print the message in the
terminal while the browser waits. In the preview the site instead keeps the last version
without errors, and every page loads a small script that reads the problems from
`preview-errors.json` and shows them over the page (file, line, message, hint). The file is
written on every preview build, so the panel appears with the next reload and is gone once
the content is fixed; no page has to be rendered again for it.
"""

from __future__ import annotations

import json

from .model import Diagnostic
from .report import sort_diagnostics

ERRORS_URI = "preview-errors.json"
SCRIPT_URI = "assets/preview-errors.js"


def errors_document(diagnostics: list[Diagnostic]) -> str:
    """The problems the preview shows: errors only (warnings never block a pull request)."""
    errors = [d for d in sort_diagnostics(diagnostics) if d.severity == "error"]
    items = [{"path": d.path, "line": d.line, "col": d.col, "code": d.code, "message": d.message, "hint": d.hint}
             for d in errors]
    return json.dumps({"errors": items}, ensure_ascii=False)
