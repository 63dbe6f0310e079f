"""The cite box: the access date is added, and the copy button copies the citation (with the
access date, in the page's language and quotation marks) by mouse and by keyboard, and says so."""

from __future__ import annotations

import datetime

import pytest

PAGES = {"en": "/qrb/", "sv": "/sv/qrb/"}
TITLE = {"en": "“The Qualifications Review Board (QRB)”", "sv": "”Kvalifikationsprövningsnämnden (QRB)”"}
COPIED = {"en": "Citation copied", "sv": "Källhänvisningen är kopierad"}
BUTTON = {"en": "Copy citation", "sv": "Kopiera källhänvisningen"}
MONTHS_SV = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def today(lang: str) -> str:
    d = datetime.date.today()
    if lang == "sv":
        return f"hämtad {d.day} {MONTHS_SV[d.month - 1]} {d.year}"
    return f"accessed {d.strftime('%B')} {d.day}, {d.year}"


@pytest.fixture()
def clip_page(context, page):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield page
    context.clear_permissions()


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("how", ["click", "keyboard"])
def test_copy_button_copies_the_citation_with_the_access_date(clip_page, base_url, lang, how):
    page = clip_page
    page.goto(base_url + PAGES[lang])
    cite = page.locator("p.sesguide-cite")
    assert today(lang) in cite.inner_text()
    button = page.get_by_role("button", name=BUTTON[lang])
    assert button.count() == 1
    if how == "click":
        button.click()
    else:
        button.focus()
        page.keyboard.press("Enter")
    page.wait_for_function("(t) => document.querySelector('.sesguide-cite-status').textContent === t", arg=COPIED[lang])
    copied = page.evaluate("() => navigator.clipboard.readText()")
    canonical = page.evaluate("() => document.querySelector('link[rel=canonical]').href")
    assert copied.startswith({"en": "SES Guide, ", "sv": "SES-guiden, "}[lang]), copied
    assert TITLE[lang] in copied and canonical in copied and copied.endswith(today(lang) + "."), copied
    assert "Suggested citation" not in copied and "Förslag till" not in copied
    status = page.locator(".sesguide-cite-status")
    assert status.get_attribute("role") == "status"
