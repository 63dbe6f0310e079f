"""Site-wide files written after both languages are built and merged.

- sitemap.xml with both languages and their hreflang alternates; robots.txt pointing at it;
- /api/v1/{qualifications,pay,sources}.json and their JSON Schemas (from schemas/);
- /i18n-status.json (translation status of every page);
- redirect stubs for moved pages under / and /sv/;
- _headers: the security headers a host should send (CSP with the theme's inline-script hashes);
- the built-HTML security check over every page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

from . import data as datamod
from . import freshness, htmlcheck, redirects
from . import pages as pagemod
from .problems import Problem, ProblemsFound
from .urls import LANGUAGES, SOURCE_LANGUAGE, base_site_url, page_urls

API = "api/v1"


def _dump(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def qualifications_json(site: datamod.SiteData, site_url: str) -> dict:
    items = []
    frameworks = ("ecq-2025", "ecq-2006", "ptq-example")
    for q in sorted(site.qualifications, key=lambda q: (frameworks.index(q["framework"]), q["order"])):
        items.append({
            "id": q["id"], "framework": q["framework"], "order": q["order"], "status": q["status"],
            "effective_from": q.get("effective_from"), "superseded_on": q.get("superseded_on"),
            "successor": list(q.get("successor", [])),
            "page": q["page"],
            "name": {"en": q["name"]["en"], "sv": q["name"]["sv"]},
            "definition": {"en": q["definition"]["en"], "sv": q["definition"]["sv"]},
            "definition_note": {"en": "English: official wording as quoted by the source; Swedish: unofficial translation.",
                                "sv": "Engelska: officiell lydelse enligt källan; svenska: inofficiell översättning."},
            "definition_source": q["definition_source"],
            "url": page_urls(site_url, q["page"]),
            "sources": list(q["sources"]),
        })
    return {"version": 1, "qualifications": items}


def pay_json(site: datamod.SiteData) -> dict:
    rows = []
    for r in site.pay:
        row = {"year": r["year"], "minimum": r["minimum"], "maximum_certified": r["maximum_certified"],
               "maximum_uncertified": r["maximum_uncertified"], "reliability": dict(r["reliability"]),
               "frozen": r["frozen"], "sources": list(r["sources"])}
        if r.get("note"):
            row["note"] = {"en": r["note"]["en"], "sv": r["note"]["sv"]}
        rows.append(row)
    return {"version": 1, "currency": "USD", "basis": "calendar year", "years": rows}


def sources_json(site: datamod.SiteData) -> dict:
    keys = ("id", "title", "publisher", "date", "url", "kind")
    out = []
    for s in sorted(site.sources.values(), key=lambda s: s["id"]):
        item = {k: s[k] for k in keys if k in s}
        if s.get("note"):
            item["note"] = {"en": s["note"]["en"], "sv": s["note"]["sv"]}
        out.append(item)
    return {"version": 1, "sources": out}


def status_json(statuses, site_url: str) -> dict:
    return {"version": 1, "pages": [{
        "path": s.path, "state": s.state, "english_changed": s.english_changed,
        "en_last_reviewed": s.en_last_reviewed, "sv_last_reviewed": s.sv_last_reviewed,
        "recorded_hash": s.recorded_hash, "current_hash": s.current_hash,
        "url": page_urls(site_url, s.path),
    } for s in statuses]}


def sitemap(root: Path, docs: Path, site_url: str) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
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


def finalize(root: Path, site: Path, site_url: str | None = None) -> None:
    docs = root / "docs"
    info_file = site / ".sesguide-build.json"
    if info_file.exists():
        info = json.loads(info_file.read_text(encoding="utf-8"))
        site_url = site_url or info["site_url"]
    for leftover in site.rglob(".sesguide-build.json"):
        leftover.unlink()
    site_url = base_site_url(site_url)
    data = datamod.load(root)
    for name in ("sitemap.xml", "sitemap.xml.gz", "sv/sitemap.xml", "sv/sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
    (site / "sitemap.xml").write_text(sitemap(root, docs, site_url), encoding="utf-8")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n", encoding="utf-8")
    _dump(site / API / "qualifications.json", qualifications_json(data, site_url))
    _dump(site / API / "pay.json", pay_json(data))
    _dump(site / API / "sources.json", sources_json(data))
    for schema in sorted((root / "schemas").glob("*.schema.json")):
        if schema.name.startswith("i18n-status"):
            continue
        shutil.copyfile(schema, site / API / schema.name)
    _dump(site / "i18n-status.json", status_json(freshness.all_status(root, docs), site_url))
    shutil.copyfile(root / "schemas" / "i18n-status.schema.json", site / "i18n-status.schema.json")
    redirect_map = redirects.load(root)
    stubs = redirect_map.stubs(site_url)
    for rel, html in stubs.items():
        target = site / rel
        if target.exists():
            raise ProblemsFound([Problem("data/redirects.yml", None, f"redirect stub {rel} would overwrite a built page",
                                         "Remove the redirect: the old page still exists.")], "Redirects failed")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    lines = ["/*\n"] + [f"  {k}: {v}\n" for k, v in htmlcheck.headers(htmlcheck.load_allowlist(root)).items()]
    (site / "_headers").write_text("".join(lines), encoding="utf-8")
    # The language builds checked their own pages; check what finalize wrote (the redirect stubs).
    problems = htmlcheck.check_site(site, htmlcheck.load_allowlist_env(root), set(stubs),
                                    files=[site / rel for rel in stubs])
    if problems:
        raise ProblemsFound(problems, "The built pages failed the security check")
