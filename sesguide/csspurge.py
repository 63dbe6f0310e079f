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

import tinycss2

from .problems import Problem, ProblemsFound

WORD_RE = re.compile(r"[A-Za-z0-9_-]+")
THEME_CSS_RE = re.compile(r"^(main|palette)\.([0-9a-f]{8})\.min\.css$")
# Material's palette stylesheet has a rule set for each of its 20 primary and accent colours; the
# site uses one of each. A selector that needs data-md-color-primary/-accent/-scheme to have a
# value that no published page sets (the attribute values in the HTML) cannot match either.
PALETTE_ATTR_RE = re.compile(r"\[data-md-color-(primary|accent|scheme)=[\"']?([\w-]+)[\"']?\]")
PALETTE_HTML_RE = re.compile(rb'data-md-color-(primary|accent|scheme)="([\w-]+)"')


@dataclass
class PurgeResult:
    file: str
    before: int
    after: int
    rules_dropped: int


def _tokens(css: str) -> list:
    """The stylesheet's top-level tokens (tinycss2); ValueError if a block is left open or a
    closing bracket has no opening one. tinycss2 closes open blocks at the end of input, as
    browsers do, but a theme file cut short is a broken download, not a stylesheet to publish."""
    tokens = tinycss2.parse_component_value_list(css)
    errors = [t for t in _walk(tokens) if t.type == "error"]
    if errors:
        e = errors[0]
        raise ValueError(f"line {e.source_line}, column {e.source_column}: {e.message}")
    # Only the last item can run to the end of the input unclosed: compare its closing brackets.
    if tokens:
        at = _offsets(css)
        tail, written = css[at(tokens[-1]) :], tinycss2.serialize(tokens[-1:])
        for opening, closing in ("{}", "()", "[]"):
            if written.count(closing) > tail.count(closing):
                raise ValueError(f"unbalanced braces in stylesheet: a '{opening}' is never closed")
    return tokens


def _walk(tokens):
    for t in tokens:
        yield t
        yield from _walk(getattr(t, "content", None) or getattr(t, "arguments", None) or [])


def _offsets(css: str):
    """Offset in css of a token's start (tinycss2 gives 1-based line and column)."""
    starts = [0] + [m.end() for m in re.finditer("\n", css)]
    return lambda tok: starts[tok.source_line - 1] + tok.source_column - 1


def _normalized(css: str) -> str:
    return css.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")  # as tinycss2 reads it


def _items(css: str, tokens: list, at, start: int, stop: int) -> list:
    """The items of one level of a stylesheet (css[start:stop], tokenized as `tokens`): a str for a
    statement like @import, or (prelude tokens, prelude text, body text, block token) for a block.
    All text is sliced from the source, so what is kept is written exactly as it came."""
    out: list = []
    prelude: list = []
    for i, tok in enumerate(tokens):
        end = at(tokens[i + 1]) if i + 1 < len(tokens) else stop
        if tok.type == "{} block":
            brace = at(tok)
            text, selectors = _prelude(css, prelude, brace, at)
            out.append((text, selectors, (brace + 1, css.rindex("}", brace, end)), tok))
            start, prelude = end, []
        elif tok.type == "literal" and tok.value == ";":
            stmt = css[start : at(tok) + 1].strip()
            if stmt:
                out.append(stmt)
            start, prelude = end, []
        else:
            prelude.append(tok)
    rest = css[start:stop].strip()
    if rest:
        out.append(rest)
    return out


def _blocks(css: str) -> list[str | tuple[str, str]]:
    """Top-level items of a stylesheet: (prelude, body) for blocks, str for statements like @import."""
    css = _normalized(css)
    items = _items(css, _tokens(css), _offsets(css), 0, len(css))
    return [item if isinstance(item, str) else (item[0], css[item[2][0] : item[2][1]]) for item in items]


