"""Small rewrites of each built page's HTML body, after Markdown and before the theme wraps it.

Regular expressions over the HTML that Python-Markdown itself wrote (a known, narrow shape), not
over arbitrary HTML: the links of autolinks, and the <abbr> elements termbase.abbreviations adds.
"""

from __future__ import annotations

import re

_BARE_URL_RE = re.compile(r'<a href="(https?://[^"]+)">([^<]+)</a>')


def mark_bare_urls(html: str) -> str:
    """Links whose text is their own address (autolinks such as <https://...>) get the class
    sesguide-url: the print stylesheet prints the address after every other external link."""

    def sub(m):
        if m.group(2).strip() != m.group(1):
            return m.group(0)
        return f'<a href="{m.group(1)}" class="sesguide-url">{m.group(2)}</a>'

    return _BARE_URL_RE.sub(sub, html)


_ABBR_RE = re.compile(r"<abbr title=\"([^\"]*)\">([^<]+)</abbr>")
_LINK_RE = re.compile(r"<a\b[^>]*>.*?</a>", re.S)


def focusable_first_abbreviations(html: str) -> str:
    """Let keyboard users reach the explanation of each acronym: its first occurrence on the page
    takes focus (and shows the tooltip); later ones stay out of the tab order."""
    seen = set()
    links = [m.span() for m in _LINK_RE.finditer(html)]

    def sub(m):
        # Inside a link the link itself takes focus (and a focusable child of <a> is invalid HTML).
        if m.group(2) in seen or any(a <= m.start() < b for a, b in links):
            return m.group(0)
        seen.add(m.group(2))
        return f'<abbr title="{m.group(1)}" tabindex="0">{m.group(2)}</abbr>'

    return _ABBR_RE.sub(sub, html)


# Pages that are long reference lists: an acronym is explained (marked up with its expansion) at its
# first occurrence and wherever it takes keyboard focus, and is plain text after that. On the
# Sources page the same few acronyms (OPM, CFR, SES, ...) occur in most of its 200 entries;
# repeating each expansion cost about 1 KiB gzip (1.4 KiB in Swedish) for nothing a reader needs.
EXPLAIN_ONCE = {"sources.md"}
_ABBR_HTML_RE = re.compile(r'<abbr title="[^"]*"( tabindex="0")?>([^<]+)</abbr>')


def explain_once(html: str) -> str:
    """`html` with each acronym's later <abbr> elements unwrapped to their text (see EXPLAIN_ONCE)."""
    seen: set[str] = set()

    def sub(m: re.Match[str]) -> str:
        if m.group(2) in seen and not m.group(1):
            return m.group(2)
        seen.add(m.group(2))
        return m.group(0)

    return _ABBR_HTML_RE.sub(sub, html)
