"""Every citation resolves: the source check's address rules, with the exact problems they report,
and the same rules over the project's real data."""

from pathlib import Path

from ses_sitekit import lineno

from sesguide import check, citations
from sesguide import data as datamod

ROOT = Path(__file__).resolve().parents[2]
UNCITED_2025 = """\
  - id: uncited-2025
    title: A 2025 summary nobody cites
    publisher: Example
    date: "2025-03"
    no_address:
      en: "Blog post of March 2025. Its address was not kept."
      sv: "Blogginlägg från mars 2025. Dess adress sparades inte."
    kind: secondary
"""


def messages(site):
    return [str(p) for p in site.check()]


def test_cited_2025_source_without_address_fails_with_exact_message(site):
    text = site.edit(
        "data/sources.yml",
        "    url: https://www.resume-place.com/\n",
        '    no_address:\n      en: "Page of June 2025; address not kept."\n'
        '      sv: "Sida från juni 2025; adressen sparades inte."\n',
    )
    line = lineno(text, "- id: resume-place")
    assert messages(site) == [
        f"data/sources.yml:{line}: resume-place: dated 2025-06 and cited by data/pay.yml, data/qualifications.yml, "
        "docs/en/ecqs/leading-people.md and 1 more, but has no public address; a source cited for a rule "
        "from 2025 or later must have one\n"
        "  Fix: In data/sources.yml, under `- id: resume-place`, add `url:` with a public https:// address: the "
        "original; or a stable official copy (https://www.federalregister.gov/d/<FR doc number>, "
        "https://www.govinfo.gov/link/..., https://www.ecfr.gov/current/title-5/..., "
        "https://www.law.cornell.edu/uscode/text/5/<section>, opm.gov, chcoc.gov); or an archived copy "
        "(https://web.archive.org/web/<timestamp>/<original address>). If no public copy exists, cite a source "
        "that has one instead; `no_address` is not accepted for these sources."
    ]


def test_source_without_address_or_reason_fails(site):
    text = site.edit("data/sources.yml", "    url: https://www.resume-place.com/\n", "")
    line = lineno(text, "- id: resume-place")
    got = messages(site)
    assert len(got) == 1 and got[0].startswith(f"data/sources.yml:{line}: resume-place: dated 2025-06 and cited by")


def test_uncited_source_needs_a_reason_not_an_address(site):
    site.write("data/sources.yml", site.read("data/sources.yml") + UNCITED_2025)
    assert messages(site) == []
    text = site.edit(
        "data/sources.yml",
        '    no_address:\n      en: "Blog post of March 2025. Its address was not kept."\n'
        '      sv: "Blogginlägg från mars 2025. Dess adress sparades inte."\n',
        "",
    )
    line = lineno(text, "- id: uncited-2025")
    assert messages(site) == [
        f"data/sources.yml:{line}: uncited-2025: has neither a public address (`url`) nor a reason why not\n"
        "  Fix: Under `- id: uncited-2025`, add `url:` with a public https:// address: the original; or a stable "
        "official copy (https://www.federalregister.gov/d/<FR doc number>, https://www.govinfo.gov/link/..., "
        "https://www.ecfr.gov/current/title-5/..., https://www.law.cornell.edu/uscode/text/5/<section>, opm.gov, "
        "chcoc.gov); or an archived copy (https://web.archive.org/web/<timestamp>/<original address>); or, only if "
        "no public copy exists, add `no_address: {en: ..., sv: ...}` saying precisely what the document is (title, "
        "date, number, publisher) and why it has no address."
    ]


def test_address_and_reason_together_fail(site):
    text = site.edit(
        "data/sources.yml",
        "    url: https://www.opm.gov/chcoc/\n",
        '    url: https://www.opm.gov/chcoc/\n    no_address: {en: "x", sv: "y"}\n',
    )
    line = lineno(text, "- id: opm-memo")
    assert messages(site) == [
        f"data/sources.yml:{line}: opm-memo: has both `url` and `no_address`\n"
        "  Fix: Remove `no_address`: the source has an address."
    ]


def test_no_address_needs_both_languages(site):
    site.write(
        "data/sources.yml",
        site.read("data/sources.yml")
        + UNCITED_2025.replace('      sv: "Blogginlägg från mars 2025. Dess adress sparades inte."\n', ""),
    )
    got = messages(site)
    assert len(got) == 1 and "no_address" in got[0] and "sv" in got[0], got


def test_address_line_counts(site):
    assert citations.address_line(site.root) == (
        "sources: 2 of 2 have a public address (100.0 %); 0 give a reason instead (data/sources.yml `no_address`)"
    )


# -- the project's own register ----------------------------------------------------------------


def test_every_real_source_has_an_address_or_a_reason():
    site = datamod.load(ROOT)
    missing = [sid for sid, s in site.sources.items() if not s.get("url") and not s.get("no_address")]
    assert missing == []


def test_every_cited_real_source_from_2025_on_has_an_address():
    site = datamod.load(ROOT)
    pages, _, _ = check.load_pages(ROOT, ROOT / "docs")
    cited = citations.citing_places(site, pages)
    bad = [
        sid
        for sid in cited
        if not site.sources[sid].get("url") and (citations.source_year(site.sources[sid]) or 0) >= citations.RULE_YEAR
    ]
    assert bad == []
    assert citations.check_source_addresses(site, pages) == []


def test_reader_facing_source_text_has_no_internal_wording():
    """Notes and reasons are shown on the Sources page: no talk of the project's working files."""
    site = datamod.load(ROOT)
    internal = ("fact sheet", "faktablad", "not recorded", "noterades inte", "inte noterat", "seed")
    bad = [
        f"data/sources.yml: {sid}: {field}.{lang} says '{w}'"
        for sid, s in site.sources.items()
        for field in ("note", "no_address")
        for lang, text in (s.get(field) or {}).items()
        for w in internal
        if w in text.lower()
    ]
    assert bad == [], (
        "Write notes for readers: say what is known ('its date is not known'), not what "
        "the project's notes lack:\n" + "\n".join(bad)
    )


def test_publishers_list_must_name_a_real_publisher(site):
    site.write(
        "data/sources.yml",
        "publishers:\n  - en: The Resume Plaice\n    sv: Cv-firman\n" + site.read("data/sources.yml"),
    )
    got = messages(site)
    assert got == [
        "data/sources.yml:2: publishers: 'The Resume Plaice' is not the publisher of any source\n"
        "  Fix: Correct the text to match a source's `publisher` exactly, or remove the entry."
    ], got


def test_swedish_publisher_and_title_forms_reach_the_data(site):
    site.write(
        "data/sources.yml",
        "publishers:\n  - en: The Resume Place\n    sv: Cv-firman The Resume Place\n"
        + site.read("data/sources.yml").replace(
            "    title: The new ECQs\n", "    title: The new ECQs\n    title_sv: De nya ECQ:erna\n"
        ),
    )
    reg = datamod.load(site.root)
    assert reg.publishers == {"The Resume Place": "Cv-firman The Resume Place"}
    assert reg.sources["resume-place"]["title_sv"] == "De nya ECQ:erna"
