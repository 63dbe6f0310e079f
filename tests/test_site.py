"""The built site, parsed: languages, switcher, 404 pages, third parties, data tables, search.

Table-driven checks over every page of both languages; no golden copies of whole pages.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
import pytest
from projectkit import ROOT

from sesguide import pages as pagemod
from sesguide.render import page_url

SITE_URL = "https://ses-guide.github.io/"
EN_PAGES = pagemod.list_pages(ROOT / "docs", "en")
SV_PAGES = pagemod.list_pages(ROOT / "docs", "sv")


def html_of(site: Path, lang: str, path: str):
    rel = ("sv/" if lang == "sv" else "") + page_url(path) + "index.html"
    return lxml.html.fromstring((site / rel).read_bytes())


def all_html(site: Path):
    return sorted(p for p in site.rglob("*.html"))


def test_both_trees_have_the_same_pages():
    assert EN_PAGES == SV_PAGES
    assert len(EN_PAGES) >= 29


def test_build_log_has_no_warnings(site_build):
    _, result = site_build
    for lang, log in result["logs"].items():
        bad = [ln for ln in log.splitlines() if "WARNING" in ln or "ERROR" in ln]
        assert bad == [], f"{lang} build log: {bad}"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_page_has_its_language(site, lang):
    for path in EN_PAGES:
        doc = html_of(site, lang, path)
        assert doc.get("lang") == lang, path


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_switcher_leads_to_the_twin(site, lang):
    other = "sv" if lang == "en" else "en"
    for path in EN_PAGES:
        doc = html_of(site, lang, path)
        links = doc.xpath("//a[@data-sesguide-switch]")
        assert len(links) == 1, path
        a = links[0]
        assert a.get("hreflang") == other and a.get("lang") == other
        here = ("sv/" if lang == "sv" else "") + page_url(path)
        target = (Path("/") / here / a.get("href")).resolve()
        expected = Path("/" + ("sv/" if other == "sv" else "") + page_url(path)).resolve()
        assert target == expected, f"{lang} {path}: switcher goes to {target}, expected {expected}"
        assert (site / str(target).lstrip("/") / "index.html").exists()


def test_each_language_has_its_own_404(site):
    en = lxml.html.fromstring((site / "404.html").read_bytes())
    sv = lxml.html.fromstring((site / "sv" / "404.html").read_bytes())
    assert en.get("lang") == "en" and sv.get("lang") == "sv"
    assert "Page not found" in en.text_content()
    assert "Sidan hittades inte" in sv.text_content()
    assert en.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    # Each points readers to the other language too, marked with that language, by a root-relative
    # path (the 404 page answers at any depth, and must not send a local preview to the public host).
    root = urlparse(SITE_URL).path
    assert sv.xpath('//p[@lang="en"]/a/@href') == [root] and en.xpath('//p[@lang="sv"]/a/@href') == [root + "sv/"]
    assert sv.xpath("//a[@data-sesguide-switch]/@href") == [root]
    assert en.xpath("//a[@data-sesguide-switch]/@href") == [root + "sv/"]


def _external(url: str) -> bool:
    u = urlparse(url)
    return bool(u.scheme in ("http", "https") or url.startswith("//"))


def test_no_third_party_assets(site):
    """No <script src>, <link href> (except rel=canonical/alternate metadata), img or @import on another host."""
    for f in all_html(site):
        doc = lxml.html.fromstring(f.read_bytes())
        for el in doc.xpath("//script[@src]"):
            assert not _external(el.get("src")), (f, el.get("src"))
        for el in doc.xpath("//link[@href]"):
            rel = el.get("rel", "")
            if rel in ("canonical", "alternate"):
                assert el.get("href").startswith(SITE_URL), (f, el.get("href"))
                continue
            assert not _external(el.get("href")), (f, rel, el.get("href"))
        for el in doc.xpath("//img[@src] | //iframe | //source[@src]"):
            assert not _external(el.get("src", "")), (f, el.get("src"))
        for style in doc.xpath("//style/text()"):
            assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", style), f
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css


def test_no_fonts_from_google(site):
    for f in all_html(site):
        assert "fonts.googleapis" not in f.read_text(encoding="utf-8"), f


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", ["$151,661", "$228,000", "$209,600", "$119,554"]),
        ("sv", ["151\u00a0661\u00a0USD", "228\u00a0000\u00a0USD", "209\u00a0600\u00a0USD", "119\u00a0554\u00a0USD"]),
    ],
)
def test_pay_table_rendered_from_data(site, lang, expected):
    doc = html_of(site, lang, "pay.md")
    tables = [t for t in doc.xpath("//table") if "2026" in t.text_content() and "2010" in t.text_content()]
    assert len(tables) == 1
    text = tables[0].text_content()
    for value in expected:
        assert value in text
    rows = tables[0].xpath('.//tbody/tr[@class="sesguide-pay__year"]')
    assert len(rows) == 17
    # each year is followed by its sources and notes, folded into a <details> with a summary
    assert len(tables[0].xpath('.//tbody/tr[@class="sesguide-pay__more"]/td/details/summary')) == 17
    # every value shows its reliability label
    assert len(tables[0].xpath('.//span[contains(@class,"rel--")]')) == 17 * 3


def test_swedish_numbers_do_not_break_across_lines(site):
    """Every Swedish page: no ordinary space inside a digit group ("228 000") or before USD or %,
    in the text readers see (code excluded); the prose numbers are joined at build time, as the
    generated tables already are."""
    broken, joined = [], 0
    for path in SV_PAGES:
        doc = html_of(site, "sv", path)
        for bad in doc.xpath("//code|//pre|//script|//style"):
            bad.drop_tree()
        text = doc.text_content()
        joined += len(re.findall(r"\d\u00a0\d{3}", text))
        broken += [
            f"{path}: {m.group(0)!r}" for m in re.finditer(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)|\d (?:USD\b|%)", text)
        ]
    assert not broken, "Swedish numbers that can wrap at a space:\n" + "\n".join(broken[:20])
    assert joined > 100, joined  # the pages do have grouped numbers (pay table, sizes, prose)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_ecq_comparison_and_lists_rendered_from_registry(site, lang):
    from sesguide import data as datamod

    reg = datamod.load(ROOT)
    doc = html_of(site, lang, "ecqs/index.md")
    text = doc.text_content()
    for q in reg.qualifications:
        if q["framework"].startswith("ecq"):
            assert q["name"][lang] in text, q["id"]
    ptq = html_of(site, lang, "ptqs/index.md").text_content()
    for q in reg.framework("ptq-example"):
        assert q["name"][lang] in ptq


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_ecq_comparison_follows_the_registry_not_positions(site, lang):
    """Each previous ECQ sits beside the current ECQ that officially continues it, or 'removed';
    current ECQs that continue none are listed as new. Nothing is paired by number."""
    from sesguide import data as datamod

    reg = datamod.load(ROOT)
    by_id = {q["id"]: q for q in reg.qualifications}
    doc = html_of(site, lang, "ecqs/index.md")
    table = doc.xpath('//h2[@id="comparison"]/following::table[1]')[0]
    rows = [[c.text_content().strip() for c in tr.xpath("./td")] for tr in table.xpath(".//tbody/tr")]
    expected = []
    continued = set()
    for q in reg.framework("ecq-2006"):
        succ = q.get("successor", [])
        continued.update(succ)
        expected.append(
            [q["name"][lang], ", ".join(by_id[s]["name"][lang] for s in succ) or reg.text("ecq_removed", lang)]
        )
    expected += [
        [reg.text("ecq_new", lang), q["name"][lang]] for q in reg.framework("ecq-2025") if q["id"] not in continued
    ]
    assert rows == expected


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_unknown_publishers_are_written_in_the_page_language(site, lang):
    """Publisher "Unknown" is shown in the page's language, wherever the register has one."""
    import yaml

    register = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
    unknown = any(s.get("publisher") == "Unknown" for s in register["sources"])
    text = html_of(site, lang, "sources.md").text_content()
    assert (("Publisher unknown" if lang == "en" else "Okänd utgivare") in text) == unknown
    if lang == "sv":
        assert "Unknown" not in text and "Unknown" not in html_of(site, "sv", "pay.md").text_content()


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_sources_page_table_of_contents_stops_at_h2(site, lang):
    """toc_depth: 2 (front matter): the 100+ source headings stay anchors but leave the table of
    contents, which Material writes twice (sidebar and mobile drawer)."""
    doc = html_of(site, lang, "sources.md")
    toc = [a.get("href") for a in doc.xpath('//nav[contains(@class,"md-nav--secondary")]//a')]
    assert "#list-of-sources" in toc and "#usc-5-3393" not in toc
    assert doc.xpath('//h3[@id="usc-5-3393"]')
    # other pages keep their H3 entries
    pay = [a.get("href") for a in html_of(site, lang, "pay.md").xpath('//nav[contains(@class,"md-nav--secondary")]//a')]
    assert "#freeze-2019" in pay


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_page_shows_sources_review_date_and_citation(site, lang):
    for path in EN_PAGES:
        doc = html_of(site, lang, path)
        assert doc.xpath('//*[@id="page-sources"]'), path
        canonical = doc.xpath('//link[@rel="canonical"]/@href')[0]
        assert canonical in doc.xpath('string(//div[contains(@class,"quote")])'), path


