"""Characters a reader cannot see, and the text the checks compare.

A contribution can hide a forbidden term or a second meaning behind characters that render as
nothing (zero-width space, soft hyphen), reorder what is shown (bidirectional overrides, the
"Trojan Source" trick), or look like Latin letters while being Cyrillic or Greek. Two rules:

- ``invisible_characters``: such characters are refused wherever a contributor writes text
  (pages, front matter, data files), naming the file, the line and the code point.
  The no-break spaces that typography needs (U+00A0, U+202F, U+2007) are visible spacing and
  stay allowed.
- ``fold``: before a check compares text (the termbase, the Markdown lint), the text is
  NFKC-normalised, default-ignorable characters are dropped and every kind of space becomes a
  plain space, so "ordförande\u00adn" or a full-width variant matches like the plain word.
"""

from __future__ import annotations

import re
import unicodedata

from .problems import Problem

# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt, Unicode 15): code
# points that render as nothing when a font has no glyph for them. Python's unicodedata has no
# accessor for this property, so the ranges are listed here.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_IGNORABLE_CLASS = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in DEFAULT_IGNORABLE)
IGNORABLE_RE = re.compile(f"[{_IGNORABLE_CLASS}]")
# Refused in text: the ignorables above, every format character (Cf: soft hyphen, zero-width
# characters, bidirectional controls, the byte order mark, ...), control characters other than
# tab and newline, and the line and paragraph separators (which some viewers break on and
# Markdown does not).
ALLOWED_CONTROLS = {"\t", "\n"}
REFUSED_CATEGORIES = {"Cf", "Cc", "Zl", "Zp"}
SPACES_RE = re.compile(r"[^\S\n]")  # every kind of space but the newline
WORD_RE = re.compile(r"\w+")
CONFUSABLE_SCRIPTS = ("CYRILLIC", "GREEK")


def _is_invisible(ch: str) -> bool:
    if ch in ALLOWED_CONTROLS:
        return False
    return unicodedata.category(ch) in REFUSED_CATEGORIES or bool(IGNORABLE_RE.match(ch))


def describe(ch: str) -> str:
    name = unicodedata.name(ch, "") or (
        "control character" if unicodedata.category(ch) == "Cc" else "unnamed character"
    )
    return f"U+{ord(ch):04X} {name}"


def fold(text: str) -> str:
    """The text as the checks compare it: NFKC, no default-ignorables, every space a plain space.
    Line breaks are kept, so line numbers stay the same."""
    text = IGNORABLE_RE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return SPACES_RE.sub(" ", text)


def invisible_characters(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """One problem per line that holds a character a reader cannot see (each distinct one named)."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if line.isascii() and line.isprintable() or not line:
            continue
        seen = []
        for ch in line:
            if ch not in seen and _is_invisible(ch):
                seen.append(ch)
        if seen:
            names = ", ".join(describe(c) for c in seen)
            out.append(
                Problem(
                    file,
                    first_line + i,
                    f"invisible or control character {names}",
                    "Delete it: it shows nothing (or reorders the text) for a reader, but changes "
                    "what the checks and search see. Type a plain space, or a no-break space "
                    "(U+00A0) where typography needs one.",
                )
            )
    return out


def mixed_script_words(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """Words that mix Latin letters with Cyrillic or Greek look-alikes (e.g. a Cyrillic 'о' in
    'förordnande'): they read the same but escape the termbase, the spell check and search."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if line.isascii():
            continue
        for m in WORD_RE.finditer(line):
            word = m.group(0)
            if word.isascii():
                continue
            scripts = {unicodedata.name(c, "").split(" ")[0] for c in word if c.isalpha()}
            odd = [c for c in word if unicodedata.name(c, "").split(" ")[0] in CONFUSABLE_SCRIPTS]
            if odd and "LATIN" in scripts:
                out.append(
                    Problem(
                        file,
                        first_line + i,
                        f"the word '{word}' mixes Latin letters with {describe(odd[0])}",
                        "Retype the word with Latin letters only.",
                    )
                )
    return out
