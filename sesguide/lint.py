"""Untrusted Markdown: reject raw HTML and URL schemes that could run script or hide content.

Translators' pull requests are built by CI, so a page must never carry script into the site.
Allowed inline HTML (harmless, no attributes except ``lang`` and ``title``):
``<abbr>``, ``<br>``, ``<kbd>``, ``<sup>``, ``<sub>``, ``<span lang="..">``.
HTML comments are allowed (data markers use them).
"""

from __future__ import annotations

import html
import re

from .pages import Page
from .problems import Problem

ALLOWED_TAGS = {"abbr", "br", "kbd", "sup", "sub", "span"}
ALLOWED_ATTRS = {"lang", "title"}
# "<name" followed by whitespace, "/" or ">" (or the end of the text): how browsers start a tag.
TAG_START_RE = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:[\s/]+[^<>]*?)?\s*/?>", re.S)
ATTR_RE = re.compile(r"([^\s=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
EVENT_RE = re.compile(r"(?<![\w-])on[a-z]+\s*=", re.I)
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+)|<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.M | re.I)
ATTR_LIST_RE = re.compile(r"\{:?\s*([^}]*)\}")
CODE_SPAN_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _scheme_of(target: str) -> str | None:
    """The scheme a browser would see, after HTML entities (repeatedly) and spacing tricks."""
    text = target
    for _ in range(5):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", text).lower()
    for scheme in ("javascript:", "vbscript:", "data:"):
        if cleaned.startswith(scheme):
            return scheme[:-1]
    return None


def _masked_body(page: Page) -> str:
    """The body with closed fenced code blocks, inline code and comments blanked (offsets kept)."""
    lines = page.body.split("\n")
    for i in page.code_lines():
        lines[i] = " " * len(lines[i])
    text = "\n".join(lines)
    text = COMMENT_RE.sub(_blank, text)
    return CODE_SPAN_RE.sub(_blank, text)


def check_page(page: Page) -> list[Problem]:
    out: list[Problem] = []
    fix_html = ("Remove the HTML; write Markdown instead. Allowed inline HTML: <abbr>, <br>, <kbd>, <sup>, "
                "<sub>, <span lang=\"..\"> (see CONTRIBUTING.md).")
    text = _masked_body(page)

    def line_at(offset: int) -> int:
        return page.body_line + text.count("\n", 0, offset)

    # Tags, wherever they start, even across lines or without a closing ">".
    for m in TAG_START_RE.finditer(text):
        if m.group(1):          # a closing tag: harmless on its own; its opening tag is what counts
            continue
        name = m.group(2).lower()
        line = line_at(m.start())
        if name not in ALLOWED_TAGS:
            out.append(Problem(page.file, line, f"raw HTML <{name}> is not allowed in pages", fix_html))
            continue
        whole = TAG_RE.match(text, m.start())
        attrs = whole.group(0)[m.end() - m.start():].rstrip(">/") if whole else text[m.end():m.end() + 200]
        for am in ATTR_RE.finditer(attrs):
            attr = am.group(1).lower()
            if attr.startswith("on"):
                out.append(Problem(page.file, line, f"event handler attribute '{attr}' on <{name}> is not allowed",
                                   "Remove the attribute: pages may not run script."))
            elif attr not in ALLOWED_ATTRS:
                out.append(Problem(page.file, line, f"attribute '{attr}' on <{name}> is not allowed",
                                   "Only lang and title are allowed on inline HTML."))
            elif am.group(2) and _scheme_of(am.group(2).strip("\"'")):
                out.append(Problem(page.file, line, f"a {_scheme_of(am.group(2).strip(chr(34) + chr(39)))}: URL in "
                                   f"<{name}> is not allowed", "Remove it."))
    for m in LINK_TARGET_RE.finditer(text):
        target = m.group(1) or m.group(2) or m.group(3) or ""
        scheme = _scheme_of(target)
        if scheme:
            out.append(Problem(page.file, line_at(m.start()), f"a {scheme}: URL in a link or image is not allowed",
                               "Link to an http(s) address or to another page of the site."))
    for m in ATTR_LIST_RE.finditer(text):
        body = m.group(1)
        if EVENT_RE.search(body):
            out.append(Problem(page.file, line_at(m.start()), "event handler attribute (on...=) in an attribute list "
                               "is not allowed", "Remove it: pages may not run script."))
        elif re.search(r"(?<![\w-])(href|src|style|srcdoc|action|formaction)\s*=", body, re.I):
            out.append(Problem(page.file, line_at(m.start()), "attribute list sets href, src, style or action",
                               "Attribute lists may set only IDs (#id), classes (.name) and lang."))
    return sorted(set(out), key=lambda p: (p.line or 0, p.message))
