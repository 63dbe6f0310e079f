"""What each data file in data/ must look like: one JSON Schema per file, field by field.

The constructors (record, list_of, text, ...) and the validation with its messages live in
schema.py; this module only lists the fields, so a contributor adding a field to a data file
finds it here. Consistency between files (IDs that must exist, order) is in datarules.py.
"""

from __future__ import annotations

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
)
from .urls import LANGUAGES, SOURCE_LANGUAGE, TRANSLATED_LANGUAGE

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
    {lang: (text(), True) for lang in LANGUAGES}, fix="Give the publisher's English text and its Swedish form."
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
        SOURCE_LANGUAGE: (text(), True),
        "abbr": (text(), False),
        TRANSLATED_LANGUAGE: (text(), True),
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
