"""Printable sheets: the résumé checklist (`!!! abstract sesguide-print-sheet` on prepare/resume.md)
starts on a new printed page, is not split across pages, and fits on one Letter or A4 sheet.

The sheet size is checked in print media at the narrower printable width and the shorter
printable height of the two paper sizes, with Chromium's default print margins of about 0.4 in
(Letter: 8.5 x 11 in; A4: 8.27 x 11.69 in; 96 CSS px to the inch)."""

from __future__ import annotations

import pytest

PAGES = {"en": "/prepare/resume/", "sv": "/sv/prepare/resume/"}
TITLES = {"en": "Checklist: the 2-page SES résumé", "sv": "Checklista: cv:t på 2 sidor för SES"}
MARGIN_IN = 0.4
PRINT_WIDTH_PX = round((8.27 - 2 * MARGIN_IN) * 96)  # A4 is the narrower
PRINT_HEIGHT_PX = round((11.0 - 2 * MARGIN_IN) * 96)  # Letter is the shorter

SHEET = """() => [...document.querySelectorAll('.sesguide-print-sheet')].map(el => {
  const cs = getComputedStyle(el);
  return {title: (el.querySelector('.admonition-title') || {}).textContent || '',
          breakBefore: cs.breakBefore, breakInside: cs.breakInside,
          height: el.getBoundingClientRect().height, items: el.querySelectorAll('li').length};
})"""


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_resume_checklist_prints_on_one_sheet_of_its_own(page, base_url, lang):
    page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": PRINT_HEIGHT_PX})
    page.goto(base_url + PAGES[lang])
    page.emulate_media(media="print")
    try:
        sheets = page.evaluate(SHEET)
    finally:
        page.emulate_media(media="screen")
    assert len(sheets) == 1, f"expected one printable sheet on {PAGES[lang]}, found {len(sheets)}"
    sheet = sheets[0]
    assert sheet["title"].strip() == TITLES[lang]
    assert sheet["items"] >= 10, f"the checklist looks empty: {sheet}"
    assert sheet["breakBefore"] == "page", f"the checklist must start on a new printed page: {sheet}"
    assert sheet["breakInside"] == "avoid", f"the checklist must not be split across pages: {sheet}"
    assert sheet["height"] <= PRINT_HEIGHT_PX, (
        f"the checklist is {sheet['height']:.0f} px tall in print, more than one sheet "
        f"({PRINT_HEIGHT_PX} px): shorten it"
    )
