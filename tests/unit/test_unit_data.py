"""schema (JSON Schema via jsonschema) + data.load: every fault names file, line, key path and a precise message."""

import jsonschema
import pytest
from ses_sitekit import lineno

from sesguide import data as datamod
from sesguide import datashapes, schema
from sesguide.problems import ProblemsFound


def load_problems(site):
    with pytest.raises(ProblemsFound) as exc:
        datamod.load(site.root)
    assert exc.value.title == "The data files have problems"
    return [(p.path, p.line, p.message) for p in exc.value.problems]


def test_fixture_data_loads(site):
    d = datamod.load(site.root)
    assert [q["id"] for q in d.qualifications] == ["ecq-2025-1", "ecq-2025-2"]
    assert sorted(d.sources) == ["opm-memo", "resume-place"]
    assert [r["year"] for r in d.pay] == [2024, 2025]
    assert d.qualifications[0]["effective_from"] == "2025-10-01"
    assert d.text("site_name", "sv") == "SES-guiden"
    assert [q["id"] for q in d.framework("ecq-2025")] == ["ecq-2025-1", "ecq-2025-2"]


# (file, old text, new text, needle for the expected line (in the new text) or None, message)
CASES = [
    (
        "pay.yml",
        "    minimum: 151661\n",
        '    minimum: "151,661"\n',
        'minimum: "151,661"',
        "years[1].minimum: expected a whole number, found text '151,661'",
    ),
    (
        "pay.yml",
        "    minimum: 151661\n",
        "    minimum: 151661.5\n",
        "minimum: 151661.5",
        "years[1].minimum: expected a whole number, found a decimal number 151661.5",
    ),
    (
        "pay.yml",
        "    frozen: false\n    sources: [opm-memo]\n",
        "    frozen: 0\n    sources: [opm-memo]\n",
        "frozen: 0",
        "years[0].frozen: expected true or false, found a whole number 0",
    ),
    ("pay.yml", "  - year: 2024\n", "  - year: 1999\n", "year: 1999", "years[0].year: 1999 is outside 2004..2100"),
    (
        "pay.yml",
        "    frozen: false\n    sources: [opm-memo]\n",
        "    frozen: false\n    bonus: 5\n    sources: [opm-memo]\n",
        "bonus: 5",
        "years[0].bonus: unknown field",
    ),
    (
        "pay.yml",
        "    frozen: false\n    sources: [opm-memo]\n",
        "    sources: [opm-memo]\n",
        "year: 2024",
        "years[0]: missing required field 'frozen'",
    ),
    (
        "pay.yml",
        "maximum_uncertified: official}\n",
        "maximum_uncertified: estimated}\n",
        "estimated",
        "years[0].reliability.maximum_uncertified: 'estimated' is not one of official, secondary, derived",
    ),
    (
        "pay.yml",
        '    note:\n      en: "Set in January 2025."\n',
        '    note:\n      en: "Set in January 2025."\n      fr: "Fixé."\n',
        "fr:",
        "years[1].note.fr: unknown field",
    ),
    (
        "pay.yml",
        "    sources: [opm-memo]\n  - year: 2025",
        "    sources: []\n  - year: 2025",
        "sources: []",
        "years[0].sources: needs at least 1 item(s)",
    ),
    (
        "qualifications.yml",
        "    status: current\n    sources: [opm-memo]\n",
        "    status: active\n    sources: [opm-memo]\n",
        "status: active",
        "qualifications[1].status: 'active' is not one of current, superseded, example",
    ),
    (
        "qualifications.yml",
        "  - id: ecq-2025-1\n",
        "  - id: ECQ_2025_1\n",
        "ECQ_2025_1",
        "qualifications[0].id: 'ECQ_2025_1' has the wrong form",
    ),
    (
        "qualifications.yml",
        "    framework: ecq-2025\n    order: 2\n",
        "    framework: ecq-2026\n    order: 2\n",
        "ecq-2026",
        "qualifications[1].framework: 'ecq-2026' is not one of ecq-2025, ecq-2006, ptq-example",
    ),
    (
        "qualifications.yml",
        '    effective_from: 2025-10-01\n    definition:\n      en: "Demonstrated ability to lead',
        '    effective_from: 2025-13-01\n    definition:\n      en: "Demonstrated ability to lead',
        "2025-13-01",
        "qualifications[0].effective_from: '2025-13-01' has the wrong form",
    ),
    (
        "qualifications.yml",
        "    name: {en: Driving Efficiency, sv: Driva effektivitet}\n",
        "    name: {en: Driving Efficiency}\n",
        "name: {en: Driving Efficiency}",
        "qualifications[1].name: missing required field 'sv'",
    ),
    (
        "qualifications.yml",
        "    order: 2\n",
        "    order: two\n",
        "order: two",
        "qualifications[1].order: expected a whole number, found text 'two'",
    ),
    (
        "qualifications.yml",
        "    sources: [opm-memo]\n",
        "    sources: opm-memo\n",
        "sources: opm-memo",
        "qualifications[1].sources: expected a list, found text",
    ),
    (
        "qualifications.yml",
        "    sources: [opm-memo]\n",
        "    sources: [opm-memo, opm-memo]\n",
        "sources: [opm-memo, opm-memo]",
        "qualifications[1].sources: 'opm-memo' is listed twice",
    ),
    (
        "sources.yml",
        "    url: https://www.opm.gov/chcoc/\n",
        "    url: http://www.opm.gov/chcoc/\n",
        "http://",
        "sources[0].url: 'http://www.opm.gov/chcoc/' has the wrong form",
    ),
    (
        "sources.yml",
        "    kind: secondary\n",
        "    kind: blog\n",
        "kind: blog",
        "sources[1].kind: 'blog' is not one of primary, press, secondary",
    ),
    (
        "sources.yml",
        '    date: "2025-06"\n',
        "    date: June 2025\n",
        "date: June 2025",
        "sources[1].date: 'June 2025' has the wrong form",
    ),
    (
        "sources.yml",
        "    publisher: The Resume Place\n",
        '    publisher: "  "\n',
        'publisher: "  "',
        "sources[1].publisher: must not be empty",
    ),
    (
        "glossary.yml",
        "    sv_short: SES\n",
        "    sv_short: 7\n",
        "sv_short: 7",
        "terms[1].sv_short: expected text, found a whole number",
    ),
    (
        "glossary.yml",
        "  - id: president\n",
        "  - id: president\n    synonym: head of state\n",
        "synonym:",
        "terms[0].synonym: unknown field",
    ),
]


