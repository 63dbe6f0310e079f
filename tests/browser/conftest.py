"""Browser test fixtures: the real built site (tests/conftest.py `site`) served by
sesguide.server on 127.0.0.1 with the production security headers (CSP included), one Chromium
and one reused browser context for all browser tests (package scope: closed when they are
done), and a recorder of everything a page does that a reader would not want: console errors,
failed requests, requests to other hosts, CSP violations.

The per-page checks (axe, console, requests, CSP, language switcher, overflow) share one tour of
the site: every page pair (English page, click the switcher, Swedish twin, click back) is
visited once, on first demand, and the findings are kept for the parametrized tests.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from projectkit import ROOT  # tests/projectkit.py

from sesguide import htmlcheck
from sesguide import pages as pagemod
from sesguide.render import page_url
from sesguide.server import serve_in_thread
from tools.bench.common import CHROMIUM, LAUNCH_ARGS

INSTALL_HINT = (
    "Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or run `make test` as root, "
    "which installs the missing Debian packages. Do not run `playwright install`: the tests use the "
    "system Chromium."
)
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 375, "height": 812}
WIDTHS = {"1280": WIDE, "375": NARROW}
MISSING = "sesguide-no-such-page/"  # a path that does not exist: the server answers with the 404 page
NOT_FOUND = "404"  # the pseudo page path of the 404 page in test ids
TIMEOUT_MS = 15_000

EN_PAGES = pagemod.list_pages(ROOT / "docs", "en")
PAGE_PATHS = [page_url(p) for p in EN_PAGES] + [NOT_FOUND]
SV_PAGES = pagemod.list_pages(ROOT / "docs", "sv")
LANG_PREFIX = {"en": "", "sv": "sv/"}


def url_path(lang: str, path: str) -> str:
    """Site path of a page: '' -> '/', 'pay/' -> '/sv/pay/'; the 404 page -> a missing URL."""
    return "/" + LANG_PREFIX[lang] + (MISSING if path == NOT_FOUND else path)


# -- the served site --------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def server(site):
    httpd = serve_in_thread(site, ROOT, port=0)
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="package")
def base_url(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


@pytest.fixture(scope="package")
def site_url(site) -> str:
    """The configured site_url, as the build wrote it into the home page's canonical link."""
    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert m, "no canonical link on the built home page"
    return m.group(1) if m.group(1).endswith("/") else m.group(1) + "/"


@pytest.fixture(scope="package")
def expected_csp() -> str:
    allow = htmlcheck.load_allowlist(ROOT)
    return htmlcheck.csp(allow)


# -- the browser ------------------------------------------------------------------------------------


