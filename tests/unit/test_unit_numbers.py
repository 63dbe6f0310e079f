"""numbers.extract: English and Swedish ways of writing the same value give the same token."""

import pytest

from sesguide import numbers, pages

NBSP, NNBSP = "\u00a0", "\u202f"

# (English, Swedish, tokens both must give)
PAIRS = [
    ("October 1, 2025", "1 oktober 2025", ["2025-10-01"]),
    ("Oct. 1, 2025", "1 oktober 2025", ["2025-10-01"]),
    ("1 October 2025", "1 oktober 2025", ["2025-10-01"]),
    ("September 30, 2025", f"30{NBSP}september{NBSP}2025", ["2025-09-30"]),
    ("May 2025", "maj 2025", ["2025-05"]),
    ("in January 2010", "i januari 2010", ["2010-01"]),
    ("May 29", "29 maj", ["--05-29"]),
    ("since May 29 OPM", "sedan 29 maj har OPM", ["--05-29"]),
    ("$151,661", "151 661 USD", ["151661"]),
    ("$151,661", f"151{NBSP}661{NBSP}USD", ["151661"]),
    ("$151,661", f"151{NNBSP}661 USD", ["151661"]),
    ("$1,234,567", "1 234 567 USD", ["1234567"]),
    ("1,234", "1 234", ["1234"]),
    ("7,794 members", "7 794 medlemmar", ["7794"]),
    ("1.4%", "1,4 %", ["1.4"]),
    ("10%", "10 %", ["10"]),
    ("0.5 points", "0,5 poäng", ["0.5"]),
    ("1,234.5", "1 234,5", ["1234.5"]),
    ("5 CFR 412.301", "5 CFR 412.301", ["5", "412.301"]),
    ("5 U.S.C. 3393", "5 U.S.C. 3393", ["5", "3393"]),
    ("GS-15 in FY2026", "GS-15 under FY2026", ["15", "2026"]),
    ("2025-10-01", "2025-10-01", ["2025-10-01"]),
    ("from 2010 to 2026", "från 2010 till 2026", ["2010", "2026"]),
    ("the 5 ECQs", "de 5 ECQ:erna", ["5"]),
]


@pytest.mark.parametrize("en, sv, tokens", PAIRS, ids=[p[0] for p in PAIRS])
def test_pairs_normalise_equal(en, sv, tokens):
    assert [t for t, _ in numbers.extract(en, "en")] == tokens
    assert [t for t, _ in numbers.extract(sv, "sv")] == tokens


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (
            "On October 1, 2025 the minimum was $151,661.",
            "en",
            [("2025-10-01", "October 1, 2025"), ("151661", "151,661")],
        ),
        (
            "Den 1 oktober 2025 var lägstalönen 151 661 USD.",
            "sv",
            [("2025-10-01", "1 oktober 2025"), ("151661", "151 661")],
        ),
        ("up 1.4% (5 CFR 412.301)", "en", [("1.4", "1.4"), ("5", "5"), ("412.301", "412.301")]),
        ("en ökning med 1,4 % (5 CFR 412.301)", "sv", [("1.4", "1,4"), ("5", "5"), ("412.301", "412.301")]),
        ("no numbers here", "en", []),
    ],
)
def test_extract_keeps_what_was_written(text, lang, expected):
    assert numbers.extract(text, lang) == expected


# A mistyped number must not normalise to the English token.
MISTYPED = [
    ("$151,661", "151 616 USD"),
    ("$151,661", "15 1661 USD"),
    ("October 1, 2025", "10 oktober 2025"),
    ("October 1, 2025", "1 november 2025"),
    ("October 1, 2025", "1 oktober 2026"),
    ("May 2025", "mars 2025"),
    ("May 29", "28 maj"),
    ("1.4%", "1,5 %"),
    ("1.4%", "14 %"),
    ("1,234", "1 243"),
    ("5 CFR 412.301", "5 CFR 412.310"),
    ("2025-10-01", "2025-01-10"),
]


@pytest.mark.parametrize("en, sv", MISTYPED, ids=[f"{a}|{b}" for a, b in MISTYPED])
def test_mistyped_number_differs(en, sv):
    assert {t for t, _ in numbers.extract(en, "en")} != {t for t, _ in numbers.extract(sv, "sv")}


def test_page_numbers_skip_code_comments_links_and_attr_lists():
    text = (
        "---\ntitle: T 99\n---\n\n# Title 2025 { #t-2025 }\n\n"
        "Paid $151,661 `code 123` [link 7](../x.md#a-42) <!-- 555 -->\n"
        "<!--\n888\n-->\n"
        "```\n999\n```\n"
        "See https://example.org/2024/page and <https://example.org/77>.\n"
        "Paragraph { #p-31 }\n"
    )
    page = pages.parse(text, "en", "x.md", "docs/en/x.md")
    assert numbers.page_numbers(page) == {"2025": [(5, "2025")], "151661": [(7, "151,661")], "7": [(7, "7")]}


def test_month_day_followed_by_comma():
    assert numbers.extract("On May 29, OPM issued a memo.", "en") == [("--05-29", "May 29")]


# -- no-break spaces in built Swedish pages --------------------------------------------------------------

NB = "\u00a0"


@pytest.mark.parametrize(
    "html,expected",
    [
        ("<p>228 000 USD</p>", f"<p>228{NB}000{NB}USD</p>"),
        ("<td>1 234 567</td>", f"<td>1{NB}234{NB}567</td>"),
        ("<p>1,4 % och 10 %</p>", f"<p>1,4{NB}% och 10{NB}%</p>"),
        ("<p>mellan 2011 och 2013</p>", "<p>mellan 2011 och 2013</p>"),  # years are not groups
        ("<p>5 ECQ:er, 80 kalenderdagar</p>", "<p>5 ECQ:er, 80 kalenderdagar</p>"),
        ("<p>2 000 1234</p>", f"<p>2{NB}000 1234</p>"),  # a 4-digit run ends the number
        (
            '<a title="151 661 USD" href="/x 100">151 661 USD</a>',
            f'<a title="151 661 USD" href="/x 100">151{NB}661{NB}USD</a>',
        ),
        ("<code>151 661</code> 151 661", f"<code>151 661</code> 151{NB}661"),
        ("<pre><code>1 000</code>\n2 000</pre><p>3 000</p>", f"<pre><code>1 000</code>\n2 000</pre><p>3{NB}000</p>"),
        (
            '<script type="application/json">{"a": "1 000"}</script>1 000',
            f'<script type="application/json">{{"a": "1 000"}}</script>1{NB}000',
        ),
        ("<!-- 1 000 --><p>1 000</p>", f"<!-- 1 000 --><p>1{NB}000</p>"),
        (f"<p>151{NB}661 USD</p>", f"<p>151{NB}661{NB}USD</p>"),
    ],
)
def test_swedish_numbers_are_kept_on_one_line(html, expected):
    assert numbers.keep_numbers_together(html) == expected
