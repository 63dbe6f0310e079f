"""How each language of the site writes: one row per language code of LANGUAGES.

Code that writes or reads text in a language (amounts, dates, numbers, alphabetical order) looks
its policy up here instead of branching on a language code, so a rule such as "Swedish puts the
currency code after the amount" is stated once, beside the other Swedish rules. Locale data itself
(month names, separators) comes from Babel (CLDR) for the locale named here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date
from babel.numbers import format_currency

from . import LANGUAGES


@dataclass(frozen=True)
class Writing:
    locale: str  # Babel (numbers, dates) and hunspell (dictionary) locale
    name: str  # the language's English name, in messages to contributors
    # How a reader's dates run: "month-day-year" (October 1, 2025; May 29) or "day-month-year"
    # (1 oktober 2025; 29 maj), as the number check finds them in a page.
    date_order: str
    # Babel number pattern for a U.S. dollar amount: ¤ the sign ($), ¤¤ the code (USD).
    money: str
    # Alphabetical order of the glossary and lists (collation.py): "latin" or "swedish".
    alphabet: str
    # Babel's abbreviated month names (Jan., Sep.) count as dates too, and these extra forms.
    month_abbreviations: bool = False
    extra_months: dict[str, int] = field(default_factory=dict)
    # Built pages get no-break spaces inside grouped numbers and before USD or % (numbers.py).
    unbreakable_numbers: bool = False


WRITING = {
    # U.S. English: $151,661; October 1, 2025; "Sept" is common in American writing.
    "en": Writing("en_US", "English", "month-day-year", "¤#,##0", "latin", True, {"Sept": 9}),
    # Swedish: 151 661 USD (space-grouped, so kept on one line), 1 oktober 2025; å, ä, ö after z.
    "sv": Writing("sv_SE", "Swedish", "day-month-year", "#,##0\u00a0¤¤", "swedish", unbreakable_numbers=True),
}
if set(WRITING) != set(LANGUAGES):  # a language added to LANGUAGES needs its row here
    raise ImportError(f"sesguide.locales.WRITING covers {sorted(WRITING)}, LANGUAGES is {LANGUAGES}")

# Locale of each language, for Babel and hunspell.
LOCALES = {code: WRITING[code].locale for code in LANGUAGES}


def writing(lang: str) -> Writing:
    return WRITING[lang]


def money(value: int, lang: str) -> str:
    """A U.S. dollar amount as the language writes it ($151,661 or 151 661 USD)."""
    return format_currency(value, "USD", format=writing(lang).money, locale=LOCALES[lang], currency_digits=False)


def long_date(value: str, lang: str) -> str:
    """A date of data/ (YYYY, YYYY-MM or YYYY-MM-DD) as a reader's text: October 1, 2025; 1 oktober 2025."""
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return format_date(dt.date(*parts), format="long", locale=LOCALES[lang])
    if len(parts) == 2:
        return format_date(dt.date(parts[0], parts[1], 1), format="LLLL y", locale=LOCALES[lang])
    return str(parts[0])
