"""MkDocs hooks: thin adapters from MkDocs events to the plain-Python core in ``sesguide``.

Each language is built by its own MkDocs run (``BUILD_ONLY_LOCALE``; ``make build`` runs both
and merges them). State lives on the config object of the run, never in module globals, so
``mkdocs serve`` rebuilds see fresh data.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from sesguide import buildstate as glue  # plain Python; no MkDocs imports (installed by make setup)
from sesguide.options import BuildOptions
from sesguide.problems import ProblemsFound

ROOT = Path(__file__).resolve().parent.parent

log = get_plugin_logger("sesguide")


def _fail(exc: ProblemsFound):
    raise PluginError("\n" + exc.report())


def _state(config):
    state = getattr(config, "_sesguide", None)
    if state is None:
        raise PluginError("sesguide: on_config did not run; is hooks/sesguide_hooks.py listed in mkdocs.yml?")
    return state


class _DirtyPreviewNotice(logging.Filter):
    """`make serve-en/-sv` rebuild only the edited page (--dirty) to stay under 2 s; MkDocs then
    warns that navigation elsewhere may be stale, which strict mode would turn into a failure.
    Only that one notice is dropped, only in `mkdocs serve --dirty`; every other warning stays fatal."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class _WarningCount(logging.Handler):
    """Counts what strict mode counts (WARNING and above from MkDocs and its plugins), for on_shutdown."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


# The MkDocs command of this process (`serve` for the translator previews). Set once at startup; it
# does not change between rebuilds, unlike the build state, which lives on the config.
# "exit_at_once": set when on_post_build of a language process of the full build has succeeded.
_COMMAND = {"name": None, "exit_at_once": False}
_WARNINGS = _WarningCount()


def on_startup(command, dirty):
    _COMMAND["name"] = command
    if _WARNINGS not in logging.getLogger("mkdocs").handlers:
        logging.getLogger("mkdocs").addHandler(_WARNINGS)
    if command == "serve" and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyPreviewNotice())


@event_priority(100)
def on_config(config):
    i18n = config.plugins.get("i18n")
    lang = i18n.config.build_only_locale if i18n else None
    try:
        state = glue.BuildState.start(
            ROOT, Path(config.docs_dir), lang, config.site_url, BuildOptions.from_env(os.environ)
        )
    except ProblemsFound as exc:
        _fail(exc)
    config._sesguide = state
    config.site_url = state.lang_site_url
    config.nav = state.expand_nav(config.nav)
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = state.text("permalink_title")
    config.extra["alternate"] = [{"name": state.text("language_switch"), "link": "/", "lang": state.other_lang}]
    config.extra["sesguide"] = state.template_info()
    state.label_palette(config.theme.get("palette"))
    return config


def on_files(files, config):
    try:
        _state(config).check_sources()
    except ProblemsFound as exc:
        _fail(exc)
    return files


def on_page_markdown(markdown, page, config, files):
    try:
        return _state(config).page_markdown(markdown, page.file.src_uri, page.meta)
    except ProblemsFound as exc:
        _fail(exc)


def on_page_content(html, page, config, files):
    return _state(config).page_html(html, page.file.src_uri)


def on_post_page(output, page, config):
    return _state(config).page_output(output, page.file.src_uri)


def on_post_build(config):
    state = _state(config)
    try:
        state.post_build(config.site_dir, preview=_COMMAND["name"] == "serve")
    except ProblemsFound as exc:
        _fail(exc)
    _COMMAND["exit_at_once"] = state.options.exit_at_once


@event_priority(-100)
def on_shutdown():
    """A language process of the full build whose pages are all written, with no warning (nothing
    after on_post_build can fail then), ends here without the interpreter's teardown: the build
    waits for the process to end, and the teardown of Markdown, Jinja and matplotlib takes 0.1 s.
    Every other run (mkdocs build, serve, a failed build) ends the usual way."""
    if _COMMAND["exit_at_once"] and not _WARNINGS.count:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
