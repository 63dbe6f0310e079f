"""check.check_site on a small site: each rule, with the exact problem it reports."""

import pytest
from ses_sitekit import lineno, syntax

from sesguide.problems import Problem

REGISTRY = "(registry: data/qualifications.yml)"
SV_PAGE = """\
---
title: Extra
description: En extra sida.
last_reviewed: 2026-01-02
sources: []
translation:
  source_hash: 0123456789abcdef
---

# Extra { #extra }

## Mer { #more }
"""
EN_PAGE = """\
---
title: Extra
description: An extra page.
last_reviewed: 2026-01-02
sources: []
---

# Extra { #extra }

## More { #more }
"""


def got(site):
    return [(p.path, p.line, p.message) for p in site.check()]


def test_fixture_site_is_clean(site):
    assert site.check() == []


# -- pairs and registry -------------------------------------------------------------------------


def test_missing_swedish_page(site):
    site.delete("docs/sv/index.md")
    assert [str(p) for p in site.check()] == [
        "docs/en/index.md: the Swedish twin docs/sv/index.md is missing\n"
        "  Fix: Create docs/sv/index.md (translate the English page, keeping its heading IDs and numbers), "
        "then run: make translation-stamp PAGE=index.md"
    ]


def test_missing_english_page_orphan_swedish(site):
    site.write("docs/sv/extra.md", SV_PAGE)
    assert [str(p) for p in site.check()] == [
        "docs/sv/extra.md: the English page docs/en/extra.md is missing (orphan Swedish page)\n"
        "  Fix: Remove docs/sv/extra.md, or add docs/en/extra.md if the page is new; pages are written in English first."
    ]


def test_new_page_pair_is_accepted(site):
    site.add_page("extra.md", EN_PAGE, SV_PAGE.replace("0123456789abcdef", "{hash}"))
    assert site.check() == []


def test_registry_entry_without_swedish_page(site):
    site.delete("docs/sv/ecqs/driving-efficiency.md")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/en/ecqs/driving-efficiency.md", None, "the Swedish twin docs/sv/ecqs/driving-efficiency.md is missing"),
        ("docs/sv/ecqs/driving-efficiency.md", None, f"missing Swedish page for qualification ecq-2025-2 {REGISTRY}"),
    ]
    assert problems[1].fix == (
        "Create it (translate docs/en/ecqs/driving-efficiency.md), or remove the entry from the registry."
    )


def test_registry_entry_without_english_page(site):
    site.delete("docs/en/ecqs/driving-efficiency.md")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/en/ecqs/driving-efficiency.md", None, f"missing English page for qualification ecq-2025-2 {REGISTRY}"),
        (
            "docs/sv/ecqs/driving-efficiency.md",
            None,
            "the English page docs/en/ecqs/driving-efficiency.md is missing (orphan Swedish page)",
        ),
    ]
    assert problems[0].fix == "Create it (write it in English first), or remove the entry from the registry."


def test_registry_entry_without_any_page(site):
    site.delete("docs/en/ecqs/driving-efficiency.md")
    site.delete("docs/sv/ecqs/driving-efficiency.md")
    assert got(site) == [
        # the change log still names the page (its history stays): it says so too
        ("data/changes.yml", 2, "first-edition: page 'ecqs/driving-efficiency.md' does not exist"),
        ("docs/en/ecqs/driving-efficiency.md", None, f"missing English page for qualification ecq-2025-2 {REGISTRY}"),
        ("docs/sv/ecqs/driving-efficiency.md", None, f"missing Swedish page for qualification ecq-2025-2 {REGISTRY}"),
    ]


def test_orphan_page_in_qualification_folder(site):
    site.add_page("ecqs/extra.md", EN_PAGE, SV_PAGE.replace("0123456789abcdef", "{hash}"))
    message = "page in a qualification folder is not in the registry (orphan)"
    assert got(site) == [("docs/en/ecqs/extra.md", None, message), ("docs/sv/ecqs/extra.md", None, message)]


def test_index_page_in_qualification_folder_is_allowed(site):
    site.add_page("ecqs/index.md", EN_PAGE, SV_PAGE.replace("0123456789abcdef", "{hash}"))
    assert site.check() == []


