"""Running Pagefind for the site search: each language on its own, in the background of the build,
merged into the site's one bundle; and the one-language preview's index.

What the index holds and how its words are weighted is decided in search.py, on the built pages;
this module runs Pagefind over them. Pagefind builds each language's index independently, so the
build indexes the first language while the last one is still being built (SearchIndex) and
merge_bundles makes of the languages' bundles the bundle one run over both would write.

No MkDocs imports.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import LANGUAGES, search
from .problems import Problem, ProblemsFound
from .search import BUNDLE
from .urls import prefix

# Pagefind splits a language's index into chunks of about this many word locations and a search
# fetches the chunk of each word typed. Its default (20000) makes one chunk 28-42 KiB, as much as
# the whole search code, for the one word "salary"; at this size a chunk is 2-6 KiB. Pagefind 1.5
# reads it from the environment (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: not yet a documented
# option, so the pin to one Pagefind version matters; tests/browser/test_search.py proves the
# relevance bar and the bytes fetched per search after each upgrade).
INDEX_CHUNK_SIZE = 2000


def _pagefind() -> list[str]:
    """Pagefind's own binary (pagefind_bin): `python -m pagefind` only finds it and runs it, a
    Python start the build waits for. Without pagefind_bin, the wrapper says what is missing."""
    try:
        from pagefind_bin import get_executable

        exe = get_executable()
    except ImportError:
        exe = None
    return [str(exe)] if exe else [sys.executable, "-m", "pagefind"]


def _run_pagefind(args: list[str], chunk_size: int) -> str:
    """Run Pagefind with `args`; returns what it printed. Raises ProblemsFound if it is missing or
    fails (the build then stops and site/ is left as it was)."""
    try:
        env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(chunk_size)}
        proc = subprocess.Popen(
            [*_pagefind(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        # Pagefind runs beside the build's own steps (the last language process, the site-wide files,
        # the purge, the relinking), which it would slow with its threads; at the lowest priority
        # it takes the CPU they leave (the bilingual build is 0.1-0.15 s faster; make bench).
        with contextlib.suppress(OSError, AttributeError):  # it has ended already; not on POSIX
            os.setpriority(os.PRIO_PROCESS, proc.pid, 19)
        try:
            stdout, stderr = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ProblemsFound(
            [
                Problem(
                    "requirements.txt",
                    None,
                    f"Pagefind could not run: {exc}",
                    "Run `make setup` (it installs the pinned pagefind and pagefind_bin).",
                )
            ],
            "The search index failed",
        ) from None
    out = stdout + stderr
    if proc.returncode != 0 or "Error" in out and "Indexed" not in out:
        raise ProblemsFound(
            [
                Problem(
                    "site/",
                    None,
                    "Pagefind failed:\n" + out.strip()[-2000:],
                    "Read Pagefind's message above; `make setup` installs the pinned version.",
                )
            ],
            "The search index failed",
        )
    return out


def _expect_languages(bundle: Path, languages: tuple[str, ...]) -> list[str]:
    """The languages Pagefind indexed into `bundle` (one metadata file each); ProblemsFound unless
    they are exactly `languages`."""
    langs = sorted(p.name.split(".")[1].split("_")[0] for p in bundle.glob("pagefind.*.pf_meta"))
    if langs != sorted(languages):
        raise ProblemsFound(
            [
                Problem(
                    "site/",
                    None,
                    f"Pagefind built indexes for {langs or 'no language'}, not {' and '.join(languages)}",
                    "Every page needs <html lang> of its language and a marked article (sesguide/search.py).",
                )
            ],
            "The search index failed",
        )
    return langs


def _write_entry(bundle: Path, languages: dict) -> None:
    """Pagefind's entry file with the languages sorted: Pagefind lists them in the order its
    threads finish, and the same sources must always give the same file
    (tests/test_build_equivalence.py)."""
    entry = bundle / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(languages.items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build_index(site: Path, languages: tuple[str, ...] = LANGUAGES, chunk_size: int = INDEX_CHUNK_SIZE) -> dict:
    """Run Pagefind on a whole site (a one-language preview expects only its own language) into
    its pagefind/ folder; returns what it indexed. ProblemsFound as _run_pagefind."""
    # Pagefind adds to an existing bundle; a preview rebuilds into the same directory, so the last
    # run's index goes first (else it would hold two metadata files for the language).
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    out = _run_pagefind(["--site", str(site), "--output-subdir", BUNDLE], chunk_size)
    if (site / BUNDLE / "pagefind-entry.json").exists():
        entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
        _write_entry(site / BUNDLE, entry.get("languages", {}))
    langs = _expect_languages(site / BUNDLE, languages)
    pages = re.search(r"Indexed (\d+) pages", out)
    return {"languages": langs, "pages": int(pages.group(1)) if pages else None}


def index_language(pages: Path, lang: str, bundle: Path, chunk_size: int = INDEX_CHUNK_SIZE) -> None:
    """Pagefind over one language's pages (in the folders they have in the merged site, under
    `pages`) into the folder `bundle`; merge_bundles makes the site's bundle of the languages'.
    Pagefind builds each language's index on its own, so these are the files one run over both
    languages writes (tests/unit/test_unit_search_bundle.py), and the build can index the first
    language while the last one is still being built."""
    shutil.rmtree(bundle, ignore_errors=True)
    _run_pagefind(["--site", str(pages), "--output-path", str(bundle)], chunk_size)
    _expect_languages(bundle, (lang,))


def merge_bundles(bundles: list[Path], target: Path) -> None:
    """One bundle at `target` from the languages' (index_language). Their index, fragment and
    metadata files are named by language and content hash; Pagefind's script and WebAssembly are
    the same in each; the entry file lists every language."""
    languages: dict = {}
    for bundle in bundles:
        languages.update(json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"])
    shutil.move(bundles[0], target)
    for bundle in bundles[1:]:
        for f in sorted(p for p in bundle.rglob("*") if p.is_file()):
            dest = target / f.relative_to(bundle)
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                f.rename(dest)
            elif dest.name != "pagefind-entry.json" and dest.read_bytes() != f.read_bytes():
                raise ProblemsFound(
                    [
                        Problem(
                            f"site/{BUNDLE}/{dest.relative_to(target).as_posix()}",
                            None,
                            "the languages' search bundles disagree about this file",
                            "Every language is indexed by the same pinned Pagefind; run `make setup`.",
                        )
                    ],
                    "The search index failed",
                )
    _write_entry(target, languages)


def prune_bundle(site: Path) -> None:
    """Pagefind writes its ready-made UIs too; the site uses its own search dialog and only needs
    pagefind.js, the WebAssembly and the index files. Not its worker either: the dialog runs
    Pagefind on the page (noWorker), and the Content-Security-Policy allows no worker. Material still copies its lunr
    search worker and lunr's language files, which nothing loads any more."""
    for rel in ("assets/javascripts/lunr", "assets/javascripts/workers"):
        shutil.rmtree(site / rel, ignore_errors=True)
    for name in (
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "pagefind-highlight.js",
        "pagefind-worker.js",
    ):
        (site / BUNDLE / name).unlink(missing_ok=True)