def _prelude(css: str, tokens: list, end: int, at) -> tuple[str, list[tuple[str, set[str]]]]:
    """A rule's prelude as written (comments left out, outer whitespace stripped), and for each
    selector split at its top-level commas: (the selector as written, the classes it needs)."""
    bounds = [at(t) for t in tokens] + [end]
    pieces: list[str] = []
    parts: list[list] = [[]]
    commas: list[int] = []
    for tok, a, b in zip(tokens, bounds, bounds[1:], strict=False):
        if tok.type == "comment":
            continue
        if tok.type == "literal" and tok.value == ",":
            commas.append(sum(map(len, pieces)))
            parts.append([])
        else:
            parts[-1].append(tok)
        pieces.append(css[a:b])
    raw = "".join(pieces)
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    cuts = [-1, *(c - lead for c in commas), len(text)]
    return text, [(text[a + 1 : b], _classes(part)) for part, a, b in zip(parts, cuts, cuts[1:], strict=False)]


def _classes(tokens: list) -> set[str]:
    """Classes outside any parentheses or brackets: a class inside :not(), :is(), :where() or
    :has() can match without being present (nested tokens are not looked at)."""
    return {
        b.value
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a.type == "literal" and a.value == "." and b.type == "ident"
    }


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at top-level commas (not inside (), [] or strings), each as written."""
    tokens = tinycss2.parse_component_value_list(prelude)
    return [s for s, _ in _prelude(prelude, tokens, len(prelude), _offsets(prelude))[1]]


def required_classes(selector: str) -> set[str]:
    """Classes a selector needs on some element: those outside any parentheses or brackets."""
    return _classes(tinycss2.parse_component_value_list(selector))


def required_attrs(selector: str) -> set[str]:
    """Palette attribute values a selector needs (``primary=pink``): the attribute selectors at its
    top level (one inside :not(), :is(), :where() or :has() can match without the value)."""
    if "data-md-color" not in selector:
        return set()
    out = set()
    for token in tinycss2.parse_component_value_list(selector):
        if token.type == "[] block":
            m = PALETTE_ATTR_RE.fullmatch("[" + tinycss2.serialize(token.content).replace(" ", "") + "]")
            if m:
                out.add(f"{m.group(1)}={m.group(2)}")
    return out


_NEST_AT = ("@media", "@supports", "@layer", "@container", "@document")


def purge_css(css: str, known: set[str], parsed: dict[str, list] | None = None) -> tuple[str, int]:
    """The stylesheet without selectors that need an unknown class; and how many rules went.
    The stylesheet is tokenized once (or not at all if ``parsed``, from parse_theme, has its text);
    nested blocks (@media ...) reuse their tokens."""
    css = _normalized(css)
    tokens = (parsed or {}).get(css) or _tokens(css)
    at = _offsets(css)
    dropped = 0

    def walk(items: list) -> str:
        nonlocal dropped
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
                continue
            text, selectors, (a, b), block = item
            body = css[a:b]
            low = text.lower()
            if low.startswith(_NEST_AT):
                inner = walk(_items(css, block.content, at, a, b))
                if inner.strip():
                    out.append(f"{text}{{{inner}}}")
            elif low.startswith("@"):  # @keyframes, @font-face, @page, @property, …: kept whole
                out.append(f"{text}{{{body}}}")
            else:
                kept = [s for s, needs in selectors if needs <= known and required_attrs(s) <= known]
                if kept:
                    out.append(f"{','.join(kept)}{{{body}}}")
                else:
                    dropped += 1
        return "".join(out)

    return walk(_items(css, tokens, at, 0, len(css))), dropped


CLASS_ATTR_RE = re.compile(rb'class="([^"]*)"')


def known_words(site: Path, extra: list[Path]) -> set[str]:
    """Class names that can occur on an element: every class attribute in the published HTML, and
    every word of the theme's scripts and of ``extra`` files (scripts add classes by literal name).
    The lunr language files are skipped: they tokenise text and never touch the page."""
    words: set[str] = set()
    seen: set[bytes] = set()
    for f in site.rglob("*.html"):
        html = f.read_bytes()
        words.update(f"{a.decode()}={v.decode()}" for a, v in PALETTE_HTML_RE.findall(html))
        for value in CLASS_ATTR_RE.findall(html):
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


def _theme_sheets(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.min.css") if THEME_CSS_RE.match(p.name) and p.parent.name == "stylesheets"]


def _body(css: str) -> str:
    """Material's trailing source-map comment goes: the map no longer fits the purged file."""
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/\s*$", "", css)


