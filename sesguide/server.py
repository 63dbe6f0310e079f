"""A small static server for the built site: the security headers a host should send, the
cache rules of the build (_headers), each language's own 404 page, and nothing else.
Used by `make serve` and the browser tests."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from . import assets, htmlcheck


class Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict = {}

    def end_headers(self):
        for k, v in self.extra_headers.items():
            if k != "Strict-Transport-Security":  # HSTS is meaningless (and sticky) on plain-HTTP localhost
                self.send_header(k, v)
        self.send_header("Cache-Control", self.cache_rule())
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
