"""lint.check_page: allowed markup passes untouched; forbidden markup gives one exact message."""

import pytest

from sesguide import lint, pages


def lint_lines(body, lang="sv"):
    page = pages.parse("---\ntitle: t\n---\n\n# T { #t }\n\n" + body + "\n", lang, "x.md", f"docs/{lang}/x.md")
    return [(p.line, p.message) for p in lint.check_page(page)]


@pytest.mark.parametrize(
    "body",
    [
        'Text with <abbr title="Senior Executive Service">SES</abbr>, <kbd>Ctrl</kbd>, H<sub>2</sub>O, x<sup>2</sup>.',
        "Line<br>break and <br/> again.",
        '<span lang="en">Leading People</span>',
        "Code: `<script>alert(1)</script>` and ``<iframe>``.",
        '```html\n<script>alert(1)</script>\n<iframe src="x"></iframe>\n```',
        "~~~~\n<style>x</style>\n~~~~",
        "<!-- a comment with <script> inside -->",
        "<!-- data:pay-table -->",
        '> Quoted definition.\n{ lang="en" }',
        "## Heading { #heading .wide }",
        "[OPM](https://www.opm.gov/) and [qrb](../qrb.md#criteria) and <https://www.opm.gov/>.",
        '[ref][opm]\n\n[opm]: https://www.opm.gov/ "OPM"',
        "Math: 1 < 2 and 3 > 2, a->b.",
        "Turn on the lights; online=yes is plain text.",
        "The data: field and javascript are words here.",
        '!!! warning "Ej bekräftat"\n    Uppgift från en konsult.',
    ],
)
def test_allowed_markup(body):
    assert lint_lines(body) == []


@pytest.mark.parametrize(
    "body, found",
    [
        ("<script>x</script>", [(7, "raw HTML <script> is not allowed in pages")]),  # reported once, at the opening tag
        ("a\n<details open>x", [(8, "raw HTML <details> is not allowed in pages")]),
        ('<span class="x">y</span>', [(7, "attribute 'class' on <span> is not allowed")]),
        ('<abbr title="javascript:alert(1)">x</abbr>', [(7, "a javascript: URL in <abbr> is not allowed")]),
        ('<kbd onkeydown="x">k</kbd>', [(7, "event handler attribute 'onkeydown' on <kbd> is not allowed")]),
        ("![x](DATA:image/png;base64,AAAA)", [(7, "a data: URL in a link or image is not allowed")]),
        ("[x]:   <javascript:alert(1)>", [(7, "a javascript: URL in a link or image is not allowed")]),
        ('Text\n{ srcdoc="x" }', [(8, "attribute list sets 'srcdoc'")]),
        ("Text { onfocus = 'x' }", [(7, "event handler attribute (on...=) in an attribute list is not allowed")]),
    ],
)
def test_forbidden_markup(body, found):
    assert lint_lines(body) == found


def test_lint_applies_to_english_too():
    assert lint_lines('<iframe src="https://evil.example/"></iframe>', "en") == [
        (7, "raw HTML <iframe> is not allowed in pages")
    ]


def test_problem_fix_text():
    page = pages.parse("<style>x</style>\n", "sv", "x.md", "docs/sv/x.md")
    (p,) = lint.check_page(page)
    assert p.fix == (
        "Remove the HTML; write Markdown instead. Allowed inline HTML: <abbr>, <br>, <kbd>, <sup>, "
        '<sub>, <span lang=".."> (see CONTRIBUTING.md).'
    )
