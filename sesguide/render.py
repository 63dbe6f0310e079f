"""Data-rendered Markdown: a page opts in with a marker line such as ``<!-- data:pay-table -->``.

Templates live in ``templates/`` (outside docs/, trusted, reviewed by maintainers) and run in
Jinja's SandboxedEnvironment with StrictUndefined. Markdown pages and YAML values are never
compiled as templates: values are passed in as data and escaped for Markdown, so ``{{ ... }}``
in a page or a data file comes out as the literal text.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from . import collation, figures
from .locales import long_date, money
from .pages import MARKER_RE, Page
from .problems import Problem, ProblemsFound
from .urls import SOURCE_LANGUAGE, TRANSLATED_LANGUAGE, page_url, relative

# marker name -> template file
MARKERS = {
    "ecq-comparison": "ecq-comparison.md.j2",
    "ecq-2025-list": "qualification-list.md.j2",
    "ecq-2006-list": "qualification-list.md.j2",
    "ptq-list": "qualification-list.md.j2",
    "definition": "definition.md.j2",
    "pay-table": "pay-table.md.j2",
    "glossary": "glossary.md.j2",
    "sources": "sources.md.j2",
    "translation-status": "translation-status.md.j2",
    "changes": "changes.md.j2",
    # figures drawn from data by sesguide/figures.py
    "figure-pay": "figure.md.j2",
    "figure-ses-size": "figure.md.j2",
    "figure-process": "figure.md.j2",
    "figure-timeline": "figure.md.j2",
    "figure-ecqs": "figure.md.j2",
    "ses-size-table": "ses-size-table.md.j2",
}
MARKER_FRAMEWORK = {"ecq-2025-list": "ecq-2025", "ecq-2006-list": "ecq-2006", "ptq-list": "ptq-example"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#{}])")


def md_escape(value) -> str:
    """Escape text for safe use inside Markdown (and table cells): data stays data. Markdown
    punctuation gets a backslash; &, < and > become entities (Markdown does not unescape them)."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def environment(templates: Path) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    # `items | collate("sv", "sv")`: sorted by that field in the reading order of that language
    # (Swedish: a-z, then å, ä, ö; see collation.py). Jinja's own `sort` orders by code point.
    env.filters["collate"] = lambda items, attribute, lang: sorted(
        items, key=lambda item: collation.sort_key(str(item[attribute]), lang)
    )
    return env


class Renderer:
    """Renders markers for one language. ``context`` holds data shared by all templates."""

    def __init__(self, templates: Path, context: dict):
        self.templates = templates
        self.env = environment(templates)
        self.context = context

    def render(self, name: str, page_path: str, lang: str, file: str, line: int, extra: dict | None = None) -> str:
        return self._render(MARKERS[name], name, page_path, lang, file, line, extra)

    def render_named(self, template_name: str, page_path: str, lang: str, file: str, extra: dict | None = None) -> str:
        return self._render(template_name, template_name, page_path, lang, file, None, extra)

    def _functions(self, lang: str, page_path: str) -> dict:
        """The functions a template calls, bound to the page's language and path."""
        ui = self.context["ui"]
        publishers = self.context.get("publishers") or {}

        def t(key: str) -> str:
            if key not in ui:
                raise KeyError(f"UI string '{key}' is not in data/ui.yml")
            return ui[key][lang]

        def inlang(text, text_lang: str) -> str:
            return md_escape(text) if text_lang == lang else f'<span lang="{text_lang}">{md_escape(text)}</span>'

        def publisher(name: str) -> str:
            # sources.yml records an unknown publisher as "Unknown"; readers get it in their
            # language, and so for every publisher listed under `publishers:` with a Swedish form
            if name == "Unknown":
                return t("publisher_unknown")
            if lang == TRANSLATED_LANGUAGE and name in publishers:
                return md_escape(publishers[name])
            return inlang(name, SOURCE_LANGUAGE)

        def title(s) -> str:
            # the Swedish form of a title this project wrote, else the title as published
            if lang == TRANSLATED_LANGUAGE and s.get("title_sv"):
                return md_escape(s["title_sv"])
            return inlang(s["title"], s["language"])

        return dict(
            t=t,
            money=lambda v: money(v, lang),
            date=lambda v: long_date(v, lang),
            number=lambda v: figures.number(v, lang),
            link=lambda target: relative(page_path, target),
            url=page_url,
            # English text (titles, names) on a page of another language, marked for screen readers
            # and the spell checker (WCAG 3.1.2).
            en=lambda text: inlang(text, SOURCE_LANGUAGE),
            inlang=inlang,
            publisher=publisher,
            title=title,
        )

    def _render(self, template_name, name, page_path, lang, file, line, extra) -> str:
        ctx = {**self.context, **(extra or {}), **self._functions(lang, page_path)}
        ctx.update(lang=lang, page=page_path, marker=name, framework=MARKER_FRAMEWORK.get(name))
        ctx["figure"] = lambda: figures.render(name, ctx, lang, ctx["t"], lambda v: money(v, lang))
        try:
            return self.env.get_template(template_name).render(**ctx)
        except RENDER_ERRORS as exc:
            problem, title = _template_problem(exc, template_name, name, file, line)
            raise ProblemsFound([problem], title) from None


