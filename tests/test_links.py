"""Internal links and anchors of the built site: every <a href>, <link href> (any rel),
<script src> and <img src> that points inside the site, and every <loc>/alternate of the
sitemap, resolves to a built file, and every #fragment is an id (or <a name>) in the target page.
Absolute addresses under the configured site_url (https://ses-guide.github.io/ unless SITE_URL
says otherwise) are internal: they are mapped to the built files."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html

SCHEMES_OUTSIDE = ("mailto:", "tel:", "data:", "javascript:")
URL_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("area", "href"))
VIRTUAL_HOST = "http://site.invalid/"  # pages are resolved as if served here


def site_url_of(site: Path) -> str:
    """The configured site_url, as the build wrote it into the home page's canonical link."""
    doc = lxml.html.fromstring((site / "index.html").read_bytes())
    hrefs = doc.xpath('//link[@rel="canonical"]/@href')
    assert hrefs and hrefs[0].startswith(("https://", "http://")), (
        f"no absolute canonical link on the home page: {hrefs}"
    )
    return hrefs[0] if hrefs[0].endswith("/") else hrefs[0] + "/"


class LinkChecker:
    def __init__(self, site: Path, site_url: str):
        self.site = site
        self.site_url = site_url
        self.base_path = urlsplit(site_url).path  # "/" or "/ses-guide/"
        self._ids: dict[Path, set[str]] = {}
        self.checked = 0  # internal URLs checked
        self.fragments = 0  # of which with a #fragment

    # -- targets ---------------------------------------------------------------------------------
    def file_for(self, path: str) -> Path | None:
        """Built file for a site path below base_path (/pay/ -> pay/index.html)."""
        if not path.startswith(self.base_path):
            return None
        rel = unquote(path[len(self.base_path) :])
        rel = posixpath.normpath(rel) if rel else ""
        if rel in (".", ""):
            rel = ""
        if rel.startswith("../") or rel == "..":
            return None
        f = self.site / rel
        if path.endswith("/") or rel == "":
            f = f / "index.html"
        elif f.is_dir():
            f = f / "index.html"
        return f if f.is_file() else None

    def ids(self, f: Path) -> set[str]:
        if f not in self._ids:
            doc = lxml.html.fromstring(f.read_bytes())
            self._ids[f] = set(doc.xpath("//@id")) | set(doc.xpath("//a/@name"))
        return self._ids[f]

    # -- sources ---------------------------------------------------------------------------------
    def page_url(self, f: Path) -> str:
        rel = f.relative_to(self.site).as_posix()
        return VIRTUAL_HOST + self.base_path.lstrip("/") + rel

    def check_url(self, raw: str, page_url: str, where: str, target_page: Path | None = None) -> str | None:
        """None if fine (or not internal), else a description of the problem."""
        url = raw.strip()
        if not url or url.lower().startswith(SCHEMES_OUTSIDE):
            return None
        if url.startswith(self.site_url):
            url = VIRTUAL_HOST + self.base_path.lstrip("/") + url[len(self.site_url) :]
        elif url.startswith(self.site_url.replace("https://", "http://", 1)):
            return f"{where}: {raw} uses http:// for the site's own https address"
        absolute = urljoin(page_url, url)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}/" != VIRTUAL_HOST:
            return None  # another site
        self.checked += 1
        if url.startswith("#") and target_page is not None:
            target = target_page
        else:
            target = self.file_for(parts.path or "/")
            if target is None:
                return f"{where}: {raw} -> {parts.path} does not exist in the built site"
        frag = unquote(parts.fragment)
        if frag:
            self.fragments += 1
            if target.suffix != ".html":
                return f"{where}: {raw} has a #fragment but points to {target.name}"
            if frag not in self.ids(target):
                return f"{where}: {raw} -> #{frag} is not an id in {target.relative_to(self.site).as_posix()}"
        return None

    def check_html(self, f: Path) -> list[str]:
        problems = []
        doc = lxml.html.fromstring(f.read_bytes())
        rel = f.relative_to(self.site).as_posix()
        page_url = self.page_url(f)
        bases = doc.xpath("//base/@href")
        if bases:
            problems.append(f"{rel}: has a <base href>, links would resolve differently")
        for tag, attr in URL_ATTRS:
            for el in doc.iter(tag):
                value = el.get(attr)
                if value is None:
                    continue
                p = self.check_url(value, page_url, f"{rel}:{el.sourceline} <{tag} {attr}>", target_page=f)
                if p:
                    problems.append(p)
        return problems

    def check_sitemap(self) -> list[str]:
        f = self.site / "sitemap.xml"
        if not f.exists():
            return ["sitemap.xml is missing"]
        tree = lxml.etree.parse(str(f))
        problems = []
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            local = el.tag.rsplit("}", 1)[-1]
            value = (el.text or "").strip() if local == "loc" else el.get("href") if local == "link" else None
            if not value:
                continue
            if not value.startswith(self.site_url):
                problems.append(f"sitemap.xml:{el.sourceline}: {value} is not under {self.site_url}")
                continue
            p = self.check_url(value, self.page_url(f), f"sitemap.xml:{el.sourceline}")
            if p:
                problems.append(p)
        return problems

    def check_site(self) -> tuple[int, list[str]]:
        files = sorted(self.site.rglob("*.html"))
        problems = []
        for f in files:
            problems += self.check_html(f)
        problems += self.check_sitemap()
        return len(files), problems


