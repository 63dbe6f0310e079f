"""URLs and languages: where each language's pages are published and how pages link to each other.

Built on the LANGUAGES table (sesguide/__init__.py). The default language is published at the site
root, every other language under ``<code>/``. Every page URL, language prefix, canonical address and
"the other language" in the core comes from here.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import DEFAULT_LANGUAGE, LANGUAGES
from .problems import Problem, ProblemsFound

# The language whose pages are written first; translations follow it.
SOURCE_LANGUAGE = DEFAULT_LANGUAGE


def prefix(lang: str) -> str:
    """Path of a language's root below the site root: '' for the default language, else 'sv/'."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def lang_of(site_path: str) -> str:
    """The language of a site-relative path ('sv/ecqs/' -> 'sv'; 'ecqs/' -> the default language)."""
    for code in LANGUAGES:
        lead = prefix(code)
        if lead and (site_path.startswith(lead) or site_path == lead.rstrip("/")):
            return code
    return DEFAULT_LANGUAGE


def other(lang: str) -> str:
    """The other language of a two-language site (the language switch's target)."""
    (twin,) = (code for code in LANGUAGES if code != lang)
    return twin


# The language translated from the source language (its pages carry translation fingerprints).
TRANSLATED_LANGUAGE = other(SOURCE_LANGUAGE)


def page_url(path: str) -> str:
    """Site-relative URL of a page within its language root: ecqs/index.md -> ecqs/."""
    p = path[:-3] if path.endswith(".md") else path
    if p == "index":
        return ""
    if p.endswith("/index"):
        return p[: -len("index")]
    return p + "/"


def lang_page_url(path: str, lang: str) -> str:
    """URL of a page relative to the site root, with its language prefix: sv/ecqs/."""
    return prefix(lang) + page_url(path)


def lang_root(site_url: str, lang: str) -> str:
    """Absolute (or root-relative, given a path) root of one language: site_url + prefix."""
    return site_url + prefix(lang)


def canonical(site_url: str, path: str, lang: str) -> str:
    """The public address of a page in one language (site_url is the default language's root)."""
    return site_url + lang_page_url(path, lang)


def page_urls(site_url: str, path: str) -> dict[str, str]:
    """{lang: canonical address} of a page, for every language."""
    return {lang: canonical(site_url, path, lang) for lang in LANGUAGES}


def twin_prefix(lang: str) -> str:
    """Relative path from a language's root to the other language's root: 'sv/' or '../'."""
    return "../" * prefix(lang).count("/") + prefix(other(lang))


def relative(from_page: str, to_page: str) -> str:
    """Relative link between two page paths of one language (the .md paths Markdown links use)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def base_site_url(configured: str | None) -> str:
    """The default language's public root, absolute and ending in '/'."""
    url = configured or ""
    if not url.startswith(("https://", "http://")):
        raise ProblemsFound(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    f"site_url '{url}' is not an absolute http(s) address",
                    "Set site_url in mkdocs.yml (or the SITE_URL environment variable), e.g. "
                    "https://example.org/ses-guide/",
                )
            ],
            "The site configuration has problems",
        )
    return url if url.endswith("/") else url + "/"


def site_path(site_url: str) -> str:
    """The path part of site_url ('/' or '/ses-guide/'), for links that must work on any host."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: custom tags come back as (tag, value)."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        return ("!" + suffix, loader.construct_sequence(node))
    if isinstance(node, yaml.ScalarNode):
        return ("!" + suffix, loader.construct_scalar(node))
    return ("!" + suffix, None)


_ConfigLoader.add_multi_constructor("!", _tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def configured_site_url(root: Path, config: str = "mkdocs.yml") -> str | None:
    """site_url as the MkDocs configuration gives it when no SITE_URL is set: the plain value, or
    the default of `!ENV [SITE_URL, default]` (the environment is the caller's, see BuildOptions)."""
    value = yaml.load((root / config).read_text(encoding="utf-8"), Loader=_ConfigLoader).get("site_url")  # noqa: S506
    if isinstance(value, tuple) and value[0] == "!ENV":
        names = value[1] if isinstance(value[1], list) else [value[1]]
        return names[-1] if len(names) > 1 else None
    return value if isinstance(value, str) else None
