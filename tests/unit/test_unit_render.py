"""render: Markdown escaping, number/date formats, marker expansion, and the template sandbox."""

import pytest
from ses_sitekit import PROJECT

from sesguide import data as datamod
from sesguide import render
from sesguide.problems import Problem, ProblemsFound

EVIL_EXPR = "{{ ''.__class__.__mro__ }}"


@pytest.mark.parametrize(
    "value, escaped",
    [
        ("plain text", "plain text"),
        ("a*b_c", "a\\*b\\_c"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("<script>", "&lt;script&gt;"),
        ("a | b", "a \\| b"),
        ("# not a heading", "\\# not a heading"),
        ("`code`", "\\`code\\`"),
        ("back\\slash", "back\\\\slash"),
        ("{ #id }", "\\{ \\#id \\}"),
        (EVIL_EXPR, "\\{\\{ ''.\\_\\_class\\_\\_.\\_\\_mro\\_\\_ \\}\\}"),
        ("two\nlines", "two lines"),
        (2025, "2025"),
    ],
)
def test_md_escape(value, escaped):
    assert render.md_escape(value) == escaped


@pytest.mark.parametrize(
    "value, lang, text",
    [
        (151661, "en", "$151,661"),
        (151661, "sv", "151\u00a0661\u00a0USD"),
        (1000000, "en", "$1,000,000"),
        (1000000, "sv", "1\u00a0000\u00a0000\u00a0USD"),
        (999, "sv", "999\u00a0USD"),
    ],
)
def test_money(value, lang, text):
    assert render.money(value, lang) == text


@pytest.mark.parametrize(
    "value, lang, text",
    [
        ("2025-10-01", "en", "October 1, 2025"),
        ("2025-10-01", "sv", "1 oktober 2025"),
        ("2025-05-29", "en", "May 29, 2025"),
        ("2025-05-29", "sv", "29 maj 2025"),
        ("2025-05", "en", "May 2025"),
        ("2025-05", "sv", "maj 2025"),
        ("2025", "sv", "2025"),
    ],
)
def test_long_date(value, lang, text):
    assert render.long_date(value, lang) == text


@pytest.mark.parametrize(
    "path, url",
    [
        ("index.md", ""),
        ("ecqs/index.md", "ecqs/"),
        ("pay.md", "pay/"),
        ("ecqs/2006/leading-people.md", "ecqs/2006/leading-people/"),
    ],
)
def test_page_url(path, url):
    assert render.page_url(path) == url


def test_relative():
    assert render.relative("ecqs/2006/x.md", "sources.md") == "../../sources.md"
    assert render.relative("index.md", "ecqs/x.md") == "ecqs/x.md"


# -- expand -------------------------------------------------------------------------------------


def renderer_for(tmp_path, templates: dict, context: dict | None = None):
    tdir = tmp_path / "templates"
    tdir.mkdir(exist_ok=True)
    for name, text in templates.items():
        (tdir / name).write_text(text, encoding="utf-8")
    ui = {"pay_year": {"en": "Year", "sv": "År"}}
    return render.Renderer(tdir, {"ui": ui, **(context or {})})


PAGE = (
    "# Pay { #pay }\r\n"
    "Literal {{ 7*7 }} and {% for x in range(10**9) %}{{ x }}{% endfor %} stay text.\n"
    "  trailing spaces  \n"
    "<!-- data:pay-table -->\n"
    "{# not a comment #} {{ config }}\n"
    "\n"
)


def test_expand_replaces_marker_line_only(tmp_path):
    r = renderer_for(tmp_path, {"pay-table.md.j2": "| {{ t('pay_year') }} | {{ money(151661) }} |\n"})
    out = render.expand(PAGE, "pay.md", "sv", "docs/sv/pay.md", r)
    lines = PAGE.split("\n")
    assert out.split("\n") == [*lines[:3], "| År | 151\u00a0661\u00a0USD |", "", *lines[4:]]


def test_page_text_is_never_a_template(tmp_path):
    r = renderer_for(tmp_path, {})
    text = "Literal {{ 7*7 }}\n{% for x in range(10**9) %}{{ x }}{% endfor %}\n{{ ''.__class__.__mro__ }}\n"
    assert render.expand(text, "x.md", "en", "docs/en/x.md", r) == text


def test_expand_unknown_marker(tmp_path):
    r = renderer_for(tmp_path, {})
    with pytest.raises(ProblemsFound) as exc:
        render.expand("a\n<!-- data:nope -->\n", "x.md", "en", "docs/en/x.md", r, line_offset=7)
    assert [(p.path, p.line, p.message) for p in exc.value.problems] == [
        ("docs/en/x.md", 9, "unknown data marker 'data:nope'")
    ]


def test_strict_undefined_names_file_and_marker(tmp_path):
    r = renderer_for(tmp_path, {"pay-table.md.j2": "{{ pay_rows }}\n"})
    with pytest.raises(ProblemsFound) as exc:
        render.expand("# Pay { #pay }\n\n<!-- data:pay-table -->\n", "pay.md", "en", "docs/en/pay.md", r, line_offset=6)
    assert exc.value.problems == [
        Problem(
            "docs/en/pay.md",
            9,
            "data:pay-table: 'pay_rows' is undefined (in templates/pay-table.md.j2)",
            "Add the missing value to the data file, or correct the template.",
        )
    ]
    assert exc.value.title == "Data markers could not be rendered"


def test_strict_undefined_attribute(tmp_path):
    r = renderer_for(
        tmp_path,
        {"glossary.md.j2": "{% for t in glossary %}{{ t.no_such_field }}{% endfor %}"},
        {"glossary": [{"id": "x"}]},
    )
    with pytest.raises(ProblemsFound) as exc:
        r.render("glossary", "glossary.md", "en", "docs/en/glossary.md", 12)
    assert [(p.path, p.line, p.message) for p in exc.value.problems] == [
        (
            "docs/en/glossary.md",
            12,
            "data:glossary: 'dict object' has no attribute 'no_such_field' (in templates/glossary.md.j2)",
        )
    ]


def test_unknown_ui_string(tmp_path):
    r = renderer_for(tmp_path, {"sources.md.j2": "{{ t('no_such_key') }}"})
    with pytest.raises(ProblemsFound) as exc:
        r.render("sources", "sources.md", "sv", "docs/sv/sources.md", 9)
    assert [(p.path, p.line, p.message) for p in exc.value.problems] == [
        (
            "docs/sv/sources.md",
            9,
            "data:sources: \"UI string 'no_such_key' is not in data/ui.yml\" (in templates/sources.md.j2)",
        )
    ]


def test_template_syntax_error(tmp_path):
    r = renderer_for(tmp_path, {"bad.md.j2": "line one\n{% for x in %}\n"})
    with pytest.raises(ProblemsFound) as exc:
        r.render_named("bad.md.j2", "x.md", "en", "docs/en/x.md")
    assert [(p.path, p.line) for p in exc.value.problems] == [("templates/bad.md.j2", 2)]
    assert exc.value.problems[0].message.startswith("template syntax error: ")


# -- the sandbox refuses unsafe operations inside (trusted) templates -------------------------


@pytest.mark.parametrize(
    "body, path, line, message",
    [
        (
            "{{ ''.__class__.__mro__ }}",
            "templates/evil.md.j2",
            None,
            "unsafe template operation refused: access to attribute '__class__' of 'str' object is unsafe.",
        ),
        (
            "{{ t.__globals__ }}",
            "templates/evil.md.j2",
            None,
            "unsafe template operation refused: access to attribute '__globals__' of 'function' object is unsafe.",
        ),
        (
            "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
            "templates/evil.md.j2",
            None,
            "unsafe template operation refused: access to attribute '__init__' of 'type' object is unsafe.",
        ),
        (
            "{% for x in range(10**9) %}{{ x }}{% endfor %}",
            "docs/en/x.md",
            4,
            "data:evil.md.j2: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000). "
            "(in templates/evil.md.j2)",
        ),
        (
            "{{ range(10**9) | list | length }}",
            "docs/en/x.md",
            4,
            "data:evil.md.j2: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000). "
            "(in templates/evil.md.j2)",
        ),
    ],
)
def test_sandbox_refuses(tmp_path, monkeypatch, body, path, line, message):
    monkeypatch.chdir(tmp_path)
    r = renderer_for(tmp_path, {"evil.md.j2": body})
    with pytest.raises(ProblemsFound) as exc:
        r._render("evil.md.j2", "evil.md.j2", "x.md", "en", "docs/en/x.md", 4, None)
    assert [(p.path, p.line, p.message) for p in exc.value.problems] == [(path, line, message)]
    assert exc.value.title == "A data template failed"
    assert not (tmp_path / "PWNED").exists()


# -- data values are inert text inside real templates ------------------------------------------


def real_renderer(site):
    d = datamod.load(site.root)
    by_id = {q["id"]: q for q in d.qualifications}
    return render.Renderer(
        PROJECT / "templates",
        {
            "registry": sorted(d.qualifications, key=lambda q: (q["framework"], q["order"])),
            "by_id": by_id,
            "by_page": d.qualification_by_page(),
            "pay": d.pay,
            "glossary": d.glossary,
            "sources": d.sources,
            "ui": d.ui,
            "status": [],
            "titles": {},
        },
    )


def test_data_value_with_jinja_is_inert(site):
    site.edit(
        "data/glossary.yml",
        '      en: "The head of state and government of the United States."',
        "      en: \"{{ ''.__class__.__mro__ }} {% for x in range(10**9) %}x{% endfor %} <script>alert(1)</script>\"",
    )
    site.edit("data/pay.yml", '      en: "Set in January 2025."', '      en: "{{ 7*7 }}"')
    assert site.check() == []
    r = real_renderer(site)
    out = r.render("glossary", "glossary.md", "en", "docs/en/glossary.md", 8)
    assert (
        "\\{\\{ ''.\\_\\_class\\_\\_.\\_\\_mro\\_\\_ \\}\\} \\{% for x in range(10\\*\\*9) %\\}x\\{% endfor %\\} "
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    ) in out
    assert "<class" not in out and "<script>" not in out
    pay = r.render("pay-table", "pay.md", "en", "docs/en/pay.md", 8)
    assert ". \\{\\{ 7\\*7 \\}\\}\n" in pay  # the note, escaped, at the end of the year's <details>


def test_real_templates_render_fixture_data(site):
    r = real_renderer(site)
    out = r.render("ecq-2025-list", "ecqs/index.md", "sv", "docs/sv/ecqs/index.md", 8)
    assert out.startswith("1. [Leda människor](leading-people.md) (")
    assert "\n2. [Driva effektivitet](driving-efficiency.md) (" in out
    pay = r.render("pay-table", "pay.md", "sv", "docs/sv/pay.md", 8)
    assert '<th scope="row" markdown="span">2025' in pay and "151\u00a0661\u00a0USD" in pay and "$151,661" not in pay


def test_unknown_markers_helper():
    from sesguide import pages

    page = pages.parse("# T { #t }\n<!-- data:pay-table -->\n<!-- data:evil -->\n", "en", "x.md", "docs/en/x.md")
    assert [(p.path, p.line, p.message) for p in render.unknown_markers(page)] == [
        ("docs/en/x.md", 3, "unknown data marker 'data:evil'")
    ]


def test_md_escape_round_trips_through_markdown():
    import markdown

    html = markdown.markdown(render.md_escape("AT&T <b>x</b> a_b"), extensions=["tables", "attr_list"])
    assert html == "<p>AT&amp;T &lt;b&gt;x&lt;/b&gt; a_b</p>"
