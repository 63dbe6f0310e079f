"""build.SearchIndex: Pagefind runs beside the last build steps, on a copy of the pages."""

import pytest

from sesguide import build, search
from sesguide.problems import Problem, ProblemsFound


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "demote_repeated_headings", lambda site, dirs: 0)
    root = tmp_path / "site"
    (root / "sv" / "a").mkdir(parents=True)
    (root / "index.html").write_text("<h2>home</h2>", encoding="utf-8")
    (root / "sv" / "a" / "index.html").write_text("<h2>a</h2>", encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "style.css").write_text("a{}", encoding="utf-8")
    return root


def test_pagefind_reads_a_copy_and_its_bundle_lands_in_the_site(site, tmp_path, monkeypatch):
    seen = {}

    def fake_index(copy):
        seen["pages"] = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
        (site / "index.html").write_text("rewritten meanwhile", encoding="utf-8")  # the purge, the sharing ...
        seen["home"] = (copy / "index.html").read_text(encoding="utf-8")
        (copy / search.BUNDLE).mkdir()
        (copy / search.BUNDLE / "pagefind.js").write_text("js", encoding="utf-8")
        return {}

    monkeypatch.setattr(search, "build_index", fake_index)
    index = build.SearchIndex(site, tmp_path / "copy")
    assert index.finish(site) >= 0
    assert seen == {"pages": ["index.html", "sv/a/index.html"], "home": "<h2>home</h2>"}
    assert (site / search.BUNDLE / "pagefind.js").read_text(encoding="utf-8") == "js"


def test_a_pagefind_failure_stops_the_build(site, tmp_path, monkeypatch):
    def failing(copy):
        raise ProblemsFound([Problem("site/", None, "Pagefind failed", "Read its message.")], "The search index failed")

    monkeypatch.setattr(search, "build_index", failing)
    index = build.SearchIndex(site, tmp_path / "copy")
    with pytest.raises(ProblemsFound, match="Pagefind failed"):
        index.finish(site)
    assert not (site / search.BUNDLE).exists()
