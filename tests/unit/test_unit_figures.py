"""figures: each figure is drawn from the project's data, in the page's language, as inline SVG that
a strict CSP allows, with the same numbers in both languages and the same bytes every time."""

import gzip
import re
import xml.etree.ElementTree as ET

import pytest
from ses_sitekit import PROJECT

from sesguide import data as datamod
from sesguide import figures, numbers, spelling
from sesguide.render import money

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real():
    site = datamod.load(PROJECT)
    return site, {
        "pay": site.pay,
        "ui": site.ui,
        "ses_size": site.ses_size,
        "process": site.process,
        "registry": site.qualifications,
        "by_id": {q["id"]: q for q in site.qualifications},
    }


def draw(real, marker, lang, ui=None):
    site, ctx = real
    ui = ui or site.ui
    return figures.render(marker, {**ctx, "ui": ui}, lang, lambda k: ui[k][lang], lambda v: money(v, lang))


def svg_of(html):
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))


def svg_texts(html):
    return [el.text for el in svg_of(html).iter(f"{SVG}text") if el.text]


def tokens(texts, lang):
    return [tok for text in texts for tok, _ in numbers.extract(text, lang)]


@pytest.mark.parametrize("marker", sorted(figures.FIGURES))
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_figure_is_inline_svg_a_strict_csp_allows_and_small(real, marker, lang):
    html = draw(real, marker, lang)
    assert html.startswith('<figure class="sesguide-figure"') and "<figcaption>" in html
    root = svg_of(html)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert title.text and desc.text
    for el in root.iter():
        assert "style" not in el.attrib, el.tag  # blocked by style-src 'self'
        assert el.tag not in (f"{SVG}style", f"{SVG}script", f"{SVG}metadata")
        for attr in ("fill", "stroke"):  # colours come from classes only
            assert el.get(attr) in (None, "none") or el.get(attr).startswith("url(#fig-"), (el.tag, el.get(attr))
    css = (PROJECT / "overrides/assets/stylesheets/sesguide.css").read_text(encoding="utf-8")
    for cls in {c for el in root.iter() for c in el.get("class", "").split()}:
        assert f".{cls}" in css, f"class {cls} has no rule in sesguide.css"
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert all(i.startswith(f"fig-{marker.removeprefix('figure-')}-") for i in ids)
    assert len(gzip.compress(html.encode())) < 15 * 1024


@pytest.mark.parametrize("marker", sorted(figures.FIGURES))
def test_same_input_same_bytes(real, marker):
    assert draw(real, marker, "sv") == draw(real, marker, "sv")


def test_pay_figure_numbers_are_the_data(real):
    site, _ = real
    for lang in ("en", "sv"):
        got = tokens(svg_texts(draw(real, "figure-pay", lang)), lang)
        first, last = site.pay[0], site.pay[-1]
        for col in ("minimum", "maximum_certified", "maximum_uncertified"):
            assert str(first[col]) in got and str(last[col]) in got
        assert str(first["year"]) in got and str(last["year"]) in got
        frozen = [r["year"] for r in site.pay if r["frozen"]]
        assert f"{min(frozen)}" in got and f"{max(frozen)}" in got  # the freeze band is labelled
    sv = " ".join(svg_texts(draw(real, "figure-pay", "sv")))
    assert "228\u00a0000\u00a0USD" in sv and "$" not in sv and "Högstalön" in sv and "Maximum" not in sv
    en = " ".join(svg_texts(draw(real, "figure-pay", "en")))
    assert "$228,000" in en and "USD" not in en


def test_size_figure_shows_every_count(real):
    site, _ = real
    for lang in ("en", "sv"):
        got = tokens(svg_texts(draw(real, "figure-ses-size", lang)), lang)
        for row in site.ses_size:
            assert str(row["members"]) in got


def test_timeline_and_process_figures_follow_the_data(real):
    site, _ = real
    spans = site.process["timeline"]["spans"]
    for lang in ("en", "sv"):
        texts = svg_texts(draw(real, "figure-timeline", lang))
        got = tokens(texts, lang)
        for sp in spans:
            if sp["days"]:
                assert str(sp["days"]) in got
            assert any(line in " ".join(texts).replace("\n", " ") for line in sp["label"][lang].split()[:2])
        steps = " ".join(svg_texts(draw(real, "figure-process", lang)))
        for st in site.process["steps"]:
            assert st["name"][lang] in steps
    assert "Mål" in " ".join(svg_texts(draw(real, "figure-timeline", "sv")))


def test_ecq_figure_draws_lines_only_for_registry_successors(real):
    site, _ = real
    pairs = [(q, s) for q in site.qualifications if q["framework"] == "ecq-2006" for s in q["successor"]]
    html = draw(real, "figure-ecqs", "sv")
    root = svg_of(html)
    arrows = [el for el in root.iter(f"{SVG}path") if "s-s1" in el.get("class", "")]
    heads = [el for el in arrows if "f-s1" in el.get("class", "")]
    assert len(heads) == len(pairs) and pairs
    for q in site.qualifications:
        if q["framework"] in ("ecq-2006", "ecq-2025"):
            assert q["name"]["sv"].split()[0] in " ".join(svg_texts(html))


def test_check_pair_passes_the_real_figures_and_names_a_wrong_number_or_english_label(real):
    site, _ = real
    for marker in figures.FIGURES:
        assert figures.check_pair("x.md", draw(real, marker, "en"), draw(real, marker, "sv")) == []
    en = draw(real, "figure-pay", "en")
    wrong = draw(real, "figure-pay", "sv").replace("228\u00a0000\u00a0USD", "229\u00a0000\u00a0USD")
    [p] = figures.check_pair("pay.md", en, wrong)
    assert p.path == "data/pay.yml" and "figure 'pay'" in p.message and "228000" in p.message
    ui = {k: dict(v) for k, v in site.ui.items()}
    ui["fig_size_exact"]["sv"] = ui["fig_size_exact"]["en"]  # an untranslated label
    problems = figures.check_pair(
        "about-ses.md", draw(real, "figure-ses-size", "en"), draw(real, "figure-ses-size", "sv", ui)
    )
    assert [p.path for p in problems] == ["data/ses-size.yml"]
    assert "English text" in problems[0].message and ui["fig_size_exact"]["en"] in problems[0].message


def test_spell_check_reads_figure_text_and_names_the_figure(real):
    html = draw(real, "figure-pay", "sv").replace("Lägstalön", "Lägstalönn")
    where = {}
    words = spelling.page_words(f"<article>{html}</article>", "sv", where)
    assert "Lägstalönn" in words["sv"]
    assert where[("sv", "Lägstalönn")] == "figure 'pay', data/pay.yml"


def test_clean_refuses_a_colour_that_is_not_a_role():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M 0 0" style="fill: #ff0000"/></svg>'
    with pytest.raises(figures.FigureError, match="#ff0000"):
        figures.clean(svg, "fig-x")
    out = figures.clean(svg.replace("#ff0000", figures.C["s2"]), "fig-x")
    assert out.find(f"{SVG}path").get("class") == "f-s2"
