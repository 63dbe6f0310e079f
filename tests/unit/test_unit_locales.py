"""locales: each language's writing policy is one row of a table, and the core looks it up there."""

import ast
from pathlib import Path

import pytest
from babel import Locale

from sesguide import LANGUAGES, collation, locales, numbers, render

CORE = Path(__file__).resolve().parents[2] / "sesguide"
# Where language codes may be written out: the table of languages and their policy.
TABLES = {"__init__.py", "locales.py"}
# Modules another change is moving onto the table (issue 17); remove a name once it is done.
MOVING: set[str] = set()
CODES = {*LANGUAGES, *(f"{code}/" for code in LANGUAGES)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_a_complete_row(lang):
    row = locales.writing(lang)
    assert Locale.parse(row.locale).language == lang
    assert row.alphabet in collation.ALPHABETS
    assert row.date_order in ("month-day-year", "day-month-year")
    assert numbers.DATE_PATTERNS[lang] and numbers.NUMBER[lang]


def test_amounts_follow_the_row_of_their_language():
    assert render.money(151661, "en") == "$151,661"
    assert render.money(151661, "sv") == "151\u00a0661\u00a0USD"


def test_dates_follow_the_row_of_their_language():
    assert [t for t, _ in numbers.extract("On Sept. 30, 2025 and May 2025", "en")] == ["2025-09-30", "2025-05"]
    assert [t for t, _ in numbers.extract("Den 30 september 2025, Maj 2025", "sv")] == ["2025-09-30", "2025-05"]


def language_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in CODES
    ]


def test_no_language_code_written_out_in_the_core():
    found = {f.name: language_literals(f) for f in sorted(CORE.glob("*.py")) if f.name not in TABLES | MOVING}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_literal_finder_finds_them():
    assert language_literals(CORE / "locales.py")  # the table itself names every code
