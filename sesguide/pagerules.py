"""The rules for one page on its own: its front matter (keys, values) and its heading IDs.

Front matter reaches the theme's templates as page.meta, so only known keys with plain values
pass; heading IDs are the anchors agencies link to, so each heading has an explicit, stable one.
"""

from __future__ import annotations

import re

from . import pages as pagemod
from .problems import Problem
from .schema import DATE_RE

REQUIRED_META = ("title", "description", "last_reviewed", "sources")
# Interactive tools a page may ask for with `tool: <name>` in its front matter. The template
# (overrides/main.html) loads the named same-origin script on that page only; a page cannot name
# a script itself.
TOOLS = ("ecq-planner",)
# Front matter reaches Material's templates (page.meta): keys such as `template`, `icon` or
# `hide` would let a page pick a template or include a file. Only these keys are allowed.
ALLOWED_META = (*REQUIRED_META, "qualification", "toc_depth", "translation", "tool")
# Text fields that templates print (page title in navigation, <title>, previous/next, meta
# description): plain text only.
PLAIN_TEXT_META = ("title", "description")
MARKUP_RE = re.compile(r"<|>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);|\{[{%#]|[%}]\}", re.I)
ID_FORM = pagemod.ID_FORM_RE
SOURCES_FIX = "Write sources: [id-one, id-two]."


def _required(page: pagemod.Page) -> list[Problem]:
    return [
        Problem(
            page.file,
            1,
            f"front matter lacks '{key}'",
            "Add it between the '---' lines (see CONTRIBUTING.md, 'Front matter').",
        )
        for key in REQUIRED_META
        if key not in page.meta or page.meta[key] in (None, "") or (key != "sources" and page.meta[key] == [])
    ]


def _last_reviewed(page: pagemod.Page) -> list[Problem]:
    lr = page.meta.get("last_reviewed")
    if lr is None or DATE_RE.match(str(lr)):
        return []
    return [
        Problem(
            page.file,
            page.meta_lines.get("last_reviewed"),
            f"last_reviewed '{lr}' is not a YYYY-MM-DD date",
            "Write the date of the last review as YYYY-MM-DD.",
        )
    ]


def _sources(page: pagemod.Page, source_ids: set) -> list[Problem]:
    srcs, line = page.meta.get("sources"), page.meta_lines.get("sources")
    if srcs is None:
        return []
    if not isinstance(srcs, list) or not all(isinstance(sid, str) for sid in srcs):
        return [Problem(page.file, line, "sources must be a list of source IDs", SOURCES_FIX)]
    return [
        Problem(
            page.file, line, f"unknown source ID '{sid}'", "Use an ID from data/sources.yml, or add the source there."
        )
        for sid in srcs
        if sid not in source_ids
    ]


def _toc_depth_and_tool(page: pagemod.Page) -> list[Problem]:
    out = []
    depth = page.meta.get("toc_depth")
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or not 2 <= depth <= 6):
        out.append(
            Problem(
                page.file,
                page.meta_lines.get("toc_depth"),
                f"toc_depth '{depth}' is not a heading level from 2 to 6",
                "Write e.g. toc_depth: 2 (the table of contents then lists only H2 headings), or remove the key.",
            )
        )
    tool = page.meta.get("tool")
    if tool is not None and tool not in TOOLS:
        out.append(
            Problem(
                page.file,
                page.meta_lines.get("tool"),
                f"tool '{tool}' is not one of this site's tools",
                f"Use one of: {', '.join(TOOLS)}; or remove the key (new tools are added by maintainers "
                "in sesguide/pagerules.py and overrides/main.html).",
            )
        )
    return out


def _plain_text(page: pagemod.Page) -> list[Problem]:
    out = []
    for key in PLAIN_TEXT_META:
        value = page.meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            out.append(Problem(page.file, page.meta_lines.get(key), f"{key} must be text", "Quote the value."))
        elif markup := MARKUP_RE.search(value):
            out.append(
                Problem(
                    page.file,
                    page.meta_lines.get(key),
                    f"front matter '{key}' contains markup or template syntax ('{markup.group(0)}')",
                    f"Write '{key}' as plain text: it is printed in the navigation, the page head and "
                    "other pages. Use words instead of <, >, & entities, {{ or {%.",
                )
            )
    return out


def _allowed_keys(page: pagemod.Page) -> list[Problem]:
    return [
        Problem(
            page.file,
            page.meta_lines.get(key),
            f"front matter key '{key}' is not allowed",
            f"Remove it. Pages may set only: {', '.join(ALLOWED_META)} (see CONTRIBUTING.md, 'Front matter').",
        )
        for key in page.meta
        if key not in ALLOWED_META
    ]


def check_front_matter(page: pagemod.Page, source_ids: set) -> list[Problem]:
    return [
        *_required(page),
        *_last_reviewed(page),
        *_sources(page, source_ids),
        *_toc_depth_and_tool(page),
        *_plain_text(page),
        *_allowed_keys(page),
    ]


def check_headings(page: pagemod.Page) -> list[Problem]:
    out: list[Problem] = []
    seen: dict = {}
    if not any(h.level == 1 for h in page.headings):
        out.append(
            Problem(
                page.file, page.body_line, "the page has no H1 heading", "Start the page with '# Title { #some-id }'."
            )
        )
    for h in page.headings:
        if not h.id:
            out.append(
                Problem(
                    page.file,
                    h.line,
                    f"heading '{h.text}' has no explicit ID",
                    "End the heading with an English ID, e.g. '{ #what-it-means }'; use the same ID in both languages.",
                )
            )
            continue
        if not ID_FORM.match(h.id):
            out.append(
                Problem(
                    page.file,
                    h.line,
                    f"heading ID '{h.id}' is not lowercase ASCII words joined by '-'",
                    "Use an ID like 'what-it-means'.",
                )
            )
        if h.id in seen:
            out.append(
                Problem(
                    page.file,
                    h.line,
                    f"heading ID '{h.id}' is used twice (first at line {seen[h.id]})",
                    "Give each heading its own ID.",
                )
            )
        seen.setdefault(h.id, h.line)
    return out
