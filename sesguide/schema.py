"""The data files' shape in JSON Schema (validated by jsonschema), with messages a contributor can act on.

The schemas are JSON Schema (draft 2020-12) written with a few small constructors below, so each
data file reads like its field list. jsonschema does the validating; this module only turns its
errors into Problems that name the file, the line, the key path (``years[1].minimum``) and a fix.
A subschema may carry ``x-fix``: the fix shown when a value fails it (jsonschema ignores the key).
Unknown fields are errors (a typo in a key must not silently drop data).
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema

from . import LANGUAGES
from .problems import Problem

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
NONEMPTY = r"\S"

# YAML gives Python values; a whole number is an int and never a bool or a float like 5.0.
_TYPES = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, v: isinstance(v, int) and not isinstance(v, bool)
)
Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=_TYPES)


# -- constructors: each returns a plain JSON Schema mapping ------------------------------------------


def text(pattern: str = NONEMPTY, enum: tuple = (), fix: str = "") -> dict:
    schema: dict[str, Any] = {"type": "string", "pattern": pattern}
    if enum:
        schema["enum"] = list(enum)
    if fix:
        schema["x-fix"] = fix
    return schema


def integer(minimum: int, maximum: int) -> dict:
    return {"type": "integer", "minimum": minimum, "maximum": maximum}


def boolean() -> dict:
    return {"type": "boolean"}


def list_of(item: dict, min_items: int = 0, unique: bool = False) -> dict:
    schema: dict[str, Any] = {"type": "array", "minItems": min_items, "items": item}
    if unique:
        schema["uniqueItems"] = True
    return schema


def record(fields: dict[str, tuple[dict, bool]], fix: str = "") -> dict:
    """fields: name -> (schema, required). No other field is allowed."""
    schema: dict[str, Any] = {
        "type": "object",
        "required": [n for n, (_, req) in fields.items() if req],
        "properties": {n: s for n, (s, _) in fields.items()},
        "additionalProperties": False,
    }
    if fix:
        schema["x-fix"] = fix
    return schema


def mapping_of(value: dict, keys: dict | None = None, fix: str = "") -> dict:
    """A mapping whose keys (all text, or of the shape `keys`) have values of one shape."""
    schema: dict[str, Any] = {"type": "object", "additionalProperties": value}
    if keys:
        schema["propertyNames"] = keys
    if fix:
        schema["x-fix"] = fix
    return schema


LANG_TEXT = record(
    {lang: (text(), True) for lang in LANGUAGES},
    fix=f"Localized text needs both {' and '.join(repr(lang) for lang in LANGUAGES)}.",
)
ID = text(ID_RE.pattern, fix="IDs are lowercase ASCII letters and digits joined by '-', e.g. ecq-2025-4.")
DATE = text(DATE_RE.pattern, fix='Write the date as YYYY-MM-DD in quotes, e.g. "2025-10-01".')
PARTIAL_DATE = text(PARTIAL_DATE_RE.pattern, fix='Write "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes.')
URL = text(r"^https://[^\s\"'<>]+$", fix="Use a full https:// address with no spaces.")


# -- errors -> Problems ------------------------------------------------------------------------------

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
}
_TYPE_FIXES = {
    "string": "Write a text value (quote it if it looks like a number or date).",
    "integer": "Write digits only, without separators, currency signs or quotes.",
    "boolean": "Write true or false.",
    "array": "Write a YAML list: [a, b] or one '- item' per line.",
    "object": "Write key: value pairs.",
}


def _type_name(value: Any) -> str:
    for kind, name in (
        (bool, "true/false"),
        (dict, "a mapping"),
        (list, "a list"),
        (str, "text"),
        (int, "a whole number"),
        (float, "a decimal number"),
        (type(None), "empty"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _where(root: Any, path: list, line: int | None) -> tuple[str, int | None]:
    """Key path (years[1].minimum) and line of the value at `path` (the line of its key, else its own)."""
    keypath, value = "", root
    line = getattr(root, "line", None) or line
    for step in path:
        if isinstance(value, list):
            keypath += f"[{step}]"
            value = value[step]
            line = getattr(value, "line", None) or line
        else:
            keypath += f".{step}" if keypath else str(step)
            key_lines = getattr(value, "key_lines", {})
            value = value[step]
            line = key_lines.get(step) or getattr(value, "line", None) or line
    return keypath, line


def _path(error: jsonschema.ValidationError) -> list:
    """Where the failing value is; for a mapping key that fails propertyNames, the key itself."""
    path = list(error.absolute_path)
    return [*path, error.instance] if "propertyNames" in error.schema_path else path


def _problems(error: jsonschema.ValidationError, root: Any, file: str, prefix: str, line: int | None) -> list[Problem]:
    path = _path(error)
    keypath, at = _where(root, path, line)
    kp = ".".join(p for p in (prefix, keypath) if p).replace(".[", "[")
    lead = f"{kp}: " if kp else ""
    value, kind, schema = error.instance, error.validator, error.schema
    fix = schema.get("x-fix", "")
    if kind == "type":
        expected = error.validator_value
        found = _type_name(value) + (f" {value!r}" if expected in ("integer", "boolean") else "")
        return [
            Problem(
                file,
                at,
                f"{lead}expected {_TYPE_NAMES[expected]}, found {found}",
                fix if expected in ("string", "object") and fix else _TYPE_FIXES[expected],
            )
        ]
    if kind == "required":
        name = re.match(r"'(.*)' is a required property", error.message)
        missing = name.group(1) if name else error.validator_value[0]
        return [
            Problem(
                file,
                getattr(value, "line", None) or at,
                f"{lead}missing required field '{missing}'",
                f"Add '{missing}'. {fix}".strip(),
            )
        ]
    if kind == "additionalProperties":
        known = ", ".join(schema.get("properties", {}))
        out = []
        for name in (k for k in value if k not in schema.get("properties", {})):
            name_kp, name_line = _where(root, [*path, name], line)
            shown = ".".join(p for p in (prefix, name_kp) if p).replace(".[", "[")
            out.append(
                Problem(
                    file,
                    name_line,
                    f"{shown}: unknown field",
                    f"Remove it or correct its spelling; known fields: {known}.",
                )
            )
        return out
    if kind == "pattern" and error.validator_value == NONEMPTY:
        return [Problem(file, at, f"{lead}must not be empty", fix or "Fill in the value.")]
    if kind == "enum":
        allowed = ", ".join(error.validator_value)
        return [Problem(file, at, f"{lead}{value!r} is not one of {allowed}", f"Use one of: {allowed}.")]
    if kind == "pattern":
        return [Problem(file, at, f"{lead}{value!r} has the wrong form", fix)]
    if kind in ("minimum", "maximum"):
        return [
            Problem(
                file,
                at,
                f"{lead}{value} is outside {schema['minimum']}..{schema['maximum']}",
                "Check the value against its source.",
            )
        ]
    if kind == "minItems":
        return [Problem(file, at, f"{lead}needs at least {error.validator_value} item(s)", "Add the missing items.")]
    if kind == "uniqueItems":
        listed = [v for v in value if isinstance(v, (str, int))]
        twice = next((v for i, v in enumerate(listed) if v in listed[:i]), None)
        return [Problem(file, at, f"{lead}{twice!r} is listed twice", "Remove the duplicate.")]
    return [Problem(file, at, f"{lead}{error.message}", fix or "Correct the value.")]


def validate(value: Any, schema: dict, file: str, prefix: str = "", line: int | None = None) -> list[Problem]:
    """Every problem of `value` against `schema`, each naming file, line and key path, with a fix.
    A value of the wrong type gets that one problem, not also the rules for the right type, and a
    text or number gets its first problem only (as a contributor fixes them one at a time)."""
    problems: list[Problem] = []
    wrong_type: list[tuple] = []
    scalar_done: set[tuple] = set()
    for error in Validator(schema).iter_errors(value):
        path = tuple(_path(error))
        if any(path[: len(p)] == p for p in wrong_type) or path in scalar_done:
            continue
        if error.validator == "type":
            wrong_type.append(path)
        elif not isinstance(error.instance, (dict, list)):
            scalar_done.add(path)
        problems += _problems(error, value, file, prefix, line)
    return problems
