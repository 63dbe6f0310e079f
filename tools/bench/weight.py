"""Section (e), file by file: what the HTML of a page references, at its gzip -9 size.

Pagefind's files load only when a reader searches; what a first search fetches is measured
in Chromium (browser.py), with the rest of each page's first view."""

from __future__ import annotations

import gzip
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if (
            tag == "link"
            and a.get("href")
            and rel & {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
        ):
            self.urls.append(
                (
                    "stylesheet"
                    if "stylesheet" in rel
                    else "icon"
                    if rel & {"icon", "shortcut", "apple-touch-icon"}
                    else sorted(rel)[0],
                    a["href"],
                )
            )
        elif tag == "script" and a.get("src"):
            self.urls.append(("script", a["src"]))
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            self.urls.append(("image", a.get("src") or a["srcset"].split()[0]))


CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def _local(site: Path, base_dir: str, url: str) -> Path | None:
    url = url.split("#")[0].split("?")[0]
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("//"):
        return None
    rel = url.lstrip("/") if url.startswith("/") else posixpath.normpath(posixpath.join(base_dir, url))
    p = site / rel
    if p.is_dir():
        p = p / "index.html"
    return p if p.is_file() else None


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def first_view(site: Path, page: str) -> dict:
    """The files the HTML of `page` and its stylesheets reference, each counted once."""
    html_file = site / page / "index.html"
    html = html_file.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    base_dir = page.rstrip("/")
    files: dict[Path, str] = {html_file: "html"}
    for kind, url in parser.urls:
        p = _local(site, base_dir, url)
        if p is not None:
            files.setdefault(p, kind)
    # CSS references (fonts, images); Material's font is off (theme.font: false).
    for p, kind in list(files.items()):
        if kind == "stylesheet":
            css_dir = p.parent.relative_to(site).as_posix()
            for url in CSS_URL_RE.findall(p.read_text(encoding="utf-8", errors="replace")):
                q = _local(site, css_dir, url)
                if q is not None:
                    files.setdefault(q, "css-url")
    rows = []
    for p, kind in files.items():
        data = p.read_bytes()
        rows.append({"file": p.relative_to(site).as_posix(), "kind": kind, "bytes": len(data), "gzip": gz(data)})
    return {
        "page": "/" + page,
        "files": rows,
        "total_gzip": sum(r["gzip"] for r in rows),
        "total_bytes": sum(r["bytes"] for r in rows),
    }
