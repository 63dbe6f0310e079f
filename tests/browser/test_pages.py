"""Every page of both languages (and both 404 pages) in Chromium, served with the production
headers: axe-core WCAG 2.x A/AA at 1280 and 375 px, no console errors or failed requests, no
request to another host, no Content-Security-Policy violation, no sideways scrolling, and the
language switcher leading to the twin page and back.

Each page pair is loaded once (see Tour in conftest.py); these tests read what was recorded.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from .conftest import EN_PAGES, NOT_FOUND, PAGE_PATHS, SV_PAGES, describe_violations, listing, url_path

LANGS = ["en", "sv"]
CASES = [pytest.param(lang, path, id=f"{lang}:/{path}") for path in PAGE_PATHS for lang in LANGS]


def visit_of(tour, lang, path):
    v = tour.pair(path)[lang]
    assert v.error is None, f"{lang} {url_path(lang, path)} could not be loaded and checked: {v.error}"
    return v


def test_the_tour_covers_every_page_of_both_languages():
    # The tour visits each English page and its Swedish twin, so both trees must list the same pages.
    assert EN_PAGES == SV_PAGES, set(EN_PAGES) ^ set(SV_PAGES)
    assert len(PAGE_PATHS) >= 30, PAGE_PATHS  # 29+ pages and the 404 page
    assert "" in PAGE_PATHS and "pay/" in PAGE_PATHS and NOT_FOUND in PAGE_PATHS


@pytest.mark.parametrize("lang,path", CASES)
def test_page_loads_in_its_language(tour, lang, path):
    v = visit_of(tour, lang, path)
    assert v.status == (404 if path == NOT_FOUND else 200), f"HTTP status of {v.url}"
    assert v.html_lang == lang, f"<html lang> of {v.url}"


@pytest.mark.parametrize("lang,path", CASES)
def test_axe_wcag_aa(tour, lang, path):
    v = visit_of(tour, lang, path)
    assert set(v.axe) == {"1280", "375"}
    report = [f"at {w} px:\n{describe_violations(viol)}" for w, viol in v.axe.items() if viol]
    assert not report, f"axe-core violations on {url_path(lang, path)}\n" + "\n".join(report)


@pytest.mark.parametrize("lang,path", CASES)
def test_no_console_errors_or_failed_requests(tour, lang, path):
    v = visit_of(tour, lang, path)
    f = v.findings
    assert f.requests > 0, "the recorder saw no requests at all"
    assert not f.problems(), f"{url_path(lang, path)}:\n" + listing(f.problems())


@pytest.mark.parametrize("lang,path", CASES)
def test_no_requests_to_other_hosts(tour, lang, path):
    v = visit_of(tour, lang, path)
    assert not v.findings.external_requests, (
        f"{url_path(lang, path)} asked hosts other than 127.0.0.1 for: {v.findings.external_requests}"
    )


@pytest.mark.parametrize("lang,path", CASES)
def test_no_csp_violations(tour, lang, path):
    v = visit_of(tour, lang, path)
    assert not v.findings.csp, f"{url_path(lang, path)} under the production CSP:\n" + listing(v.findings.csp)


@pytest.mark.parametrize("lang,path", CASES)
def test_no_sideways_scrolling(tour, lang, path):
    v = visit_of(tour, lang, path)
    for width, (scroll, client) in v.overflow.items():
        assert scroll <= client, (
            f"{url_path(lang, path)} at {width} px is {scroll} px wide (viewport {client} px): "
            "something overflows the page horizontally"
        )


@pytest.mark.parametrize("path", PAGE_PATHS, ids=[f"/{p}" for p in PAGE_PATHS])
def test_language_switcher_opens_the_twin_and_back(tour, base_url, site_url, page, path):
    pair = tour.pair(path)
    to_sv, to_en = pair["to_sv"], pair["to_en"]
    if path == NOT_FOUND:
        # The 404 pages are served at any address, so they link to the other language's home page by
        # its root-relative path (the path of site_url), which must open on the local server too.
        root = urlparse(site_url).path
        for sw, lang in ((to_sv, "sv"), (to_en, "en")):
            want = root + ("sv/" if lang == "sv" else "")
            assert sw.href == want, f"switcher on {sw.from_url}: href={sw.href!r}, not {want!r}"
            page.goto(base_url + sw.href)
            assert page.evaluate("() => document.documentElement.lang") == lang
        return
    en_url, sv_url = base_url + url_path("en", path), base_url + url_path("sv", path)
    for sw, want, lang in ((to_sv, sv_url, "sv"), (to_en, en_url, "en")):
        assert sw.error is None, f"switcher on {sw.from_url} (href={sw.href!r}): {sw.error}"
        assert sw.landed == want, f"switcher on {sw.from_url} (href={sw.href!r}) led to {sw.landed}, not {want}"
        assert sw.landed_lang == lang, f"{sw.landed} has <html lang={sw.landed_lang!r}>, not {lang!r}"
        assert not sw.findings.problems(), listing(sw.findings.problems())
