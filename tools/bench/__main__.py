"""Entry point: ``python -m tools.bench`` (``make bench``); see tools/bench/__init__.py."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sesguide.build import build

from . import __doc__ as DOC
from . import browser, timing
from .builds import NO_HOOKS_EXPLAINED, _parts, english_only, full_build, no_hooks, no_hooks_configs
from .common import KIB, ROOT, TARGETS, WEIGHT_PAGES, fmt_s, log, machine, median, verdict
from .hooks import child_env_of_build, finalize_profile, hook_profile
from .lighthouse import lighthouse_pages
from .preview import preview_all
from .project import snapshot
from .report import report
from .synthetic import synthetic_site
from .weight import first_view


def _empty(work: Path) -> None:
    for d in work.iterdir():
        shutil.rmtree(d, ignore_errors=True) if d.is_dir() else d.unlink()


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m tools.bench", description=DOC.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="counted runs per measurement (default 5)")
    ap.add_argument("--large-runs", type=int, default=3, help="runs for the largest synthetic site (default 3)")
    ap.add_argument("--sizes", default="50,200,500", help="synthetic site sizes, pages per language")
    ap.add_argument("--only", default="a,b,c,h,d,e,f", help="sections to run (default all: a,b,c,h,d,e,f)")
    ap.add_argument("--edits", type=int, default=5, help="preview edits (default 5)")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write bench/RESULTS.md")
    ap.add_argument("--output", help="write the Markdown report here instead of bench/RESULTS.md (no JSON)")
    ap.add_argument(
        "--report",
        metavar="JSON",
        help="only re-write the Markdown report from the raw numbers of an "
        "earlier run (bench/results-<time>.json); nothing is measured",
    )
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.report:
        earlier = json.loads(Path(args.report).read_text(encoding="utf-8"))
        out = Path(args.output) if args.output else ROOT / "bench" / "RESULTS.md"
        out.write_text(report(earlier), encoding="utf-8")
        log(f"Wrote {out} from {args.report}")
        return 0
    started = time.perf_counter()
    r: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "runs": max(1, args.runs),
        "times": {},
        "checks": {},
    }
    m = r["machine"]
    log(
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; Python {m['python']}, MkDocs {m['mkdocs']}, "
        f"Material {m['material']}, i18n {m['i18n']}"
    )
    _measure(args, r)
    ratios = _checks(r)
    r["duration"] = time.perf_counter() - started
    _log_results(r, ratios)
    r["contention"] = timing.CONTENTION
    r["quiet_wait"] = timing._waited[0]
    _write(r, args)
    return 0


def _measure(args: argparse.Namespace, r: dict) -> None:
    """Run the sections of --only on a snapshot of the project, in a temporary directory."""
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="sesguide-bench-") as tmp_name:
        tmp = Path(tmp_name)
        snap = snapshot(tmp / "project")
        work = tmp / "out"
        work.mkdir()
        _build_times(snap, work, only, r)
        if "h" in only:
            _hook_profile(snap, work, r)
        if "d" in only:
            _scaling(tmp, work, args, r)
        if "e" in only:
            _page_weight(snap, work, r)
        if "f" in only:
            log("(f) translator preview (make serve-sv)")
            r["preview"] = preview_all(tmp, max(1, args.edits))


def _build_times(snap: Path, work: Path, only: set[str], r: dict) -> None:
    """(a), (a′), (b) and (c)."""
    # They alternate (a a′ b c, a a′ b c, ...), so their ratios compare runs made under the same load.
    builds = []
    if "a" in only:
        builds += [full_build(snap, work, 2, "a"), full_build(snap, work, 1, "a′")]
    if "b" in only:
        builds.append(english_only(snap, work))
    if "c" in only:
        builds.append(no_hooks(snap, work, no_hooks_configs(snap)))
    if not builds:
        return
    log("(" + ", ".join(c.label for c in builds) + ") builds, timed by hyperfine, alternating")
    times = timing.timed(builds, r["runs"], warmup=1, alternate=True)
    for c in builds:
        r["times"][{"a′": "a_seq"}.get(c.label, c.label)] = times[c.label]
    if "a" in only:
        r["a_parts"] = _parts(builds[0])


def _hook_profile(snap: Path, work: Path, r: dict) -> None:
    """(h): the hooks of a plain English build and of both language processes of (a)."""
    log("(h) time inside the hooks of one language build")
    r["hooks"] = {}
    env_a = child_env_of_build(snap, work)
    hook_profile(snap, work, "en")  # warm-up
    for label, lang, extra in (
        ("en, plain `mkdocs build` (as b)", "en", None),
        ("en process of (a)", "en", env_a.get("en")),
        ("sv process of (a)", "sv", env_a.get("sv")),
    ):
        r["hooks"][label] = hook_profile(snap, work, lang, extra)
    r["hooks_env"] = sorted({k for e in env_a.values() for k in e})
    _empty(work)
    r["finalize"] = finalize_profile(snap, work)


def _scaling(tmp: Path, work: Path, args: argparse.Namespace, r: dict) -> None:
    """(d): the build of (a) on generated sites of --sizes pages per language."""
    sizes = [int(x) for x in args.sizes.split(",") if x]
    r["synthetic"] = {"sizes": {}}
    for n in sizes:
        dest = tmp / f"synthetic-{n}"
        info = synthetic_site(dest, n)
        r["synthetic"]["real"] = info["real"]
        # the largest site gets fewer runs and no warm-up, to keep the benchmark under about 10 minutes
        large = n == max(sizes) and len(sizes) > 1
        n_runs, warm = (max(1, args.large_runs), 0) if large else (r["runs"], 1)
        log(f"(d) synthetic site, {n} pages per language ({info['generated']} generated), {n_runs} runs")
        cmd = full_build(dest, work, 2, f"d{n}")
        ts = timing.timed([cmd], n_runs, warmup=warm)[cmd.label]
        r["synthetic"]["sizes"][str(n)] = {"times": ts, "warmup": warm, "parts": _parts(cmd)}
        shutil.rmtree(dest, ignore_errors=True)
    if len(sizes) > 1:
        big = max(sizes)
        r["synthetic"]["note"] = (
            f"The {big}-page site is measured with {max(1, args.large_runs)} runs and no "
            f"warm-up run to keep the benchmark under about 10 minutes."
        )


def _page_weight(snap: Path, work: Path, r: dict) -> None:
    """(e): file sizes of typical pages, then Chromium on every page, then Lighthouse on four."""
    log("(e) page weight")
    site = work / "weight-site"
    build(snap, site, jobs=2)
    r["weight"] = {"pages": [first_view(site, p) for p in WEIGHT_PAGES]}
    log("(e) page weight in Chromium: every content page, its twin, the first search")
    measured = browser.measure(site, snap, log=log)
    r["browser"] = {
        "summary": browser.summary(measured),
        "first_view": [{k: v[k] for k in ("page", "gzip", "requests")} for v in measured["first_view"]],
    }
    lh_pages = []
    for lang, s in r["browser"]["summary"].items():
        lh_pages += [s["first_typical_page"].lstrip("/"), s["first_worst_page"].lstrip("/")]
    log("(e) Lighthouse (mobile) on the typical and the heaviest page of each language")
    r["lighthouse"] = lighthouse_pages(site, ROOT, list(dict.fromkeys(lh_pages)), log=log)


def _checks(r: dict) -> dict[str, float]:
    """Fill r["checks"] (value and shown text per target of TARGETS) and r["ratios"]; returns the ratios."""
    t = {k: median(v) for k, v in r["times"].items()}
    ratios = {}
    if "a" in t and "b" in t:
        ratios["a/b"] = t["a"] / t["b"]
        r["checks"]["a/b"] = (ratios["a/b"], f"{ratios['a/b']:.2f} × ({t['a']:.2f} s / {t['b']:.2f} s)")
    if "a" in t and "c" in t:
        ratios["a/c"] = t["a"] / t["c"]
        r["checks"]["a/c"] = (ratios["a/c"], f"{ratios['a/c']:.2f} × ({t['a']:.2f} s / {t['c']:.2f} s)")
    if "a" in t and "a_seq" in t:
        ratios["a′/a (what parallelism buys)"] = t["a_seq"] / t["a"]
    if "synthetic" in r:
        ratios.update(_scaling_check(r))
    r["ratios"] = ratios
    if "preview" in r:
        r["checks"]["preview"] = _preview_check(r["preview"])
    if "browser" in r:
        _weight_checks(r)
    if r.get("lighthouse"):
        _lighthouse_checks(r)
    return ratios


def _scaling_check(r: dict) -> dict[str, float]:
    sz = r["synthetic"]["sizes"]
    keys = sorted(sz, key=int)
    if len(keys) <= 1:
        return {}
    lo, hi = keys[0], keys[-1]
    v = median(sz[hi]["times"]) / median(sz[lo]["times"])
    if (lo, hi) == ("50", "500"):  # the target is stated for these two sizes
        r["checks"]["t500/t50"] = (
            v,
            f"{v:.2f} × ({median(sz[hi]['times']):.1f} s / {median(sz[lo]['times']):.1f} s)",
        )
    return {f"t({hi})/t({lo})": v}


def _preview_check(preview: list[dict]) -> tuple[float, str]:
    """make serve-sv's median rebuild; if it does not start, what the other commands measured."""
    first = preview[0]
    if "error" not in first:
        v = median(first["times"])
        return (v, fmt_s(v))
    shown = "make serve-sv does not start"
    for p in preview[1:]:
        if "error" not in p:
            shown += f"; {fmt_s(median(p['times']))} with `{p['command']}`"
    return (float("inf"), shown)


