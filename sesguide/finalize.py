"""Site-wide files written after both languages are built and merged.

- sitemap.xml with both languages and their hreflang alternates; robots.txt pointing at it;
- /api/v1/{qualifications,pay,sources,changes}.json and their JSON Schemas (from schemas/);
- the change log's Atom feeds, /feed.xml and /sv/feed.xml;
- /i18n-status.json (translation status of every page);
- redirect stubs for moved pages under / and /sv/;
- the built-HTML security check over every page.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from . import changes, feeds, figures, freshness, htmlcheck, redirects
from . import data as datamod
from . import pages as pagemod
from .problems import Problem, ProblemsFound
from .urls import LANGUAGES, SOURCE_LANGUAGE, base_site_url, page_urls, prefix

API = "api/v1"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# Licences (see docs/*/about-site.md#license): the data are public-domain dedicated so they can be
# reused in any system without attribution bookkeeping; the page text asks for attribution.
DATA_LICENSE = {
    "id": "CC0-1.0",
    "name": "CC0 1.0 Universal",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
}
TEXT_LICENSE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def _text(value) -> dict | None:
    """A {en, sv} text, or None where the data have none (every documented field is always present)."""
    return {lang: value[lang] for lang in LANGUAGES} if value else None


def _head(site: datamod.SiteData, site_url: str, page: str | None = None) -> dict:
    # The licence's note is reader-facing text, so it comes from data/ui.yml.
    head = {"version": 1, "license": {**DATA_LICENSE, "note": _text(site.ui["api_data_license"])}}
    if page:
        head["page_url"] = page_urls(site_url, page)
    return head


def qualifications_json(site: datamod.SiteData, site_url: str) -> dict:
    items = []
    frameworks = ("ecq-2025", "ecq-2006", "ptq-example")
    for q in sorted(site.qualifications, key=lambda q: (frameworks.index(q["framework"]), q["order"])):
        items.append(
            {
                "id": q["id"],
                "framework": q["framework"],
                "order": q["order"],
                "status": q["status"],
                "effective_from": q.get("effective_from"),
                "superseded_on": q.get("superseded_on"),
                "successor": list(q.get("successor") or []),
                "page": q["page"],
                "name": _text(q["name"]),
                "definition": _text(q["definition"]),
                "definition_note": _text(site.ui["api_definition_note"]),
                "definition_source": q["definition_source"],
                "url": page_urls(site_url, q["page"]),
                "sources": list(q["sources"]),
            }
        )
    return {**_head(site, site_url, "ecqs/index.md"), "qualifications": items}


def pay_json(site: datamod.SiteData, site_url: str = "") -> dict:
    rows = [
        {
            "year": r["year"],
            "minimum": r["minimum"],
            "maximum_certified": r["maximum_certified"],
            "maximum_uncertified": r["maximum_uncertified"],
            "reliability": dict(r["reliability"]),
            "frozen": r["frozen"],
            "sources": list(r["sources"]),
            "note": _text(r.get("note")),
        }
        for r in site.pay
    ]
    return {**_head(site, site_url, "pay.md"), "currency": "USD", "basis": "calendar year", "years": rows}


def sources_json(site: datamod.SiteData, site_url: str = "") -> dict:
    entry = page_urls(site_url, "sources.md")
    out = [
        {
            "id": s["id"],
            "title": s["title"],
            "title_sv": s.get("title_sv"),
            "publisher": s["publisher"],
            "publisher_sv": site.publishers.get(s["publisher"]),
            "date": s.get("date"),
            "url": s.get("url"),
            "no_address": _text(s.get("no_address")),
            "kind": s["kind"],
            "note": _text(s.get("note")),
            "entry_url": {lang: f"{u}#{s['id']}" for lang, u in entry.items()},
        }
        for s in sorted(site.sources.values(), key=lambda s: s["id"])
    ]
    return {**_head(site, site_url, "sources.md"), "sources": out}


def status_json(statuses, site: datamod.SiteData, site_url: str) -> dict:
    return {
        **_head(site, site_url, "translation-status.md"),
        "pages": [
            {
                "path": s.path,
                "state": s.state,
                "english_changed": s.english_changed,
                "en_last_reviewed": s.en_last_reviewed,
                "sv_last_reviewed": s.sv_last_reviewed,
                "recorded_hash": s.recorded_hash,
                "current_hash": s.current_hash,
                "url": page_urls(site_url, s.path),
            }
            for s in statuses
        ],
    }


def sitemap(root: Path, docs: Path, site_url: str) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in pagemod.list_pages(docs, SOURCE_LANGUAGE):
        urls = page_urls(site_url, path)
        for lang in LANGUAGES:
            f = docs / lang / path
            if not f.exists():
                continue
            meta = pagemod.split_front_matter(f.read_text(encoding="utf-8"), str(f))[0]
            out.append("  <url>")
            out.append(f"    <loc>{escape(urls[lang])}</loc>")
            if meta.get("last_reviewed"):
                out.append(f"    <lastmod>{escape(str(meta['last_reviewed']))}</lastmod>")
            for alt in LANGUAGES:
                out.append(f'    <xhtml:link rel="alternate" hreflang="{alt}" href="{escape(urls[alt])}"/>')
            out.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{escape(urls[SOURCE_LANGUAGE])}"/>')
            out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def page_titles(docs: Path) -> dict:
    """{(lang, path): title} of every page in every language."""
    return {
        (lang, path): str(pagemod.read(docs, lang, path, docs.parent).meta.get("title", path))
        for lang in LANGUAGES
        for path in pagemod.list_pages(docs, lang)
    }


def change_feeds(root: Path, data: datamod.SiteData, site_url: str) -> dict[str, str]:
    """The change log as an Atom feed per language (/feed.xml, /sv/feed.xml) and /api/v1/changes.json."""
    titles = page_titles(root / "docs")
    out = {}
    for lang in LANGUAGES:
        strings = {key: text[lang] for key, text in data.ui.items()}
        out[f"{prefix(lang)}{changes.FEED}"] = feeds.atom(data.changes, lang, site_url, titles, strings)
    out[f"{API}/changes.json"] = _json(
        {**_head(data, site_url, changes.WHATS_NEW), **feeds.changes_json(data.changes, site_url, titles)}
    )
    return out


def api_files(root: Path, data: datamod.SiteData, site_url: str) -> dict[str, str]:
    """The JSON API and the change feeds: {path in the site: content}."""
    return {
        f"{API}/qualifications.json": _json(qualifications_json(data, site_url)),
        f"{API}/pay.json": _json(pay_json(data, site_url)),
        f"{API}/sources.json": _json(sources_json(data, site_url)),
        **change_feeds(root, data, site_url),
        "i18n-status.json": _json(status_json(freshness.all_status(root, root / "docs"), data, site_url)),
    }


def schema_copies(root: Path) -> dict[str, Path]:
    """The published schemas: i18n-status beside its JSON at the site root, the others under the API folder."""
    copies = {
        f"{API}/{schema.name}": schema
        for schema in sorted((root / "schemas").glob("*.schema.json"))
        if not schema.name.startswith("i18n-status")
    }
    copies["i18n-status.schema.json"] = root / "schemas" / "i18n-status.schema.json"
    return copies


@dataclass
class SiteFiles:
    """The site-wide files, made from the sources alone (no built page is read), so the build can
    make them while a language process is still running and write them once the pages are merged."""

    site_url: str
    texts: dict[str, str]  # path in the site -> content
    copies: dict[str, Path]  # path in the site -> file copied as it is
    stubs: dict[str, str]  # redirect stubs: path in the site -> page


def prepare(root: Path, site_url: str | None = None, data: datamod.SiteData | None = None) -> SiteFiles:
    """Everything finalize writes, in memory. ``data``: what the build's check loaded."""
    site_url = base_site_url(site_url)
    data = data or datamod.load(root)
    texts = {
        "sitemap.xml": sitemap(root, root / "docs", site_url),
        "robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n",
        **api_files(root, data, site_url),
    }
    return SiteFiles(site_url, texts, schema_copies(root), redirects.load(root).stubs(site_url, data.ui))