@pytest.mark.parametrize(
    "name, old, new, needle, message", CASES, ids=[f"{c[0]}:{c[4].split(':')[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_schema_faults(site, name, old, new, needle, message):
    text = site.edit(f"data/{name}", old, new)
    assert load_problems(site) == [(f"data/{name}", lineno(text, needle), message)]


def test_top_level_unknown_field(site):
    site.edit("data/glossary.yml", "terms:\n", "term:\n")
    assert [m for _, _, m in load_problems(site)][1:] == ["term: unknown field"]


def test_top_level_missing_field_message(site):
    site.edit("data/glossary.yml", "terms:\n", "term:\n")
    assert load_problems(site) == [
        ("data/glossary.yml", 1, "missing required field 'terms'"),
        ("data/glossary.yml", 1, "term: unknown field"),
    ]


# Cross-reference checks run once every file has the right shape.
XREF_CASES = [
    (
        "qualifications.yml",
        "    sources: [opm-memo, resume-place]\n",
        "    sources: [opm-memo, nope]\n",
        "sources: [opm-memo, nope]",
        "ecq-2025-1: unknown source ID 'nope'",
    ),
    (
        "qualifications.yml",
        "    definition_source: opm-memo\n    status: current\n    sources: [opm-memo, resume",
        "    definition_source: opm-nemo\n    status: current\n    sources: [opm-memo, resume",
        "opm-nemo",
        "ecq-2025-1: unknown source ID 'opm-nemo'",
    ),
    (
        "pay.yml",
        "    sources: [opm-memo, resume-place]\n",
        "    sources: [opm-memo, fedweek]\n",
        "fedweek",
        "2025: unknown source ID 'fedweek'",
    ),
    (
        "glossary.yml",
        "    sources: [opm-memo]\n",
        "    sources: [gao]\n",
        "sources: [gao]",
        "senior-executive-service: unknown source ID 'gao'",
    ),
    (
        "qualifications.yml",
        "    order: 2\n",
        "    order: 1\n",
        None,
        "ecq-2025-2: order 1 is already used by ecq-2025-1 in ecq-2025",
    ),
    (
        "qualifications.yml",
        "    page: ecqs/driving-efficiency.md\n",
        "    page: ecqs/leading-people.md\n",
        None,
        "ecq-2025-2: page ecqs/leading-people.md is already used by ecq-2025-1",
    ),
    (
        "qualifications.yml",
        "    page: ecqs/driving-efficiency.md\n",
        "    page: ../secret.md\n",
        None,
        "ecq-2025-2: page '../secret.md' is not a relative .md path",
    ),
    (
        "qualifications.yml",
        "    status: current\n    sources: [opm-memo]\n",
        "    status: current\n    sources: [opm-memo]\n    successor: [ecq-2025-9]\n",
        None,
        "ecq-2025-2: successor 'ecq-2025-9' is not in the registry",
    ),
    (
        "qualifications.yml",
        "    status: current\n    sources: [opm-memo]\n",
        "    status: superseded\n    sources: [opm-memo]\n",
        None,
        "ecq-2025-2: superseded entries need 'superseded_on'",
    ),
    (
        "qualifications.yml",
        "    status: current\n    sources: [opm-memo]\n",
        "    status: current\n    superseded_on: 2026-01-01\n    sources: [opm-memo]\n",
        None,
        "ecq-2025-2: 'superseded_on' is set but status is current",
    ),
]


@pytest.mark.parametrize(
    "name, old, new, needle, message", XREF_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(XREF_CASES)]
)
def test_cross_reference_faults(site, name, old, new, needle, message):
    text = site.edit(f"data/{name}", old, new)
    # registry rules point at the entry ('- id: ...' line); reference rules at the 'sources:' key
    line = lineno(text, needle) if needle else entry_line(text, message.split(":")[0])
    assert load_problems(site) == [(f"data/{name}", line, message)]


def entry_line(text, entry_id):
    lines = [i for i, ln in enumerate(text.split("\n"), 1) if ln == f"  - id: {entry_id}"]
    assert len(lines) == 1
    return lines[0]


def test_duplicate_qualification_id(site):
    text = site.edit("data/qualifications.yml", "  - id: ecq-2025-2\n", "  - id: ecq-2025-1\n")
    lines = [i for i, ln in enumerate(text.split("\n"), 1) if ln == "  - id: ecq-2025-1"]
    assert lines == [2, 14]
    assert load_problems(site) == [
        ("data/qualifications.yml", 14, "qualification ID 'ecq-2025-1' is defined twice (first at line 2)")
    ]


def test_duplicate_source_id(site):
    text = site.read("data/sources.yml") + "  - id: opm-memo\n    title: Copy\n    publisher: OPM\n    kind: press\n"
    site.write("data/sources.yml", text)
    assert text.split("\n")[16] == "  - id: opm-memo"
    assert load_problems(site) == [("data/sources.yml", 17, "source ID 'opm-memo' is defined twice (first at line 2)")]


def test_pay_years_out_of_order(site):
    text = site.read("data/pay.yml")
    first = text.index("  - year: 2024")
    second = text.index("  - year: 2025")
    site.write("data/pay.yml", text[:first] + text[second:] + text[first:second])
    assert load_problems(site) == [("data/pay.yml", 2, "years must be unique and in ascending order")]


def test_pay_duplicate_year(site):
    text = site.edit("data/pay.yml", "  - year: 2025\n", "  - year: 2024\n")
    assert text.count("year: 2024") == 2
    assert load_problems(site) == [("data/pay.yml", 2, "years must be unique and in ascending order")]


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "    minimum: 147649\n",
            "    minimum: 210000\n",
            "2024: expected minimum <= maximum_uncertified <= maximum_certified",
        ),
        (
            "    maximum_uncertified: 204000\n",
            "    maximum_uncertified: 230000\n",
            "2024: expected minimum <= maximum_uncertified <= maximum_certified",
        ),
    ],
)
def test_pay_minimum_above_maximum(site, old, new, message):
    text = site.edit("data/pay.yml", old, new)
    assert load_problems(site) == [("data/pay.yml", lineno(text, "- year: 2024"), message)]


