"""State of one language build: data, checks, and the Markdown/HTML transformations per page.

Created by the MkDocs hook in on_config (one per MkDocs run) but free of MkDocs imports: it takes
and returns plain strings, dicts and lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import LANGUAGES, changes, freshness, numbers, redirects, sourcefiles, termbase, theme
from . import data as datamod
from . import pages as pagemod
from .assets import minify_own_assets
from .locales import writing
from .options import BuildOptions
from .pagehtml import EXPLAIN_ONCE, explain_once, focusable_first_abbreviations, mark_bare_urls
from .problems import Problem, ProblemsFound
from .render import Renderer, expand
from .urls import SOURCE_LANGUAGE, TRANSLATED_LANGUAGE, base_site_url, canonical, lang_root, other, prefix

_NO_LANGUAGE = Problem(
    "mkdocs.yml",
    None,
    "each language is built on its own, but BUILD_ONLY_LOCALE is not set to en or sv",
    "Use `make build` for the whole site, or `make serve-en` / `make serve-sv` "
    "(BUILD_ONLY_LOCALE=en|sv mkdocs serve) for a one-language preview.",
)


def _titles_and_sections(root: Path, docs: Path, lang: str) -> tuple[dict, dict]:
    """{path: page title} and {path: {heading ID: heading text}} for links between pages: a page
    in this language, else its twin (so a missing translation still gets a name)."""
    titles, sections = {}, {}
    for title_lang in (other(lang), lang):  # own language wins
        for path in pagemod.list_pages(docs, title_lang):
            parsed = pagemod.read(docs, title_lang, path, root)
            titles[path] = str(parsed.meta.get("title", path))
            sections[path] = {h.id: h.text for h in parsed.headings if h.id}
    return titles, sections


def _template_context(data: datamod.SiteData, status: dict, titles: dict, sections: dict) -> dict:
    """What the data templates (templates/*.j2) may read."""
    return {
        "registry": sorted(data.qualifications, key=lambda q: (q["framework"], q["order"])),
        "by_id": {q["id"]: q for q in data.qualifications},
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
            raise ProblemsFound([_NO_LANGUAGE], "The build cannot start")
        options = options or BuildOptions()
        site_url = base_site_url(options.site_url or configured_url)
        # The parent build checked these exact sources (same digest): no second check, no second
        # schema validation of data/ in this process.
        checked = bool(options.checked_digest) and options.checked_digest == sourcefiles.sources_digest(root, docs)
        data = datamod.load(root, validated=checked)
        status = {s.path: s for s in freshness.all_status(root, docs)}
        titles, sections = _titles_and_sections(root, docs, lang)
        context = _template_context(data, status, titles, sections)
        redirect_map = redirects.load(root)
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
    def lang_site_url(self) -> str:
        return lang_root(self.site_url, self.lang)

    def text(self, key: str) -> str:
        return self.data.text(key, self.lang)

    def template_info(self) -> dict:
        return theme.template_info(self.data, self.lang, self.site_url)

    def label_palette(self, palette) -> None:
        theme.label_palette(palette, self.text)

    def expand_nav(self, nav):
        return theme.expand_nav(nav, self.data)

    # -- checks ----------------------------------------------------------------------------------
    def check_sources(self) -> None:
        """Run the source checks once per MkDocs run. `python -m sesguide build` checks the sources
        itself first and passes their digest (options.checked_digest); when the files are still
        exactly what it checked, the per-language processes do not check them again."""
        if self.checked:
            return
        self.checked = True
        from . import check  # only here: a language process of the whole build never loads the checker

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

    def post_build(self, site_dir: str, preview: bool = False) -> None:
        """Minify our own assets and (in `python -m sesguide build`, which sets options.html_check)
        check the built HTML of this language here, in parallel with the other language. Previews
        skip the check: nothing is published. A preview (`mkdocs serve`) gets its own search index;
        the full build indexes the merged site instead (build.finish_site)."""
        from . import htmlcheck, searchindex

        minify_own_assets(Path(site_dir))
        if writing(self.lang).unbreakable_numbers:
            # Whole files, so headings in the table of contents and the page title are covered too.
            for f in Path(site_dir).rglob("*.html"):
                html = f.read_text(encoding="utf-8")
                joined = numbers.keep_numbers_together(html)
                if joined != html:
                    f.write_text(joined, encoding="utf-8")
        if preview:
            searchindex.build_preview_index(Path(site_dir), self.lang)
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
        path = self._path(src_uri)
        html = focusable_first_abbreviations(mark_bare_urls(html))
        if path in EXPLAIN_ONCE:
            html = explain_once(html)
        return self.redirect_map.add_anchor_aliases(html, path)