def write_redirect_stubs(site: Path, stubs: dict[str, str]) -> None:
    """Write each redirect stub, refusing one that would replace a built page (its URL still works)."""
    for rel, html in stubs.items():
        target = site / rel
        if target.exists():
            raise ProblemsFound(
                [
                    Problem(
                        "data/redirects.yml",
                        None,
                        f"redirect stub {rel} would overwrite a built page",
                        "Remove the redirect: the old page still exists.",
                    )
                ],
                "Redirects failed",
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def finalize(
    root: Path,
    site: Path,
    site_url: str | None = None,
    collect_csp: bool = False,
    data: datamod.SiteData | None = None,
    prepared: SiteFiles | None = None,
) -> str:
    """Write the site-wide files into the merged site; returns the site URL they use. ``data``: what
    the build's check loaded; ``prepared``: the files, if prepare() already made them."""
    files = prepared or prepare(root, site_url, data)
    # MkDocs writes a sitemap per language build; the merged site has one, for both languages.
    for lang in LANGUAGES:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / prefix(lang) / name).unlink(missing_ok=True)
    for rel, text in files.texts.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    for rel, source in files.copies.items():
        shutil.copyfile(source, site / rel)
    write_redirect_stubs(site, files.stubs)
    # The figures of the two languages show the same numbers, and the Swedish ones no English text.
    problems = figures.check_site(site, root / "docs")
    if problems:
        raise ProblemsFound(problems, "The figures of the two languages differ")
    # The language builds checked their own pages; check what finalize wrote (the redirect stubs).
    problems = htmlcheck.check_site(
        site, htmlcheck.allowlist(root, collect_csp), set(files.stubs), files=[site / rel for rel in files.stubs]
    )
    if problems:
        raise ProblemsFound(problems, "The built pages failed the security check")
    return files.site_url
