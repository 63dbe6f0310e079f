"""The qualification registry (data/qualifications.yml) against the pages: every entry has its
page in both languages naming it in `qualification:`, and no page in a qualification folder is
left out of the registry (the navigation is built from the registry, so it would be unreachable)."""

from __future__ import annotations

import posixpath

from . import data as datamod
from .locales import writing
from .problems import Problem
from .urls import LANGUAGES, SOURCE_LANGUAGE, other


def _entry_page(q, lang: str, page) -> list[Problem]:
    """One registry entry's page in one language: it exists and names the entry's ID."""
    where = f"docs/{lang}/{q['page']}"
    if page is None:
        twin = f"docs/{other(lang)}/{q['page']}"
        how = f"write it in {writing(lang).name} first" if lang == SOURCE_LANGUAGE else "translate " + twin
        return [
            Problem(
                where,
                None,
                f"missing {writing(lang).name} page for qualification {q['id']} (registry: data/qualifications.yml)",
                f"Create it ({how}), or remove the entry from the registry.",
            )
        ]
    got = page.meta.get("qualification")
    if got is None:
        return [
            Problem(
                where,
                1,
                f"front matter lacks 'qualification: {q['id']}'",
                f"Add 'qualification: {q['id']}' to the front matter.",
            )
        ]
    if got != q["id"]:
        return [
            Problem(
                where,
                page.meta_lines.get("qualification"),
                f"front matter says qualification '{got}' but the registry lists this page as '{q['id']}'",
                f"Set 'qualification: {q['id']}' (IDs never change), or correct data/qualifications.yml.",
            )
        ]
    return []


def _unregistered(site: datamod.SiteData, pages: dict) -> list[Problem]:
    """Pages that look like qualification pages (in a qualification folder, or naming one) but
    are not in the registry."""
    out = []
    by_page = site.qualification_by_page()
    folders = {posixpath.dirname(q["page"]) for q in site.qualifications}
    for (_lang, path), page in sorted(pages.items()):
        if path in by_page:
            continue
        if posixpath.dirname(path) in folders and posixpath.basename(path) != "index.md":
            out.append(
                Problem(
                    page.file,
                    None,
                    "page in a qualification folder is not in the registry (orphan)",
                    "Add an entry for it to data/qualifications.yml, or move or remove the page.",
                )
            )
        elif "qualification" in page.meta:
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


def check_registry(site: datamod.SiteData, pages: dict) -> list[Problem]:
    out = [
        problem
        for q in site.qualifications
        for lang in LANGUAGES
        for problem in _entry_page(q, lang, pages.get((lang, q["page"])))
    ]
    return out + _unregistered(site, pages)
