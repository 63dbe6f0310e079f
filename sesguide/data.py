"""Load every data file in data/ once: validate it, cross-check it, hand it on as SiteData.

What each file must look like is in datashapes.py (JSON Schema); the rules between files are in
datarules.py. This module reads the files, runs both, and fills in the optional fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import changes as changesmod
from . import datarules, yamlload
from .datashapes import (
    GLOSSARY_FILE,
    PAY_FILE,
    PAY_ROW,
    PROCESS_FILE,
    QUALIFICATION,
    QUALIFICATIONS_FILE,
    SIZE_FILE,
    SIZE_ROW,
    SOURCE,
    SOURCES_FILE,
    SPAN,
    TERM,
    UI_FILE,
)
from .problems import Problem, ProblemsFound, raise_if
from .schema import validate
from .urls import SOURCE_LANGUAGE, TRANSLATED_LANGUAGE


@dataclass
class SiteData:
    root: Path
    qualifications: list
    sources: dict
    pay: list
    glossary: list
    ui: dict
    changes: list = field(default_factory=list)  # data/changes.yml, newest first (sesguide.changes)
    publishers: dict = field(default_factory=dict)  # English publisher text -> Swedish form
    ses_size: list = field(default_factory=list)  # data/ses-size.yml rows, oldest first
    process: dict = field(default_factory=dict)  # data/process.yml: steps and timeline

    def qualification_by_page(self) -> dict:
        return {q["page"]: q for q in self.qualifications}

    def framework(self, name: str) -> list:
        return sorted((q for q in self.qualifications if q["framework"] == name), key=lambda q: q["order"])

    def text(self, key: str, lang: str) -> str:
        return self.ui[key][lang]


def _rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _load(root: Path, name: str, spec, problems: list, validated: bool = False):
    path = root / "data" / name
    try:
        value = yamlload.load(path, root)
    except ProblemsFound as exc:
        problems += exc.problems
        return None
    found = [] if validated else validate(value, spec, _rel(path, root))
    problems += found
    return None if found else value


def _fill_optional(quals, sources, pay, glossary, size, process) -> None:
    """Optional fields exist with an empty value, so templates (StrictUndefined) can test them."""
    for spec, items in (
        (QUALIFICATION, quals["qualifications"]),
        (SOURCE, sources["sources"]),
        (PAY_ROW, pay["years"]),
        (TERM, glossary["terms"]),
        (SIZE_ROW, size["rows"]),
        (SPAN, process["timeline"]["spans"]),
    ):
        for item in items:
            for name, field_spec in spec["properties"].items():
                if name not in spec["required"] and name not in item:
                    item[name] = [] if field_spec.get("type") == "array" else None
    for source in sources["sources"]:
        # A source's title is in the site's source language (English) unless the file says otherwise.
        source["language"] = source["language"] or SOURCE_LANGUAGE


def load(root: Path, validated: bool = False) -> SiteData:
    """Load data/*.yml, validate shape and cross-references; raise ProblemsFound with all faults.

    ``validated=True`` skips the schema validation (not the cross-references): for a language
    process whose parent build has just validated these very files (see BuildState.start)."""
    problems: list[Problem] = []
    quals = _load(root, "qualifications.yml", QUALIFICATIONS_FILE, problems, validated)
    sources = _load(root, "sources.yml", SOURCES_FILE, problems, validated)
    pay = _load(root, "pay.yml", PAY_FILE, problems, validated)
    glossary = _load(root, "glossary.yml", GLOSSARY_FILE, problems, validated)
    ui: Any = _load(root, "ui.yml", UI_FILE, problems, validated)
    size = _load(root, "ses-size.yml", SIZE_FILE, problems, validated)
    process = _load(root, "process.yml", PROCESS_FILE, problems, validated)
    changes: list = []
    try:
        changes = changesmod.load(root)
    except ProblemsFound as exc:
        problems += exc.problems
    raise_if(problems, "The data files have problems")
    problems += datarules.cross_check(quals, sources, pay, glossary, size, process)
    raise_if(problems, "The data files have problems")
    _fill_optional(quals, sources, pay, glossary, size, process)
    return SiteData(
        root,
        list(quals["qualifications"]),
        {s["id"]: s for s in sources["sources"]},
        list(pay["years"]),
        list(glossary["terms"]),
        {k: v for k, v in ui["strings"].items()},
        changes,
        {p[SOURCE_LANGUAGE]: p[TRANSLATED_LANGUAGE] for p in sources.get("publishers") or []},
        list(size["rows"]),
        dict(process),
    )
