"""Build-time and page-weight benchmark: ``python -m sesguide.bench`` (``make bench``).

A benchmark, not a test: it measures, prints a table with PASS/FAIL against the targets below and
writes the same table to bench/RESULTS.md (plus raw numbers to bench/results-<time>.json, which
git ignores). Nothing here is asserted by the test suite.

All builds run on a snapshot copy of the working tree (including .git, so the git calls of the
translation-freshness code behave as in the real repository) in a temporary directory, so edits
made while the benchmark runs cannot change what is measured and nothing in the project is
written except bench/.

Sections (medians of --runs runs, after one discarded warm-up run where noted):
  a   full strict bilingual build, sesguide.build.build(root, tmp, jobs=2)
  a'  the same with jobs=1 (the two languages one after the other)
  b   English only: BUILD_ONLY_LOCALE=en mkdocs build --strict into a temp dir
  c   the two per-language mkdocs builds (in parallel, as in a) of a generated copy of
      mkdocs.yml without the project's hooks; no source check, no merge, no finalize
  h   diagnosis: time spent inside the hooks of one real language build, per event and per
      sesguide function (data loading, source checks, git calls, YAML parsing, templates)
  d   synthetic sites of 50/200/500 pages per language, full pipeline
  e   first-view page weight (gzip -9) of content pages, and each search index
  f   translator preview: BUILD_ONLY_LOCALE=sv mkdocs serve --dirtyreload, time from editing one
      Swedish page until the served page contains the edit
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import posixpath
import re
import secrets
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import yaml

from . import LANGUAGES
from .build import BuildFailed, build, mkdocs_env

ROOT = Path(__file__).resolve().parent.parent
COPY_IGNORE = shutil.ignore_patterns(".venv*", "site", "node_modules", "test-artifacts", ".build-*", "__pycache__",
                                     ".pytest_cache", "tests", "bench", "mkdocs_*")
# Pages whose first view is broken down file by file in the report; the target is judged on every page.
WEIGHT_PAGES = ("ecqs/leading-people/", "sv/ecqs/leading-people/")
PREVIEW_PAGE = "ecqs/leading-people.md"
KIB = 1024

# name -> (description, limit, unit)
TARGETS = {
    "a/b": ("bilingual build ≤ 1.3 × English-only build", 1.30, "×"),
    "a/c": ("hooks + checks + finalize ≤ 10 % of build time (a/c ≤ 1.10)", 1.10, "×"),
    "t500/t50": ("500 pages ≤ 12 × the time of 50 pages", 12.0, "×"),
    "preview": ("translator preview rebuild ≤ 2 s (median)", 2.0, "s"),
    "first_view": ("first view of a content page ≤ 80 KiB gzip, search index excluded", 80.0, "KiB"),
    "search_index": ("each language's search index ≤ 100 KiB gzip", 100.0, "KiB"),
}


def log(msg: str) -> None:
    print(msg, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# Other work on the machine (other builds, test suites) distorts wall-clock times on 2 cores. Before each
# run the benchmark waits (bounded) for the CPUs to be idle, and it records how much CPU time other
# processes used during each run, so RESULTS.md can say how quiet the machine was.
QUIET_SHARE = 0.10        # other processes may use at most 10 % of all CPUs before a run starts
QUIET_WAIT_MAX = 10.0     # seconds to wait for that per run
QUIET_WAIT_BUDGET = 120.0  # seconds of waiting in the whole benchmark
RETRY_DEADLINE = 540.0    # no more repeated runs once the benchmark has run this long
_STARTED = time.perf_counter()
ACCEPT_SHARE = 0.15       # a counted run during which others used more than this is repeated ...
MAX_ATTEMPTS = 3          # ... at most this many times in all
_waited = [0.0]
CONTENTION: dict[str, dict] = {}


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs from /proc/stat; (0, 0) where there is none."""
    try:
        parts = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0, 0
    vals = [int(x) for x in parts[:8]]
    idle = vals[3] + vals[4]
    return sum(vals) - idle, sum(vals)


def _own_cpu() -> float:
    import resource
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def wait_quiet() -> None:
    if _waited[0] >= QUIET_WAIT_BUDGET:
        return
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < QUIET_WAIT_MAX and _waited[0] + (time.perf_counter() - t0) < QUIET_WAIT_BUDGET:
        b0, n0 = _cpu_jiffies()
        time.sleep(0.5)
        b1, n1 = _cpu_jiffies()
        if n1 == n0 or (b1 - b0) / (n1 - n0) < QUIET_SHARE:
            break
    _waited[0] += time.perf_counter() - t0


def _measure(fn, cleanup):
    wait_quiet()
    hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    b0, _ = _cpu_jiffies()
    c0 = _own_cpu()
    t0 = time.perf_counter()
    res = fn()
    t = time.perf_counter() - t0
    own = _own_cpu() - c0
    b1, _ = _cpu_jiffies()
    share = max(0.0, (b1 - b0) / hz - own) / (t * (os.cpu_count() or 1))
    if cleanup:
        cleanup()
    return t, own, share, res


def timed_runs(fn, runs: int, warmup: int = 1, label: str = "", cleanup=None,
               max_attempts: int | None = None) -> tuple[list[float], list]:
    """Run fn() warmup + runs times; return the wall-clock seconds and results of the counted runs.

    cleanup() (untimed) runs after each run. A counted run during which other processes used more
    than ACCEPT_SHARE of the CPUs is repeated (at most MAX_ATTEMPTS times; then the least disturbed
    attempt counts). Own CPU time and the other processes' share are recorded in CONTENTION."""
    times, results = [], []
    for i in range(warmup + runs):
        tries = []
        while True:
            tries.append(_measure(fn, cleanup))
            t, own, share, _ = tries[-1]
            name = f"run {i + 1 - warmup}" if i >= warmup else "warm-up"
            log(f"  {label} {name}: {t:.2f} s (own CPU {own:.2f} s; other processes used {share:.0%} of the CPUs)")
            if (i < warmup or share <= ACCEPT_SHARE or len(tries) >= (max_attempts or MAX_ATTEMPTS)
                    or time.perf_counter() - _STARTED > RETRY_DEADLINE):
                break
            log("    (repeated: the machine was busy)")
        if i >= warmup:
            t, own, share, res = min(tries, key=lambda x: x[2])
            times.append(t)
            results.append(res)
            c = CONTENTION.setdefault(label, {"share": [], "cpu": [], "repeated": 0})
            c["share"].append(share)
            c["cpu"].append(own)
            c["repeated"] += len(tries) - 1
    return times, results


