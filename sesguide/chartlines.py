"""The two charts over years: SES pay since 2010 (figure 1) and the size of the SES (figure 5)."""

from __future__ import annotations

from .chartstyle import FONT, Drawn, fill, new_figure, number, rc, svg_of
from .svgclean import C

PAY_SERIES = [  # (column, label key, colour role, line style, marker)
    ("maximum_certified", "pay_max_certified", "s1", "-", "o"),
    ("maximum_uncertified", "pay_max_uncertified", "s2", (0, (5, 2.5)), "s"),
    ("minimum", "pay_minimum", "s3", (0, (1.5, 1.5)), "^"),
]


def runs(years: list[int]) -> list[list[int]]:
    """Consecutive years as [first, last] runs: 2011, 2012, 2013, 2016 -> [2011, 2013], [2016, 2016]."""
    out: list[list[int]] = []
    for y in years:
        if out and out[-1][1] == y - 1:
            out[-1][1] = y
        else:
            out.append([y, y])
    return out


def draw_pay(ctx: dict, lang: str, t, money) -> Drawn:
    rows = ctx["pay"]
    years = [r["year"] for r in rows]
    with rc():
        fig = new_figure(350)
        ax = fig.add_axes((0.22, 0.08, 0.56, 0.67))
        _freeze_bands(ax, rows, t)
        handles = [
            _pay_series(ax, rows, col, t(key), role, ls, marker, money) for col, key, role, ls, marker in PAY_SERIES
        ]
        _pay_axes(ax, rows, years, money)
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
        svg = svg_of(fig, "pay")
    last = rows[-1]
    span = {"first": str(years[0]), "last": str(years[-1])}
    title = fill(t("fig_pay_title"), span)
    values = {
        "min": money(last["minimum"]),
        "max": money(last["maximum_certified"]),
        "max3": money(last["maximum_uncertified"]),
    }
    desc = fill(t("fig_pay_desc"), {**span, "last": str(last["year"]), **values})
    return Drawn(svg, title, desc, t("fig_pay_caption"))


def _freeze_bands(ax, rows, t) -> None:
    """A hatched band over each run of freeze years, labelled above the plot."""
    for a, b in runs([r["year"] for r in rows if r["frozen"]]):
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


def _pay_series(ax, rows, col, label, role, ls, marker, money):
    """One pay series as a line with markers, its first and last values written beside it."""
    (line,) = ax.plot(
        [r["year"] for r in rows],
        [r[col] for r in rows],
        color=C[role],
        linestyle=ls,
        linewidth=2,
        marker=marker,
        markersize=4.5,
        label=label,
    )
    first, last = rows[0], rows[-1]
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
    return line


def _pay_axes(ax, rows, years, money) -> None:
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


def draw_ses_size(ctx: dict, lang: str, t, money) -> Drawn:
    rows = ctx["ses_size"]
    xs = [r["position"] for r in rows]
    ys = [r["members"] for r in rows]
    with rc():
        fig = new_figure(290)
        ax = fig.add_axes((0.17, 0.1, 0.76, 0.72))
        # a thin line only to lead the eye; the counts come from different sources
        ax.plot(xs, ys, color=C["muted"], linewidth=0.8, linestyle=(0, (2, 2)))
        h1 = _size_points(ax, [r for r in rows if not r["approx"]], "o", 36, C["s1"], t("fig_size_exact"))
        h2 = _size_points(ax, [r for r in rows if r["approx"]], "D", 40, C["box"], t("fig_size_approx"))
        for i, r in enumerate(rows):
            offset, ha, va = _size_label_place(rows, i)
            ax.annotate(
                number(r["members"], lang),
                (r["position"], r["members"]),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=FONT - 2,
                color=C["fg"],
            )
        _size_axes(ax, xs, ys, lang)
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
        svg = svg_of(fig, "ses-size")
    a, b = rows[0], rows[-1]
    values = {
        "first": str(int(a["position"])),
        "last": str(int(b["position"])),
        "first_n": number(a["members"], lang),
        "last_n": number(b["members"], lang),
    }
    return Drawn(svg, fill(t("fig_size_title"), values), fill(t("fig_size_desc"), values), t("fig_size_caption"))


def _size_points(ax, rows, marker, size, face, label):
    """Counts as points: filled for a count as reported, hollow for a rounded one."""
    return ax.scatter(
        [r["position"] for r in rows],
        [r["members"] for r in rows],
        s=size,
        marker=marker,
        facecolor=face,
        edgecolor=C["s1"],
        linewidth=1.5,
        zorder=3,
        label=label,
    )


def _size_label_place(rows, i):
    """Where the count of point i goes: (offset, ha, va). Points closer than two years to a
    neighbour: the first label of such a run goes to the left, the last to the right, those between
    above or below (the side away from the neighbours); a lone point is labelled above."""
    r = rows[i]
    prev = rows[i - 1] if i and r["position"] - rows[i - 1]["position"] < 2 else None
    nxt = rows[i + 1] if i + 1 < len(rows) and rows[i + 1]["position"] - r["position"] < 2 else None
    if prev and nxt:
        up = r["members"] >= (prev["members"] + nxt["members"]) / 2
        return ((0, 8), "center", "bottom") if up else ((0, -9), "center", "top")
    if nxt:
        return (-7, 0), "right", "center"
    if prev:
        return (7, 0), "left", "center"
    return (0, 8), "center", "bottom"


def _size_axes(ax, xs, ys, lang) -> None:
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