def test_search_index_is_per_language_and_content_only(site):
    """Pagefind wrote one index per language; only each page's article is indexed, without the
    sources-and-citation block; 404 pages and redirect stubs are not indexed."""
    metas = sorted(p.name.split(".")[1].split("_")[0] for p in (site / "pagefind").glob("pagefind.*.pf_meta"))
    assert metas == ["en", "sv"], metas
    for lang in ("en", "sv"):
        doc = html_of(site, lang, "pay.md")
        bodies = doc.xpath("//*[@data-pagefind-body]")
        assert len(bodies) == 1 and bodies[0].tag == "article", lang
        assert doc.xpath("//*[@data-pagefind-ignore='all']//*[@id='page-sources']"), lang
        assert not doc.xpath("//nav[@data-pagefind-body] | //footer//*[@data-pagefind-body]"), lang
    for notfound in ("404.html", "sv/404.html"):
        assert "data-pagefind-body" not in (site / notfound).read_text(encoding="utf-8"), notfound
    # Pagefind's ready-made UIs and Material's lunr search are not published.
    assert not list(site.glob("pagefind/pagefind-*ui*")) and not (site / "assets/javascripts/lunr").exists()


def test_one_copy_of_the_theme_for_both_languages(site):
    assert not (site / "sv" / "assets").exists()
    en = html_of(site, "en", "pay.md")
    sv = html_of(site, "sv", "pay.md")

    def assets(doc, page_dir):
        urls = doc.xpath("//link[@rel='stylesheet']/@href | //script/@src | //link[@rel='icon']/@href")
        return sorted(posixpath.normpath(posixpath.join(page_dir, u)) for u in urls)

    en_urls, sv_urls = assets(en, "/pay/"), assets(sv, "/sv/pay/")
    assert en_urls == sv_urls and all(u.startswith("/assets/") for u in en_urls), (en_urls, sv_urls)
    for u in en_urls:
        assert (site / u.lstrip("/")).is_file(), u
    notfound = lxml.html.fromstring((site / "sv" / "404.html").read_bytes())
    urls = notfound.xpath("//@href | //@src")
    assert any(u.startswith("/assets/") for u in urls) and not [u for u in urls if "/sv/assets/" in u], urls


