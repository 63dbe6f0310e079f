"""csspurge: which selectors go, which stay, and how the pages are relinked to the new file."""

from pathlib import Path

import pytest

from sesguide import csspurge, cssrules
from sesguide.problems import ProblemsFound


def test_selector_lists_split_only_at_top_level_commas():
    assert cssrules.split_selectors('a:is(.x,.y),b[title="a,b"],.c') == ["a:is(.x,.y)", 'b[title="a,b"]', ".c"]


@pytest.mark.parametrize(
    "selector, needed",
    [
        (".md-nav .md-nav__link", {"md-nav", "md-nav__link"}),
        (".a:not(.b)", {"a"}),  # :not(.b) matches when .b is absent
        (":is(.x,.y) .z", {"z"}),  # either alternative would do
        (".md-typeset :where(.tabbed-set)", {"md-typeset"}),
        ("[class~=q].r", {"r"}),
        ("html", set()),
        ("#__drawer:checked~.md-container", {"md-container"}),
        (".a.b>.c::before", {"a", "b", "c"}),
    ],
)
def test_required_classes_ignore_functional_pseudo_classes(selector, needed):
    assert cssrules.required_classes(selector) == needed


def test_purge_drops_only_selectors_that_need_an_unknown_class():
    css = (
        ':root{--x:url("data:image/svg+xml,<svg>{}</svg>")}'
        ".used{color:red}.unused{color:blue}.used,.unused .deep{margin:0}"
        '.used:after{content:"}"}'
        "@media screen and (min-width:10em){.unused{top:0}.used{top:1px}}"
        "@media print{.unused{display:none}}"
        "@keyframes spin{0%{opacity:0}to{opacity:1}}"
        ".a:not(.gone){x:1}"
    )
    out, dropped = cssrules.purge_css(css, {"used", "a"})
    assert out == (
        ':root{--x:url("data:image/svg+xml,<svg>{}</svg>")}'
        ".used{color:red}.used{margin:0}"
        '.used:after{content:"}"}'
        "@media screen and (min-width:10em){.used{top:1px}}"
        "@keyframes spin{0%{opacity:0}to{opacity:1}}"
        ".a:not(.gone){x:1}"
    )
    assert dropped == 3


def test_comments_with_braces_do_not_confuse_the_parser():
    out, dropped = cssrules.purge_css("/* } */.a{x:1/* { */}.b{y:2}", {"a"})
    assert out == ".a{x:1/* { */}" and dropped == 1


def test_unbalanced_stylesheet_is_refused():
    with pytest.raises(ValueError, match="unbalanced"):
        cssrules.purge_css(".a{color:red", set())


@pytest.mark.parametrize("css", ["@media x{.a{b:c}", ".a}{b:c}", ".a{b:c}]", '.a{content:"}"'])
def test_stylesheets_cut_short_or_with_stray_brackets_are_refused(css):
    with pytest.raises(ValueError):
        cssrules.purge_css(css, {"a"})


def test_strings_and_comments_keep_their_braces_and_commas():
    css = '.a[title="x,}"],.gone{content:"{"}/* .gone{ */.b{c:d}'
    assert cssrules.purge_css(css, {"a", "b"}) == ('.a[title="x,}"]{content:"{"}.b{c:d}', 0)


def write(root: Path, rel: str, text: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_purge_renames_by_content_and_relinks_every_page(tmp_path):
    css = ".md-header{a:1}.md-tabs{b:2}.md-search-result__item{c:3}.prose-only{d:4}"
    for prefix in ("", "sv/"):
        write(tmp_path, f"{prefix}assets/stylesheets/main.0123abcd.min.css", css)
        write(tmp_path, f"{prefix}assets/stylesheets/main.0123abcd.min.css.map", "{}")
        write(tmp_path, f"{prefix}assets/javascripts/bundle.js", 'x.className="md-search-result__item"')
        write(tmp_path, f"{prefix}assets/javascripts/lunr/min/lunr.xx.min.js", '"md-tabs"')  # never touches the page
    write(
        tmp_path,
        "index.html",
        '<link rel="stylesheet" href="/assets/stylesheets/main.0123abcd.min.css">'
        '<header class="md-header x">prose-only</header>',
    )
    write(
        tmp_path, "sv/pay/index.html", '<link rel="stylesheet" href="../../assets/stylesheets/main.0123abcd.min.css">'
    )
    results = csspurge.purge(tmp_path)
    new_name = Path(results[0].file).name
    assert new_name != "main.0123abcd.min.css" and csspurge.THEME_CSS_RE.match(new_name)
    assert sorted(r.file for r in results) == [f"assets/stylesheets/{new_name}", f"sv/assets/stylesheets/{new_name}"]
    for prefix in ("", "sv/"):
        d = tmp_path / prefix / "assets/stylesheets"
        assert sorted(p.name for p in d.iterdir()) == [new_name]
        assert (d / new_name).read_text() == ".md-header{a:1}.md-search-result__item{c:3}"
    assert f"/assets/stylesheets/{new_name}" in (tmp_path / "index.html").read_text()
    assert f"../../assets/stylesheets/{new_name}" in (tmp_path / "sv/pay/index.html").read_text()
    assert results[0].rules_dropped == 2 and results[0].after < results[0].before


def test_no_theme_stylesheet_means_nothing_to_do(tmp_path):
    write(tmp_path, "index.html", "<p>hi</p>")
    assert csspurge.purge(tmp_path) == []


def test_a_broken_theme_stylesheet_is_a_problem_naming_the_file_not_a_traceback(tmp_path):
    write(tmp_path, "assets/stylesheets/main.0123abcd.min.css", ".md-header{a:1}.md-tabs{b:2")
    write(tmp_path, "index.html", '<header class="md-header"></header>')
    with pytest.raises(ProblemsFound) as exc:
        csspurge.purge(tmp_path)
    report = exc.value.report()
    assert "site/assets/stylesheets/main.0123abcd.min.css" in report and "--no-css-purge" in report
    assert (tmp_path / "assets/stylesheets/main.0123abcd.min.css").exists()  # nothing written


def test_tokens_parsed_ahead_are_used_only_for_the_same_text(tmp_path):
    """The build tokenizes one language's theme stylesheet while the other language is still being
    built; the purge of the merged site must give what it gives without them."""
    css = ".md-header{a:1}.md-tabs{b:2}\n/*# sourceMappingURL=main.0123abcd.min.css.map */\n"
    lang = write(tmp_path / "en", "assets/stylesheets/main.0123abcd.min.css", css).parents[2]
    parsed = csspurge.parse_theme(lang)
    assert list(parsed) == [".md-header{a:1}.md-tabs{b:2}\n"]  # keyed by the text purge_css reads
    body = ".md-header{a:1}.md-tabs{b:2}\n"
    assert cssrules.purge_css(body, {"md-header"}, parsed) == cssrules.purge_css(body, {"md-header"})
    # a different stylesheet is tokenized itself, never purged with another file's tokens
    other = ".md-tabs{b:2}.md-header{c:3}"
    assert cssrules.purge_css(other, {"md-header"}, parsed) == (".md-header{c:3}", 1)


def test_a_theme_stylesheet_that_does_not_parse_is_left_to_the_purge_to_report(tmp_path):
    write(tmp_path, "assets/stylesheets/main.0123abcd.min.css", ".md-header{a:1}.md-tabs{b:2")
    assert csspurge.parse_theme(tmp_path) == {}
