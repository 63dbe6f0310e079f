"""State of one language build: data, checks, and the Markdown/HTML transformations per page.

Created by the MkDocs hook in on_config (one per MkDocs run) but free of MkDocs imports: it takes
and returns plain strings, dicts and lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import rjsmin

from . import LANGUAGES, changes, check, freshness, numbers, redirects, termbase
from . import data as datamod
from . import pages as pagemod
from .options import BuildOptions
from .problems import Problem, ProblemsFound
from .render import Renderer, expand
from .urls import (
    LOCALES,
    SOURCE_LANGUAGE,
    TRANSLATED_LANGUAGE,
    base_site_url,
    canonical,
    lang_root,
    other,
    prefix,
    twin_prefix,
)


@dataclass
class BuildState:
    root: Path
    docs: Path
    lang: str
    site_url: str  # the English root, absolute, ending in /
    data: datamod.SiteData
    renderer: Renderer
    status: dict
    titles: dict
    redirect_map: redirects.Redirects
    options: BuildOptions = field(default_factory=BuildOptions)
    checked: bool = False
    _pages: dict = field(default_factory=dict)

    @classmethod
    def start(
        cls, root: Path, docs: Path, lang: str | None, configured_url: str | None, options: BuildOptions | None = None
    ) -> BuildState:
        if lang not in LANGUAGES:
            raise ProblemsFound(
                [
                    Problem(
                        "mkdocs.yml",
                        None,
                        "each language is built on its own, but BUILD_ONLY_LOCALE is not set to en or sv",
                        "Use `make build` for the whole site, or `make serve-en` / `make serve-sv` "
                        "(BUILD_ONLY_LOCALE=en|sv mkdocs serve) for a one-language preview.",
                    )
                ],
                "The build cannot start",
            )
        options = options or BuildOptions()
        site_url = base_site_url(options.site_url or configured_url)
        # The parent build checked these exact sources (same digest): no second check, no second
        # schema validation of data/ in this process.
        checked = bool(options.checked_digest) and options.checked_digest == check.sources_digest(root, docs)
        data = datamod.load(root, validated=checked)
        status = {s.path: s for s in freshness.all_status(root, docs)}
        titles, sections = {}, {}
        for title_lang in (other(lang), lang):  # own language wins
            for path in pagemod.list_pages(docs, title_lang):
                parsed = pagemod.read(docs, title_lang, path, root)
                titles[path] = str(parsed.meta.get("title", path))
                sections[path] = {h.id: h.text for h in parsed.headings if h.id}
        redirect_map = redirects.load(root)
        by_id = {q["id"]: q for q in data.qualifications}
        context = {
            "registry": sorted(data.qualifications, key=lambda q: (q["framework"], q["order"])),
            "by_id": by_id,
            "by_page": data.qualification_by_page(),
            "pay": data.pay,
            "glossary": data.glossary,
            "sources": data.sources,
            "ui": data.ui,
            "publishers": data.publishers,
            "ses_size": data.ses_size,
            "process": data.process,
            "status": sorted(status.values(), key=lambda s: s.path),
            "titles": titles,
            "changes": data.changes,
            "sections": sections,
        }
        return cls(
            root,
            docs,
            lang,
            site_url,
            data,
            Renderer(root / "templates", context),
            status,
            titles,
            redirect_map,
            options,
            checked,
        )

    # -- configuration ---------------------------------------------------------------------------
    @property
    def other_lang(self) -> str:
        return other(self.lang)

    @property
    def site_path(self) -> str:
        """The path part of site_url ('/' or '/ses-guide/'), for links that must work on any host."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def lang_site_url(self) -> str:
        return lang_root(self.site_url, self.lang)

    def text(self, key: str) -> str:
        return self.data.text(key, self.lang)

    def template_info(self) -> dict:
        return {
            "lang": self.lang,
            "other_lang": self.other_lang,
            "site_url": self.site_url,
            # absolute: only for canonical/hreflang metadata, which must name the public host
            "lang_root": {code: lang_root(self.site_url, code) for code in LANGUAGES},
            # root-relative, like every other internal link: right on the host and in a local preview
            "lang_path": {code: lang_root(self.site_path, code) for code in LANGUAGES},
            # from this language's root to the other language's root (relative)
            "twin_prefix": twin_prefix(self.lang),
            # OpenGraph locales (og:locale), e.g. en_US; og:locale:alternate lists the others
            "locale": {code: LOCALES[code] for code in LANGUAGES},
            "site_name": self.text("site_name"),
            "switch_label": self.text("language_switch"),
            "feed": changes.FEED,
            "feed_title": self.text("feed_title"),
            "switch_title": self.text("language_switch_label"),
            "not_found_other": self.text("not_found_other"),
            "not_found_title": self.text("not_found_title"),
            "table_label": self.text("table_label"),
            "not_found_home": self.text("not_found_home"),
            "not_found_closest": self.text("not_found_closest"),
            "not_found_key": self.text("not_found_key"),
            # Text for the reader script (sesguide.js): written on every page as a JSON data block.
            "reader": {k: self.text(k) for k in ("copy_link", "copy_done", "copy_failed")},
            "search": {k[len("search_") :]: self.text(k) for k in SEARCH_TEXT},
            "outdated": {
                k: self.data.text(k, TRANSLATED_LANGUAGE) for k in ("outdated_title", "outdated_body", "outdated_link")
            },
            "planner": self.planner_data(),
        }

    def planner_data(self) -> dict:
        """What the résumé planner script needs, in this language: its interface text (data/ui.yml,
        keys planner_*) and the current ECQs from the registry. overrides/main.html writes it as a
        JSON data block on the planner page only."""
        strings = {k[len("planner_") :]: v[self.lang] for k, v in self.data.ui.items() if k.startswith("planner_")}
        ecqs = [{"id": q["id"], "name": q["name"][self.lang]} for q in self.data.framework("ecq-2025")]
        return {"strings": strings, "ecqs": ecqs, "storage_key": "sesguide-planner-v1"}

    def label_palette(self, palette) -> None:
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
            option["toggle"]["name"] = self.text(key)

    def expand_nav(self, nav):
        """Replace `registry: <framework>` nav items with that framework's pages in registry order."""
        if isinstance(nav, list):
            out = []
            for item in nav:
                if isinstance(item, dict) and list(item) == ["registry"]:
                    fw = item["registry"]
                    entries = self.data.framework(fw)
                    if not entries:
                        raise ProblemsFound(
                            [
                                Problem(
                                    "mkdocs.yml",
                                    None,
                                    f"nav item 'registry: {fw}' names no framework in data/qualifications.yml",
                                    "Use ecq-2025, ecq-2006 or ptq-example.",
                                )
                            ],
                            "The site configuration has problems",
                        )
                    out += [q["page"] for q in entries]
                else:
                    out.append(self.expand_nav(item))
            return out
        if isinstance(nav, dict):
            return {k: self.expand_nav(v) for k, v in nav.items()}
        return nav

    # -- checks ----------------------------------------------------------------------------------
    def check_sources(self) -> None:
        """Run the source checks once per MkDocs run. `python -m sesguide build` checks the sources
        itself first and passes their digest (options.checked_digest); when the files are still
        exactly what it checked, the per-language processes do not check them again."""
        if self.checked:
            return
        self.checked = True
        problems = check.check_site(self.root, self.docs, self.data)
        if problems:
            raise ProblemsFound(problems, "The site sources have problems")

    # -- per page --------------------------------------------------------------------------------
    def _path(self, src_uri: str) -> str:
        prefix = self.lang + "/"
        return src_uri[len(prefix) :] if src_uri.startswith(prefix) else src_uri

    def _page(self, path: str) -> pagemod.Page:
        if path not in self._pages:
            self._pages[path] = pagemod.read(self.docs, self.lang, path, self.root)
        return self._pages[path]

    def canonical(self, path: str, lang: str | None = None) -> str:
        lang = lang or self.lang
        return canonical(self.site_url, path, lang)

    def page_markdown(self, markdown: str, src_uri: str, meta: dict) -> str:
        path = self._path(src_uri)
        page = self._page(path)
        offset = page.body_line - 1
        body = expand(markdown, path, self.lang, page.file, self.renderer, line_offset=offset)
        footer = self.renderer.render_named(
            "page-meta.md.j2",
            path,
            self.lang,
            page.file,
            {
                "meta": meta,
                "canonical": self.canonical(path),
                "page_changes": changes.for_page(self.data.changes, path),
            },
        )
        st = self.status.get(path)
        if self.lang == TRANSLATED_LANGUAGE and st is not None and st.state == "outdated":
            meta["sesguide_outdated"] = {
                "date": st.english_changed or "",
                "english_url": self.canonical(path, SOURCE_LANGUAGE),
            }
        text = "\n".join([body.rstrip("\n"), "", footer.rstrip("\n")])
        return "\n".join([text, "", termbase.abbreviations(self.data.glossary, self.lang, text), ""])

    def post_build(self, site_dir: str) -> None:
        """Minify our own assets and (in `python -m sesguide build`, which sets options.html_check)
        check the built HTML of this language here, in parallel with the other language. Previews
        skip the check: nothing is published."""
        from . import htmlcheck

        minify_own_assets(Path(site_dir))
        if self.lang == "sv":
            # Whole files, so headings in the table of contents and the page title are covered too.
            for f in Path(site_dir).rglob("*.html"):
                html = f.read_text(encoding="utf-8")
                joined = numbers.keep_numbers_together(html)
                if joined != html:
                    f.write_text(joined, encoding="utf-8")
        if self.options.html_check:
            problems = htmlcheck.check_site(
                Path(site_dir),
                htmlcheck.allowlist(self.root, self.options.collect_csp),
                set(),
                shown_prefix="site/" + prefix(self.lang),
            )
            if problems:
                raise ProblemsFound(problems, "The built pages failed the security check")

    def page_output(self, html: str, src_uri: str) -> str:
        """The whole built page: mark what the site search indexes (sesguide/search.py)."""
        from . import search

        return search.mark_page(html, self._path(src_uri))

    def page_html(self, html: str, src_uri: str) -> str:
        html = focusable_first_abbreviations(mark_bare_urls(html))
        return self.redirect_map.add_anchor_aliases(html, self._path(src_uri))


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
    "search_error",
)


