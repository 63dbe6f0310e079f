"""The site build: each language in its own MkDocs process, in parallel, merged, checked, swapped in.

1. Source checks (the same as `python -m sesguide check`), all problems at once.
2. `mkdocs build --strict` once per language (BUILD_ONLY_LOCALE=en|sv) into a temporary
   directory next to site/, in parallel (or one after the other with jobs=1).
3. Merge: English at the root, Swedish under sv/; then the site-wide files (sitemap, robots.txt,
   JSON API, translation status, redirect stubs; made while the last language process still runs)
   and the built-HTML security check.
   Each language process checks its own built HTML (in parallel); finalize checks what it adds.
   The search index (Pagefind) is built in the background while the theme's two copies are
   shared, its stylesheet purged and our assets fingerprinted, and every page is relinked once
   (SearchIndex, _Run.post_process).
4. Only if everything passed: the new tree replaces site/. A failed build leaves site/ untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

# Only what starting the language processes needs is imported here: the checker, finalize and the
# post-processing load (jsonschema, Jinja, tinycss2, ...) inside build() while those processes
# start on the other core, instead of before them.
from . import LANGUAGES
from .options import ENV, BuildOptions
from .problems import ProblemsFound
from .searchindex import SearchIndex, copy_for_search, finish_search
from .sourcefiles import sources_digest
from .urls import base_site_url, configured_site_url, prefix, site_path

if TYPE_CHECKING:
    from . import data as datamod


@dataclass
class LangResult:
    lang: str
    returncode: int
    output: str
    seconds: float


def mkdocs_env(lang: str, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop(ENV["site_url"], None)  # the build's options say which public root; nothing inherited does
    env.update(
        {
            "BUILD_ONLY_LOCALE": lang,
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra or {})
    return env


def _start(root: Path, lang: str, out: Path, config: str, env_extra: dict | None):
    """One language's `mkdocs build`, with `env_extra` (that language's options) in its environment."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config, "-d", str(out)]
    return subprocess.Popen(
        cmd, cwd=root, env=mkdocs_env(lang, env_extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


class _OneByOne:
    """The language processes started one by one (`python -m mkdocs build` each), where there is no
    os.fork; results in the order the languages were started."""

    def __init__(self, root: Path, work: Path, jobs: int, config: str, envs: dict[str, dict]):
        self.args = (root, work, config, envs)
        self.pending, self.jobs = list(LANGUAGES), max(1, jobs)
        self.running: list[tuple[str, float, subprocess.Popen]] = []
        self._fill()

    def _fill(self) -> None:
        root, work, config, envs = self.args
        while self.pending and len(self.running) < self.jobs:
            lang = self.pending.pop(0)
            self.running.append((lang, time.perf_counter(), _start(root, lang, work / lang, config, envs.get(lang))))

    def results(self):
        while self.running:
            lang, t0, proc = self.running.pop(0)
            output, _ = proc.communicate()
            self._fill()
            yield LangResult(lang, proc.returncode, output, time.perf_counter() - t0)

    def kill(self) -> None:
        for _, _, proc in self.running:
            proc.kill()
            proc.communicate()


class _Forked:
    """The language processes forked from one process that has loaded MkDocs once (langprocs.py);
    results in the order the languages end."""

    def __init__(self, root: Path, work: Path, jobs: int, config: str, envs: dict[str, dict]):
        self.work, self.t0 = work, time.perf_counter()
        cmd = [sys.executable, "-m", "sesguide.langprocs", *LANGUAGES, "--work", str(work), "--config", config]
        cmd += ["--jobs", str(jobs), "--options", json.dumps(envs)]
        self.log = open(work / "langprocs.log", "w+", encoding="utf-8")  # noqa: SIM115  (closed in results/kill)
        # its own process group: stopping the build stops the forked language processes too
        self.proc = subprocess.Popen(
            cmd,
            cwd=root,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )

    def results(self):
        assert self.proc.stdout is not None
        ended = set()
        for line in self.proc.stdout:
            r = json.loads(line)
            ended.add(r["lang"])
            output = (self.work / f"{r['lang']}.log").read_text(encoding="utf-8", errors="replace")
            # seconds since the processes were started, the shared start-up included (as _OneByOne)
            yield LangResult(r["lang"], r["returncode"], output, time.perf_counter() - self.t0)
        self.proc.wait()
        self.log.seek(0)
        failure = self.log.read().strip()
        self.log.close()
        for lang in LANGUAGES:  # the forking process itself failed before this language ended
            if lang not in ended:
                yield LangResult(lang, self.proc.returncode or 1, failure, 0.0)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.communicate()
        self.log.close()


def _launcher():
    return _Forked if hasattr(os, "fork") else _OneByOne


def build_languages(
    root: Path,
    work: Path,
    jobs: int = 2,
    config: str = "mkdocs.yml",
    envs: dict[str, dict] | None = None,
    check_first=None,
    after_first=None,
) -> list[LangResult]:
    """Build each language in its own process (at most `jobs` at a time), each with the extra
    environment `envs[lang]`. `check_first`, if given, runs in this process while the first
    builds start; if it returns problems, the builds are stopped and BuildFailed is raised with
    the report. `after_first(result)`, if given, runs here once the first language process has
    ended: a core is free while the last one finishes."""
    processes = _launcher()(root, work, jobs, config, envs or {})
    if check_first is not None:
        problems = check_first()
        if problems:
            processes.kill()
            raise BuildFailed(ProblemsFound(problems, "The site sources have problems").report())
    results = []
    for result in processes.results():
        results.append(result)
        if after_first is not None:
            after_first(result)
            after_first = None
    return sorted(results, key=lambda r: LANGUAGES.index(r.lang))


def warnings_in(output: str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.startswith(("WARNING", "ERROR")) or " WARNING " in ln]


class BuildFailed(Exception):
    pass


def _checker(root: Path, loaded: list, timing: dict):
    """The source check, for build_languages to run here while the language processes start;
    the data it loads go into `loaded` (finalize uses them), its time into timing["check"]."""

    def check_first() -> list:
        from . import check
        from . import data as datamod

        t = time.perf_counter()
        try:
            loaded.append(datamod.load(root))
        except ProblemsFound:
            return check.check_site(root)  # reports the data problems with all the others
        problems = check.check_site(root, site=loaded[0])
        timing["check"] = time.perf_counter() - t
        return problems

    return check_first


def _stop_on_failure(results: list[LangResult], site_dir: Path) -> None:
    """A language build that failed or printed a warning (strict) stops the whole build."""
    parts = [
        f"--- {r.lang} build (exit {r.returncode}) ---\n{r.output.strip()}"
        for r in results
        if r.returncode != 0 or warnings_in(r.output)
    ]
    if parts:
        raise BuildFailed("\n".join(parts) + f"\nThe build failed; {site_dir} was left as it was.")


def build(
    root: Path,
    site_dir: Path | None = None,
    jobs: int = 2,
    config: str = "mkdocs.yml",
    options: BuildOptions | None = None,
    purge_css: bool = True,
) -> dict:
    """Build the whole site into site_dir atomically. Returns timings; raises BuildFailed.

    ``options`` come from the caller (the CLI reads them from the environment); the language
    processes get them, plus the digest of what this process checks, through theirs.
    ``purge_css=False`` keeps Material's full stylesheet (to compare against the purged one)."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    t0 = time.perf_counter()
    options = options or BuildOptions()
    # The language processes start at once; the source checks run here meanwhile. The processes
    # skip the same checks (the digest says what was checked); if the checks fail, they are
    # stopped and nothing is written. They exit as soon as their pages are written (exit_at_once).
    child = replace(options, checked_digest=sources_digest(root), html_check=True, exit_at_once=True)
    # Each language process checks its own built HTML, except the last: that one ends last, and the
    # build checks its pages here (post_process), beside its search index, instead of after it.
    envs = {lang: replace(child, html_check=lang != LANGUAGES[-1]).to_env() for lang in LANGUAGES}
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    run = _Run(root, config, options, purge_css, Path(tempfile.mkdtemp(prefix=".build-", dir=site_dir.parent)))
    try:
        results = build_languages(
            root,
            run.work,
            jobs,
            config,
            envs,
            check_first=_checker(root, run.loaded, run.timing),
            after_first=run.while_last_runs,
        )
        _stop_on_failure(results, site_dir)
        merged = run.merge()
        run.post_process(merged)
        run.swap_in(merged, site_dir)
        return {
            "total": time.perf_counter() - t0,
            "check": run.timing["check"],
            "css_purge": run.timing.get("css_purge", 0.0),
            "search_index": run.timing.get("search_index", 0.0),
            **{f"build_{r.lang}": r.seconds for r in results},
            "logs": {r.lang: r.output for r in results},
        }
    except ProblemsFound as exc:
        raise BuildFailed(exc.report() + f"\nThe build failed; {site_dir} was left as it was.") from None
    finally:
        run.close()


@dataclass
class _Run:
    """One build's working state, in the temporary folder ``work`` beside site/: what the check
    loaded (finalize uses it) and what was made while the last language process ran."""

    root: Path
    config: str
    options: BuildOptions
    purge_css: bool
    work: Path
    timing: dict = field(default_factory=dict)
    loaded: list[datamod.SiteData] = field(default_factory=list)  # filled by the check
    prepared: list = field(default_factory=list)  # [finalize.SiteFiles or the exception making them]
    parsed_css: dict = field(default_factory=dict)
    indexes: dict[str, SearchIndex] = field(default_factory=dict)  # each language's, once started

    def start_index(self, lang: str) -> None:
        """Copy the language's pages for Pagefind and start indexing them (SearchIndex)."""
        copy_for_search(self.work / lang, lang, self.work / f"search-{lang}")
        self.indexes[lang] = SearchIndex(self.work / f"search-{lang}", lang, self.work / f"pagefind-{lang}")

    def while_last_runs(self, first: LangResult) -> None:
        """While the last language process runs, one core is free: the first language's pages are
        indexed, the site-wide files (they need no built page) made, and the theme's stylesheet
        (the same in each language) tokenized for the purge."""
        from . import csspurge, finalize

        try:
            if first.returncode == 0:
                self.start_index(first.lang)
            site_url = self.options.site_url or configured_site_url(self.root, self.config)
            self.prepared.append(finalize.prepare(self.root, site_url, self.loaded[0]))
        except Exception as exc:  # raised by merge(), after the language builds' own errors
            self.prepared.append(exc)
        if self.purge_css and first.returncode == 0:
            self.parsed_css.update(csspurge.parse_theme(self.work / first.lang))

    def merge(self) -> Path:
        """The default language at the root, the others under their prefix. Pagefind indexes the
        pages as the language builds wrote them (the steps after the merge add only files it does
        not index, and change only asset addresses), from a copy, so it never sees a page half
        rewritten by those steps."""
        if isinstance(self.prepared[0], Exception):
            raise self.prepared[0]
        for lang in LANGUAGES:
            if lang not in self.indexes:
                self.start_index(lang)
        merged = self.work / "site"
        for lang in LANGUAGES:
            (self.work / lang).rename(merged / prefix(lang) if prefix(lang) else merged)
        return merged

    def post_process(self, site: Path) -> None:
        """The site-wide files and their check (finalize); one copy of the theme for both languages,
        the theme's stylesheet purged, our assets fingerprinted, every page relinked once; the search
        index (started language by language); _headers (security headers and the cache rules of assets.py)."""
        from . import assets, csspurge, finalize, htmlcheck

        self.check_html(site, LANGUAGES[-1])
        site_url = finalize.finalize(self.root, site, collect_csp=self.options.collect_csp, prepared=self.prepared[0])
        assets.drop_theme_bundle(site)
        assets.share(site)
        stylesheets: dict[str, str] = {}
        if self.purge_css:
            t = time.perf_counter()
            stylesheets = csspurge.purge_sheets(site, self.parsed_css)[1]
            self.timing["css_purge"] = time.perf_counter() - t
        assets.relink(site, site_path(base_site_url(site_url)), assets.fingerprint(site), stylesheets)
        self.timing["search_index"] = finish_search([self.indexes[lang] for lang in LANGUAGES], site)
        (site / "_headers").write_text(
            assets.headers_file(site, htmlcheck.headers(htmlcheck.load_allowlist(self.root))), encoding="utf-8"
        )

    def check_html(self, site: Path, lang: str) -> None:
        """The built-HTML security check of one language's pages (the other languages' processes
        checked theirs), before finalize adds the redirect stubs (it checks those itself)."""
        from . import htmlcheck

        allow = htmlcheck.allowlist(self.root, self.options.collect_csp)
        # (the default language is at the root: its check would cover every language's pages)
        problems = htmlcheck.check_site(site / prefix(lang), allow, set(), shown_prefix="site/" + prefix(lang))
        if problems:
            raise ProblemsFound(problems, "The built pages failed the security check")

    def swap_in(self, merged: Path, site_dir: Path) -> None:
        """The old site survives until the new one is complete and checked."""
        if site_dir.exists():
            site_dir.rename(self.work / "old")
        merged.rename(site_dir)

    def close(self) -> None:
        for index in self.indexes.values():
            index.join()  # a step beside it failed: let Pagefind finish before its copy is removed
        shutil.rmtree(self.work, ignore_errors=True)
