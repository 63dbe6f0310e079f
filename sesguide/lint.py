"""Untrusted Markdown: reject raw HTML, link schemes and embedded resources that could run
script, hide content or make a reader's browser call another host.

Translators' pull requests are built by CI, so a page must never carry script into the site.
Allowed inline HTML (harmless, no attributes except ``lang`` and ``title``):
``<abbr>``, ``<br>``, ``<kbd>``, ``<sup>``, ``<sub>``, ``<span lang="..">``.
HTML comments are allowed (data markers use them).

Links: an allowlist of schemes (``ALLOWED_SCHEMES``: https, http, mailto) besides relative
links and ``#fragments``. Images (the only embedded resource Markdown can make here; <img>,
media, ``srcset`` and CSS are refused as HTML or attributes) must be same-origin: a relative
path, never an address with a scheme or a host (``//host/x.png``). Links to other sites stay
allowed as links. Attribute lists may set only IDs, classes and ``lang``.
"""

from __future__ import annotations

import html
import re

from .chars import fold
from .pages import Page
from .problems import Problem

ALLOWED_TAGS = {"abbr", "br", "kbd", "sup", "sub", "span"}
ALLOWED_ATTRS = {"lang", "title"}
# "<name" followed by whitespace, "/" or ">" (or the end of the text): how browsers start a tag.
TAG_START_RE = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:[\s/]+[^<>]*?)?\s*/?>", re.S)
ATTR_RE = re.compile(r"([^\s=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
EVENT_RE = re.compile(r"(?<![\w-])on[a-z]+\s*=", re.I)
LINK_TARGET_RE = re.compile(
    r"\]\(\s*<?([^)\s>]*)"  # [text](target)
    r"|^[ \t]*\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:\s|$)"  # [ref]: target
    r"|<([a-z][a-z0-9+.-]*:[^>\s]*)>",
    re.M | re.I,
)  # <scheme:...>
REF_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\](?:\s?\[([^\]\n]*)\])?(?!\()")
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):")
ALLOWED_SCHEMES = ("https", "http", "mailto")
ALLOWED_ATTR_TOKEN_RE = re.compile(r"^(?:#[\w-]+|\.[\w-]+|lang=(?:\"[^\"]*\"|'[^']*'|[^\s\"'}]+))$")
ATTR_TOKEN_RE = re.compile(r"""[^\s=}]+=(?:"[^"]*"|'[^']*'|[^\s}]*)|[^\s=}]+""")
ATTR_LIST_RE = re.compile(r"\{:?\s*([^}]*)\}")
CODE_SPAN_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _scheme_of(target: str) -> str | None:
    """A script-capable scheme a browser would see in an attribute value (javascript:, vbscript:,
    data:), after HTML entities (repeatedly) and spacing tricks."""
    cleaned = _url_as_browser_sees(target).lower()
    for scheme in ("javascript:", "vbscript:", "data:"):
        if cleaned.startswith(scheme):
            return scheme[:-1]
    return None


def _url_as_browser_sees(target: str) -> str:
    """The URL after HTML entities are decoded (repeatedly) and the characters browsers drop are gone."""
    text = target
    for _ in range(5):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    # Browsers drop ASCII tab/newline/control characters and treat "\\" like "/" in URLs.
    return re.sub(r"[\x00-\x20\x7f]", "", text).replace("\\", "/")


def link_scheme(target: str) -> str | None:
    """The scheme of a link target, or None for a relative link or a #fragment."""
    m = SCHEME_RE.match(_url_as_browser_sees(target).lower())
    return m.group(1) if m else None


def is_same_origin(target: str) -> bool:
    """A relative URL that stays on this site: no scheme and no host ("//host/...")."""
    url = _url_as_browser_sees(target)
    return link_scheme(url) is None and not url.startswith("//")


def _is_image(text: str, close: int) -> bool:
    """Whether the "](" at `close` ends an image: its "[" (matched across nested brackets) follows "!"."""
    depth = 0
    for i in range(close, max(-1, close - 2000), -1):
        c = text[i]
        if c == "]" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif c == "[" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return i > 0 and text[i - 1] == "!"
        elif c == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
            return False
    return False


def _masked_body(page: Page) -> str:
    """The body with closed fenced code blocks, inline code and comments blanked (offsets kept)."""
    lines = page.body.split("\n")
    for i in page.code_lines():
        lines[i] = " " * len(lines[i])
    text = "\n".join(lines)
    text = COMMENT_RE.sub(_blank, text)
    return CODE_SPAN_RE.sub(_blank, text)


FIX_HTML = (
    "Remove the HTML; write Markdown instead. Allowed inline HTML: <abbr>, <br>, <kbd>, <sup>, "
    '<sub>, <span lang=".."> (see CONTRIBUTING.md).'
)