def require_chromium() -> None:
    """Fail (never skip) when the system Chromium is missing: the browser tests are required."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed ({CHROMIUM} is missing); the browser tests need it. {INSTALL_HINT}",
            pytrace=False,
        )


@pytest.fixture(scope="package")
def playwright_instance():
    require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - requirements.txt pins it
        pytest.fail(f"Playwright for Python is not installed ({exc}); run `make setup`.", pytrace=False)
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="package")
def browser(playwright_instance):
    profile = tempfile.mkdtemp(prefix="sesguide-chromium-")
    try:
        try:
            # launch() starts from a fresh temporary profile; HOME points at a throwaway directory so
            # Chromium writes nothing into the user's home; LAUNCH_ARGS keep it quiet and offline.
            b = playwright_instance.chromium.launch(
                executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True, env={**os.environ, "HOME": profile}
            )
        except Exception as exc:
            pytest.fail(f"Could not start Chromium at {CHROMIUM}: {exc}\n{INSTALL_HINT}", pytrace=False)
        yield b
        b.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@dataclass
class Findings:
    """What happened while one page was loaded and used."""

    label: str
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)
    csp: list = field(default_factory=list)
    requests: int = 0

    def problems(self) -> list[str]:
        return counted(
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
        )


def counted(messages: list[str]) -> list[str]:
    """The messages once each, in order, with a count when repeated (keeps failures readable)."""
    seen: dict[str, int] = {}
    for m in messages:
        seen[m] = seen.get(m, 0) + 1
    return [m if n == 1 else f"{m} (x{n})" for m, n in seen.items()]


def listing(messages: list[str], limit: int = 15) -> str:
    lines = counted(messages)
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


class Recorder:
    """Context-wide listeners; findings go to the current bucket (one page visit at a time)."""

    def __init__(self, context, base_url: str):
        self.base = base_url
        self.origin = urlparse(base_url)
        self.current = Findings("(setup)")
        self.allowed_404: set[str] = set()
        self.inflight: set = set()
        self.last_activity = time.monotonic()
        context.on("console", self._console)
        context.on("weberror", lambda e: self.current.page_errors.append(str(e.error)))
        context.on("request", self._request)
        context.on("requestfailed", self._request_failed)
        context.on("requestfinished", self._done)
        context.on("response", self._response)
        # Requests to any other host are recorded and never leave the machine.
        context.route(lambda url: self._foreign(url), self._block)
        # securitypolicyviolation events, from every document, reported back to Python.
        context.expose_binding(
            "__sesguideCspViolation",
            lambda source, v: self.current.csp.append(
                f"securitypolicyviolation: {v.get('directive')} blocked "
                f"{v.get('blocked') or '(inline)'} at {v.get('source')}:{v.get('line')} "
                f"sample={v.get('sample')!r}"
            ),
        )
        context.add_init_script(
            script="""
            document.addEventListener('securitypolicyviolation', (e) => {
              window.__sesguideCspViolation({directive: e.violatedDirective, blocked: e.blockedURI,
                source: e.sourceFile, line: e.lineNumber, sample: e.sample});
            }, true);
        """
        )

    def start(self, label: str, allow_404: str | None = None) -> Findings:
        self.current = Findings(label)
        self.allowed_404 = {allow_404} if allow_404 else set()
        return self.current

    def _foreign(self, url: str) -> bool:
        u = urlparse(url)
        if u.scheme in ("data", "blob", "about", "chrome-extension", "devtools"):
            return False
        return not (u.hostname == self.origin.hostname and u.port == self.origin.port)

    def _block(self, route):
        route.abort("blockedbyclient")

    def _done(self, request):
        self.inflight.discard(request)
        self.last_activity = time.monotonic()

    def _request_failed(self, request):
        self._done(request)
        # Chromium fetches the favicon after the page has loaded and cancels that fetch when the
        # tour clicks on to the next page (net::ERR_ABORTED): the reader's navigation, not a
        # broken file. Any other failure of the favicon, and every other aborted request, counts.
        if request.failure == "net::ERR_ABORTED" and "/assets/images/favicon." in request.url:
            return
        self.current.failed_requests.append(f"{request.url} ({request.failure})")

    def wait_quiet(self, page, quiet: float = 0.2, limit: float = 10.0) -> None:
        """Return once no request has been in flight for `quiet` seconds (like Playwright's
        networkidle, which waits a fixed 500 ms; this waits only as long as the page is busy)."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            pending = []
            for r in list(self.inflight):
                try:
                    owner = r.frame.page
                except Exception:  # a worker's request without a frame: count it
                    owner = page
                if owner.is_closed():  # a closed tab never reports its last requests
                    self.inflight.discard(r)
                elif owner is page:
                    pending.append(r)
            if not pending and time.monotonic() - self.last_activity >= quiet:
                return
            page.wait_for_timeout(25)  # lets Playwright deliver the pending request events
        raise TimeoutError(f"requests still in flight after {limit}s: {[r.url for r in pending]}")

    def _request(self, request):
        self.inflight.add(request)
        self.last_activity = time.monotonic()
        self.current.requests += 1
        u = urlparse(request.url)
        if u.scheme in ("http", "https", "ws", "wss") and u.hostname != "127.0.0.1":
            self.current.external_requests.append(request.url)

    def _response(self, response):
        if response.status >= 400 and response.url not in self.allowed_404:
            self.current.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def _console(self, msg):
        text = msg.text
        if "Content Security Policy" in text:
            self.current.csp.append(f"console {msg.type}: {text}")
        if msg.type == "error":
            loc = (msg.location or {}).get("url", "")
            if loc in self.allowed_404 and "404" in text:
                return  # the expected 404 status of a missing page's own document
            self.current.console_errors.append(f"{text} (at {loc})")


