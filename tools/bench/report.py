"""The Markdown report written to bench/RESULTS.md."""

from __future__ import annotations

import re
from typing import Any

from .builds import NO_HOOKS_EXPLAINED
from .common import KIB, PREVIEW_PAGE, TARGETS, fmt_s, median, verdict
from .synthetic import SYNTH_SECTION
from .timing import QUIET_WAIT_BUDGET, QUIET_WAIT_MAX


def _cpu_cells(r: dict, label: str) -> str:
    c = r.get("contention", {}).get(label)
    if not c:
        return "– | – | –"
    return f"{median(c['cpu']):.2f} s | {median(c['share']):.0%} | {median(c['load']):.2f}"


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
    for key, desc in (
        ("a", "`python -m sesguide build`, jobs=2 (check, en ∥ sv, merge, finalize)"),
        ("a_seq", "`python -m sesguide build --jobs 1` (en then sv)"),
        ("b", "English only: `BUILD_ONLY_LOCALE=en mkdocs build --strict`"),
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
            f"merge, finalize, CSS purge and search index side by side, swap) {p['after']:.2f} s."
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
    if "browser" in r:
        L += weight_section(r)
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
    L.append("# what each section runs, in the temporary copy of the project (a-d timed by hyperfine):")
    L.append("# a   python -m sesguide build --site-dir TMP/site --jobs 2")
    L.append("# a′  the same with --jobs 1")
    L.append("# b   BUILD_ONLY_LOCALE=en python -m mkdocs build --strict --clean -d TMP/en")
    L.append("# c   BUILD_ONLY_LOCALE=en python -m mkdocs build --strict --clean -f mkdocs.nohooks-en.yml -d TMP/en &")
    L.append(
        "#     BUILD_ONLY_LOCALE=sv python -m mkdocs build --strict --clean -f mkdocs.nohooks-sv.yml -d TMP/sv; wait"
    )
    L.append("# d   the build of (a) on generated copies with 50, 200 and 500 pages per language")
    L.append("# e   python -m tools.bench.browser --site TMP/site --lighthouse <pages>   (Chromium + npm lighthouse)")
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


# First view, twin page and first search before Pagefind and the shared theme (issue 15), measured
# the same way (tools/bench/browser.py on the build of commit 0660791, 2026-12-01): Material's lunr
# index was part of every first view, and the Swedish pages had their own copy of the theme.
BEFORE: dict[str, Any] = {
    "commit": "0660791",
    "en": {
        "first_typical": 119.2,
        "first_worst": 128.9,
        "first_worst_page": "/sources/",
        "twin_worst": 143.4,
        "search": 0.0,
    },
    "sv": {
        "first_typical": 132.6,
        "first_worst": 143.4,
        "first_worst_page": "/sv/sources/",
        "twin_worst": 128.9,
        "search": 0.0,
    },
    "lighthouse": {
        "/": (100, 96, 100, 100),
        "/sv/": (99, 96, 100, 100),
        "/sources/": (93, 96, 100, 100),
        "/sv/sources/": (81, 96, 100, 100),
    },
}


def search_parts_section(s: dict) -> list[str]:
    """The heaviest first search of each language, part by part, and why it exceeds the target."""
    worst = {x: max(s[x]["search"], key=lambda q: q["gzip"]) for x in ("en", "sv") if s[x].get("search")}
    if not worst or not all("parts" in q for q in worst.values()):
        return []
    names = list(dict.fromkeys(p["part"] for q in worst.values() for p in q["parts"]))
    L = ["", "The heaviest first search of each language, part by part:", ""]
    L.append("| part | " + " | ".join(f"{x} “{q['query']}”" for x, q in worst.items()) + " |")
    L.append("|---|" + "---|" * len(worst))

    def cell(q, name):
        p = next((p for p in q["parts"] if p["part"] == name), None)
        return f"{p['gzip'] / KIB:.1f} KiB ({p['files']} file{'s' if p['files'] > 1 else ''})" if p else "–"

    for name in names:
        L.append(f"| {name} | " + " | ".join(cell(q, name) for q in worst.values()) + " |")
    L.append("| **total** | " + " | ".join(f"**{q['gzip'] / KIB:.1f} KiB**" for q in worst.values()) + " |")

    def part(q, prefix):
        return sum(p["gzip"] for p in q["parts"] if p["part"].startswith(prefix))

    code = {x: part(q, "Pagefind's WebAssembly") + part(q, "Pagefind's script") for x, q in worst.items()}
    L.append("")
    L.append(
        "Why the target of 80 KiB is out of reach with Pagefind (which the issue requires): its WebAssembly "
        "module and its script alone are "
        + " / ".join(f"{code[x] / KIB:.1f} KiB ({x})" for x in code)
        + ", before any index or result. The module is the search engine itself, compiled from Rust and "
        "already gzip-compressed by Pagefind (recompressing or `wasm-opt -Oz` saves under 1 %); the per-language "
        "module differs only by its stemmer (the one without a stemmer is 2–4 KiB smaller, but stemming is "
        "required in both languages). `pagefind.js` is the module's loader and Pagefind's query code. What the site controls "
        "is what remains, and it is small: the search runs on the page, not in Pagefind's worker, which would "
        "repeat `pagefind.js` (11.6 KiB more); the index is split into chunks of 2–6 KiB instead of 28–42 KiB "
        "(`sesguide/search.py`, INDEX_CHUNK_SIZE), and a search fetches only the chunks where its words sort; "
        "only the 3 results shown fetch their text (more on request), and the long lists of the Sources and "
        "glossary pages are indexed by entry name only, so their fragments are 8–9 KiB instead of 9–26 KiB. "
        "Before these changes (commit "
        "002a4bc, the first Pagefind build, measured the same way) a first search took 176.3 / 187.2 KiB (en "
        "“salary” / “executive core qualifications”) and 143.1 / 160.8 KiB (sv “lönen” / "
        "“kvalifikationsprövningsnämnden”): the worker 11.6 KiB, one or two index chunks of 28–42 KiB "
        "each, and up to 9 fragments (6 per query, and those of queries the reader had typed past)."
    )
    return L


def weight_section(r: dict) -> list[str]:
    s = r["browser"]["summary"]
    L = ["", "## Page weight in the browser (e), gzip -9", ""]
    L.append(
        "Chromium (the system /usr/bin/chromium, 412 × 823 viewport) loads every content page of both "
        "languages from the local server with the production headers, each with an empty cache, and "
        "everything it fetches until the network is idle is counted, each response at the gzip -9 size of "
        "the file served (`tools/bench/browser.py`; the server counts, so a file the browser takes from its "
        "own cache counts nothing). Twin page: right after that first view, the language switcher is "
        "clicked and the new downloads are counted. First search: on the language's home page after its "
        "first view, `/` opens the search and a query is typed; everything fetched until the results are "
        "in and the network is idle is counted (the search code, Pagefind's WebAssembly, the index chunks "
        "and the result fragments)."
    )
    L.append("")
    L.append("| | English | Swedish |")
    L.append("|---|---|---|")
    L.append(f"| content pages | {s['en']['pages']} | {s['sv']['pages']} |")
    L.append(
        "| first view, typical (median) | "
        + " | ".join(f"{s[x]['first_typical'] / KIB:.1f} KiB ({s[x]['first_typical_page']})" for x in ("en", "sv"))
        + " |"
    )
    L.append(
        "| first view, heaviest page | "
        + " | ".join(f"{s[x]['first_worst'] / KIB:.1f} KiB ({s[x]['first_worst_page']})" for x in ("en", "sv"))
        + " |"
    )
    L.append(
        "| twin page after one page, median / worst | "
        + " | ".join(f"{s[x]['twin_typical'] / KIB:.1f} / {s[x]['twin_worst'] / KIB:.1f} KiB" for x in ("en", "sv"))
        + " |"
    )
    for x in ("en", "sv"):
        for q in s[x]["search"]:
            L.append(
                f"| first search ({x}) “{q['query']}” | "
                + (
                    f"{q['gzip'] / KIB:.1f} KiB, {q['requests']} requests | – |"
                    if x == "en"
                    else f"– | {q['gzip'] / KIB:.1f} KiB, {q['requests']} requests |"
                )
            )
    L += search_parts_section(s)
    L.append("")
    b = BEFORE
    L.append(
        f"**Before** (commit {b['commit']}, Material's lunr search and a theme copy per language, measured the "
        "same way): first view typical "
        + " / ".join(f"{b[x]['first_typical']:.1f} KiB ({x})" for x in ("en", "sv"))
        + ", heaviest "
        + " / ".join(f"{b[x]['first_worst']:.1f} KiB ({b[x]['first_worst_page']})" for x in ("en", "sv"))
        + "; the twin page downloaded everything again, up to "
        + " / ".join(f"{b[x]['twin_worst']:.1f} KiB ({x})" for x in ("en", "sv"))
        + "; a first search fetched nothing more because every first view had already downloaded the whole "
        "index (49.8 KiB en / 59.8 KiB sv gzip). Lighthouse mobile (performance / accessibility / best "
        "practices / SEO): "
        + "; ".join(f"{p} {'/'.join(str(v) for v in sc)}" for p, sc in b["lighthouse"].items())
        + " (accessibility 96 everywhere: Material's search dialog had no accessible name)."
    )
    L.append("")
    if r.get("weight", {}).get("pages"):
        L.append("File by file (from the build output; what the HTML references), for a typical content page:")
        L.append("")
        for w in r["weight"]["pages"]:
            L.append(f"**{w['page']}**: {w['total_gzip'] / KIB:.1f} KiB gzip ({w['total_bytes'] / KIB:.1f} KiB raw)")
            L.append("")
            L.append("| file | kind | raw | gzip |")
            L.append("|---|---|---|---|")
            for f in sorted(w["files"], key=lambda f: -f["gzip"]):
                L.append(f"| {f['file']} | {f['kind']} | {f['bytes'] / KIB:.1f} KiB | {f['gzip'] / KIB:.1f} KiB |")
            L.append("")
    if r.get("lighthouse"):
        L.append("### Lighthouse (mobile)")
        L.append("")
        L.append(
            "npm `lighthouse` with its default mobile preset (emulated phone, simulated slow 4G, 4× CPU "
            "slowdown) on Debian's Chromium, headless, against the local server; the typical and the heaviest "
            "page of each language by first-view weight."
        )
        L.append("")
        L.append("| page | performance | accessibility | best practices | SEO | LCP | TBT | failing audits |")
        L.append("|---|---|---|---|---|---|---|---|")
        for x in r["lighthouse"]:
            if "scores" not in x:
                L.append(f"| {x['page']} | error: {x.get('error', '?')} | | | | | | |")
                continue
            sc, m = x["scores"], x.get("metrics", {})
            L.append(
                f"| {x['page']} | {sc['performance']} | {sc['accessibility']} | {sc['best-practices']} | {sc['seo']} | "
                f"{(m.get('largest-contentful-paint') or 0) / 1000:.2f} s | {m.get('total-blocking-time') or 0:.0f} ms | "
                f"{', '.join(x['failing']) or '–'} |"
            )
        L.append("")
    return L
