"""Figure 4: the ECQs of 2006 and of 2025 side by side, with a line only where the registry
(data/qualifications.yml) names a successor, as the guide's comparison page does."""

from __future__ import annotations

from .chartstyle import FONT, SMALL, WIDTH, Drawn, arrow, diagram, rc, svg_of, wrap_to
from .svgclean import C

COL_W = 132  # two columns with room between them for the lines
LINE_H, GAP = 16, 10


def draw_ecqs(ctx: dict, lang: str, t, money) -> Drawn:
    reg = ctx["registry"]
    old = sorted((q for q in reg if q["framework"] == "ecq-2006"), key=lambda q: q["order"])
    new = sorted((q for q in reg if q["framework"] == "ecq-2025"), key=lambda q: q["order"])
    xl, xr = 2, WIDTH - 2 - COL_W
    heads = [wrap_to(t(key), COL_W, FONT, bold=True) for key in ("fig_ecqs_old", "fig_ecqs_new")]
    top = 16 + 18 * max(h.count("\n") + 1 for h in heads)
    height = top + max(sum(_box_h(q, lang) + GAP for q in col) for col in (old, new)) + 2
    with rc():
        fig, ax = diagram(height)
        for x, head in zip((xl, xr), heads, strict=True):
            ax.text(x, 6, head, ha="left", va="top", fontsize=FONT, color=C["fg"], fontweight="bold", linespacing=1.15)
        centre = {**_column(ax, old, xl, top, lang), **_column(ax, new, xr, top, lang)}
        for q in old:
            for sid in q["successor"]:
                (ax0, ay), (bx0, by) = centre[q["id"]], centre[sid]
                style = {"linestyle": (0, (5, 3)), "linewidth": 1.6, "connectionstyle": "arc3,rad=0"}
                arrow(ax, (ax0 + COL_W + 1, ay), (bx0 - 1, by), C["s1"], **style)
        svg = svg_of(fig, "ecqs")
    pairs = "; ".join(f"{q['name'][lang]} → {ctx['by_id'][sid]['name'][lang]}" for q in old for sid in q["successor"])
    return Drawn(svg, t("fig_ecqs_title"), t("fig_ecqs_desc").replace("{pairs}", pairs), t("fig_ecqs_caption"))


def _name(q, lang) -> str:
    return wrap_to(q["name"][lang], COL_W - 12)


def _box_h(q, lang) -> float:
    return 12 + LINE_H * len(_name(q, lang).split("\n"))


def _column(ax, items, x, top, lang) -> dict[str, tuple[float, float]]:
    """One set of ECQs as a column of boxes; id -> (left edge, vertical centre) of each box."""
    from matplotlib.patches import FancyBboxPatch

    centre = {}
    y: float = top
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
            _name(q, lang),
            ha="left",
            va="center",
            fontsize=SMALL,
            color=C["fg"],
            linespacing=1.15,
        )
        centre[q["id"]] = (x, y + h / 2)
        y += h + GAP
    return centre