def parse_theme(site: Path) -> dict[str, list]:
    """The tokens of the theme's stylesheets under ``site`` (one language's build), keyed by their
    text. ``purge`` reuses them only for a stylesheet with exactly that text, so the build can
    tokenize while the other language is still being built. A stylesheet that does not parse is
    left out: ``purge`` reports it."""
    out = {}
    for sheet in _theme_sheets(site):
        try:
            text = _normalized(_body(sheet.read_text(encoding="utf-8")))
            out[text] = _tokens(text)
        except (OSError, ValueError):
            continue
    return out


def purge(site: Path, parsed: dict[str, list] | None = None) -> list[PurgeResult]:
    """Purge every copy of Material's main and palette stylesheets under ``site`` and relink the
    pages. ``parsed``: stylesheets already tokenized (parse_theme)."""
    results, renames = purge_sheets(site, parsed)
    if renames:
        _relink(site, renames)
    return results


def purge_sheets(site: Path, parsed: dict[str, list] | None = None) -> tuple[list[PurgeResult], dict[str, str]]:
    """``purge`` without relinking the pages; also returns the renames (old -> new file name), for a
    build that relinks everything in one pass (assets.relink)."""
    sheets = _theme_sheets(site)
    if not sheets:
        return [], {}
    ours = [p for p in site.rglob("*.css") if p not in sheets and not THEME_CSS_RE.match(p.name)]
    known = known_words(site, ours)
    renames: dict[str, str] = {}
    results = []
    done: dict[str, tuple[str, int]] = {}  # each language has its own copy of the same stylesheet
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        if css not in done:
            done[css] = _purge_sheet(site, sheet, css, known, parsed)
        new, dropped = done[css]
        target = _write_hashed(sheet, new)
        if target != sheet:
            renames[sheet.name] = target.name
        results.append(PurgeResult(str(target.relative_to(site)), len(css.encode()), len(new.encode()), dropped))
    return results, renames


def _purge_sheet(site: Path, sheet: Path, css: str, known: set[str], parsed: dict | None) -> tuple[str, int]:
    """purge_css on one stylesheet; a sheet it cannot read is a Problem naming the built file."""
    try:
        return purge_css(_body(css), known, parsed)
    except ValueError as exc:
        shown = f"site/{sheet.relative_to(site).as_posix()}"
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    None,
                    f"the theme's stylesheet cannot be read: {exc}",
                    "Reinstall the theme (`make setup`); to publish it unpurged, build with "
                    "`python -m sesguide build --no-css-purge`.",
                )
            ],
            "The stylesheet purge failed",
        ) from None


def _write_hashed(sheet: Path, new: str) -> Path:
    """Write the purged sheet under a name with its own hash (hashed names are cached as immutable,
    see assets.py) and remove the old file and its source map, which no longer fits."""
    digest = hashlib.sha256(new.encode("utf-8")).hexdigest()[:8]
    kind = sheet.name.split(".", 1)[0]  # main or palette (THEME_CSS_RE matched it)
    target = sheet.with_name(f"{kind}.{digest}.min.css")
    target.write_text(new, encoding="utf-8")
    if target != sheet:
        sheet.unlink()
    stale_map = sheet.with_name(sheet.name + ".map")
    if stale_map.exists():
        stale_map.unlink()
    return target


def _relink(site: Path, renames: dict[str, str]) -> None:
    """Point every page at the renamed stylesheets; a page that links none is not rewritten."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new_text = text
        for old, new in renames.items():
            new_text = new_text.replace(f"/stylesheets/{old}", f"/stylesheets/{new}")
        if new_text != text:
            page.write_text(new_text, encoding="utf-8")
