"""Full-page screenshots for a person to look at: the home page, one ECQ page and the pay page,
in both languages, at 1280 and 375 px (12 PNGs in test-artifacts/screenshots/). The test checks
that each was written at the right width and that nothing sticks out of the page sideways."""

from __future__ import annotations

import struct

import pytest

from .conftest import NARROW, ROOT, WIDE, settle

OUT = ROOT / "test-artifacts" / "screenshots"
SHOTS = {"home": "", "ecq-leading-people": "ecqs/leading-people/", "pay": "pay/"}
CASES = [
    pytest.param(lang, name, width, id=f"{lang}-{name}-{width}")
    for lang in ("en", "sv")
    for name in SHOTS
    for width in ("1280", "375")
]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang,name,width", CASES)
def test_screenshot(page, base_url, lang, name, width):
    viewport = WIDE if width == "1280" else NARROW
    page.set_viewport_size(viewport)
    page.goto(base_url + "/" + ("sv/" if lang == "sv" else "") + SHOTS[name])
    settle(page)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{lang}-{name}-{width}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    w, h = png_size(path.read_bytes())
    assert w == viewport["width"] and h >= viewport["height"], f"{path.name} is {w}x{h}"
    scroll, client = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"{path.name}: the page is {scroll} px wide in a {client} px viewport"
    # The header's items (menu, title, language switcher, search) all sit inside the header.
    out = page.evaluate("""() => {
        const hdr = document.querySelector('.md-header__inner').getBoundingClientRect();
        return [...document.querySelectorAll('.md-header__inner > *, .sesguide-lang, .sesguide-lang *')]
          .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 &&
              (r.right > hdr.right + 0.5 || r.left < hdr.left - 0.5 ||
               r.bottom > hdr.bottom + 0.5 || r.top < hdr.top - 0.5); })
          .map(el => el.tagName + '.' + String(el.className));
    }""")
    assert not out, f"{path.name}: header items outside the header: {out}"
