"""Drop the theme's CSS rules that cannot match anything this site publishes.

Material ships one stylesheet for every feature it has (content tabs, annotations, Mermaid,
task lists, versions, social cards, …); this site uses a fraction of them, and the stylesheet is
about a quarter of every first view. After both languages are built, ``purge`` removes a selector
only when it names a class that occurs nowhere in the published HTML, JavaScript or our own CSS
(as a whole word, anywhere: in markup, in script string literals, even in prose). Classes inside
functional pseudo-classes (``:not(.x)``, ``:is(.a,.b)``, ``:where``, ``:has``) are never used as
evidence, because such a selector can match without them. Element, attribute, ID and at-rule
selectors are kept as they are, and so are ``@keyframes``, ``@font-face`` and custom properties.

The rewritten file gets a new content-hashed name, so a browser never keeps a purged stylesheet
from an earlier build that lacks a rule a newer page needs; every page's ``<link>`` is updated.
No MkDocs imports: the function works on the merged ``site/`` directory.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

WORD_RE = re.compile(r"[A-Za-z0-9_-]+")
CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
THEME_CSS_RE = re.compile(r"^main\.([0-9a-f]{8})\.min\.css$")


@dataclass
class PurgeResult:
    file: str
    before: int
    after: int
    rules_dropped: int


def _skip(css: str, i: int) -> int | None:
    """If a quoted string or a comment starts at css[i], the index just after it; else None."""
    c = css[i]
    if c in "\"'":
        j = i + 1
        while j < len(css) and css[j] != c:
            j += 2 if css[j] == "\\" else 1
        return j + 1
    if css.startswith("/*", i):
        j = css.find("*/", i + 2)
        return len(css) if j < 0 else j + 2
    return None


def _blocks(css: str) -> list[str | tuple[str, str]]:
    """Top-level items of a stylesheet: (prelude, body) for blocks, str for statements like @import."""
    out: list[str | tuple[str, str]] = []
    i, n = 0, len(css)
    start = 0
    while i < n:
        after = _skip(css, i)
        if after is not None:
            i = after
            continue
        c = css[i]
        if c == ";":
            stmt = css[start:i + 1].strip()
            if stmt:
                out.append(stmt)
            i += 1
            start = i
            continue
        if c == "{":
            prelude = css[start:i]
            depth, j = 1, i + 1
            while j < n and depth:
                after = _skip(css, j)
                if after is not None:
                    j = after
                    continue
                d = css[j]
                if d == "{":
                    depth += 1
                elif d == "}":
                    depth -= 1
                j += 1
            if depth:
                raise ValueError("unbalanced braces in stylesheet")
            out.append((COMMENT_RE.sub("", prelude).strip(), css[i + 1:j - 1]))
            i = j
            start = i
            continue
        i += 1
    rest = css[start:].strip()
    if rest:
        out.append(rest)
    return out


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at top-level commas (not inside (), [] or strings)."""
    parts: list[str] = []
    cur: list[str] = []
    depth, quote = 0, None
    for ch in prelude:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


def required_classes(selector: str) -> set[str]:
    """Classes a selector needs on some element: those outside any parentheses or brackets."""
    flat, depth = [], 0
    for ch in selector:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0:
            flat.append(ch)
            continue
        flat.append(" ")
    return set(CLASS_RE.findall("".join(flat)))


_NEST_AT = ("@media", "@supports", "@layer", "@container", "@document")


def purge_css(css: str, known: set[str]) -> tuple[str, int]:
    """The stylesheet without selectors that need an unknown class; and how many rules went."""
    dropped = 0

    def walk(text: str) -> str:
        nonlocal dropped
        out = []
        for item in _blocks(text):
            if isinstance(item, str):
                out.append(item)
                continue
            prelude, body = item
            low = prelude.lower()
            if low.startswith(_NEST_AT):
                inner = walk(body)
                if inner.strip():
                    out.append(f"{prelude}{{{inner}}}")
            elif low.startswith("@"):  # @keyframes, @font-face, @page, @property, …: kept whole
                out.append(f"{prelude}{{{body}}}")
            else:
                kept = [s for s in split_selectors(prelude) if required_classes(s) <= known]
                if kept:
                    out.append(f"{','.join(kept)}{{{body}}}")
                else:
                    dropped += 1
        return "".join(out)

    return walk(css), dropped


CLASS_ATTR_RE = re.compile(rb'class="([^"]*)"')


def known_words(site: Path, extra: list[Path]) -> set[str]:
    """Class names that can occur on an element: every class attribute in the published HTML, and
    every word of the theme's scripts and of ``extra`` files (scripts add classes by literal name).
    The lunr language files are skipped: they tokenise text and never touch the page."""
    words: set[str] = set()
    seen: set[bytes] = set()
    for f in site.rglob("*.html"):
        for value in CLASS_ATTR_RE.findall(f.read_bytes()):
            words.update(value.decode("utf-8", "replace").split())
    for f in [*site.rglob("*.js"), *extra]:
        if "lunr" in f.parts:
            continue
        data = f.read_bytes()
        digest = hashlib.sha256(data).digest()
        if digest in seen:  # each language has its own copy of the theme's scripts
            continue
        seen.add(digest)
        words.update(WORD_RE.findall(data.decode("utf-8", "replace")))
    return words


def purge(site: Path) -> list[PurgeResult]:
    """Purge every copy of Material's main stylesheet under ``site`` and relink the pages."""
    sheets = [p for p in site.rglob("main.*.min.css") if THEME_CSS_RE.match(p.name) and p.parent.name == "stylesheets"]
    if not sheets:
        return []
    ours = [p for p in site.rglob("*.css") if p not in sheets and not p.name.startswith("main.")]
    known = known_words(site, ours)
    renames: dict[str, str] = {}
    results = []
    done: dict[str, tuple[str, int]] = {}  # each language has its own copy of the same stylesheet
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        if css not in done:
            # Material's trailing source-map comment goes: the map no longer fits the purged file
            body = re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)
            done[css] = purge_css(body, known)
        new, dropped = done[css]
        digest = hashlib.sha256(new.encode("utf-8")).hexdigest()[:8]
        target = sheet.with_name(f"main.{digest}.min.css")
        target.write_text(new, encoding="utf-8")
        if target != sheet:
            sheet.unlink()
            renames[sheet.name] = target.name
        stale_map = sheet.with_name(sheet.name + ".map")
        if stale_map.exists():
            stale_map.unlink()
        results.append(PurgeResult(str(target.relative_to(site)), len(css.encode()), len(new.encode()), dropped))
    if renames:
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            new_text = text
            for old, new in renames.items():
                new_text = new_text.replace(f"/stylesheets/{old}", f"/stylesheets/{new}")
            if new_text != text:
                page.write_text(new_text, encoding="utf-8")
    return results
