"""Links to sections and pages: the copy-link button after each heading (by touch at 375 px and by
keyboard at 1280 px, with its feedback and its name in the page's language; never alone on a
line), the language switcher keeping the section both ways, and the 404 pages suggesting the
closest pages of their language (and listing the main pages without JavaScript)."""

from __future__ import annotations

import pytest

from .conftest import LAUNCH_ARGS, NARROW, WIDE, settle  # noqa: F401

LANGS = ["en", "sv"]
PREFIX = {"en": "/", "sv": "/sv/"}
COPY_NAME = {"en": "Copy link to this section", "sv": "Kopiera länk till avsnittet"}
COPIED = {"en": "Link copied", "sv": "Länken har kopierats"}
SECTION = "after-selection"  # a heading on how-to-apply, the same anchor in both languages

LINE_JS = """() => [...document.querySelectorAll('article :is(h2, h3, h4)[id]')].map(h => {
  const b = h.querySelector('button.sesguide-copy');
  if (!b) return {id: h.id, missing: true};
  const br = b.getBoundingClientRect();
  // The text right before the button (the heading's last word) sits on the same line.
  const tail = b.parentElement, range = document.createRange();
  range.selectNodeContents(tail); range.setEndBefore(b);
  const rects = [...range.getClientRects()].filter(r => r.width > 0);
  const last = rects[rects.length - 1];
  return {id: h.id, w: br.width, h: br.height,
          sameLine: !!last && Math.abs((last.top + last.bottom) / 2 - (br.top + br.bottom) / 2) < br.height};
})"""


@pytest.fixture()
def touch_page(browser, base_url):
    ctx = browser.new_context(viewport=NARROW, has_touch=True, is_mobile=True, locale="en-US", service_workers="block")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    p = ctx.new_page()
    errors = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.errors = errors
    yield p
    ctx.close()


def clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_by_touch_copies_the_section_address_and_says_so(touch_page, base_url, lang):
    page = touch_page
    page.goto(base_url + PREFIX[lang] + "how-to-apply/")
    button = page.locator(f"h2#{SECTION} button.sesguide-copy")
    assert button.count() == 1
    name = button.get_attribute("aria-label")
    assert name.startswith(COPY_NAME[lang] + ": "), name
    assert button.is_visible(), "the copy-link button is hidden on a touch screen"
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, f"touch target {box}"
    button.tap()
    status = page.locator(".sesguide-toast[role=status]")
    status.wait_for(state="attached")
    page.wait_for_function("() => document.querySelector('.sesguide-toast').textContent.length > 0")
    assert status.inner_text() == COPIED[lang]
    want = base_url + PREFIX[lang] + "how-to-apply/#" + SECTION
    assert clipboard(page) == want
    assert page.url == want, "the address bar shows the section's address"
    assert not page.errors, page.errors


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_by_keyboard(browser, base_url, lang):
    ctx = browser.new_context(viewport=WIDE, locale="en-US", service_workers="block")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    try:
        page = ctx.new_page()
        page.goto(base_url + PREFIX[lang] + "qrb/")
        first = page.locator("article h2[id] button.sesguide-copy").first
        section = first.get_attribute("data-sesguide-section")
        first.focus()
        focused = page.evaluate("() => document.activeElement.className")
        assert "sesguide-copy" in focused
        page.keyboard.press("Enter")
        page.wait_for_function("() => (document.querySelector('.sesguide-toast') || {}).textContent")
        assert page.locator(".sesguide-toast").inner_text() == COPIED[lang]
        assert clipboard(page) == base_url + PREFIX[lang] + "qrb/#" + section
        # Space works too (a real <button>), on the next heading's button.
        second = page.locator("article h2[id] button.sesguide-copy").nth(1)
        second.focus()
        page.keyboard.press("Space")
        page.wait_for_function("(id) => location.hash === '#' + id", arg=second.get_attribute("data-sesguide-section"))
    finally:
        ctx.close()