def test_qualification_key_on_page_outside_registry(site):
    en = EN_PAGE.replace("sources: []\n", "sources: []\nqualification: ecq-2025-9\n")
    site.add_page("extra.md", en, SV_PAGE.replace("0123456789abcdef", "{hash}"))
    assert got(site) == [
        ("docs/en/extra.md", 6, "front matter names qualification 'ecq-2025-9' but the page is not in the registry")
    ]


def test_qualification_id_mismatch(site):
    text = site.edit("docs/sv/ecqs/driving-efficiency.md", "qualification: ecq-2025-2", "qualification: ecq-2025-1")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        (
            "docs/sv/ecqs/driving-efficiency.md",
            lineno(text, "qualification:"),
            "front matter says qualification 'ecq-2025-1' but the registry lists this page as 'ecq-2025-2'",
        )
    ]
    assert lineno(text, "qualification:") == 6
    assert problems[0].fix == (
        "Set 'qualification: ecq-2025-2' (IDs never change), or correct data/qualifications.yml."
    )


def test_qualification_key_missing(site):
    site.edit("docs/en/ecqs/driving-efficiency.md", "qualification: ecq-2025-2\n", "")
    assert got(site) == [("docs/en/ecqs/driving-efficiency.md", 1, "front matter lacks 'qualification: ecq-2025-2'")]


# -- headings -----------------------------------------------------------------------------------


def test_heading_id_missing_in_swedish(site):
    site.edit("docs/sv/index.md", "## Lön { #pay }\n\n", "")
    assert got(site) == [
        ("docs/sv/index.md", None, "heading ID '#pay' (English line 12) is missing in the Swedish page")
    ]


def test_heading_id_not_in_english(site):
    text = site.edit("docs/sv/index.md", "## Lön { #pay }\n", "## Lön { #pay }\n\n### Mer { #more }\n")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        (
            "docs/sv/index.md",
            lineno(text, "#more"),
            "heading ID '#more' does not exist in the English page docs/en/index.md",
        )
    ]
    assert problems[0].fix == "Use the English page's heading IDs; do not invent or translate IDs."


def test_heading_id_renamed_in_swedish(site):
    site.edit("docs/sv/index.md", "{ #pay }", "{ #lon }")
    assert got(site) == [
        ("docs/sv/index.md", None, "heading ID '#pay' (English line 12) is missing in the Swedish page"),
        ("docs/sv/index.md", 14, "heading ID '#lon' does not exist in the English page docs/en/index.md"),
    ]


def test_heading_without_explicit_id(site):
    site.edit("docs/en/index.md", "## Pay { #pay }", "## Pay")
    assert got(site) == [
        ("docs/en/index.md", 12, "heading 'Pay' has no explicit ID"),
        ("docs/sv/index.md", 14, "heading ID '#pay' does not exist in the English page docs/en/index.md"),
    ]


@pytest.mark.parametrize(
    "heading", ["## Pay {#pay}", "## Pay {: #pay }", "## Pay { #pay .wide }", "## Pay { #pay } ##"]
)
def test_heading_id_forms_accepted(site, heading):
    site.edit("docs/en/index.md", "## Pay { #pay }", heading)
    assert site.check() == []


def test_duplicate_heading_id(site):
    for lang in ("en", "sv"):
        site.write(f"docs/{lang}/index.md", site.read(f"docs/{lang}/index.md") + "\n## Again { #home }\n")
    assert got(site) == [
        ("docs/en/index.md", 16, "heading ID 'home' is used twice (first at line 8)"),
        ("docs/sv/index.md", 18, "heading ID 'home' is used twice (first at line 10)"),
    ]


def test_heading_id_form(site):
    for lang in ("en", "sv"):
        site.edit(f"docs/{lang}/index.md", "{ #pay }", "{ #Pay_Section }")
    assert got(site) == [
        ("docs/en/index.md", 12, "heading ID 'Pay_Section' is not lowercase ASCII words joined by '-'"),
        ("docs/sv/index.md", 14, "heading ID 'Pay_Section' is not lowercase ASCII words joined by '-'"),
    ]


def test_page_without_h1(site):
    site.edit("docs/en/index.md", "# Home { #home }", "## Home { #home }")
    site.edit("docs/sv/index.md", "# Start { #home }", "## Start { #home }")
    assert got(site) == [
        ("docs/en/index.md", 7, "the page has no H1 heading"),
        ("docs/sv/index.md", 9, "the page has no H1 heading"),
    ]


def test_heading_in_fenced_code_is_not_a_heading(site):
    site.write("docs/en/index.md", site.read("docs/en/index.md") + "\n```\n# not a heading\n```\n")
    assert site.check() == []