def test_no_broken_internal_links_or_anchors(site):
    checker = LinkChecker(site, site_url_of(site))
    count, problems = checker.check_site()
    assert count >= 60, f"only {count} HTML files were checked"
    # Not vacuous: thousands of internal links (navigation, TOCs, sources) and their anchors.
    assert checker.checked > 60 * 40 and checker.fragments > 500, (checker.checked, checker.fragments)
    assert not problems, f"{len(problems)} broken internal links or anchors:\n" + "\n".join(problems[:200])


def test_site_url_links_are_mapped_to_files(site):
    """The absolute links the pages carry (canonical, hreflang, the 404 pages) are checked, not skipped."""
    site_url = site_url_of(site)
    checker = LinkChecker(site, site_url)
    page = site / "pay" / "index.html"
    url = checker.page_url(page)
    assert checker.check_url(site_url + "sv/pay/", url, "t") is None
    assert checker.check_url(site_url + "sv/no-such-page/", url, "t") is not None
    assert checker.check_url(site_url + "pay/#no-such-anchor", url, "t") is not None
    assert checker.check_url("https://www.opm.gov/", url, "t") is None  # other sites are not ours to check


def test_the_checker_finds_broken_links_and_anchors(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><html><head><link rel="canonical" href="https://example.org/x/">'
        '<link rel="stylesheet" href="missing.css"></head><body id="top">'
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top">ok</a>'
        '<a href="a/#gone">bad anchor</a> <a href="b/">bad page</a> <a href="#nowhere">bad local</a>'
        '<a href="https://example.org/x/a/">ok abs</a> <a href="https://example.org/x/zz/">bad abs</a>'
        '<a href="https://other.example/">other site</a> <a href="mailto:x@example.org">mail</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text(
        '<!doctype html><html><body><h2 id="here">H</h2></body></html>', encoding="utf-8"
    )
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://example.org/x/a/</loc></url>"
        "<url><loc>https://example.org/x/gone/</loc></url></urlset>",
        encoding="utf-8",
    )
    checker = LinkChecker(site, site_url_of(site))
    assert checker.site_url == "https://example.org/x/"
    count, problems = checker.check_site()
    text = "\n".join(problems)
    assert count == 2
    for bad in ("missing.css", "a/#gone", "b/", "#nowhere", "https://example.org/x/zz/", "x/gone/"):
        assert bad in text, f"{bad} not reported:\n{text}"
    assert len(problems) == 6, text
