"""assets: one theme copy for both languages, fingerprinted names, and one relinking pass."""

import pytest

from sesguide import assets
from sesguide.problems import ProblemsFound

PAGE = (
    '<link rel="stylesheet" href="{up}assets/stylesheets/main.0123abcd.min.css">'
    '<script src="{up}assets/javascripts/sesguide.js"></script>'
    '<a href="{up}pay/">Pay</a><a href="#top">Top</a><a href="https://www.opm.gov/">OPM</a>'
    '<span data-href="{up}assets/x.css">not an address attribute</span>'
)


@pytest.fixture
def site(tmp_path):
    for rel, up in (("index.html", ""), ("pay/index.html", "../"), ("sv/index.html", ""), ("sv/pay/index.html", "../")):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(PAGE.format(up=up), encoding="utf-8")
    for copy in ("assets", "sv/assets"):
        for rel, text in (("javascripts/sesguide.js", "js"), ("stylesheets/main.0123abcd.min.css", "css")):
            (tmp_path / copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / copy / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_one_pass_points_every_page_at_the_shared_fingerprinted_and_purged_files(site):
    assert assets.share(site) == 2
    assert not (site / "sv" / "assets").exists()
    fingerprints = assets.fingerprint(site)
    [(old, new)] = fingerprints.items()
    assert old == "assets/javascripts/sesguide.js" and new.startswith("assets/javascripts/sesguide.")
    assert (site / new).read_text(encoding="utf-8") == "js"
    written = assets.relink(site, "/", fingerprints, {"main.0123abcd.min.css": "main.feedbeef.min.css"})
    assert written == 4  # each page once
    script = new.removeprefix("assets/")
    expected = {
        "index.html": "",
        "pay/index.html": "../",
        "sv/index.html": "../",  # the Swedish pages use the English copy of the theme
        "sv/pay/index.html": "../../",
    }
    for rel, up in expected.items():
        html = (site / rel).read_text(encoding="utf-8")
        assert f'href="{up}assets/stylesheets/main.feedbeef.min.css"' in html, rel
        assert f'src="{up}assets/{script}"' in html, rel
        # links to pages, anchors and other sites are left as they were
        assert 'href="#top"' in html and 'href="https://www.opm.gov/"' in html
    assert '<a href="../pay/">' in (site / "sv/pay/index.html").read_text(encoding="utf-8")
    assert '<span data-href="../assets/x.css">' in (site / "sv/pay/index.html").read_text(encoding="utf-8")


def test_a_page_with_nothing_to_relink_is_not_rewritten(site):
    (site / "plain.html").write_text('<a href="pay/">Pay</a>', encoding="utf-8")
    before = (site / "plain.html").stat().st_mtime_ns
    assets.share(site)
    assets.relink(site, "/", assets.fingerprint(site), {})
    assert (site / "plain.html").stat().st_mtime_ns == before


def test_a_theme_file_the_languages_disagree_about_stops_the_build(site):
    (site / "sv/assets/javascripts/sesguide.js").write_text("other", encoding="utf-8")
    with pytest.raises(ProblemsFound) as exc:
        assets.share(site)
    assert "site/sv/assets/javascripts/sesguide.js" in exc.value.report()
