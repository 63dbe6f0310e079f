"""Report sections on build time: (a), (a′), (b), (c), the hook profile (h) and scaling (d)."""

from __future__ import annotations

from .builds import NO_HOOKS_EXPLAINED
from .common import fmt_s, median
from .synthetic import SYNTH_SECTION
from .timing import QUIET_WAIT_BUDGET, QUIET_WAIT_MAX

BUILDS = (
    ("a", "`python -m sesguide build`, jobs=2 (check, en ∥ sv, merge, finalize)"),
    ("a_seq", "`python -m sesguide build --jobs 1` (en then sv)"),
    ("b", "English only: `BUILD_ONLY_LOCALE=en mkdocs build --strict`"),
    ("c", "hooks disabled: en ∥ sv `mkdocs build --strict`, no check/finalize"),
)


def _cpu_cells(r: dict, label: str) -> str:
    c = r.get("contention", {}).get(label)
    if not c:
        return "– | – | –"
    return f"{median(c['cpu']):.2f} s | {median(c['share']):.0%} | {median(c['load']):.2f}"


def build_times(r: dict) -> list[str]:
    """The table of (a) to (c), what (a) spends where, the ratios and why (c) is not the floor."""
    L = ["## Build times", ""]
    L.append(
        f"Median of {r['runs']} runs after one discarded warm-up run, unless a row says otherwise, each "
        "command timed as a whole process by hyperfine (so Python's start-up counts in every row). "
        "(a), (a′), (b) and (c) run alternately, one of each per round, so a change in load hits all "
        f"of them alike. The machine is shared: before each round the benchmark waits (up to "
        f"{QUIET_WAIT_MAX:.0f} s, {QUIET_WAIT_BUDGET:.0f} s in all) for the CPUs to be idle. "
        '"Own CPU" is the command\'s user + system time (hyperfine), which other load changes less '
        'than wall time; "others\' CPU share" is what other processes used of both CPUs during the round, '
        '"load" the 1-minute load average at its start (medians over the rounds).'
    )
    L.append("")
    L.append("| | what | median | own CPU | others' CPU share | load | runs (s) |")
    L.append("|---|---|---|---|---|---|---|")
    for key, desc in BUILDS:
        if key in r["times"]:
            ts = r["times"][key]
            label = {"a_seq": "a′"}.get(key, key)
            L.append(
                f"| {label} | {desc} | {fmt_s(median(ts))} | {_cpu_cells(r, label)} | "
                f"{', '.join(f'{t:.2f}' for t in ts)} |"
            )
    if "a_parts" in r:
        p = r["a_parts"]
        L.append("")
        L.append(
            f"Inside (a), medians: source check in the parent {p['check']:.2f} s (overlapping the language "
            f"processes); English built {p['build_en']:.2f} s, Swedish built {p['build_sv']:.2f} s after "
            "the language processes started (in parallel, forked from one process that loaded MkDocs once, "
            "its start-up included; hooks/fork_languages.py); everything after the last of them (merge, the "
            "HTML check of the language the build checks itself when that one ended last, finalize, theme "
            "sharing, CSS purge, one relinking pass, the last language's search index beside them, swap) "
            f"{p['after']:.2f} s."
        )
    if "ratios" in r:
        L.append("")
        L.append("Ratios: " + "; ".join(f"{k} = {v:.2f}" for k, v in r["ratios"].items()) + ".")
    if "c" in r["times"]:
        L.append("")
        L.append(NO_HOOKS_EXPLAINED)
    return L


def hook_sections(r: dict) -> list[str]:
    """(h): the cProfile table of one language build's hooks, then the parent's own phases."""
    L: list[str] = []
    if "hooks" in r:
        L.append("")
        L.append("## Where the time inside a language build goes (h)")
        L.append("")
        L.append(
            "`mkdocs build` runs under cProfile (cumulative time of the hook functions and of the sesguide "
            "functions they call, from pstats; cProfile slows Python code, so compare rows with each other; "
            "the rows starting with … overlap with the hook rows). The processes of (a) get "
            "the environment build() gives them ("
            + ", ".join(f"`{k}`" for k in r.get("hooks_env", []))
            + "), captured from a real build."
        )
        L.append("")
        L.append("| | " + " | ".join(r["hooks"]) + " |")
        L.append("|---|" + "---|" * len(r["hooks"]))
        rows = _hook_rows(r["hooks"])
        for name, vals in rows.items():
            L.append(f"| {name} | " + " | ".join(vals.get(lang, "–") for lang in r["hooks"]) + " |")
    if "finalize" in r:
        L.append("")
        L.append("In the parent process of (a): " + "; ".join(f"{k} {v:.2f} s" for k, v in r["finalize"].items()) + ".")
    return L


def _hook_rows(hooks: dict) -> dict[str, dict]:
    """Row name -> {profiled process: cell}; a row missing in one process shows as – there."""
    rows: dict[str, dict] = {}
    for lang, h in hooks.items():
        rows.setdefault("process wall time", {})[lang] = f"{h['wall']:.2f} s"
        rows.setdefault("Python start + imports (mkdocs, sesguide)", {})[lang] = f"{h['imports']:.2f} s"
        rows.setdefault("load_config (plugins, theme)", {})[lang] = f"{h['load_config']:.2f} s"
        rows.setdefault("build() (all events, rendering, search index)", {})[lang] = f"{h['build']:.2f} s"
        total = sum(v[0] for v in h["events"].values())
        rows.setdefault("**all hook events**", {})[lang] = f"**{total:.2f} s**"
        # slowest first, so the table reads as a list of where to look
        for ev, (t, n) in sorted(h["events"].items(), key=lambda kv: -kv[1][0]):
            rows.setdefault(f"hook {ev}", {})[lang] = f"{t:.3f} s ({n}×)"
        for fn, (t, n) in sorted(h["functions"].items(), key=lambda kv: -kv[1][0]):
            rows.setdefault(f"… {fn}", {})[lang] = f"{t:.3f} s ({n}×)"
    return rows


def scaling_section(r: dict) -> list[str]:
    """(d): the full build of generated sites of several sizes."""
    if "synthetic" not in r:
        return []
    s = r["synthetic"]
    L = ["", "## Scaling (d): synthetic sites, full pipeline (jobs=2)", ""]
    L.append(
        f"Each site is a copy of the project (with .git) whose docs hold N pages per language: the "
        f"{s['real']} real pages plus N − {s['real']} generated EN/SV twins (front matter, heading IDs, the "
        f"same numbers in both languages, stamped translation fingerprints, links, a table, a list and "
        f"an admonition; untracked in git), listed in the nav in sections of {SYNTH_SECTION}."
    )
    L.append("")
    L.append(
        "| pages per language | runs | median | per page | check · en ∥ sv · merge+finalize | own CPU | "
        "others' CPU share | load | runs (s) |"
    )
    L.append("|---|---|---|---|---|---|---|---|---|")
    for n, d in s["sizes"].items():
        ts, p = d["times"], d["parts"]
        L.append(
            f"| {n} | {len(ts)}{' (no warm-up)' if d['warmup'] == 0 else ''} | {fmt_s(median(ts))} | "
            f"{median(ts) / int(n) * 1000:.0f} ms | {p['check']:.1f} · {p['build_en']:.1f} ∥ "
            f"{p['build_sv']:.1f} · {p['after']:.1f} s | {_cpu_cells(r, 'd' + n)} | "
            f"{', '.join(f'{t:.2f}' for t in ts)} |"
        )
    if s.get("note"):
        L.append("")
        L.append(s["note"])
    return L
