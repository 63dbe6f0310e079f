"""Copies of the project to measure, and mkdocs.yml read and written with its custom tags kept."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from .common import COPY_IGNORE_ANYWHERE, COPY_IGNORE_TOP, ROOT


def snapshot(dest: Path, with_git: bool = True) -> Path:
    """Copy the project sources (and .git, read-only use) into dest."""
    top = (*COPY_IGNORE_TOP, *(() if with_git else (".git",)))

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(shutil.ignore_patterns(*COPY_IGNORE_ANYWHERE)(folder, names))
        if Path(folder) == ROOT:
            skipped |= set(shutil.ignore_patterns(*top)(folder, names))
        return skipped

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


class _Tagged:
    """A YAML value with a custom tag (``!ENV [...]``) kept as written, so a copy can be dumped back."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value

    def resolve(self):
        if self.tag == "!ENV":
            names = self.value if isinstance(self.value, list) else [self.value]
            for name in names[:-1] if len(names) > 1 else names:
                if os.environ.get(name) is not None:
                    return os.environ[name]
            return names[-1] if len(names) > 1 else None
        return self.value


class _KeepTagsLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return _Tagged("!" + suffix, value)


_KeepTagsLoader.add_multi_constructor("!", _construct_tagged)


class _KeepTagsDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, t: _Tagged):
    if isinstance(t.value, list):
        return dumper.represent_sequence(t.tag, t.value, flow_style=True)
    if isinstance(t.value, dict):
        return dumper.represent_mapping(t.tag, t.value)
    return dumper.represent_scalar(t.tag, str(t.value))


_KeepTagsDumper.add_representer(_Tagged, _represent_tagged)


def read_config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepTagsLoader)  # noqa: S506


def write_config(path: Path, config: dict) -> None:
    path.write_text(
        yaml.dump(config, Dumper=_KeepTagsDumper, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )


def _resolve_tags(value):
    if isinstance(value, _Tagged):
        return value.resolve()
    if isinstance(value, dict):
        return {k: _resolve_tags(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_tags(v) for v in value]
    return value