RENDER_ERRORS = (jinja2.TemplateError, figures.FigureError, KeyError, ValueError, TypeError, OverflowError)


def _template_problem(exc: Exception, template_name: str, name: str, file: str, line) -> tuple[Problem, str]:
    """The Problem (and report title) for a template that failed: a template fault names the
    template, a data fault the page and marker that asked for it."""
    failed = "A data template failed"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(
            f"templates/{template_name}",
            exc.lineno,
            f"template syntax error: {exc.message}",
            "Correct the Jinja syntax in the template.",
        ), failed
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(
            file,
            line,
            f"data:{name}: {exc.message} (in templates/{template_name})",
            "Add the missing value to the data file, or correct the template.",
        ), failed
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return Problem(
            f"templates/{template_name}",
            None,
            f"unsafe template operation refused: {exc}",
            "Templates may only format data; remove the operation.",
        ), failed
    if isinstance(exc, figures.FigureError):
        return Problem(
            "sesguide/figures.py",
            None,
            f"data:{name}: {exc}",
            "Draw the figure with the colours in figures.ROLES only.",
        ), "A figure failed"
    if not isinstance(exc, (KeyError, ValueError, TypeError, OverflowError)):
        raise exc  # another Jinja error: not an input problem this module knows how to explain
    return Problem(
        file,
        line,
        f"data:{name}: {exc} (in templates/{template_name})",
        "Check the data file and the template.",
    ), failed


def unknown_markers(page: Page) -> list[Problem]:
    return [
        Problem(
            page.file,
            line,
            f"unknown data marker 'data:{name}'",
            f"Use one of: {', '.join('data:' + m for m in MARKERS)}; or remove the comment.",
        )
        for name, line in page.markers
        if name not in MARKERS
    ]


def expand(
    markdown: str,
    page_path: str,
    lang: str,
    file: str,
    renderer: Renderer,
    extra: dict | None = None,
    line_offset: int = 0,
) -> str:
    """Replace marker lines with rendered Markdown. Line-based; the page text itself is never a template."""
    out = []
    problems = []
    for i, line in enumerate(markdown.split("\n"), 1):
        m = MARKER_RE.match(line)
        if not m:
            out.append(line)
            continue
        name = m.group(1)
        if name not in MARKERS:
            problems.append(
                Problem(
                    file,
                    i + line_offset,
                    f"unknown data marker 'data:{name}'",
                    f"Use one of: {', '.join('data:' + k for k in MARKERS)}; or remove the comment.",
                )
            )
            continue
        try:
            out.append(renderer.render(name, page_path, lang, file, i + line_offset, extra))
        except ProblemsFound as exc:
            problems += exc.problems
    if problems:
        raise ProblemsFound(problems, "Data markers could not be rendered")
    return "\n".join(out)
