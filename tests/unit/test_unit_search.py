"""What the site search indexes (sesguide/search.py), on small HTML."""

from __future__ import annotations

import json

import pytest

from sesguide import search, searchindex
from sesguide.problems import ProblemsFound

ARTICLE = '<html lang="en"><body><article class="md-content__inner md-typeset">{}</article></body></html>'


def test_sources_list_indexes_each_title_not_its_details():
    html = ARTICLE.format(
        '<h2 id="list-of-sources">List</h2>\n<h3 id="a">Title A</h3>\n<p>Publisher. Address: https://x.example/</p>'
    )
    out = search.mark_page(html, "sources.md")
    assert '<h3 id="a">Title A</h3>\n<p data-pagefind-ignore>Publisher.' in out
    assert 'data-pagefind-weight="0.2"' in out and "data-pagefind-body" in out
    # another page keeps its paragraphs after an h3
    assert "<p data-pagefind-ignore>" not in search.mark_page(html, "pay.md")


def test_glossary_indexes_the_explanation_not_the_cited_titles():
    html = ARTICLE.format('<dd>\n<p>The limit on pay.</p>\n<p><a href="../sources/#usc">5 U.S.C. 5307</a></p>\n</dd>')
    out = search.mark_page(html, "glossary.md")
    assert "<p>The limit on pay.</p>" in out
    assert '<p data-pagefind-ignore><a href="../sources/#usc">' in out


def _page(site, rel, headings):
    body = "".join(f'<h2 id="h{i}">{t}</h2><p>x</p>' for i, t in enumerate(headings))
    f = site / rel / "index.html"
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(search.mark_page(ARTICLE.format(body), rel + ".md"), encoding="utf-8")
    return f


def test_a_heading_on_three_pages_is_demoted_once_and_a_rerun_changes_nothing(tmp_path):
    files = [_page(tmp_path, f"p{i}", ["Shared heading", f"Own {i}"]) for i in range(3)]
    assert search.demote_repeated_headings(tmp_path, {"en": ""}) == 3
    first = [f.read_text(encoding="utf-8") for f in files]
    assert all('<h2 data-pagefind-weight="1" id="h0">' in h and '<h2 id="h1">' in h for h in first)
    # A preview rebuilds only the edited page, then runs again over all of them.
    _page(tmp_path, "p0", ["Shared heading", "Own 0"])
    assert search.demote_repeated_headings(tmp_path, {"en": ""}) == 1
    assert [f.read_text(encoding="utf-8") for f in files] == first


def test_a_preview_index_can_be_rebuilt_in_the_same_directory(tmp_path):
    """`mkdocs serve` rebuilds into the same directory after every edit, and indexes it again."""
    for i in range(2):
        _page(tmp_path, "p0", [f"Edit {i}"]).write_text(
            (tmp_path / "p0" / "index.html").read_text(encoding="utf-8").replace('lang="en"', 'lang="sv"'),
            encoding="utf-8",
        )
        found = searchindex.build_preview_index(tmp_path, "sv")
        assert found["languages"] == ["sv"], found
    assert len(list((tmp_path / "pagefind").glob("pagefind.sv_*.pf_meta"))) == 1


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_languages_indexed_apart_and_merged_make_the_bundle_of_one_run(tmp_path):
    """The build indexes the first language while the last is still being built and merges the
    bundles: the result is the bundle one Pagefind run over both languages writes, file for file."""
    words = {"en": ["Executive pay", "Interviews"], "sv": ["Lönen", "Intervjuerna"]}
    both = tmp_path / "both"
    for lang, headings in words.items():
        where = "" if lang == "en" else "sv/"
        for i, heading in enumerate(headings):
            for site in (both, tmp_path / f"pages-{lang}"):
                f = _page(site, f"{where}p{i}", [heading, f"{heading} {i}"])
                f.write_text(f.read_text(encoding="utf-8").replace('lang="en"', f'lang="{lang}"'), encoding="utf-8")
    searchindex.build_index(both)
    for lang in words:
        searchindex.index_language(tmp_path / f"pages-{lang}", lang, tmp_path / f"bundle-{lang}")
    searchindex.merge_bundles([tmp_path / "bundle-en", tmp_path / "bundle-sv"], tmp_path / "merged")
    merged, one_run = _tree(tmp_path / "merged"), _tree(both / search.BUNDLE)
    assert sorted(merged) == sorted(one_run)
    assert [name for name in merged if merged[name] != one_run[name]] == []
    assert any(name.startswith("index/sv_") for name in merged) and any(name.startswith("index/en_") for name in merged)


def test_a_language_bundle_must_hold_that_language_only(tmp_path):
    _page(tmp_path / "pages", "p0", ["Executive pay"])  # lang="en"
    with pytest.raises(ProblemsFound, match=r"indexes for \['en'\], not sv"):
        searchindex.index_language(tmp_path / "pages", "sv", tmp_path / "bundle")


def test_bundles_that_disagree_about_a_shared_file_are_refused(tmp_path):
    for lang, script in (("en", "a"), ("sv", "b")):
        bundle = tmp_path / lang
        bundle.mkdir()
        (bundle / "pagefind.js").write_text(script, encoding="utf-8")
        (bundle / "pagefind-entry.json").write_text(json.dumps({"languages": {lang: {}}}), encoding="utf-8")
    with pytest.raises(ProblemsFound) as exc:
        searchindex.merge_bundles([tmp_path / "en", tmp_path / "sv"], tmp_path / "merged")
    assert "site/pagefind/pagefind.js" in exc.value.report() and "disagree" in exc.value.report()
