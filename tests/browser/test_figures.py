"""The figures (sesguide/figures.py) in a browser: on their pages in both languages, accessible
(axe; an accessible name and description), with text and lines that keep their contrast against
the page in the light and the dark scheme (WCAG 1.4.3 and 1.4.11), and in print. The colour-scheme
toggle speaks the page's language. A screenshot of each figure at 1280 and 375 px in both schemes
goes to test-artifacts/screenshots/figure-*.png for a person to look at. Every text in a figure is
at least 12 px as rendered on a 320 and a 375 px screen and not oversized on a laptop, and none is
cut off at the figure's edge."""

from __future__ import annotations

import pytest

from .conftest import NARROW, ROOT, WIDE, describe_violations, run_axe, settle, url_path

OUT = ROOT / "test-artifacts" / "screenshots"
FIGURES = {"pay": "pay/", "ses-size": "about-ses/", "process": "qrb/", "timeline": "how-to-apply/", "ecqs": "ecqs/"}
SCHEMES = ("light", "dark")

CONTRAST_JS = """(name) => {
  const fig = document.querySelector(`figure[data-figure="${name}"]`);
  const lum = (c) => {
    const m = c.match(/[\\d.]+/g).map(Number);
    const [r, g, b] = m.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  let el = fig, bg = 'rgba(0, 0, 0, 0)';
  while (el && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
    bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
  if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
  const out = [];
  const check = (sel, prop, min, what) => {
    for (const n of fig.querySelectorAll(sel)) {
      const c = getComputedStyle(n)[prop];
      if (!c || c === 'none') { out.push(`${what}: no colour`); continue; }
      const r = ratio(c, bg);
      if (r < min) out.push(`${what} ${c} on ${bg}: ${r.toFixed(2)} < ${min}`);
    }
  };
  check('svg text:not(.f-box)', 'fill', 4.5, 'text');
  // numbers in the process diagram: box-coloured text on a series-1 disc
  const disc = fig.querySelector('svg path.f-s1');
  for (const n of fig.querySelectorAll('svg text.f-box')) {
    const r = ratio(getComputedStyle(n).fill, getComputedStyle(disc).fill);
    if (r < 4.5) out.push(`number on disc: ${r.toFixed(2)} < 4.5`);
  }
  check('svg .s-s1, svg .s-s2, svg .s-s3', 'stroke', 3, 'series line');
  check('svg .s-fg', 'stroke', 3, 'outline');
  return {bg, problems: [...new Set(out)], texts: fig.querySelectorAll('svg text').length};
}"""


# Each text's rendered size: its font size in SVG units times the scale of the SVG on the screen
# (getComputedStyle gives the size before the viewBox scales it); and whether its box sticks out
# of the SVG (an inline SVG clips what lies outside its viewBox).
TEXT_SIZE_JS = """(name) => {
  const svg = document.querySelector(`figure[data-figure="${name}"] svg`);
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].map(t => {
    const m = t.getScreenCTM(), r = t.getBoundingClientRect();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    const out = r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
    return {text: t.textContent, px, out};
  });
}"""
MIN_PX = 12  # issue 16: labels at least 12 px at any width
MAX_PX = 22  # on a laptop a figure's text stays near the 16 px body text
SMALLEST = {"width": 320, "height": 640}


def open_page(page, base_url, lang, path, scheme, viewport=WIDE):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(viewport)
    page.goto(base_url + url_path(lang, path))
    page.evaluate("() => localStorage.clear()")  # follow the (emulated) system setting
    page.reload()
    page.wait_for_function(
        f"() => document.body.getAttribute('data-md-color-scheme') === '{'slate' if scheme == 'dark' else 'default'}'"
    )
    settle(page)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_is_accessible_and_legible(page, base_url, name, lang, scheme):
    open_page(page, base_url, lang, FIGURES[name], scheme)
    fig = page.locator(f'figure[data-figure="{name}"]')
    assert fig.count() == 1, f"figure {name} is not on {url_path(lang, FIGURES[name])}"
    svg = fig.locator("svg[role=img]")
    assert svg.get_attribute("aria-labelledby") and svg.get_attribute("aria-describedby")
    html_lang = page.evaluate("() => document.documentElement.lang")
    assert html_lang.startswith(lang)
    result = page.evaluate(CONTRAST_JS, name)
    assert result["texts"] > 0
    assert not result["problems"], f"{name} ({lang}, {scheme}): " + "; ".join(result["problems"][:8])
    violations = run_axe(page)
    assert not violations, f"axe on {url_path(lang, FIGURES[name])} ({scheme}):\n{describe_violations(violations)}"
    # the figure fits a phone screen without sideways scrolling
    page.set_viewport_size(NARROW)
    settle(page)
    box = fig.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"] + 0.5


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", ["1280", "375"])
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_screenshot(page, base_url, name, lang, width, scheme):
    # as tall as the tallest figure needs, so the sticky header never covers its top in the shot
    viewport = {**(WIDE if width == "1280" else NARROW), "height": 1400}
    open_page(page, base_url, lang, FIGURES[name], scheme, viewport)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"figure-{name}-{lang}-{scheme}-{width}.png"
    path.unlink(missing_ok=True)
    page.locator(f'figure[data-figure="{name}"]').screenshot(path=str(path), animations="disabled")
    assert path.stat().st_size > 1000


