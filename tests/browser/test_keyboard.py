"""Keyboard use and print: the skip link comes first and works, keyboard focus is visible on the
skip link, a navigation link and the language switcher, and the print view has no navigation."""

from __future__ import annotations

import pytest

SKIP_TEXT = {"en": "Skip to content", "sv": "Gå till innehållet"}  # Material's own translations
PAGES = {"en": "/ecqs/leading-people/", "sv": "/sv/ecqs/leading-people/"}

FOCUS_STYLE = """() => {
  const el = document.activeElement, cs = getComputedStyle(el);
  return {tag: el.tagName, cls: String(el.className), text: el.textContent.trim().replace(/\\s+/g, ' '),
          href: el.getAttribute('href'), switcher: el.hasAttribute('data-sesguide-switch'),
          outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0,
          boxShadow: cs.boxShadow, focusVisible: el.matches(':focus-visible')};
}"""


def visible_focus(style: dict) -> bool:
    outline = style["outlineStyle"] != "none" and style["outlineWidth"] > 0
    return outline or style["boxShadow"] not in ("none", "")


def tab_until(page, predicate: str, limit: int = 80) -> dict:
    """Press Tab until document.activeElement matches `predicate` (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({predicate}); }}"):
            return page.evaluate(FOCUS_STYLE)
    pytest.fail(f"{limit} presses of Tab never focused an element matching {predicate}")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_first_tab_focuses_the_skip_link_and_enter_moves_to_the_content(page, base_url, lang):
    page.goto(base_url + PAGES[lang])
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    assert "md-skip" in first["cls"] and first["text"] == SKIP_TEXT[lang], f"first Tab focused {first}"
    assert visible_focus(first), f"the focused skip link has no visible focus indicator: {first}"
    assert page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight; }"
    ), "the focused skip link is not on screen"
    target = first["href"]
    assert target and target.startswith("#"), target
    page.keyboard.press("Enter")
    page.wait_for_function("(h) => location.hash === h", arg=target)
    # The content heading is now at the top of the screen (below the sticky header) ...
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", target[1:])
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().height")
    assert 0 <= top <= header + 80, f"after Enter the target {target} is at y={top}, not at the top"
    # ... and keyboard focus continues from there: the next Tab lands inside the content, not in
    # the header or the navigation.
    page.keyboard.press("Tab")
    after = page.evaluate(
        """(id) => {
        const el = document.activeElement, t = document.getElementById(id);
        return {inContent: !!el.closest('.md-content'),
                afterTarget: !!(t.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
                what: el.outerHTML.slice(0, 120)};
    }""",
        target[1:],
    )
    assert after["inContent"] and after["afterTarget"], f"Tab after the skip link focused {after['what']}"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_focus_is_visible_on_nav_link_and_language_switcher(page, base_url, lang):
    page.goto(base_url + PAGES[lang])
    switcher = tab_until(page, "el.matches('a[data-sesguide-switch]')")
    assert switcher["focusVisible"] and visible_focus(switcher), f"language switcher focus not visible: {switcher}"
    nav = tab_until(page, "el.matches('.md-sidebar--primary a.md-nav__link')")
    assert nav["focusVisible"] and visible_focus(nav), f"navigation link focus not visible: {nav}"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_print_view_hides_navigation(page, base_url, lang):
    page.goto(base_url + PAGES[lang])
    for sel in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary"):
        assert page.locator(sel).first.is_visible(), f"{sel} should be visible on screen (test sanity)"
    page.emulate_media(media="print")
    try:
        hidden = page.evaluate("""() => [...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .md-skip')]
            .map(el => [el.className, getComputedStyle(el).display])""")
        shown = [(cls, d) for cls, d in hidden if d != "none"]
        assert not shown, f"visible in print: {shown}"
        assert page.locator("article.md-content__inner").is_visible(), "the content must print"
    finally:
        page.emulate_media(media="screen")