def test_all_data_faults_at_once(site):
    site.edit("data/pay.yml", "    minimum: 151661\n", '    minimum: "151,661"\n')
    site.edit("data/sources.yml", "    kind: secondary\n", "    kind: blog\n")
    site.write("data/glossary.yml", "terms: [\n")
    got = load_problems(site)
    assert [(p, m.split(":")[0]) for p, _, m in got] == [
        ("data/glossary.yml", "invalid YAML"),
        ("data/pay.yml", "years[1].minimum"),
        ("data/sources.yml", "sources[1].kind"),
    ]


def test_ui_file_checks(site):
    site.write("data/ui.yml", "strings:\n  a: {en: A}\nextra: 1\n")
    assert load_problems(site) == [
        ("data/ui.yml", 2, "strings.a: missing required field 'sv'"),
        ("data/ui.yml", 3, "extra: unknown field"),
    ]


def test_missing_data_file(site):
    site.delete("data/sources.yml")
    assert load_problems(site) == [("data/sources.yml", None, "file is missing")]


def test_data_problems_reach_check_site(site):
    text = site.edit("data/pay.yml", "    minimum: 151661\n", '    minimum: "151,661"\n')
    line = lineno(text, 'minimum: "151,661"')
    assert [str(p) for p in site.check()] == [
        f"data/pay.yml:{line}: years[1].minimum: expected a whole number, found text '151,661'"
        "\n  Fix: Write digits only, without separators, currency signs or quotes."
    ]


