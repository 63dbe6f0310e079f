"""Site search with Pagefind: what is indexed, how it is weighted, and the index build.

Pagefind indexes each language's pages (the first while the last is still being built) and
the build merges what it writes into one bundle, ``pagefind/``, with one index per language:
Pagefind reads each page's ``<html lang>``, so English and Swedish pages never share an index,
and it stems Swedish words with the Swedish Snowball stemmer ("intervjuerna" finds "intervju").
It folds accents itself ("resume" finds "résumé").

What a page contributes to its index is decided here, on the HTML each language build writes
(``mark_page``, called by the hook for every content page):

- only the article is indexed (``data-pagefind-body``): not the navigation, header, footer or
  table of contents; the 404 pages and the redirect stubs have no marked article, so Pagefind
  skips them;
- the block every page ends with (sources cited, review date, how to cite the page; it starts at
  the ``page-sources`` heading) is left out (``data-pagefind-ignore``): every page cites sources,
  so it would make every page match the words of every source title;
- reference pages (Sources, Glossary, translation status, API, about the site, the applicants'
  questions, the résumé planner and the change log) mention every topic
  in passing; their text gets a low weight, so the page that explains a topic ranks above them;
  the superseded 2006 qualifications get a lower weight than the current ones of the same name;
- on the two long reference lists, only what names an entry is indexed: on Sources, each source's
  title (not its publisher line, address, ID and notes, 207 entries); in the glossary, each term
  and its explanation (not the line of source titles it cites). The rest made those pages match
  almost any query, and every such result costs the reader the page's whole text to download
  (Pagefind's fragment: 23 KiB for Sources before, for an excerpt of one line);
- a section heading shared by several pages of a language counts as body text
  (``demote_repeated_headings``, on the merged site);
- the expansion of each acronym (``<abbr title>``) is indexed with it; the heading permalinks
  ("¶") are not.

No MkDocs imports: the hook passes the HTML in and writes what comes back.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import DEFAULT_LANGUAGE, LANGUAGES
from .problems import Problem, ProblemsFound

# Reference pages (by source path): their words count this much (Pagefind's weight of body text is 1,
# its headings 7 (h1) to 2 (h6)).
REFERENCE_PAGES = {
    "sources.md": 0.2,
    "glossary.md": 0.4,
    "translation-status.md": 0.1,
    "api.md": 0.2,
    "about-site.md": 0.3,
    # the applicants' FAQ answers every topic briefly and links to the page on it;
    # the planner is a tool that names every qualification
    "prepare/questions.md": 0.3,
    "prepare/planner.md": 0.5,
    # the change log summarises every change, so it names the topics of every page it changed
    "whats-new.md": 0.3,
}
# The superseded qualifications (2006 to 2025) rank below the current ones of the same name.
SUPERSEDED = ("ecqs/2006/", 0.6)
# The details of each entry on the reference lists (see the module docstring): a pattern for the
# start of the paragraph to leave out, whose first group is kept.
LIST_DETAILS = {
    "sources.md": re.compile(r"(</h3>\s*)<p>"),
    "glossary.md": re.compile(r'()<p>(?=<a href="(?:\.\./)*sources/#)'),
}
ARTICLE = '<article class="md-content__inner md-typeset">'
PAGE_SOURCES = re.compile(r'<h2 id="page-sources">')
ARTICLE_END = "</article>"
BUNDLE = "pagefind"
# Pagefind splits a language's index into chunks of about this many word locations and a search
# fetches the chunk of each word typed. Its default (20000) makes one chunk 28-42 KiB, as much as
# the whole search code, for the one word "salary"; at this size a chunk is 2-6 KiB. Pagefind 1.5
# reads it from the environment (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: not yet a documented
# option, so the pin to one Pagefind version matters; tests/browser/test_search.py proves the
# relevance bar and the bytes fetched per search after each upgrade).
INDEX_CHUNK_SIZE = 2000


def mark_page(html: str, src_path: str) -> str:
    """Mark what Pagefind indexes in one built page (see the module docstring)."""
    start = html.find(ARTICLE)
    if start < 0:
        return html
    end = html.find(ARTICLE_END, start)
    if end < 0:
        return html
    inner = html[start + len(ARTICLE) : end]
    m = PAGE_SOURCES.search(inner)
    if m:
        inner = inner[: m.start()] + '<div data-pagefind-ignore="all">' + inner[m.start() :] + "</div>"
    # The "¶" permalink of each heading is not part of the heading's text.
    inner = inner.replace('<a class="headerlink"', '<a data-pagefind-ignore class="headerlink"')
    # An acronym's expansion (its <abbr title>, the tooltip readers see) is searchable too, so
    # "executive resources board" finds the pages that write "ERB".
    inner = inner.replace("<abbr title=", '<abbr data-pagefind-index-attrs="title" title=')
    details = LIST_DETAILS.get(src_path)
    if details:
        inner = details.sub(r"\1<p data-pagefind-ignore>", inner)
    weight = REFERENCE_PAGES.get(src_path)
    if weight is None and src_path.startswith(SUPERSEDED[0]):
        weight = SUPERSEDED[1]
    if weight is not None:
        inner = f'<div data-pagefind-weight="{weight}">' + inner + "</div>"
    opening = '<article class="md-content__inner md-typeset" data-pagefind-body>'
    return html[:start] + opening + inner + html[end:]


# (also a heading demoted by an earlier run: a preview rebuilds only the edited page and runs again)
HEADING_RE = re.compile(r'<(h[2-6])(?: data-pagefind-weight="1")? id="([^"]+)"')
DEMOTED = ' data-pagefind-weight="1"'

REPEATED = 3  # a heading text on this many pages of a language or more counts as body text


def _heading_texts(html: str) -> list[tuple[int, str, bool]]:
    """(offset of the heading tag, its visible text, already demoted) of every h2-h6 in the marked
    article."""
    out = []
    for m in HEADING_RE.finditer(html):
        end = html.find(f"</{m.group(1)}>", m.end())
        text = re.sub(r"<a data-pagefind-ignore[^>]*>.*?</a>|<[^>]+>", "", html[m.end() : end])
        out.append((m.start(), " ".join(text.split()).lower(), DEMOTED in m.group(0)))
    return out


def demote_repeated_headings(site: Path, lang_dirs: dict[str, str]) -> int:
    """A section heading that several pages share ("Showing it in the 2-page résumé" on every
    qualification page) does not tell the pages apart; left at Pagefind's heading weight it lets
    five such pages outrank the one page that explains the topic. Such headings are indexed with
    the weight of body text. Returns the number of headings demoted."""
    demoted = 0
    for lang, prefix in lang_dirs.items():
        pages = [
            p
            for p in site.glob(prefix + "**/index.html")
            if lang != DEFAULT_LANGUAGE
            or not any(p.relative_to(site).as_posix().startswith(o) for o in lang_dirs.values() if o)
        ]
        texts = {}
        for p in pages:
            html = p.read_text(encoding="utf-8")
            if "data-pagefind-body" in html:
                texts[p] = (html, _heading_texts(html))
        counts: dict[str, int] = {}
        for _, heads in texts.values():
            for t in {t for _, t, _ in heads}:
                counts[t] = counts.get(t, 0) + 1
        for p, (html, heads) in texts.items():
            spots = [off for off, t, done in heads if counts[t] >= REPEATED and not done]
            if not spots:
                continue
            for off in sorted(spots, reverse=True):
                html = html[: off + 3] + DEMOTED + html[off + 3 :]
                demoted += 1
            p.write_text(html, encoding="utf-8")
    return demoted


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
    demote_repeated_headings(site_dir, {lang: ""})
    found = build_index(site_dir, (lang,))
    prune_bundle(site_dir)
    return found
