"""What a reader meets on a phone, a laptop and paper: the pay table within 3 screens at 375 px
with no row taller than its content, readable text sizes on every page at both widths, and the
pay page on at most 4 printed pages (A4 and Letter)."""

from __future__ import annotations

import re

import pytest

from .conftest import MIN_LABEL_PX, MIN_TEXT_PX, NARROW, PAGE_PATHS, WIDE, listing, settle, url_path

LANGS = ["en", "sv"]
PAY = {"en": "/pay/", "sv": "/sv/pay/"}

ROWS_JS = """() => {
  const t = document.querySelector('.sesguide-pay-table table');
  const rows = [...t.querySelectorAll('tbody tr')].map(tr => {
    // The tallest cell content (a Range measures the text itself, not the stretched cell).
    let need = 0;
    for (const cell of tr.cells) {
      const cs = getComputedStyle(cell), range = document.createRange();
      range.selectNodeContents(cell);
      need = Math.max(need, range.getBoundingClientRect().height + parseFloat(cs.paddingTop)
                      + parseFloat(cs.paddingBottom) + parseFloat(cs.borderTopWidth));
    }
    return {cls: tr.className, year: tr.cells[0].textContent.trim().slice(0, 4),
            height: tr.getBoundingClientRect().height, need};
  });
  const wrap = t.closest('.sesguide-table');
  return {height: t.getBoundingClientRect().height, rows,
          scroll: [wrap.scrollWidth, wrap.clientWidth], viewport: innerHeight};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_pay_table_fits_three_phone_screens_with_no_row_taller_than_its_content(page, base_url, lang):
    page.set_viewport_size(NARROW)
    page.goto(base_url + PAY[lang])
    settle(page)
    m = page.evaluate(ROWS_JS)
    years = [r for r in m["rows"] if r["cls"] == "sesguide-pay__year"]
    assert len(years) == 17 and len(m["rows"]) == 34, [r["cls"] for r in m["rows"]]
    assert m["height"] <= 3 * m["viewport"], (
        f"{PAY[lang]}: the pay table is {m['height']:.0f} px tall at 375 px, "
        f"{m['height'] / m['viewport']:.1f} screens (at most 3)"
    )
    tall = [
        f"{r['year']} {r['cls']}: {r['height']:.0f} px for {r['need']:.0f} px of content"
        for r in m["rows"]
        if r["height"] > r["need"] + 8
    ]  # 8 px: margins of the labels
    assert not tall, f"{PAY[lang]} at 375 px: rows taller than their content:\n" + "\n".join(tall)
    # The four columns fit the phone: no sideways scrolling needed to see a year's figures.
    assert m["scroll"][0] <= m["scroll"][1], f"the pay table scrolls sideways at 375 px: {m['scroll']}"


@pytest.mark.parametrize("lang", LANGS)
def test_pay_table_notes_open_from_the_year_and_keep_the_year_in_view(page, base_url, lang):
    page.set_viewport_size(NARROW)
    page.goto(base_url + PAY[lang])
    summary = page.locator(".sesguide-pay__more summary").last
    assert "2026" in summary.inner_text()
    note = page.locator(".sesguide-pay__more details").last
    assert not note.evaluate("d => d.open")
    summary.click()
    assert note.evaluate("d => d.open")
    assert note.locator("a[href*='sources/#']").count() >= 1, "the 2026 notes link to no source"


CASES = [pytest.param(lang, path, id=f"{lang}:/{path}") for path in PAGE_PATHS for lang in LANGS]


@pytest.mark.parametrize("lang,path", CASES)
def test_no_text_under_the_minimum_size(tour, lang, path):
    v = tour.pair(path)[lang]
    assert v.error is None, v.error
    assert set(v.small_text) == {"1280", "375"}
    report = [f"at {w} px: {listing(found)}" for w, found in v.small_text.items() if found]
    assert not report, (
        f"{url_path(lang, path)}: text under {MIN_TEXT_PX} px (labels under {MIN_LABEL_PX} px):\n" + "\n".join(report)
    )


def pdf_pages(data: bytes) -> int:
    """Page count of a PDF written by Chromium (one /Type /Page object per page)."""
    assert data[:5] == b"%PDF-", "not a PDF"
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_pay_page_prints_on_at_most_four_pages_with_its_notes(page, base_url, lang, paper):
    page.set_viewport_size(WIDE)
    page.goto(base_url + PAY[lang])
    pages = pdf_pages(page.pdf(format=paper))
    assert 2 <= pages <= 4, f"{PAY[lang]} prints on {pages} {paper} pages (at most 4)"
    # On paper the sources and notes of every year are shown (sesguide.js opens <details> for print),
    # beside the figures, and the navigation is not.
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    settle(page)
    shown = page.evaluate("""() => [...document.querySelectorAll('.sesguide-pay__more details > :not(summary)')]
        .filter(e => e.getBoundingClientRect().height > 0).length""")
    assert shown >= 17, f"only {shown} of the 17 years' notes are printed"


@pytest.mark.parametrize("lang", LANGS)
def test_print_shows_the_address_of_external_links(page, base_url, lang):
    page.goto(base_url + PAY[lang])
    page.emulate_media(media="print")
    links = page.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')].map(a => ({
        href: a.href, text: a.textContent.trim(), after: getComputedStyle(a, '::after').content}))""")
    assert links, "no external links on the pay page"
    for a in links:
        if a["text"] == a["href"]:
            assert a["after"] in ("none", "normal", '""'), f"bare address printed twice: {a}"
        else:
            assert a["href"] in a["after"], f"printed without its address: {a}"


KEY_PAGES = ["", "ecqs/", "qrb/", "pay/", "how-to-apply/"]
GLANCE_JS = """() => {
  const box = document.querySelector('article .sesguide-glance');
  if (!box) return null;
  const h1 = document.querySelector('article h1'), first = document.querySelector('article h2');
  const r = box.getBoundingClientRect();
  return {top: r.top + scrollY, bottom: r.bottom + scrollY, viewport: innerHeight,
          afterH1: !!(h1.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING),
          beforeH2: !!(box.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING),
          items: box.querySelectorAll('li').length, links: box.querySelectorAll('a[href*="sources/#"]').length,
          title: box.querySelector('.admonition-title').textContent.trim()};
}"""
GLANCE_TITLE = {"en": "At a glance", "sv": "I korthet"}


@pytest.mark.parametrize("width", ["375", "1280"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", KEY_PAGES, ids=[f"/{p}" for p in KEY_PAGES])
def test_key_pages_answer_at_a_glance_within_the_first_screen(page, base_url, lang, path, width):
    page.set_viewport_size(NARROW if width == "375" else WIDE)
    page.goto(base_url + ("/sv/" if lang == "sv" else "/") + path)
    settle(page)
    g = page.evaluate(GLANCE_JS)
    where = f"{'/sv' if lang == 'sv' else ''}/{path} at {width} px"
    assert g, f"{where}: no 'at a glance' box (.sesguide-glance)"
    assert g["title"].startswith(GLANCE_TITLE[lang]), g["title"]
    assert g["afterH1"] and g["beforeH2"], f"{where}: the box must come right after the title, before the sections"
    assert g["items"] >= 2 and g["links"] >= 1, f"{where}: the answer needs its points and a source: {g}"
    assert g["bottom"] <= g["viewport"], (
        f"{where}: the answer ends at {g['bottom']:.0f} px, below the first screen ({g['viewport']} px)"
    )
