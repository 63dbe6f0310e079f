"""Figure 4: the ECQs of 2006 and of 2025 side by side, with a line only where the registry
(data/qualifications.yml) names a successor, as the guide's comparison page does."""

from __future__ import annotations

from .chartstyle import FONT, WIDTH, Drawn, arrow, diagram, rc, svg_of, wrap
from .svgclean import C

COL_W = 150
WRAP = 23
LINE_H, GAP, TOP = 15, 10, 46


def draw_ecqs(ctx: dict, lang: str, t, money) -> Drawn:
    reg = ctx["registry"]
    old = sorted((q for q in reg if q["framework"] == "ecq-2006"), key=lambda q: q["order"])
    new = sorted((q for q in reg if q["framework"] == "ecq-2025"), key=lambda q: q["order"])
    xl, xr = 4, WIDTH - 4 - COL_W
    height = TOP + max(sum(_box_h(q, lang) + GAP for q in col) for col in (old, new)) + 2
    with rc():
        fig, ax = diagram(height)
        for x, key in ((xl, "fig_ecqs_old"), (xr, "fig_ecqs_new")):
            ax.text(
                x,
                8,
                wrap(t(key), 22),
                ha="left",
                va="top",
                fontsize=FONT - 1,
                color=C["fg"],
                fontweight="bold",
                linespacing=1.1,
            )
        centre = {**_column(ax, old, xl, lang), **_column(ax, new, xr, lang)}
        for q in old:
            for sid in q["successor"]:
                (ax0, ay), (bx0, by) = centre[q["id"]], centre[sid]
                style = {"linestyle": (0, (5, 3)), "linewidth": 1.6, "connectionstyle": "arc3,rad=0"}
                arrow(ax, (ax0 + COL_W + 1, ay), (bx0 - 1, by), C["s1"], **style)
        svg = svg_of(fig, "ecqs")
    pairs = "; ".join(f"{q['name'][lang]} → {ctx['by_id'][sid]['name'][lang]}" for q in old for sid in q["successor"])
    return Drawn(svg, t("fig_ecqs_title"), t("fig_ecqs_desc").replace("{pairs}", pairs), t("fig_ecqs_caption"))


def _box_h(q, lang) -> float:
    return 12 + LINE_H * len(wrap(q["name"][lang], WRAP).split("\n"))


def _column(ax, items, x, lang) -> dict[str, tuple[float, float]]:
    """One set of ECQs as a column of boxes; id -> (left edge, vertical centre) of each box."""
    from matplotlib.patches import FancyBboxPatch

    centre = {}
    y: float = TOP
    for q in items:
        h = _box_h(q, lang)
        ax.add_patch(
            FancyBboxPatch(
                (x, y),
                COL_W,
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
            wrap(q["name"][lang], WRAP),
            ha="left",
            va="center",
            fontsize=FONT - 2,
            color=C["fg"],
            linespacing=1.15,
        )
        centre[q["id"]] = (x, y + h / 2)
        y += h + GAP
    return centre