def test_setext_heading_without_id(site):
    site.write("docs/en/index.md", site.read("docs/en/index.md") + "\nMore\n----\n")
    site.write("docs/sv/index.md", site.read("docs/sv/index.md") + "\nMer\n---\n")
    assert got(site) == [
        ("docs/en/index.md", 16, "heading 'More' has no explicit ID"),
        ("docs/sv/index.md", 18, "heading 'Mer' has no explicit ID"),
    ]


# -- numbers ------------------------------------------------------------------------------------


def test_number_mistyped_in_swedish(site):
    site.edit("docs/sv/index.md", "151 661 USD", "151 616 USD")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/sv/index.md", None, "the number '151,661' (English line 14) is missing in the Swedish page"),
        ("docs/sv/index.md", 16, "the number '151 616' does not appear in the English page docs/en/index.md"),
    ]
    assert problems[1].fix == "Check it against the English page: a mistyped or extra number."


def test_number_only_in_english(site):
    site.edit("docs/en/index.md", "The SES had", "In 3 years the SES had")
    assert got(site) == [("docs/sv/index.md", None, "the number '3' (English line 10) is missing in the Swedish page")]


def test_number_only_in_swedish(site):
    site.edit("docs/sv/index.md", "SES hade", "Under 3 år hade SES")
    assert got(site) == [
        ("docs/sv/index.md", 12, "the number '3' does not appear in the English page docs/en/index.md")
    ]


def test_number_as_word_in_one_language(site):
    site.edit("docs/sv/index.md", "1,4 %", "en och en halv procent")
    assert got(site) == [
        ("docs/sv/index.md", None, "the number '1.4' (English line 14) is missing in the Swedish page")
    ]


def test_numbers_in_code_and_links_are_ignored(site):
    site.edit("docs/sv/index.md", "(5 CFR 412.301)", "(5 CFR 412.301, `kod 42`, [länk](https://example.org/2019/x))")
    assert site.check() == []


# -- markers ------------------------------------------------------------------------------------


def test_unknown_data_marker(site):
    for lang in ("en", "sv"):
        site.write(f"docs/{lang}/index.md", site.read(f"docs/{lang}/index.md") + "\n<!-- data:bogus -->\n")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/en/index.md", 16, "unknown data marker 'data:bogus'"),
        ("docs/sv/index.md", 18, "unknown data marker 'data:bogus'"),
    ]
    assert problems[0].fix.startswith("Use one of: data:ecq-comparison, data:ecq-2025-list, ")


def test_marker_only_in_english(site):
    site.write("docs/en/index.md", site.read("docs/en/index.md") + "\n<!-- data:pay-table -->\n")
    assert got(site) == [
        ("docs/sv/index.md", None, "data markers differ from the English page: English ['pay-table'], Swedish none")
    ]


def test_markers_differ(site):
    site.edit("docs/sv/ecqs/leading-people.md", "<!-- data:definition -->", "<!-- data:pay-table -->")
    assert got(site) == [
        (
            "docs/sv/ecqs/leading-people.md",
            17,
            "data markers differ from the English page: English ['definition'], Swedish ['pay-table']",
        )
    ]


def test_marker_inside_text_is_not_a_marker(site):
    site.edit("docs/sv/index.md", "SES hade", "Se <!-- data:pay-table --> SES hade")
    assert site.check() == []


# -- front matter -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, old",
    [
        ("title", "title: Start\n"),
        ("description", "description: Vad testwebbplatsen handlar om.\n"),
        ("last_reviewed", "last_reviewed: 2026-01-02\n"),
        ("sources", "sources: [opm-memo]\n"),
    ],
)
def test_front_matter_key_missing(site, key, old):
    site.edit("docs/sv/index.md", old, "")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [("docs/sv/index.md", 1, f"front matter lacks '{key}'")]
    assert problems[0].fix == "Add it between the '---' lines (see CONTRIBUTING.md, 'Front matter')."


def test_front_matter_empty_value(site):
    site.edit("docs/sv/index.md", "title: Start\n", "title:\n")
    assert got(site) == [("docs/sv/index.md", 1, "front matter lacks 'title'")]


def test_front_matter_missing_entirely(site):
    text = site.read("docs/en/index.md")
    site.write("docs/en/index.md", text[text.index("# Home") :])
    assert got(site) == [
        ("docs/en/index.md", 1, f"front matter lacks '{k}'")
        for k in ("description", "last_reviewed", "sources", "title")
    ]