@pytest.mark.parametrize("width", ["320", "375", "1280"])
@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_is_at_least_12_px_and_inside_the_figure(page, base_url, name, lang, width):
    viewport = {"320": SMALLEST, "375": NARROW, "1280": WIDE}[width]
    open_page(page, base_url, lang, FIGURES[name], "light", viewport)
    texts = page.evaluate(TEXT_SIZE_JS, name)
    assert texts, f"figure {name} has no text"
    small = [f"{t['text']!r} {t['px']:.1f} px" for t in texts if t["px"] < MIN_PX - 0.01]
    assert not small, f"{name} ({lang}, {width} px): text under {MIN_PX} px: " + "; ".join(small[:6])
    if width == "1280":
        big = [f"{t['text']!r} {t['px']:.1f} px" for t in texts if t["px"] > MAX_PX]
        assert not big, f"{name} ({lang}, 1280 px): text over {MAX_PX} px: " + "; ".join(big[:6])
    cut = [t["text"] for t in texts if t["out"]]
    assert not cut, f"{name} ({lang}, {width} px): text cut off at the figure's edge: {cut[:6]}"


def test_print_uses_dark_ink_on_white_in_either_scheme(page, base_url):
    open_page(page, base_url, "sv", "pay/", "dark")
    page.emulate_media(media="print", color_scheme="dark")
    settle(page)
    fill = page.evaluate("() => getComputedStyle(document.querySelector('figure[data-figure=pay] svg text')).fill")
    assert fill == "rgb(0, 0, 0)"


LABELS = {
    "en": ("Switch to light mode", "Switch to dark mode", "Follow the system setting for light or dark mode"),
    "sv": ("Byt till ljust läge", "Byt till mörkt läge", "Följ systemets inställning för ljust eller mörkt läge"),
}


PALETTE = "button[data-md-component=palette]"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_colour_scheme_toggle_cycles_in_the_page_language(page, base_url, lang):
    """System setting (dark here) -> light -> dark -> system setting. The toggle is one button; its
    accessible name (and title) names the next step, in the page's language, and it shows the icon
    of the current option only. The choice survives a page load."""
    open_page(page, base_url, lang, "pay/", "dark")
    to_light, to_dark, to_system = LABELS[lang]
    state = f"""() => {{ const b = document.querySelector('{PALETTE}');
        return {{label: b.getAttribute('aria-label'), title: b.title, shown: b.checkVisibility(),
                 icons: [...b.querySelectorAll('[data-md-color-media]')].filter(s => !s.hidden).length}}; }}"""
    for label, scheme in ((to_light, "default"), (to_dark, "slate"), (to_system, "slate")):
        now = page.evaluate(state)
        assert now == {"label": label, "title": label, "shown": True, "icons": 1}, now
        page.locator(PALETTE).click()
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
        if label == to_light:  # light chosen: the next page opens light although the system is dark
            page.reload()
            page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
            assert page.evaluate(state)["label"] == to_dark
    assert page.evaluate(state)["label"] == to_light
    page.evaluate("() => localStorage.clear()")


FOCUS_RING = """(sel) => {
  const el = document.activeElement, cs = getComputedStyle(el), r = el.getBoundingClientRect();
  const lum = (c) => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  return {isToggle: el.matches(sel), focusVisible: el.matches(':focus-visible'), w: r.width, h: r.height,
          shown: el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
          outline: cs.outlineStyle !== 'none' ? parseFloat(cs.outlineWidth) : 0,
          contrast: ratio(cs.outlineColor, getComputedStyle(document.querySelector('.md-header')).backgroundColor)};
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_colour_scheme_toggle_shows_keyboard_focus(page, base_url, lang, scheme):
    """Tab reaches the toggle itself (a visible button, not a hidden radio), its focus ring is at
    least 2 px and 3:1 against the header (WCAG 2.4.7, 1.4.11), and Enter moves to the next option
    with the focus staying on the toggle."""
    open_page(page, base_url, lang, "pay/", scheme)
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches('{PALETTE}')"):
            break
    ring = page.evaluate(FOCUS_RING, PALETTE)
    assert ring["isToggle"], f"15 presses of Tab never reached the colour-scheme toggle ({lang}, {scheme})"
    assert ring["focusVisible"] and ring["shown"] and ring["w"] >= 24 and ring["h"] >= 24, ring
    assert ring["outline"] >= 2 and ring["contrast"] >= 3, ring
    before = page.evaluate(f"() => document.querySelector('{PALETTE}').getAttribute('aria-label')")
    page.keyboard.press("Enter")  # system setting -> light: the next option, named by the label
    page.wait_for_function(f"() => document.querySelector('{PALETTE}').getAttribute('aria-label') !== {before!r}")
    assert page.evaluate(f"() => document.activeElement.matches('{PALETTE}:focus-visible')")
    page.evaluate("() => localStorage.clear()")
