"""Search in the browser, under the production CSP: each language searches its own index.

How Swedish words are matched (checked against Material 9.8.1): the Swedish pages build their
index with lunr's multi-language support (lang: en, sv; lunr.sv.min.js is loaded), but Material's
default search pipeline is only `stopWordFilter` (no stemmer), and every query gets a trailing
wildcard. So a word matches every indexed word that starts with it: "kvalifikationer" finds
"kvalifikationer" and "kvalifikationerna", "lönen" finds "lönen" and "lönenivåer", but
"lönerna" does not find a page that only says "lön". Turning lunr's stemmer on
(`pipeline: [stemmer, ...]`) makes it worse: the index holds stems ("kvalifikation") while the
wildcard query term is not stemmed, so "kvalifikationer", "chefer" and "löner" find nothing.
These tests pin the behaviour readers get: inflected Swedish forms that occur on the site find
the Swedish pages that contain them, and only Swedish pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SWEDISH = {
    # query (an inflected form): a page it must find
    "kvalifikationer": "/sv/ecqs/",          # plural of kvalifikation
    "chefer": "/sv/about-ses/",              # plural of chef
    "lönen": "/sv/pay/",                     # definite form of lön
}
ENGLISH = {
    "qualifications": "/ecqs/",
    "pay": "/pay/",
}


def page_texts(site: Path, lang: str) -> dict[str, str]:
    """Site path -> the searchable text of that page, from the language's own search index."""
    index = json.loads((site / ("sv/" if lang == "sv" else "") / "search" / "search_index.json").read_text("utf-8"))
    out: dict[str, str] = {}
    prefix = "/sv/" if lang == "sv" else "/"
    for doc in index["docs"]:
        path = prefix + doc["location"].split("#")[0]
        out[path] = out.get(path, "") + " " + doc["title"] + " " + re.sub(r"<[^>]+>", " ", doc["text"])
    return out


def search(page, base_url: str, start: str, query: str) -> tuple[list[str], str]:
    """Open `start`, type `query` into Material's search box, return the result pages and the
    result count line."""
    page.goto(base_url + start)
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():                   # narrow layouts: a search button opens the search
        button.click()
        page.wait_for_function("() => document.activeElement?.matches('input.md-search__input')")
    else:
        page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    meta = page.locator(".md-search-result__meta")
    try:
        page.wait_for_selector(".md-search-result__item", timeout=8000)
    except Exception:
        pytest.fail(f"searching {query!r} on {start} showed no results: {meta.inner_text()!r}")
    # Material renders results 10 at a time and adds more when the list is scrolled to its end;
    # scroll until no new results appear, so a page ranked below the first 10 is still seen.
    items = page.locator(".md-search-result__item")
    for _ in range(20):
        before = items.count()
        page.eval_on_selector(".md-search__scrollwrap", "el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(250)
        if items.count() == before:
            break
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                      "els => els.map(e => e.href)")
    pages = sorted({h.split("?")[0].split("#")[0] for h in hrefs})
    return pages, meta.inner_text()


@pytest.mark.parametrize("query", list(SWEDISH))
def test_swedish_search_finds_swedish_pages(page, context, base_url, site, query):
    pages, meta = search(page, base_url, "/sv/", query)
    paths = [p[len(base_url):] for p in pages if p.startswith(base_url)]
    assert pages and len(paths) == len(pages), f"{query!r}: results on other hosts: {pages}"
    assert all(p.startswith("/sv/") for p in paths), f"{query!r} on a Swedish page found non-Swedish pages: {paths}"
    assert SWEDISH[query] in paths, f"{query!r} did not find {SWEDISH[query]} ({meta}): {paths}"
    # Every result really contains the word (or a longer word starting with it) in Swedish.
    texts = page_texts(site, "sv")
    word = re.compile(r"(?<!\w)" + re.escape(query), re.I)
    unrelated = [p for p in paths if not word.search(texts.get(p, ""))]
    assert not unrelated, f"{query!r} found pages that do not contain it: {unrelated}"
    f = context.recorder.current
    assert f.csp == [] and f.problems() == [], f.csp + f.problems()


def test_swedish_pages_load_the_swedish_search_language(page, context, base_url):
    """The Swedish index is built with lunr's Swedish support (multi-language en+sv)."""
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    search(page, base_url, "/sv/", "chefer")
    assert any(u.endswith("/lunr/min/lunr.sv.min.js") for u in seen), [u for u in seen if "lunr" in u]
    assert any(u.endswith("/sv/search/search_index.json") for u in seen), "the Swedish index was not loaded"


@pytest.mark.parametrize("query", list(ENGLISH))
def test_english_search_finds_english_pages_only(page, context, base_url, query):
    pages, meta = search(page, base_url, "/", query)
    paths = [p[len(base_url):] for p in pages if p.startswith(base_url)]
    assert pages and len(paths) == len(pages), f"{query!r}: results on other hosts: {pages}"
    assert not [p for p in paths if p.startswith("/sv/")], f"{query!r} on an English page found Swedish pages: {paths}"
    assert ENGLISH[query] in paths, f"{query!r} did not find {ENGLISH[query]} ({meta}): {paths}"
    f = context.recorder.current
    assert f.csp == [] and f.problems() == [], f.csp + f.problems()


def test_search_works_at_375_px(page, context, base_url):
    page.set_viewport_size({"width": 375, "height": 812})
    pages, _ = search(page, base_url, "/sv/pay/", "lönen")
    assert base_url + "/sv/pay/" in pages
