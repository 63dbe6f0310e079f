"""Numbers a reader sees, normalised so an English page and its Swedish twin can be compared.

English: ``$151,661``, ``1,234``, ``1.4%``, ``October 1, 2025``, ``May 2025``, ``May 29``.
Swedish: ``151 661 USD``, ``1 234``, ``1,4 %``, ``1 oktober 2025``, ``maj 2025``, ``29 maj``.
ISO dates (``2025-10-01``) in both. Every value becomes a canonical token: ``151661``,
``1.4``, ``2025-10-01``, ``2025-05`` or ``--05-29``.
"""

from __future__ import annotations

import re
from typing import Literal

from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from .locales import LOCALES, writing
from .pages import Page, visible_text
from .urls import LANGUAGES


def _months(lang: str, width: Literal["wide", "abbreviated"]) -> dict[str, int]:
    """Month name -> number in a language, from Babel (CLDR), as the generated tables write them."""
    return {name: number for number, name in get_month_names(width, locale=LOCALES[lang]).items()}


def _month_names(lang: str) -> dict[str, int]:
    """Every form of a month name the language's pages may use: Babel's full names, its
    abbreviations (Jan., Sep.) where the language writes them, and the extra forms of locales.py."""
    full = _months(lang, "wide")
    if not writing(lang).month_abbreviations:
        return full
    abbr = {a: n for a, n in _months(lang, "abbreviated").items() if a not in full}
    return {**full, **abbr, **writing(lang).extra_months}


MONTHS = {lang: _month_names(lang) for lang in LANGUAGES}
SP = r"[ \u00a0\u202f]"  # space, no-break space, narrow no-break space

ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _month_alternatives(lang: str) -> str:
    full = _months(lang, "wide")
    # An abbreviation may be written with or without its full stop ("Sep." or "Sep").
    names = [n if n in full else n + r"\.?" for n in MONTHS[lang]]
    return "|".join(sorted(names, key=len, reverse=True)) if writing(lang).month_abbreviations else "|".join(names)


def _date_patterns(lang: str) -> list[tuple[str, re.Pattern]]:
    """(field order, regex) of each way the language writes a date, most specific first."""
    m = _month_alternatives(lang)
    if writing(lang).date_order == "month-day-year":
        return [
            ("mdy", re.compile(rf"\b({m})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)")),
            ("dmy", re.compile(rf"(?<!\d)(\d{{1,2}})\s+({m})\s+(\d{{4}})(?!\d)")),
            ("my", re.compile(rf"\b({m})\s+(\d{{4}})(?!\d)")),
            ("md", re.compile(rf"\b({m})\s+(\d{{1,2}})(?!\d)(?!,\s*\d)")),
        ]
    # Day first, month names in lower case except at the start of a sentence (so any case).
    return [
        ("dmy", re.compile(rf"(?<!\d)(\d{{1,2}}){SP}+({m}){SP}+(\d{{4}})(?!\d)", re.I)),
        ("my", re.compile(rf"\b({m}){SP}+(\d{{4}})(?!\d)", re.I)),
        ("dm", re.compile(rf"(?<!\d)(\d{{1,2}}){SP}+({m})\b", re.I)),
    ]


DATE_PATTERNS = {lang: _date_patterns(lang) for lang in LANGUAGES}
DOTTED = re.compile(r"(?<![\d.,])\d+(?:\.\d+)+(?![\d])")  # 1.4 in English; 412.301 or 2.1 in both


def _number_re(lang: str) -> re.Pattern:
    """A number with the language's group and decimal separators (Babel). A space-like group
    separator (Swedish: no-break space) also accepts the spaces writers type instead."""
    group, decimal = get_group_symbol(LOCALES[lang]), get_decimal_symbol(LOCALES[lang])
    g = SP if group.isspace() else re.escape(group)
    return re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:{g}\d{{3}})+(?!\d)|\d+)(?:{re.escape(decimal)}(\d+))?(?![\d])")


NUMBER = {lang: _number_re(lang) for lang in LANGUAGES}