def test_fingerprinted_assets_are_cached_for_a_year_and_html_revalidates(site):
    from sesguide import assets as assetmod

    headers = (site / "_headers").read_text(encoding="utf-8")
    own = [p.relative_to(site).as_posix() for p in (site / "assets").rglob("sesguide*")]
    assert own and all(re.search(r"\.[0-9a-f]{10}\.(css|js)$", p) for p in own), own
    for rel in own + [p.relative_to(site).as_posix() for p in (site / "pagefind").glob("*.pf_meta")]:
        assert assetmod.cache_control(rel) == assetmod.IMMUTABLE, rel
        assert f"/{rel}\n  Cache-Control: {assetmod.IMMUTABLE}" in headers, rel
    assert "/pagefind/index/*\n  Cache-Control: " + assetmod.IMMUTABLE in headers
    for rel in (
        "index.html",
        "sv/pay/index.html",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "assets/images/logo.svg",
        "api/v1/pay.json",
    ):
        assert assetmod.cache_control(rel) == assetmod.REVALIDATE, rel
    assert "'wasm-unsafe-eval'" in headers and "'unsafe-eval'" not in headers.replace("'wasm-unsafe-eval'", "")


def test_no_banner_when_translations_are_current(site):
    for path in EN_PAGES:
        assert not html_of(site, "sv", path).xpath('//*[contains(@class,"sesguide-outdated")]'), path


