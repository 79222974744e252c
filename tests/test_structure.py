"""The package's shape: no import circles, and no stage reaches forward into a later one.

Read from the source (the imports each module makes at its top level or inside
functions), so a new module has to be placed in a stage below before this passes.
"""

from __future__ import annotations

import ast
from helpers import ROOT


PACKAGE = ROOT / "scripts" / "glossary_pipeline"

# Each module's place in the chain load -> validate -> index -> link -> generate -> report;
# "shared" modules serve every stage, and the orchestrators and adapters sit on top.
STAGES = ["shared", "load", "validate", "index", "link", "generate", "report", "top"]
STAGE_OF = {
    "shared": {
        "model",
        "codes",
        "parse",
        "sanitize",
        "textscan",
        "treetext",
        "markup",
        "urls",
        "similar",
        "names",
        "csp",
        "history",
        "__init__",
    },
    "load": {"load", "yamlread"},
    "validate": {
        "validate",
        "model_build",
        "schema",
        "schema_errors",
        "edits",
        "terms",
        "crossref",
        "completeness",
        "review",
        "safety",
    },
    "index": {"index"},
    "link": {"links", "linkfill", "citations", "citecheck", "advice"},
    "generate": {
        "generate",
        "entrypage",
        "indexpages",
        "pageparts",
        "moodle",
        "anki",
        "conceptmap",
        "provenance",
        "export",
        "reading",
        "handout",
        "downloads",
        "bibexport",
        "releases",
        "search",
        "autolink",
    },
    "report": {"report", "content_report", "preview"},
    "top": {"pipeline", "cli", "mkdocs_plugin", "sitebuild", "scaffold", "rename", "fix", "sources", "__main__"},
}


def imports() -> dict[str, set[str]]:
    """Module -> the package modules it imports (relative imports, anywhere in the file)."""
    graph = {}
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module and not _only_for_types(tree, node)
        }
    return graph


def _only_for_types(tree: ast.Module, node: ast.ImportFrom) -> bool:
    """An import under `if TYPE_CHECKING:` names a type; it runs nothing."""
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and getattr(block.test, "id", "") == "TYPE_CHECKING" and node in block.body:
            return True
    return False


def stage(module: str) -> int:
    for name, members in STAGE_OF.items():
        if module in members:
            return STAGES.index(name)
    raise AssertionError(f"{module}.py has no stage: add it to STAGE_OF in tests/test_structure.py")


def test_every_module_has_a_stage():
    for module in imports():
        stage(module)


def forward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(module, what it imports) where a stage reaches into a later one; the top may use anything."""
    return sorted(
        (module, used)
        for module, uses in graph.items()
        for used in uses
        if stage(used) > stage(module) and STAGES[stage(module)] != "top"
    )


def test_no_stage_imports_a_later_one():
    assert forward_imports(imports()) == []


def test_there_are_no_import_circles():
    graph = imports()
    circles, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for used in sorted(graph.get(module, ())):
            if state.get(used) == "open":
                circles.append(path + [used])
            elif used not in state:
                visit(used, path + [used])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_a_forward_import_is_caught():
    # The check itself can fail: a load-stage module reaching into generate, or the report
    # running the pipeline, is named; the CLI using everything is not.
    graph = {"load": {"generate", "model"}, "content_report": {"pipeline"}, "cli": {"pipeline", "load"}}
    assert forward_imports(graph) == [("content_report", "pipeline"), ("load", "generate")]


def test_no_test_module_imports_another():
    """Shared helpers live in helpers.py and fixtures in conftest.py; a test module importing
    another runs that module's tests' setup twice and hides where a helper lives."""
    tests = {path.stem for path in (ROOT / "tests").glob("test_*.py")}
    offenders = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            offenders += [f"{path.name} imports {name}" for name in names if name in tests | {"conftest"}]
    assert offenders == []


# The limits, on the code as `ruff format` writes it: an adapter that only wires
# events, functions that fit on a screen, modules with one job.
ADAPTER_LINES, FUNCTION_LINES, MODULE_LINES = 120, 60, 350


def test_the_adapter_modules_and_functions_stay_small():
    too_long = []
    for path in sorted(PACKAGE.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        limit = ADAPTER_LINES if path.name == "mkdocs_plugin.py" else MODULE_LINES
        if lines > limit:
            too_long.append(f"{path.name}: {lines} lines (at most {limit})")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES:
                    too_long.append(
                        f"{path.name}:{node.lineno} {node.name}(): {length} lines (at most {FUNCTION_LINES})"
                    )
    assert too_long == []
