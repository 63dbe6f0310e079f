"""Whole-site source checks, run before any page renders (and by `python -m sesguide check`).

Every rule is a plain function; ``check_site`` runs all of them and returns every problem.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from . import changes, chars, freshness, limits, lint, redirects, sourcefiles, termbase
from . import data as datamod
from . import pages as pagemod
from .problems import Problem, ProblemsFound
from .render import unknown_markers
from .schema import DATE_RE
from .twins import check_markers, check_pairs, check_twin_headings, check_twin_numbers
from .urls import LANGUAGES, SOURCE_LANGUAGE, other

REQUIRED_META = ("title", "description", "last_reviewed", "sources")
# Interactive tools a page may ask for with `tool: <name>` in its front matter. The template
# (overrides/main.html) loads the named same-origin script on that page only; a page cannot name
# a script itself.
TOOLS = ("ecq-planner",)
# Front matter reaches Material's templates (page.meta): keys such as `template`, `icon` or
# `hide` would let a page pick a template or include a file. Only these keys are allowed.
ALLOWED_META = (*REQUIRED_META, "qualification", "toc_depth", "translation", "tool")
# Text fields that templates print (page title in navigation, <title>, previous/next, meta
# description): plain text only.
PLAIN_TEXT_META = ("title", "description")
MARKUP_RE = re.compile(r"<|>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);|\{[{%#]|[%}]\}", re.I)
ID_FORM = pagemod.ID_FORM_RE


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


def check_front_matter(page: pagemod.Page, source_ids: set) -> list[Problem]:
    out = []
    for key in REQUIRED_META:
        if key not in page.meta or page.meta[key] in (None, "") or (key != "sources" and page.meta[key] == []):
            out.append(
                Problem(
                    page.file,
                    1,
                    f"front matter lacks '{key}'",
                    "Add it between the '---' lines (see CONTRIBUTING.md, 'Front matter').",
                )
            )
    lr = page.meta.get("last_reviewed")
    if lr is not None and not DATE_RE.match(str(lr)):
        out.append(
            Problem(
                page.file,
                page.meta_lines.get("last_reviewed"),
                f"last_reviewed '{lr}' is not a YYYY-MM-DD date",
                "Write the date of the last review as YYYY-MM-DD.",
            )
        )
    srcs = page.meta.get("sources")
    if srcs is not None:
        if not isinstance(srcs, list):
            out.append(
                Problem(
                    page.file,
                    page.meta_lines.get("sources"),
                    "sources must be a list of source IDs",
                    "Write sources: [id-one, id-two].",
                )
            )
        elif not all(isinstance(sid, str) for sid in srcs):
            out.append(
                Problem(
                    page.file,
                    page.meta_lines.get("sources"),
                    "sources must be a list of source IDs",
                    "Write sources: [id-one, id-two].",
                )
            )
        else:
            for sid in srcs:
                if sid not in source_ids:
                    out.append(
                        Problem(
                            page.file,
                            page.meta_lines.get("sources"),
                            f"unknown source ID '{sid}'",
                            "Use an ID from data/sources.yml, or add the source there.",
                        )
                    )
    depth = page.meta.get("toc_depth")
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or not 2 <= depth <= 6):
        out.append(
            Problem(
                page.file,
                page.meta_lines.get("toc_depth"),
                f"toc_depth '{depth}' is not a heading level from 2 to 6",
                "Write e.g. toc_depth: 2 (the table of contents then lists only H2 headings), or remove the key.",
            )
        )
    tool = page.meta.get("tool")
    if tool is not None and tool not in TOOLS:
        out.append(
            Problem(
                page.file,
                page.meta_lines.get("tool"),
                f"tool '{tool}' is not one of this site's tools",
                f"Use one of: {', '.join(TOOLS)}; or remove the key (new tools are added by maintainers "
                "in sesguide/check.py and overrides/main.html).",
            )
        )
    for key in PLAIN_TEXT_META:
        value = page.meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            out.append(Problem(page.file, page.meta_lines.get(key), f"{key} must be text", "Quote the value."))
        elif markup := MARKUP_RE.search(value):
            out.append(
                Problem(
                    page.file,
                    page.meta_lines.get(key),
                    f"front matter '{key}' contains markup or template syntax ('{markup.group(0)}')",
                    f"Write '{key}' as plain text: it is printed in the navigation, the page head and "
                    "other pages. Use words instead of <, >, & entities, {{ or {%.",
                )
            )
    for key in page.meta:
        if key not in ALLOWED_META:
            out.append(
                Problem(
                    page.file,
                    page.meta_lines.get(key),
                    f"front matter key '{key}' is not allowed",
                    f"Remove it. Pages may set only: {', '.join(ALLOWED_META)} (see CONTRIBUTING.md, 'Front matter').",
                )
            )
    return out


def check_headings(page: pagemod.Page) -> list[Problem]:
    out: list[Problem] = []
    seen: dict = {}
    if not any(h.level == 1 for h in page.headings):
        out.append(
            Problem(
                page.file, page.body_line, "the page has no H1 heading", "Start the page with '# Title { #some-id }'."
            )
        )
    for h in page.headings:
        if not h.id:
            out.append(
                Problem(
                    page.file,
                    h.line,
                    f"heading '{h.text}' has no explicit ID",
                    "End the heading with an English ID, e.g. '{ #what-it-means }'; use the same ID in both languages.",
                )
            )
            continue
        if not ID_FORM.match(h.id):
            out.append(
                Problem(
                    page.file,
                    h.line,
                    f"heading ID '{h.id}' is not lowercase ASCII words joined by '-'",
                    "Use an ID like 'what-it-means'.",
                )
            )
        if h.id in seen:
            out.append(
                Problem(
                    page.file,
                    h.line,
                    f"heading ID '{h.id}' is used twice (first at line {seen[h.id]})",
                    "Give each heading its own ID.",
                )
            )
        seen.setdefault(h.id, h.line)
    return out


def check_registry(site: datamod.SiteData, pages: dict) -> list[Problem]:
    out = []
    by_page = site.qualification_by_page()
    folders = {posixpath.dirname(q["page"]) for q in site.qualifications}
    for q in site.qualifications:
        for lang in LANGUAGES:
            page = pages.get((lang, q["page"]))
            where = f"docs/{lang}/{q['page']}"
            if page is None:
                twin = f"docs/{other(lang)}/{q['page']}"
                what = "English" if lang == SOURCE_LANGUAGE else "Swedish"
                how = "write it in English first" if lang == SOURCE_LANGUAGE else "translate " + twin
                out.append(
                    Problem(
                        where,
                        None,
                        f"missing {what} page for qualification {q['id']} (registry: data/qualifications.yml)",
                        f"Create it ({how}), or remove the entry from the registry.",
                    )
                )
                continue
            got = page.meta.get("qualification")
            if got is None:
                out.append(
                    Problem(
                        where,
                        1,
                        f"front matter lacks 'qualification: {q['id']}'",
                        f"Add 'qualification: {q['id']}' to the front matter.",
                    )
                )
            elif got != q["id"]:
                out.append(
                    Problem(
                        where,
                        page.meta_lines.get("qualification"),
                        f"front matter says qualification '{got}' but the registry lists this page as '{q['id']}'",
                        f"Set 'qualification: {q['id']}' (IDs never change), or correct data/qualifications.yml.",
                    )
                )
    for (lang, path), page in sorted(pages.items()):
        folder = posixpath.dirname(path)
        if folder in folders and posixpath.basename(path) != "index.md" and path not in by_page:
            out.append(
                Problem(
                    page.file,
                    None,
                    "page in a qualification folder is not in the registry (orphan)",
                    "Add an entry for it to data/qualifications.yml, or move or remove the page.",
                )
            )
        elif "qualification" in page.meta and path not in by_page:
            out.append(
                Problem(
                    page.file,
                    page.meta_lines.get("qualification"),
                    f"front matter names qualification '{page.meta['qualification']}' "
                    "but the page is not in the registry",
                    "Add it to data/qualifications.yml or remove the key.",
                )
            )
    return out


def sources_digest(root: Path, docs: Path | None = None) -> str:
    """A fingerprint of everything check_site reads (pages and data files), so a build that has
    just checked the sources can tell its per-language MkDocs processes not to check them again."""
    import hashlib

    docs = docs or root / "docs"
    h = hashlib.sha256()
    for base in (docs, root / "data"):
        for f in sorted(p for p in base.rglob("*") if sourcefiles.is_plain_file(p)):
            h.update(str(f.relative_to(root) if f.is_relative_to(root) else f).encode() + b"\0")
            h.update(f.read_bytes() + b"\0")
    return h.hexdigest()


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
    source_ids = set(site.sources) if site else set()
    for (lang, path), page in pages.items():
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
    for (lang, path), sv in pages.items():
        if lang != SOURCE_LANGUAGE and (SOURCE_LANGUAGE, path) in pages:
            en = pages[(SOURCE_LANGUAGE, path)]
            problems += check_twin_headings(en, sv)
            problems += check_twin_numbers(en, sv)
            problems += check_markers(en, sv)
            if en.meta.get("tool") != sv.meta.get("tool"):
                problems.append(
                    Problem(
                        sv.file,
                        sv.meta_lines.get("tool"),
                        f"front matter 'tool' is {sv.meta.get('tool')!r} here but {en.meta.get('tool')!r} in {en.file}",
                        "Give both languages the same 'tool' line, so the page works alike in both.",
                    )
                )
    problems += freshness.missing_fingerprints([p for (lang, _), p in pages.items() if lang != SOURCE_LANGUAGE])
    if site:
        problems += check_registry(site, pages)
        problems += check_source_addresses(site, pages)
        problems += changes.check(site.changes, pages, source_ids)
        problems += changes.check_logged(site.changes, pages)
    try:
        problems += redirects.load(root).problems(docs)
    except ProblemsFound as exc:
        problems += exc.problems
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))


# --- Citations that resolve -------------------------------------------------------------------
# A source is "cited for a rule from 2025 or later" when something on the site cites it (a page's
# front matter `sources:`, a qualification, a pay row or a glossary term) and its own `date` is in
# 2025 or later: a document of 2025 or later can only state or report the rules of that time.
RULE_YEAR = 2025

ADDRESS_HELP = (
    "add `url:` with a public https:// address: the original; or a stable official copy "
    "(https://www.federalregister.gov/d/<FR doc number>, https://www.govinfo.gov/link/..., "
    "https://www.ecfr.gov/current/title-5/..., https://www.law.cornell.edu/uscode/text/5/<section>, "
    "opm.gov, chcoc.gov); or an archived copy (https://web.archive.org/web/<timestamp>/<original address>)"
)


def citing_places(site: datamod.SiteData, pages: dict) -> dict:
    """{source ID: sorted list of the files that cite it}."""
    where: dict = {}
    for (lang, _path), page in pages.items():
        srcs = page.meta.get("sources")
        for sid in srcs if isinstance(srcs, list) else []:
            if isinstance(sid, str):
                where.setdefault(sid, set()).add(page.file)
    for q in site.qualifications:
        for sid in [*q["sources"], q["definition_source"]]:
            where.setdefault(sid, set()).add("data/qualifications.yml")
    for row in site.pay:
        for sid in row["sources"]:
            where.setdefault(sid, set()).add("data/pay.yml")
    for term in site.glossary:
        for sid in term["sources"] or []:
            where.setdefault(sid, set()).add("data/glossary.yml")
    return {sid: sorted(files) for sid, files in where.items()}


def source_year(source) -> int | None:
    return int(source["date"][:4]) if source.get("date") else None


def check_source_addresses(site: datamod.SiteData, pages: dict) -> list[Problem]:
    """Every source has a public address (`url`) or says why it has none (`no_address`, both
    languages); a cited source dated 2025 or later must have an address."""
    out = []
    cited = citing_places(site, pages)
    for sid, s in sorted(site.sources.items()):
        line = getattr(s, "line", None)
        if s.get("url") and s.get("no_address"):
            out.append(
                Problem(
                    "data/sources.yml",
                    line,
                    f"{sid}: has both `url` and `no_address`",
                    "Remove `no_address`: the source has an address.",
                )
            )
        year = source_year(s)
        if not s.get("url") and sid in cited and year is not None and year >= RULE_YEAR:
            places = ", ".join(cited[sid][:3]) + (f" and {len(cited[sid]) - 3} more" if len(cited[sid]) > 3 else "")
            out.append(
                Problem(
                    "data/sources.yml",
                    line,
                    f"{sid}: dated {s['date']} and cited by {places}, but has no public address; "
                    f"a source cited for a rule from {RULE_YEAR} or later must have one",
                    f"In data/sources.yml, under `- id: {sid}`, {ADDRESS_HELP}. "
                    "If no public copy exists, cite a source that has one instead; "
                    "`no_address` is not accepted for these sources.",
                )
            )
        elif not s.get("url") and not s.get("no_address"):
            out.append(
                Problem(
                    "data/sources.yml",
                    line,
                    f"{sid}: has neither a public address (`url`) nor a reason why not",
                    f"Under `- id: {sid}`, {ADDRESS_HELP}; or, only if no public copy exists, add "
                    "`no_address: {en: ..., sv: ...}` saying precisely what the document is (title, date, "
                    "number, publisher) and why it has no address.",
                )
            )
    return out


def address_counts(site: datamod.SiteData) -> tuple[int, int]:
    """(sources with a public address, all sources)."""
    return sum(1 for s in site.sources.values() if s.get("url")), len(site.sources)


def address_line(root: Path) -> str:
    """One line for `make check`: how many sources a reader can open."""
    with_url, total = address_counts(datamod.load(root))
    return (
        f"sources: {with_url} of {total} have a public address ({100 * with_url / total:.1f} %); "
        f"{total - with_url} give a reason instead (data/sources.yml `no_address`)"
    )
