"""The change log (data/changes.yml): its form, its references, and the rule that keeps it honest."""

from __future__ import annotations

import pytest
from ses_sitekit import lineno, make_site

from sesguide import changes, feeds

ENTRY = """\
  - id: pay-fix
    date: "2026-01-03"
    kind: correction
    pages: [index.md#pay]
    summary:
      en: "Fixed."
      sv: "Rättat."
    sources: [opm-memo]
"""


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path)


def add_entry(site, text: str = ENTRY) -> None:
    site.write("data/changes.yml", site.read("data/changes.yml") + text)


def found(site):
    return [(p.path, p.line, p.message) for p in site.check()]


def test_the_fixture_site_is_clean(site):
    assert site.check() == []


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('date: "2026-01-03"', 'date: "2026-13-03"', "changes[1].date: '2026-13-03' has the wrong form"),
        ('date: "2026-01-03"', 'date: "2026-02-30"', "pay-fix: '2026-02-30' is not a real date"),
        (
            "kind: correction",
            "kind: typo",
            "changes[1].kind: 'typo' is not one of rule-change, correction, new-content, clarification",
        ),
        ('      sv: "Rättat."\n', "", "changes[1].summary: missing required field 'sv'"),
        ("pages: [index.md#pay]", "pages: []", "changes[1].pages: needs at least 1 item(s)"),
        ("pages: [index.md#pay]", "pages: [../index.md]", "changes[1].pages[0]: '../index.md' has the wrong form"),
        ("    sources: [opm-memo]\n", "    sources: [opm-memo]\n    author: x\n", "changes[1].author: unknown field"),
    ],
)
def test_malformed_entries_are_named_with_file_and_line(site, old, new, message):
    add_entry(site, ENTRY.replace(old, new))
    got = found(site)
    assert len(got) == 1 and got[0][0] == "data/changes.yml", got
    assert got[0][2].startswith(message), got
    assert got[0][1] is not None and got[0][1] >= lineno(site.read("data/changes.yml"), "id: pay-fix")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("pages: [index.md#pay]", "pages: [pay.md]", "pay-fix: page 'pay.md' does not exist"),
        ("pages: [index.md#pay]", "pages: [index.md#nowhere]", "pay-fix: 'index.md' has no heading '#nowhere'"),
        ("sources: [opm-memo]", "sources: [no-such-source]", "pay-fix: unknown source ID 'no-such-source'"),
        ('date: "2026-01-03"', 'date: "2999-01-01"', "pay-fix: the date 2999-01-01 is in the future"),
    ],
)
def test_entries_must_name_real_pages_anchors_and_sources(site, old, new, message):
    add_entry(site, ENTRY.replace(old, new))
    line = lineno(site.read("data/changes.yml"), "id: pay-fix")
    assert found(site) == [("data/changes.yml", line, message)]


def test_an_id_is_used_once(site):
    add_entry(site, ENTRY.replace("id: pay-fix", "id: first-edition"))
    assert [m for _, _, m in found(site)] == ["change ID 'first-edition' is used twice (first at line 2)"]


def test_missing_change_log_names_the_file(site):
    site.delete("data/changes.yml")
    assert ("data/changes.yml", None, "file is missing") in found(site)


def test_moving_last_reviewed_needs_an_entry_on_that_date(site):
    site.edit("docs/en/index.md", "last_reviewed: 2026-01-02", "last_reviewed: 2026-01-05")
    line = lineno(site.read("docs/en/index.md"), "last_reviewed")
    problems = site.check()
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("docs/en/index.md", line, "last_reviewed 2026-01-05 has no entry in data/changes.yml for index.md")
    ]
    assert 'date: "2026-01-05", pages: [index.md]' in problems[0].fix
    add_entry(site, ENTRY.replace("2026-01-03", "2026-01-05"))
    assert site.check() == []


def test_a_change_of_meaning_since_the_translation_needs_an_entry(site):
    """Translated on January 3; then the English is edited and the Swedish left outdated (not
    re-stamped) with the review date unchanged: the log has nothing since the translation."""
    site.edit("docs/sv/index.md", "last_reviewed: 2026-01-02", "last_reviewed: 2026-01-03")
    site.edit("docs/en/index.md", "\n## ", "\nA new paragraph that changes what the page says.\n\n## ")
    problems = site.check()
    assert [(p.path, p.message) for p in problems] == [
        (
            "docs/en/index.md",
            "the English text changed after the Swedish translation of 2026-01-03, "
            "but data/changes.yml has no entry for index.md since then",
        )
    ]
    assert "make translation-stamp PAGE=index.md" in problems[0].fix


def test_the_change_of_meaning_passes_with_an_entry_and_a_new_review_date(site):
    site.edit("docs/sv/index.md", "last_reviewed: 2026-01-02", "last_reviewed: 2026-01-03")
    site.edit("docs/en/index.md", "\n## ", "\nA new paragraph that changes what the page says.\n\n## ")
    site.edit("docs/en/index.md", "last_reviewed: 2026-01-02", "last_reviewed: 2026-01-03")
    add_entry(site)
    assert site.check() == []


def test_a_typo_fix_needs_no_entry_when_the_translation_is_restamped(site):
    site.edit("docs/en/index.md", "\n## ", "\nA small fix.\n\n## ")
    site.stamp("index.md")
    assert site.check() == []


def test_entries_are_newest_first_and_keep_file_order_within_a_day(site):
    add_entry(site, ENTRY + ENTRY.replace("pay-fix", "second-fix"))
    ids = [e["id"] for e in changes.load(site.root)]
    assert ids == ["pay-fix", "second-fix", "first-edition"]


def test_for_page_lists_the_entries_and_their_anchors(site):
    add_entry(site)
    log = changes.load(site.root)
    assert [(e["id"], e["anchors"]) for e in changes.for_page(log, "index.md")] == [
        ("pay-fix", ["pay"]),
        ("first-edition", []),
    ]
    assert changes.for_page(log, "pay.md") == []


def test_feed_ids_do_not_depend_on_the_site_url(site):
    add_entry(site)
    log = changes.load(site.root)
    titles = {
        (lang, p): p
        for lang in ("en", "sv")
        for p in ("index.md", "ecqs/leading-people.md", "ecqs/driving-efficiency.md")
    }
    text = {
        "feed_title": "t",
        "feed_subtitle": "s",
        "site_name": "n",
        "change_correction": "Correction",
        "change_new-content": "New",
    }
    a = feeds.atom(log, "en", "https://a.example/", titles, text)
    b = feeds.atom(log, "en", "https://b.example/sub/", titles, text)
    ids = lambda x: [ln for ln in x.splitlines() if "<id>" in ln]  # noqa: E731
    assert ids(a) == ids(b) and "tag:ses-guide.github.io,2026:change:pay-fix:en" in a
    assert "https://b.example/sub/#pay" in b
    assert "<updated>2026-01-03T00:00:00Z</updated>" in a.split("<entry>")[0]


def test_moved_pages_and_renamed_headings_are_followed(site):
    """History is never rewritten: an entry naming a page or heading that has since moved (with a
    redirect in data/redirects.yml) points to where it is now."""
    add_entry(site)
    for lang in ("en", "sv"):
        site.edit(f"docs/{lang}/index.md", "{ #pay }", "{ #pay-range }")
    site.write("data/redirects.yml", "pages: {}\nanchors:\n  index.md:\n    pay: pay-range\n")
    site.stamp("index.md")
    assert site.check() == []
    entry = next(e for e in changes.load(site.root) if e["id"] == "pay-fix")
    assert entry["targets"] == [("index.md", "pay-range")]
