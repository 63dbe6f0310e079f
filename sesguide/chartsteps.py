"""The two figures of the hiring process from data/process.yml: its steps from vacancy to
appointment (figure 2) and its timeline in days since 2025-10-01 (figure 3)."""

from __future__ import annotations

from .chartstyle import FONT, SMALL, WIDTH, Drawn, arrow, diagram, new_figure, number, rc, svg_of, wrap_to
from .locales import long_date
from .svgclean import C

ACTOR_STYLE = {  # outline style per actor: the actor is also written in each box
    "agency": ("-", 1.2),
    "applicant": ((0, (4, 2)), 1.2),
    "opm": ("-", 2.6),
    "appointee": ((0, (1, 1.5)), 1.4),
}


def draw_process(ctx: dict, lang: str, t, money) -> Drawn:
    steps = ctx["process"]["steps"]
    x0, x1, gap, top = 36, WIDTH - 3, 14, 3
    names = [wrap_to(st["name"][lang], x1 - x0 - 16, FONT, bold=True) for st in steps]
    heights = [12 + 18 * (n.count("\n") + 1) + 16 for n in names]
    height = top + sum(heights) + gap * (len(steps) - 1) + 3
    with rc():
        fig, ax = diagram(height)
        y = top
        for i, (st, name, box_h) in enumerate(zip(steps, names, heights, strict=True)):
            _step_box(ax, i, st, name, (x0, x1, y, box_h), lang, t)
            if i + 1 < len(steps):
                arrow(ax, (x0 + 24, y + box_h), (x0 + 24, y + box_h + gap), C["fg"], linewidth=1.2, mutation_scale=10)
            y += box_h + gap
        svg = svg_of(fig, "process")
    listed = "; ".join(
        f"{number(i + 1, lang)}. {st['name'][lang]} ({t('fig_actor_' + st['actor'])})" for i, st in enumerate(steps)
    )
    return Drawn(
        svg, t("fig_process_title"), t("fig_process_desc").replace("{steps}", listed), t("fig_process_caption")
    )


def _step_box(ax, i, st, name, box, lang, t) -> None:
    """One step: a numbered disc, and a box (outlined in its actor's style) with name and actor."""
    from matplotlib.patches import FancyBboxPatch

    x0, x1, y, box_h = box
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
            (3, y + box_h / 2 - 13),
            26,
            26,
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
        fontsize=FONT,
        color=C["box"],
        fontweight="bold",
    )
    ax.text(x0 + 8, y + 7, name, ha="left", va="top", fontsize=FONT, color=C["fg"], fontweight="bold", linespacing=1.15)
    ax.text(
        x0 + 8, y + box_h - 7, t(f"fig_actor_{st['actor']}"), ha="left", va="bottom", fontsize=SMALL, color=C["muted"]
    )


def place_spans(spans: list[dict]) -> tuple[list[tuple[dict, float, float]], float]:
    """Where each span starts and ends on the axis, and the last day with a known duration; a span
    without days gets a short open arrow."""
    placed: list[tuple[dict, float, float]] = []
    pos: float = 0
    known_end = max((sp["start"] if sp["start"] is not None else 0) + (sp["days"] or 0) for sp in spans)
    open_len = max(12, known_end * 0.22)
    for sp in spans:
        start = sp["start"] if sp["start"] is not None else pos
        end = start + (sp["days"] if sp["days"] else open_len)
        placed.append((sp, start, end))
        pos = end
    return placed, known_end


def draw_timeline(ctx: dict, lang: str, t, money) -> Drawn:
    tl = ctx["process"]["timeline"]
    spans = tl["spans"]
    placed, known_end = place_spans(spans)
    lo, hi = placed[0][1], placed[-1][2]
    labels = [wrap_to(sp["label"][lang], WIDTH - 12) for sp in spans]
    rows = [
        8 + 16 * (lb.count("\n") + 1) + 16 + (22 if sp["target"] else 0) for sp, lb in zip(spans, labels, strict=True)
    ]
    plot_h = sum(rows)
    axis = wrap_to(t("fig_timeline_axis"), WIDTH - 12)
    bottom = 36 + 16 * (axis.count("\n") + 1)
    height = 6 + plot_h + bottom
    with rc():
        fig = new_figure(height)
        ax = fig.add_axes((6 / WIDTH, bottom / height, (WIDTH - 12) / WIDTH, plot_h / height))
        left = lo - (hi - lo) * 0.05  # room for the first tick's label
        ax.set_xlim(left, hi + 1)
        ax.set_ylim(plot_h, 0)
        y = 0
        for (sp, start, end), label, row_h in zip(placed, labels, rows, strict=True):
            _span_row(ax, sp, start, end, y, label, left, lang, t)
            y += row_h
        ticks = sorted({0, *(s for _, s, _ in placed if s <= known_end), *(e for sp, _, e in placed if sp["days"])})
        ax.set_xticks(ticks, [number(v, lang) for v in ticks])
        ax.set_yticks([])
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(labelsize=SMALL)
        ax.set_xlabel(axis, fontsize=SMALL)
        svg = svg_of(fig, "timeline")
    since = long_date(tl["from"], lang)
    desc = " ".join(sp["label"][lang] + "." for sp in spans)
    return Drawn(
        svg,
        t("fig_timeline_title").replace("{date}", since),
        t("fig_timeline_desc").replace("{spans}", desc),
        t("fig_timeline_caption"),
    )


def _span_row(ax, sp, start, end, y, label, left, lang, t) -> None:
    """One span: its label, then a bar (solid for a maximum, hatched for a minimum, which can last
    longer) or, with no known duration, a dashed open arrow; a target is marked at its end, with
    its label under the bar (a phone column has no room beside it)."""
    ax.text(left, y + 4, label, ha="left", va="top", fontsize=SMALL, color=C["fg"], linespacing=1.15)
    bar_y = y + 4 + 16 * (label.count("\n") + 1) + 2
    if sp["days"]:
        hatch = None if sp["bound"] == "at-most" else "///"
        ax.add_patch(_rect(start, bar_y, end - start, 12, C["s1"] if hatch is None else C["box"], C["s1"], hatch))
    else:
        arrow(ax, (start, bar_y + 6), (end, bar_y + 6), C["fg"], linestyle=(0, (4, 3)), linewidth=1.4)
    if sp["target"]:
        ax.plot([end, end], [bar_y - 4, bar_y + 18], color=C["s2"], linewidth=2.5, linestyle=(0, (5, 2)))
        ax.text(
            end,
            bar_y + 22,
            t("fig_timeline_target").replace("{days}", number(sp["days"], lang)),
            ha="right",
            va="top",
            fontsize=SMALL,
            color=C["fg"],
            bbox={"boxstyle": "round,pad=0.25", "facecolor": C["box"], "edgecolor": C["s2"]},
        )


def _rect(x, y, w, h, face, edge, hatch):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=face, edgecolor=edge, hatch=hatch, linewidth=1.2)
