"""Redirects for moved pages and renamed anchors, in both languages.

``data/redirects.yml``::

    pages:                       # old page path -> new page path (paths below docs/<lang>/)
      old-name.md: qrb.md
    anchors:                     # per page: old heading ID -> new heading ID
      qrb.md:
        old-id: new-id

A moved page gets an HTML redirect stub at its old URL under / and under /sv/. A renamed anchor
keeps working because the page carries an empty element with the old ID just before the new
heading, in both languages.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlload
from .problems import Problem, ProblemsFound
from .schema import ID, check
from .urls import LANGUAGES, page_url, prefix

PATH_RE = re.compile(r"^(?!/)(?!.*\.\.)[a-z0-9/_-]+\.md$")
FILE = "data/redirects.yml"


@dataclass
class Redirects:
    pages: dict = field(default_factory=dict)
    anchors: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)

    def problems(self, docs: Path) -> list[Problem]:
        out = []
        for old, new in self.pages.items():
            line = self.lines.get(("pages", old))
            if not PATH_RE.match(old) or not PATH_RE.match(new):
                out.append(Problem(FILE, line, f"pages.{old}: paths must be relative .md paths like 'qrb.md'",
                                   "Write the page paths below docs/en and docs/sv."))
                continue
            for lang in LANGUAGES:
                if (docs / lang / old).exists():
                    out.append(Problem(FILE, line, f"pages.{old}: docs/{lang}/{old} still exists, so the redirect would "
                                       "hide a real page", "Remove the redirect or the old page."))
                if not (docs / lang / new).exists() and new not in self.pages:
                    out.append(Problem(FILE, line, f"pages.{old}: target docs/{lang}/{new} does not exist",
                                       "Point the redirect at an existing page."))
        return out

    def add_anchor_aliases(self, html: str, path: str) -> str:
        for old, new in self.anchors.get(path, {}).items():
            marker = f'id="{new}"'
            idx = html.find(marker)
            if idx < 0 or f'id="{old}"' in html:
                continue
            start = html.rfind("<", 0, idx)
            html = html[:start] + f'<span id="{old}" class="sesguide-anchor-alias"></span>' + html[start:]
        return html

    def stubs(self, site_url: str) -> dict[str, str]:
        """{output path relative to the site root: HTML} for every moved page in both languages."""
        out = {}
        for old, new in self.pages.items():
            for lang in LANGUAGES:
                target = site_url + prefix(lang) + page_url(new)
                rel_old = prefix(lang) + page_url(old)
                depth = rel_old.count("/")
                rel_target = "../" * depth + prefix(lang) + page_url(new)
                t = htmlmod.escape(target, quote=True)
                r = htmlmod.escape(rel_target or "./", quote=True)
                out[rel_old + "index.html"] = (
                    f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
                    f'<title>{"Redirecting" if lang == "en" else "Omdirigerar"}</title>\n'
                    f'<link rel="canonical" href="{t}">\n<meta name="robots" content="noindex">\n'
                    f'<meta http-equiv="refresh" content="0; url={r}">\n</head>\n<body>\n'
                    f'<p><a href="{r}">{"This page has moved" if lang == "en" else "Sidan har flyttats"}: {t}</a></p>\n'
                    "</body>\n</html>\n")
        return out




def _line(mapping, key) -> int | None:
    """The line of a key in a mapping from yamlload (None for anything else)."""
    return getattr(mapping, "key_lines", {}).get(key)


def load(root: Path) -> Redirects:
    path = root / FILE
    if not path.exists():
        return Redirects()
    value = yamlload.load(path, root) or {}
    problems = []
    if not isinstance(value, dict):
        raise ProblemsFound([Problem(FILE, None, "expected 'pages:' and/or 'anchors:' mappings",
                                     "See the comment at the top of data/redirects.yml.")], "The data files have problems")
    for key in value:
        if key not in ("pages", "anchors"):
            problems.append(Problem(FILE, _line(value, key), f"{key}: unknown field", "Use 'pages' or 'anchors'."))
    pages = value.get("pages") or {}
    anchors = value.get("anchors") or {}
    lines = {}
    if not isinstance(pages, dict):
        problems.append(Problem(FILE, _line(value, "pages"), "pages: expected old: new pairs", "Write old.md: new.md."))
        pages = {}
    for old, new in pages.items():
        lines[("pages", old)] = _line(pages, old)
        if not isinstance(new, str):
            problems.append(Problem(FILE, _line(pages, old), f"pages.{old}: expected a page path",
                                    "Write old.md: new.md."))
    if not isinstance(anchors, dict):
        problems.append(Problem(FILE, _line(value, "anchors"), "anchors: expected page: {old: new}",
                                "See the file header."))
        anchors = {}
    for page, mapping in anchors.items():
        if not isinstance(mapping, dict):
            problems.append(Problem(FILE, _line(anchors, page), f"anchors.{page}: expected old-id: new-id pairs",
                                    "Write old-id: new-id under the page path."))
            continue
        for old, new in mapping.items():
            line = _line(mapping, old)
            for value in (old, new):
                problems += [Problem(p.path, p.line or line, p.message, p.fix)
                             for p in check(value, ID, FILE, f"anchors.{page}.{old}")]
    if problems:
        raise ProblemsFound(problems, "The data files have problems")
    return Redirects({k: v for k, v in pages.items()}, {k: dict(v) for k, v in anchors.items()}, lines)
