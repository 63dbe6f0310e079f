"""freshness: fingerprints, page status, stamping, and the English diff outside git."""

import pytest

from sesguide import freshness
from sesguide import pages as pagemod
from sesguide.problems import ProblemsFound

EN = "---\ntitle: Pay\ndescription: About pay.\nlast_reviewed: 2026-01-02\nsources: [a]\n---\n\n# Pay { #pay }\n\nText.\n"


@pytest.mark.parametrize(
    "variant",
    [
        EN.replace("last_reviewed: 2026-01-02", "last_reviewed: 2027-05-06"),
        EN.replace("sources: [a]\n", "sources: [a]\ntranslation:\n  source_hash: ffff\n"),
        EN.replace("Text.\n", "Text.   \n"),
        EN.replace("# Pay { #pay }\n", "# Pay { #pay }\t\n"),
        EN.replace("\n", "\r\n"),
        EN + "\n\n\n",
        EN.replace("\n\nText.", "\n\n\n\nText."),
    ],
)
def test_fingerprint_ignores(variant):
    assert freshness.fingerprint(variant) == freshness.fingerprint(EN)


@pytest.mark.parametrize(
    "variant",
    [
        EN.replace("Text.", "Text!"),
        EN.replace("Text.", "Text. More."),
        EN.replace("title: Pay", "title: Salary"),
        EN.replace("description: About pay.", "description: About salary."),
        EN.replace("{ #pay }", "{ #salary }"),
        EN.replace("Text.", "  Text."),
    ],
)
def test_fingerprint_changes_with_english_text(variant):
    assert freshness.fingerprint(variant) != freshness.fingerprint(EN)


def test_fingerprint_form():
    fp = freshness.fingerprint(EN)
    assert len(fp) == 16 and all(c in "0123456789abcdef" for c in fp)


@pytest.mark.parametrize(
    "change, state",
    [
        (None, "current"),
        ("english", "outdated"),
        ("delete-sv", "missing"),
        ("unstamp", "unstamped"),
    ],
)
def test_page_status(site, change, state):
    recorded = freshness.fingerprint(site.read("docs/en/index.md"))
    if change == "english":
        site.edit("docs/en/index.md", "The SES had", "Then the SES had")
    elif change == "delete-sv":
        site.delete("docs/sv/index.md")
    elif change == "unstamp":
        site.edit("docs/sv/index.md", "translation:\n  source_hash: " + recorded + "\n", "")
    st = freshness.page_status(site.root, site.docs, "index.md", with_dates=False)
    current = freshness.fingerprint(site.read("docs/en/index.md"))
    assert (st.path, st.state, st.current_hash) == ("index.md", state, current)
    assert st.recorded_hash == (recorded if change in (None, "english") else None)
    assert st.en_last_reviewed == "2026-01-02"
    assert st.sv_last_reviewed == (None if change == "delete-sv" else "2026-01-02")
    assert st.english_changed == "2026-01-02"


def test_page_status_outside_git_falls_back_to_last_reviewed(site):
    site.edit("docs/en/index.md", "last_reviewed: 2026-01-02", "last_reviewed: 2026-03-04")
    st = freshness.page_status(site.root, site.docs, "index.md", with_dates=True)
    assert (st.state, st.english_changed, st.en_last_reviewed) == ("current", "2026-03-04", "2026-03-04")


def test_all_status_lists_english_pages(site):
    site.delete("docs/sv/ecqs/driving-efficiency.md")
    site.write("docs/sv/only-sv.md", "---\ntitle: x\n---\n")
    states = [(s.path, s.state) for s in freshness.all_status(site.root, site.docs, with_dates=False)]
    assert states == [
        ("ecqs/driving-efficiency.md", "missing"),
        ("ecqs/leading-people.md", "current"),
        ("index.md", "current"),
    ]


