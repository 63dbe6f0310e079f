"""redirects: validation of data/redirects.yml, stubs for both languages, anchor aliases."""

import pytest

from sesguide import redirects
from sesguide.problems import ProblemsFound

F = "data/redirects.yml"
UI = {
    "redirect_title": {"en": "Redirecting", "sv": "Omdirigerar"},
    "redirect_moved": {"en": "This page has moved", "sv": "Sidan har flyttats"},
}


def load_problems(site, text):
    site.write(F, text)
    with pytest.raises(ProblemsFound) as exc:
        redirects.load(site.root)
    return [(p.path, p.line, p.message) for p in exc.value.problems]


def test_no_file_means_no_redirects(site):
    r = redirects.load(site.root)
    assert (r.pages, r.anchors, r.problems(site.docs), r.stubs("https://x.example/", UI)) == ({}, {}, [], {})


def test_valid_file(site):
    site.write(F, "pages:\n  old-home.md: index.md\nanchors:\n  index.md:\n    salary: pay\n")
    r = redirects.load(site.root)
    assert (r.pages, r.anchors, r.lines) == (
        {"old-home.md": "index.md"},
        {"index.md": {"salary": "pay"}},
        {("pages", "old-home.md"): 2},
    )
    assert r.problems(site.docs) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("page:\n  a.md: b.md\n", [(F, 1, "page: unknown field")]),
        ("pages: [a.md]\n", [(F, 1, "pages: expected a mapping, found a list")]),
        ("pages:\n  a.md: 3\n", [(F, 2, "pages.a.md: expected text, found a whole number")]),
        ("anchors: [x]\n", [(F, 1, "anchors: expected a mapping, found a list")]),
        ("anchors:\n  qrb.md: [x]\n", [(F, 2, "anchors.qrb.md: expected a mapping, found a list")]),
        ("- a\n", [(F, 1, "expected a mapping, found a list")]),
        (
            "pages:\n  a.md: b.md\n  a.md: c.md\n",
            [(F, 3, "invalid YAML: while reading a mapping found duplicate key 'a.md' (first at line 2)")],
        ),
        ("x: 1\npages: [a]\n", [(F, 1, "x: unknown field"), (F, 2, "pages: expected a mapping, found a list")]),
    ],
)
def test_load_validation(site, text, expected):
    assert load_problems(site, text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("anchors:\n  qrb.md:\n    Old_ID: new-id\n", "anchors.qrb.md.Old_ID: 'Old_ID' has the wrong form"),
        ("anchors:\n  qrb.md:\n    old-id: New ID\n", "anchors.qrb.md.old-id: 'New ID' has the wrong form"),
        ("anchors:\n  qrb.md:\n    old-id: 5\n", "anchors.qrb.md.old-id: expected text, found a whole number"),
    ],
)
def test_load_anchor_id_validation(site, text, message):
    assert [(p, m) for p, _, m in load_problems(site, text)] == [(F, message)]


def test_load_problems_say_what_to_write(site):
    with pytest.raises(ProblemsFound) as exc:
        site.write("data/redirects.yml", "anchors:\n  qrb.md: [x]\n")
        redirects.load(site.root)
    assert [p.fix for p in exc.value.problems] == ["Write old-id: new-id under the page path."]


def test_load_anchor_id_problem_has_line(site):
    assert load_problems(site, "anchors:\n  qrb.md:\n    Old_ID: new-id\n") == [
        (F, 3, "anchors.qrb.md.Old_ID: 'Old_ID' has the wrong form")
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("pages:\n  /abs.md: index.md\n", "pages./abs.md: paths must be relative .md paths like 'qrb.md'"),
        ("pages:\n  old.md: ../x.md\n", "pages.old.md: paths must be relative .md paths like 'qrb.md'"),
        ("pages:\n  old.html: index.md\n", "pages.old.html: paths must be relative .md paths like 'qrb.md'"),
        (
            "pages:\n  index.md: ecqs/leading-people.md\n",
            "pages.index.md: docs/en/index.md still exists, so the redirect would hide a real page",
        ),
        ("pages:\n  old.md: gone.md\n", "pages.old.md: target docs/en/gone.md does not exist"),
    ],
)
def test_problems_against_docs(site, text, message):
    site.write(F, text)
    r = redirects.load(site.root)
    got = [(p.path, p.line, p.message) for p in r.problems(site.docs)]
    assert got[0] == (F, 2, message)
    if "still exists" in message:
        assert got == [(F, 2, message), (F, 2, message.replace("docs/en/", "docs/sv/"))]
    if "does not exist" in message:
        assert got == [(F, 2, message), (F, 2, message.replace("docs/en/", "docs/sv/"))]


