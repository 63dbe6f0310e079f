"""Site search (Pagefind) in the browser, under the production CSP.

Relevance: every query of tests/search-relevance.yml is typed into the real search box of its
language (opened with `/`); the result pages, in order, give hit@1 and hit@3 per language. The
suite fails below hit@1 0.9 or hit@3 1.0 in either language, on any result in the other
language, and when an inflected form ranks a different page first than its base form. The
figures are printed (pytest -s, or in the failure message).

Also: nothing of the search loads before it is opened; the dialog has an accessible name, takes
focus, and Escape closes it and returns focus to the button; results link to the heading of the
matching section; without JavaScript there is no search control; Tab never reaches an invisible
control in the header; the translator previews (`make serve-en` / `make serve-sv`, one language
under `mkdocs serve`) search their own pages.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from projectkit import ROOT

from sesguide import searchindex
from sesguide.langprocs import mkdocs_env
from sesguide.server import serve_in_thread

RELEVANCE = yaml.safe_load((ROOT / "tests" / "search-relevance.yml").read_text(encoding="utf-8"))
HOME = {"en": "/", "sv": "/sv/"}
PREFIX = {"en": "/", "sv": "/sv/"}
HIT1, HIT3 = 0.9, 1.0
SETTLED = """() => { const s = document.querySelector('.sesguide-search__status');
  return s && s.dataset.query === document.querySelector('#sesguide-search-input').value.trim(); }"""


def open_search(page, base_url: str, start: str) -> None:
    page.goto(base_url + start)
    page.locator("body").press("/")
    page.wait_for_selector("dialog.sesguide-search[open]")
    page.wait_for_function("() => document.activeElement?.id === 'sesguide-search-input'")


def query(page, text: str) -> list[dict]:
    """Type `text` into the open search box (replacing what is there); the results in order."""
    box = page.locator("#sesguide-search-input")
    box.fill("")
    box.type(text, delay=5)
    page.wait_for_function(SETTLED, timeout=10_000)
    return page.eval_on_selector_all(
        ".sesguide-search__link",
        "els => els.map(e => ({href: e.href, page: e.querySelector('.sesguide-search__page').textContent,"
        " section: (e.querySelector('.sesguide-search__section') || {}).textContent || ''}))",
    )


def page_path(base_url: str, href: str) -> str:
    return href[len(base_url) :].split("#")[0].split("?")[0] if href.startswith(base_url) else href


_RUNS: dict[str, dict] = {}


@pytest.fixture(scope="module")
def relevance(context, base_url):
    """Run the whole relevance set once per language (one tab, one search box)."""

    def run(lang: str) -> dict:
        if lang not in _RUNS:
            page = context.new_page()
            rec = context.recorder
            findings = rec.start(f"search relevance {lang}")
            try:
                open_search(page, base_url, HOME[lang])
                results = {}
                for item in RELEVANCE[lang]:
                    results[item["query"]] = [page_path(base_url, r["href"]) for r in query(page, item["query"])]
            finally:
                page.close()
            _RUNS[lang] = {"results": results, "findings": findings}
        return _RUNS[lang]

    return run


def report(lang: str, results: dict) -> tuple[float, float, list[str]]:
    items = RELEVANCE[lang]
    hit1 = hit3 = 0
    misses = []
    for item in items:
        want = PREFIX[lang] + item["expect"]
        got = results[item["query"]]
        if got[:1] == [want]:
            hit1 += 1
        if want in got[:3]:
            hit3 += 1
        if got[:1] != [want]:
            misses.append(f"  {item['query']!r}: expected {want}, got {got[:3]}")
    return hit1 / len(items), hit3 / len(items), misses


def test_relevance_set_is_big_enough():
    for lang in ("en", "sv"):
        items = RELEVANCE[lang]
        assert len(items) >= 30, f"{lang}: only {len(items)} queries"
        queries = [i["query"] for i in items]
        assert len(set(queries)) == len(queries), f"{lang}: duplicate queries"
        for i in items:
            if "base" in i:
                assert i["base"] in queries, f"{lang}: base form {i['base']!r} of {i['query']!r} is not a query"
        for acronym in ("ECQ", "QRB", "CDP", "PTQ", "ERB"):
            assert acronym in queries, f"{lang}: no query for {acronym}"
        for i in items:
            assert (ROOT / "docs" / lang / ((i["expect"].rstrip("/") or "index") + ".md")).exists() or (
                ROOT / "docs" / lang / i["expect"] / "index.md"
            ).exists(), f"{lang}: no page {i['expect']}"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_relevance(relevance, lang):
    run = relevance(lang)
    h1, h3, misses = report(lang, run["results"])
    print(f"\nsearch relevance {lang}: hit@1 {h1:.3f}, hit@3 {h3:.3f} over {len(RELEVANCE[lang])} queries")
    print("\n".join(misses))
    assert h1 >= HIT1 and h3 >= HIT3, (
        f"{lang}: hit@1 {h1:.3f} (need {HIT1}), hit@3 {h3:.3f} (need {HIT3}); "
        "first result not the expected page:\n" + "\n".join(misses)
    )
    f = run["findings"]
    assert f.csp == [] and f.problems() == [], f.csp + f.problems()


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_results_are_in_the_readers_language_only(relevance, lang):
    run = relevance(lang)
    wrong = {q: [p for p in got if (p.startswith("/sv/") != (lang == "sv"))] for q, got in run["results"].items()}
    wrong = {q: w for q, w in wrong.items() if w}
    assert not wrong, f"{lang} search returned pages of the other language (or another host): {wrong}"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_inflected_forms_rank_the_same_first_page_as_the_base_form(relevance, lang):
    res = relevance(lang)["results"]
    differ = [
        f"{i['query']!r} -> {res[i['query']][:1]} but {i['base']!r} -> {res[i['base']][:1]}"
        for i in RELEVANCE[lang]
        if "base" in i and res[i["query"]][:1] != res[i["base"]][:1]
    ]
    assert not differ, f"{lang}: inflected forms rank another page first:\n" + "\n".join(differ)


@pytest.fixture(scope="module")
def unchunked(site, tmp_path_factory):
    """The same site with the whole index of each language in one chunk (Pagefind run again over the
    same pages), served without the production headers: the reference for what a search finds."""
    ref = tmp_path_factory.mktemp("unchunked") / "site"
    shutil.copytree(site, ref, ignore=shutil.ignore_patterns("pagefind"))
    searchindex.build_index(ref, chunk_size=10**9)
    assert len(list((ref / "pagefind" / "index").glob("en_*"))) == 1
    httpd = serve_in_thread(ref, ROOT, port=0)
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}"
    httpd.shutdown()
    httpd.server_close()


FIND = """async (qs) => { window.SESGuideSearch || await new Promise((ok) => {
    document.querySelector('button[data-sesguide-search]').click(); const t = setInterval(() => {
    if (window.SESGuideSearch) { clearInterval(t); ok(); } }, 20); });
  const out = {}; for (const q of qs) { out[q] = (await window.SESGuideSearch.find(q)).map((r) => r.id); }
  return out; }"""


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_chunked_index_finds_what_one_chunk_finds(browser, base_url, unchunked, lang):
    """The index is split into small chunks (sesguide/searchindex.py) and a search fetches, per word, the
    chunks where it, each of its starts from 3 letters and the last word beginning with it sort.
    Every prefix (2 letters or more) of every word of the relevance set, which is what a reader has
    typed on the way, finds the same pages in the same order as with the whole index in one chunk
    (Pagefind's scores depend on the words loaded). One exception: where the unchunked index finds
    only what the first one or two letters find (no indexed word begins with "applyi", so Pagefind
    falls back to the longest word that begins it, "a"), the small index need not do the same."""
    words = {w for i in RELEVANCE[lang] for w in i["query"].split()}
    queries = sorted({w[:n] for w in words for n in range(1, len(w) + 1)})
    found = {}
    for base in (base_url, unchunked):
        ctx = browser.new_context()
        try:
            page = ctx.new_page()
            page.goto(base + HOME[lang])
            found[base] = page.evaluate(FIND, queries)
        finally:
            ctx.close()
    mine, ref = found[base_url], found[unchunked]

    def same(q):
        # Two letters ("se") begin words in several chunks; the search fetches the first and the
        # last of them, so the pages found are the same but their order may differ a little.
        return mine[q] == ref[q] if len(q) > 2 else sorted(mine[q]) == sorted(ref[q])

    def fallback(q):
        return len(q) > 2 and ref[q] in (ref[q[:1]], ref[q[:2]])

    differ = [q for q in queries if len(q) > 1 and not same(q) and not fallback(q)]
    assert not differ, (
        f"{lang}: {len(differ)} of {len(queries)} prefixes find other pages than one chunk: {differ[:20]}"
    )


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_nothing_of_search_loads_before_it_is_opened(page, context, base_url, lang):
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(base_url + PREFIX[lang] + "pay/")
    context.recorder.wait_quiet(page, quiet=0.5)
    early = [u for u in seen if "pagefind" in u or "sesguide-search" in u or "/search" in u]
    assert not early, f"loaded before the search was opened: {early}"
    assert page.locator("button[data-sesguide-search]").is_visible()
    page.locator("button[data-sesguide-search]").click()
    page.wait_for_selector("dialog.sesguide-search[open]")
    box = page.locator("#sesguide-search-input")
    box.type("ECQ")
    page.wait_for_function(SETTLED)
    assert any("/pagefind/pagefind.js" in u for u in seen) and any(".pf_index" in u for u in seen), seen
    assert any(f"/pagefind/pagefind.{lang}_" in u for u in seen), f"the {lang} index was not the one loaded: {seen}"
    f = context.recorder.current
    assert f.csp == [] and f.problems() == [], f.csp + f.problems()


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_dialog_is_named_focused_and_escape_returns_focus(page, context, base_url, lang):
    open_search(page, base_url, PREFIX[lang] + "qrb/")
    info = page.evaluate("""() => {
        const d = document.querySelector('dialog.sesguide-search'), i = document.activeElement;
        const name = (id) => (document.getElementById(id) || {}).textContent || '';
        return {modal: d.matches(':modal'), dialogName: name(d.getAttribute('aria-labelledby')),
                inputName: name(i.getAttribute('aria-labelledby')), inputType: i.type,
                title: document.getElementById('sesguide-search-title').textContent};
    }""")
    title = {"en": "Search the SES Guide", "sv": "Sök i SES-guiden"}[lang]
    assert info["modal"] and info["dialogName"] == title and info["inputName"] == title, info
    assert info["inputType"] == "search", info
    # The page behind the modal dialog is inert: Tab reaches only the dialog's controls (after the
    # last one, Chromium moves focus to its own interface, which leaves document.body active).
    for _ in range(6):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => { const a = document.activeElement; return a === document.body ? 'body' :"
            " a.closest('dialog.sesguide-search') ? 'dialog' : a.outerHTML.slice(0, 80); }"
        )
        assert where in ("dialog", "body"), f"Tab reached the page behind the search dialog: {where}"
    page.focus("#sesguide-search-input")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('dialog.sesguide-search').open")
    try:  # the dialog's close handler puts focus back on the button (within a task)
        page.wait_for_function("() => document.activeElement.matches('button[data-sesguide-search]')", timeout=2000)
    except Exception:
        pytest.fail(
            "focus did not return to the search button: "
            + page.evaluate("() => document.activeElement.outerHTML.slice(0, 100)")
        )
    f = context.recorder.current
    assert f.csp == [] and f.problems() == [], f.csp + f.problems()


@pytest.mark.parametrize(
    "lang,text,expect_page,expect_anchor",
    [
        ("en", "aggregate pay cap", "pay/", "#aggregate-pay-cap"),
        ("sv", "sammanlagda", "pay/", "#aggregate-pay-cap"),
    ],
)
def test_results_link_to_the_section_heading(page, base_url, lang, text, expect_page, expect_anchor):
    open_search(page, base_url, HOME[lang])
    results = query(page, text)
    assert results, f"{text!r} found nothing"
    first = results[0]
    assert first["href"] == base_url + PREFIX[lang] + expect_page + expect_anchor, first
    assert first["section"], f"the first result does not name its section: {first}"
    page.locator(".sesguide-search__link").first.click()
    page.wait_for_function("(h) => location.hash === h", arg=expect_anchor)
    # the hash can be set before the new page's body is parsed: wait for the heading itself
    page.wait_for_function("(id) => document.getElementById(id)", arg=expect_anchor[1:])
    assert not page.evaluate("() => document.querySelector('dialog.sesguide-search')?.open")
    heading = page.evaluate("(id) => document.getElementById(id)?.textContent || ''", expect_anchor[1:])
    assert first["section"].strip() in heading, (first, heading)


def test_accents_are_folded(page, base_url):
    """The pages write "résumé"; a reader types "resume": both find the page on the résumé among the first three,
    and each one's first result is among the
    other's first three (Pagefind folds the accent but scores an exact match a little higher)."""
    open_search(page, base_url, "/")
    plain = [page_path(base_url, r["href"]) for r in query(page, "resume")]
    accented = [page_path(base_url, r["href"]) for r in query(page, "résumé")]
    assert "/prepare/resume/" in plain[:3] and "/prepare/resume/" in accented[:3], (plain, accented)
    assert plain[0] in accented[:3] and accented[0] in plain[:3], (plain, accented)


def test_without_javascript_there_is_no_search_control(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        for start in ("/", "/sv/pay/"):
            page.goto(base_url + start)
            assert not page.locator("button[data-sesguide-search]").is_visible(), start
            # (Material's drawer and table-of-contents toggles are CSS-only checkboxes; they work.)
            search_controls = "input[type=search], dialog, form[name=search], [data-md-component=search]"
            assert page.locator(search_controls).count() == 0, f"{start}: a search control without JavaScript"
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_tab_never_reaches_an_invisible_control(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "/sv/how-to-apply/")
    for _ in range(12):
        page.keyboard.press("Tab")
        # A visually hidden radio or checkbox whose visible <label> shows the focus counts by its label.
        el = page.evaluate("""() => { let e = document.activeElement;
            const label = e.id && document.querySelector(`label[for="${e.id}"]`);
            if (label && e.matches('input[type=radio], input[type=checkbox]')) { e = label; }
            const r = e.getBoundingClientRect();
            return {what: e.outerHTML.slice(0, 100), w: r.width, h: r.height,
                    shown: getComputedStyle(e).visibility !== 'hidden' && e.checkVisibility()}; }""")
        assert el["w"] > 0 and el["h"] > 0 and el["shown"], f"Tab focused an invisible element: {el}"


def test_search_works_at_375_px(page, base_url):
    page.set_viewport_size({"width": 375, "height": 812})
    open_search(page, base_url, "/sv/pay/")
    box = page.locator("#sesguide-search-input").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    assert [page_path(base_url, r["href"]) for r in query(page, "lönen")][:1] == ["/sv/pay/"]


@pytest.mark.parametrize("lang,text", [("en", "SES"), ("sv", "SES")])
def test_more_results_load_on_request_only(page, context, base_url, lang, text):
    """The first results are shown with their excerpts; the text of the others (one fragment per page)
    is fetched only when the reader asks for more. Every result, up to the last, is in the reader's
    language, and the keyboard focus moves to the first new result."""
    fragments = []
    page.on("request", lambda r: fragments.append(r.url) if r.url.endswith(".pf_fragment") else None)
    open_search(page, base_url, HOME[lang])
    shown = query(page, text)
    context.recorder.wait_quiet(page, quiet=0.5)
    total = int(page.locator(".sesguide-search__status").text_content().split()[0])
    assert total > 8, f"{text!r} should match many pages: {total}"
    assert len(shown) == 3 and len(fragments) == 3, (shown, fragments)
    more = page.locator(".sesguide-search__more")
    label = {"en": "Show more results", "sv": "Visa fler träffar"}[lang]
    assert more.is_visible() and more.text_content() == label
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.sesguide-search__link').length === 8")
    assert page.evaluate("() => document.activeElement === document.querySelectorAll('.sesguide-search__link')[3]")
    while more.is_visible():
        n = page.locator(".sesguide-search__link").count()
        more.click()
        page.wait_for_function("(n) => document.querySelectorAll('.sesguide-search__link').length > n", arg=n)
    links = page.eval_on_selector_all(".sesguide-search__link", "els => els.map(e => e.href)")
    context.recorder.wait_quiet(page, quiet=0.5)
    assert len(links) == total and len(set(fragments)) == total, (len(links), len(fragments), total)
    wrong = [h for h in links if page_path(base_url, h).startswith("/sv/") != (lang == "sv")]
    assert not wrong, f"{lang}: results in the other language: {wrong}"
    f = context.recorder.current
    assert f.csp == [] and f.problems() == [], f.csp + f.problems()


def _preview(lang: str, log: Path) -> tuple[subprocess.Popen, str]:
    """Start the translator preview of `lang` as the Makefile does (`mkdocs serve --dirty`)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=mkdocs_env(lang),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    end = time.monotonic() + 120
    while time.monotonic() < end:
        text = log.read_text(encoding="utf-8", errors="replace")
        if re.search(r"Serving on http://", text):
            return proc, f"http://127.0.0.1:{port}"
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.terminate()
    proc.wait(timeout=30)
    pytest.fail(f"the {lang} preview did not start:\n" + log.read_text(encoding="utf-8", errors="replace")[-2000:])


@pytest.mark.parametrize("lang,text", [("en", "salary"), ("sv", "lönen")])
def test_search_works_in_the_translator_preview(browser, tmp_path, lang, text):
    """`make serve-en` / `make serve-sv` serve one language at the root of the preview; its search
    finds that language's pages (the preview builds its own index), in the dialog of the full site."""
    proc, base = _preview(lang, tmp_path / "serve.log")
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        open_search(page, base, "/")
        results = query(page, text)
        status = page.locator(".sesguide-search__status").text_content()
        assert [page_path(base, r["href"]) for r in results][:1] == ["/pay/"], (results, status)
        assert page.evaluate("() => document.documentElement.lang") == lang
        assert not errors, errors
    finally:
        ctx.close()
        proc.terminate()
        proc.wait(timeout=30)
