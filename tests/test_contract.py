"""The agency contract (URLs, anchors, redirects, language signals, JSON data) and the translator
workflow (freshness, banner, status page), on the real build and on small fixtures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import lxml.html
import pytest
from projectkit import ROOT, copy_project

from sesguide import data as datamod
from sesguide import pages as pagemod
from sesguide import permalinks, redirects
from sesguide.render import page_url

SITE_URL = "https://ses-guide.github.io/"
PAGES = pagemod.list_pages(ROOT / "docs", "en")


def local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    rel = urlparse(url).path.lstrip("/")
    return site / rel / "index.html" if (not rel or rel.endswith("/")) else site / rel


# --- permalinks -------------------------------------------------------------------------------


def test_manifest_matches_the_published_site(site):
    problems = permalinks.check(
        permalinks.read_manifest(ROOT / "permalinks.txt"), permalinks.collect(site, ROOT / "docs"), redirects.load(ROOT)
    )
    assert [str(p) for p in problems] == []


def test_manifest_covers_both_languages_with_the_same_anchors():
    entries = {u for _, u in permalinks.read_manifest(ROOT / "permalinks.txt")}
    en = {u for u in entries if not u.startswith("/sv/")}
    sv = {u[3:] for u in entries if u.startswith("/sv/")}
    assert en == sv and len(en) > 200


PUBLISHED = {"/qrb/", "/qrb/#criteria", "/sv/qrb/", "/sv/qrb/#criteria", "/cdp/", "/sv/cdp/"}


@pytest.mark.parametrize(
    "published, redirect_map, expected",
    [
        # nothing changed
        (PUBLISHED, redirects.Redirects(), []),
        # a heading ID disappears in both languages: two broken anchors
        (
            PUBLISHED - {"/qrb/#criteria", "/sv/qrb/#criteria"},
            redirects.Redirects(),
            [
                "permalinks.txt:2: published anchor /qrb/#criteria no longer exists",
                "permalinks.txt:4: published anchor /sv/qrb/#criteria no longer exists",
            ],
        ),
        # ... renamed, with an anchor redirect (the alias element keeps the old ID in the page)
        (
            PUBLISHED - {"/qrb/#criteria", "/sv/qrb/#criteria"} | {"/qrb/#qrb-criteria", "/sv/qrb/#qrb-criteria"},
            redirects.Redirects(anchors={"qrb.md": {"criteria": "qrb-criteria"}}),
            ["not in the manifest"],
        ),
        # a page moved without a redirect
        (
            {u.replace("/qrb/", "/review-board/") for u in PUBLISHED},
            redirects.Redirects(),
            [
                "published page URL /qrb/ no longer exists",
                "published page URL /sv/qrb/ no longer exists",
                "published anchor /sv/qrb/#criteria no longer exists",
            ],
        ),
        # ... and with one: every old URL and anchor maps to a live target in both languages
        (
            {u.replace("/qrb/", "/review-board/") for u in PUBLISHED},
            redirects.Redirects(pages={"qrb.md": "review-board.md"}),
            ["not in the manifest"],
        ),
    ],
)
def test_manifest_check_fixture(published, redirect_map, expected):
    manifest = list(enumerate(["/qrb/", "/qrb/#criteria", "/sv/qrb/", "/sv/qrb/#criteria", "/cdp/", "/sv/cdp/"], 1))
    problems = [str(p) for p in permalinks.check(manifest, published, redirect_map)]
    broken = [p for p in problems if "no longer exists" in p]
    for text in expected:
        assert any(text in p for p in problems), (text, problems)
    if not any("no longer exists" in e for e in expected):
        assert broken == []
    if expected == []:
        assert problems == []


def test_renamed_heading_with_anchor_redirect_keeps_old_links_working(tmp_path):
    """End to end: rename a heading ID in both languages, add an anchor redirect, build:
    the old anchor still exists on both pages and the manifest check passes."""
    p = copy_project(tmp_path / "p")
    manifest = permalinks.read_manifest(ROOT / "permalinks.txt")
    # An anchor no page links to (an internal link to a renamed anchor must be updated, and the
    # strict build says so); the redirect is for links from outside the site.
    linked = "".join(f.read_text(encoding="utf-8") for f in (ROOT / "docs").rglob("*.md"))
    old = next(
        u.split("#")[1]
        for _, u in manifest
        if u.startswith("/qrb/#") and "page-sources" not in u and f"qrb.md#{u.split('#')[1]})" not in linked
    )
    for lang in ("en", "sv"):
        f = p / "docs" / lang / "qrb.md"
        f.write_text(
            f.read_text(encoding="utf-8").replace("{ #" + old + " }", "{ #" + old + "-renamed }"), encoding="utf-8"
        )
    # Keep the project's own redirects (replaced sources keep their anchors) and add this one.
    existing = (p / "data/redirects.yml").read_text(encoding="utf-8")
    assert "\n  qrb.md:" not in existing
    anchors = existing.replace("anchors: {}", "anchors:").rstrip("\n")
    (p / "data/redirects.yml").write_text(f"{anchors}\n  qrb.md:\n    {old}: {old}-renamed\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "sesguide", "stamp", "qrb.md"], cwd=p, check=True, capture_output=True)
    r = subprocess.run(
        [sys.executable, "-m", "sesguide", "build", "--site-dir", str(p / "site")],
        cwd=p,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    published = permalinks.collect(p / "site", p / "docs")
    assert f"/qrb/#{old}" in published and f"/sv/qrb/#{old}" in published
    problems = permalinks.check(manifest, published, redirects.load(p))
    assert [x for x in problems if "no longer exists" in x.message] == []


def test_moved_page_gets_redirect_stubs_in_both_languages(tmp_path):
    p = copy_project(tmp_path / "p")
    for lang in ("en", "sv"):
        (p / "docs" / lang / "qrb.md").rename(p / "docs" / lang / "review-board.md")
    for f in [p / "mkdocs.yml", *p.glob("docs/*/*.md"), *p.glob("docs/*/*/*.md"), *p.glob("docs/*/*/*/*.md")]:
        text = f.read_text(encoding="utf-8")
        f.write_text(text.replace("qrb.md", "review-board.md"), encoding="utf-8")
    # The project's own anchor redirects stay; only the page move is added.
    existing = (p / "data/redirects.yml").read_text(encoding="utf-8")
    assert "\npages: {}\n" in existing
    (p / "data/redirects.yml").write_text(
        existing.replace("\npages: {}\n", "\npages:\n  qrb.md: review-board.md\n"), encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sesguide",
            "stamp",
            *[str(x.relative_to(p / "docs/sv")) for x in (p / "docs/sv").rglob("*.md")],
        ],
        cwd=p,
        check=True,
        capture_output=True,
    )
    r = subprocess.run(
        [sys.executable, "-m", "sesguide", "build", "--site-dir", str(p / "site")],
        cwd=p,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    for prefix, lang in (("", "en"), ("sv/", "sv")):
        stub = lxml.html.fromstring((p / "site" / prefix / "qrb/index.html").read_bytes())
        assert stub.get("lang") == lang
        assert stub.xpath('//link[@rel="canonical"]/@href') == [f"{SITE_URL}{prefix}review-board/"]
        refresh = stub.xpath('//meta[@http-equiv="refresh"]/@content')[0]
        assert (
            refresh == f"0; url=../{prefix}review-board/"
            if prefix == ""
            else refresh == "0; url=../../sv/review-board/"
        )
    problems = permalinks.check(
        permalinks.read_manifest(ROOT / "permalinks.txt"), permalinks.collect(p / "site", p / "docs"), redirects.load(p)
    )
    assert [x for x in problems if "no longer exists" in x.message] == []


# --- language signals -------------------------------------------------------------------------


def test_hreflang_and_canonical_are_absolute_and_resolve(site):
    for path in PAGES:
        for prefix, lang in (("", "en"), ("sv/", "sv")):
            doc = lxml.html.fromstring((site / prefix / page_url(path) / "index.html").read_bytes())
            canonical = doc.xpath('//link[@rel="canonical"]/@href')
            assert canonical == [SITE_URL + prefix + page_url(path)]
            alts = {a.get("hreflang"): a.get("href") for a in doc.xpath('//link[@rel="alternate"][@hreflang]')}
            assert set(alts) == {"en", "sv", "x-default"}
            assert alts["en"] == alts["x-default"] == SITE_URL + page_url(path)
            assert alts["sv"] == SITE_URL + "sv/" + page_url(path)
            for href in alts.values():
                assert local(site, href).exists(), href


def test_sitemap_lists_both_languages_with_alternates(site):
    from lxml import etree

    tree = etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = tree.xpath("//s:url/s:loc/text()", namespaces=ns)
    assert len(locs) == 2 * len(PAGES)
    for path in PAGES:
        assert SITE_URL + page_url(path) in locs and SITE_URL + "sv/" + page_url(path) in locs
    for url in tree.xpath("//s:url", namespaces=ns):
        langs = url.xpath("x:link/@hreflang", namespaces=ns)
        assert sorted(langs) == ["en", "sv", "x-default"]
    for loc in locs:
        assert local(site, loc).exists()
    assert not (site / "sv" / "sitemap.xml").exists()
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"


# --- JSON data -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["qualifications", "pay", "sources"])
def test_json_validates_against_its_published_schema(site, name):
    data = json.loads((site / "api/v1" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api/v1" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def test_i18n_status_json_validates(site):
    data = json.loads((site / "i18n-status.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "i18n-status.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert {p["path"] for p in data["pages"]} == set(PAGES)


def test_qualifications_json_agrees_with_the_pages(site):
    data = json.loads((site / "api/v1/qualifications.json").read_text(encoding="utf-8"))["qualifications"]
    reg = datamod.load(ROOT)
    qual_pages = {p for p in PAGES if "qualification" in pagemod.read(ROOT / "docs", "en", p, ROOT).meta}
    assert {q["page"] for q in data} == qual_pages == {q["page"] for q in reg.qualifications}
    for q in data:
        for lang in ("en", "sv"):
            f = local(site, q["url"][lang])
            doc = lxml.html.fromstring(f.read_bytes())
            assert doc.get("lang") == lang
            assert q["name"][lang] in doc.xpath("string(//h1)") or q["name"][lang] in doc.text_content()
            quote = " ".join(doc.xpath("string(//article//blockquote)").split())
            assert " ".join(q["definition"][lang].split()) in quote, (q["id"], lang)
    assert [q["id"] for q in data if q["framework"] == "ecq-2025"] == [f"ecq-2025-{i}" for i in range(1, 6)]


def test_each_qualification_page_shows_its_id(site):
    data = json.loads((site / "api/v1/qualifications.json").read_text(encoding="utf-8"))["qualifications"]
    label = {"en": "Qualification ID", "sv": "Kvalifikationens id"}
    for q in data:
        for lang in ("en", "sv"):
            doc = lxml.html.fromstring(local(site, q["url"][lang]).read_bytes())
            hits = [p for p in doc.xpath("//article//p") if label[lang] in p.text_content()]
            assert len(hits) == 1 and hits[0].xpath("string(code)") == q["id"], (q["id"], lang)


def test_pay_json_agrees_with_the_pay_page(site):
    data = json.loads((site / "api/v1/pay.json").read_text(encoding="utf-8"))
    text = lxml.html.fromstring((site / "pay/index.html").read_bytes()).text_content()
    for row in data["years"]:
        for col in ("minimum", "maximum_certified", "maximum_uncertified"):
            assert f"${row[col]:,}" in text


CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
API_DOC_SECTIONS = {  # heading ID on the Data API page -> (file, list key or None for the file level)
    "qualifications": ("api/v1/qualifications.json", "qualifications"),
    "pay": ("api/v1/pay.json", "years"),
    "sources": ("api/v1/sources.json", "sources"),
    "translation-status": ("i18n-status.json", "pages"),
}
NULL_WORDS = {"en": ("yes", "no"), "sv": ("ja", "nej")}


def _api_json_files(site: Path) -> list[Path]:
    return sorted([*(site / "api").rglob("*.json"), *site.glob("*.json")])


def test_every_api_json_file_carries_the_licence(site):
    files = _api_json_files(site)
    assert {f.name for f in files} >= {"qualifications.json", "pay.json", "sources.json", "i18n-status.json"}
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        if f.name.endswith(".schema.json"):
            assert CC0 in data.get("$comment", ""), f"{f}: the schema's $comment must name the licence"
        else:
            assert data.get("license", {}).get("url") == CC0, f"{f}: no 'license' field naming CC0"
            assert data["license"]["note"]["sv"] and data["license"]["note"]["en"]


def _doc_tables(lang: str) -> dict:
    """{heading ID: {field: can-be-null}} from the field tables of docs/<lang>/api.md."""
    import re

    yes, no = NULL_WORDS[lang]
    out, current = {}, None
    for line in (ROOT / "docs" / lang / "api.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#+ .*\{ #([a-z0-9-]+) \}$", line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"^\| `([a-z_]+)` \|.*\| ([^|]+) \|$", line)
        if m and current:
            word = m.group(2).strip().split(":")[0]
            assert word in (yes, no), (
                f"docs/{lang}/api.md: field {m.group(1)}: 'Can be null' must start with {yes} or {no}"
            )
            out.setdefault(current, {})[m.group(1)] = word == yes
    return out


def _nullable(prop: dict) -> bool:
    t = prop.get("type")
    return (isinstance(t, list) and "null" in t) or any(o.get("type") == "null" for o in prop.get("oneOf", []))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_api_fields_match_their_documentation(site, lang):
    """The field tables on the Data API page, the published schemas and the JSON agree: the same
    fields, every field present in every entry, null only where the docs and the schema allow it."""
    docs = _doc_tables(lang)
    for section, (path, key) in API_DOC_SECTIONS.items():
        data = json.loads((site / path).read_text(encoding="utf-8"))
        schema = json.loads((site / path.replace(".json", ".schema.json")).read_text(encoding="utf-8"))
        props = schema["properties"][key]["items"]["properties"]
        documented = docs[section]
        assert set(documented) == set(props), (lang, section, set(documented) ^ set(props))
        assert set(schema["properties"][key]["items"]["required"]) == set(props), (section, "every field is required")
        for field, can_be_null in documented.items():
            assert can_be_null == _nullable(props[field]), (lang, section, field)
        for entry in data[key]:
            assert set(entry) == set(props), (section, entry.get("id", entry.get("year", entry.get("path"))))
            for field, value in entry.items():
                assert value is not None or documented[field], (section, field, "is null but documented as never null")
        # the file-level fields
        top = {k for k in schema["properties"] if k != key}
        assert set(data) == top | {key} and set(docs["every-file"]) <= top


def test_api_has_absolute_urls_in_both_languages(site):
    for path in ("api/v1/qualifications.json", "api/v1/pay.json", "api/v1/sources.json", "i18n-status.json"):
        data = json.loads((site / path).read_text(encoding="utf-8"))
        assert data["page_url"]["en"].startswith(SITE_URL) and data["page_url"]["sv"].startswith(SITE_URL + "sv/")
        assert local(site, data["page_url"]["en"]).exists() and local(site, data["page_url"]["sv"]).exists()
    sources = json.loads((site / "api/v1/sources.json").read_text(encoding="utf-8"))["sources"]
    for s in sources:
        assert s["entry_url"]["sv"] == f"{SITE_URL}sv/sources/#{s['id']}"
        assert (s["url"] is None) == (s["no_address"] is not None), s["id"]


# --- translator workflow ----------------------------------------------------------------------


def test_outdated_translation_shows_banner_status_and_diff_until_stamped(tmp_path):
    p = copy_project(tmp_path / "p")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    # Baseline: every Swedish page current, committed.
    subprocess.run([sys.executable, "-m", "sesguide", "stamp", *PAGES], cwd=p, check=True, capture_output=True)
    subprocess.run(["git", "init", "-q"], cwd=p, check=True)
    subprocess.run([*git, "add", "-A"], cwd=p, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=p, check=True)
    en = p / "docs/en/qrb.md"
    en.write_text(en.read_text(encoding="utf-8").rstrip("\n") + "\n\nAn added English paragraph.\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "English change"], cwd=p, check=True)

    def build():
        r = subprocess.run(
            [sys.executable, "-m", "sesguide", "build", "--site-dir", str(p / "site")],
            cwd=p,
            capture_output=True,
            text=True,
        )
        assert r.returncode == 0, r.stderr  # outdated never fails the build
        return p / "site"

    site = build()
    doc = lxml.html.fromstring((site / "sv/qrb/index.html").read_bytes())
    banner = doc.xpath('//*[contains(@class,"sesguide-outdated")]')
    assert len(banner) == 1 and banner[0].get("lang") == "sv"
    assert "Översättningen kan vara inaktuell" in banner[0].text_content()
    date = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=p, capture_output=True, text=True).stdout.strip()
    assert f"Den engelska sidan ändrades {date}" in banner[0].text_content()
    assert banner[0].xpath(".//a/@href") == [SITE_URL + "qrb/"]
    for other in ("cdp", "pay"):
        assert not lxml.html.fromstring((site / f"sv/{other}/index.html").read_bytes()).xpath(
            '//*[contains(@class,"sesguide-outdated")]'
        )
    assert not lxml.html.fromstring((site / "qrb/index.html").read_bytes()).xpath(
        '//*[contains(@class,"sesguide-outdated")]'
    )
    status = json.loads((site / "i18n-status.json").read_text(encoding="utf-8"))
    states = {x["path"]: x["state"] for x in status["pages"]}
    assert states["qrb.md"] == "outdated" and list(states.values()).count("outdated") == 1
    row = [
        tr
        for tr in lxml.html.fromstring((site / "sv/translation-status/index.html").read_bytes()).xpath("//tr")
        if any(re.search(r"(^|/)qrb/$", h) for h in tr.xpath(".//a/@href"))
    ]  # not prepare/qrb-interview/
    assert "inaktuell" in row[0].text_content()
    out = subprocess.run([sys.executable, "-m", "sesguide", "status"], cwd=p, capture_output=True, text=True).stdout
    assert "qrb.md" in out and "outdated" in out
    assert "+An added English paragraph." in out  # the diff since the translated version

    r = subprocess.run([sys.executable, "-m", "sesguide", "stamp", "qrb.md"], cwd=p, capture_output=True, text=True)
    assert r.returncode == 0
    site = build()
    assert not lxml.html.fromstring((site / "sv/qrb/index.html").read_bytes()).xpath(
        '//*[contains(@class,"sesguide-outdated")]'
    )
    status = json.loads((site / "i18n-status.json").read_text(encoding="utf-8"))
    assert {x["state"] for x in status["pages"]} == {"current"}


def test_status_page_lists_every_page_in_both_languages(site):
    for prefix in ("", "sv/"):
        doc = lxml.html.fromstring((site / prefix / "translation-status/index.html").read_bytes())
        hrefs = doc.xpath("//table//a/@href")
        assert len(hrefs) == len(PAGES)


def test_glossary_page_lists_every_termbase_entry_in_both_languages(site):
    reg = datamod.load(ROOT)
    for prefix, lang in (("", "en"), ("sv/", "sv")):
        doc = lxml.html.fromstring((site / prefix / "glossary/index.html").read_bytes())
        ids = set(doc.xpath("//dl/dt/@id"))  # one <dt> per term (templates/glossary.md.j2)
        assert {t["id"] for t in reg.glossary} <= ids
        text = doc.text_content()
        for t in reg.glossary:
            # (the built Swedish text joins numbers with no-break spaces: "5\u00a0%")
            assert t["definition"][lang].split(".")[0][:40] in text.replace("\\", "").replace("\u00a0", " "), t["id"]