@pytest.mark.parametrize("start", ["outdated", "unstamped", "inline", "not-last"])
def test_stamp(site, start):
    sv = site.read("docs/sv/index.md")
    old_hash = freshness.recorded(pagemod.split_front_matter(sv, "x")[0])
    if start == "outdated":
        site.edit("docs/en/index.md", "The SES had", "Then the SES had")
    elif start == "unstamped":
        site.edit("docs/sv/index.md", f"translation:\n  source_hash: {old_hash}\n", "")
    elif start == "inline":
        site.edit(
            "docs/sv/index.md", f"translation:\n  source_hash: {old_hash}\n", "translation: {source_hash: ffff}\n"
        )
    elif start == "not-last":
        site.edit(
            "docs/sv/index.md",
            f"sources: [opm-memo]\ntranslation:\n  source_hash: {old_hash}\n",
            "translation:\n  source_hash: ffff\nsources: [opm-memo]\n",
        )
    before = freshness.page_status(site.root, site.docs, "index.md", with_dates=False).state
    assert before == ("unstamped" if start == "unstamped" else "outdated")
    value = freshness.stamp(site.root, site.docs, "index.md")
    assert value == freshness.fingerprint(site.read("docs/en/index.md"))
    st = freshness.page_status(site.root, site.docs, "index.md", with_dates=False)
    assert (st.state, st.recorded_hash) == ("current", value)
    text = site.read("docs/sv/index.md")
    meta, lines, body, _ = pagemod.split_front_matter(text, "docs/sv/index.md")
    assert meta == {
        "title": "Start",
        "description": "Vad testwebbplatsen handlar om.",
        "last_reviewed": "2026-01-02",
        "sources": ["opm-memo"],
        "translation": {"source_hash": value},
    }
    assert body == sv[sv.index("\n# Start") :]
    assert text.count("translation:") == 1
    assert site.check() == []


def test_stamp_page_without_front_matter(site):
    site.write("docs/sv/bare.md", "# Bar { #bar }\n")
    site.write("docs/en/bare.md", "# Bare { #bar }\n")
    value = freshness.stamp(site.root, site.docs, "bare.md")
    assert site.read("docs/sv/bare.md") == f"---\ntranslation:\n  source_hash: {value}\n---\n\n# Bar {{ #bar }}\n"


def test_stamp_is_idempotent(site):
    before = site.read("docs/sv/index.md")
    freshness.stamp(site.root, site.docs, "index.md")
    assert site.read("docs/sv/index.md") == before


@pytest.mark.parametrize(
    "missing, shown, fix",
    [
        ("en", "docs/en/new.md: the page does not exist", "Give the path below docs/en and docs/sv"),
        ("sv", "docs/sv/new.md: the page does not exist", "Translate it first, then stamp it."),
    ],
)
def test_stamp_missing_page(site, missing, shown, fix):
    site.write(f"docs/{'sv' if missing == 'en' else 'en'}/new.md", "# New { #new }\n")
    with pytest.raises(ProblemsFound) as exc:
        freshness.stamp(site.root, site.docs, "new.md")
    (problem,) = exc.value.problems
    assert str(problem).startswith(shown) and fix in problem.fix


def test_missing_fingerprints_problem(site):
    page = pagemod.parse("---\ntitle: x\ntranslation: {}\n---\n", "sv", "a/b.md", "docs/sv/a/b.md")
    (p,) = freshness.missing_fingerprints([page])
    assert (p.path, p.line, p.message, p.fix) == (
        "docs/sv/a/b.md",
        3,
        "no translation fingerprint (translation.source_hash) in the front matter",
        "After translating, run: make translation-stamp PAGE=a/b.md",
    )


@pytest.mark.parametrize("recorded", [None, "0123456789abcdef"])
def test_english_diff_outside_git(site, recorded):
    how, text = freshness.english_diff(site.root, site.docs, "index.md", recorded)
    assert (how, text) == ("current", site.read("docs/en/index.md"))