def minify_own_assets(site_dir: Path) -> None:
    """Our stylesheet and script keep their explanatory comments in overrides/; readers get them
    without comments and indentation (about a kilobyte less on every first view)."""
    for rel in (
        "assets/stylesheets/sesguide.css",
        "assets/javascripts/sesguide.js",
        "assets/stylesheets/planner.css",
        "assets/javascripts/planner.js",
        "assets/stylesheets/sesguide-search.css",
        "assets/javascripts/sesguide-search.js",
    ):
        f = site_dir / rel
        if f.exists():  # the libraries keep strings and regular expressions intact, unlike a regex would
            minify = rcssmin.cssmin if f.suffix == ".css" else rjsmin.jsmin
            f.write_text(minify(f.read_text(encoding="utf-8")).strip() + "\n", encoding="utf-8")


_BARE_URL_RE = re.compile(r'<a href="(https?://[^"]+)">([^<]+)</a>')


def mark_bare_urls(html: str) -> str:
    """Links whose text is their own address (autolinks such as <https://...>) get the class
    sesguide-url: the print stylesheet prints the address after every other external link."""

    def sub(m):
        if m.group(2).strip() != m.group(1):
            return m.group(0)
        return f'<a href="{m.group(1)}" class="sesguide-url">{m.group(2)}</a>'

    return _BARE_URL_RE.sub(sub, html)


_ABBR_RE = re.compile(r"<abbr title=\"([^\"]*)\">([^<]+)</abbr>")
_LINK_RE = re.compile(r"<a\b[^>]*>.*?</a>", re.S)


def focusable_first_abbreviations(html: str) -> str:
    """Let keyboard users reach the explanation of each acronym: its first occurrence on the page
    takes focus (and shows the tooltip); later ones stay out of the tab order."""
    seen = set()
    links = [m.span() for m in _LINK_RE.finditer(html)]

    def sub(m):
        # Inside a link the link itself takes focus (and a focusable child of <a> is invalid HTML).
        if m.group(2) in seen or any(a <= m.start() < b for a, b in links):
            return m.group(0)
        seen.add(m.group(2))
        return f'<abbr title="{m.group(1)}" tabindex="0">{m.group(2)}</abbr>'

    return _ABBR_RE.sub(sub, html)
