"""Read Markdown pages as text: front matter, headings and their IDs, and the lines a reader sees.

Nothing here renders Markdown or evaluates anything in it; pages are data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlload
from .problems import Problem, ProblemsFound

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
ATTR_ID_RE = re.compile(r"\{[:\s]*[^}]*?#([A-Za-z][\w-]*)[^}]*\}\s*$")
# A fence is code only where Python-Markdown/superfences treat it as code: the opener at the
# start of the line or indented by a multiple of 4 (inside a list or admonition), and only if a
# matching closing fence follows. Anything else is scanned like ordinary text (safe side).
FENCE_RE = re.compile(r"^((?: {4})*)(`{3,}|~{3,})")
SETEXT_RE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
MARKER_RE = re.compile(r"^[ \t]*<!--[ \t]*data:([a-z0-9-]+)[ \t]*-->[ \t]*$")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
ID_FORM_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class Page:
    lang: str
    path: str  # relative to the language folder, e.g. ecqs/leading-people.md
    file: str  # as shown to people, e.g. docs/sv/ecqs/leading-people.md
    text: str  # the whole file
    meta: dict
    meta_lines: dict  # key -> line number in the file
    body: str  # text after the front matter
    body_line: int  # file line number of the first body line
    headings: list = field(default_factory=list)
    markers: list = field(default_factory=list)  # (name, line)

    def code_lines(self) -> set[int]:
        """Indexes (0-based, in the body) of lines inside closed fenced code blocks, fences included."""
        lines = self.body.split("\n")
        code: set[int] = set()
        i = 0
        while i < len(lines):
            m = FENCE_RE.match(lines[i])
            if m:
                indent, fence = m.group(1), m.group(2)
                close = re.compile(rf"^{indent}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
                end = next((j for j in range(i + 1, len(lines)) if close.match(lines[j])), None)
                if end is not None:
                    code.update(range(i, end + 1))
                    i = end + 1
                    continue
            i += 1
        return code

    def body_lines(self):
        """(file line number, text) of every body line outside closed fenced code blocks."""
        code = self.code_lines()
        for i, line in enumerate(self.body.split("\n")):
            if i not in code:
                yield self.body_line + i, line


def split_front_matter(text: str, file: str):
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return {}, {}, text, 1
    raw = m.group(1) or ""
    meta = yamlload.loads(raw, file, line_offset=1) if raw.strip() else {}
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ProblemsFound(
            [
                Problem(
                    file,
                    2,
                    "front matter must be key: value pairs",
                    "Write the front matter as YAML keys between the two '---' lines.",
                )
            ],
            "Could not read a page",
        )
    lines = dict(getattr(meta, "key_lines", {}))  # already file lines (line_offset=1)
    body_line = text[: m.end()].count("\n") + 1
    return dict(meta), lines, text[m.end() :], body_line


def parse(text: str, lang: str, path: str, file: str) -> Page:
    meta, meta_lines, body, body_line = split_front_matter(text, file)
    page = Page(lang, path, file, text, meta, meta_lines, body, body_line)
    previous = None
    for lineno, line in page.body_lines():
        setext = SETEXT_RE.match(line)
        block_starts = (" " * 4, "#", ">", "-", "*", "+", "|", "<!--")
        if (
            setext
            and previous
            and previous[1].strip()
            and not previous[1].startswith(block_starts)
            and previous[0] == lineno - 1
            and not re.match(r"^\s*(\d+[.)]|[-*+])\s", previous[1])
        ):
            title = previous[1].strip()
            m = ATTR_ID_RE.search(title)
            page.headings.append(
                Heading(
                    1 if setext.group(1)[0] == "=" else 2,
                    ATTR_ID_RE.sub("", title).strip() if m else title,
                    m.group(1) if m else None,
                    previous[0],
                )
            )
        previous = (lineno, line)
        h = HEADING_RE.match(line)
        if h:
            title = h.group(2)
            m = ATTR_ID_RE.search(title)
            hid = m.group(1) if m else None
            clean = ATTR_ID_RE.sub("", title).strip() if m else title
            page.headings.append(Heading(len(h.group(1)), clean, hid, lineno))
        mk = MARKER_RE.match(line)
        if mk:
            page.markers.append((mk.group(1), lineno))
    return page


def read(docs: Path, lang: str, path: str, root: Path) -> Page:
    p = docs / lang / path
    shown = str(p.relative_to(root)) if p.is_relative_to(root) else str(p)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemsFound(
            [Problem(shown, None, f"not UTF-8 text ({exc.reason})", "Save the file as UTF-8.")], "Could not read a page"
        ) from None
    return parse(text.replace("\r\n", "\n"), lang, path, shown)


def list_pages(docs: Path, lang: str) -> list[str]:
    base = docs / lang
    if not base.is_dir():
        return []
    return sorted(str(p.relative_to(base)).replace("\\", "/") for p in base.rglob("*.md"))


_VISIBLE_SUBS = [
    (re.compile(a, re.M), b)
    for a, b in (
        (r"<!--.*?-->", " "),  # comments
        (r"`[^`]*`", " "),  # inline code
        (r"\]\([^)]*\)", "] "),  # [text](target)
        (r"\]\[[^\]]*\]", "] "),  # [text][ref]
        (r"^\s*\[[^\]]+\]:\s*\S+.*$", " "),  # reference definitions
        (r"<https?://[^>]+>", " "),  # autolinks
        (r"https?://\S+", " "),  # bare URLs
        (r"\{[:\s]*[^}]*[#.=][^}]*\}", " "),  # attr lists { #id } { lang="en" }
        (r"</?[A-Za-z][^>]*>", " "),  # inline HTML tags (allowed ones)
    )
]


def visible_text(line: str) -> str:
    """The part of a Markdown line a reader sees: no link targets, attribute lists, comments or code."""
    if not any(c in line for c in "`]<{h"):
        return line
    for rx, repl in _VISIBLE_SUBS:
        line = rx.sub(repl, line)
    return line
