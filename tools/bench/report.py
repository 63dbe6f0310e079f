"""The Markdown report written to bench/RESULTS.md."""

from __future__ import annotations

import re

from .builds import NO_HOOKS_EXPLAINED
from .common import KIB, PREVIEW_PAGE, TARGETS, fmt_s, median, verdict
from .synthetic import SYNTH_SECTION
from .timing import ACCEPT_SHARE, MAX_ATTEMPTS, QUIET_WAIT_BUDGET, QUIET_WAIT_MAX, RETRY_DEADLINE


def _cpu_cells(r: dict, label: str) -> str:
    c = r.get("contention", {}).get(label)
    if not c:
        return "– | – | –"
    return f"{median(c['cpu']):.2f} s | {median(c['share']):.0%} | {c['repeated']}"


def report(r: dict) -> str:
    m = r["machine"]
    L = []
    L.append("# Benchmark results")
    L.append("")
    L.append(
        f"Written by `make bench` (`python -m tools.bench`) on {r['date']}; the whole run took "
        f"{r['duration'] / 60:.1f} min. Re-run it after changes that may affect build time or page weight; "
        "these are measurements, not tests."
    )
    L.append("")
    L.append(
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['os']}. "
        f"Python {m['python']}, MkDocs {m['mkdocs']}, Material for MkDocs {m['material']}, "
        f"mkdocs-static-i18n {m['i18n']}, Markdown {m['markdown']}, PyYAML {m['pyyaml']}."
    )
    L.append(
        f"**Sources:** commit {m['commit']} with {m['modified_files']} modified tracked file(s), copied with "
        "`.git` into a temporary directory before measuring."
    )
    L.append("")
    L.append("## Targets")
    L.append("")
    L.append("| target | measured | limit | result |")
    L.append("|---|---|---|---|")
    for key, (desc, limit, unit) in TARGETS.items():
        if key not in r["checks"]:
            L.append(f"| {desc} | not measured | {limit:g} {unit} | – |")
            continue
        value, shown = r["checks"][key]
        L.append(f"| {desc} | {shown} | {limit:g} {unit} | **{verdict(key, value)}** |")
    L.append("")
    L.append("## Build times")
    L.append("")
    L.append(
        f"Median of {r['runs']} runs after one discarded warm-up run, unless a row says otherwise. The "
        f"machine is shared: before each run the benchmark waits (up to {QUIET_WAIT_MAX:.0f} s, {QUIET_WAIT_BUDGET:.0f} s "
        f"in all) for the CPUs to be idle, and a run during which other processes used more than "
        f"{ACCEPT_SHARE:.0%} of the CPUs is repeated (up to {MAX_ATTEMPTS} attempts, 2 for the largest synthetic "
        f"site, none after {RETRY_DEADLINE / 60:.0f} minutes; then the least disturbed attempt counts). "
        '"Own CPU" is the CPU time of the '
        "benchmark and its child processes (user + system), which other load changes less than wall time."
    )
    L.append("")
    L.append("| | what | median | own CPU | others' CPU share | repeated | runs (s) |")
    L.append("|---|---|---|---|---|---|---|")
    for key, desc in (
        ("a", "full strict bilingual build, jobs=2 (check, en ∥ sv, merge, finalize)"),
        ("a_seq", "full strict bilingual build, jobs=1 (en then sv)"),
        ("b", "English only: one `mkdocs build --strict`"),
        ("c", "hooks disabled: en ∥ sv `mkdocs build --strict`, no check/finalize"),
    ):
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
            f"Inside (a), medians: source check in the parent {p['check']:.2f} s (overlapping the start of "
            f"the language processes); English process {p['build_en']:.2f} s, Swedish process "
            f"{p['build_sv']:.2f} s (in parallel); everything outside the language processes (digest, "
            f"merge, finalize, swap) {p['after']:.2f} s."
        )
    if "ratios" in r:
        L.append("")
        L.append("Ratios: " + "; ".join(f"{k} = {v:.2f}" for k, v in r["ratios"].items()) + ".")
    if "c" in r["times"]:
        L.append("")
        L.append(NO_HOOKS_EXPLAINED)
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
        rows: dict[str, dict] = {}
        for lang, h in r["hooks"].items():
            rows.setdefault("process wall time", {})[lang] = f"{h['wall']:.2f} s"
            rows.setdefault("Python start + imports (mkdocs, sesguide)", {})[lang] = f"{h['imports']:.2f} s"
            rows.setdefault("load_config (plugins, theme)", {})[lang] = f"{h['load_config']:.2f} s"
            rows.setdefault("build() (all events, rendering, search index)", {})[lang] = f"{h['build']:.2f} s"
            total = sum(v[0] for v in h["events"].values())
            rows.setdefault("**all hook events**", {})[lang] = f"**{total:.2f} s**"
            for ev, (t, n) in sorted(h["events"].items(), key=lambda kv: -kv[1][0]):
                rows.setdefault(f"hook {ev}", {})[lang] = f"{t:.3f} s ({n}×)"
            for fn, (t, n) in sorted(h["functions"].items(), key=lambda kv: -kv[1][0]):
                rows.setdefault(f"… {fn}", {})[lang] = f"{t:.3f} s ({n}×)"
        for name, vals in rows.items():
            L.append(f"| {name} | " + " | ".join(vals.get(lang, "–") for lang in r["hooks"]) + " |")
    if "finalize" in r:
        L.append("")
        L.append("In the parent process of (a): " + "; ".join(f"{k} {v:.2f} s" for k, v in r["finalize"].items()) + ".")
    if "synthetic" in r:
        s = r["synthetic"]
        L.append("")
        L.append("## Scaling (d): synthetic sites, full pipeline (jobs=2)")
        L.append("")
        L.append(
            f"Each site is a copy of the project (with .git) whose docs hold N pages per language: the "
            f"{s['real']} real pages plus N − {s['real']} generated EN/SV twins (front matter, heading IDs, the "
            f"same numbers in both languages, stamped translation fingerprints, links, a table, a list and "
            f"an admonition; untracked in git), listed in the nav in sections of {SYNTH_SECTION}."
        )
        L.append("")
        L.append(
            "| pages per language | runs | median | per page | check · en ∥ sv · merge+finalize | own CPU | "
            "others' CPU share | repeated | runs (s) |"
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
    if "weight" in r:
        L.append("")
        L.append("## Page weight (e), gzip -9")
        L.append("")
        L.append(
            "First view: the HTML plus every stylesheet, script, image and icon it references, the files "
            "those stylesheets reference, and the search worker (with its lunr language files) that "
            "Material's bundle starts at load; each file counted once. The search index, which the bundle "
            "also fetches, is reported on its own."
        )
        L.append("")
        a = r["weight"].get("all")
        if a:
            L.append(
                f"Every content page of both languages ({a['pages']} pages, redirect stubs and 404 pages "
                f"excluded): median {a['median'] / KIB:.1f} KiB, worst {a['worst']['total_gzip'] / KIB:.1f} KiB "
                f"({a['worst']['page']}); {len(a['over'])} over {TARGETS['first_view'][1]:.0f} KiB:"
            )
            L.append("")
            if a["over"]:
                L.append(
                    "| page over the limit | first view | the page's HTML | everything else (theme, search code) |"
                )
                L.append("|---|---|---|---|")
                for o in a["over"]:
                    L.append(
                        f"| {o['page']} | {o['total_gzip'] / KIB:.1f} KiB | {o['html_gzip'] / KIB:.1f} KiB | "
                        f"{(o['total_gzip'] - o['html_gzip']) / KIB:.1f} KiB |"
                    )
                L.append("")
                shared = min(o["total_gzip"] - o["html_gzip"] for o in a["over"]) / KIB
                limit = TARGETS["first_view"][1]
                L.append(
                    f"The files every page of that language loads are {shared:.1f} KiB, which leaves "
                    f"{limit - shared:.1f} KiB under the limit for a page's own HTML; the pages above need more "
                    "for their content alone."
                )
                L.append("")
            L.append("File by file, for a typical content page in each language:")
            L.append("")
        for w in r["weight"]["pages"]:
            search = sum(f["gzip"] for f in w["files"] if f["kind"] in ("search worker", "search language"))
            L.append(
                f"**{w['page']}**: {w['total_gzip'] / KIB:.1f} KiB gzip ({w['total_bytes'] / KIB:.1f} KiB raw); "
                f"of which {search / KIB:.1f} KiB is the search worker and its language files, so "
                f"{(w['total_gzip'] - search) / KIB:.1f} KiB without any search code."
            )
            L.append("")
            L.append("| file | kind | raw | gzip |")
            L.append("|---|---|---|---|")
            for f in sorted(w["files"], key=lambda f: -f["gzip"]):
                L.append(f"| {f['file']} | {f['kind']} | {f['bytes'] / KIB:.1f} KiB | {f['gzip'] / KIB:.1f} KiB |")
            L.append("")
        L.append("| search index | entries | raw | gzip |")
        L.append("|---|---|---|---|")
        for lang, s in r["weight"]["search"].items():
            L.append(f"| {s['file']} | {s['entries']} | {s['bytes'] / KIB:.1f} KiB | {s['gzip'] / KIB:.1f} KiB |")
    if "preview" in r:
        L.append("")
        L.append("## Translator preview (f)")
        L.append("")
        L.append(
            f"The server runs in a copy of the project on a free 127.0.0.1 port. After the first build, "
            f"docs/sv/{PREVIEW_PAGE} is edited (a new word appended) {len(r['preview'][0]['times']) or 'n'} times; "
            "each edit is timed from writing the file until the served page (polled every 50 ms, at most 60 s) "
            'contains the new word. MkDocs\' own "Documentation built in" figure for each rebuild is shown '
            "beside it (the rest is the file watcher's delay and serving)."
        )
        L.append("")
        L.append("| command | first build | rebuild after an edit, median | runs | MkDocs-reported build times (s) |")
        L.append("|---|---|---|---|---|")
        for p in r["preview"]:
            cmd = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", p["command"])
            if "error" in p:
                L.append(f"| `{cmd}` ({p['label']}) | **does not start**: {p['error']} | – | – | – |")
                continue
            L.append(
                f"| `{cmd}` ({p['label']}) | {p['startup']:.2f} s | {fmt_s(median(p['times']))} | "
                f"{', '.join(fmt_s(t) for t in p['times'])} | "
                f"{', '.join(f'{t:.2f}' for t in p.get('mkdocs_reported', []))} |"
            )
    L.append("")
    L.append("## Commands")
    L.append("")
    L.append("```sh")
    L.append("make bench          # = .venv/bin/python -m tools.bench  (options: --help)")
    L.append("# what each section runs, in the temporary copy of the project:")
    L.append(
        "# a   python -c 'from sesguide.build import build; build(ROOT, TMP/site, jobs=2)'"
        "   (= python -m sesguide build --jobs 2)"
    )
    L.append("# a′  the same with jobs=1")
    L.append("# b   BUILD_ONLY_LOCALE=en python -m mkdocs build --strict --clean -d TMP/en")
    L.append("# c   BUILD_ONLY_LOCALE=en python -m mkdocs build --strict --clean -f mkdocs.nohooks-en.yml -d TMP/en &")
    L.append(
        "#     BUILD_ONLY_LOCALE=sv python -m mkdocs build --strict --clean -f mkdocs.nohooks-sv.yml -d TMP/sv; wait"
    )
    L.append("# d   the build of (a) on generated copies with 50, 200 and 500 pages per language")
    L.append("# e   gzip -9 of the files of a first view in the output of (a)")
    if r.get("preview"):
        L.append(
            "# f   the serve-sv recipe of the Makefile, on a free port: "
            + re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", r["preview"][0]["command"])
        )
    else:
        L.append("# f   the serve-sv recipe of the Makefile, on a free port")
    L.append("```")
    L.append("")
    return "\n".join(L)
