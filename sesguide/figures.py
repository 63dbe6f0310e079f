"""Figures drawn from the project's data at build time: inline SVG with real text, in the page's language.

A page asks for a figure with a data marker (``<!-- data:figure-pay -->``), like a table. Each
figure is a function of (data, language): matplotlib lays it out (axes, ticks, text placement) and
writes SVG with ``svg.fonttype: none`` (text stays text: selectable, searchable, read by the spell
check) and a fixed ``svg.hashsalt`` with no date in the metadata (the same input gives the same
bytes). Numbers and dates are formatted by Babel for the locale, labels come from data/ui.yml.

matplotlib writes inline ``style`` attributes and a ``<style>`` element, which the production
Content-Security-Policy (``style-src 'self'``) would block on an inline SVG, and fixed colours,
which would not follow the reader's light or dark scheme. So every figure is drawn with
placeholder colours (``ROLES``) and :func:`clean` rewrites the SVG: each placeholder becomes a
class (``f-s1`` = fill of series 1, ``s-fg`` = stroke in the text colour, ...) that
``sesguide.css`` colours for each scheme; the other style properties become presentation
attributes; ids get the figure's prefix (several figures can share a page). Any colour that is
not a placeholder is an error, so nothing leaks into the page with a fixed colour.
"""

from __future__ import annotations

import io
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from babel.numbers import format_decimal

from .problems import Problem

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

LOCALES = {"en": "en_US", "sv": "sv_SE"}

# Placeholder colour -> role. sesguide.css sets the colour of each role for the light and the dark
# scheme (and for print).
ROLES = {
    "#010101": "fg",       # text, axes, box outlines
    "#020202": "muted",    # secondary text, tick marks
    "#030303": "grid",     # grid lines (decorative)
    "#040404": "band",     # background band (freeze years)
    "#050505": "box",      # box fill in diagrams
    "#060606": "s1",       # series 1
    "#070707": "s2",       # series 2
    "#080808": "s3",       # series 3
}
C = {role: colour for colour, role in ROLES.items()}

WIDTH = 400          # SVG user units (pt) across; text sizes below are in the same units
FONT = 12
RC = {
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.size": FONT,
    "font.family": "DejaVu Sans",      # only for layout: the page's font draws the text
    "axes.edgecolor": C["muted"],
    "axes.labelcolor": C["fg"],
    "axes.linewidth": 1.0,
    "xtick.color": C["muted"],
    "ytick.color": C["muted"],
    "xtick.labelcolor": C["fg"],
    "ytick.labelcolor": C["fg"],
    "text.color": C["fg"],
    "grid.color": C["grid"],
    "hatch.color": C["muted"],
    "hatch.linewidth": 0.6,
    "legend.frameon": False,
    "path.simplify": False,
}
METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}

# style property -> presentation attribute kept as is
_ATTRS = {"stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset",
          "stroke-miterlimit", "opacity", "fill-opacity", "stroke-opacity", "font-size", "font-weight",
          "font-style", "text-anchor", "fill-rule", "clip-rule"}
_DROP = {"font-family", "font-stretch", "font-variant", "font"}


class FigureError(ValueError):
    pass


