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
from an earlier build that lacks a rule a newer page needs; the build relinks every page
(assets.relink), other callers let ``purge`` do it. The stylesheet itself is read and rewritten in
cssrules.py; this module decides what the site uses and handles the files. No MkDocs imports: the
functions work on the merged ``site/`` directory.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import cssrules
from .problems import Problem, ProblemsFound

WORD_RE = re.compile(r"[A-Za-z0-9_-]+")
THEME_CSS_RE = re.compile(r"^(main|palette)\.([0-9a-f]{8})\.min\.css$")
# The palette attribute values the published pages set (cssrules.PALETTE_ATTR_RE is the other side).
PALETTE_HTML_RE = re.compile(rb'data-md-color-(primary|accent|scheme)="([\w-]+)"')


@dataclass
class PurgeResult:
    file: str
    before: int
    after: int
    rules_dropped: int


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
            text = cssrules.normalized(_body(sheet.read_text(encoding="utf-8")))
            out[text] = cssrules.parse(text)
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
        return cssrules.purge_css(_body(css), known, parsed)
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
