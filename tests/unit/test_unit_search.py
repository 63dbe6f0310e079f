"""What the site search indexes (sesguide/search.py), on small HTML."""

from __future__ import annotations

from sesguide import search

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
        found = search.build_preview_index(tmp_path, "sv")
        assert found["languages"] == ["sv"], found
    assert len(list((tmp_path / "pagefind").glob("pagefind.sv_*.pf_meta"))) == 1
