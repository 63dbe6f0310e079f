"""The two charts over years: SES pay since 2010 (figure 1) and the size of the SES (figure 5)."""

from __future__ import annotations

from .chartstyle import SMALL, WIDTH, Drawn, fill, new_figure, number, plain, rc, svg_of, wrap_to
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
    height = 405
    with rc():
        fig = new_figure(height)
        ax = fig.add_axes((0, 0, 1, 1))  # placed below the legend once the legend is laid out
        handles = [
            _pay_series(ax, rows, col, _pay_label(rows, col, t(key), t, money), role, ls, marker)
            for col, key, role, ls, marker in PAY_SERIES
        ]
        legend = fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0, 1 - 4 / height),
            fontsize=SMALL,
            handlelength=2.6,
            labelspacing=0.45,
            borderaxespad=0,
            borderpad=0,
            labelcolor=C["fg"],
            title=fill(t("fig_pay_values"), {"first": str(years[0]), "last": str(years[-1])}),
            title_fontsize=SMALL,
            alignment="left",
        )
        fig.draw_without_rendering()
        top = legend.get_window_extent().y0 - 22  # room for the freeze label
        left, bottom = 54, 24
        ax.set_position((left / WIDTH, bottom / height, (WIDTH - left - 16) / WIDTH, (top - bottom) / height))
        _freeze_bands(ax, rows, t)
        _pay_axes(ax, rows, years, lang)
        ax.set_ylabel(t("fig_pay_axis"), fontsize=SMALL, labelpad=4)
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
            1.0,
            label,
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="bottom",
            fontsize=SMALL,
            color=C["fg"],
        )


def _pay_series(ax, rows, col, label, role, ls, marker):
    """One pay series as a line with markers."""
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
    return line


def _pay_label(rows, col, name, t, money) -> str:
    """A series in the legend: its name, then its first and its last value (the values a reader
    looks for, kept off the plot, where a phone column has no room beside the lines); the legend's
    title says which years they are."""
    first, last = rows[0], rows[-1]
    return plain(wrap_to(name, 250) + "\n" + f"{money(first[col])} → {money(last[col])}")


def _pay_axes(ax, rows, years, lang) -> None:
    """Thousands of dollars up the side (the axis label says so), every fourth year along."""
    lo = min(r["minimum"] for r in rows)
    hi = max(r["maximum_certified"] for r in rows)
    step = 30_000
    ticks = list(range(-(-lo // step) * step, hi + step, step))
    ax.set_ylim(lo - step * 0.25, ticks[-1] + step * 0.2)
    ax.set_yticks(ticks, [number(v // 1000, lang) for v in ticks])
    xt = [y for y in years if (y - years[0]) % 4 == 0]
    ax.set_xticks(xt, [str(y) for y in xt])
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.grid(axis="y", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=SMALL, pad=3)


def draw_ses_size(ctx: dict, lang: str, t, money) -> Drawn:
    """A dot per dated count, one row per date (oldest on top), on a common axis of members: rows
    instead of a time axis, so that counts a few months apart do not crowd on a phone."""
    rows = ctx["ses_size"]
    left, row_h = 118, 30
    height = 48 + len(rows) * row_h + 44
    with rc():
        fig = new_figure(height)
        ax = fig.add_axes((left / WIDTH, 44 / height, (WIDTH - left - 6) / WIDTH, len(rows) * row_h / height))
        ys = list(range(len(rows)))
        h1 = _size_points(ax, rows, ys, False, "o", 44, C["s1"], t("fig_size_exact"))
        h2 = _size_points(ax, rows, ys, True, "D", 40, C["box"], t("fig_size_approx"))
        lo, hi = 6000, 10_000
        for y, r in zip(ys, rows, strict=True):
            right = (r["members"] - lo) / (hi - lo) < 0.72  # room for the value on the right
            ax.annotate(
                number(r["members"], lang),
                (r["members"], y),
                xytext=(8 if right else -8, 0),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                fontsize=SMALL,
                color=C["fg"],
            )
        _size_axes(ax, rows, lo, hi, lang)
        ax.set_xlabel(t("fig_size_axis"), fontsize=SMALL, labelpad=2)
        fig.legend(
            handles=[h1, h2],
            loc="upper left",
            bbox_to_anchor=(0, 1 - 4 / height),
            fontsize=SMALL,
            borderaxespad=0,
            borderpad=0,
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


def _size_points(ax, rows, ys, approx, marker, size, face, label):
    """The counts as points: filled for a count as reported, hollow diamonds for a rounded one."""
    picked = [(y, r) for y, r in zip(ys, rows, strict=True) if bool(r["approx"]) == approx]
    return ax.scatter(
        [r["members"] for _, r in picked],
        [y for y, _ in picked],
        s=size,
        marker=marker,
        facecolor=face,
        edgecolor=C["s1"],
        linewidth=1.5,
        zorder=3,
        label=label,
    )


def _size_axes(ax, rows, lo, hi, lang) -> None:
    """The dates down the side as the table writes them; members along the bottom."""
    ax.set_yticks(range(len(rows)), [wrap_to(r["when"][lang], 104) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ticks = list(range(lo, hi, 1500))
    ax.set_xticks(ticks, [number(v, lang) for v in ticks])
    ax.set_xlim(lo - 300, hi)
    ax.grid(axis="both", linewidth=0.6)
    ax.set_xticks(range(lo, hi, 500), minor=True)
    ax.grid(axis="x", which="minor", linewidth=0.4)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=SMALL, pad=3)
    ax.tick_params(axis="y", length=0, pad=6)
