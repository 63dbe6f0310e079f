"""Rules between and within data files that a JSON Schema cannot state.

The schema (datashapes.py) says what one record looks like; these rules need several records at
once: every cited source ID exists, IDs are unique, rows are in order, the English and Swedish
forms of a note carry the same numbers. Each data file has its own function; ``cross_check`` runs
them all on files that have already passed their schema, so every field they read is there.
"""

from __future__ import annotations

from . import numbers
from .problems import Problem
from .urls import LANGUAGES, SOURCE_LANGUAGE, TRANSLATED_LANGUAGE

UNKNOWN_SOURCE_FIX = "Add the source to data/sources.yml or correct the ID."


def _line(item) -> int | None:
    return getattr(item, "line", None)


def unique_ids(items, file: str, what: str) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int | None] = {}
    for item in items:
        if item["id"] in seen:
            out.append(
                Problem(
                    file,
                    _line(item),
                    f"{what} ID '{item['id']}' is defined twice (first at line {seen[item['id']]})",
                    "Give each entry its own ID.",
                )
            )
        seen.setdefault(item["id"], _line(item))
    return out


def known_sources(items, file: str, source_ids: set, field: str = "sources") -> list[Problem]:
    """Every ID in each item's `field` list names a source in data/sources.yml."""
    return [
        Problem(
            file,
            getattr(item, "key_lines", {}).get(field, _line(item)),
            f"{item.get('id', item.get('year'))}: unknown source ID '{sid}'",
            UNKNOWN_SOURCE_FIX,
        )
        for item in items
        for sid in item.get(field, [])
        if sid not in source_ids
    ]


def check_publishers(sources) -> list[Problem]:
    """The publisher list names each publisher once, and only publishers some source has."""
    out: list[Problem] = []
    seen: dict[str, int | None] = {}
    used = {s["publisher"] for s in sources["sources"]}
    for p in sources.get("publishers") or []:
        name, line = p[SOURCE_LANGUAGE], _line(p)
        if name in seen:
            out.append(
                Problem(
                    "data/sources.yml",
                    line,
                    f"publishers: '{name}' is listed twice (first at line {seen[name]})",
                    "Keep one entry per publisher.",
                )
            )
        seen.setdefault(name, line)
        if name not in used:
            out.append(
                Problem(
                    "data/sources.yml",
                    line,
                    f"publishers: '{name}' is not the publisher of any source",
                    "Correct the text to match a source's `publisher` exactly, or remove the entry.",
                )
            )
    return out


def check_process(process, source_ids: set) -> list[Problem]:
    """data/process.yml: spans name steps above, and a span has days exactly when it has a bound."""
    file = "data/process.yml"
    spans = process["timeline"]["spans"]
    out = known_sources(process["steps"], file, source_ids) + known_sources(spans, file, source_ids)
    out += unique_ids(process["steps"], file, "step")
    step_ids = {st["id"] for st in process["steps"]}
    for span in spans:
        out += [
            Problem(
                file,
                span.key_lines.get("steps", _line(span)),
                f"{span['id']}: step '{sid}' is not in 'steps'",
                "Use the ID of a step above.",
            )
            for sid in span["steps"]
            if sid not in step_ids
        ]
        if (span["bound"] == "none") != ("days" not in span):
            out.append(
                Problem(
                    file,
                    _line(span),
                    f"{span['id']}: 'days' goes with bound at-least or at-most, and only with them",
                    "Give days with a bound, or bound: none without days.",
                )
            )
    return out


def _same_numbers(row) -> list[Problem]:
    """A size row's note says the same numbers in every language (each written its own way)."""
    tokens = {lang: sorted(tok for tok, _ in numbers.extract(row["note"][lang], lang)) for lang in LANGUAGES}
    a, b = tokens[SOURCE_LANGUAGE], tokens[TRANSLATED_LANGUAGE]
    if a == b:
        return []
    return [
        Problem(
            "data/ses-size.yml",
            row.key_lines.get("note", _line(row)),
            f"{row['when'][SOURCE_LANGUAGE]}: the note has different numbers in English and Swedish "
            f"({', '.join(a) or 'none'} / {', '.join(b) or 'none'})",
            "Write the same numbers in both languages (Swedish format: 7 014, 90 %).",
        )
    ]