def test_stubs_for_both_languages():
    r = redirects.Redirects(pages={"old-name.md": "qrb.md", "ecqs/old.md": "ecqs/index.md"})
    stubs = r.stubs("https://example.org/ses/", UI)
    assert sorted(stubs) == [
        "ecqs/old/index.html",
        "old-name/index.html",
        "sv/ecqs/old/index.html",
        "sv/old-name/index.html",
    ]
    en, sv = stubs["old-name/index.html"], stubs["sv/old-name/index.html"]
    assert '<html lang="en">' in en and '<html lang="sv">' in sv
    assert '<link rel="canonical" href="https://example.org/ses/qrb/">' in en
    assert '<meta http-equiv="refresh" content="0; url=../qrb/">' in en
    assert '<a href="../qrb/">This page has moved: https://example.org/ses/qrb/</a>' in en
    assert '<link rel="canonical" href="https://example.org/ses/sv/qrb/">' in sv
    assert '<meta http-equiv="refresh" content="0; url=../../sv/qrb/">' in sv
    assert '<a href="../../sv/qrb/">Sidan har flyttats: https://example.org/ses/sv/qrb/</a>' in sv
    assert '<meta http-equiv="refresh" content="0; url=../../ecqs/">' in stubs["ecqs/old/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../../../sv/ecqs/">' in stubs["sv/ecqs/old/index.html"]
    assert '<meta name="robots" content="noindex">' in en and '<meta name="robots" content="noindex">' in sv


def test_stubs_escape_the_site_url():
    r = redirects.Redirects(pages={"old.md": "qrb.md"})
    stub = r.stubs('https://example.org/"><script>x</script>/', UI)["old/index.html"]
    assert "<script>" not in stub
    assert 'href="https://example.org/&quot;&gt;&lt;script&gt;x&lt;/script&gt;/qrb/"' in stub


def test_add_anchor_aliases():
    r = redirects.Redirects(anchors={"qrb.md": {"criteria-old": "criteria"}})
    html = '<p>x</p>\n<h2 id="criteria">Criteria<a class="headerlink" href="#criteria">¶</a></h2>'
    assert r.add_anchor_aliases(html, "qrb.md") == (
        '<p>x</p>\n<span id="criteria-old" class="sesguide-anchor-alias"></span>'
        '<h2 id="criteria">Criteria<a class="headerlink" href="#criteria">¶</a></h2>'
    )


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="other">x</h2>',  # new ID not on the page
        '<h2 id="criteria-old">a</h2><h2 id="criteria">b</h2>',  # old ID still exists
    ],
)
def test_add_anchor_aliases_leaves_page_alone(html):
    r = redirects.Redirects(anchors={"qrb.md": {"criteria-old": "criteria"}})
    assert r.add_anchor_aliases(html, "qrb.md") == html
    assert r.add_anchor_aliases(html, "pay.md") == html


def test_add_anchor_aliases_other_page_untouched():
    r = redirects.Redirects(anchors={"qrb.md": {"old": "new"}})
    html = '<h2 id="new">x</h2>'
    assert r.add_anchor_aliases(html, "pay.md") == html


def test_a_stub_never_replaces_a_built_page(tmp_path):
    from sesguide import finalize

    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text("built", encoding="utf-8")
    with pytest.raises(ProblemsFound) as exc:
        finalize.write_redirect_stubs(tmp_path, {"new/index.html": "stub", "old/index.html": "stub"})
    assert [(p.path, p.message) for p in exc.value.problems] == [
        (F, "redirect stub old/index.html would overwrite a built page")
    ]
    assert (tmp_path / "old" / "index.html").read_text(encoding="utf-8") == "built"
    finalize.write_redirect_stubs(tmp_path, {"a/b/index.html": "stub"})
    assert (tmp_path / "a" / "b" / "index.html").read_text(encoding="utf-8") == "stub"
