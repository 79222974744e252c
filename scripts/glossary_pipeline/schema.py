"""JSON Schemas of the content model, and their errors translated for people.

A raw JSON-Schema message ("'x' is not valid under any of the given schemas") is
not something a contributor can act on, so each error kind gets its own sentence
and a hint taken from the field's `description` in the schema.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import fastjsonschema

from .similar import closest
from .model import Diagnostic, Edit, Position, SourceFile

SCHEMA_FILES = {
    "entry": "entry.schema.json",
    "article": "article.schema.json",
    "bibliography": "bibliography.schema.json",
    "reading-list": "reading-list.schema.json",
    "contributors": "contributors.schema.json",
    "standards": "standards.schema.json",
}

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a set of 'field: value' lines",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def describe_type(value: Any) -> str:
    """Name a YAML value's type the way a contributor thinks of it."""
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    return {str: "text", list: "a list", dict: "a set of fields", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


@lru_cache(maxsize=None)
def load_schema(kind: str) -> dict:
    """The JSON Schema for one kind of content file."""
    text = resources.files(__package__).joinpath("schemas", SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _validator(kind: str):
    # Imported only when a file is invalid: it is the slow part of starting the check.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(kind))


@lru_cache(maxsize=None)
def _fast_validator(kind: str):
    # fastjsonschema compiles the schema to Python: about 100x faster on valid files,
    # which are nearly all of them. jsonschema then explains the rare invalid ones.
    # A copy: fastjsonschema rewrites the '$ref's of the schema it is given, and the schema
    # is also published with the site as written.
    return fastjsonschema.compile(copy.deepcopy(load_schema(kind)))


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


_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def ordinal(index: int) -> str:
    return _ORDINALS[index] if index < len(_ORDINALS) else f"number {index + 1}"


def field_name(path: Iterable[Any]) -> str:
    """A field the way the template names it: 'title:', 'answer: in the third item under questions:'."""
    parts = list(path)
    if not parts:
        return "the file"
    words = []
    for position, part in enumerate(parts):
        if isinstance(part, int):
            parent = parts[position - 1] if position else "the list"
            words.append(f"the {ordinal(part)} item under {parent}:")
        elif position + 1 == len(parts) or not isinstance(parts[position + 1], int):
            words.append(f"{part}:")
    # Innermost first: "answer: in the third item under questions:".
    words.reverse()
    return " in ".join(words)


def translate_error(error, source: SourceFile) -> list[Diagnostic]:
    """One JSON-Schema error as one or more diagnostics with a position and a hint."""
    path = tuple(error.absolute_path)
    name = field_name(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("description", "")
    kind = error.validator

    def at(
        code: str, message: str, hint: str = hint, where: tuple = path, key: bool = False, fix: tuple[Edit, ...] = ()
    ) -> Diagnostic:
        pos = source.locate(where, key=key)
        if fix:
            hint = (
                f"{hint.rstrip('.')}; 'glossary check --fix' can do this"
                if hint
                else "'glossary check --fix' can fix this"
            )
        return Diagnostic(source.path, pos.line, pos.col, code, message, hint, fix=fix)

    if kind == "anyOf":
        # A value that may take several shapes ('slug' or 'slug: relation'): explain it against
        # the shape it evidently tries to have, so the message and any fix stay specific.
        for branch in error.context or []:
            if branch.relative_schema_path and branch.relative_schema_path[0] == _branch_for(
                error.validator_value, error.instance
            ):
                branch.schema = {**schema, **branch.schema} if isinstance(branch.schema, dict) else branch.schema
                return translate_error(branch, source)
        return [at("E206", f"{name} {schema.get('x-message', 'it does not have the expected form')}", hint)]
    if kind == "required":
        missing = [f for f in error.validator_value if f not in (error.instance or {})]
        props = schema.get("properties", {})
        return [
            at(
                "E201",
                f"{field_name(path + (f,))} is missing; it is required",
                props.get(f, {}).get("description", "") or f"add '{f}:' with a value",
            )
            for f in missing
        ]
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        out = []
        for extra in sorted(set(error.instance) - set(known), key=str):
            close = closest(str(extra), known)
            tip = f"did you mean '{close}'?" if close else f"allowed fields: {', '.join(known)}"
            fix = rename_key(source, path + (extra,), close) if close and close not in error.instance else ()
            out.append(
                at(
                    "E202",
                    f"{field_name(path + (extra,))} is not a field allowed here",
                    tip,
                    path + (extra,),
                    key=True,
                    fix=fix,
                )
            )
        return out
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        tip = hint
        if "array" in expected and isinstance(error.instance, str):
            tip = "write a list with one '- item' per line, or [item1, item2]"
        elif "string" in expected and error.instance is None:
            tip = "the value is empty: write the text after the colon"
        return [at("E203", f"{name} must be {wanted}, not {describe_type(error.instance)}", tip)]
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        close = closest(str(error.instance), [str(v) for v in error.validator_value])
        tip = f"did you mean '{close}'?" if close else f"use one of: {allowed}"
        same = [v for v in error.validator_value if _loose(v) == _loose(error.instance)]
        fix = replace_value(source, path, same[0]) if len(same) == 1 else ()
        return [at("E204", f"{name} is '{error.instance}', which is not one of: {allowed}", tip, fix=fix)]
    if kind in ("maxLength", "minLength"):
        size = len(error.instance)
        limit = error.validator_value
        relation = "at most" if kind == "maxLength" else "at least"
        return [at("E205", f"{name} is {size} characters long; it must be {relation} {limit}", hint)]
    if kind == "pattern":
        message = schema.get("x-message", "it does not have the expected form")
        shown = str(error.instance) if len(str(error.instance)) <= 60 else str(error.instance)[:57] + "..."
        fixed = slug_for(error.instance) if _SLUG_FIELDS.intersection(map(str, path)) else None
        if fixed and "/" in str(error.instance):
            hint = f"write the slug only: '{fixed}'"
        fix = replace_value(source, path, fixed) if fixed else ()
        return [at("E206", f"{name} is '{shown}': {message}", hint, fix=fix)]
    if kind in ("minItems",):
        return [
            at(
                "E207",
                f"{name} needs at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}",
                hint,
            )
        ]
    if kind == "uniqueItems":
        seen, dup = [], None  # a list: items may be lists or mappings, which cannot be hashed
        for item in error.instance:
            if item in seen:
                dup = item
                break
            seen.append(item)
        index = len(seen)  # the position of the first repeat
        return [
            at(
                "E208",
                f"{name} lists '{dup}' more than once",
                "remove the repeated item",
                where=path + (index,),
                fix=delete_item_line(source, path + (index,)),
            )
        ]
    if kind in ("minimum", "maximum"):
        return [at("E204", f"{name} is {error.instance}, which is out of range", hint)]
    return [at("E203", f"{name} does not have the expected form", hint)]


_SLUG_FIELDS = {"tags", "related", "former_slugs"}


def _branch_for(branches: list, instance: Any) -> int:
    """The index of the anyOf branch whose type the instance has (the first if none)."""
    names = {str: "string", dict: "object", list: "array"}
    wanted = next((name for kind, name in names.items() if isinstance(instance, kind)), None)
    return next((i for i, b in enumerate(branches) if isinstance(b, dict) and b.get("type") == wanted), 0)


def _loose(value: Any) -> str:
    return re.sub(r"[\s_-]+", "-", str(value).strip().casefold())


def slug_for(value: Any) -> str | None:
    """The slug a contributor evidently meant: 'Bad Tag' -> 'bad-tag', 'glossary/x.md' -> 'x'; None if unclear."""
    text = str(value).strip()
    if "/" in text or text.endswith(".md"):
        text = text.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
    if not text.isascii():
        return None  # look-alike letters: no safe guess
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug if slug and slug != value else None


def replace_value(source: SourceFile, path: tuple, new: str) -> tuple[Edit, ...]:
    """Replace a scalar value in place (quotes included), leaving comments and key order alone."""
    start, end = source.value_positions.get(path), source.value_ends.get(path)
    if start is None or end is None or start.line != end.line:
        return ()
    return (Edit(start, end, new),)


def rename_key(source: SourceFile, path: tuple, new: str) -> tuple[Edit, ...]:
    start = source.key_positions.get(path)
    if start is None:
        return ()
    return (Edit(start, Position(start.line, start.col + len(str(path[-1]))), new),)


def delete_item_line(source: SourceFile, path: tuple) -> tuple[Edit, ...]:
    """Remove a list item written on a line of its own ('- item'); flow lists are left to the contributor."""
    start = source.value_positions.get(path)
    if start is None or start.line > len(source.lines) or not source.lines[start.line - 1].lstrip().startswith("- "):
        return ()
    return (Edit(Position(start.line, 1), Position(start.line + 1, 1), ""),)
