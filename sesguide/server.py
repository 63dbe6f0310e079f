"""A small static server for the built site: the security headers a host should send, the
cache rules of the build (_headers), each language's own 404 page, and gzip for text files when
the browser asks for it (as every static host does; without it a local Lighthouse run sees the
uncompressed sizes, six times those a reader downloads), and nothing else.
Used by `make serve`, the browser tests and the benchmark's Lighthouse runs."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

from . import assets, htmlcheck

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime: float, size: int) -> bytes:
    """The file at `path` compressed at gzip -9 (what the benchmark counts); cached per version."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


class Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict = {}
    _gzip: bytes | None = None
    _code: int | None = None

    def send_head(self):
        """As SimpleHTTPRequestHandler (304s, directory redirects, 404s included), with the body of
        a text file gzipped when the request accepts gzip."""
        self._gzip = None
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            f = Path(self.translate_path(self.path))
            if f.is_dir():
                f = f / "index.html"
            if f.suffix in COMPRESSED and f.is_file():
                st = f.stat()
                self._gzip = _gzipped(str(f), st.st_mtime, st.st_size)
        return super().send_head()

    def send_response(self, code, message=None):
        self._code = code
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if self._gzip is not None and self._code == 200 and keyword.lower() == "content-length":
            value = str(len(self._gzip))
        super().send_header(keyword, value)

    def copyfile(self, source, outputfile):
        if self._gzip is not None and self._code == 200:
            outputfile.write(self._gzip)
        else:
            super().copyfile(source, outputfile)

    def end_headers(self):
        for k, v in self.extra_headers.items():
            if k != "Strict-Transport-Security":  # HSTS is meaningless (and sticky) on plain-HTTP localhost
                self.send_header(k, v)
        self.send_header("Cache-Control", self.cache_rule())
        if self._gzip is not None and self._code == 200:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def cache_rule(self) -> str:
        """The build's caching rule (sesguide/assets.py): a year for fingerprinted files, revalidation
        (with Last-Modified, answered with 304) for everything else."""
        path = self.path.split("?")[0].split("#")[0].lstrip("/")
        return assets.cache_control(path)

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            root = Path(self.directory)
            page = root / ("sv/404.html" if self.path.startswith("/sv/") else "404.html")
            if page.exists():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)

    def log_message(self, fmt, *args):
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)


def make_server(site: Path, root: Path, host: str = "127.0.0.1", port: int = 8000, verbose: bool = False):
    headers = htmlcheck.headers(htmlcheck.load_allowlist(root))
    handler = type("SiteHandler", (Handler,), {"extra_headers": headers})
    httpd = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site)))
    httpd.verbose = verbose  # type: ignore[attr-defined]  # read by Handler.log_message
    return httpd


def serve_in_thread(site: Path, root: Path, port: int = 0):
    httpd = make_server(site, root, port=port)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    return httpd
