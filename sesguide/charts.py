"""The five figures, each drawn by matplotlib from (data, language) into a cleaned SVG element.

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

from .svgclean import C, clean, drop_empty
from .urls import LOCALES

WIDTH = 400  # SVG user units (pt) across; text sizes below are in the same units
FONT = 13
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


def _svg_of(fig, name: str) -> ET.Element:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"sesguide-{name}"}):
        fig.savefig(buf, format="svg", metadata=METADATA, transparent=True)
    root = clean(buf.getvalue(), f"fig-{name}")
    drop_empty(root)
    return root


def _new_figure(height: float):
    import matplotlib

    matplotlib.use("svg", force=False)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH / 72, height / 72), dpi=72)
    fig.patch.set_visible(False)
    return fig


def _diagram(height: float):
    """A figure whose one axes is the whole canvas in SVG units, y downwards, with no frame: for the
    box-and-arrow diagrams (process, ECQs)."""
    fig = _new_figure(height)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(height, 0)
    ax.axis("off")
    return fig, ax


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
        fig = _new_figure(350)
        ax = fig.add_axes((0.22, 0.08, 0.56, 0.67))
        frozen = [r["year"] for r in rows if r["frozen"]]
        runs: list[list[int]] = []
        for y in frozen:
            if runs and runs[-1][1] == y - 1:
                runs[-1][1] = y
            else:
                runs.append([y, y])
        for a, b in runs:
            ax.axvspan(a - 0.5, b + 0.5, facecolor=C["band"], edgecolor=C["grid"], hatch="///", linewidth=0)
            label = t("fig_pay_freeze").replace("{years}", f"{a}–{b}" if a != b else str(a))
            ax.text(
                a - 0.5,
                1.01,
                label,
                transform=ax.get_xaxis_transform(),
                ha="left",
                va="bottom",
                fontsize=FONT - 2,
                color=C["fg"],
            )
        handles = []
        for col, key, role, ls, marker in series:
            (line,) = ax.plot(
                years,
                [r[col] for r in rows],
                color=C[role],
                linestyle=ls,
                linewidth=2,
                marker=marker,
                markersize=4.5,
                label=t(key),
            )
            handles.append(line)
            last = rows[-1]
            ax.annotate(
                money(last[col]),
                (last["year"], last[col]),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                fontsize=FONT - 1,
                color=C["fg"],
            )
            first = rows[0]
            ax.annotate(
                money(first[col]),
                (first["year"], first[col]),
                xytext=(-2, 6),
                textcoords="offset points",
                va="bottom",
                ha="left",
                fontsize=FONT - 2,
                color=C["fg"],
            )
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
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.02, 0.995),
            ncols=1,
            fontsize=FONT - 1,
            handlelength=2.6,
            borderaxespad=0,
            labelcolor=C["fg"],
        )
        svg = _svg_of(fig, "pay")
    title = t("fig_pay_title").replace("{first}", str(years[0])).replace("{last}", str(years[-1]))
    last = rows[-1]
    desc = (
        t("fig_pay_desc")
        .replace("{first}", str(years[0]))
        .replace("{last}", str(last["year"]))
        .replace("{min}", money(last["minimum"]))
        .replace("{max}", money(last["maximum_certified"]))
        .replace("{max3}", money(last["maximum_uncertified"]))
    )
    return Drawn(svg, title, desc, t("fig_pay_caption"))


# -- 5. SES size -------------------------------------------------------------------------------


def draw_ses_size(ctx: dict, lang: str, t, money) -> Drawn:
    rows = ctx["ses_size"]
    xs = [r["position"] for r in rows]
    ys = [r["members"] for r in rows]
    with _rc():
        fig = _new_figure(290)
        ax = fig.add_axes((0.17, 0.1, 0.76, 0.72))
        # a thin line only to lead the eye; the counts come from different sources
        ax.plot(xs, ys, color=C["muted"], linewidth=0.8, linestyle=(0, (2, 2)))
        exact = [r for r in rows if not r["approx"]]
        rough = [r for r in rows if r["approx"]]
        h1 = ax.scatter(
            [r["position"] for r in exact],
            [r["members"] for r in exact],
            s=36,
            marker="o",
            facecolor=C["s1"],
            edgecolor=C["s1"],
            linewidth=1.5,
            zorder=3,
            label=t("fig_size_exact"),
        )
        h2 = ax.scatter(
            [r["position"] for r in rough],
            [r["members"] for r in rough],
            s=40,
            marker="D",
            facecolor=C["box"],
            edgecolor=C["s1"],
            linewidth=1.5,
            zorder=3,
            label=t("fig_size_approx"),
        )
        for i, r in enumerate(rows):
            # Points closer than two years to a neighbour: the first label of such a run goes to the
            # left, the last to the right, those between above or below (the side away from the
            # neighbours); a lone point is labelled above.
            prev = rows[i - 1] if i and r["position"] - rows[i - 1]["position"] < 2 else None
            nxt = rows[i + 1] if i + 1 < len(rows) and rows[i + 1]["position"] - r["position"] < 2 else None
            if prev and nxt:
                up = r["members"] >= (prev["members"] + nxt["members"]) / 2
                place = ((0, 8), "center", "bottom") if up else ((0, -9), "center", "top")
            elif nxt:
                place = ((-7, 0), "right", "center")
            elif prev:
                place = ((7, 0), "left", "center")
            else:
                place = ((0, 8), "center", "bottom")
            ax.annotate(
                number(r["members"], lang),
                (r["position"], r["members"]),
                xytext=place[0],
                textcoords="offset points",
                ha=place[1],
                va=place[2],
                fontsize=FONT - 2,
                color=C["fg"],
            )
        step = 1000
        lo, hi = min(ys), max(ys)
        ticks = list(range((lo // step) * step, hi + step, step))
        ax.set_yticks(ticks, [number(v, lang) for v in ticks])
        ax.set_ylim(ticks[0] - step * 0.3, ticks[-1] + step * 0.3)
        first, last = int(min(xs)), int(max(xs))
        xt = list(range(first - first % 5 + 5, last + 1, 5))
        ax.set_xticks(xt, [str(y) for y in xt])
        ax.set_xlim(first - 0.8, last + 2.6)
        ax.grid(axis="y", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=FONT - 1)
        ax.set_ylabel(t("fig_size_axis"), fontsize=FONT - 1)
        fig.legend(
            handles=[h1, h2],
            loc="upper left",
            bbox_to_anchor=(0.02, 0.995),
            fontsize=FONT - 1,
            borderaxespad=0,
            labelcolor=C["fg"],
            handletextpad=0.4,
        )
        svg = _svg_of(fig, "ses-size")
    a, b = rows[0], rows[-1]
    fill = {
        "{first}": str(int(a["position"])),
        "{last}": str(int(b["position"])),
        "{first_n}": number(a["members"], lang),
        "{last_n}": number(b["members"], lang),
    }
    title, desc = t("fig_size_title"), t("fig_size_desc")
    for k, v in fill.items():
        title, desc = title.replace(k, v), desc.replace(k, v)
    return Drawn(svg, title, desc, t("fig_size_caption"))


# -- 2. the process ------------------------------------------------------------------------------

ACTOR_STYLE = {  # outline style per actor: the actor is also written in each box
    "agency": ("-", 1.2),
    "applicant": ((0, (4, 2)), 1.2),
    "opm": ("-", 2.6),
    "appointee": ((0, (1, 1.5)), 1.4),
}


def draw_process(ctx: dict, lang: str, t, money) -> Drawn:
    from matplotlib.patches import FancyBboxPatch

    steps = ctx["process"]["steps"]
    box_h, gap, top = 38, 14, 8
    height = top + len(steps) * (box_h + gap) - gap + 8
    with _rc():
        fig, ax = _diagram(height)
        x0, x1 = 40, WIDTH - 6
        for i, st in enumerate(steps):
            y = top + i * (box_h + gap)
            ls, lw = ACTOR_STYLE[st["actor"]]
            ax.add_patch(
                FancyBboxPatch(
                    (x0, y),
                    x1 - x0,
                    box_h,
                    boxstyle="round,pad=0,rounding_size=5",
                    facecolor=C["box"],
                    edgecolor=C["fg"],
                    linestyle=ls,
                    linewidth=lw,
                )
            )
            ax.add_patch(
                FancyBboxPatch(
                    (4, y + box_h / 2 - 12),
                    24,
                    24,
                    boxstyle="circle,pad=0",
                    facecolor=C["s1"],
                    edgecolor=C["s1"],
                    linewidth=1,
                )
            )
            ax.text(
                16,
                y + box_h / 2 + 0.5,
                number(i + 1, lang),
                ha="center",
                va="center",
                fontsize=FONT - 1,
                color=C["box"],
                fontweight="bold",
            )
            ax.text(
                x0 + 9,
                y + 15,
                st["name"][lang],
                ha="left",
                va="center",
                fontsize=FONT - 1,
                color=C["fg"],
                fontweight="bold",
            )
            ax.text(
                x0 + 9,
                y + 29,
                t(f"fig_actor_{st['actor']}"),
                ha="left",
                va="center",
                fontsize=FONT - 3,
                color=C["muted"],
            )
            if i + 1 < len(steps):
                ax.annotate(
                    "",
                    xy=(x0 + 24, y + box_h + gap),
                    xytext=(x0 + 24, y + box_h),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": C["fg"],
                        "linewidth": 1.2,
                        "shrinkA": 0,
                        "shrinkB": 0,
                        "mutation_scale": 10,
                    },
                )
        svg = _svg_of(fig, "process")
    names = "; ".join(
        f"{number(i + 1, lang)}. {st['name'][lang]} ({t('fig_actor_' + st['actor'])})" for i, st in enumerate(steps)
    )
    return Drawn(svg, t("fig_process_title"), t("fig_process_desc").replace("{steps}", names), t("fig_process_caption"))


# -- 3. the timeline -----------------------------------------------------------------------------


def draw_timeline(ctx: dict, lang: str, t, money) -> Drawn:
    tl = ctx["process"]["timeline"]
    spans = tl["spans"]
    # where each span starts and ends on the axis; a span without days gets a short open arrow
    placed: list[tuple[dict, float, float]] = []
    pos: float = 0
    known_end = max((sp["start"] if sp["start"] is not None else 0) + (sp["days"] or 0) for sp in spans)
    open_len = max(12, known_end * 0.22)
    for sp in spans:
        start = sp["start"] if sp["start"] is not None else pos
        end = start + (sp["days"] if sp["days"] else open_len)
        placed.append((sp, start, end))
        pos = end
    lo, hi = placed[0][1], placed[-1][2]
    row_h = 58
    height = 26 + len(spans) * row_h + 40
    with _rc():
        fig = _new_figure(height)
        ax = fig.add_axes((0.03, 40 / height, 0.94, 1 - 66 / height))
        ax.set_xlim(lo - 2, hi + 2)
        ax.set_ylim(len(spans) * row_h, 0)
        for i, (sp, start, end) in enumerate(placed):
            y = i * row_h
            label = _wrap(sp["label"][lang], 52)
            ax.text(lo, y + 4, label, ha="left", va="top", fontsize=FONT - 2, color=C["fg"], linespacing=1.15)
            bar_y = y + 4 + 15 * (label.count("\n") + 1) + 4
            if sp["days"]:
                # a maximum is a solid bar; a minimum is a hatched bar (it can last longer)
                hatch = None if sp["bound"] == "at-most" else "///"
                ax.add_patch(
                    _rect(start, bar_y, end - start, 12, C["s1"] if hatch is None else C["box"], C["s1"], hatch)
                )
            else:  # no known duration: a dashed open arrow
                ax.annotate(
                    "",
                    xy=(end, bar_y + 6),
                    xytext=(start, bar_y + 6),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": C["fg"],
                        "linestyle": (0, (4, 3)),
                        "linewidth": 1.4,
                        "shrinkA": 0,
                        "shrinkB": 0,
                    },
                )
            if sp["target"]:
                ax.plot([end, end], [bar_y - 4, bar_y + 16], color=C["s2"], linewidth=2.5, linestyle=(0, (5, 2)))
                ax.text(
                    end + (hi - lo) * 0.015,
                    bar_y + 6,
                    t("fig_timeline_target").replace("{days}", number(sp["days"], lang)),
                    ha="left",
                    va="center",
                    fontsize=FONT - 2,
                    color=C["fg"],
                    bbox={"boxstyle": "round,pad=0.25", "facecolor": C["box"], "edgecolor": C["s2"]},
                )
        ticks = sorted({0, *(s for _, s, _ in placed if s <= known_end), *(e for sp, _, e in placed if sp["days"])})
        ax.set_xticks(ticks, [number(v, lang) for v in ticks])
        ax.set_yticks([])
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(labelsize=FONT - 1)
        ax.set_xlabel(t("fig_timeline_axis"), fontsize=FONT - 2)
        svg = _svg_of(fig, "timeline")
    from .render import long_date

    since = long_date(tl["from"], lang)
    desc = " ".join(sp["label"][lang] + "." for sp in spans)
    return Drawn(
        svg,
        t("fig_timeline_title").replace("{date}", since),
        t("fig_timeline_desc").replace("{spans}", desc),
        t("fig_timeline_caption"),
    )


def _rect(x, y, w, h, face, edge, hatch):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=face, edgecolor=edge, hatch=hatch, linewidth=1.2)


# -- 4. the ECQs of 2006 and 2025 -------------------------------------------------------------------


def draw_ecqs(ctx: dict, lang: str, t, money) -> Drawn:
    reg = ctx["registry"]
    old = sorted((q for q in reg if q["framework"] == "ecq-2006"), key=lambda q: q["order"])
    new = sorted((q for q in reg if q["framework"] == "ecq-2025"), key=lambda q: q["order"])
    col_w = 150
    xl, xr = 4, WIDTH - 4 - col_w
    wrap = 23
    line_h, gap, top = 15, 10, 46

    def box_h(q):
        return 12 + line_h * len(_wrap(q["name"][lang], wrap).split("\n"))

    height = top + max(sum(box_h(q) + gap for q in col) for col in (old, new)) + 2
    with _rc():
        fig, ax = _diagram(height)
        for x, key in ((xl, "fig_ecqs_old"), (xr, "fig_ecqs_new")):
            ax.text(
                x,
                8,
                _wrap(t(key), 22),
                ha="left",
                va="top",
                fontsize=FONT - 1,
                color=C["fg"],
                fontweight="bold",
                linespacing=1.1,
            )
        centre = {}
        from matplotlib.patches import FancyBboxPatch

        for items, x in ((old, xl), (new, xr)):
            y = top
            for q in items:
                h = box_h(q)
                ax.add_patch(
                    FancyBboxPatch(
                        (x, y),
                        col_w,
                        h,
                        boxstyle="round,pad=0,rounding_size=4",
                        facecolor=C["box"],
                        edgecolor=C["fg"],
                        linewidth=1.2,
                    )
                )
                ax.text(
                    x + 6,
                    y + h / 2,
                    _wrap(q["name"][lang], wrap),
                    ha="left",
                    va="center",
                    fontsize=FONT - 2,
                    color=C["fg"],
                    linespacing=1.15,
                )
                centre[q["id"]] = (x, y + h / 2)
                y += h + gap
        for q in old:
            for sid in q["successor"]:
                (ax0, ay), (bx0, by) = centre[q["id"]], centre[sid]
                ax.annotate(
                    "",
                    xy=(bx0 - 1, by),
                    xytext=(ax0 + col_w + 1, ay),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "color": C["s1"],
                        "linestyle": (0, (5, 3)),
                        "linewidth": 1.6,
                        "shrinkA": 0,
                        "shrinkB": 0,
                        "connectionstyle": "arc3,rad=0",
                    },
                )
        svg = _svg_of(fig, "ecqs")
    pairs = "; ".join(f"{q['name'][lang]} → {ctx['by_id'][sid]['name'][lang]}" for q in old for sid in q["successor"])
    return Drawn(svg, t("fig_ecqs_title"), t("fig_ecqs_desc").replace("{pairs}", pairs), t("fig_ecqs_caption"))


FIGURES = {
    "figure-pay": (draw_pay, "data/pay.yml"),
    "figure-ses-size": (draw_ses_size, "data/ses-size.yml"),
    "figure-process": (draw_process, "data/process.yml"),
    "figure-timeline": (draw_timeline, "data/process.yml"),
    "figure-ecqs": (draw_ecqs, "data/qualifications.yml"),
}
