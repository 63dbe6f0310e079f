"""The change log as readers and agencies get it from the built site: an Atom feed per language that a
real feed parser reads, /api/v1/changes.json, the What's new page and each page's own list."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import feedparser
import jsonschema
import lxml.html
import pytest
from projectkit import ROOT

from sesguide import changes, pages
from sesguide.urls import LANGUAGES, canonical, lang_page_url, prefix

SITE_URL = "https://ses-guide.github.io/"
LOG = changes.load(ROOT)
FEED_ID = re.compile(r"^tag:ses-guide\.github\.io,2026:change:([a-z0-9-]+):(en|sv)$")


def feed(site, lang):
    parsed = feedparser.parse((site / prefix(lang) / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def plain(text: str) -> str:
    """Text as read, with the no-break spaces the build puts into Swedish numbers made plain."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


def local(site, url):
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path[1:]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_is_valid_atom_with_absolute_links_and_stable_ids(site, lang):
    f = feed(site, lang)
    assert f.feed.language == lang and f.feed.id and f.feed.updated
    assert f.feed.updated.startswith(max(e["date"] for e in LOG))
    assert {link.rel: link.href for link in f.feed.links} == {
        "self": SITE_URL + prefix(lang) + "feed.xml",
        "alternate": canonical(SITE_URL, "whats-new.md", lang),
    }
    assert local(site, SITE_URL + prefix(lang) + "feed.xml").is_file()
    ids = [e.id for e in f.entries]
    assert len(ids) == len(set(ids)) == len(LOG)
    for entry in f.entries:
        assert FEED_ID.match(entry.id).group(2) == lang
        assert entry.updated and entry.published and entry.title and entry.summary
        for link in entry.links:
            assert link.href.startswith(SITE_URL), link.href
            page = local(site, link.href.split("#")[0])
            assert page.is_file(), link.href
            if "#" in link.href:
                assert lxml.html.parse(str(page)).xpath(f'//*[@id="{link.href.split("#")[1]}"]'), link.href


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_entries_equal_the_data(site, lang):
    f = feed(site, lang)
    assert [FEED_ID.match(e.id).group(1) for e in f.entries] == [e["id"] for e in LOG]
    for entry, data in zip(f.entries, LOG, strict=True):
        assert entry.summary == data["summary"][lang]
        assert entry.updated.startswith(data["date"])
        path, anchor = data["targets"][0]
        assert entry.link == canonical(SITE_URL, path, lang) + (f"#{anchor}" if anchor else "")
        assert [t.term for t in entry.tags] == [data["kind"]]


def test_both_languages_have_the_same_entries(site):
    en, sv = feed(site, "en"), feed(site, "sv")
    assert [(e.id[:-3], e.updated, len(e.links)) for e in en.entries] == [
        (e.id[:-3], e.updated, len(e.links)) for e in sv.entries
    ]
    assert all(a.summary != b.summary for a, b in zip(en.entries, sv.entries, strict=True))


def test_changes_json_validates_and_equals_the_data(site):
    doc = json.loads((site / "api/v1/changes.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api/v1/changes.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads((ROOT / "schemas/changes.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    assert [c["id"] for c in doc["changes"]] == [e["id"] for e in LOG]
    for item, data in zip(doc["changes"], LOG, strict=True):
        assert (item["date"], item["kind"], item["summary"], item["sources"]) == (
            data["date"],
            data["kind"],
            dict(data["summary"]),
            list(data["sources"]),
        )
        assert [(p["page"], p.get("anchor")) for p in item["pages"]] == data["targets"]
        for p in item["pages"]:
            for lang in LANGUAGES:
                assert local(site, p["url"][lang].split("#")[0]).is_file()
    assert doc["feeds"] == {lang: SITE_URL + prefix(lang) + "feed.xml" for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_announces_its_languages_feed(site, lang):
    for path in pages.list_pages(ROOT / "docs", lang):
        doc = lxml.html.parse(str(site / lang_page_url(path, lang) / "index.html"))
        hrefs = doc.xpath('//head/link[@rel="alternate"][@type="application/atom+xml"]/@href')
        assert hrefs == [f"{SITE_URL}{prefix(lang)}feed.xml"], (lang, path, hrefs)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_whats_new_lists_every_entry_newest_first_with_working_links(site, lang):
    page = site / lang_page_url("whats-new.md", lang) / "index.html"
    doc = lxml.html.parse(str(page))
    article = doc.xpath("//article")[0]
    dates = [h.get("id") for h in article.xpath('.//h2[starts-with(@id, "changes-")]')]
    assert dates == [f"changes-{d}" for d in dict.fromkeys(e["date"] for e in LOG)]
    text = plain(article.text_content())
    for e in LOG:
        assert e["summary"][lang] in text
    feed_link = article.xpath('.//a[@type="application/atom+xml"]/@href')
    assert len(feed_link) == 1
    assert urljoin(f"/{lang_page_url('whats-new.md', lang)}", feed_link[0]) == f"/{prefix(lang)}feed.xml"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_lists_its_own_changes_next_to_the_review_date(site, lang):
    checked = 0
    for path in pages.list_pages(ROOT / "docs", lang):
        mine = changes.for_page(LOG, path)
        doc = lxml.html.parse(str(site / lang_page_url(path, lang) / "index.html"))
        box = doc.xpath('//*[@id="page-sources"]/following-sibling::div[@class="sesguide-changes"][1]/ul')
        items = box[0].xpath("./li") if box and mine else []
        assert len(items) == min(len(mine), 5), (lang, path)
        for li, e in zip(items, mine, strict=False):
            assert e["summary"][lang] in plain(li.text_content())
            for anchor in e["anchors"]:
                assert li.xpath(f'.//a[@href="#{anchor}"]'), (path, anchor)
        checked += bool(mine)
    assert checked >= 30
