"""Command line: python -m sesguide <command>. See `python -m sesguide --help`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import LANGUAGES
from .options import BuildOptions
from .problems import ProblemsFound

ROOT = Path(__file__).resolve().parent.parent


def _outcome(problems: list, title: str, ok: str) -> int:
    """Print every problem (stderr, exit 1) or the success line (stdout, exit 0)."""
    if problems:
        print(ProblemsFound(problems, title).report(), file=sys.stderr)
        return 1
    print(ok)
    return 0


def cmd_check(args) -> int:
    from . import check, citations

    t0 = time.perf_counter()
    problems = check.check_site(ROOT)
    try:
        counts = citations.address_line(ROOT)
    except ProblemsFound:
        counts = ""  # the data files do not load: the problems say why
    if problems and counts:
        print(counts, file=sys.stderr)
    return _outcome(
        problems,
        "The site sources have problems",
        f"check: all sources are consistent ({time.perf_counter() - t0:.2f} s)\n{counts}",
    )


def cmd_build(args) -> int:
    from .build import BuildFailed, build

    try:
        t = build(
            ROOT,
            Path(args.site_dir) if args.site_dir else None,
            jobs=args.jobs,
            purge_css=not args.no_css_purge,
            options=BuildOptions.from_env(os.environ),
        )
    except BuildFailed as exc:
        print(str(exc), file=sys.stderr)
        return 1
    where = args.site_dir or "site/"
    print(
        f"build: {where} written in {t['total']:.2f} s (check {t['check']:.2f} s, "
        + ", ".join(f"{lang} {t['build_' + lang]:.2f} s" for lang in LANGUAGES)
        + f", jobs={args.jobs})"
    )
    return 0


def cmd_status(args) -> int:
    from . import freshness

    docs = ROOT / "docs"
    statuses = freshness.all_status(ROOT, docs)
    width = max(len(s.path) for s in statuses)
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.state] = counts.get(s.state, 0) + 1
        print(f"{s.path:<{width}}  {s.state:<9}  English changed {s.english_changed or '-'}")
    print("\n" + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    for s in statuses:
        if s.state == "outdated" and not args.brief:
            how, text = freshness.english_diff(ROOT, docs, s.path, s.recorded_hash)
            title = (
                "What changed in the English since the translated version"
                if how == "diff"
                else "The translated English version is not in the git history; the current English"
            )
            print(f"\n=== {s.path}: {title} ===\n{text}")
    return 0


def cmd_stamp(args) -> int:
    from . import freshness

    docs = ROOT / "docs"
    problems = []
    for page in args.pages:
        page = page.removeprefix("docs/")
        for lang in LANGUAGES:
            page = page.removeprefix(f"{lang}/")
        try:
            value = freshness.stamp(ROOT, docs, page)
            print(f"docs/sv/{page}: translation.source_hash = {value}")
        except ProblemsFound as exc:
            problems += exc.problems
    return _outcome(problems, "Nothing to stamp", "") if problems else 0


def cmd_serve(args) -> int:
    from .server import make_server

    site = ROOT / "site"
    if not (site / "index.html").exists():
        print("serve: site/ is not built; run `make build` first", file=sys.stderr)
        return 1
    httpd = make_server(site, ROOT, args.host, args.port, verbose=True)
    print(
        f"Serving site/ on http://{args.host}:{args.port}/ (English) and http://{args.host}:{args.port}/sv/ "
        "(Swedish). Ctrl+C stops."
    )
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def cmd_permalinks(args) -> int:
    """Write (--write) or check the manifest against a fresh build of the site."""
    import tempfile

    from . import permalinks, redirects
    from .build import BuildFailed, build

    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:
        site = Path(tmp) / "site"
        try:
            build(ROOT, site, jobs=2)
        except BuildFailed as exc:
            print(str(exc), file=sys.stderr)
            return 1
        published = permalinks.collect(site, ROOT / "docs")
    manifest = ROOT / permalinks.MANIFEST
    if args.write:
        permalinks.write_manifest(manifest, published)
        print(f"{permalinks.MANIFEST}: {len(published)} URLs and anchors")
        return 0
    problems = permalinks.check(permalinks.read_manifest(manifest), published, redirects.load(ROOT))
    return _outcome(
        problems, "Published links would break", f"permalinks: all {len(published)} URLs and anchors are published"
    )


def cmd_spell(args) -> int:
    from . import spelling

    site = Path(args.site) if args.site else ROOT / "site"
    if not (site / "index.html").exists():
        print(f"spell: {site} is not built; run `make build` first", file=sys.stderr)
        return 1
    try:
        problems = spelling.check_site(ROOT, site, ROOT / "docs")
    except ProblemsFound as exc:
        return _outcome(exc.problems, exc.title, "")
    return _outcome(problems, "Spelling", "spell: no unknown words in either language")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m sesguide", description="SES Guide tools")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check", help="check sources and data (about a second)").set_defaults(fn=cmd_check)
    b = sub.add_parser("build", help="build the site into site/ (atomic)")
    b.add_argument("--jobs", type=int, default=int(os.environ.get("SESGUIDE_JOBS", "2")))
    b.add_argument("--site-dir")
    b.add_argument(
        "--no-css-purge", action="store_true", help="keep Material's full stylesheet (see sesguide/csspurge.py)"
    )
    b.set_defaults(fn=cmd_build)
    s = sub.add_parser("status", help="translation status of every page")
    s.add_argument("--brief", action="store_true", help="no diffs")
    s.set_defaults(fn=cmd_status)
    st = sub.add_parser("stamp", help="record the English fingerprint in Swedish pages")
    st.add_argument("pages", nargs="+")
    st.set_defaults(fn=cmd_stamp)
    sv = sub.add_parser("serve", help="serve site/ with the production security headers")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.set_defaults(fn=cmd_serve)
    pl = sub.add_parser("permalinks", help="check (or --write) permalinks.txt against a fresh build")
    pl.add_argument("--write", action="store_true")
    pl.set_defaults(fn=cmd_permalinks)
    sp = sub.add_parser("spell", help="hunspell over the rendered text of every page (needs a build)")
    sp.add_argument("--site")
    sp.set_defaults(fn=cmd_spell)
    args = p.parse_args(argv)
    return args.fn(args)


def _exit(code: int, argv: list[str]) -> None:
    """A finished build (its site swapped in, its threads and processes ended, its temporary folder
    removed) ends without the interpreter's teardown of everything the build imported (about
    0.03 s, which a caller waiting for the build would wait for too). Every other command, and a
    build that failed, ends the usual way."""
    if code == 0 and argv[:1] == ["build"]:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    sys.exit(code)


if __name__ == "__main__":
    _exit(main(), sys.argv[1:])