def _month(name: str, lang: str) -> int:
    # The day-first patterns match month names in any case (see _date_patterns).
    if writing(lang).date_order == "day-month-year":
        return MONTHS[lang][name.lower()]
    return MONTHS[lang][name.rstrip(".")]


def _date_token(kind: str, groups: tuple, lang: str) -> str:
    g = dict(zip(kind, groups, strict=False))  # d, m, y keys in pattern order
    month = _month(g["m"], lang)
    if "y" in g and "d" in g:
        return f"{int(g['y']):04d}-{month:02d}-{int(g['d']):02d}"
    if "y" in g:
        return f"{int(g['y']):04d}-{month:02d}"
    return f"--{month:02d}-{int(g['d']):02d}"


def _number_token(integer: str, fraction: str | None) -> str:
    digits = re.sub(r"[^\d]", "", integer)
    value = str(int(digits))
    return f"{value}.{fraction}" if fraction else value


def extract(text: str, lang: str) -> list[tuple[str, str]]:
    """Return (token, as written) for each number in one line of visible text."""
    found: list[tuple[int, str, str]] = []
    spans: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= s or a >= e for s, e in spans)

    for m in ISO.finditer(text):
        found.append((m.start(), m.group(0), m.group(0)))
        spans.append(m.span())
    for kind, rx in DATE_PATTERNS[lang]:
        for m in rx.finditer(text):
            if free(*m.span()):
                found.append((m.start(), _date_token(kind, m.groups(), lang), m.group(0)))
                spans.append(m.span())
    for m in DOTTED.finditer(text):
        if free(*m.span()):
            found.append((m.start(), m.group(0), m.group(0)))
            spans.append(m.span())
    for m in NUMBER[lang].finditer(text):
        if free(*m.span()):
            found.append((m.start(), _number_token(m.group(1), m.group(2)), m.group(0)))
            spans.append(m.span())
    return [(tok, raw) for _, tok, raw in sorted(found)]


def page_numbers(page: Page) -> dict[str, list[tuple[int, str]]]:
    """token -> [(line, as written), ...] for a page's body (headings and text; not code)."""
    out: dict[str, list[tuple[int, str]]] = {}
    in_comment = False
    for lineno, line in page.body_lines():
        # Skip multi-line HTML comments entirely.
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = line.split("-->", 1)[1]
            else:
                continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
            line = line.split("<!--", 1)[0]
        for tok, raw in extract(visible_text(line), page.lang):
            out.setdefault(tok, []).append((lineno, raw.strip()))
    return out


# -- no line breaks inside a Swedish number ------------------------------------------------------------
# Swedish groups digits with a space ("228 000 USD"); at 375 px an ordinary space lets "228" end
# one line and "000 USD" start the next. In the built Swedish pages every space inside a number,
# and the space between a number and "USD" or "%", becomes a no-break space (U+00A0, the group
# separator Babel already uses in the generated tables). Only text is changed: not tags or
# attribute values, and not the content of code, pre, script, style or textarea elements.
_TAG_OR_TEXT = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW = re.compile(r"<(code|pre|script|style|textarea|kbd)\b", re.I)
_GROUP_SPACE = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d])")
_UNIT_SPACE = re.compile(r"(?<=\d) (?=USD\b|%)")
NBSP = "\u00a0"
# Both rules need a digit before a space: most text between two tags has none and is left as it is
# without running them (this pass reads every Swedish page).
_DIGIT_SPACE = re.compile(r"\d ")


def _join_groups(text: str) -> str:
    text = _GROUP_SPACE.sub(lambda m: m.group(1) + m.group(2).replace(" ", NBSP), text)
    return _UNIT_SPACE.sub(NBSP, text)


def keep_numbers_together(html: str) -> str:
    """The HTML with no-break spaces inside Swedish numbers and before their unit (see above)."""
    out, raw = [], None
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            out.append(part)
            if raw is None:
                m = _RAW.match(part)
                if m and not part.endswith("/>"):
                    raw = m.group(1).lower()
            elif re.match(rf"</{raw}\s*>", part, re.I):
                raw = None
        else:
            out.append(part if raw or not _DIGIT_SPACE.search(part) else _join_groups(part))
    return "".join(out)
