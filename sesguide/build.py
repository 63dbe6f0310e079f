"""The site build: each language in its own MkDocs process, in parallel, merged, checked, swapped in.

1. Source checks (the same as `python -m sesguide check`), all problems at once.
2. `mkdocs build --strict` once per language (BUILD_ONLY_LOCALE=en|sv) into a temporary
   directory next to site/, in parallel (or one after the other with jobs=1).
3. Merge: English at the root, Swedish under sv/; then the site-wide files (sitemap, robots.txt,
   JSON API, translation status, redirect stubs; made while the last language process still runs)
   and the built-HTML security check.
   Each language process but one checks its own built HTML (in parallel); this process checks
   the other one's (CHECKED_HERE) and what finalize adds.
   The search index (Pagefind) is built in the background while the theme's two copies are
   shared, its stylesheet purged and our assets fingerprinted, and every page is relinked once
   (SearchIndex, _Run.post_process).
4. Only if everything passed: the new tree replaces site/. A failed build leaves site/ untouched.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

# Only what starting the language processes needs is imported here: the checker, finalize and the
# post-processing load (jsonschema, Jinja, tinycss2, ...) inside build() while those processes
# start on the other core, instead of before them.
from . import LANGUAGES
from .langprocs import LangResult, launcher
from .options import BuildOptions
from .problems import ProblemsFound
from .searchindex import SearchIndex, copy_for_search, finish_search
from .sourcefiles import sources_digest
from .urls import base_site_url, configured_site_url, prefix, site_path

if TYPE_CHECKING:
    from . import data as datamod


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
    processes = launcher()(root, work, jobs, config, envs or {})
    results = []
    try:
        problems = check_first() if check_first is not None else []
        if problems:
            raise BuildFailed(ProblemsFound(problems, "The site sources have problems").report())
        for result in processes.results():
            results.append(result)
            if after_first is not None:
                after_first(result)
                after_first = None
    except BaseException:  # failed checks, an error here, Ctrl-C: the language processes stop too
        processes.kill()
        raise
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
    # Each language process checks its own built HTML except CHECKED_HERE's, which this process
    # checks on a core the language processes leave (see CHECKED_HERE).
    envs = {lang: replace(child, html_check=lang != CHECKED_HERE).to_env() for lang in LANGUAGES}
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


# The language whose built HTML this process checks (its own process skips the check): when that
# language ends first, on the core it frees while the other still runs, else after the merge.
CHECKED_HERE = LANGUAGES[-1]


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
    html_problems: list | None = None  # CHECKED_HERE's, if it was checked before the merge

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
        if first.lang == CHECKED_HERE and first.returncode == 0:
            self.html_problems = self.check_html(self.work / first.lang)

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

        problems = (
            self.html_problems if self.html_problems is not None else self.check_html(site / prefix(CHECKED_HERE))
        )
        if problems:
            raise ProblemsFound(problems, "The built pages failed the security check")
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

    def check_html(self, pages: Path) -> list:
        """The built-HTML security check of CHECKED_HERE's pages (under `pages`, before finalize
        adds the redirect stubs, which it checks itself); the other languages' processes checked
        theirs."""
        from . import htmlcheck

        allow = htmlcheck.allowlist(self.root, self.options.collect_csp)
        return htmlcheck.check_site(pages, allow, set(), shown_prefix="site/" + prefix(CHECKED_HERE))

    def swap_in(self, merged: Path, site_dir: Path) -> None:
        """The old site survives until the new one is complete and checked."""
        if site_dir.exists():
            site_dir.rename(self.work / "old")
        merged.rename(site_dir)

    def close(self) -> None:
        for index in self.indexes.values():
            index.join()  # a step beside it failed: let Pagefind finish before its copy is removed
        shutil.rmtree(self.work, ignore_errors=True)
