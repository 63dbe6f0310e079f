"""Citations that resolve: every source has a public address or says why not.

A source is "cited for a rule from 2025 or later" when something on the site cites it (a page's
front matter `sources:`, a qualification, a pay row or a glossary term) and its own `date` is in
2025 or later: a document of 2025 or later can only state or report the rules of that time.
"""

from __future__ import annotations

from pathlib import Path

from . import data as datamod
from .problems import Problem

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
