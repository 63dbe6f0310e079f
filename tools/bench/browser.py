"""Page weight as a reader's browser sees it: Chromium loads each page of the served build with an
empty cache and everything it fetches until the network is idle is counted, at gzip -9.

The counting happens in the server: a request the browser answers from its own cache never reaches
it, so "what the server sent" is exactly "what the reader downloaded". Each response body is
counted as the gzip -9 size of the file served (a 304 Not Modified counts 0 bytes).

Measured:
- first view of every content page (fresh browser profile per page);
- the twin page in the other language, opened with the switcher right after that first view;
- the first search (open the search box with `/`, type a query, wait for the results and the
  network to go idle) after a first view;
- Lighthouse (npm `lighthouse`, mobile preset) on chosen pages (lighthouse.py).

Measurements only: `make bench` reports them, no test asserts them. On its own (a built site/):
    python -m tools.bench.browser --site site --lighthouse "" sv/
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sesguide import htmlcheck
from sesguide.server import Handler

from .common import CHROMIUM, KIB, LAUNCH_ARGS
from .lighthouse import lighthouse_pages

_GZ_CACHE: dict[tuple[str, float], int] = {}


def gz_file(path: Path) -> int:
    key = (str(path), path.stat().st_mtime)
    if key not in _GZ_CACHE:
        _GZ_CACHE[key] = len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    return _GZ_CACHE[key]


class Recorder:
    """What the server sent: (path, status, gzip bytes) per response, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows: list[tuple[str, int, int]] = []

    def add(self, path: str, status: int, size: int) -> None:
        with self.lock:
            self.rows.append((path, status, size))

    def take(self) -> list[tuple[str, int, int]]:
        with self.lock:
            rows, self.rows = self.rows, []
        return rows


def recording_server(site: Path, root: Path):
    """The site server of `make serve` (same headers), recording every response it sends."""
    import functools
    import http.server

    rec = Recorder()
    headers = htmlcheck.headers(htmlcheck.load_allowlist(root))

    class Recording(Handler):
        extra_headers = headers

        def send_response(self, code, message=None):
            self._status = code
            super().send_response(code, message)

        def finish(self):
            try:
                super().finish()
            finally:
                status = getattr(self, "_status", None)
                if status is not None and getattr(self, "path", None):
                    path = unquote(urlsplit(self.path).path)
                    size = 0
                    if status == 200:
                        f = site / path.lstrip("/")
                        if f.is_dir():
                            f = f / "index.html"
                        size = gz_file(f) if f.is_file() else 0
                    elif status == 404:
                        f = site / ("sv/404.html" if path.startswith("/sv/") else "404.html")
                        size = gz_file(f) if f.is_file() else 0
                    rec.add(path, status, size)
                self._status = None

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Recording, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    return httpd, f"http://127.0.0.1:{port}", rec


def _settle(page, rec: Recorder, quiet: float = 0.6, limit: float = 15.0) -> None:
    """Wait until the network is idle: Playwright's networkidle, then no new response for `quiet` s."""
    try:
        page.wait_for_load_state("networkidle", timeout=limit * 1000)
    except Exception:
        pass
    t_end = time.monotonic() + limit
    last = len(rec.rows)
    while time.monotonic() < t_end:
        time.sleep(quiet)
        now = len(rec.rows)
        if now == last:
            return
        last = now


def _summary(rows: list[tuple[str, int, int]]) -> dict:
    return {
        "gzip": sum(r[2] for r in rows),
        "requests": len(rows),
        "files": [{"path": p, "status": s, "gzip": g} for p, s, g in rows],
    }


