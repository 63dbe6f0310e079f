"""Alphabetical order for readers of each language.

Swedish sorts å, ä and ö as separate letters after z (a … z å ä ö), treats æ as ä, ø as ö and
ü as y, and ignores other accents (é sorts as e). Python's default order and a plain ``lower()``
put å/ä/ö in code-point order (ä < å < ö) and uppercase before lowercase, so the Swedish glossary
would read wrongly. PyICU would do this with the CLDR rules, but needs the ICU C library; this
key implements the rules of the Swedish alphabet (Svenska Akademiens ordlista, 14th edition:
w is its own letter, sorted after v) for the characters the termbase uses, with ties broken by
case and the original text so the order is stable.
"""

from __future__ import annotations

import unicodedata

from .locales import writing

# The last letters of the Swedish alphabet, after z, in order.
_SV_TAIL = {"å": "{0", "ä": "{1", "ö": "{2"}  # "{" sorts after "z" in ASCII
_SV_FOLD = {"æ": "ä", "ø": "ö", "ü": "y"}


def _letters_sv(text: str) -> str:
    out = []
    for ch in text.lower():
        ch = _SV_FOLD.get(ch, ch)
        if ch in _SV_TAIL:
            out.append(_SV_TAIL[ch])
            continue
        base = unicodedata.normalize("NFD", ch)[0]  # é -> e, à -> a
        if base.isalnum():
            out.append(base)
        elif base.isspace():
            out.append(" ")
        # punctuation (parentheses, hyphens, slashes) does not decide the order
    return " ".join("".join(out).split())


def _letters_latin(text: str) -> str:
    """Case- and accent-insensitive letters of the Latin alphabet, in code-point order."""
    return " ".join(
        "".join(c for c in unicodedata.normalize("NFD", text.lower()) if c.isalnum() or c.isspace()).split()
    )


# The alphabets a language may name in locales.py (Writing.alphabet).
ALPHABETS = {"latin": _letters_latin, "swedish": _letters_sv}


def sort_key(text: str, lang: str) -> tuple:
    """Sort key for `text` in the reading order of `lang` (its alphabet in locales.py)."""
    primary = ALPHABETS[writing(lang).alphabet](text)
    return (primary, text.swapcase(), text)