@pytest.mark.parametrize(
    "spec, value, message",
    [
        (schema.integer(1, 5), True, "k: expected a whole number, found true/false True"),
        (schema.integer(1, 5), 5.0, "k: expected a whole number, found a decimal number 5.0"),
        (schema.integer(1, 5), 6, "k: 6 is outside 1..5"),
        ({"type": "number", "minimum": 1, "maximum": 5}, "2,5", "k: expected a number, found text '2,5'"),
        (schema.text(enum=("a", "b")), "c", "k: 'c' is not one of a, b"),
        (schema.text(enum=("a", "b")), "", "k: must not be empty"),
        (schema.text(), None, "k: expected text, found empty"),
        (schema.ID, "Not-An-Id", "k: 'Not-An-Id' has the wrong form"),
        (schema.ID, "a--b", "k: 'a--b' has the wrong form"),
        (schema.DATE, "2025-02-30x", "k: '2025-02-30x' has the wrong form"),
        (schema.URL, "https://example.org/a b", "k: 'https://example.org/a b' has the wrong form"),
        (schema.URL, "javascript:alert(1)", "k: 'javascript:alert(1)' has the wrong form"),
        (schema.list_of(schema.text()), {"a": 1}, "k: expected a list, found a mapping"),
        (schema.LANG_TEXT, ["en"], "k: expected a mapping, found a list"),
        (schema.mapping_of(schema.ID, keys=schema.ID), {"Bad Key": "ok"}, "k.Bad Key: 'Bad Key' has the wrong form"),
    ],
)
def test_schema_specs(spec, value, message):
    jsonschema.Draft202012Validator.check_schema(spec)  # a real JSON Schema, not a look-alike
    assert [p.message for p in schema.validate(value, spec, "f.yml", "k", 3)] == [message]
    assert [(p.path, p.line) for p in schema.validate(value, spec, "f.yml", "k", 3)] == [("f.yml", 3)]


@pytest.mark.parametrize(
    "spec, value",
    [
        (schema.ID, "ecq-2025-4"),
        (schema.DATE, "2025-10-01"),
        (schema.PARTIAL_DATE, "2025"),
        (schema.PARTIAL_DATE, "2025-06"),
        (schema.URL, "https://www.opm.gov/x?y=1"),
        (schema.integer(1, 5), 5),
    ],
)
def test_schema_specs_accept(spec, value):
    assert schema.validate(value, spec, "f.yml", "k", 1) == []


def test_every_data_file_schema_is_valid_json_schema():
    for spec in (
        datashapes.QUALIFICATIONS_FILE,
        datashapes.SOURCES_FILE,
        datashapes.PAY_FILE,
        datashapes.GLOSSARY_FILE,
        datashapes.UI_FILE,
    ):
        jsonschema.Draft202012Validator.check_schema(spec)
