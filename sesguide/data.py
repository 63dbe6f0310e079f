"""Load and validate every data file in data/; cross-check the references between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import changes as changesmod
from . import numbers, yamlload
from .problems import Problem, ProblemsFound, raise_if
from .schema import (
    DATE,
    ID,
    LANG_TEXT,
    PARTIAL_DATE,
    URL,
    boolean,
    integer,
    list_of,
    mapping_of,
    record,
    text,
    validate,
)
from .urls import LANGUAGES

FRAMEWORKS = ("ecq-2025", "ecq-2006", "ptq-example")
RELIABILITY = ("official", "secondary", "derived")
SOURCE_KINDS = ("primary", "press", "secondary")
PAY_COLUMNS = ("minimum", "maximum_certified", "maximum_uncertified")

QUALIFICATION = record(
    {
        "id": (ID, True),
        "framework": (text(enum=FRAMEWORKS), True),
        "order": (integer(1, 99), True),
        "page": (text(fix="The page path below docs/en and docs/sv, e.g. ecqs/leading-people.md."), True),
        "name": (LANG_TEXT, True),
        "effective_from": (DATE, False),
        "superseded_on": (DATE, False),
        "definition": (LANG_TEXT, True),
        "definition_source": (ID, True),
        "status": (text(enum=("current", "superseded", "example")), True),
        "successor": (list_of(ID, unique=True), False),
        "sources": (list_of(ID, min_items=1, unique=True), True),
    }
)
QUALIFICATIONS_FILE = record({"qualifications": (list_of(QUALIFICATION, min_items=1), True)})

SOURCE = record(
    {
        "id": (ID, True),
        "title": (text(), True),
        # Swedish form of a title this project wrote (a description, where the document's own title is
        # not known); never a translation of a document's real title
        "title_sv": (text(), False),
        "publisher": (text(), True),
        "date": (PARTIAL_DATE, False),
        "url": (URL, False),
        "no_address": (LANG_TEXT, False),  # why there is no public address; only when url is absent
        "kind": (text(enum=SOURCE_KINDS), True),
        "language": (text(enum=LANGUAGES), False),  # language of the title; English when absent
        "note": (LANG_TEXT, False),
    }
)
# How a publisher is named in each language: the English `publisher` text of the sources and the
# Swedish form shown on Swedish pages (a translation of this project's own description, or the
# Swedish name of an institution). Publishers not listed are names shown as they are.
PUBLISHER = record(
    {"en": (text(), True), "sv": (text(), True)}, fix="Give the publisher's English text and its Swedish form."
)
SOURCES_FILE = record({"publishers": (list_of(PUBLISHER), False), "sources": (list_of(SOURCE, min_items=1), True)})

PAY_ROW = record(
    {
        "year": (integer(2004, 2100), True),
        "minimum": (integer(50_000, 1_000_000), True),
        "maximum_certified": (integer(50_000, 1_000_000), True),
        "maximum_uncertified": (integer(50_000, 1_000_000), True),
        "reliability": (record({c: (text(enum=RELIABILITY), True) for c in PAY_COLUMNS}), True),
        "frozen": (boolean(), True),
        "sources": (list_of(ID, min_items=1, unique=True), True),
        "note": (LANG_TEXT, False),
    }
)
PAY_FILE = record({"years": (list_of(PAY_ROW, min_items=1), True)})

TERM = record(
    {
        "id": (ID, True),
        "en": (text(), True),
        "abbr": (text(), False),
        "sv": (text(), True),
        "sv_short": (text(), False),
        "forbidden_sv": (list_of(text(), unique=True), False),
        "definition": (LANG_TEXT, True),
        "sources": (list_of(ID, unique=True), False),
    }
)
GLOSSARY_FILE = record({"terms": (list_of(TERM, min_items=1), True)})

SIZE_ROW = record(
    {
        "when": (LANG_TEXT, True),
        "position": ({"type": "number", "minimum": 1978, "maximum": 2100}, True),  # a decimal year
        "members": (integer(1, 100_000), True),
        "approx": (text(enum=("about", "nearly")), False),
        "quoted": (boolean(), False),
        "note": (LANG_TEXT, False),
        "kind": (LANG_TEXT, True),
        "org": (text(), False),
        "cite": (list_of(record({"source": (ID, True), "label": (text(), True)}), min_items=1), True),
    }
)
SIZE_FILE = record({"rows": (list_of(SIZE_ROW, min_items=1), True)})

STEP = record(
    {
        "id": (ID, True),
        "name": (LANG_TEXT, True),
        "actor": (text(enum=("agency", "applicant", "opm", "appointee")), True),
        "sources": (list_of(ID, min_items=1, unique=True), True),
    }
)
SPAN = record(
    {
        "id": (ID, True),
        "label": (LANG_TEXT, True),
        "steps": (list_of(ID, min_items=1, unique=True), True),
        "start": (integer(-1000, 1000), False),
        "days": (integer(1, 1000), False),
        "bound": (text(enum=("at-least", "at-most", "none")), True),
        "target": (boolean(), False),
        "sources": (list_of(ID, min_items=1, unique=True), True),
    }
)
PROCESS_FILE = record(
    {
        "steps": (list_of(STEP, min_items=1), True),
        "timeline": (record({"from": (DATE, True), "spans": (list_of(SPAN, min_items=1), True)}), True),
    }
)
UI_FILE = record(
    {"strings": (mapping_of(LANG_TEXT), True)}, fix="ui.yml holds one mapping, 'strings:', of key: {en: ..., sv: ...}."
)


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


def _unique_ids(items, file, what, problems):
    seen: dict = {}
    for item in items:
        if item["id"] in seen:
            problems.append(
                Problem(
                    file,
                    getattr(item, "line", None),
                    f"{what} ID '{item['id']}' is defined twice (first at line {seen[item['id']]})",
                    "Give each entry its own ID.",
                )
            )
        seen.setdefault(item["id"], getattr(item, "line", None))


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

    source_ids = {s["id"] for s in sources["sources"]}
    used = {s["publisher"] for s in sources["sources"]}
    seen: dict = {}
    for p in sources.get("publishers") or []:
        line = getattr(p, "line", None)
        if p["en"] in seen:
            problems.append(
                Problem(
                    "data/sources.yml",
                    line,
                    f"publishers: '{p['en']}' is listed twice (first at line {seen[p['en']]})",
                    "Keep one entry per publisher.",
                )
            )
        seen.setdefault(p["en"], line)
        if p["en"] not in used:
            problems.append(
                Problem(
                    "data/sources.yml",
                    line,
                    f"publishers: '{p['en']}' is not the publisher of any source",
                    "Correct the text to match a source's `publisher` exactly, or remove the entry.",
                )
            )
    _unique_ids(sources["sources"], "data/sources.yml", "source", problems)
    _unique_ids(quals["qualifications"], "data/qualifications.yml", "qualification", problems)
    _unique_ids(glossary["terms"], "data/glossary.yml", "term", problems)

    def refs(items, file, field="sources"):
        for item in items:
            for sid in item.get(field, []):
                if sid not in source_ids:
                    problems.append(
                        Problem(
                            file,
                            getattr(item, "key_lines", {}).get(field, getattr(item, "line", None)),
                            f"{item.get('id', item.get('year'))}: unknown source ID '{sid}'",
                            "Add the source to data/sources.yml or correct the ID.",
                        )
                    )

    refs(quals["qualifications"], "data/qualifications.yml")
    for q in quals["qualifications"]:
        if q["definition_source"] not in source_ids:
            problems.append(
                Problem(
                    "data/qualifications.yml",
                    q.key_lines.get("definition_source"),
                    f"{q['id']}: unknown source ID '{q['definition_source']}'",
                    "Add the source to data/sources.yml or correct the ID.",
                )
            )
    refs(pay["years"], "data/pay.yml")
    refs(glossary["terms"], "data/glossary.yml")
    pfile = "data/process.yml"
    refs(process["steps"], pfile)
    refs(process["timeline"]["spans"], pfile)
    _unique_ids(process["steps"], pfile, "step", problems)
    step_ids = {st["id"] for st in process["steps"]}
    for span in process["timeline"]["spans"]:
        for sid in span["steps"]:
            if sid not in step_ids:
                problems.append(
                    Problem(
                        pfile,
                        span.key_lines.get("steps", getattr(span, "line", None)),
                        f"{span['id']}: step '{sid}' is not in 'steps'",
                        "Use the ID of a step above.",
                    )
                )
        if (span["bound"] == "none") != ("days" not in span):
            problems.append(
                Problem(
                    pfile,
                    getattr(span, "line", None),
                    f"{span['id']}: 'days' goes with bound at-least or at-most, and only with them",
                    "Give days with a bound, or bound: none without days.",
                )
            )
    sfile = "data/ses-size.yml"
    positions = [r["position"] for r in size["rows"]]
    if positions != sorted(positions):
        problems.append(
            Problem(
                sfile,
                getattr(size["rows"], "line", None),
                "rows must be in date order (position ascending)",
                "Sort the rows by date.",
            )
        )
    for row in size["rows"]:
        line = getattr(row, "line", None)
        for c in row["cite"]:
            if c["source"] not in source_ids:
                problems.append(
                    Problem(
                        sfile,
                        line,
                        f"{row['when']['en']}: unknown source ID '{c['source']}'",
                        "Add the source to data/sources.yml or correct the ID.",
                    )
                )
        if any("{org}" in row["kind"][lang] for lang in LANGUAGES) != ("org" in row):
            problems.append(
                Problem(
                    sfile,
                    line,
                    f"{row['when']['en']}: 'kind' names {{org}} but 'org' is missing, or the reverse",
                    "Write {org} in both languages of 'kind' and give 'org', or neither.",
                )
            )
        if "note" in row:
            a = sorted(tok for tok, _ in numbers.extract(row["note"]["en"], "en"))
            b = sorted(tok for tok, _ in numbers.extract(row["note"]["sv"], "sv"))
            if a != b:
                problems.append(
                    Problem(
                        sfile,
                        row.key_lines.get("note", line),
                        f"{row['when']['en']}: the note has different numbers in English and Swedish "
                        f"({', '.join(a) or 'none'} / {', '.join(b) or 'none'})",
                        "Write the same numbers in both languages (Swedish format: 7 014, 90 %).",
                    )
                )

    qfile = "data/qualifications.yml"
    ids = {q["id"] for q in quals["qualifications"]}
    pages: dict = {}
    orders: dict = {}
    for q in quals["qualifications"]:
        line = getattr(q, "line", None)
        if q["page"] in pages:
            problems.append(
                Problem(
                    qfile,
                    line,
                    f"{q['id']}: page {q['page']} is already used by {pages[q['page']]}",
                    "Each qualification has its own page.",
                )
            )
        pages.setdefault(q["page"], q["id"])
        key = (q["framework"], q["order"])
        if key in orders:
            problems.append(
                Problem(
                    qfile,
                    line,
                    f"{q['id']}: order {q['order']} is already used by {orders[key]} in {q['framework']}",
                    "Number each framework's entries 1, 2, 3, ...",
                )
            )
        orders.setdefault(key, q["id"])
        for sid in q.get("successor", []):
            if sid not in ids:
                problems.append(
                    Problem(
                        qfile,
                        line,
                        f"{q['id']}: successor '{sid}' is not in the registry",
                        "Use the ID of a qualification in this file.",
                    )
                )
        if q["status"] == "superseded" and "superseded_on" not in q:
            problems.append(
                Problem(
                    qfile,
                    line,
                    f"{q['id']}: superseded entries need 'superseded_on'",
                    "Add the date its successor took effect.",
                )
            )
        if q["status"] != "superseded" and "superseded_on" in q:
            problems.append(
                Problem(
                    qfile,
                    line,
                    f"{q['id']}: 'superseded_on' is set but status is {q['status']}",
                    "Set status: superseded or remove the date.",
                )
            )
        if not q["page"].endswith(".md") or q["page"].startswith("/") or ".." in q["page"]:
            problems.append(
                Problem(
                    qfile,
                    line,
                    f"{q['id']}: page '{q['page']}' is not a relative .md path",
                    "Write the path below docs/en, e.g. ecqs/leading-people.md.",
                )
            )

    years = [r["year"] for r in pay["years"]]
    if years != sorted(set(years)):
        problems.append(
            Problem(
                "data/pay.yml",
                getattr(pay["years"], "line", None),
                "years must be unique and in ascending order",
                "Sort the rows by year.",
            )
        )
    for row in pay["years"]:
        if not row["minimum"] <= row["maximum_uncertified"] <= row["maximum_certified"]:
            problems.append(
                Problem(
                    "data/pay.yml",
                    getattr(row, "line", None),
                    f"{row['year']}: expected minimum <= maximum_uncertified <= maximum_certified",
                    "Check the three values against the source.",
                )
            )
    raise_if(problems, "The data files have problems")
    # Optional fields exist with an empty value, so templates (StrictUndefined) can test them.
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
        source["language"] = source["language"] or "en"
    return SiteData(
        root,
        list(quals["qualifications"]),
        {s["id"]: s for s in sources["sources"]},
        list(pay["years"]),
        list(glossary["terms"]),
        {k: v for k, v in ui["strings"].items()},
        changes,
        {p["en"]: p["sv"] for p in sources.get("publishers") or []},
        list(size["rows"]),
        dict(process),
    )
