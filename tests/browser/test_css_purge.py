"""The purged theme stylesheet (sesguide/csspurge.py) renders exactly like Material's full one.

The same pages are shown from two builds, one with the purge and one without (`--no-css-purge`),
in the same browser, in the states where Material adds classes from its script (drawer open,
search results, keyboard focus, tooltip, print): every screenshot must be identical, pixel for
pixel. After a Material upgrade this is the test that shows whether the purge still holds.
Differing screenshots are kept in test-artifacts/css-purge/.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from projectkit import ROOT

from sesguide.build import build
from sesguide.server import serve_in_thread

from .conftest import MISSING, settle

ARTIFACTS = ROOT / "test-artifacts" / "css-purge"
PAGES = ["", "sv/", "pay/", "sv/glossary/", "qrb/", "api/", "ecqs/", "sv/how-to-apply/", MISSING]
WHOLE = {"", "pay/", "sv/glossary/", "api/"}  # whole-page screenshots (slow); the others: the first screen


@pytest.fixture(scope="module")
def full_base_url(tmp_path_factory):
    """The same site built with Material's full stylesheet, served like the purged one."""
    out = tmp_path_factory.mktemp("full-css") / "site"
    build(ROOT, out, jobs=2, purge_css=False)
    httpd = serve_in_thread(out, ROOT, port=0)
    host, port = httpd.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def tabs(browser, base_url, full_base_url):
    # one context (window) each: a second tab in the same window is a background tab, whose
    # animation frames Chromium throttles
    contexts = [browser.new_context(reduced_motion="reduce", service_workers="block", locale="en-US") for _ in range(2)]
    for ctx in contexts:
        ctx.set_default_timeout(15_000)
    yield {"purged": (contexts[0].new_page(), base_url), "full": (contexts[1].new_page(), full_base_url)}
    for ctx in contexts:
        ctx.close()


# Chromium without a GPU sometimes antialiases the corner of a rounded focus ring one pixel
# differently between two identical renders (seen at the colour-scheme toggle). A rule the purge
# wrongly dropped changes far more than this.
MAX_NOISE_PIXELS = 8


def changed_pixels(a: bytes, b: bytes) -> int:
    from PIL import Image, ImageChops

    ia, ib = Image.open(io.BytesIO(a)).convert("RGB"), Image.open(io.BytesIO(b)).convert("RGB")
    if ia.size != ib.size:
        return ia.width * ia.height
    diff = ImageChops.difference(ia, ib).convert("L").point(lambda v: 255 if v else 0)
    return diff.histogram()[255]


def shots(page, url: str, path: str, width: int):
    """(name, png) for each state of one page at one width."""

    def shot(full=False):
        settle(page)
        return page.screenshot(
            full_page=full, animations="disabled", caret="hide", mask=[page.locator(".sesguide-search__input")]
        )

    def load():
        page.goto(url + "/" + path)
        page.wait_for_load_state("load")

    page.set_viewport_size({"width": width, "height": 900})
    load()
    yield "page", shot(full=width == 1280 and path in WHOLE)
    if width == 375:
        page.click(".md-header label[for=__drawer]")
        page.wait_for_timeout(300)
        yield "drawer", shot()
        return
    page.keyboard.press("Tab")
    yield "skip-link-focus", shot()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    yield "focus", shot()
    abbr = page.locator("article abbr").first
    if abbr.count():
        abbr.scroll_into_view_if_needed()
        abbr.hover()
        page.wait_for_timeout(400)
        yield "tooltip", shot()
    if path in ("", "sv/"):
        load()
        page.locator("body").press("/")
        page.locator("#sesguide-search-input").type("kval" if path == "sv/" else "qual")
        page.locator(".sesguide-search__result").first.wait_for()
        page.wait_for_timeout(300)
        yield "search", shot()
        page.keyboard.press("Escape")
    if path == "pay/":
        load()
        page.emulate_media(media="print")
        yield "print", shot(full=True)
        page.emulate_media(media="screen")


def test_purged_stylesheet_renders_like_the_full_one(tabs, site):
    (pa, purged_url), (pb, full_url) = tabs["purged"], tabs["full"]
    import material

    shipped = {p.name for p in (Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css")}
    served = {p.name for p in site.glob("assets/stylesheets/main.*.min.css")}
    assert len(served) == 1 and not served & shipped, (served, shipped)  # the site serves the purged copy
    differ, compared = [], 0
    for path in PAGES:
        for width in (1280, 375):
            states_a = list(shots(pa, purged_url, path, width))
            states_b = list(shots(pb, full_url, path, width))
            assert [n for n, _ in states_a] == [n for n, _ in states_b], (path, width)
            for (name, a), (_, b) in zip(states_a, states_b, strict=True):
                compared += 1
                if a != b and changed_pixels(a, b) > MAX_NOISE_PIXELS:
                    tag = f"{path.strip('/').replace('/', '_') or 'home'}-{width}-{name}"
                    ARTIFACTS.mkdir(parents=True, exist_ok=True)
                    (ARTIFACTS / f"{tag}-purged.png").write_bytes(a)
                    (ARTIFACTS / f"{tag}-full.png").write_bytes(b)
                    differ.append(tag)
    assert compared >= 35
    assert not differ, (
        f"{len(differ)} of {compared} screenshots differ between the purged and the full "
        f"stylesheet (see {ARTIFACTS.relative_to(ROOT)}): {', '.join(differ)}"
    )