@pytest.mark.parametrize(
    "old, new, line, message",
    [
        (
            "last_reviewed: 2026-01-02",
            "last_reviewed: 2026-13-02",
            4,
            "last_reviewed '2026-13-02' is not a YYYY-MM-DD date",
        ),
        (
            "last_reviewed: 2026-01-02",
            "last_reviewed: yesterday",
            4,
            "last_reviewed 'yesterday' is not a YYYY-MM-DD date",
        ),
        ("sources: [opm-memo]", "sources: opm-memo", 5, "sources must be a list of source IDs"),
        ("title: Start", "title: 2025", 2, "title must be text"),
        ("description: Vad testwebbplatsen handlar om.", "description: [a, b]", 3, "description must be text"),
        (
            "sources: [opm-memo]",
            "sources: [opm-memo]\ntoc_depth: 1",
            6,
            "toc_depth '1' is not a heading level from 2 to 6",
        ),
        (
            "sources: [opm-memo]",
            "sources: [opm-memo]\ntoc_depth: two",
            6,
            "toc_depth 'two' is not a heading level from 2 to 6",
        ),
        (
            "sources: [opm-memo]",
            "sources: [opm-memo]\ntoc_depth: true",
            6,
            "toc_depth 'True' is not a heading level from 2 to 6",
        ),
    ],
)
def test_front_matter_value_faults(site, old, new, line, message):
    site.edit("docs/sv/index.md", old, new)
    assert got(site) == [("docs/sv/index.md", line, message)]


def test_toc_depth_is_accepted(site):
    site.edit("docs/sv/index.md", "sources: [opm-memo]", "sources: [opm-memo]\ntoc_depth: 2")
    assert got(site) == []


def test_a_page_may_ask_for_a_known_tool_in_both_languages(site):
    for lang in ("en", "sv"):
        site.edit(f"docs/{lang}/index.md", "sources: [opm-memo]", "sources: [opm-memo]\ntool: ecq-planner")
    assert got(site) == []


def test_an_unknown_tool_is_rejected(site):
    for lang in ("en", "sv"):
        site.edit(f"docs/{lang}/index.md", "sources: [opm-memo]", "sources: [opm-memo]\ntool: ../evil.js")
    problems = [p for p in site.check() if "tool" in p.message]
    assert sorted((p.path, p.line, p.message) for p in problems) == [
        ("docs/en/index.md", 6, "tool '../evil.js' is not one of this site's tools"),
        ("docs/sv/index.md", 6, "tool '../evil.js' is not one of this site's tools"),
    ]
    assert "ecq-planner" in problems[0].fix


def test_twins_must_ask_for_the_same_tool(site):
    site.edit("docs/en/index.md", "sources: [opm-memo]", "sources: [opm-memo]\ntool: ecq-planner")
    assert got(site) == [
        ("docs/sv/index.md", None, "front matter 'tool' is None here but 'ecq-planner' in docs/en/index.md")
    ]


def test_unknown_source_id_in_front_matter(site):
    site.edit("docs/sv/index.md", "sources: [opm-memo]", "sources: [opm-memo, opm-memo-2025]")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/sv/index.md", 5, "unknown source ID 'opm-memo-2025'")
    ]
    assert problems[0].fix == "Use an ID from data/sources.yml, or add the source there."


def test_unhashable_source_id_in_front_matter(site):
    site.edit("docs/sv/index.md", "sources: [opm-memo]", "sources: [opm-memo, {id: x}]")
    assert got(site) == [("docs/sv/index.md", 5, "sources must be a list of source IDs")]


def test_front_matter_not_a_mapping(site):
    text = site.read("docs/en/index.md")
    site.write("docs/en/index.md", "---\n- a\n- b\n---\n" + text[text.index("# Home") :])
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/en/index.md", 2, "front matter must be key: value pairs"),
        ("docs/sv/index.md", None, "the English page docs/en/index.md is missing (orphan Swedish page)"),
    ]


def test_front_matter_yaml_error(site):
    site.edit("docs/sv/index.md", "sources: [opm-memo]", "sources: [opm-memo")
    problems = site.check()
    assert [(p.path, p.line) for p in problems] == [("docs/en/index.md", None), ("docs/sv/index.md", 6)]
    assert problems[0].message == "the Swedish twin docs/sv/index.md is missing"
    assert problems[1].message == syntax(
        "while parsing a flow sequence expected ',' or ']', but got ':'",
        "while parsing a flow sequence did not find expected ',' or ']'",
    )