# -- project copies ------------------------------------------------------------------------------

def snapshot(dest: Path, with_git: bool = True) -> Path:
    """Copy the project sources (and .git, read-only use) into dest."""
    ignore = COPY_IGNORE if with_git else shutil.ignore_patterns(".git", ".venv*", "site", "node_modules", "tests",
                                                                 "bench", ".build-*", "__pycache__")
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


class _Tagged:
    """A YAML value with a custom tag (``!ENV [...]``) kept as written, so a copy can be dumped back."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value

    def resolve(self):
        if self.tag == "!ENV":
            names = self.value if isinstance(self.value, list) else [self.value]
            for name in names[:-1] if len(names) > 1 else names:
                if os.environ.get(name) is not None:
                    return os.environ[name]
            return names[-1] if len(names) > 1 else None
        return self.value


class _KeepTagsLoader(yaml.SafeLoader):
    pass


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return _Tagged("!" + suffix, value)


_KeepTagsLoader.add_multi_constructor("!", _construct_tagged)


class _KeepTagsDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, t: _Tagged):
    if isinstance(t.value, list):
        return dumper.represent_sequence(t.tag, t.value, flow_style=True)
    if isinstance(t.value, dict):
        return dumper.represent_mapping(t.tag, t.value)
    return dumper.represent_scalar(t.tag, str(t.value))


_KeepTagsDumper.add_representer(_Tagged, _represent_tagged)


def read_config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepTagsLoader)  # noqa: S506


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.dump(config, Dumper=_KeepTagsDumper, allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")


def _resolve_tags(value):
    if isinstance(value, _Tagged):
        return value.resolve()
    if isinstance(value, dict):
        return {k: _resolve_tags(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_tags(v) for v in value]
    return value


# -- (a), (a'), (b) --------------------------------------------------------------------------------

def run_full(root: Path, work: Path, jobs: int) -> dict:
    out = work / f"site-{secrets.token_hex(4)}"
    try:
        t = build(root, out, jobs=jobs)
    except BuildFailed as exc:
        raise SystemExit(f"bench: the full build failed:\n{exc}") from None
    t.pop("logs", None)
    return t


def _parts(res: list[dict]) -> dict:
    """Medians of the phases build() reports: the parent's source check (it runs while the language
    processes start), each language process, and the rest (merge, finalize, swap)."""
    return {"check": median([x["check"] for x in res]),
            "build_en": median([x["build_en"] for x in res]),
            "build_sv": median([x["build_sv"] for x in res]),
            "after": median([x["total"] - max(x["build_en"], x["build_sv"]) for x in res])}


def clean(work: Path):
    def _clean():
        for d in work.iterdir():
            shutil.rmtree(d, ignore_errors=True)
    return _clean


def run_english_only(root: Path, work: Path) -> None:
    out = work / f"en-{secrets.token_hex(4)}"
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)], cwd=root,
                       env=mkdocs_env("en"), capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: the English-only build failed:\n{r.stdout}{r.stderr}")


# -- (c) hooks disabled ------------------------------------------------------------------------------

NO_HOOKS_EXPLAINED = (
    "Hooks disabled (c) = the two per-language `mkdocs build --strict` processes, run in parallel as in (a), with a "
    "generated copy of mkdocs.yml per language that has no `hooks:` entry. What the hooks did is replaced by static "
    "values computed once before timing: the `registry:` nav items expanded to the qualification pages, "
    "`extra.sesguide` (the template data the overrides read), `extra.alternate`, the per-language `site_url`, the "
    "Swedish permalink title and the per-language search `lang`. NOT done in (c): the source checks (in the parent "
    "and again in each language process), loading data/ and the translation status (git calls) per process, the "
    "data markers (tables of qualifications, pay, glossary, sources and status are not rendered, so those pages are "
    "smaller), the page footer and abbreviation list, anchor aliases, the merge and finalize (sitemap, API JSON, "
    "i18n status, redirects, _headers, the built-HTML security check). Because data-rendered anchors are missing, "
    "the copy sets validation.links.anchors to `info`; everything else stays strict."
)


def no_hooks_configs(root: Path) -> dict[str, Path]:
    """Write mkdocs.nohooks-<lang>.yml into root (a temp copy) with static equivalents of the hooks' work."""
    from .buildstate import BuildState
    base = read_config(root)
    base.pop("hooks", None)
    base = _resolve_tags(base)
    paths = {}
    for lang in LANGUAGES:
        cfg = json.loads(json.dumps(base))  # deep copy of plain data
        state = BuildState.start(root, root / cfg.get("docs_dir", "docs"), lang, cfg.get("site_url"))
        cfg["site_url"] = state.lang_site_url
        cfg["nav"] = state.expand_nav(cfg["nav"])
        extra = cfg.setdefault("extra", {})
        extra["alternate"] = [{"name": state.text("language_switch"), "link": "/", "lang": state.other_lang}]
        extra["sesguide"] = state.template_info()
        exts = []
        for ext in cfg.get("markdown_extensions", []):
            if ext == "toc" or (isinstance(ext, dict) and "toc" in ext):
                opts = dict(ext["toc"] or {}) if isinstance(ext, dict) else {}
                opts["permalink_title"] = state.text("permalink_title")
                ext = {"toc": opts}
            exts.append(ext)
        cfg["markdown_extensions"] = exts
        plugins = []
        for p in cfg.get("plugins", []):
            if p == "search" or (isinstance(p, dict) and "search" in p):
                opts = dict(p["search"] or {}) if isinstance(p, dict) else {}
                opts["lang"] = [lang]
                p = {"search": opts}
            elif isinstance(p, dict) and "i18n" in p:
                p = {"i18n": dict(p["i18n"], build_only_locale=lang)}
            plugins.append(p)
        cfg["plugins"] = plugins
        cfg.setdefault("validation", {}).setdefault("links", {})["anchors"] = "info"
        path = root / f"mkdocs.nohooks-{lang}.yml"
        write_config(path, cfg)
        paths[lang] = path
    return paths


def run_no_hooks(root: Path, work: Path, configs: dict[str, Path]) -> dict:
    tag = secrets.token_hex(4)
    procs, t0 = {}, time.perf_counter()
    for lang in LANGUAGES:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(configs[lang]), "-d",
               str(work / f"nohooks-{tag}-{lang}")]
        procs[lang] = subprocess.Popen(cmd, cwd=root, env=mkdocs_env(lang), stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True)
    per = {}
    for lang, p in procs.items():
        out, _ = p.communicate()
        per[lang] = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"bench: the hooks-disabled {lang} build failed:\n{out}")
    return per