def check_page(page: Page) -> list[Problem]:
    text = fold(_masked_body(page))

    def line_at(offset: int) -> int:
        return page.body_line + text.count("\n", 0, offset)

    out = _tags(page, text, line_at) + _links(page, text, line_at) + _attribute_lists(page, text, line_at)
    return sorted(set(out), key=lambda p: (p.line or 0, p.message))


def _tags(page: Page, text: str, line_at) -> list[Problem]:
    """Inline HTML: only the allowed tags, with only lang and title, and no script URL."""
    out: list[Problem] = []
    # Tags, wherever they start, even across lines or without a closing ">".
    for m in TAG_START_RE.finditer(text):
        if m.group(1):  # a closing tag: harmless on its own; its opening tag is what counts
            continue
        name = m.group(2).lower()
        line = line_at(m.start())
        if name not in ALLOWED_TAGS:
            out.append(Problem(page.file, line, f"raw HTML <{name}> is not allowed in pages", FIX_HTML))
            continue
        whole = TAG_RE.match(text, m.start())
        attrs = whole.group(0)[m.end() - m.start() :].rstrip(">/") if whole else text[m.end() : m.end() + 200]
        for am in ATTR_RE.finditer(attrs):
            attr = am.group(1).lower()
            if attr.startswith("on"):
                out.append(
                    Problem(
                        page.file,
                        line,
                        f"event handler attribute '{attr}' on <{name}> is not allowed",
                        "Remove the attribute: pages may not run script.",
                    )
                )
            elif attr not in ALLOWED_ATTRS:
                out.append(
                    Problem(
                        page.file,
                        line,
                        f"attribute '{attr}' on <{name}> is not allowed",
                        "Only lang and title are allowed on inline HTML.",
                    )
                )
            elif am.group(2) and _scheme_of(am.group(2).strip("\"'")):
                out.append(
                    Problem(
                        page.file,
                        line,
                        f"a {_scheme_of(am.group(2).strip(chr(34) + chr(39)))}: URL in <{name}> is not allowed",
                        "Remove it.",
                    )
                )
    return out


def _links(page: Page, text: str, line_at) -> list[Problem]:
    """Links and images: allowed schemes only; images only from this site."""
    out: list[Problem] = []
    refs: dict[str, tuple[str, int]] = {}
    for m in LINK_TARGET_RE.finditer(text):
        if m.group(2):
            refs.setdefault(m.group(2).strip().lower(), (m.group(3), line_at(m.start())))
        target = m.group(1) or m.group(3) or m.group(4) or ""
        scheme = link_scheme(target)
        if scheme and scheme not in ALLOWED_SCHEMES:
            out.append(
                Problem(
                    page.file,
                    line_at(m.start()),
                    f"a {scheme}: URL in a link or image is not allowed",
                    "Link to an https: (or http:, mailto:) address, or to another page of the site "
                    "with a relative link.",
                )
            )
        elif m.group(1) is not None and _is_image(text, m.start()) and not is_same_origin(target):
            out.append(_embedded(page, line_at(m.start()), target))
    for m in REF_IMAGE_RE.finditer(text):
        label = (m.group(2) or m.group(1)).strip().lower()
        if label in refs and not is_same_origin(refs[label][0]):
            out.append(_embedded(page, line_at(m.start()), refs[label][0]))
    return out


def _attribute_lists(page: Page, text: str, line_at) -> list[Problem]:
    """Attribute lists ({ #id .class lang=sv }): no event handlers, nothing but IDs, classes, lang."""
    out: list[Problem] = []
    for m in ATTR_LIST_RE.finditer(text):
        body = m.group(1)
        if EVENT_RE.search(body):
            out.append(
                Problem(
                    page.file,
                    line_at(m.start()),
                    "event handler attribute (on...=) in an attribute list is not allowed",
                    "Remove it: pages may not run script.",
                )
            )
            continue
        bad = [t for t in ATTR_TOKEN_RE.findall(body) if not ALLOWED_ATTR_TOKEN_RE.match(t)]
        if bad and _looks_like_attr_list(body):
            name = bad[0].split("=")[0]
            out.append(
                Problem(
                    page.file,
                    line_at(m.start()),
                    f"attribute list sets '{name}'",
                    "Attribute lists may set only IDs (#id), classes (.name) and lang.",
                )
            )
    return out


def _embedded(page: Page, line: int, target: str) -> Problem:
    return Problem(
        page.file,
        line,
        f"an image from another site ({target[:80]}) is not allowed",
        "Readers' browsers would fetch it from that host. Save the image in docs/ (both "
        "languages) and use a relative path, or link to it as an ordinary link.",
    )


def _looks_like_attr_list(body: str) -> bool:
    """Python-Markdown reads {...} as an attribute list when it holds #id, .class or key=value
    tokens; prose in braces such as "{en, sv}" is left alone."""
    return (
        bool(re.search(r"(^|\s)[#.][\w-]|=", body)) or re.fullmatch(r"\s*:?\s*[\w-]+(\s+[\w-]+)*\s*", body) is not None
    )