def content_pages(site: Path) -> list[str]:
    """Every published page of both languages ('' = the English home page); no 404 pages, no
    redirect stubs."""
    pages = []
    for f in sorted(site.rglob("index.html")):
        if b'http-equiv="refresh"' in f.read_bytes()[:2048]:
            continue
        rel = f.parent.relative_to(site).as_posix()
        if rel.startswith(("api", "pagefind", "assets")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


SEARCH_QUERIES = {"en": ["salary", "executive core qualifications"], "sv": ["lönen", "kvalifikationsprövningsnämnden"]}


def measure(
    site: Path, root: Path, pages: list[str] | None = None, twins: bool = True, search: bool = True, log=print
) -> dict:
    from playwright.sync_api import sync_playwright

    pages = content_pages(site) if pages is None else pages
    httpd, base, rec = recording_server(site, root)
    out: dict = {"first_view": [], "twin": [], "search": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
            try:
                for i, rel in enumerate(pages):
                    ctx = browser.new_context(viewport={"width": 412, "height": 823})
                    page = ctx.new_page()
                    rec.take()
                    page.goto(base + "/" + rel)
                    _settle(page, rec)
                    first = _summary(rec.take())
                    out["first_view"].append({"page": "/" + rel, **first})
                    if twins:
                        link = page.locator("a[data-sesguide-switch]").first
                        link.click()
                        page.wait_for_load_state("load")
                        _settle(page, rec)
                        out["twin"].append({"page": "/" + rel, "twin": urlsplit(page.url).path, **_summary(rec.take())})
                    ctx.close()
                    if (i + 1) % 10 == 0:
                        log(f"  browser page weight: {i + 1}/{len(pages)} pages")
                if search:
                    for lang, queries in SEARCH_QUERIES.items():
                        for q in queries:
                            out["search"].append(
                                {"lang": lang, "query": q, **first_search(browser, base, rec, lang, q)}
                            )
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return out


def first_search(browser, base: str, rec: Recorder, lang: str, query: str) -> dict:
    """Bytes fetched from opening the search (`/`) to the results of `query`, after a first view
    of the language's home page (so what the first view already fetched is not counted)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(base + ("/sv/" if lang == "sv" else "/"))
    _settle(page, rec)
    rec.take()
    page.locator("body").press("/")
    # the dialog is built when its script has loaded: keys typed before that would be lost
    page.wait_for_function("() => document.activeElement?.id === 'sesguide-search-input'", timeout=15_000)
    page.keyboard.type(query, delay=60)
    _settle(page, rec, quiet=1.0)
    res = _summary(rec.take())
    ctx.close()
    return res


# What a first search fetches, by part (the first pattern a path matches names its part).
SEARCH_PARTS = (
    ("our search dialog (script and stylesheet)", "/sesguide-search."),
    ("Pagefind's WebAssembly (wasm.<lang>.pagefind)", "/pagefind/wasm."),
    ("Pagefind's script (pagefind.js)", "/pagefind/pagefind.js"),
    ("Pagefind's entry file and the language's metadata", "/pagefind/pagefind"),
    ("index chunks", "/pagefind/index/"),
    ("result fragments (the text of each result shown)", "/pagefind/fragment/"),
)


def search_parts(files: list[dict]) -> list[dict]:
    """The files of one first search, summed by part (SEARCH_PARTS): part, files, gzip bytes."""
    count: dict[str, int] = {}
    size: dict[str, int] = {}
    for f in files:
        name = next((n for n, pat in SEARCH_PARTS if pat in f["path"]), "other")
        count[name] = count.get(name, 0) + 1
        size[name] = size.get(name, 0) + f["gzip"]
    order = [n for n, _ in SEARCH_PARTS] + ["other"]
    return [{"part": n, "files": count[n], "gzip": size[n]} for n in order if n in count]


def summary(res: dict) -> dict:
    """Per language: first view median (typical) and worst, twin page median and worst, first search worst."""
    out = {}
    for lang in ("en", "sv"):

        def mine(rows, lang=lang):
            return sorted((r for r in rows if r["page"].startswith("/sv/") == (lang == "sv")), key=lambda r: r["gzip"])

        fv, tw = mine(res["first_view"]), mine(res["twin"])
        se = [s for s in res["search"] if s["lang"] == lang]
        out[lang] = {
            "pages": len(fv),
            "first_typical": fv[len(fv) // 2]["gzip"] if fv else None,
            "first_typical_page": fv[len(fv) // 2]["page"] if fv else None,
            "first_worst": fv[-1]["gzip"] if fv else None,
            "first_worst_page": fv[-1]["page"] if fv else None,
            "twin_typical": tw[len(tw) // 2]["gzip"] if tw else None,
            "twin_worst": tw[-1]["gzip"] if tw else None,
            "twin_worst_page": tw[-1]["page"] if tw else None,
            "search_worst": max((s["gzip"] for s in se), default=None),
            "search": [
                {"query": s["query"], "gzip": s["gzip"], "requests": s["requests"], "parts": search_parts(s["files"])}
                for s in se
            ],
        }
    return out


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", default="site")
    ap.add_argument("--json", help="write the raw figures here")
    ap.add_argument("--pages", nargs="*")
    ap.add_argument("--lighthouse", nargs="*", help="pages for Lighthouse ('' = home)")
    a = ap.parse_args(argv)
    root = Path(__file__).resolve().parents[2]
    site = Path(a.site).resolve()
    res = measure(site, root, a.pages)
    if a.lighthouse is not None:
        res["lighthouse"] = lighthouse_pages(site, root, a.lighthouse)
    fv = sorted(res["first_view"], key=lambda r: r["gzip"])
    for lang in ("en", "sv"):
        rows = [r for r in fv if r["page"].startswith("/sv/") == (lang == "sv")]
        if rows:
            print(
                f"{lang}: first view median {rows[len(rows) // 2]['gzip'] / KIB:.1f} KiB, worst "
                f"{rows[-1]['gzip'] / KIB:.1f} KiB ({rows[-1]['page']})"
            )
        tw = sorted((r for r in res["twin"] if r["page"].startswith("/sv/") == (lang == "sv")), key=lambda r: r["gzip"])
        if tw:
            print(
                f"{lang}: twin after one page median {tw[len(tw) // 2]['gzip'] / KIB:.1f} KiB, "
                f"worst {tw[-1]['gzip'] / KIB:.1f} KiB"
            )
    for s in res["search"]:
        print(f"search {s['lang']} {s['query']!r}: {s['gzip'] / KIB:.1f} KiB in {s['requests']} requests")
    for lh in res.get("lighthouse", []):
        print("lighthouse", lh)
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
