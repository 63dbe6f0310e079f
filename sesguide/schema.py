"""The data files' shape in JSON Schema (validated by jsonschema), with messages a contributor can act on.

The schemas are JSON Schema (draft 2020-12) written with a few small constructors below, so each
data file reads like its field list. jsonschema does the validating; this module only turns its
errors into Problems that name the file, the line, the key path (``years[1].minimum``) and a fix.
A subschema may carry ``x-fix``: the fix shown when a value fails it (jsonschema ignores the key).
Unknown fields are errors (a typo in a key must not silently drop data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
}
_TYPE_FIXES = {
    "string": "Write a text value (quote it if it looks like a number or date).",
    "integer": "Write digits only, without separators, currency signs or quotes.",
    "number": "Write digits with a decimal point if needed (2004.5), without separators or quotes.",
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


def _shown(prefix: str, keypath: str) -> str:
    """The key path as a contributor reads it: the caller's prefix, then the path inside the value."""
    return ".".join(p for p in (prefix, keypath) if p).replace(".[", "[")


@dataclass(frozen=True)
class _Failed:
    """One jsonschema error, placed in the file: what the message for its kind needs."""

    error: jsonschema.ValidationError
    root: Any  # the value validated, whose nodes know their lines (yamlload)
    file: str
    prefix: str
    line: int | None  # the line to use where a node knows none
    path: list  # where the failing value is (_path)
    at: int | None  # its line
    lead: str  # "key.path: " before the message, or ""

    @property
    def fix(self) -> str:
        return self.error.schema.get("x-fix", "")

    def problem(self, message: str, fix: str, line: int | None = None) -> Problem:
        return Problem(self.file, line or self.at, f"{self.lead}{message}", fix)


def _wrong_type(f: _Failed) -> list[Problem]:
    expected, value = f.error.validator_value, f.error.instance
    # a number or true/false is shown, so "found text '12'" explains the quotes around it
    found = _type_name(value) + (f" {value!r}" if expected in ("integer", "number", "boolean") else "")
    # the schema's own fix speaks of texts and records (e.g. both languages); else the type's
    fix = f.fix if expected in ("string", "object") and f.fix else _TYPE_FIXES[expected]
    return [f.problem(f"expected {_TYPE_NAMES[expected]}, found {found}", fix)]


def _missing_field(f: _Failed) -> list[Problem]:
    name = re.match(r"'(.*)' is a required property", f.error.message)
    missing = name.group(1) if name else f.error.validator_value[0]
    # at the record's own line: the field has none, since it is not there
    line = getattr(f.error.instance, "line", None)
    return [f.problem(f"missing required field '{missing}'", f"Add '{missing}'. {f.fix}".strip(), line)]


def _unknown_fields(f: _Failed) -> list[Problem]:
    """One problem per unknown field, each at its own key's line."""
    properties = f.error.schema.get("properties", {})
    known = ", ".join(properties)
    out = []
    for name in (k for k in f.error.instance if k not in properties):
        name_kp, name_line = _where(f.root, [*f.path, name], f.line)
        out.append(
            Problem(
                f.file,
                name_line,
                f"{_shown(f.prefix, name_kp)}: unknown field",
                f"Remove it or correct its spelling; known fields: {known}.",
            )
        )
    return out


def _wrong_form(f: _Failed) -> list[Problem]:
    if f.error.validator_value == NONEMPTY:  # the pattern of every required text: an empty one
        return [f.problem("must not be empty", f.fix or "Fill in the value.")]
    return [f.problem(f"{f.error.instance!r} has the wrong form", f.fix)]


def _not_allowed(f: _Failed) -> list[Problem]:
    allowed = ", ".join(f.error.validator_value)
    return [f.problem(f"{f.error.instance!r} is not one of {allowed}", f"Use one of: {allowed}.")]


def _out_of_range(f: _Failed) -> list[Problem]:
    schema = f.error.schema  # integer() always sets both bounds, so the message shows the range
    return [
        f.problem(
            f"{f.error.instance} is outside {schema['minimum']}..{schema['maximum']}",
            "Check the value against its source.",
        )
    ]


def _too_few(f: _Failed) -> list[Problem]:
    return [f.problem(f"needs at least {f.error.validator_value} item(s)", "Add the missing items.")]


def _listed_twice(f: _Failed) -> list[Problem]:
    listed = [v for v in f.error.instance if isinstance(v, (str, int))]
    twice = next((v for i, v in enumerate(listed) if v in listed[:i]), None)
    return [f.problem(f"{twice!r} is listed twice", "Remove the duplicate.")]


# jsonschema's validator keyword -> the message for a value that fails it
_BY_KIND = {
    "type": _wrong_type,
    "required": _missing_field,
    "additionalProperties": _unknown_fields,
    "pattern": _wrong_form,
    "enum": _not_allowed,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "minItems": _too_few,
    "uniqueItems": _listed_twice,
}


def _problems(error: jsonschema.ValidationError, root: Any, file: str, prefix: str, line: int | None) -> list[Problem]:
    path = _path(error)
    keypath, at = _where(root, path, line)
    kp = _shown(prefix, keypath)
    failed = _Failed(error, root, file, prefix, line, path, at, f"{kp}: " if kp else "")
    by_kind = _BY_KIND.get(str(error.validator))
    if by_kind is None:  # a keyword without a message of its own: jsonschema's
        return [failed.problem(error.message, failed.fix or "Correct the value.")]
    return by_kind(failed)


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