def clean(svg: str, prefix: str) -> ET.Element:
    """matplotlib's SVG document -> an <svg> element fit for inline use under a strict CSP."""
    root = ET.fromstring(svg)
    parent = {c: p for p in root.iter() for c in p}
    for el in list(root.iter()):
        tag = el.tag.split("}")[-1]
        if tag in ("metadata", "style", "clipPath") and el in parent:
            parent[el].remove(el)
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        el.attrib.pop("clip-path", None)
        if tag == "g" and "id" in el.attrib:
            del el.attrib["id"]           # matplotlib's figure_1, axes_1, ...: not needed
        style = el.attrib.pop("style", None)
        classes = []
        if style:
            for decl in style.split(";"):
                if ":" not in decl:
                    continue
                key, value = (s.strip() for s in decl.split(":", 1))
                if key in ("fill", "stroke"):
                    if value == "none" or value.startswith("url(#"):
                        el.set(key, value)
                    elif value.lower() in ROLES:
                        classes.append(f"{key[0]}-{ROLES[value.lower()]}")
                    else:
                        raise FigureError(f"{prefix}: colour {value} is not one of the figure colours (figures.ROLES)")
                elif key in _ATTRS:
                    el.set(key, value.replace("px", "") if key == "font-size" else value)
                elif key not in _DROP:
                    raise FigureError(f"{prefix}: unexpected style property {key}")
        for key in ("fill", "stroke"):   # colours given as attributes (hatch patterns)
            value = el.attrib.get(key, "")
            if value.lower() in ROLES:
                del el.attrib[key]
                classes.append(f"{key[0]}-{ROLES[value.lower()]}")
        if classes:
            el.set("class", " ".join(classes))
        if tag == "text":
            tr = el.attrib.get("transform", "")
            if re.fullmatch(r"rotate\(-?0 [-\d.]+ [-\d.]+\)", tr):
                del el.attrib["transform"]
        if tag == "path" and "d" in el.attrib:
            el.set("d", " ".join(el.attrib["d"].split()))
        el.text = None if (el.text is not None and not el.text.strip() and tag != "text") else el.text
        el.tail = None
    # ids: prefixed, and references updated
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for el in root.iter():
        if el.get("id"):
            el.set("id", f"{prefix}-{el.get('id')}")
        for attr in (f"{{{XLINK_NS}}}href", "href"):
            ref = el.get(attr)
            if ref and ref.startswith("#") and ref[1:] in ids:
                el.set(attr, f"#{prefix}-{ref[1:]}")
        for attr in ("fill", "stroke"):
            ref = el.get(attr, "")
            m = re.fullmatch(r"url\(#(.+)\)", ref)
            if m and m.group(1) in ids:
                el.set(attr, f"url(#{prefix}-{m.group(1)})")
    for attr in ("width", "height", "version"):
        root.attrib.pop(attr, None)
    return root


def _drop_empty(root: ET.Element) -> None:
    """Unwrap the attribute-less groups matplotlib nests everything in; drop empty ones."""
    changed = True
    while changed:
        changed = False
        for p in root.iter():
            for i, c in enumerate(list(p)):
                if c.tag.split("}")[-1] == "g" and not c.attrib:
                    idx = list(p).index(c)
                    p.remove(c)
                    for j, child in enumerate(list(c)):
                        p.insert(idx + j, child)
                    changed = True
                    break
                if c.tag.split("}")[-1] == "defs" and len(c) == 0:
                    p.remove(c)
                    changed = True
                    break
            if changed:
                break


@dataclass
class Drawn:
    svg: ET.Element
    title: str       # the accessible name, and the start of the visible caption
    desc: str        # the accessible description (what the figure shows, the key values)
    caption: str     # the rest of the visible caption (where the data is as text)


def _svg_of(fig, name: str) -> ET.Element:
    import matplotlib
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"sesguide-{name}"}):
        fig.savefig(buf, format="svg", metadata=METADATA, transparent=True)
    root = clean(buf.getvalue(), f"fig-{name}")
    _drop_empty(root)
    return root


def _new_figure(height: float):
    import matplotlib
    matplotlib.use("svg", force=False)
    from matplotlib.figure import Figure
    fig = Figure(figsize=(WIDTH / 72, height / 72), dpi=72)
    fig.patch.set_visible(False)
    return fig


def _rc():
    import matplotlib
    return matplotlib.rc_context(RC)


def number(value, lang: str) -> str:
    return format_decimal(value, locale=LOCALES[lang], format="#,##0")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


# -- 1. pay ------------------------------------------------------------------------------------

