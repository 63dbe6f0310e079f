"""urls: every published address and language prefix comes from the LANGUAGES table."""

import pytest

from sesguide import urls
from sesguide.problems import ProblemsFound

SITE = "https://example.org/guide/"


@pytest.mark.parametrize(
    "path, url",
    [
        ("index.md", ""),
        ("qrb.md", "qrb/"),
        ("ecqs/index.md", "ecqs/"),
        ("ecqs/2006/leading-change.md", "ecqs/2006/leading-change/"),
    ],
)
def test_page_url(path, url):
    assert urls.page_url(path) == url


def test_default_language_at_the_root_other_under_its_code():
    assert urls.prefix("en") == "" and urls.prefix("sv") == "sv/"
    assert urls.lang_page_url("ecqs/index.md", "sv") == "sv/ecqs/"
    assert urls.canonical(SITE, "qrb.md", "en") == SITE + "qrb/"
    assert urls.page_urls(SITE, "index.md") == {"en": SITE, "sv": SITE + "sv/"}


def test_other_language_and_the_relative_way_there():
    assert (urls.other("en"), urls.other("sv")) == ("sv", "en")
    assert (urls.twin_prefix("en"), urls.twin_prefix("sv")) == ("sv/", "../")
    assert (urls.SOURCE_LANGUAGE, urls.TRANSLATED_LANGUAGE) == ("en", "sv")


@pytest.mark.parametrize(
    "path, lang", [("sv/ecqs/", "sv"), ("sv", "sv"), ("ecqs/", "en"), ("", "en"), ("svenska/", "en")]
)
def test_lang_of(path, lang):
    assert urls.lang_of(path) == lang


def test_relative_link_between_pages():
    assert urls.relative("ecqs/leading-people.md", "sources.md") == "../sources.md"
    assert urls.relative("qrb.md", "ecqs/index.md") == "ecqs/index.md"


def test_site_url_must_be_absolute(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert urls.base_site_url("https://example.org/guide") == SITE
    with pytest.raises(ProblemsFound) as exc:
        urls.base_site_url("example.org")
    assert "site_url 'example.org'" in exc.value.report()


@pytest.mark.parametrize(
    "line, expected",
    [
        ('site_url: !ENV [SITE_URL, "https://example.org/guide/"]', "https://example.org/guide/"),
        ("site_url: https://example.org/plain/", "https://example.org/plain/"),
        ("site_url: !ENV SITE_URL", None),
        ("site_name: x", None),
    ],
)
def test_configured_site_url_reads_the_default_without_the_environment(tmp_path, monkeypatch, line, expected):
    monkeypatch.setenv("SITE_URL", "https://from-the-environment.example/")
    (tmp_path / "mkdocs.yml").write_text(
        f"{line}\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    assert urls.configured_site_url(tmp_path) == expected
