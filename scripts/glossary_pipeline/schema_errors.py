"""Stage 2, validate: JSON-Schema errors translated for people, one small function per validator kind.

A raw JSON-Schema message ("'x' is not valid under any of the given schemas") is not
something a contributor can act on, so each kind of error gets its own sentence and a
hint taken from the field's `description` in the schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .codes import Code
from .edits import delete_item_line, rename_key, replace_value, slug_for
from .model import Diagnostic, Edit, FieldPath, SourceFile
from .similar import closest

if TYPE_CHECKING:  # jsonschema is imported only when a file is invalid (see schema.py)
    from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a set of 'field: value' lines",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_SLUG_FIELDS = {"tags", "related", "former_slugs"}


def describe_type(value: Any) -> str:
    """Name a YAML value's type the way a contributor thinks of it."""
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    names: dict[type, str] = {str: "text", list: "a list", dict: "a set of fields", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


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


@dataclass
class Failure:
    """One schema error with what every translation needs: the file, the field, its name and hint."""

    error: ValidationError
    instance: Any  # the failing value and the validator's argument: JSON data, of any shape
    expected: Any
    source: SourceFile
    path: FieldPath
    name: str
    schema: dict[str, Any]
    hint: str

    def at(
        self,
        code: Code,
        message: str,
        hint: str | None = None,
        where: FieldPath | None = None,
        *,
        key: bool = False,
        fix: tuple[Edit, ...] = (),
        subject: Any = None,
    ) -> Diagnostic:
        """A diagnostic on the failing field (or `where`); a fix is announced in the hint."""
        hint = self.hint if hint is None else hint
        if fix:
            hint = (
                f"{hint.rstrip('.')}; 'glossary check --fix' can do this"
                if hint
                else "'glossary check --fix' can fix this"
            )
        shown = self.instance if subject is None else subject
        plain = isinstance(shown, (str, int, float)) and not isinstance(shown, bool)
        field = self.path if where is None else where
        return Diagnostic.at(
            self.source, field, code, message, hint, key=key, fix=fix, subject=str(shown) if plain else ""
        )


def translate_error(error: ValidationError, source: SourceFile) -> list[Diagnostic]:
    """One JSON-Schema error as one or more diagnostics with a position and a hint."""
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    description = schema.get("description", "")
    failure = Failure(error, error.instance, error.validator_value, source, path, field_name(path), schema, description)
    translate = _TRANSLATIONS.get(str(error.validator), _other)
    return translate(failure)


def _any_of(f: Failure) -> list[Diagnostic]:
    # A value that may take several shapes ('slug' or 'slug: relation'): explain it against
    # the shape it evidently tries to have, so the message and any fix stay specific.
    for branch in f.error.context or []:
        if branch.relative_schema_path and branch.relative_schema_path[0] == _branch_for(f.expected, f.instance):
            branch.schema = {**f.schema, **branch.schema} if isinstance(branch.schema, dict) else branch.schema
            return translate_error(branch, f.source)
    return [f.at(Code.E206, f"{f.name} {f.schema.get('x-message', 'it does not have the expected form')}")]


def _required(f: Failure) -> list[Diagnostic]:
    missing = [name for name in f.expected if name not in (f.instance or {})]
    props = f.schema.get("properties", {})
    return [
        f.at(
            Code.E201,
            f"{field_name(f.path + (name,))} is missing; it is required",
            props.get(name, {}).get("description", "") or f"add '{name}:' with a value",
            subject=name,
        )
        for name in missing
    ]


def _additional_properties(f: Failure) -> list[Diagnostic]:
    known = list(f.schema.get("properties", {}))
    out = []
    for extra in sorted(set(f.instance) - set(known), key=str):
        close = closest(str(extra), known)
        tip = f"did you mean '{close}'?" if close else f"allowed fields: {', '.join(known)}"
        where = f.path + (extra,)
        fix = rename_key(f.source, where, close) if close and close not in f.instance else ()
        message = f"{field_name(where)} is not a field allowed here"
        out.append(f.at(Code.E202, message, tip, where, key=True, fix=fix, subject=extra))
    return out


def _type(f: Failure) -> list[Diagnostic]:
    expected: list[str] = f.expected if isinstance(f.expected, list) else [f.expected]
    wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
    tip = f.hint
    if "array" in expected and isinstance(f.instance, str):
        tip = "write a list with one '- item' per line, or [item1, item2]"
    elif "string" in expected and f.instance is None:
        tip = "the value is empty: write the text after the colon"
    return [f.at(Code.E203, f"{f.name} must be {wanted}, not {describe_type(f.instance)}", tip)]


def _enum(f: Failure) -> list[Diagnostic]:
    allowed_values = f.expected
    allowed = ", ".join(str(v) for v in allowed_values)
    close = closest(str(f.instance), [str(v) for v in allowed_values])
    tip = f"did you mean '{close}'?" if close else f"use one of: {allowed}"
    same = [v for v in allowed_values if _loose(v) == _loose(f.instance)]
    fix = replace_value(f.source, f.path, same[0]) if len(same) == 1 else ()
    return [f.at(Code.E204, f"{f.name} is '{f.instance}', which is not one of: {allowed}", tip, fix=fix)]


def _length(f: Failure) -> list[Diagnostic]:
    relation = "at most" if f.error.validator == "maxLength" else "at least"
    size, limit = len(f.instance), f.expected
    return [f.at(Code.E205, f"{f.name} is {size} characters long; it must be {relation} {limit}", subject="")]


def _pattern(f: Failure) -> list[Diagnostic]:
    message = f.schema.get("x-message", "it does not have the expected form")
    value = str(f.instance)
    shown = value if len(value) <= 60 else value[:57] + "..."
    fixed = slug_for(f.instance) if _SLUG_FIELDS.intersection(map(str, f.path)) else None
    hint = f"write the slug only: '{fixed}'" if fixed and "/" in value else f.hint
    fix = replace_value(f.source, f.path, fixed) if fixed else ()
    return [f.at(Code.E206, f"{f.name} is '{shown}': {message}", hint, fix=fix)]


def _min_items(f: Failure) -> list[Diagnostic]:
    count = f.expected
    return [f.at(Code.E207, f"{f.name} needs at least {count} item{'s' if count != 1 else ''}", subject="")]


def _unique_items(f: Failure) -> list[Diagnostic]:
    seen: list[Any] = []  # a list: items may be lists or mappings, which cannot be hashed
    dup = None
    for item in f.instance:
        if item in seen:
            dup = item
            break
        seen.append(item)
    where = f.path + (len(seen),)  # the position of the first repeat
    fix = delete_item_line(f.source, where)
    return [
        f.at(
            Code.E208, f"{f.name} lists '{dup}' more than once", "remove the repeated item", where, fix=fix, subject=dup
        )
    ]


def _range(f: Failure) -> list[Diagnostic]:
    return [f.at(Code.E204, f"{f.name} is {f.instance}, which is out of range")]


def _other(f: Failure) -> list[Diagnostic]:
    return [f.at(Code.E203, f"{f.name} does not have the expected form", subject="")]


# JSON-Schema validator kind -> its translation; a kind not listed gets the general sentence.
_TRANSLATIONS: dict[str, Callable[[Failure], list[Diagnostic]]] = {
    "anyOf": _any_of,
    "required": _required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "enum": _enum,
    "maxLength": _length,
    "minLength": _length,
    "pattern": _pattern,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "minimum": _range,
    "maximum": _range,
}


def _branch_for(branches: list[Any], instance: Any) -> int:
    """The index of the anyOf branch whose type the instance has (the first if none)."""
    names = {str: "string", dict: "object", list: "array"}
    wanted = next((name for kind, name in names.items() if isinstance(instance, kind)), None)
    return next((i for i, b in enumerate(branches) if isinstance(b, dict) and b.get("type") == wanted), 0)


def _loose(value: Any) -> str:
    return re.sub(r"[\s_-]+", "-", str(value).strip().casefold())
