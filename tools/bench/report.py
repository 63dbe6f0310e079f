"""The Markdown report written to bench/RESULTS.md, from the raw numbers of one run.

Each section of the run has its report function beside the others of its kind: build times, the
hook profile and scaling in report_builds, page weight and Lighthouse in report_weight. Here are
the frame (machine, targets, commands) and the translator preview (f). A section that was not run
(``--only``) leaves no trace in the report.
"""

from __future__ import annotations

import re

from .common import PREVIEW_PAGE, TARGETS, fmt_s, median, verdict
from .report_builds import build_times, hook_sections, scaling_section
from .report_weight import weight_section

# The served port changes on every run; the report shows a placeholder so runs compare as text.
_PORT_RE = re.compile(r"127\.0\.0\.1:\d+")


def report(r: dict) -> str:
    L = _header(r)
    L += _targets(r)
    L.append("")
    L += build_times(r)
    L += hook_sections(r)
    L += scaling_section(r)
    if "browser" in r:
        L += weight_section(r)
    L += _preview_section(r)
    L += _commands(r)
    return "\n".join(L)


def _header(r: dict) -> list[str]:
    """When, on what machine and from which commit the numbers were taken."""
    m = r["machine"]
    L: list[str] = []
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
    return L


def _targets(r: dict) -> list[str]:
    """Each target of TARGETS with its measured value and verdict, or "not measured"."""
    L: list[str] = []
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
    return L


def _preview_section(r: dict) -> list[str]:
    """(f): how long a translator waits for `make serve-sv` to show an edit."""
    if "preview" not in r:
        return []
    L: list[str] = []
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
        cmd = _PORT_RE.sub("127.0.0.1:PORT", p["command"])
        if "error" in p:
            L.append(f"| `{cmd}` ({p['label']}) | **does not start**: {p['error']} | – | – | – |")
            continue
        L.append(
            f"| `{cmd}` ({p['label']}) | {p['startup']:.2f} s | {fmt_s(median(p['times']))} | "
            f"{', '.join(fmt_s(t) for t in p['times'])} | "
            f"{', '.join(f'{t:.2f}' for t in p.get('mkdocs_reported', []))} |"
        )
    return L


def _commands(r: dict) -> list[str]:
    """The commands each section runs, so a reader can repeat one by hand."""
    L: list[str] = []
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
            + _PORT_RE.sub("127.0.0.1:PORT", r["preview"][0]["command"])
        )
    else:
        L.append("# f   the serve-sv recipe of the Makefile, on a free port")
    L.append("```")
    L.append("")
    return L
