"""Untrusted Markdown: reject raw HTML and URL schemes that could run script or hide content.

Translators' pull requests are built by CI, so a page must never carry script into the site.
Allowed inline HTML (harmless, no attributes except ``lang`` and ``title``):
``<abbr>``, ``<br>``, ``<kbd>``, ``<sup>``, ``<sub>``, ``<span lang="..">``.
HTML comments are allowed (data markers use them).
"""

from __future__ import annotations

import re

from .pages import Page
from .problems import Problem

ALLOWED_TAGS = {"abbr", "br", "kbd", "sup", "sub", "span"}
ALLOWED_ATTRS = {"lang", "title"}
FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "base", "form", "meta", "link",
                  "frame", "frameset", "svg", "math", "template", "input", "button", "textarea", "img",
                  "video", "audio", "source", "applet", "portal", "noscript", "html", "head", "body"}
TAG_RE = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*(/?)>", re.S)
ATTR_RE = re.compile(r"([^\s=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
EVENT_RE = re.compile(r"(?<![\w-])on[a-z]+\s*=", re.I)
SCHEME_RE = re.compile(r"(?<![\w.+-])(javascript|vbscript|data)\s*:", re.I)
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+)", re.M)
ATTR_LIST_RE = re.compile(r"\{:?\s*([^}]*)\}")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def _strip(line: str) -> str:
    return COMMENT_RE.sub(" ", CODE_SPAN_RE.sub(" ", line))


def _scheme_of(target: str) -> str | None:
    cleaned = re.sub(r"[\x00-\x20]|&#0*9;|&#0*10;|&#x0*[9a];|&tab;|&newline;", "", target, flags=re.I).lower()
    cleaned = cleaned.replace("&colon;", ":").replace("&#58;", ":").replace("&#x3a;", ":")
    for scheme in ("javascript:", "vbscript:", "data:"):
        if cleaned.startswith(scheme):
            return scheme[:-1]
    return None


def check_page(page: Page) -> list[Problem]:
    out: list[Problem] = []
    fix_html = ("Remove the HTML; write Markdown instead. Allowed inline HTML: <abbr>, <br>, <kbd>, <sup>, "
                "<sub>, <span lang=\"..\"> (see CONTRIBUTING.md).")
    for lineno, raw in page.body_lines():
        line = _strip(raw)
        for m in TAG_RE.finditer(line):
            name = m.group(2).lower()
            attrs = m.group(3) or ""
            if name in FORBIDDEN_TAGS or name not in ALLOWED_TAGS:
                out.append(Problem(page.file, lineno, f"raw HTML <{name}> is not allowed in pages", fix_html))
                continue
            for am in ATTR_RE.finditer(attrs):
                attr = am.group(1).lower()
                if attr.startswith("on"):
                    out.append(Problem(page.file, lineno, f"event handler attribute '{attr}' on <{name}> is not allowed",
                                       "Remove the attribute: pages may not run script."))
                elif attr not in ALLOWED_ATTRS:
                    out.append(Problem(page.file, lineno, f"attribute '{attr}' on <{name}> is not allowed",
                                       "Only lang and title are allowed on inline HTML."))
                elif am.group(2) and _scheme_of(am.group(2).strip("\"'")):
                    out.append(Problem(page.file, lineno, f"a {_scheme_of(am.group(2).strip(chr(34) + chr(39)))}: URL "
                                       f"in <{name}> is not allowed", "Remove it."))
        if EVENT_RE.search(re.sub(TAG_RE, " ", line)) and "<" in line:
            out.append(Problem(page.file, lineno, "event handler attribute (on...=) is not allowed",
                               "Remove it: pages may not run script."))
        for m in LINK_TARGET_RE.finditer(line):
            target = m.group(1) or m.group(2) or ""
            scheme = _scheme_of(target)
            if scheme:
                out.append(Problem(page.file, lineno, f"a {scheme}: URL in a link or image is not allowed",
                                   "Link to an http(s) address or to another page of the site."))
        for m in ATTR_LIST_RE.finditer(line):
            body = m.group(1)
            if EVENT_RE.search(body):
                out.append(Problem(page.file, lineno, "event handler attribute (on...=) in an attribute list is not allowed",
                                   "Remove it: pages may not run script."))
            elif re.search(r"(?<![\w-])(href|src|style|srcdoc|action|formaction)\s*=", body, re.I):
                out.append(Problem(page.file, lineno, "attribute list sets href, src, style or action",
                                   "Attribute lists may set only IDs (#id), classes (.name) and lang."))
        if SCHEME_RE.search(line) and not any(p.line == lineno for p in out):
            # e.g. <javascript:alert(1)> autolinks or schemes hidden in reference definitions
            if re.search(r"<\s*(javascript|vbscript|data)\s*:", line, re.I):
                out.append(Problem(page.file, lineno, "a script or data URL is not allowed",
                                   "Link to an http(s) address or to another page of the site."))
    return out