@pytest.mark.parametrize("width", ["375", "1280"])
@pytest.mark.parametrize("lang", LANGS)
def test_copy_buttons_never_sit_alone_on_a_line(page, base_url, lang, width):
    page.set_viewport_size(NARROW if width == "375" else WIDE)
    # ptqs/managing-complex-projects/ has a long Swedish compound as the last word of its title:
    # the button stays with it, and the word may still wrap (no sideways scrolling).
    for path in ("how-to-apply/", "pay/", "qrb/", "ecqs/", "ptqs/managing-complex-projects/", "prepare/resume/"):
        page.goto(base_url + PREFIX[lang] + path)
        settle(page)
        found = page.evaluate(LINE_JS)
        assert found, f"no section headings on {path}"
        bad = [f for f in found if f.get("missing") or not f["sameLine"] or f["w"] < 24 or f["h"] < 24]
        assert not bad, f"{PREFIX[lang]}{path} at {width} px: {bad[:5]}"
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"{PREFIX[lang]}{path} at {width} px is {scroll} px wide"


@pytest.mark.parametrize("start,other", [("en", "sv"), ("sv", "en")])
def test_language_switcher_keeps_the_section(page, base_url, start, other):
    page.goto(base_url + PREFIX[start] + "how-to-apply/#" + SECTION)
    link = page.locator("a[data-sesguide-switch]")
    assert link.get_attribute("href").endswith("how-to-apply/#" + SECTION)
    with page.expect_navigation(wait_until="load"):
        link.click()
    assert page.url == base_url + PREFIX[other] + "how-to-apply/#" + SECTION
    assert page.evaluate("() => document.documentElement.lang") == other
    assert page.evaluate(f"() => !!document.getElementById('{SECTION}')")
    # Following a section link on the page (hashchange) updates the switcher as well.
    target = page.locator("article h2[id]").nth(1).get_attribute("id")
    page.evaluate(f"() => {{ location.hash = '{target}'; }}")
    page.wait_for_function(
        f"() => document.querySelector('a[data-sesguide-switch]').getAttribute('href').endsWith('#{target}')"
    )


def test_language_switcher_reaches_the_twin_without_javascript(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False, service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(base_url + "/sv/how-to-apply/#" + SECTION)
        href = page.locator("a[data-sesguide-switch]").get_attribute("href")
        page.goto(base_url + href if href.startswith("/") else page.url.rsplit("/sv/", 1)[0] + "/" + href)
        assert page.url.split("#")[0] == base_url + "/how-to-apply/"
        assert page.evaluate("() => document.documentElement.lang") == "en"
        # And the section links are plain, visible links without JavaScript.
        headerlink = page.locator(f"h2#{SECTION} a.headerlink")
        assert headerlink.is_visible() and headerlink.get_attribute("href") == "#" + SECTION
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "lang,missing,expected",
    [
        ("en", "how-to-aply/", "how-to-apply/"),
        ("en", "ecqs/leading-peple/", "ecqs/leading-people/"),
        ("sv", "qrbb/", "qrb/"),
        ("sv", "pay/2026/", "pay/"),
    ],
)
def test_404_suggests_the_closest_pages_in_the_same_language(page, base_url, lang, missing, expected):
    resp = page.goto(base_url + PREFIX[lang] + missing)
    assert resp.status == 404
    assert page.evaluate("() => document.documentElement.lang") == lang
    box = page.locator("#sesguide-suggest")
    box.wait_for(state="visible")
    hrefs = box.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert hrefs and hrefs[0] == PREFIX[lang] + expected, hrefs
    assert all(h.startswith(PREFIX[lang]) for h in hrefs), hrefs


@pytest.mark.parametrize("lang", LANGS)
def test_404_lists_the_main_pages_without_javascript(browser, base_url, lang):
    ctx = browser.new_context(java_script_enabled=False, service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(base_url + PREFIX[lang] + "no-such-page/")
        assert page.locator("#sesguide-suggest").is_hidden()
        hrefs = page.locator(".sesguide-key-pages a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        for p in ("", "ecqs/", "qrb/", "how-to-apply/", "pay/"):
            assert PREFIX[lang] + p in hrefs, (p, hrefs)
    finally:
        ctx.close()
