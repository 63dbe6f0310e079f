"""What the theme (Material's templates and our overrides/) is given by the core, per language.

The navigation expanded from the qualification registry, the colour-scheme toggles labelled in
the page's language, and ``config.extra.sesguide``: every text and address the templates print
(they hold no language literal of their own). Plain data in, plain data out; no MkDocs imports.
"""

from __future__ import annotations

from collections.abc import Callable

from . import changes
from . import data as datamod
from .locales import LOCALES
from .problems import Problem, ProblemsFound
from .urls import LANGUAGES, TRANSLATED_LANGUAGE, lang_root, other, site_path, twin_prefix

# Interface text of the search dialog (data/ui.yml), handed to its script as data attributes.
SEARCH_TEXT = (
    "search_label",
    "search_title",
    "search_placeholder",
    "search_hint",
    "search_loading",
    "search_none",
    "search_one",
    "search_many",
    "search_close",
    "search_more",
    "search_error",
)
# Plain labels the templates print (overrides/), each under its data/ui.yml key.
LABELS = (
    "not_found_other",
    "not_found_title",
    "table_label",
    "not_found_home",
    "not_found_closest",
    "not_found_key",
)


def template_info(data: datamod.SiteData, lang: str, site_url: str) -> dict:
    """``config.extra.sesguide``: what overrides/ prints for a page in `lang`."""

    def text(key: str) -> str:
        return data.text(key, lang)

    path = site_path(site_url)
    info = {
        "lang": lang,
        "other_lang": other(lang),
        "site_url": site_url,
        # absolute: only for canonical/hreflang metadata, which must name the public host
        "lang_root": {code: lang_root(site_url, code) for code in LANGUAGES},
        # root-relative, like every other internal link: right on the host and in a local preview
        "lang_path": {code: lang_root(path, code) for code in LANGUAGES},
        # from this language's root to the other language's root (relative)
        "twin_prefix": twin_prefix(lang),
        # OpenGraph locales (og:locale), e.g. en_US; og:locale:alternate lists the others
        "locale": {code: LOCALES[code] for code in LANGUAGES},
        "site_name": text("site_name"),
        "switch_label": text("language_switch"),
        "feed": changes.FEED,
        "feed_title": text("feed_title"),
        "switch_title": text("language_switch_label"),
    }
    info |= {key: text(key) for key in LABELS}
    info |= {
        # Text for the reader script (sesguide.js): written on every page as a JSON data block.
        "reader": {k: text(k) for k in ("copy_link", "copy_done", "copy_failed")},
        "search": {k[len("search_") :]: text(k) for k in SEARCH_TEXT},
        # The banner of an outdated translation is written in the translated language only.
        "outdated": {
            k: data.text(k, TRANSLATED_LANGUAGE) for k in ("outdated_title", "outdated_body", "outdated_link")
        },
        "planner": planner_data(data, lang),
    }
    return info


def planner_data(data: datamod.SiteData, lang: str) -> dict:
    """What the résumé planner script needs, in this language: its interface text (data/ui.yml,
    keys planner_*) and the current ECQs from the registry. overrides/main.html writes it as a
    JSON data block on the planner page only."""
    strings = {k[len("planner_") :]: v[lang] for k, v in data.ui.items() if k.startswith("planner_")}
    ecqs = [{"id": q["id"], "name": q["name"][lang]} for q in data.framework("ecq-2025")]
    return {"strings": strings, "ecqs": ecqs, "storage_key": "sesguide-planner-v1"}


def label_palette(palette, text: Callable[[str], str]) -> None:
    """Colour-scheme toggles labelled in the page's language. A toggle's label says what a click
    does, i.e. names the next option (Material cycles through them): the system setting
    (media "(prefers-color-scheme)"), the dark scheme ("slate") or the light one."""
    options = [o for o in palette if isinstance(o, dict)] if isinstance(palette, list) else []
    for i, option in enumerate(options):
        if not isinstance(option.get("toggle"), dict):
            continue
        nxt = options[(i + 1) % len(options)]
        key = (
            "palette_to_system"
            if nxt.get("media") == "(prefers-color-scheme)"
            else "palette_to_dark"
            if nxt.get("scheme") == "slate"
            else "palette_to_light"
        )
        option["toggle"]["name"] = text(key)


def _registry_pages(data: datamod.SiteData, framework: str) -> list[str]:
    entries = data.framework(framework)
    if not entries:
        raise ProblemsFound(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    f"nav item 'registry: {framework}' names no framework in data/qualifications.yml",
                    "Use ecq-2025, ecq-2006 or ptq-example.",
                )
            ],
            "The site configuration has problems",
        )
    return [q["page"] for q in entries]


def expand_nav(nav, data: datamod.SiteData):
    """Replace `registry: <framework>` nav items with that framework's pages in registry order."""
    if isinstance(nav, list):
        out = []
        for item in nav:
            if isinstance(item, dict) and list(item) == ["registry"]:
                out += _registry_pages(data, item["registry"])
            else:
                out.append(expand_nav(item, data))
        return out
    if isinstance(nav, dict):
        return {k: expand_nav(v, data) for k, v in nav.items()}
    return nav