def test_abbreviations_explained_in_both_languages(site):
    en = html_of(site, "en", "qrb.md")
    sv = html_of(site, "sv", "qrb.md")
    assert en.xpath('//abbr[text()="QRB"]/@title')[0] == "Qualifications Review Board"
    assert sv.xpath('//abbr[text()="QRB"]/@title')[0].startswith("kvalifikationsprövningsnämnd")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_glossary_is_a_definition_list_in_the_readers_alphabetical_order(site, lang):
    """Swedish readers get the terms A–Ö by the Swedish term (å, ä, ö after z) with the English term
    beside it; English readers by the English term with the Swedish beside it. The term IDs (the
    anchors agencies link to) are on the <dt> elements, every term once."""
    from sesguide import data as datamod
    from sesguide.collation import sort_key

    terms = datamod.load(ROOT).glossary
    doc = html_of(site, lang, "glossary.md")
    dts = doc.xpath("//article//dl/dt[@id]")
    assert [dt.get("id") for dt in dts] == [t["id"] for t in sorted(terms, key=lambda t: sort_key(t[lang], lang))]
    other = "en" if lang == "sv" else "sv"
    for dt, term in zip(dts, sorted(terms, key=lambda t: sort_key(t[lang], lang)), strict=True):
        lead = dt.xpath("string(./strong)")
        assert " ".join(term[lang].split()) in " ".join(lead.split()), (lead, term[lang])
        beside = dt.xpath(f'string(.//span[@lang="{other}"])')
        assert " ".join(term[other].split()) in " ".join(beside.split()), (dt.get("id"), beside)
        dd = dt.getnext()
        assert dd is not None and dd.tag == "dd" and dd.text_content().strip(), dt.get("id")
    if lang == "sv":  # the Swedish order is not the English one (Jinja's sort by the English term)
        assert [dt.get("id") for dt in dts] != [t["id"] for t in sorted(terms, key=lambda t: t["en"])]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_page_has_opengraph_and_citation_metadata(site, lang):
    """Shared links get a preview and reference managers a record: title, date, publisher,
    language (OpenGraph, Highwire citation_*, Dublin Core) on every page and both 404 pages."""
    publisher = {"en": "SES Guide", "sv": "SES-guiden"}[lang]
    locale = {"en": ("en_US", "sv_SE"), "sv": ("sv_SE", "en_US")}[lang]

    def meta(doc, key):
        return doc.xpath(f'string(//head/meta[@property="{key}" or @name="{key}"]/@content)')

    for path in [*EN_PAGES, None]:
        doc = (
            html_of(site, lang, path)
            if path
            else lxml.html.fromstring((site / ("sv/" if lang == "sv" else "") / "404.html").read_bytes())
        )
        title = meta(doc, "og:title")
        assert title and meta(doc, "citation_title") == title == meta(doc, "DC.title"), path
        assert meta(doc, "og:site_name") == meta(doc, "citation_publisher") == meta(doc, "DC.publisher") == publisher
        assert meta(doc, "citation_language") == meta(doc, "DC.language") == lang, path
        assert (meta(doc, "og:locale"), meta(doc, "og:locale:alternate")) == locale, path
        if path is None:
            continue
        page = pagemod.read(ROOT / "docs", lang, path, ROOT)
        assert title == page.meta["title"], path
        canonical = doc.xpath('string(//link[@rel="canonical"]/@href)')
        assert meta(doc, "og:url") == meta(doc, "citation_public_url") == meta(doc, "DC.identifier") == canonical
        reviewed = str(page.meta["last_reviewed"])
        assert meta(doc, "DC.date") == meta(doc, "article:modified_time") == reviewed, path
        assert meta(doc, "citation_date") == reviewed.replace("-", "/"), path
        assert meta(doc, "og:description") == page.meta["description"], path