def check_size(size, source_ids: set) -> list[Problem]:
    """data/ses-size.yml: rows in date order, cited sources exist, {org} and 'org' go together."""
    file = "data/ses-size.yml"
    out = []
    positions = [r["position"] for r in size["rows"]]
    if positions != sorted(positions):
        out.append(
            Problem(
                file, _line(size["rows"]), "rows must be in date order (position ascending)", "Sort the rows by date."
            )
        )
    for row in size["rows"]:
        when = row["when"][SOURCE_LANGUAGE]
        out += [
            Problem(file, _line(row), f"{when}: unknown source ID '{c['source']}'", UNKNOWN_SOURCE_FIX)
            for c in row["cite"]
            if c["source"] not in source_ids
        ]
        if any("{org}" in row["kind"][lang] for lang in LANGUAGES) != ("org" in row):
            out.append(
                Problem(
                    file,
                    _line(row),
                    f"{when}: 'kind' names {{org}} but 'org' is missing, or the reverse",
                    "Write {org} in both languages of 'kind' and give 'org', or neither.",
                )
            )
        if "note" in row:
            out += _same_numbers(row)
    return out


def _qualification_status(q) -> list[Problem]:
    """A superseded qualification has a date, the others none; its page is a relative .md path."""
    file, line = "data/qualifications.yml", _line(q)
    out = []
    if q["status"] == "superseded" and "superseded_on" not in q:
        out.append(
            Problem(
                file,
                line,
                f"{q['id']}: superseded entries need 'superseded_on'",
                "Add the date its successor took effect.",
            )
        )
    if q["status"] != "superseded" and "superseded_on" in q:
        out.append(
            Problem(
                file,
                line,
                f"{q['id']}: 'superseded_on' is set but status is {q['status']}",
                "Set status: superseded or remove the date.",
            )
        )
    if not q["page"].endswith(".md") or q["page"].startswith("/") or ".." in q["page"]:
        out.append(
            Problem(
                file,
                line,
                f"{q['id']}: page '{q['page']}' is not a relative .md path",
                "Write the path below docs/en, e.g. ecqs/leading-people.md.",
            )
        )
    return out


def _one_page_one_order(items, file: str) -> list[Problem]:
    """No two qualifications share a page, nor an order number within their framework."""
    out: list[Problem] = []
    pages: dict = {}
    orders: dict = {}
    for q in items:
        if q["page"] in pages:
            out.append(
                Problem(
                    file,
                    _line(q),
                    f"{q['id']}: page {q['page']} is already used by {pages[q['page']]}",
                    "Each qualification has its own page.",
                )
            )
        pages.setdefault(q["page"], q["id"])
        key = (q["framework"], q["order"])
        if key in orders:
            out.append(
                Problem(
                    file,
                    _line(q),
                    f"{q['id']}: order {q['order']} is already used by {orders[key]} in {q['framework']}",
                    "Number each framework's entries 1, 2, 3, ...",
                )
            )
        orders.setdefault(key, q["id"])
    return out


def check_qualifications(quals, source_ids: set) -> list[Problem]:
    """data/qualifications.yml: sources exist, one page and one order number per qualification,
    successors in the registry."""
    file = "data/qualifications.yml"
    items = quals["qualifications"]
    ids = {q["id"] for q in items}
    out = unique_ids(items, file, "qualification") + known_sources(items, file, source_ids)
    out += _one_page_one_order(items, file)
    for q in items:
        if q["definition_source"] not in source_ids:
            out.append(
                Problem(
                    file,
                    q.key_lines.get("definition_source"),
                    f"{q['id']}: unknown source ID '{q['definition_source']}'",
                    UNKNOWN_SOURCE_FIX,
                )
            )
        out += [
            Problem(
                file,
                _line(q),
                f"{q['id']}: successor '{sid}' is not in the registry",
                "Use the ID of a qualification in this file.",
            )
            for sid in q.get("successor", [])
            if sid not in ids
        ]
        out += _qualification_status(q)
    return out


def check_pay(pay, source_ids: set) -> list[Problem]:
    """data/pay.yml: one row per year in order, and minimum <= uncertified <= certified maximum."""
    file = "data/pay.yml"
    out = known_sources(pay["years"], file, source_ids)
    years = [r["year"] for r in pay["years"]]
    if years != sorted(set(years)):
        out.append(
            Problem(file, _line(pay["years"]), "years must be unique and in ascending order", "Sort the rows by year.")
        )
    out += [
        Problem(
            file,
            _line(row),
            f"{row['year']}: expected minimum <= maximum_uncertified <= maximum_certified",
            "Check the three values against the source.",
        )
        for row in pay["years"]
        if not row["minimum"] <= row["maximum_uncertified"] <= row["maximum_certified"]
    ]
    return out


def cross_check(quals, sources, pay, glossary, size, process) -> list[Problem]:
    """Every rule above, on data files that each passed their schema."""
    source_ids = {s["id"] for s in sources["sources"]}
    return [
        *check_publishers(sources),
        *unique_ids(sources["sources"], "data/sources.yml", "source"),
        *check_qualifications(quals, source_ids),
        *check_pay(pay, source_ids),
        *unique_ids(glossary["terms"], "data/glossary.yml", "term"),
        *known_sources(glossary["terms"], "data/glossary.yml", source_ids),
        *check_process(process, source_ids),
        *check_size(size, source_ids),
    ]
