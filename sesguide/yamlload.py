"""Safe YAML loading that rejects duplicate keys and remembers where every value came from."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import chars, sourcefiles
from .problems import Problem, ProblemsFound

# libyaml when available: ~10x faster, same rules
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # the base is chosen at import time
    """Safe loading (no Python objects, no tags) that refuses duplicate keys and records lines."""


class Node(dict):
    """A mapping that knows the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict


class Seq(list):
    line: int = 0


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False):
    loader.flatten_mapping(node)
    offset = getattr(loader, "line_offset", 0)
    result = Node()
    result.line = node.start_mark.line + 1 + offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"found duplicate key {key!r} (first at line {result.key_lines[key]})",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + offset
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode, deep: bool = False):
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + getattr(loader, "line_offset", 0)
    return result


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode):
    # Dates stay strings ("2025-10-01"): validators check their form, and JSON keeps them as text.
    return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def _refuse_aliases(text: str, path: str, line_offset: int) -> None:
    """Anchors and aliases (&x / *x) are refused: expanding them lets a few lines of YAML grow
    into gigabytes ("billion laughs"), and the data files never need them."""
    if "*" not in text:  # no alias possible: skip the extra parse
        return
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent):
            raise ProblemsFound(
                [
                    Problem(
                        path,
                        event.start_mark.line + 1 + line_offset,
                        "invalid YAML: anchors and aliases (&x, *x) are not allowed",
                        "Write each value out in full.",
                    )
                ],
                "Could not read a data file",
            )


def loads(text: str, path: str, line_offset: int = 0):
    """Parse YAML text; raise ProblemsFound naming the file and line on any fault."""
    try:
        _refuse_aliases(text, path, line_offset)
        loader = _Loader(text)
        loader.line_offset = line_offset
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else None
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise ProblemsFound(
            [
                Problem(
                    path,
                    line,
                    f"invalid YAML: {what}",
                    "Correct the YAML syntax at that line (indentation, quotes, colons); "
                    "each key may appear only once per mapping.",
                )
            ],
            "Could not read a data file",
        ) from None
    except yaml.YAMLError as exc:
        raise ProblemsFound(
            [Problem(path, None, f"invalid YAML: {exc}", "Correct the YAML syntax.")], "Could not read a data file"
        ) from None


def load(path: Path, root: Path | None = None):
    """Read and parse a data file. A file over the size limit, or text with invisible or control
    characters, is refused before it is parsed."""
    shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    try:
        size = path.stat().st_size
        if size > sourcefiles.MAX_DATA_BYTES:
            raise ProblemsFound(
                [sourcefiles.too_large(shown, size, sourcefiles.MAX_DATA_BYTES)], "Could not read a data file"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProblemsFound(
            [Problem(shown, None, "file is missing", "Restore the file from git.")], "Could not read a data file"
        ) from None
    except UnicodeDecodeError as exc:
        raise ProblemsFound(
            [Problem(shown, None, f"not UTF-8 text ({exc.reason})", "Save the file as UTF-8.")],
            "Could not read a data file",
        ) from None
    text = text.replace("\r\n", "\n")
    hidden = chars.invisible_characters(text, shown)
    if hidden:
        raise ProblemsFound(hidden, "Could not read a data file")
    return loads(text, shown)
