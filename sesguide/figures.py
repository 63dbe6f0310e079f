"""Figures drawn from the project's data at build time: inline SVG with real text, in the page's language.

A page asks for a figure with a data marker (``<!-- data:figure-pay -->``), like a table. This
module is the figures' public surface: :func:`render` turns a marker into a ``<figure>`` (drawn by
``sesguide.charts``, made CSP-safe by ``sesguide.svgclean``) with its accessible name, description
and caption, and the checks below compare the figures of the two languages on the built pages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .charts import FIGURES, number
from .problems import Problem
from .svgclean import ROLES, SVG_NS, XLINK_NS, C, FigureError, clean
from .urls import lang_page_url

__all__ = [
    "FIGURES",
    "ROLES",
    "C",
    "FigureError",
    "clean",
    "number",
    "render",
    "figure_texts",
    "check_pair",
    "check_site",
]


def render(marker: str, ctx: dict, lang: str, t, money) -> str:
    """The <figure> for a figure marker: inline SVG with title and description, and a caption."""
    draw, source = FIGURES[marker]
    drawn = draw(ctx, lang, t, money)
    name = marker.removeprefix("figure-")
    svg = drawn.svg
    tid, did = f"fig-{name}-title", f"fig-{name}-desc"
    svg.set("role", "img")
    svg.set("aria-labelledby", tid)
    svg.set("aria-describedby", did)
    title = ET.Element(f"{{{SVG_NS}}}title", {"id": tid})
    title.text = drawn.title
    desc = ET.Element(f"{{{SVG_NS}}}desc", {"id": did})
    desc.text = drawn.desc
    svg.insert(0, desc)
    svg.insert(0, title)
    # The namespace registry is global and the Atom feeds bind "" to their own namespace: bind it
    # to SVG's just before writing (as feeds.atom does for Atom).
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    body = ET.tostring(svg, encoding="unicode", short_empty_elements=True)
    body = body.replace("\n", " ")
    caption = f"<figcaption>{_esc(drawn.title)}. {_esc(drawn.caption)}</figcaption>"
    return f'<figure class="sesguide-figure" data-figure="{name}" data-source="{source}">{body}{caption}</figure>'


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- checks on the built pages -----------------------------------------------------------------

_FIGURE_RE = re.compile(
    r'<figure class="sesguide-figure" data-figure="([a-z0-9-]+)" data-source="([^"]+)">(.*?)</figure>', re.S
)
_TEXT_RE = re.compile(r"<(text|title|desc|figcaption|tspan)\b([^>]*)>([^<]*)<")


def figure_texts(html: str) -> dict[str, tuple[str, list[tuple[str, str | None]]]]:
    """name -> (data source, [(text, lang attribute or None), ...]) for every figure in a page."""
    import html as htmllib

    out = {}
    for m in _FIGURE_RE.finditer(html):
        texts = []
        for tm in _TEXT_RE.finditer(m.group(3)):
            lang = re.search(r'\blang="([a-z]+)"', tm.group(2))
            text = htmllib.unescape(tm.group(3)).strip()
            if text:
                texts.append((text, lang.group(1) if lang else None))
        out[m.group(1)] = (m.group(2), texts)
    return out


_WORD_RE = re.compile(r"[^\W\d_]{4,}")


def check_pair(page: str, en_html: str, sv_html: str) -> list[Problem]:
    """The English and the Swedish figure of a page show the same numbers, and the Swedish one
    has no text left in English (text marked lang="en" excepted, like a name quoted in English)."""
    from . import numbers

    out = []
    en, sv = figure_texts(en_html), figure_texts(sv_html)
    for name in sorted(set(en) | set(sv)):
        if name not in en or name not in sv:
            where = "English" if name not in en else "Swedish"
            out.append(
                Problem(
                    f"docs/{'en' if name not in en else 'sv'}/{page}",
                    None,
                    f"figure '{name}' is missing on the {where} page",
                    "Use the same <!-- data:figure-... --> markers in both languages.",
                )
            )
            continue
        source, en_texts = en[name]
        _, sv_texts = sv[name]
        tok_en = sorted(tok for text, _ in en_texts for tok, _ in numbers.extract(text, "en"))
        tok_sv = sorted(tok for text, _ in sv_texts for tok, _ in numbers.extract(text, "sv"))
        if tok_en != tok_sv:
            a, b = set(tok_en), set(tok_sv)
            diff = ", ".join(sorted(a - b)[:5]) or "-"
            extra = ", ".join(sorted(b - a)[:5]) or "-"
            out.append(
                Problem(
                    source,
                    None,
                    f"figure '{name}' on {page}: the English and Swedish figures show different "
                    f"numbers (only in English: {diff}; only in Swedish: {extra})",
                    "Format every number with Babel in sesguide/figures.py, and check that the labels in "
                    "data/ui.yml carry the same numbers in both languages.",
                )
            )
        # a label left untranslated: the same text in both figures, with words (not only numbers,
        # names in capitals or acronyms), and not marked as English
        en_set = {text for text, _ in en_texts}
        left = sorted(
            {
                text
                for text, lang in sv_texts
                if lang != "en"
                and text in en_set
                and any(not w.isupper() and w[1:].islower() for w in _WORD_RE.findall(text))
            }
        )
        if left:
            out.append(
                Problem(
                    source,
                    None,
                    f"figure '{name}' on {page}: the Swedish figure has English text: "
                    + "; ".join(f"'{x}'" for x in left[:5]),
                    "Give the label a Swedish text in data/ui.yml (or the data file), or mark a quoted "
                    'English name with lang="en".',
                )
            )
    return out


def check_site(site, docs) -> list[Problem]:
    """check_pair for every page of the built site that has a figure (run after both languages
    are built and merged: English at site/, Swedish at site/sv/)."""
    from pathlib import Path

    out = []
    for md in sorted(Path(docs, "en").rglob("*.md")):
        path = md.relative_to(Path(docs, "en")).as_posix()
        en, sv = (Path(site, lang_page_url(path, lang), "index.html") for lang in ("en", "sv"))
        if not (en.exists() and sv.exists()):
            continue
        en_html, sv_html = en.read_text(encoding="utf-8"), sv.read_text(encoding="utf-8")
        if 'class="sesguide-figure"' in en_html or 'class="sesguide-figure"' in sv_html:
            out += check_pair(path, en_html, sv_html)
    return out