def _weight_checks(r: dict) -> None:
    s = r["browser"]["summary"]

    def both(key, page_key=None):
        # the target holds for each language, so the heavier one decides; both are shown
        shown = " / ".join(
            f"{s[lang][key] / KIB:.1f} KiB ({lang}" + (f", {s[lang][page_key]}" if page_key else "") + ")" for lang in s
        )
        return max(s[lang][key] for lang in s) / KIB, shown

    r["checks"]["first_typical"] = both("first_typical", "first_typical_page")
    r["checks"]["first_worst"] = both("first_worst", "first_worst_page")
    r["checks"]["twin"] = both("twin_worst", "twin_worst_page")
    r["checks"]["first_search"] = both("search_worst")


def _lighthouse_checks(r: dict) -> None:
    ok = [x for x in r["lighthouse"] if "scores" in x]
    if not ok:
        return
    perf = min(x["scores"]["performance"] for x in ok)
    other = min(min(x["scores"][k] for k in ("accessibility", "best-practices", "seo")) for x in ok)
    r["checks"]["lh_performance"] = (perf, ", ".join(f"{x['page']} {x['scores']['performance']}" for x in ok))
    r["checks"]["lh_other"] = (
        other,
        ", ".join(
            f"{x['page']} {x['scores']['accessibility']}/{x['scores']['best-practices']}/{x['scores']['seo']}"
            for x in ok
        ),
    )


