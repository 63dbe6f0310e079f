"""Limits on the shape of a Markdown page, so that no contribution can make the build run for
minutes or crash it.

Measured with Python-Markdown 3.10 and this site's extensions (tests/hostile/test_limits.py
keeps the numbers honest): 10,000 unclosed "[" on one line take about 45 s to render, 20,000
nested brackets about 60 s (the inline parser rescans for the closing bracket), and a list
nested 1,000 levels deep ends in a RecursionError. With these limits and the 128 KiB page
limit (sourcefiles), the worst page renders in a few seconds. Today's pages stay far below
every limit: at most 18 "[" in one block and 60 in a page, lines of at most about 800
characters, nesting of 3 levels.
"""

from __future__ import annotations

import re

from .pages import Page
from .problems import Problem

MAX_LINE_CHARS = 5_000
MAX_BRACKETS_PER_BLOCK = 200  # unescaped "[" in one paragraph, list or table
MAX_BRACKETS_PER_PAGE = 1_500
MAX_NESTING = 10  # list indentation (4 columns a level) and ">" quote levels
MAX_ABBREVIATIONS = 100  # "*[ABBR]: ..." definitions in one page

OPEN_BRACKET_RE = re.compile(r"(?<!\\)\[")
QUOTE_PREFIX_RE = re.compile(r"^[ \t]*((?:>[ \t]*)+)")
ABBR_DEF_RE = re.compile(r"^\*\[[^\]]*\]:", re.M)


def _indent_levels(line: str) -> int:
    width = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    return width // 4


# Each limit's problem, in the order they are reported: (message, fix).
_PROBLEMS = {
    "line": (
        f"a line is longer than {MAX_LINE_CHARS:,} characters",
        "Break it into several lines or paragraphs (Markdown joins lines of a paragraph).",
    ),
    "brackets": (
        f"a block has more than {MAX_BRACKETS_PER_BLOCK} '[' characters",
        "Split the content into shorter paragraphs, lists or pages.",
    ),
    "page_brackets": (
        f"the page has more than {MAX_BRACKETS_PER_PAGE:,} '[' characters (links, images)",
        "Split the page into several pages.",
    ),
    "nesting": (
        f"lists or quotes are nested more than {MAX_NESTING} levels deep",
        "Flatten the structure: readers cannot follow that many levels either.",
    ),
}


def check_page(page: Page) -> list[Problem]:
    """Problems for a page whose shape exceeds a limit (one per limit, at its first line)."""
    first = _first_lines_over(page)
    if "brackets" in first:
        # the block over its limit is what to fix; the page total it pushed over says nothing more
        first.pop("page_brackets", None)
    out = [Problem(page.file, first[key], message, fix) for key, (message, fix) in _PROBLEMS.items() if key in first]
    return out + _abbreviations(page)


def _first_lines_over(page: Page) -> dict[str, int]:
    """Limit key of _PROBLEMS -> the first body line where the page goes over that limit."""
    first: dict[str, int] = {}
    brackets = total = 0
    for lineno, line in page.body_lines():
        if len(line) > MAX_LINE_CHARS:
            first.setdefault("line", lineno)
        if not line.strip():
            brackets = 0  # a blank line ends the block, and the inline parser's rescans stop there
            continue
        found = len(OPEN_BRACKET_RE.findall(line))
        brackets, total = brackets + found, total + found
        if brackets > MAX_BRACKETS_PER_BLOCK:
            first.setdefault("brackets", lineno)
        if total > MAX_BRACKETS_PER_PAGE:
            first.setdefault("page_brackets", lineno)
        quote = QUOTE_PREFIX_RE.match(line)
        depth = max(_indent_levels(line), quote.group(1).count(">") if quote else 0)
        if depth > MAX_NESTING:
            first.setdefault("nesting", lineno)
    return first


def _abbreviations(page: Page) -> list[Problem]:
    """Too many abbreviation definitions, at the line of the first one over the limit."""
    defs = list(ABBR_DEF_RE.finditer(page.body))
    if len(defs) <= MAX_ABBREVIATIONS:
        return []
    line = page.body_line + page.body.count("\n", 0, defs[MAX_ABBREVIATIONS].start())
    return [
        Problem(
            page.file,
            line,
            f"the page defines more than {MAX_ABBREVIATIONS} abbreviations",
            "Define acronyms once in the termbase (data/glossary.yml, field abbr) instead.",
        )
    ]