def test_page_not_utf8(site):
    site.write("docs/sv/index.md", site.read("docs/sv/index.md").encode("utf-8").replace(b"\xc3\xb6", b"\xf6"))
    assert got(site) == [
        ("docs/en/index.md", None, "the Swedish twin docs/sv/index.md is missing"),
        ("docs/sv/index.md", None, "not UTF-8 text (invalid start byte)"),
    ]


def test_missing_translation_fingerprint(site):
    site.edit("docs/sv/index.md", "translation:\n  source_hash: ", "# old hash: ")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/sv/index.md", 1, "no translation fingerprint (translation.source_hash) in the front matter")
    ]
    assert problems[0].fix == "After translating, run: make translation-stamp PAGE=index.md"


@pytest.mark.parametrize("value", ["{}", "{source_hash: 12345}", "abc"])
def test_unusable_translation_fingerprint(site, value):
    text = site.read("docs/sv/index.md")
    start, end = text.index("translation:"), text.index("---\n\n# Start")
    site.write("docs/sv/index.md", text[:start] + f"translation: {value}\n" + text[end:])
    assert got(site) == [
        ("docs/sv/index.md", 6, "no translation fingerprint (translation.source_hash) in the front matter")
    ]


def test_outdated_translation_is_not_a_problem(site):
    site.edit("docs/en/index.md", "The SES had", "Then the SES had")
    assert site.check() == []


# -- termbase -----------------------------------------------------------------------------------

SES_FIX = (
    "Use the preferred term: 'Senior Executive Service (SES), den federala högre chefskåren' (later mentions: 'SES')."
)


@pytest.mark.parametrize(
    "sentence, variant, term, fix",
    [
        ("Hon fick den högsta tjänsten.", "den högsta tjänsten", "senior-executive-service", SES_FIX),
        ("Den Högsta Tjänsten är stor.", "den högsta tjänsten", "senior-executive-service", SES_FIX),
        ("Det är en presidentvaluta.", "presidentvaluta", "president", "Use the preferred term: 'presidenten'."),
        ("## Om presidentvaluta { #pay }", "presidentvaluta", "president", "Use the preferred term: 'presidenten'."),
        (
            "- ordföranden som tillsätts",
            "ordföranden som tillsätts",
            "president",
            "Use the preferred term: 'presidenten'.",
        ),
    ],
)
def test_forbidden_swedish_term(site, sentence, variant, term, fix):
    if sentence.startswith("##"):
        text = site.edit("docs/sv/index.md", "## Lön { #pay }", sentence)
    else:
        text = site.edit("docs/sv/index.md", "SES hade", sentence + " SES hade")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/sv/index.md", lineno(text, sentence), f"forbidden term '{variant}' (termbase entry '{term}')")
    ]
    assert problems[0].fix == fix


@pytest.mark.parametrize(
    "sentence",
    [
        "Ordet `presidentvaluta` är fel.",
        "> Citat: presidentvaluta.",
        'Artikeln skrev "den högsta tjänsten" om SES.',
        "Artikeln skrev ”den högsta tjänsten” om SES.",
        "Artikeln skrev «presidentvaluta» om SES.",
        "Ordet presidentvalutan är inte exakt samma variant.",
        "Ordföranden leder styrelsen.",
    ],
)
def test_forbidden_term_exceptions(site, sentence):
    site.edit("docs/sv/index.md", "SES hade", sentence + "\n\nSES hade")
    assert site.check() == []


def test_forbidden_term_in_fenced_code(site):
    site.write("docs/sv/index.md", site.read("docs/sv/index.md") + "\n```text\nden högsta tjänsten\n```\n")
    assert site.check() == []


def test_forbidden_term_not_checked_in_english(site):
    site.edit("docs/en/index.md", "The SES had", "A seed article said 'den högsta tjänsten'; the SES had")
    assert site.check() == []


def test_forbidden_term_in_title(site):
    site.edit("docs/sv/index.md", "title: Start", "title: Den högsta tjänsten")
    assert got(site) == [
        ("docs/sv/index.md", 2, "forbidden term 'den högsta tjänsten' (termbase entry 'senior-executive-service')")
    ]


