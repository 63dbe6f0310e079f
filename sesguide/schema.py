"""A small explicit validator for the data files: every fault names file, line and key path.

Specs are plain objects; ``check(value, spec, file, keypath)`` returns a list of Problems.
Unknown fields are errors (a typo in a key must not silently drop data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .problems import Problem

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _line(value: Any, parent: Any = None, key: Any = None) -> int | None:
    if parent is not None and hasattr(parent, "key_lines") and key in parent.key_lines:
        return parent.key_lines[key]
    return getattr(value, "line", None) or getattr(parent, "line", None)


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a whole number",
            float: "a decimal number", bool: "true/false", type(None): "empty"}.get(
        type(value) if not isinstance(value, dict) else dict,
        "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else type(value).__name__)


@dataclass
class Str:
    pattern: re.Pattern | None = None
    enum: tuple = ()
    hint: str = ""
    nonempty: bool = True

    def check(self, v, file, kp, line):
        if not isinstance(v, str):
            return [Problem(file, line, f"{kp}: expected text, found {_type_name(v)}",
                            self.hint or "Write a text value (quote it if it looks like a number or date).")]
        if self.nonempty and not v.strip():
            return [Problem(file, line, f"{kp}: must not be empty", self.hint or "Fill in the value.")]
        if self.enum and v not in self.enum:
            return [Problem(file, line, f"{kp}: {v!r} is not one of {', '.join(self.enum)}",
                            f"Use one of: {', '.join(self.enum)}.")]
        if self.pattern and not self.pattern.match(v):
            return [Problem(file, line, f"{kp}: {v!r} has the wrong form", self.hint)]
        return []


@dataclass
class Int:
    minimum: int | None = None
    maximum: int | None = None

    def check(self, v, file, kp, line):
        if isinstance(v, bool) or not isinstance(v, int):
            return [Problem(file, line, f"{kp}: expected a whole number, found {_type_name(v)} {v!r}",
                            "Write digits only, without separators, currency signs or quotes.")]
        if self.minimum is not None and v < self.minimum or self.maximum is not None and v > self.maximum:
            return [Problem(file, line, f"{kp}: {v} is outside {self.minimum}..{self.maximum}",
                            "Check the value against its source.")]
        return []


@dataclass
class Bool:
    def check(self, v, file, kp, line):
        if not isinstance(v, bool):
            return [Problem(file, line, f"{kp}: expected true or false, found {_type_name(v)} {v!r}",
                            "Write true or false.")]
        return []


@dataclass
class ListOf:
    item: Any
    min_len: int = 0
    unique: bool = False

    def check(self, v, file, kp, line):
        if not isinstance(v, list):
            return [Problem(file, line, f"{kp}: expected a list, found {_type_name(v)}",
                            "Write a YAML list: [a, b] or one '- item' per line.")]
        out = []
        if len(v) < self.min_len:
            out.append(Problem(file, line, f"{kp}: needs at least {self.min_len} item(s)", "Add the missing items."))
        seen = set()
        for i, item in enumerate(v):
            out += self.item.check(item, file, f"{kp}[{i}]", _line(item) or line)
            if self.unique and isinstance(item, (str, int)):
                if item in seen:
                    out.append(Problem(file, line, f"{kp}: {item!r} is listed twice", "Remove the duplicate."))
                seen.add(item)
        return out


@dataclass
class Record:
    fields: dict  # name -> (spec, required: bool)
    hint: str = ""
    rules: list = field(default_factory=list)  # callables (value, file, kp, line) -> problems

    def check(self, v, file, kp, line):
        if not isinstance(v, dict):
            return [Problem(file, line, f"{kp}: expected a mapping, found {_type_name(v)}",
                            self.hint or "Write key: value pairs.")]
        out = []
        for name, (spec, required) in self.fields.items():
            if name not in v:
                if required:
                    out.append(Problem(file, _line(v) or line, f"{kp + ': ' if kp else ''}missing required field '{name}'",
                                       f"Add '{name}'. {self.hint}".strip()))
                continue
            out += spec.check(v[name], file, f"{kp}.{name}" if kp else name, _line(v[name], v, name))
        for name in v:
            if name not in self.fields:
                known = ", ".join(self.fields)
                out.append(Problem(file, _line(v[name], v, name), f"{kp + '.' if kp else ''}{name}: unknown field",
                                   f"Remove it or correct its spelling; known fields: {known}."))
        if not out:
            for rule in self.rules:
                out += rule(v, file, kp, _line(v) or line)
        return out


LANG_TEXT = Record({"en": (Str(), True), "sv": (Str(), True)},
                   hint="Localized text needs both 'en' and 'sv'.")
ID = Str(ID_RE, hint="IDs are lowercase ASCII letters and digits joined by '-', e.g. ecq-2025-4.")
DATE = Str(DATE_RE, hint="Write the date as YYYY-MM-DD in quotes, e.g. \"2025-10-01\".")
PARTIAL_DATE = Str(PARTIAL_DATE_RE, hint="Write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" in quotes.")
URL = Str(re.compile(r"^https://[^\s\"'<>]+$"), hint="Use a full https:// address with no spaces.")


def check(value, spec, file: str, keypath: str = "") -> list[Problem]:
    return spec.check(value, file, keypath, getattr(value, "line", None))