def draw_pay(ctx: dict, lang: str, t, money) -> Drawn:
    rows = ctx["pay"]
    years = [r["year"] for r in rows]
    series = [  # (column, label key, colour role, line style, marker)
        ("maximum_certified", "pay_max_certified", "s1", "-", "o"),
        ("maximum_uncertified", "pay_max_uncertified", "s2", (0, (5, 2.5)), "s"),
        ("minimum", "pay_minimum", "s3", (0, (1.5, 1.5)), "^"),
    ]
    with _rc():
        fig = _new_figure(330)
        ax = fig.add_axes((0.2, 0.09, 0.6, 0.69))
        frozen = [r["year"] for r in rows if r["frozen"]]
        runs = []
        for y in frozen:
            if runs and runs[-1][1] == y - 1:
                runs[-1][1] = y
            else:
                runs.append([y, y])
        for a, b in runs:
            ax.axvspan(a - 0.5, b + 0.5, facecolor=C["band"], edgecolor=C["muted"], hatch="///", linewidth=0)
            label = t("fig_pay_freeze").replace("{years}", f"{a}–{b}" if a != b else str(a))
            ax.text((a + b) / 2, 0.97, label, transform=ax.get_xaxis_transform(), ha="center", va="top",
                    fontsize=FONT - 1, color=C["fg"],
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": C["box"], "edgecolor": "none"})
        handles = []
        for col, key, role, ls, marker in series:
            (line,) = ax.plot(years, [r[col] for r in rows], color=C[role], linestyle=ls, linewidth=2,
                              marker=marker, markersize=4.5, label=t(key))
            handles.append(line)
            last = rows[-1]
            ax.annotate(money(last[col]), (last["year"], last[col]), xytext=(8, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=FONT - 1, color=C["fg"])
            first = rows[0]
            ax.annotate(money(first[col]), (first["year"], first[col]), xytext=(0, 7), textcoords="offset points",
                        va="bottom", ha="left", fontsize=FONT - 1, color=C["fg"],
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": C["box"], "edgecolor": "none"})
        lo = min(r["minimum"] for r in rows)
        hi = max(r["maximum_certified"] for r in rows)
        step = 30_000
        ticks = list(range(-(-lo // step) * step, hi + step, step))
        ax.set_ylim(lo - step * 0.4, ticks[-1] + step * 0.45)
        ax.set_yticks(ticks, [money(v) for v in ticks])
        xt = [y for y in years if (y - years[0]) % 4 == 0]
        ax.set_xticks(xt, [str(y) for y in xt])
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        ax.grid(axis="y", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=FONT - 1)
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, 0.995), ncols=1, fontsize=FONT - 1,
                   handlelength=2.6, borderaxespad=0, labelcolor=C["fg"])
        svg = _svg_of(fig, "pay")
    title = t("fig_pay_title").replace("{first}", str(years[0])).replace("{last}", str(years[-1]))
    last = rows[-1]
    desc = (t("fig_pay_desc").replace("{first}", str(years[0])).replace("{last}", str(last["year"]))
            .replace("{min}", money(last["minimum"])).replace("{max}", money(last["maximum_certified"]))
            .replace("{max3}", money(last["maximum_uncertified"])))
    return Drawn(svg, title, desc, t("fig_pay_caption"))


FIGURES = {
    "figure-pay": (draw_pay, "data/pay.yml"),
}


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
    svg.set("class", f"sesguide-figure__svg sesguide-figure__svg--{name}")
    title = ET.Element(f"{{{SVG_NS}}}title", {"id": tid})
    title.text = drawn.title
    desc = ET.Element(f"{{{SVG_NS}}}desc", {"id": did})
    desc.text = drawn.desc
    svg.insert(0, desc)
    svg.insert(0, title)
    body = ET.tostring(svg, encoding="unicode", short_empty_elements=True)
    body = body.replace("\n", " ")
    caption = f'<figcaption>{_esc(drawn.title)}. {_esc(drawn.caption)}</figcaption>'
    return (f'<figure class="sesguide-figure" data-figure="{name}" data-source="{source}">'
            f"{body}{caption}</figure>")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- checks on the built pages -----------------------------------------------------------------

_FIGURE_RE = re.compile(r'<figure class="sesguide-figure" data-figure="([a-z0-9-]+)" data-source="([^"]+)">(.*?)</figure>', re.S)
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
            out.append(Problem(f"docs/{'en' if name not in en else 'sv'}/{page}", None,
                               f"figure '{name}' is missing on the {where} page",
                               "Use the same <!-- data:figure-... --> markers in both languages."))
            continue
        source, en_texts = en[name]
        _, sv_texts = sv[name]
        tok_en = sorted(tok for text, _ in en_texts for tok, _ in numbers.extract(text, "en"))
        tok_sv = sorted(tok for text, _ in sv_texts for tok, _ in numbers.extract(text, "sv"))
        if tok_en != tok_sv:
            a, b = set(tok_en), set(tok_sv)
            diff = ", ".join(sorted(a - b)[:5]) or "-"
            extra = ", ".join(sorted(b - a)[:5]) or "-"
            out.append(Problem(source, None, f"figure '{name}' on {page}: the English and Swedish figures show different "
                                             f"numbers (only in English: {diff}; only in Swedish: {extra})",
                               "Format every number with Babel in sesguide/figures.py, and check that the labels in "
                               "data/ui.yml carry the same numbers in both languages."))
        en_words = {w for text, lang in en_texts for w in _WORD_RE.findall(text) if not w.isupper()}
        left = sorted({w for text, lang in sv_texts if lang != "en" for w in _WORD_RE.findall(text)
                       if w in en_words and not w.isupper() and w[0].islower()})
        if left:
            out.append(Problem(source, None, f"figure '{name}' on {page}: the Swedish figure has English text "
                                             f"({', '.join(left[:5])})",
                               "Give the label a Swedish text in data/ui.yml (or the data file), or mark a quoted "
                               "English name with lang=\"en\"."))
    return out