# -- everything at once -------------------------------------------------------------------------


def test_all_problems_are_reported_at_once(site):
    site.edit("docs/sv/index.md", "151 661 USD", "151 662 USD")  # a number
    site.edit("docs/sv/ecqs/driving-efficiency.md", "Budgetera väl.", "Budgetera väl, presidentvaluta.")  # a term
    site.edit("docs/en/ecqs/leading-people.md", "sources: [opm-memo, resume-place]", "sources: [opm-memo, gone]")
    assert got(site) == [
        ("docs/en/ecqs/leading-people.md", 5, "unknown source ID 'gone'"),
        ("docs/sv/ecqs/driving-efficiency.md", 17, "forbidden term 'presidentvaluta' (termbase entry 'president')"),
        ("docs/sv/index.md", None, "the number '151,661' (English line 14) is missing in the Swedish page"),
        ("docs/sv/index.md", 16, "the number '151 662' does not appear in the English page docs/en/index.md"),
    ]


def test_three_different_faults_give_three_problems(site):
    site.edit("docs/en/ecqs/driving-efficiency.md", "description: The second qualification.\n", "")
    site.edit("docs/sv/index.md", "{ #pay }", "{ #pay }\n\n<script>alert('x')</script>")
    site.edit("docs/sv/ecqs/leading-people.md", "translation:\n  source_hash: ", "# old hash: ")
    assert [str(p) for p in site.check()] == [
        "docs/en/ecqs/driving-efficiency.md:1: front matter lacks 'description'\n"
        "  Fix: Add it between the '---' lines (see CONTRIBUTING.md, 'Front matter').",
        "docs/sv/ecqs/leading-people.md:1: no translation fingerprint (translation.source_hash) in the front matter\n"
        "  Fix: After translating, run: make translation-stamp PAGE=ecqs/leading-people.md",
        "docs/sv/index.md:16: raw HTML <script> is not allowed in pages\n"
        "  Fix: Remove the HTML; write Markdown instead. Allowed inline HTML: <abbr>, <br>, <kbd>, <sup>, <sub>, "
        '<span lang=".."> (see CONTRIBUTING.md).',
    ]


def test_missing_twin_is_reported_by_pair_and_registry_rules(site):
    site.delete("docs/sv/ecqs/leading-people.md")
    assert got(site) == [
        ("docs/en/ecqs/leading-people.md", None, "the Swedish twin docs/sv/ecqs/leading-people.md is missing"),
        ("docs/sv/ecqs/leading-people.md", None, f"missing Swedish page for qualification ecq-2025-1 {REGISTRY}"),
    ]


def test_problem_str_format():
    assert str(Problem("docs/sv/x.md", 3, "bad", "do this")) == "docs/sv/x.md:3: bad\n  Fix: do this"
    assert str(Problem("docs/sv/x.md", None, "bad")) == "docs/sv/x.md: bad"


class _SvPage:
    """Just what termbase.forbidden_variants reads from a page."""

    lang, file, meta, meta_lines = "sv", "docs/sv/x.md", {}, {}

    def __init__(self, line):
        self.line = line

    def body_lines(self):
        return [(1, self.line)]


@pytest.mark.parametrize(
    "line, found",
    [
        ("De 5 ECQ som gäller.", ["5 ECQ"]),
        ("de 5 ECQ:erna gäller.", []),  # an inflection after the colon continues the word
        ("om de gällande ECQ i stället", ["de gällande ECQ"]),
        ("de ECQ-sidor som finns", []),  # a hyphenated compound continues the word
        ("de ECQ:er som gällde", []),
        ("ett karriärförordnande i SES", ["karriärförordnande"]),
        ("ett förordnande som karriärtjänsteman", []),
    ],
)
def test_termbase_variants_respect_swedish_inflection(line, found):
    from sesguide import termbase

    terms = [
        {
            "id": "ecq",
            "sv": "grundläggande chefskvalifikationer (ECQ)",
            "sv_short": "ECQ",
            "forbidden_sv": ["5 ECQ", "de gällande ECQ", "de ECQ"],
        },
        {
            "id": "initial-career-appointment",
            "sv": "första förordnande som karriärtjänsteman",
            "forbidden_sv": ["karriärförordnande"],
        },
    ]
    got_variants = [p.message.split("'")[1] for p in termbase.forbidden_variants(_SvPage(line), terms)]
    assert got_variants == found
