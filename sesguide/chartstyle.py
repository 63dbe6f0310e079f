"""What every figure shares: matplotlib's settings, the canvas, the SVG it writes, number format.

matplotlib lays a figure out (axes, ticks, text placement) and writes SVG with ``svg.fonttype:
none`` (text stays text: selectable, searchable, read by the spell check) and a fixed
``svg.hashsalt`` with no date in the metadata (the same input gives the same bytes). Numbers and
dates are formatted by Babel for the locale; labels come from data/ui.yml. Colours are the
placeholders of ``svgclean.ROLES``.
"""

from __future__ import annotations

import io
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal

from .locales import LOCALES
from .svgclean import C, clean, drop_empty

# Drawn for a phone's column: 300 units across, shown between about 290 px (a 320 px screen) and
# 400 px (sesguide.css caps the width), so a text of SMALL units is 12.5 to 17 px on screen.
WIDTH = 300  # SVG user units (pt) across; text sizes below are in the same units
FONT = 14  # names, legends, headings
SMALL = 13  # values, ticks, secondary text: the smallest text in any figure
RC: Any = {  # matplotlib's rc_context is typed with a Literal key per setting
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.size": FONT,
    "font.family": "DejaVu Sans",  # only for layout: the page's font draws the text
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


@dataclass
class Drawn:
    svg: ET.Element
    title: str  # the accessible name, and the start of the visible caption
    desc: str  # the accessible description (what the figure shows, the key values)
    caption: str  # the rest of the visible caption (where the data is as text)


def svg_of(fig, name: str) -> ET.Element:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"sesguide-{name}"}):
        fig.savefig(buf, format="svg", metadata=METADATA, transparent=True)
    root = clean(buf.getvalue(), f"fig-{name}")
    drop_empty(root)
    return root


def new_figure(height: float):
    import matplotlib

    matplotlib.use("svg", force=False)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH / 72, height / 72), dpi=72)
    fig.patch.set_visible(False)
    return fig


def diagram(height: float):
    """A figure whose one axes is the whole canvas in SVG units, y downwards, with no frame: for the
    box-and-arrow diagrams (process, ECQs)."""
    fig = new_figure(height)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(height, 0)
    ax.axis("off")
    return fig, ax


def rc():
    import matplotlib

    return matplotlib.rc_context(RC)


def number(value, lang: str) -> str:
    return format_decimal(value, locale=LOCALES[lang], format="#,##0")


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)) or text


def wrap_to(text: str, units: float, size: float = SMALL, bold: bool = False) -> str:
    """text wrapped to lines of at most about `units` wide at font size `size`: measured with an
    average letter width of DejaVu Sans, one of the widest sans-serif faces a reader's page
    falls back to, so a narrower face only leaves more room."""
    return wrap(text, max(8, int(units / (size * (0.64 if bold else 0.58)))))


def plain(text: str) -> str:
    """text for matplotlib that is never read as mathtext (two dollar signs in a label would be)."""
    return text.replace("$", r"\$")


def fill(template: str, values: dict[str, str]) -> str:
    """A label from data/ui.yml with its {placeholders} filled in."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def arrow(ax, start, end, colour: str, **style) -> None:
    """A straight arrow from start to end (SVG units of the axes), with a filled head."""
    props = {"arrowstyle": "-|>", "color": colour, "shrinkA": 0, "shrinkB": 0, **style}
    ax.annotate("", xy=end, xytext=start, arrowprops=props)