# -- (h) where the hook time goes --------------------------------------------------------------------

_HOOK_PROFILE_CHILD = r'''
import json, sys, time
root, lang, out = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, root)
t_start = time.perf_counter()
import sesguide.data, sesguide.check, sesguide.freshness, sesguide.yamlload, sesguide.render, sesguide.htmlcheck
import sesguide.buildstate
stats = {}
def wrap(mod, name, key):
    fn = getattr(mod, name, None)
    if fn is None:
        return
    def inner(*a, **k):
        t0 = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            s = stats.setdefault(key, [0.0, 0]); s[0] += time.perf_counter() - t0; s[1] += 1
    setattr(mod, name, inner)
wrap(sesguide.data, "load", "sesguide.data.load (data/*.yml)")
wrap(sesguide.check, "check_site", "sesguide.check.check_site")
wrap(sesguide.freshness, "all_status", "sesguide.freshness.all_status")
wrap(sesguide.freshness, "_git", "git subprocess calls (freshness._git)")
wrap(sesguide.yamlload, "loads", "YAML parsing (yamlload.loads)")
wrap(sesguide.render.Renderer, "_render", "Jinja data templates (Renderer._render)")
wrap(sesguide.render, "environment", "Jinja environment setup")
wrap(sesguide.check, "sources_digest", "sesguide.check.sources_digest")
wrap(sesguide.htmlcheck, "check_site", "built-HTML security check (htmlcheck.check_site)")
wrap(sesguide.buildstate, "minify_own_assets", "sesguide.buildstate.minify_own_assets")
from mkdocs.config import load_config
from mkdocs.commands.build import build
t_imports = time.perf_counter() - t_start
t0 = time.perf_counter()
cfg = load_config("mkdocs.yml", strict=True, site_dir=out)
t_load = time.perf_counter() - t0
events = {}
for ev, methods in cfg.plugins.events.items():
    for i, m in enumerate(methods):
        if "sesguide_hooks" in str(getattr(m, "__module__", "")):
            def timed(*a, _m=m, _ev=ev, **k):
                t = time.perf_counter()
                try:
                    return _m(*a, **k)
                finally:
                    s = events.setdefault("on_" + _ev, [0.0, 0]); s[0] += time.perf_counter() - t; s[1] += 1
            methods[i] = timed
t0 = time.perf_counter()
cfg.plugins.on_startup(command="build", dirty=False)
build(cfg)
cfg.plugins.on_shutdown()
t_build = time.perf_counter() - t0
print(json.dumps({"imports": t_imports, "load_config": t_load, "build": t_build, "events": events, "functions": stats}))
'''


def child_env_of_build(root: Path, work: Path) -> dict[str, dict]:
    """The extra environment sesguide.build.build() gives each language process (captured from a real
    build, so the profile runs the language builds exactly as (a) does)."""
    from . import build as buildmod
    captured: dict[str, dict] = {}
    original = buildmod.mkdocs_env

    def spy(lang, extra=None):
        captured[lang] = dict(extra or {})
        return original(lang, extra)
    buildmod.mkdocs_env = spy
    try:
        build(root, work / f"envcapture-{secrets.token_hex(4)}", jobs=2)
    finally:
        buildmod.mkdocs_env = original
    return captured


def hook_profile(root: Path, work: Path, lang: str, extra: dict | None = None) -> dict:
    out = work / f"hookprof-{secrets.token_hex(4)}"
    wait_quiet()
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", _HOOK_PROFILE_CHILD, str(root), lang, str(out)], cwd=root,
                       env=mkdocs_env(lang, extra), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: the hook profile of {lang} failed:\n{r.stdout}{r.stderr}")
    data = json.loads(r.stdout.strip().splitlines()[-1])
    data["wall"] = wall
    return data