@pytest.fixture(scope="package")
def context(browser, base_url):
    ctx = browser.new_context(viewport=WIDE, locale="en-US", service_workers="block")
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.recorder = Recorder(ctx, base_url)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    """A fresh tab in the shared context, at 1280 px, closed after the test."""
    p = context.new_page()
    p.set_viewport_size(WIDE)
    context.recorder.start("(test page)")
    yield p
    p.close()


# -- axe ----------------------------------------------------------------------------------------------

AXE_SOURCE = None


def axe_source() -> str:
    global AXE_SOURCE
    if AXE_SOURCE is None:
        if not AXE_JS.exists():
            pytest.fail(
                f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts` (or `make test`).", pytrace=False
            )
        AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
    return AXE_SOURCE


def settle(page) -> None:
    """Wait for layout after a resize or a media change: an animation frame, then every running
    CSS transition/animation jumps to its end state (Material fades colours and the navigation
    when the layout changes; axe would otherwise measure contrast in mid-fade), then one more."""
    page.evaluate("""async () => {
        const frame = () => new Promise(r => requestAnimationFrame(() => r()));
        await frame();
        for (const a of document.getAnimations()) { try { a.finish(); } catch (e) { /* infinite */ } }
        await frame();
    }""")


def run_axe(page) -> list[dict]:
    """axe-core with the WCAG 2.x A/AA tags; injected with evaluate (DevTools protocol, not subject
    to the page's CSP, so the page keeps its production CSP). Returns the violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """(tags) => axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
      }).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})))""",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict]) -> str:
    out = []
    for v in violations:
        out.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for n in v["nodes"][:10]:
            out.append(f"    {n['target']}: {(n['summary'] or '').splitlines()[-1].strip() if n['summary'] else ''}")
        if len(v["nodes"]) > 10:
            out.append(f"    ... and {len(v['nodes']) - 10} more nodes")
    return "\n".join(out)


# -- the tour: every page pair once ---------------------------------------------------------------------


@dataclass
class Visit:
    lang: str
    path: str
    url: str = ""
    status: int | None = None
    html_lang: str | None = None
    axe: dict = field(default_factory=dict)  # width -> violations
    overflow: dict = field(default_factory=dict)  # width -> (scrollWidth, clientWidth)
    small_text: dict = field(default_factory=dict)  # width -> text under the minimum size (SMALL_TEXT_JS)
    findings: Findings | None = None
    error: str | None = None


@dataclass
class Switch:
    """One click on the language switcher."""

    from_url: str
    href: str | None = None
    status: int | None = None
    landed: str | None = None
    landed_lang: str | None = None
    error: str | None = None
    findings: Findings | None = None


# Readable text (issue: 12.8 px boxes, 9 px labels): every element of the article that shows text
# of its own has a computed font size of at least 14 px; reliability labels (.rel) at least 12 px.
MIN_TEXT_PX, MIN_LABEL_PX = 14, 12
SMALL_TEXT_JS = """([minText, minLabel]) => {
  const out = [];
  for (const el of document.querySelectorAll('article *')) {
    // Text inside an SVG figure is drawn in the figure's own units and scales with it.
    if (el.closest('svg')) continue;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const px = parseFloat(getComputedStyle(el).fontSize), label = !!el.closest('.rel');
    if (px < (label ? minLabel : minText) - 0.01)
      out.push(`${px.toFixed(1)} px ${label ? 'label' : 'text'} <${el.tagName.toLowerCase()} class="${el.className}">`
               + ` "${el.textContent.trim().slice(0, 40)}"`);
  }
  return out;
}"""


def _check_widths(page, visit: Visit, order) -> None:
    for name in order:
        page.set_viewport_size(WIDTHS[name])
        settle(page)
        visit.axe[name] = run_axe(page)
        visit.small_text[name] = page.evaluate(SMALL_TEXT_JS, [MIN_TEXT_PX, MIN_LABEL_PX])
        visit.overflow[name] = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )


def _finish(page, visit: Visit, rec: Recorder) -> None:
    # Late requests (search worker, index, lunr languages) are part of the page: wait until idle.
    rec.wait_quiet(page)
    visit.html_lang = page.evaluate("() => document.documentElement.lang")
    visit.url = page.url


class Tour:
    def __init__(self, context, base_url: str):
        self.context = context
        self.rec: Recorder = context.recorder
        self.base = base_url
        self.pairs: dict[str, dict] = {}
        self.page = None

    def _page(self):
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
        return self.page

    def _goto(self, page, visit: Visit) -> None:
        target = self.base + url_path(visit.lang, visit.path)
        resp = page.goto(target, wait_until="load")
        visit.status = resp.status if resp else None

    def _switch(self, page, expected_url: str) -> Switch:
        sw = Switch(from_url=page.url)
        link = page.locator("a[data-sesguide-switch]")
        try:
            if link.count() != 1:
                raise AssertionError(f"{link.count()} a[data-sesguide-switch] links on {page.url}")
            sw.href = link.get_attribute("href")
            with page.expect_navigation(wait_until="load") as nav:
                link.click()
            sw.status = nav.value.status if nav.value else None
            page.wait_for_url(expected_url)
            sw.landed = page.url
            sw.landed_lang = page.evaluate("() => document.documentElement.lang")
        except Exception as exc:  # recorded; the switcher tests report it
            sw.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            sw.landed = page.url
        return sw

    def pair(self, path: str) -> dict:
        if path in self.pairs:
            return self.pairs[path]
        page = self._page()
        result = {"en": Visit("en", path), "sv": Visit("sv", path), "to_sv": None, "to_en": None}
        self.pairs[path] = result
        missing = path == NOT_FOUND
        en, sv = result["en"], result["sv"]
        en_url, sv_url = self.base + url_path("en", path), self.base + url_path("sv", path)

        # 1. English page at 1280 then 375 px.
        en.findings = self.rec.start(f"en {path}", allow_404=en_url if missing else None)
        try:
            page.set_viewport_size(WIDE)
            self._goto(page, en)
            _check_widths(page, en, ["1280", "375"])
            _finish(page, en, self.rec)
        except Exception as exc:
            en.error = f"{type(exc).__name__}: {exc}"

        # 2. The switcher (at 375 px) to the Swedish twin, then 375 and 1280 px there. The 404 pages
        #    link to the other language's home page by its absolute site_url address (they are served
        #    at any path), so there the test checks the address and opens the Swedish 404 page directly.
        sv.findings = self.rec.start(f"sv {path}", allow_404=sv_url if missing else None)
        try:
            if missing:
                href = page.locator("a[data-sesguide-switch]").get_attribute("href", timeout=2000)
                result["to_sv"] = Switch(from_url=page.url, findings=sv.findings, href=href)
                self._goto(page, sv)
            else:
                result["to_sv"] = sw = self._switch(page, sv_url)
                sw.findings = sv.findings
                if sw.error or page.url != sv_url:
                    self._goto(page, sv)
                else:
                    sv.status = sw.status
            _check_widths(page, sv, ["375", "1280"])
            _finish(page, sv, self.rec)
        except Exception as exc:
            sv.error = f"{type(exc).__name__}: {exc}"

        # 3. And back (at 1280 px).
        back = self.rec.start(f"sv->en {path}")
        if missing:
            href = page.locator("a[data-sesguide-switch]").get_attribute("href", timeout=2000) if not sv.error else None
            result["to_en"] = Switch(from_url=page.url, href=href, findings=back)
        else:
            result["to_en"] = sw = self._switch(page, en_url)
            sw.findings = back
            if not sw.error:
                try:
                    self.rec.wait_quiet(page)
                except Exception as exc:
                    sw.error = f"{type(exc).__name__}: {exc}"
        return result

    def close(self):
        if self.page is not None and not self.page.is_closed():
            self.page.close()


@pytest.fixture(scope="package")
def tour(context, base_url):
    t = Tour(context, base_url)
    yield t
    t.close()
