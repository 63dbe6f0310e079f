"""A corpus of hostile or broken contributions: each must make check_site report the expected problem.

Every file in cases/ starts with its expectation (see cases/README.md):
  Markdown: <!-- expect: docs/sv/case.md:13: raw HTML <script> is not allowed in pages -->
  YAML:     # expect: data/pay.yml:4: years[0].minimum: expected a whole number, found text '151,661'
``expect: nothing`` marks a contribution that must be accepted and stay inert text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ses_sitekit import PROJECT, make_site

from sesguide import data as datamod
from sesguide import freshness, lint, render
from sesguide import pages as pagemod

CASES = Path(__file__).resolve().parent / "cases"
EXPECT_MD = re.compile(r"^<!-- expect: (.*) -->$")
EXPECT_YML = re.compile(r"^# expect: (.*)$")

# A Swedish case page is SV_HEADER + the whole case file, so case line N is page line N + 11;
# an English case page is EN_HEADER + the case file, so case line N is page line N + 9.
SV_HEADER = """\
---
title: Fall
description: Ett fientligt testfall.
last_reviewed: 2026-01-02
sources: []
translation:
  source_hash: {hash}
---

# Fall { #case }

"""
EN_HEADER = """\
---
title: Case
description: A hostile test case.
last_reviewed: 2026-01-02
sources: []
---

# Case { #case }

"""
assert SV_HEADER.count("\n") == 11 and EN_HEADER.count("\n") == 9

# Contributions the source checks should reject but currently do not (or report imprecisely).
KNOWN_BUGS: dict[str, str] = {}  # case file -> bug description (expected failure); none open


def expectations(path: Path) -> list[str]:
    rx = EXPECT_MD if path.suffix == ".md" else EXPECT_YML
    out = []
    for line in path.read_bytes().decode("utf-8", "replace").split("\n"):
        m = rx.match(line)
        if not m:
            break
        out.append(m.group(1))
    assert out, f"{path.name} does not start with an expect line"
    return out


def install(site, case: Path, expected: list[str]) -> str | None:
    """Put the case into the fixture site; return the Markdown page path it became, if any."""
    if case.suffix == ".yml":
        target = "data/glossary.yml" if expected == ["nothing"] else expected[0].split(":")[0]
        assert re.fullmatch(r"data/[a-z]+\.yml", target), target
        site.write(target, case.read_bytes())
        return None
    text = case.read_text(encoding="utf-8")
    payload = text.split("\n", len(expected))[-1]
    if expected == ["nothing"]:  # the same text in both languages: it must be accepted as it is
        en = EN_HEADER + text
        site.add_page("case.md", en, SV_HEADER + text)
        return "case.md"
    lang = expected[0].split("/")[1]
    assert lang in ("en", "sv") and expected[0].startswith(f"docs/{lang}/case.md")
    if payload.startswith("---\n"):  # a whole page (front matter cases): installed without the expect lines
        page = payload
    else:
        page = (EN_HEADER if lang == "en" else SV_HEADER) + text
    if lang == "sv":
        site.add_page("case.md", EN_HEADER, page)
    else:
        site.write("docs/en/case.md", page)
        site.write("docs/sv/case.md", SV_HEADER.replace("{hash}", freshness.fingerprint(page)))
        site.log_change("case.md")
    return "case.md"


def case_params():
    out = []
    for case in sorted(CASES.iterdir()):
        if case.suffix not in (".md", ".yml") or case.name == "README.md":
            continue
        marks = (
            [pytest.mark.xfail(reason=f"BUG: {KNOWN_BUGS[case.name]}", strict=True)] if case.name in KNOWN_BUGS else []
        )
        out.append(pytest.param(case, id=case.name, marks=marks))
    return out


def test_corpus_size():
    assert len([c for c in case_params() if not c.marks]) >= 25
    assert set(KNOWN_BUGS) <= {c.name for c in CASES.iterdir()}


@pytest.mark.parametrize("case", [p for p in case_params() if expectations(p.values[0]) != ["nothing"]])
def test_hostile_case_is_rejected(tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)  # a command that ran would leave its file here
    site = make_site(tmp_path / "site")
    expected = expectations(case)
    install(site, case, expected)
    problems = site.check()
    assert problems, "check_site accepted the contribution (the build would pass)"
    reported = [str(p).split("\n  Fix: ")[0] for p in problems]
    for exp in expected:
        assert exp in reported
    assert all(p.fix for p in problems)
    assert not list(tmp_path.glob("pwned*"))


INERT = [p for p in case_params() if expectations(p.values[0]) == ["nothing"]]


@pytest.mark.parametrize("case", INERT)
def test_inert_case_is_accepted(tmp_path, case):
    site = make_site(tmp_path)
    path = install(site, case, ["nothing"])
    assert site.check() == []
    if path:
        for lang in ("en", "sv"):
            page = pagemod.read(site.docs, lang, path, site.root)
            assert lint.check_page(page) == []


def test_jinja_in_markdown_stays_text(tmp_path):
    site = make_site(tmp_path)
    install(site, CASES / "jinja-expression.md", ["nothing"])
    page = pagemod.read(site.docs, "sv", "case.md", site.root)
    d = datamod.load(site.root)
    renderer = render.Renderer(PROJECT / "templates", {"ui": d.ui})
    out = render.expand(page.body, "case.md", "sv", page.file, renderer, line_offset=page.body_line - 1)
    assert out == page.body
    assert "{{ 7*7 }}" in out and "{{ ''.__class__.__mro__ }}" in out and "{% for x in range(10**9) %}" in out


def test_jinja_in_data_value_stays_text(tmp_path):
    site = make_site(tmp_path)
    install(site, CASES / "data-value-jinja.yml", ["nothing"])
    d = datamod.load(site.root)
    renderer = render.Renderer(PROJECT / "templates", {"glossary": d.glossary, "sources": d.sources, "ui": d.ui})
    en = renderer.render("glossary", "glossary.md", "en", "docs/en/glossary.md", 10)
    sv = renderer.render("glossary", "glossary.md", "sv", "docs/sv/glossary.md", 10)
    # the glossary is a definition list: the term in bold, its definition after ":"
    assert "**President \\{\\{ ''.\\_\\_class\\_\\_.\\_\\_mro\\_\\_ \\}\\}**" in en
    assert (
        "\\{\\{ ''.\\_\\_class\\_\\_.\\_\\_mro\\_\\_\\[1\\].\\_\\_subclasses\\_\\_() \\}\\} "
        "\\{% for x in range(10\\*\\*9) %\\}x\\{% endfor %\\}"
    ) in en
    assert (
        "\\{\\{ lipsum.\\_\\_globals\\_\\_ \\}\\} &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1))"
    ) in sv
    for out in (en, sv):
        assert "<class" not in out and "<script>" not in out and "[x](javascript:" not in out