def build_preview_index(site_dir: Path, lang: str) -> dict:
    """The one-language preview (`make serve-en` / `make serve-sv`, the language at the root of
    the preview) gets the same search as the full build, over its own pages: a translator can
    check that the pages they translate are found. Pagefind takes a fraction of a second for one
    language, so it runs after every rebuild."""
    search.demote_repeated_headings(site_dir, {lang: ""})
    found = build_index(site_dir, (lang,))
    prune_bundle(site_dir)
    return found


class SearchIndex(threading.Thread):
    """One language's search index (Pagefind), built in the background: the first language's while
    the last language process runs, the last one's while this process writes the site-wide files,
    shares the theme, purges its stylesheet and relinks the pages; on 2 cores the build's last steps
    then take about as long as the longest of them, not their sum.

    Pagefind indexes the text of the pages, their headings and titles; the steps beside it change
    only stylesheet, script and asset addresses (its output is byte for byte the same before and
    after them). It reads a copy of the pages (copy_for_search), so it never sees a page half
    rewritten."""

    def __init__(self, pages: Path, lang: str, bundle: Path):
        super().__init__(name=f"search-index-{lang}")
        self.pages, self.lang, self.bundle = pages, lang, bundle
        self.error: ProblemsFound | None = None
        self.started_at = time.perf_counter()
        self.start()

    def run(self) -> None:
        try:
            index_language(self.pages, self.lang, self.bundle)
        except ProblemsFound as exc:  # handed to the build in wait()
            self.error = exc

    def wait(self) -> Path:
        """Wait for Pagefind; returns the language's bundle."""
        self.join()
        if self.error is not None:
            raise self.error
        return self.bundle


def finish_search(indexes: list[SearchIndex], site: Path) -> float:
    """Wait for every language's index and merge them into the site's bundle (without Pagefind's
    ready-made UIs); returns the seconds since the first index started."""
    merge_bundles([index.wait() for index in indexes], site / BUNDLE)
    prune_bundle(site)
    return time.perf_counter() - min(index.started_at for index in indexes)


def copy_for_search(built: Path, lang: str, copy: Path) -> None:
    """One language's pages, in the folder its build wrote them to: the headings repeated across
    its pages are demoted (search.demote_repeated_headings, per language), then every page is
    copied to where it sits in the merged site, for Pagefind to read."""
    search.demote_repeated_headings(built, {lang: ""})
    for page in built.rglob("*.html"):
        target = copy / prefix(lang) / page.relative_to(built)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
