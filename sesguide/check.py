"""Whole-site source checks, run before any page renders (and by `python -m sesguide check`).

Every rule is a plain function in the module of its subject (pagerules.py for one page's front
matter and headings, twins.py for EN/SV pairs, registry.py, citations.py, lint.py, ...);
``check_site`` reads the pages once, runs all of them and returns every problem.
"""

from __future__ import annotations

from pathlib import Path

from . import changes, chars, citations, freshness, limits, lint, redirects, registry, sourcefiles, termbase
from . import data as datamod
from . import pages as pagemod
from .pagerules import check_front_matter, check_headings
from .problems import Problem, ProblemsFound
from .render import unknown_markers
from .twins import check_markers, check_pairs, check_twin_headings, check_twin_numbers
from .urls import LANGUAGES, SOURCE_LANGUAGE


def load_pages(root: Path, docs: Path) -> tuple[dict, list[Problem], set]:
    """{(lang, path): Page} for every page, problems for pages that cannot be read, and the
    (lang, path) of pages left unread because sourcefiles.check_files refuses them."""
    out, problems, refused = {}, [], set()
    for lang in LANGUAGES:
        for path in pagemod.list_pages(docs, lang):
            file = docs / lang / path
            if not sourcefiles.is_plain_file(file) or file.stat().st_size > sourcefiles.MAX_PAGE_BYTES:
                refused.add((lang, path))  # reported by sourcefiles.check_files; never read
                continue
            try:
                out[(lang, path)] = pagemod.read(docs, lang, path, root)
            except ProblemsFound as exc:
                problems += exc.problems
    return out, problems, refused


def _check_each_page(pages: dict, site: datamod.SiteData | None) -> list[Problem]:
    """The rules for one page on its own, page by page."""
    problems: list[Problem] = []
    source_ids = set(site.sources) if site else set()
    for page in pages.values():
        problems += chars.invisible_characters(page.text, page.file)
        problems += chars.mixed_script_words(page.text, page.file)
        shape = limits.check_page(page)
        problems += shape
        if shape:  # the other checks would only be slow on such a page
            continue
        problems += lint.check_page(page)
        problems += check_headings(page)
        problems += unknown_markers(page)
        if site:
            problems += check_front_matter(page, source_ids)
            problems += termbase.forbidden_variants(page, site.glossary)
    return problems


def _same_tool(en: pagemod.Page, tr: pagemod.Page) -> list[Problem]:
    if en.meta.get("tool") == tr.meta.get("tool"):
        return []
    return [
        Problem(
            tr.file,
            tr.meta_lines.get("tool"),
            f"front matter 'tool' is {tr.meta.get('tool')!r} here but {en.meta.get('tool')!r} in {en.file}",
            "Give both languages the same 'tool' line, so the page works alike in both.",
        )
    ]


def _check_twins(pages: dict) -> list[Problem]:
    """Each translated page against its source-language twin: headings, numbers, markers, tool."""
    problems: list[Problem] = []
    for (lang, path), tr in pages.items():
        if lang != SOURCE_LANGUAGE and (SOURCE_LANGUAGE, path) in pages:
            en = pages[(SOURCE_LANGUAGE, path)]
            problems += check_twin_headings(en, tr)
            problems += check_twin_numbers(en, tr)
            problems += check_markers(en, tr)
            problems += _same_tool(en, tr)
    translated = [p for (lang, _), p in pages.items() if lang != SOURCE_LANGUAGE]
    return problems + freshness.missing_fingerprints(translated)


def _check_against_data(site: datamod.SiteData, pages: dict) -> list[Problem]:
    """Pages against data/: the registry, cited sources, the change log."""
    source_ids = set(site.sources)
    return [
        *registry.check_registry(site, pages),
        *citations.check_source_addresses(site, pages),
        *changes.check(site.changes, pages, source_ids),
        *changes.check_logged(site.changes, pages),
    ]


def check_site(root: Path, docs: Path | None = None, site: datamod.SiteData | None = None) -> list[Problem]:
    docs = docs or root / "docs"
    problems: list[Problem] = []
    if site is None:
        try:
            site = datamod.load(root)
        except ProblemsFound as exc:
            site, problems = None, list(exc.problems)
    problems += sourcefiles.check_files(root, docs)
    pages, read_problems, refused = load_pages(root, docs)
    problems += read_problems
    problems += check_pairs(pages, refused)
    problems += _check_each_page(pages, site)
    problems += _check_twins(pages)
    if site:
        problems += _check_against_data(site, pages)
    try:
        problems += redirects.load(root).problems(docs)
    except ProblemsFound as exc:
        problems += exc.problems
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
