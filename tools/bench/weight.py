"""Section (e): first-view page weight (gzip -9) of every content page, and the search indexes."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from .common import KIB, median


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (kind, url)
        self.config_json = None
        self._in_config = False
        self._buf: list[str] = []

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
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True

    def handle_data(self, data):
        if self._in_config:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_config:
            self._in_config = False
            try:
                self.config_json = json.loads("".join(self._buf))
            except ValueError:
                self.config_json = None


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
    """Everything a first view of `page` downloads (search index excluded), each file counted once."""
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
    # Material's bundle starts the search worker at load (and fetches the index, excluded here); the
    # worker imports the lunr language support for a non-English index.
    cfg = parser.config_json or {}
    worker = cfg.get("search") or ""
    index_dir = site / page.split("/")[0] / "search" if page.startswith("sv/") else site / "search"
    if worker:
        p = _local(site, base_dir, worker)
        if p is not None:
            files.setdefault(p, "search worker")
            langs = []
            idx = index_dir / "search_index.json"
            if idx.exists():
                langs = json.loads(idx.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
            lunr = p.parent.parent / "lunr"
            extra = []
            for lang in langs:
                if lang != "en":
                    extra.append(lunr / "min" / f"lunr.{lang}.min.js")
            if len(langs) > 1:
                extra.append(lunr / "min" / "lunr.multi.min.js")
            if extra:
                extra.insert(0, lunr / "min" / "lunr.stemmer.support.min.js")
            for q in extra:
                if q.is_file():
                    files.setdefault(q, "search language")
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


def content_pages(site: Path) -> list[str]:
    """Every published page of both languages ('' is the English home page), without the 404 pages
    and the redirect stubs of data/redirects.yml (which are not content)."""
    pages = []
    for f in sorted(site.rglob("index.html")):
        head = f.read_bytes()[:2048]
        if b'http-equiv="refresh"' in head:
            continue
        rel = f.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def weight_summary(views: list[dict], limit_kib: float) -> dict:
    totals = sorted(v["total_gzip"] for v in views)
    over = sorted((v for v in views if v["total_gzip"] > limit_kib * KIB), key=lambda v: -v["total_gzip"])
    worst = over[0] if over else max(views, key=lambda v: v["total_gzip"])
    return {
        "pages": len(views),
        "median": median(totals),
        "worst": worst,
        "over": [
            {
                "page": v["page"],
                "total_gzip": v["total_gzip"],
                "html_gzip": sum(f["gzip"] for f in v["files"] if f["kind"] == "html"),
            }
            for v in over
        ],
    }


def search_index_sizes(site: Path) -> dict:
    out = {}
    for lang, rel in (("en", "search/search_index.json"), ("sv", "sv/search/search_index.json")):
        data = (site / rel).read_bytes()
        docs = len(json.loads(data).get("docs", []))
        out[lang] = {"file": rel, "bytes": len(data), "gzip": gz(data), "entries": docs}
    return out
