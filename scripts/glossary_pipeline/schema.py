"""Stage 2, validate: the JSON Schemas of the content model, and each file checked against its own.

Valid files, nearly all of them, are checked by a compiled validator; the rare invalid
one is explained error by error (see schema_errors.py).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .model import Diagnostic, SourceFile
from .schema_errors import translate_error

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_FILES = {
    "entry": "entry.schema.json",
    "article": "article.schema.json",
    "bibliography": "bibliography.schema.json",
    "reading-list": "reading-list.schema.json",
    "contributors": "contributors.schema.json",
    "standards": "standards.schema.json",
    "page": "page.schema.json",
}


@lru_cache(maxsize=None)
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for one kind of content file."""
    text = resources.files(__package__).joinpath("schemas", SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=None)
def _validator(kind: str) -> Draft202012Validator:
    # Imported only when a file is invalid: it is the slow part of starting the check.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(kind))


@lru_cache(maxsize=None)
def _fast_validator(kind: str) -> Callable[[Any], Any]:
    # fastjsonschema compiles the schema to Python: about 100x faster on valid files,
    # which are nearly all of them. jsonschema then explains the rare invalid ones.
    # A copy: fastjsonschema rewrites the '$ref's of the schema it is given, and the schema
    # is also published with the site as written.
    validate: Callable[[Any], Any] = fastjsonschema.compile(copy.deepcopy(load_schema(kind)))
    return validate


def is_valid(source: SourceFile) -> bool:
    try:
        _fast_validator(source.kind)(source.data)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


def check_schema(source: SourceFile) -> list[Diagnostic]:
    """Every schema problem in one file, translated into diagnostics."""
    if is_valid(source):
        return []
    errors = sorted(_validator(source.kind).iter_errors(source.data), key=lambda e: list(map(str, e.absolute_path)))
    diagnostics: list[Diagnostic] = []
    for error in errors:
        diagnostics.extend(translate_error(error, source))
    return diagnostics