def test_swedish_pages_show_the_projects_own_descriptions_in_swedish(site):
    """Publisher descriptions and descriptive titles written by this project have Swedish forms in
    data/sources.yml, and Swedish pages show them instead of the English."""
    from sesguide import data as datamod

    reg = datamod.load(ROOT)
    doc = html_of(site, "sv", "sources.md")
    for sid, s in reg.sources.items():
        heading = doc.xpath(f'//h3[@id="{sid}"]')[0]
        if s["title_sv"]:
            assert (
                heading.text_content().strip().rstrip("¶").strip() == s["title_sv"] and heading.get("lang") is None
            ), sid
        entry = " ".join(heading.getnext().text_content().split())
        if s["publisher"] in reg.publishers:
            assert entry.startswith(reg.publishers[s["publisher"]]), (sid, entry)
    assert reg.publishers["The White House"] == "Vita huset"
    en_doc = html_of(site, "en", "sources.md")
    assert "Vita huset" not in en_doc.text_content()
    # the pay table on the Swedish pay page names publishers in Swedish too
    pay = html_of(site, "sv", "pay.md").xpath('string(//div[contains(@class,"sesguide-pay-table")])')
    assert "Vita huset" in pay and "The White House" not in pay


def test_local_server_gzips_text_and_still_revalidates(site):
    """`make serve` (and the benchmark's Lighthouse runs) compress text as a host would; a
    revalidation is still answered with 304, and files that are not text are sent as they are."""
    import gzip
    import urllib.request

    from projectkit import ROOT

    from sesguide.server import serve_in_thread

    httpd = serve_in_thread(site, ROOT, port=0)
    host, port = httpd.server_address[:2]
    base = f"http://{host}:{port}"
    try:
        req = urllib.request.Request(base + "/sv/sources/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as r:
            body, headers = r.read(), r.headers
        assert headers["Content-Encoding"] == "gzip" and int(headers["Content-Length"]) == len(body)
        assert gzip.decompress(body) == (site / "sv" / "sources" / "index.html").read_bytes()
        with urllib.request.urlopen(base + "/sv/sources/") as r:  # no Accept-Encoding: as it is
            assert r.headers["Content-Encoding"] is None
            assert r.read() == (site / "sv" / "sources" / "index.html").read_bytes()
        again = urllib.request.Request(
            base + "/sv/sources/",
            headers={"Accept-Encoding": "gzip", "If-Modified-Since": headers["Last-Modified"]},
        )
        try:
            urllib.request.urlopen(again)
            status = 200
        except urllib.error.HTTPError as e:
            status = e.code
        assert status == 304
        wasm = next((site / "pagefind").glob("wasm.*.pagefind"))
        req = urllib.request.Request(base + "/pagefind/" + wasm.name, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as r:
            assert r.headers["Content-Encoding"] is None and r.read() == wasm.read_bytes()
    finally:
        httpd.shutdown()
        httpd.server_close()
