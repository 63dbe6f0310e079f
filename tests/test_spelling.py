"""Spelling of the rendered text of every page, per language (hunspell + reviewed word lists)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from projectkit import ROOT

from sesguide import spelling


@pytest.fixture(scope="module", autouse=True)
def needs_hunspell():
    if not shutil.which("hunspell") or not Path("/usr/share/hunspell/sv_SE.dic").exists():
        pytest.fail(
            "hunspell with the en_US and sv_SE dictionaries is required: "
            "sudo apt-get install hunspell hunspell-en-us hunspell-sv (or run `make test` as root)"
        )


def test_site_has_no_unknown_words(site):
    problems = spelling.check_site(ROOT, site, ROOT / "docs")
    assert [str(p) for p in problems] == []


def test_word_lists_are_sorted_and_unique():
    assert spelling.check_word_lists(ROOT) == []


def _fixture(tmp_path: Path, sv_html: str) -> Path:
    root = tmp_path
    (root / "data" / "spelling").mkdir(parents=True)
    for lang in ("en", "sv"):
        (root / "data" / "spelling" / f"{lang}.txt").write_text("", encoding="utf-8")
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "page.md").write_text("# x\n", encoding="utf-8")
    (root / "site" / "page").mkdir(parents=True)
    (root / "site" / "page" / "index.html").write_text(
        '<html lang="en"><body><nav>Navigaton</nav><article><p>The review board meets weekly.</p>'
        "<pre><code>notaword_in_code</code></pre></article></body></html>",
        encoding="utf-8",
    )
    (root / "site" / "sv" / "page").mkdir(parents=True)
    (root / "site" / "sv" / "page" / "index.html").write_text(sv_html, encoding="utf-8")
    return root


def test_misspelled_swedish_word_fails_with_page_and_word(tmp_path):
    root = _fixture(
        tmp_path,
        '<html lang="sv"><body><article><p>Nämnden sammanträder varje veckka.</p>'
        '<p lang="en">The board meets weekly.</p></article></body></html>',
    )
    problems = [str(p) for p in spelling.check_site(root, root / "site", root / "docs")]
    assert len(problems) == 1
    assert problems[0].startswith("docs/sv/page.md: unknown sv word 'veckka'")


def test_language_of_each_text_run_is_respected(tmp_path):
    """English inside lang="en" on a Swedish page is checked in English, not flagged as Swedish."""
    root = _fixture(
        tmp_path,
        '<html lang="sv"><body><article><p>Nämnden sammanträder varje vecka.</p>'
        '<p lang="en">The board meets weekly.</p></article></body></html>',
    )
    assert spelling.check_site(root, root / "site", root / "docs") == []


def test_reviewed_word_list_accepts_a_listed_word(tmp_path):
    root = _fixture(
        tmp_path, '<html lang="sv"><body><article><p>Nämnden sammanträder hos FedWeek.</p></article></body></html>'
    )
    assert [p.message for p in spelling.check_site(root, root / "site", root / "docs")] == ["unknown sv word 'FedWeek'"]
    (root / "data" / "spelling" / "sv.txt").write_text("FedWeek\n", encoding="utf-8")
    assert spelling.check_site(root, root / "site", root / "docs") == []