def _log_results(r: dict, ratios: dict[str, float]) -> None:
    t = {k: median(v) for k, v in r["times"].items()}
    log("")
    log("Results")
    for k, v in t.items():
        log(f"  {({'a_seq': 'a′'}).get(k, k):<4} median {v:.2f} s  ({', '.join(f'{x:.2f}' for x in r['times'][k])})")
    for k, v in ratios.items():
        log(f"  {k} = {v:.2f}")
    log("Targets")
    for key, (desc, limit, unit) in TARGETS.items():
        if key in r["checks"]:
            value, shown = r["checks"][key]
            log(f"  {verdict(key, value)}  {desc}: {shown}")
        else:
            log(f"  -     {desc}: not measured")
    if "c" in r["times"]:
        log("\n" + NO_HOOKS_EXPLAINED)


def _write(r: dict, args: argparse.Namespace) -> None:
    """The report to --output, or to bench/RESULTS.md with the raw numbers beside it (unless --no-write)."""
    text = report(r)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    elif not args.no_write:
        out = ROOT / "bench"
        out.mkdir(exist_ok=True)
        (out / "RESULTS.md").write_text(text, encoding="utf-8")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        (out / f"results-{stamp}.json").write_text(
            json.dumps(r, indent=1, default=str, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        log(f"\nWrote bench/RESULTS.md and bench/results-{stamp}.json ({r['duration'] / 60:.1f} min)")


if __name__ == "__main__":
    sys.exit(main())
