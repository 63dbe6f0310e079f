"""What the pages need from a script at run time, now that Material's JavaScript bundle is not
loaded (overrides/main.html): sesguide.js does it. No page loads the bundle; the table of contents
marks the section being read; the back-to-top button appears when the reader scrolls back up and
takes them to the top; a link followed in the mobile drawer closes it; Enter on a collapsible
navigation section opens and closes it, with aria-expanded following."""

from __future__ import annotations

import pytest

from .conftest import NARROW, WIDE, settle

PAGES = {"en": "/ecqs/leading-people/", "sv": "/sv/ecqs/leading-people/"}


def test_no_page_loads_materials_bundle(site):
    assert not list(site.glob("**/bundle.*.min.js*")), "Material's bundle is published"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "bundle." not in html and 'id="__config"' not in html, page.relative_to(site)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_table_of_contents_marks_the_section_being_read(page, base_url, lang):
    page.set_viewport_size(WIDE)
    page.goto(base_url + PAGES[lang])
    toc = ".md-sidebar--secondary [data-md-component=toc] a.md-nav__link"
    hrefs = page.eval_on_selector_all(toc, "els => els.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 3, hrefs
    target = hrefs[2]
    page.evaluate("(id) => document.getElementById(id).scrollIntoView()", target[1:])
    page.wait_for_function(
        "([sel, href]) => { const a = document.querySelector(`${sel}.md-nav__link--active`);"
        " return a && a.getAttribute('href') === href; }",
        arg=[toc, target],
    )
    passed = page.eval_on_selector_all(toc, "els => els.map(a => a.classList.contains('md-nav__link--passed'))")
    assert passed[:3] == [True, True, True] and not any(passed[4:]), passed


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_back_to_top_appears_on_scrolling_up(page, base_url, lang):
    page.set_viewport_size(NARROW)
    page.goto(base_url + PAGES[lang])
    top = page.locator("[data-md-component=top]")
    # Material's stylesheet keeps the hidden button in the layout, transparent: out of the Tab order
    assert top.get_attribute("tabindex") == "-1" and top.get_attribute("hidden") is not None
    page.mouse.wheel(0, 2000)
    page.wait_for_function("() => scrollY > 1500")
    settle(page)
    assert page.evaluate("() => document.querySelector('[data-md-component=top]').hidden")
    page.mouse.wheel(0, -300)
    page.wait_for_function("() => !document.querySelector('[data-md-component=top]').hidden")
    assert top.get_attribute("tabindex") is None  # reachable with Tab while shown
    top.click()
    page.wait_for_function("() => scrollY === 0")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_drawer_closes_after_a_section_link_in_it(page, base_url, lang):
    page.set_viewport_size(NARROW)
    page.goto(base_url + PAGES[lang])
    page.click(".md-header label[for=__drawer]")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.click(".md-sidebar--primary label[for=__toc]")
    link = page.locator(".md-sidebar--primary [data-md-component=toc] a.md-nav__link").nth(1)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_function("(h) => location.hash === h && !document.getElementById('__drawer').checked", arg=href)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_enter_opens_and_closes_a_navigation_section(page, base_url, lang):
    page.set_viewport_size(WIDE)
    page.goto(base_url + PAGES[lang])
    label = page.locator(".md-sidebar--primary label.md-nav__link[tabindex='0']").first
    section = page.locator(f"nav[aria-labelledby='{label.get_attribute('id')}']")
    assert section.get_attribute("aria-expanded") == "true"
    label.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(id) => document.querySelector(`nav[aria-labelledby='${id}']`).getAttribute('aria-expanded') === 'false'",
        arg=label.get_attribute("id"),
    )
    assert not page.locator(f"#{label.get_attribute('for')}").is_checked()
    section.locator("a").first.wait_for(state="hidden")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(id) => document.querySelector(`nav[aria-labelledby='${id}']`).getAttribute('aria-expanded') === 'true'",
        arg=label.get_attribute("id"),
    )
    section.locator("a").first.wait_for(state="visible")
