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
from .schema import ID, mapping_of, record, text, validate
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
                out.append(
                    Problem(
                        FILE,
                        line,
                        f"pages.{old}: paths must be relative .md paths like 'qrb.md'",
                        "Write the page paths below docs/en and docs/sv.",
                    )
                )
                continue
            for lang in LANGUAGES:
                if (docs / lang / old).exists():
                    out.append(
                        Problem(
                            FILE,
                            line,
                            f"pages.{old}: docs/{lang}/{old} still exists, so the redirect would hide a real page",
                            "Remove the redirect or the old page.",
                        )
                    )
                if not (docs / lang / new).exists() and new not in self.pages:
                    out.append(
                        Problem(
                            FILE,
                            line,
                            f"pages.{old}: target docs/{lang}/{new} does not exist",
                            "Point the redirect at an existing page.",
                        )
                    )
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

    def stubs(self, site_url: str, ui: dict) -> dict[str, str]:
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
                title, moved = (htmlmod.escape(ui[key][lang]) for key in ("redirect_title", "redirect_moved"))
                out[rel_old + "index.html"] = (
                    f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
                    f"<title>{title}</title>\n"
                    f'<link rel="canonical" href="{t}">\n<meta name="robots" content="noindex">\n'
                    f'<meta http-equiv="refresh" content="0; url={r}">\n</head>\n<body>\n'
                    f'<p><a href="{r}">{moved}: {t}</a></p>\n'
                    "</body>\n</html>\n"
                )
        return out


PAGE = text(fix="Write old.md: new.md (page paths below docs/en and docs/sv).")
REDIRECTS_FILE = record(
    {
        "pages": (mapping_of(PAGE, fix="Write old.md: new.md pairs under 'pages:'."), False),
        "anchors": (
            mapping_of(
                mapping_of(ID, keys=ID, fix="Write old-id: new-id under the page path."),
                fix="Write the page path, then old-id: new-id under it.",
            ),
            False,
        ),
    },
    fix="See the comment at the top of data/redirects.yml: 'pages:' and/or 'anchors:' mappings.",
)


def load(root: Path) -> Redirects:
    path = root / FILE
    if not path.exists():
        return Redirects()
    value = yamlload.load(path, root) or {}
    problems = validate(value, REDIRECTS_FILE, FILE)
    if problems:
        raise ProblemsFound(problems, "The data files have problems")
    pages, anchors = value.get("pages") or {}, value.get("anchors") or {}
    lines = {("pages", old): getattr(pages, "key_lines", {}).get(old) for old in pages}
    return Redirects(dict(pages), {k: dict(v) for k, v in anchors.items()}, lines)
