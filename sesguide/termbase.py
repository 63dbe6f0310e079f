"""The termbase: forbidden Swedish variants, and acronym explanations for every page."""

from __future__ import annotations

import re

from .chars import fold
from .pages import Page
from .problems import Problem
from .urls import TRANSLATED_LANGUAGE

QUOTE_LINE_RE = re.compile(r"^\s*>")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
INLINE_QUOTE_RE = re.compile(r"[\"“”«»][^\"“”«»]*[\"“”«»]")
# A variant ends where the word ends; an inflection after a colon or a hyphenated compound
# continues the word ("de 5 ECQ" is wrong, "de 5 ECQ:erna" and "de ECQ-sidor" are not).
_END = r"(?![\w]|[:\-]\w)"


def forbidden_variants(page: Page, terms: list) -> list[Problem]:
    """Forbidden Swedish variants in a Swedish page, outside code and quotations. The text is
    folded first (chars.fold), so a soft hyphen, zero-width or no-break space, or a full-width
    letter inside a variant does not hide it."""
    rules = [(fold(v), t) for t in terms for v in t.get("forbidden_sv", [])]
    if page.lang != TRANSLATED_LANGUAGE or not rules:
        return []
    out = []
    any_rule = re.compile("|".join(rf"(?<!\w){re.escape(v)}{_END}" for v, _ in rules), re.I)
    texts = [
        (page.meta_lines.get(k, 1), page.meta[k]) for k in ("title", "description") if isinstance(page.meta.get(k), str)
    ]
    for lineno, line in [*texts, *page.body_lines()]:
        line = fold(line)
        if QUOTE_LINE_RE.match(line):
            continue
        text = INLINE_QUOTE_RE.sub(" ", CODE_SPAN_RE.sub(" ", line))
        if not any_rule.search(text):
            continue
        for variant, term in rules:
            if re.search(rf"(?<!\w){re.escape(variant)}{_END}", text, re.I):
                preferred = term.get("sv_short") or term[TRANSLATED_LANGUAGE]
                out.append(
                    Problem(
                        page.file,
                        lineno,
                        f"forbidden term '{variant}' (termbase entry '{term['id']}')",
                        f"Use the preferred term: '{term[TRANSLATED_LANGUAGE]}'"
                        + (f" (later mentions: '{preferred}')" if preferred != term[TRANSLATED_LANGUAGE] else "")
                        + ".",
                    )
                )
    return out


def abbreviations(terms: list, lang: str, text: str | None = None) -> str:
    """Markdown abbreviation definitions (the `abbr` extension) for the termbase's acronyms; with
    `text`, only for those that occur in it (fewer definitions for Markdown to apply per page)."""
    lines = []
    for t in sorted(terms, key=lambda t: t["id"]):
        if t.get("abbr") and (text is None or re.search(rf"(?<!\w){re.escape(t['abbr'])}(?!\w)", text)):
            title = t[lang]
            # The tooltip sits on the acronym itself: "(SES)" inside it would only repeat it.
            title = re.sub(rf"\s*\({re.escape(t['abbr'])}\)", "", title).replace("]", ")").replace("\n", " ")
            lines.append(f"*[{t['abbr']}]: {title}")
    return "\n".join(lines)
