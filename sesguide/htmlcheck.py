"""Checks on the built HTML: nothing a contribution slipped through may run in a reader's browser.

- inline <script> only if its sha256 is in security/inline-scripts.txt (the theme's own scripts;
  regenerate with `make csp-hashes` (tools/csp_hashes.py) after a Material upgrade and review the diff);
  JSON data blocks (type="application/json") are not executed and not counted;
- every <script src> is same-origin (a relative URL);
- no on...= event handler attributes and no javascript:/vbscript:/data: URLs in href/src/action;
- no <iframe>, <object>, <embed>, <base>, <frame>; no <form> at all (search is a dialog, the colour toggle a button);
  no <meta http-equiv="refresh"> except in the redirect stubs the build writes;
- every target="_blank" link has rel="noopener";
- nothing a browser fetches by itself (src, srcset, poster, data, background, stylesheet/icon
  links, url() in style attributes) comes from another host: a published page calls no
  third-party host. Links to other sites are fine.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from .problems import Problem

BAD_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
ANIMATION_ATTRS = {"values", "to", "from", "by"}  # SVG <animate>/<set> can write href at run time
FETCHED_ATTRS = ("src", "poster", "data", "background")
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}
SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")\s]+)", re.I)


def is_remote(url: str) -> bool:
    """Whether a browser would fetch this URL from another host (data: URLs are local)."""
    u = re.sub(r"[\x00-\x20\x7f]", "", url).replace("\\", "/")
    return u.startswith("//") or (bool(SCHEME_RE.match(u)) and not u.lower().startswith(("data:", "blob:")))


def script_hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[int, str]] = []
        self.inline_scripts: list[tuple[int, str]] = []
        self._script: tuple[int, list] | None = None
        self.forms = 0
        self.refresh = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        a = {k.lower(): (v or "") for k, v in attrs}
        for k, v in a.items():
            if k.startswith("on"):
                self.findings.append((line, f"event handler attribute {k}= on <{tag}>"))
            values = [v] if k in URL_ATTRS else v.split(";") if k in ANIMATION_ATTRS else []
            for value in values:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:")) or (scheme.startswith("data:") and tag != "img"):
                    self.findings.append((line, f"{scheme.split(':')[0]}: URL in {k} of <{tag}>"))
        fetched = [(k, a[k]) for k in FETCHED_ATTRS if k in a and tag != "script"]
        fetched += [("srcset", c.split()[0]) for c in a.get("srcset", "").split(",") if c.split()]
        fetched += [("style url()", u) for u in CSS_URL_RE.findall(a.get("style", ""))]
        if tag == "link" and FETCHED_LINK_RELS & set(a.get("rel", "").lower().split()):
            fetched.append(("href", a.get("href", "")))
        for k, v in fetched:
            if is_remote(v):
                self.findings.append((line, f"<{tag} {k}> fetched from another host: {v[:100]}"))
        if tag in BAD_TAGS:
            self.findings.append((line, f"<{tag}> element"))
        if tag == "form":
            # nothing on the site submits anything; a form in a built page came from an input
            self.findings.append((line, "<form> element (the site has no forms)"))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.refresh = True
        if tag == "a" and a.get("target", "").lower() == "_blank":
            if "noopener" not in a.get("rel", "").lower().split():
                self.findings.append((line, 'target="_blank" link without rel="noopener"'))
        if tag == "script":
            src = a.get("src")
            if src:
                s = src.strip().lower()
                if s.startswith(("http:", "https:", "//")) or ":" in s.split("/")[0]:
                    self.findings.append((line, f"<script src> from another origin: {src}"))
            elif a.get("type", "").lower() not in ("application/json", "application/ld+json"):
                self._script = (line, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            line, parts = self._script
            self.inline_scripts.append((line, "".join(parts)))
            self._script = None


def scan(html: str):
    s = _Scanner()
    s.feed(html)
    s.close()
    return s


def load_allowlist(root: Path) -> set[str]:
    path = root / "security" / "inline-scripts.txt"
    if not path.exists():
        return set()
    return {
        ln.split()[0] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    }


def allowlist(root: Path, collecting: bool = False) -> set[str]:
    """The allowlist, or "any hash" while `make csp-hashes` is collecting it."""
    return _Any() if collecting else load_allowlist(root)


class _Any(set):
    def __contains__(self, item) -> bool:
        return True


def check_site(
    site: Path, allow: set[str], redirect_stubs: set[str], shown_prefix: str = "site/", files: list[Path] | None = None
) -> list[Problem]:
    out = []
    for f in sorted(files if files is not None else site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        s = scan(f.read_text(encoding="utf-8"))
        for line, what in s.findings:
            out.append(
                Problem(
                    f"{shown_prefix}{rel}",
                    line,
                    f"built page contains {what}",
                    "Find the Markdown or template that produced it and remove it.",
                )
            )
        for line, body in s.inline_scripts:
            h = script_hash(body)
            if h not in allow:
                out.append(
                    Problem(
                        f"{shown_prefix}{rel}",
                        line,
                        f"inline script {h} is not on the allowlist",
                        "Pages may not add scripts. After a Material upgrade, run `make csp-hashes` and "
                        "review the change to security/inline-scripts.txt.",
                    )
                )
        if s.refresh and rel not in redirect_stubs:
            out.append(
                Problem(
                    f"{shown_prefix}{rel}",
                    None,
                    'built page contains <meta http-equiv="refresh">',
                    "Only redirect stubs from data/redirects.yml may redirect.",
                )
            )
    return out


def inline_hashes(site: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in site.rglob("*.html"):
        for _, body in scan(f.read_text(encoding="utf-8")).inline_scripts:
            h = script_hash(body)
            counts[h] = counts.get(h, 0) + 1
    return counts


def csp(allow: set[str]) -> str:
    """The Content-Security-Policy. 'wasm-unsafe-eval' lets the site search (Pagefind) compile its
    own WebAssembly file, loaded from this origin; it allows no JavaScript eval (SECURITY.md).
    No page starts a worker (the search runs Pagefind on the page): worker-src 'none'."""
    hashes = " ".join(f"'{h}'" for h in sorted(allow))
    return (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "
        + hashes
        + "; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'none'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "X-Frame-Options": "DENY",
}


def headers(allow: set[str]) -> dict[str, str]:
    return {"Content-Security-Policy": csp(allow), **SECURITY_HEADERS}
