"""sesguide.pagehtml: the rewrites of a page's HTML body."""

from __future__ import annotations

from sesguide.pagehtml import explain_once, focusable_first_abbreviations

OPM = '<abbr title="Office of Personnel Management">OPM</abbr>'
CFR = '<abbr title="Code of Federal Regulations">CFR</abbr>'


def test_explain_once_keeps_the_first_and_the_focusable_acronym_and_unwraps_the_rest():
    html = f'<p><a href="#x">{OPM} memo</a> and {OPM}, {CFR}; {OPM} again, {CFR} too.</p>'
    out = explain_once(focusable_first_abbreviations(html))
    # the first OPM (inside a link, so not focusable), the first focusable OPM, the first CFR
    assert out == (
        f'<p><a href="#x">{OPM} memo</a> and '
        '<abbr title="Office of Personnel Management" tabindex="0">OPM</abbr>, '
        '<abbr title="Code of Federal Regulations" tabindex="0">CFR</abbr>; OPM again, CFR too.</p>'
    )


def test_explain_once_leaves_a_page_without_repeats_alone():
    html = f"<p>{OPM} and {CFR}</p>"
    assert explain_once(html) == html