def finalize_profile(root: Path, work: Path) -> dict:
    """Time finalize() and the source check as the parent process of (a) runs them."""
    from . import check, finalize, htmlcheck
    site = work / f"fin-{secrets.token_hex(4)}"
    build(root, site, jobs=2)
    out = {}
    t0 = time.perf_counter()
    check.check_site(root)
    out["check_site (parent)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    htmlcheck.check_site(site, htmlcheck.load_allowlist(root), set())
    out["built-HTML security check of both languages at once (for comparison; (a) runs it per language)"] = \
        time.perf_counter() - t0
    for f in ("sitemap.xml", "robots.txt", "i18n-status.json", "_headers"):
        (site / f).unlink(missing_ok=True)
    shutil.rmtree(site / "api", ignore_errors=True)
    t0 = time.perf_counter()
    finalize.finalize(root, site, site_url=_resolve_tags(read_config(root)).get("site_url"))
    out["finalize (all of it)"] = time.perf_counter() - t0
    shutil.rmtree(site, ignore_errors=True)
    return out


# -- (d) synthetic sites -----------------------------------------------------------------------------

EN_PAGE = """---
title: Generated page {i}
description: A generated page for the build benchmark; it has headings, links, numbers, a table and a note.
last_reviewed: 2026-01-15
sources: [{source}]
---

# Generated page {i} {{ #generated-page }}

This page is generated by the build benchmark. It mentions the Senior Executive Service (SES), the
Executive Core Qualifications (ECQs) and the Qualifications Review Board (QRB), and it links to
[the home page](../index.md) and to [the details of the next generated page]({next}#details).
Its text is there to give the Markdown converter, the search indexer and the checks a realistic
amount of work: several paragraphs, a list, a table and an admonition.

## Figures {{ #figures }}

Since October 1, 2025 the figures below apply. The minimum rate was $151,661 in 2025, an increase
of 1.4% over the previous year, and the maximum for certified systems was $225,700.

| Year | Minimum | Change |
|---|---|---|
| 2023 | $141,022 | 4.1% |
| 2024 | $147,649 | 4.7% |
| 2025 | $151,661 | 2.7% |

## Details {{ #details }}

The applicant describes the experience in a résumé of at most 2 pages. Agencies review the résumé,
use an assessment and then send the case to the board, which decides whether the candidate meets
the qualifications. The steps are:

- **Announcement**: the agency publishes the vacancy and the closing date;
- **Review**: a panel rates the applicants against the qualifications;
- **Certification**: the board certifies the selected candidate;
- **Appointment**: the agency appoints the candidate to the position.

!!! note "Generated"
    This note exists so that each page has an admonition. The page is not part of the real site
    and is never committed; it is written into a temporary directory and deleted afterwards.

## Background {{ #background }}

The service was created to give the government a corps of executives who can move between
positions and agencies. Members are expected to lead people, manage resources and deliver
results; the qualifications describe what that means in practice. This paragraph, like the
others, is filler text of a typical length for a content page of this guide.
"""

SV_PAGE = """---
title: Genererad sida {i}
description: En genererad sida för byggmätningen; den har rubriker, länkar, tal, en tabell och en notis.
last_reviewed: 2026-01-15
sources: [{source}]
translation:
  source_hash: {hash}
---

# Genererad sida {i} {{ #generated-page }}

Den här sidan är genererad av byggmätningen. Den nämner Senior Executive Service (SES), de
grundläggande chefskvalifikationerna (ECQ) och kvalifikationsprövningsnämnden (QRB), och den länkar
till [startsidan](../index.md) och till [detaljerna på nästa genererade sida]({next}#details).
Texten ska ge Markdown-omvandlaren, sökindexeringen och kontrollerna en realistisk mängd arbete:
flera stycken, en lista, en tabell och en notis.

## Siffror {{ #figures }}

Sedan 1 oktober 2025 gäller siffrorna nedan. Den lägsta lönen var 151 661 USD år 2025, en ökning
med 1,4 % jämfört med året innan, och den högsta för certifierade system var 225 700 USD.

| År | Lägsta | Förändring |
|---|---|---|
| 2023 | 141 022 USD | 4,1 % |
| 2024 | 147 649 USD | 4,7 % |
| 2025 | 151 661 USD | 2,7 % |

## Detaljer {{ #details }}

Den sökande beskriver sin erfarenhet i ett cv på högst 2 sidor. Myndigheterna granskar cv:t,
använder en bedömning och skickar sedan ärendet till nämnden, som avgör om kandidaten uppfyller
kvalifikationerna. Stegen är:

- **Annons**: myndigheten publicerar tjänsten och sista ansökningsdag;
- **Granskning**: en panel bedömer de sökande mot kvalifikationerna;
- **Certifiering**: nämnden certifierar den utvalda kandidaten;
- **Tillsättning**: myndigheten tillsätter kandidaten i tjänsten.

!!! note "Genererad"
    Den här notisen finns för att varje sida ska ha en notis. Sidan ingår inte i den riktiga
    webbplatsen och checkas aldrig in; den skrivs till en tillfällig katalog och tas bort efteråt.

## Bakgrund {{ #background }}

Tjänsten skapades för att ge förvaltningen en kår av chefer som kan flytta mellan befattningar
och myndigheter. Medlemmarna förväntas leda människor, förvalta resurser och leverera resultat;
kvalifikationerna beskriver vad det innebär i praktiken. Det här stycket är, som de andra,
utfyllnadstext av typisk längd för en innehållssida i guiden.
"""

SYNTH_SECTION = 50  # generated pages per nav section


def synthetic_site(dest: Path, pages_per_lang: int) -> dict:
    """A copy of the project whose docs hold `pages_per_lang` pages per language: the real pages plus
    generated EN/SV twins under docs/<lang>/generated/, listed in the nav in sections of 50."""
    from . import data as datamod
    from .freshness import fingerprint
    from .pages import list_pages
    snapshot(dest)
    real = len(list_pages(dest / "docs", "en"))
    extra = pages_per_lang - real
    if extra < 1:
        raise SystemExit(f"bench: a synthetic site needs more than the {real} real pages per language")
    source = sorted(datamod.load(dest).sources)[0]
    for lang in LANGUAGES:
        (dest / "docs" / lang / "generated").mkdir(parents=True)
    names = [f"p{i:04d}.md" for i in range(1, extra + 1)]
    for i, name in enumerate(names, 1):
        nxt = names[i % len(names)]
        en = EN_PAGE.format(i=i, next=nxt, source=source)
        (dest / "docs" / "en" / "generated" / name).write_text(en, encoding="utf-8")
        sv = SV_PAGE.format(i=i, next=nxt, source=source, hash=fingerprint(en))
        (dest / "docs" / "sv" / "generated" / name).write_text(sv, encoding="utf-8")
    cfg = read_config(dest)
    sections = []
    for start in range(0, extra, SYNTH_SECTION):
        chunk = names[start:start + SYNTH_SECTION]
        sections.append({f"Generated {start + 1}–{start + len(chunk)}": [f"generated/{n}" for n in chunk]})
    cfg["nav"].append({"Generated": sections})
    write_config(dest / "mkdocs.yml", cfg)
    return {"real": real, "generated": extra}


# -- (e) page weight -----------------------------------------------------------------------------------

class _Assets(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []   # (kind, url)
        self.config_json = None
        self._in_config = False
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and a.get("href") and rel & {"stylesheet", "icon", "shortcut", "apple-touch-icon",
                                                        "preload", "modulepreload", "manifest"}:
            self.urls.append(("stylesheet" if "stylesheet" in rel else "icon" if rel & {"icon", "shortcut",
                              "apple-touch-icon"} else sorted(rel)[0], a["href"]))
        elif tag == "script" and a.get("src"):
            self.urls.append(("script", a["src"]))
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            self.urls.append(("image", a.get("src") or a["srcset"].split()[0]))
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True

    def handle_data(self, data):
        if self._in_config:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_config:
            self._in_config = False
            try:
                self.config_json = json.loads("".join(self._buf))
            except ValueError:
                self.config_json = None


CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def _local(site: Path, base_dir: str, url: str) -> Path | None:
    url = url.split("#")[0].split("?")[0]
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("//"):
        return None
    rel = url.lstrip("/") if url.startswith("/") else posixpath.normpath(posixpath.join(base_dir, url))
    p = site / rel
    if p.is_dir():
        p = p / "index.html"
    return p if p.is_file() else None


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def first_view(site: Path, page: str) -> dict:
    """Everything a first view of `page` downloads (search index excluded), each file counted once."""
    html_file = site / page / "index.html"
    html = html_file.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    base_dir = page.rstrip("/")
    files: dict[Path, str] = {html_file: "html"}
    for kind, url in parser.urls:
        p = _local(site, base_dir, url)
        if p is not None:
            files.setdefault(p, kind)
    # CSS references (fonts, images); Material's font is off (theme.font: false).
    for p, kind in list(files.items()):
        if kind == "stylesheet":
            css_dir = p.parent.relative_to(site).as_posix()
            for url in CSS_URL_RE.findall(p.read_text(encoding="utf-8", errors="replace")):
                q = _local(site, css_dir, url)
                if q is not None:
                    files.setdefault(q, "css-url")
    # Material's bundle starts the search worker at load (and fetches the index, excluded here); the
    # worker imports the lunr language support for a non-English index.
    cfg = parser.config_json or {}
    worker = (cfg.get("search") or "")
    index_dir = site / page.split("/")[0] / "search" if page.startswith("sv/") else site / "search"
    if worker:
        p = _local(site, base_dir, worker)
        if p is not None:
            files.setdefault(p, "search worker")
            langs = []
            idx = index_dir / "search_index.json"
            if idx.exists():
                langs = json.loads(idx.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
            lunr = p.parent.parent / "lunr"
            extra = []
            for lang in langs:
                if lang != "en":
                    extra.append(lunr / "min" / f"lunr.{lang}.min.js")
            if len(langs) > 1:
                extra.append(lunr / "min" / "lunr.multi.min.js")
            if extra:
                extra.insert(0, lunr / "min" / "lunr.stemmer.support.min.js")
            for q in extra:
                if q.is_file():
                    files.setdefault(q, "search language")
    rows = []
    for p, kind in files.items():
        data = p.read_bytes()
        rows.append({"file": p.relative_to(site).as_posix(), "kind": kind, "bytes": len(data), "gzip": gz(data)})
    return {"page": "/" + page, "files": rows, "total_gzip": sum(r["gzip"] for r in rows),
            "total_bytes": sum(r["bytes"] for r in rows)}


def content_pages(site: Path) -> list[str]:
    """Every published page of both languages ('' is the English home page), without the 404 pages
    and the redirect stubs of data/redirects.yml (which are not content)."""
    pages = []
    for f in sorted(site.rglob("index.html")):
        head = f.read_bytes()[:2048]
        if b'http-equiv="refresh"' in head:
            continue
        rel = f.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def weight_summary(views: list[dict], limit_kib: float) -> dict:
    totals = sorted(v["total_gzip"] for v in views)
    over = sorted((v for v in views if v["total_gzip"] > limit_kib * KIB), key=lambda v: -v["total_gzip"])
    return {"pages": len(views), "median": median(totals), "worst": over[0] if over else max(views, key=lambda v: v["total_gzip"]),
            "over": [{"page": v["page"], "total_gzip": v["total_gzip"],
                      "html_gzip": sum(f["gzip"] for f in v["files"] if f["kind"] == "html")} for v in over]}


def search_index_sizes(site: Path) -> dict:
    out = {}
    for lang, rel in (("en", "search/search_index.json"), ("sv", "sv/search/search_index.json")):
        data = (site / rel).read_bytes()
        docs = len(json.loads(data).get("docs", []))
        out[lang] = {"file": rel, "bytes": len(data), "gzip": gz(data), "entries": docs}
    return out


# -- (f) translator preview ------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - 127.0.0.1 only
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def _token() -> str:
    # letters only: a digit would be a number missing from the English twin (a source check error)
    return "matmarkor" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))


PREVIEW_FALLBACK = "BUILD_ONLY_LOCALE=sv $(PY) -m mkdocs serve --dirtyreload -a 127.0.0.1:8000"


def serve_sv_recipe() -> str:
    """The command `make serve-sv` runs, read from the Makefile (so a fix there is what gets measured)."""
    try:
        text = (ROOT / "Makefile").read_text(encoding="utf-8")
    except OSError:
        return PREVIEW_FALLBACK
    m = re.search(r"^serve-sv:.*\n((?:\t.*\n?)+)", text, re.M)
    if not m:
        return PREVIEW_FALLBACK
    lines = [ln.strip() for ln in m.group(1).splitlines() if "mkdocs" in ln and "serve" in ln]
    return lines[0].lstrip("@") if lines else PREVIEW_FALLBACK


def preview_command(recipe: str, port: int) -> tuple[list[str], dict]:
    import shlex
    words = shlex.split(recipe)
    env = {}
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        k, v = words.pop(0).split("=", 1)
        env[k] = v
    cmd = [sys.executable if w in ("$(PY)", "${PY}") else w for w in words]
    if "-a" in cmd:
        cmd[cmd.index("-a") + 1] = f"127.0.0.1:{port}"
    else:
        cmd += ["-a", f"127.0.0.1:{port}"]
    return cmd, env


def preview(root: Path, edits: int, recipe: str, timeout: float = 60.0) -> dict:
    """Start the preview server in `root` (a copy), edit one Swedish page `edits` times, time each rebuild."""
    port = _free_port()
    logf = root / f"serve-{port}.log"
    cmd, env = preview_command(recipe, port)
    shown = " ".join(f"{k}={v}" for k, v in env.items()) + " " + " ".join(
        "python" if c == sys.executable else c for c in cmd)
    res = {"command": shown.strip(), "times": [], "timeouts": 0}
    with open(logf, "w", encoding="utf-8") as lf:
        proc = subprocess.Popen(cmd, cwd=root, env=mkdocs_env(env.get("BUILD_ONLY_LOCALE", "sv"), env),
                                stdout=lf, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        t0 = time.perf_counter()
        base = None
        while time.perf_counter() - t0 < 120:
            m = re.search(r"Serving on (http://\S+)", logf.read_text(encoding="utf-8", errors="replace"))
            if m:
                base = m.group(1).rstrip("/") + "/"
                if _get(base) is not None:
                    break
            if proc.poll() is not None:
                out = logf.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                why = [ln for ln in out if ln.startswith(("WARNING", "ERROR")) or "Aborted" in ln]
                res["error"] = f"the server exited (code {proc.returncode}) before serving: " + " / ".join(why or out[-3:])
                return res
            time.sleep(0.05)
        else:
            res["error"] = "the server did not start within 120 s"
            return res
        res["startup"] = time.perf_counter() - t0
        url = base + PREVIEW_PAGE[:-3] + "/"
        res["url"] = url.replace(base, "/")
        if _get(url) is None:
            res["error"] = f"{url} is not served"
            return res
        page = root / "docs" / "sv" / PREVIEW_PAGE
        original = page.read_text(encoding="utf-8")
        for i in range(edits):
            time.sleep(1.0)   # let the watcher settle after the previous rebuild
            wait_quiet()
            tok = _token()
            t0 = time.perf_counter()
            page.write_text(original.rstrip("\n") + f"\n\nMätmarkör {tok}.\n", encoding="utf-8")
            while True:
                body = _get(url)
                if body and tok in body:
                    res["times"].append(time.perf_counter() - t0)
                    break
                if time.perf_counter() - t0 > timeout:
                    res["timeouts"] += 1
                    res["times"].append(float("inf"))
                    break
                time.sleep(0.05)
            log(f"  preview edit {i + 1}: {fmt_s(res['times'][-1])}")
        page.write_text(original, encoding="utf-8")
        rebuilt = re.findall(r"Documentation built in ([\d.]+) seconds", logf.read_text(encoding="utf-8", errors="replace"))
        res["mkdocs_reported"] = [float(x) for x in rebuilt[1:]]
        return res
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def preview_all(tmp: Path, edits: int) -> list[dict]:
    """`make serve-sv` as the Makefile has it; if that cannot serve, the two ways it could work."""
    recipe = serve_sv_recipe()
    variants = [("make serve-sv, as in the Makefile", recipe)]
    if not re.search(r"--dirty(reload)?\b", recipe):
        variants.append(("for comparison: dirty rebuilds, which need --no-strict because MkDocs warns about them",
                         recipe.replace(" serve ", " serve --dirty --no-strict ", 1)))
    out = []
    for i, (label, rec) in enumerate(variants):
        log(f"  {label}: {rec}")
        r = preview(snapshot(tmp / f"preview-{i}"), edits, rec)
        r["label"] = label
        out.append(r)
        if "error" in r and i == 0:
            log(f"  -> {r['error']}")
            base = re.sub(r"\s+--(dirtyreload|dirty)\b", "", rec)
            if "--no-strict" not in rec:
                variants.append(("with --no-strict (MkDocs warns about dirty builds, strict aborts on it)",
                                 rec.replace(" serve ", " serve --no-strict ", 1)))
            if base != rec:
                variants.append(("without --dirtyreload (full one-language rebuild, strict)", base))
    return out


# -- machine, report -------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass

    def ver(pkg):
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "not installed"

    def git(*args):
        try:
            r = subprocess.run(["git", "--no-optional-locks", "-C", str(ROOT), *args], capture_output=True, text=True,
                               timeout=10)
            return r.stdout.strip() if r.returncode == 0 else ""
        except (OSError, subprocess.TimeoutExpired):
            return ""
    changed = git("status", "--porcelain", "--untracked-files=no")
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "os": platform.platform(),
            "python": platform.python_version(), "mkdocs": ver("mkdocs"), "material": ver("mkdocs-material"),
            "i18n": ver("mkdocs-static-i18n"), "markdown": ver("Markdown"), "pyyaml": ver("PyYAML"),
            "commit": git("rev-parse", "--short", "HEAD") or "unknown",
            "modified_files": len(changed.splitlines()) if changed else 0}


def verdict(key: str, value: float) -> str:
    return "PASS" if value <= TARGETS[key][1] else "FAIL"


def fmt_s(v: float) -> str:
    return "–" if v != v else (f"{v:.2f} s" if v != float("inf") else "timeout")


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
    L.append(f"Written by `make bench` (`python -m sesguide.bench`) on {r['date']}; the whole run took "
             f"{r['duration'] / 60:.1f} min. Re-run it after changes that may affect build time or page weight; "
             "these are measurements, not tests.")
    L.append("")
    L.append(f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['os']}. "
             f"Python {m['python']}, MkDocs {m['mkdocs']}, Material for MkDocs {m['material']}, "
             f"mkdocs-static-i18n {m['i18n']}, Markdown {m['markdown']}, PyYAML {m['pyyaml']}.")
    L.append(f"**Sources:** commit {m['commit']} with {m['modified_files']} modified tracked file(s), copied with "
             "`.git` into a temporary directory before measuring.")
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
    L.append(f"Median of {r['runs']} runs after one discarded warm-up run, unless a row says otherwise. The "
             f"machine is shared: before each run the benchmark waits (up to {QUIET_WAIT_MAX:.0f} s, {QUIET_WAIT_BUDGET:.0f} s "
             f"in all) for the CPUs to be idle, and a run during which other processes used more than "
             f"{ACCEPT_SHARE:.0%} of the CPUs is repeated (up to {MAX_ATTEMPTS} attempts, 2 for the largest synthetic "
             f"site, none after {RETRY_DEADLINE / 60:.0f} minutes; then the least disturbed attempt counts). \"Own CPU\" is the CPU time of the "
             "benchmark and its child processes (user + system), which other load changes less than wall time.")
    L.append("")
    L.append("| | what | median | own CPU | others' CPU share | repeated | runs (s) |")
    L.append("|---|---|---|---|---|---|---|")
    for key, desc in (("a", "full strict bilingual build, jobs=2 (check, en ∥ sv, merge, finalize)"),
                      ("a_seq", "full strict bilingual build, jobs=1 (en then sv)"),
                      ("b", "English only: one `mkdocs build --strict`"),
                      ("c", "hooks disabled: en ∥ sv `mkdocs build --strict`, no check/finalize")):
        if key in r["times"]:
            ts = r["times"][key]
            label = {"a_seq": "a′"}.get(key, key)
            L.append(f"| {label} | {desc} | {fmt_s(median(ts))} | {_cpu_cells(r, label)} | "
                     f"{', '.join(f'{t:.2f}' for t in ts)} |")
    if "a_parts" in r:
        p = r["a_parts"]
        L.append("")
        L.append(f"Inside (a), medians: source check in the parent {p['check']:.2f} s (overlapping the start of "
                 f"the language processes); English process {p['build_en']:.2f} s, Swedish process "
                 f"{p['build_sv']:.2f} s (in parallel); everything outside the language processes (digest, "
                 f"merge, finalize, swap) {p['after']:.2f} s.")
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
        L.append("Instrumented `mkdocs build` runs (in-process timers around the hook functions and the sesguide "
                 "functions they call; the rows starting with … overlap with the hook rows). The processes of (a) get "
                 "the environment build() gives them (" + ", ".join(f"`{k}`" for k in r.get("hooks_env", [])) +
                 "), captured from a real build.")
        L.append("")
        L.append("| | " + " | ".join(r["hooks"]) + " |")
        L.append("|---|" + "---|" * len(r["hooks"]))
        rows = {}
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
        L.append(f"Each site is a copy of the project (with .git) whose docs hold N pages per language: the "
                 f"{s['real']} real pages plus N − {s['real']} generated EN/SV twins (front matter, heading IDs, the "
                 f"same numbers in both languages, stamped translation fingerprints, links, a table, a list and "
                 f"an admonition; untracked in git), listed in the nav in sections of {SYNTH_SECTION}.")
        L.append("")
        L.append("| pages per language | runs | median | per page | check · en ∥ sv · merge+finalize | own CPU | "
                 "others' CPU share | repeated | runs (s) |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        for n, d in s["sizes"].items():
            ts, p = d["times"], d["parts"]
            L.append(f"| {n} | {len(ts)}{' (no warm-up)' if d['warmup'] == 0 else ''} | {fmt_s(median(ts))} | "
                     f"{median(ts) / int(n) * 1000:.0f} ms | {p['check']:.1f} · {p['build_en']:.1f} ∥ "
                     f"{p['build_sv']:.1f} · {p['after']:.1f} s | {_cpu_cells(r, 'd' + n)} | "
                     f"{', '.join(f'{t:.2f}' for t in ts)} |")
        if s.get("note"):
            L.append("")
            L.append(s["note"])
    if "weight" in r:
        L.append("")
        L.append("## Page weight (e), gzip -9")
        L.append("")
        L.append("First view: the HTML plus every stylesheet, script, image and icon it references, the files "
                 "those stylesheets reference, and the search worker (with its lunr language files) that "
                 "Material's bundle starts at load; each file counted once. The search index, which the bundle "
                 "also fetches, is reported on its own.")
        L.append("")
        a = r["weight"].get("all")
        if a:
            L.append(f"Every content page of both languages ({a['pages']} pages, redirect stubs and 404 pages "
                     f"excluded): median {a['median'] / KIB:.1f} KiB, worst {a['worst']['total_gzip'] / KIB:.1f} KiB "
                     f"({a['worst']['page']}); {len(a['over'])} over {TARGETS['first_view'][1]:.0f} KiB:")
            L.append("")
            if a["over"]:
                L.append("| page over the limit | first view | the page's HTML | everything else (theme, search code) |")
                L.append("|---|---|---|---|")
                for o in a["over"]:
                    L.append(f"| {o['page']} | {o['total_gzip'] / KIB:.1f} KiB | {o['html_gzip'] / KIB:.1f} KiB | "
                             f"{(o['total_gzip'] - o['html_gzip']) / KIB:.1f} KiB |")
                L.append("")
                shared = min(o["total_gzip"] - o["html_gzip"] for o in a["over"]) / KIB
                limit = TARGETS["first_view"][1]
                L.append(f"The files every page of that language loads are {shared:.1f} KiB, which leaves "
                         f"{limit - shared:.1f} KiB under the limit for a page's own HTML; the pages above need more "
                         "for their content alone.")
                L.append("")
            L.append("File by file, for a typical content page in each language:")
            L.append("")
        for w in r["weight"]["pages"]:
            search = sum(f["gzip"] for f in w["files"] if f["kind"] in ("search worker", "search language"))
            L.append(f"**{w['page']}**: {w['total_gzip'] / KIB:.1f} KiB gzip ({w['total_bytes'] / KIB:.1f} KiB raw); "
                     f"of which {search / KIB:.1f} KiB is the search worker and its language files, so "
                     f"{(w['total_gzip'] - search) / KIB:.1f} KiB without any search code.")
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
        L.append(f"The server runs in a copy of the project on a free 127.0.0.1 port. After the first build, "
                 f"docs/sv/{PREVIEW_PAGE} is edited (a new word appended) {len(r['preview'][0]['times']) or 'n'} times; "
                 "each edit is timed from writing the file until the served page (polled every 50 ms, at most 60 s) "
                 "contains the new word. MkDocs' own \"Documentation built in\" figure for each rebuild is shown "
                 "beside it (the rest is the file watcher's delay and serving).")
        L.append("")
        L.append("| command | first build | rebuild after an edit, median | runs | MkDocs-reported build times (s) |")
        L.append("|---|---|---|---|---|")
        for p in r["preview"]:
            cmd = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", p["command"])
            if "error" in p:
                L.append(f"| `{cmd}` ({p['label']}) | **does not start**: {p['error']} | – | – | – |")
                continue
            L.append(f"| `{cmd}` ({p['label']}) | {p['startup']:.2f} s | {fmt_s(median(p['times']))} | "
                     f"{', '.join(fmt_s(t) for t in p['times'])} | "
                     f"{', '.join(f'{t:.2f}' for t in p.get('mkdocs_reported', []))} |")
    L.append("")
    L.append("## Commands")
    L.append("")
    L.append("```sh")
    L.append("make bench          # = .venv/bin/python -m sesguide.bench  (options: --help)")
    L.append("# what each section runs, in the temporary copy of the project:")
    L.append("# a   python -c 'from sesguide.build import build; build(ROOT, TMP/site, jobs=2)'   (= python -m sesguide build --jobs 2)")
    L.append("# a′  the same with jobs=1")
    L.append("# b   BUILD_ONLY_LOCALE=en python -m mkdocs build --strict --clean -d TMP/en")
    L.append("# c   BUILD_ONLY_LOCALE=en python -m mkdocs build --strict --clean -f mkdocs.nohooks-en.yml -d TMP/en &")
    L.append("#     BUILD_ONLY_LOCALE=sv python -m mkdocs build --strict --clean -f mkdocs.nohooks-sv.yml -d TMP/sv; wait")
    L.append("# d   the build of (a) on generated copies with 50, 200 and 500 pages per language")
    L.append("# e   gzip -9 of the files of a first view in the output of (a)")
    if r.get("preview"):
        L.append("# f   the serve-sv recipe of the Makefile, on a free port: "
                 + re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", r["preview"][0]["command"]))
    else:
        L.append("# f   the serve-sv recipe of the Makefile, on a free port")
    L.append("```")
    L.append("")
    return "\n".join(L)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sesguide.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="counted runs per measurement (default 5)")
    ap.add_argument("--large-runs", type=int, default=3, help="runs for the largest synthetic site (default 3)")
    ap.add_argument("--sizes", default="50,200,500", help="synthetic site sizes, pages per language")
    ap.add_argument("--only", default="a,b,c,h,d,e,f", help="sections to run (default all: a,b,c,h,d,e,f)")
    ap.add_argument("--edits", type=int, default=5, help="preview edits (default 5)")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write bench/RESULTS.md")
    ap.add_argument("--output", help="write the Markdown report here instead of bench/RESULTS.md (no JSON)")
    ap.add_argument("--report", metavar="JSON", help="only re-write the Markdown report from the raw numbers of an "
                    "earlier run (bench/results-<time>.json); nothing is measured")
    args = ap.parse_args(argv)
    if args.report:
        r = json.loads(Path(args.report).read_text(encoding="utf-8"))
        out = Path(args.output) if args.output else ROOT / "bench" / "RESULTS.md"
        out.write_text(report(r), encoding="utf-8")
        log(f"Wrote {out} from {args.report}")
        return 0
    only = set(args.only.split(","))
    runs = max(1, args.runs)
    started = time.perf_counter()
    r: dict = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
               "runs": runs, "times": {}, "checks": {}}
    m = r["machine"]
    log(f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; Python {m['python']}, MkDocs {m['mkdocs']}, "
        f"Material {m['material']}, i18n {m['i18n']}")
    with tempfile.TemporaryDirectory(prefix="sesguide-bench-") as tmp:
        tmp = Path(tmp)
        snap = snapshot(tmp / "project")
        work = tmp / "out"
        work.mkdir()
        if "a" in only:
            log("(a) full strict bilingual build, jobs=2")
            ts, res = timed_runs(lambda: run_full(snap, work, 2), runs, label="a", cleanup=clean(work))
            r["times"]["a"] = ts
            r["a_parts"] = _parts(res)
            log("(a′) full strict bilingual build, jobs=1")
            r["times"]["a_seq"], _ = timed_runs(lambda: run_full(snap, work, 1), runs, label="a′",
                                               cleanup=clean(work))
        if "b" in only:
            log("(b) English-only build")
            r["times"]["b"], _ = timed_runs(lambda: run_english_only(snap, work), runs, label="b", cleanup=clean(work))
        if "c" in only:
            log("(c) hooks disabled (static config copies, en ∥ sv)")
            configs = no_hooks_configs(snap)
            r["times"]["c"], _ = timed_runs(lambda: run_no_hooks(snap, work, configs), runs, label="c",
                                           cleanup=clean(work))
        if "h" in only:
            log("(h) time inside the hooks of one language build")
            r["hooks"] = {}
            env_a = child_env_of_build(snap, work)
            hook_profile(snap, work, "en")  # warm-up
            for label, lang, extra in (("en, plain `mkdocs build` (as b)", "en", None),
                                       ("en process of (a)", "en", env_a.get("en")),
                                       ("sv process of (a)", "sv", env_a.get("sv"))):
                r["hooks"][label] = hook_profile(snap, work, lang, extra)
            r["hooks_env"] = sorted({k for e in env_a.values() for k in e})
            clean(work)()
            r["finalize"] = finalize_profile(snap, work)
        if "d" in only:
            sizes = [int(x) for x in args.sizes.split(",") if x]
            r["synthetic"] = {"sizes": {}}
            for n in sizes:
                dest = tmp / f"synthetic-{n}"
                info = synthetic_site(dest, n)
                r["synthetic"]["real"] = info["real"]
                large = n == max(sizes) and len(sizes) > 1
                n_runs, warm = (max(1, args.large_runs), 0) if large else (runs, 1)
                log(f"(d) synthetic site, {n} pages per language ({info['generated']} generated), {n_runs} runs")
                ts, res = timed_runs(lambda: run_full(dest, work, 2), n_runs, warmup=warm, label=f"d{n}",
                                     cleanup=clean(work), max_attempts=2 if large else None)
                r["synthetic"]["sizes"][str(n)] = {"times": ts, "warmup": warm, "parts": _parts(res)}
                shutil.rmtree(dest, ignore_errors=True)
            if len(sizes) > 1:
                big = max(sizes)
                r["synthetic"]["note"] = (f"The {big}-page site is measured with {max(1, args.large_runs)} runs and no "
                                          f"warm-up run to keep the benchmark under about 10 minutes.")
        if "e" in only:
            log("(e) page weight")
            site = work / "weight-site"
            build(snap, site, jobs=2)
            views = [first_view(site, p) for p in content_pages(site)]
            r["weight"] = {"pages": [v for v in views if v["page"].lstrip("/") in WEIGHT_PAGES],
                           "all": weight_summary(views, TARGETS["first_view"][1]),
                           "search": search_index_sizes(site)}
        if "f" in only:
            log("(f) translator preview (make serve-sv)")
            r["preview"] = preview_all(tmp, max(1, args.edits))

    # ratios and verdicts
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
        sz = r["synthetic"]["sizes"]
        keys = sorted(sz, key=int)
        if len(keys) > 1:
            lo, hi = keys[0], keys[-1]
            v = median(sz[hi]["times"]) / median(sz[lo]["times"])
            ratios[f"t({hi})/t({lo})"] = v
            if (lo, hi) == ("50", "500"):
                r["checks"]["t500/t50"] = (v, f"{v:.2f} × ({median(sz[hi]['times']):.1f} s / "
                                              f"{median(sz[lo]['times']):.1f} s)")
    r["ratios"] = ratios
    if "preview" in r:
        first = r["preview"][0]
        if "error" in first:
            shown = "make serve-sv does not start"
            for p in r["preview"][1:]:
                if "error" not in p:
                    shown += f"; {fmt_s(median(p['times']))} with `{p['command']}`"
            r["checks"]["preview"] = (float("inf"), shown)
        else:
            v = median(first["times"])
            r["checks"]["preview"] = (v, fmt_s(v))
    if "weight" in r:
        a = r["weight"]["all"]
        worst = a["worst"]
        r["checks"]["first_view"] = (worst["total_gzip"] / KIB, (
            f"worst {worst['total_gzip'] / KIB:.1f} KiB ({worst['page']}), median {a['median'] / KIB:.1f} KiB; "
            f"{a['pages'] - len(a['over'])} of {a['pages']} pages within the limit"))
        s = r["weight"]["search"]
        r["checks"]["search_index"] = (max(x["gzip"] for x in s.values()) / KIB, " / ".join(
            f"{x['gzip'] / KIB:.1f} KiB ({lang})" for lang, x in s.items()))
    r["duration"] = time.perf_counter() - started

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
    r["contention"] = CONTENTION
    r["quiet_wait"] = _waited[0]
    text = report(r)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    elif not args.no_write:
        out = ROOT / "bench"
        out.mkdir(exist_ok=True)
        (out / "RESULTS.md").write_text(text, encoding="utf-8")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        (out / f"results-{stamp}.json").write_text(json.dumps(r, indent=1, default=str, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
        log(f"\nWrote bench/RESULTS.md and bench/results-{stamp}.json ({r['duration'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
