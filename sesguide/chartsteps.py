"""The two figures of the hiring process from data/process.yml: its steps from vacancy to
appointment (figure 2) and its timeline in days since 2025-10-01 (figure 3)."""

from __future__ import annotations

from .chartstyle import FONT, WIDTH, Drawn, arrow, diagram, new_figure, number, rc, svg_of, wrap
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
    box_h, gap, top = 38, 14, 8
    height = top + len(steps) * (box_h + gap) - gap + 8
    with rc():
        fig, ax = diagram(height)
        x0, x1 = 40, WIDTH - 6
        for i, st in enumerate(steps):
            y = top + i * (box_h + gap)
            _step_box(ax, i, st, x0, x1, y, box_h, lang, t)
            if i + 1 < len(steps):
                arrow(ax, (x0 + 24, y + box_h), (x0 + 24, y + box_h + gap), C["fg"], linewidth=1.2, mutation_scale=10)
        svg = svg_of(fig, "process")
    names = "; ".join(
        f"{number(i + 1, lang)}. {st['name'][lang]} ({t('fig_actor_' + st['actor'])})" for i, st in enumerate(steps)
    )
    return Drawn(svg, t("fig_process_title"), t("fig_process_desc").replace("{steps}", names), t("fig_process_caption"))


def _step_box(ax, i, st, x0, x1, y, box_h, lang, t) -> None:
    """One step: a numbered disc, and a box (outlined in its actor's style) with name and actor."""
    from matplotlib.patches import FancyBboxPatch

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
        x0 + 9, y + 15, st["name"][lang], ha="left", va="center", fontsize=FONT - 1, color=C["fg"], fontweight="bold"
    )
    ax.text(x0 + 9, y + 29, t(f"fig_actor_{st['actor']}"), ha="left", va="center", fontsize=FONT - 3, color=C["muted"])


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
    row_h = 58
    height = 26 + len(spans) * row_h + 40
    with rc():
        fig = new_figure(height)
        ax = fig.add_axes((0.03, 40 / height, 0.94, 1 - 66 / height))
        ax.set_xlim(lo - 2, hi + 2)
        ax.set_ylim(len(spans) * row_h, 0)
        for i, (sp, start, end) in enumerate(placed):
            _span_row(ax, sp, start, end, i * row_h, lo, hi, lang, t)
        ticks = sorted({0, *(s for _, s, _ in placed if s <= known_end), *(e for sp, _, e in placed if sp["days"])})
        ax.set_xticks(ticks, [number(v, lang) for v in ticks])
        ax.set_yticks([])
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(labelsize=FONT - 1)
        ax.set_xlabel(t("fig_timeline_axis"), fontsize=FONT - 2)
        svg = svg_of(fig, "timeline")
    since = long_date(tl["from"], lang)
    desc = " ".join(sp["label"][lang] + "." for sp in spans)
    return Drawn(
        svg,
        t("fig_timeline_title").replace("{date}", since),
        t("fig_timeline_desc").replace("{spans}", desc),
        t("fig_timeline_caption"),
    )


def _span_row(ax, sp, start, end, y, lo, hi, lang, t) -> None:
    """One span: its label, then a bar (solid for a maximum, hatched for a minimum, which can last
    longer) or, with no known duration, a dashed open arrow; a target is marked at its end."""
    label = wrap(sp["label"][lang], 52)
    ax.text(lo, y + 4, label, ha="left", va="top", fontsize=FONT - 2, color=C["fg"], linespacing=1.15)
    bar_y = y + 4 + 15 * (label.count("\n") + 1) + 4
    if sp["days"]:
        hatch = None if sp["bound"] == "at-most" else "///"
        ax.add_patch(_rect(start, bar_y, end - start, 12, C["s1"] if hatch is None else C["box"], C["s1"], hatch))
    else:
        arrow(ax, (start, bar_y + 6), (end, bar_y + 6), C["fg"], linestyle=(0, (4, 3)), linewidth=1.4)
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


def _rect(x, y, w, h, face, edge, hatch):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=face, edgecolor=edge, hatch=hatch, linewidth=1.2)
