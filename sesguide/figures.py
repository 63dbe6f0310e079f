"""Figures drawn from the project's data at build time: inline SVG with real text, in the page's language.

A page asks for a figure with a data marker (``<!-- data:figure-pay -->``), like a table. This
module is the figures' public surface: :func:`render` turns a marker into a ``<figure>`` (drawn by
``sesguide.charts``, made CSP-safe by ``sesguide.svgclean``) with its accessible name, description
and caption, and the checks below compare the figures of the two languages on the built pages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import locales, numbers
from .charts import FIGURES, number
from .problems import Problem
from .svgclean import ROLES, SVG_NS, XLINK_NS, C, FigureError, clean
from .urls import SOURCE_LANGUAGE, TRANSLATED_LANGUAGE, lang_page_url

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

# The check runs one way: the source language's figure is the reference, and the translated
# figure must show its numbers and none of its words (urls.py names the two languages).
SOURCE, TRANSLATED = SOURCE_LANGUAGE, TRANSLATED_LANGUAGE
Texts = list[tuple[str, str | None]]  # (text, lang attribute or None), as figure_texts gives them


def check_pair(page: str, source_html: str, translated_html: str) -> list[Problem]:
    """The source-language and the translated figure of a page show the same numbers, and the
    translated one has no text left in the source language (text marked with the source
    language's lang attribute excepted, like a name quoted in English)."""
    out = []
    figs = {SOURCE: figure_texts(source_html), TRANSLATED: figure_texts(translated_html)}
    for name in sorted(set(figs[SOURCE]) | set(figs[TRANSLATED])):
        missing = [lang for lang in (SOURCE, TRANSLATED) if name not in figs[lang]]
        if missing:
            out.append(_missing(page, name, missing[0]))
            continue
        source, src_texts = figs[SOURCE][name]
        _, tr_texts = figs[TRANSLATED][name]
        out += _numbers_differ(page, name, source, src_texts, tr_texts)
        out += _untranslated(page, name, source, src_texts, tr_texts)
    return out


def _name(lang: str) -> str:
    return locales.writing(lang).name


def _missing(page: str, name: str, lang: str) -> Problem:
    return Problem(
        f"docs/{lang}/{page}",
        None,
        f"figure '{name}' is missing on the {_name(lang)} page",
        "Use the same <!-- data:figure-... --> markers in both languages.",
    )


def _numbers_differ(page: str, name: str, source: str, src_texts: Texts, tr_texts: Texts) -> list[Problem]:
    """The numbers of the two figures, each read the way its language writes them, must be the same."""
    tok_src = sorted(tok for text, _ in src_texts for tok, _ in numbers.extract(text, SOURCE))
    tok_tr = sorted(tok for text, _ in tr_texts for tok, _ in numbers.extract(text, TRANSLATED))
    if tok_src == tok_tr:
        return []
    a, b = set(tok_src), set(tok_tr)
    only_src = ", ".join(sorted(a - b)[:5]) or "-"
    only_tr = ", ".join(sorted(b - a)[:5]) or "-"
    return [
        Problem(
            source,
            None,
            f"figure '{name}' on {page}: the {_name(SOURCE)} and {_name(TRANSLATED)} figures show different "
            f"numbers (only in {_name(SOURCE)}: {only_src}; only in {_name(TRANSLATED)}: {only_tr})",
            "Format every number with chartstyle.number (Babel) where the figure is drawn (sesguide/chart*.py), "
            "and check that the labels in data/ui.yml carry the same numbers in both languages.",
        )
    ]


def _untranslated(page: str, name: str, source: str, src_texts: Texts, tr_texts: Texts) -> list[Problem]:
    """A label left untranslated: the same text in both figures, with words (not only numbers,
    names in capitals or acronyms, which stay as they are), and not marked as the source language."""
    src_set = {text for text, _ in src_texts}
    left = sorted(
        {
            text
            for text, lang in tr_texts
            if lang != SOURCE
            and text in src_set
            and any(not w.isupper() and w[1:].islower() for w in _WORD_RE.findall(text))
        }
    )
    if not left:
        return []
    return [
        Problem(
            source,
            None,
            f"figure '{name}' on {page}: the {_name(TRANSLATED)} figure has {_name(SOURCE)} text: "
            + "; ".join(f"'{x}'" for x in left[:5]),
            f"Give the label a {_name(TRANSLATED)} text in data/ui.yml (or the data file), or mark a quoted "
            f'{_name(SOURCE)} name with lang="{SOURCE}".',
        )
    ]


def check_site(site, docs) -> list[Problem]:
    """check_pair for every page of the built site that has a figure (run after both languages
    are built and merged into one site)."""
    from pathlib import Path

    out = []
    for md in sorted(Path(docs, SOURCE).rglob("*.md")):
        path = md.relative_to(Path(docs, SOURCE)).as_posix()
        src, tr = (Path(site, lang_page_url(path, lang), "index.html") for lang in (SOURCE, TRANSLATED))
        if not (src.exists() and tr.exists()):
            continue
        src_html, tr_html = src.read_text(encoding="utf-8"), tr.read_text(encoding="utf-8")
        if 'class="sesguide-figure"' in src_html or 'class="sesguide-figure"' in tr_html:
            out += check_pair(path, src_html, tr_html)
    return out
