"""The URL contract with agencies: every published page URL and heading anchor, in both languages.

``permalinks.txt`` (committed) lists them, one per line (``/qrb/``, ``/qrb/#criteria``,
``/sv/qrb/#criteria``). ``make permalinks`` rewrites it from a build. The check fails when a
listed URL or anchor is no longer published, unless data/redirects.yml maps it to a live target:
a moved page (``pages:``) or a renamed heading ID (``anchors:``). It also fails when the site
publishes URLs the manifest does not list yet, so the manifest stays complete.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .problems import Problem
from .redirects import Redirects
from .urls import LANGUAGES, lang_of, lang_page_url, page_url, prefix

MANIFEST = "permalinks.txt"
# Anchors are the IDs of headings and of definition-list terms (the glossary: glossary.md#<term-id>).
HEADING = re.compile(r"^(h[1-6]|dt)$")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.refresh = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id") and (HEADING.match(tag) or "sesguide-anchor-alias" in (a.get("class") or "")):
            self.ids.append(a["id"])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = True


def collect(site: Path, docs: Path) -> set[str]:
    """Published page URLs and heading anchors of every page in docs/ (both languages)."""
    out: set[str] = set()
    for lang in LANGUAGES:
        for md in sorted((docs / lang).rglob("*.md")):
            path = md.relative_to(docs / lang).as_posix()
            url = "/" + lang_page_url(path, lang)
            html = site / url.lstrip("/") / "index.html"
            if not html.exists():
                continue
            p = _Ids()
            p.feed(html.read_text(encoding="utf-8"))
            out.add(url)
            out.update(f"{url}#{i}" for i in p.ids)
    return out


def read_manifest(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    return [
        (n, ln.strip())
        for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ln.strip() and not ln.startswith("#")
    ]


def write_manifest(path: Path, published: set[str]) -> None:
    head = (
        "# Every published URL and heading anchor of the SES Guide, in both languages.\n"
        "# Agencies link to these; they must keep working. Rewrite with `make permalinks` after adding\n"
        "# pages or headings. Removing a line needs a redirect in data/redirects.yml.\n"
    )
    path.write_text(head + "\n".join(sorted(published)) + "\n", encoding="utf-8")


def _url_to_page(url: str) -> tuple[str, str, str | None]:
    """'/sv/ecqs/x/#a' -> ('/sv/', 'ecqs/x', 'a')"""
    base, _, anchor = url.partition("#")
    lead = "/" + prefix(lang_of(base.lstrip("/")))
    rest = base[len(lead) :].strip("/")
    return lead, rest, anchor or None


def _page_key(rest: str, redirects: Redirects) -> str | None:
    """The .md path whose URL is /rest/ among redirect sources and targets."""
    for md in list(redirects.pages) + list(redirects.anchors):
        if page_url(md).strip("/") == rest:
            return md
    return None


def check(
    manifest: list[tuple[int, str]], published: set[str], redirects: Redirects, manifest_name: str = MANIFEST
) -> list[Problem]:
    out = []
    listed = {u for _, u in manifest}
    for line, url in manifest:
        if url in published:
            continue
        prefix, rest, anchor = _url_to_page(url)
        md = _page_key(rest, redirects)
        target = url
        if md and md in redirects.pages:
            new_md = redirects.pages[md]
            target = prefix + page_url(new_md)
            if anchor:
                anchor = redirects.anchors.get(new_md, {}).get(anchor, anchor)
                target += "#" + anchor
        elif md and anchor and anchor in redirects.anchors.get(md, {}):
            target = f"{prefix}{rest + '/' if rest else ''}#{redirects.anchors[md][anchor]}"
        if target != url and target in published:
            continue
        what = "anchor" if anchor else "page URL"
        out.append(
            Problem(
                manifest_name,
                line,
                f"published {what} {url} no longer exists"
                + (f" (redirect target {target} does not exist either)" if target != url else ""),
                "Restore the page or heading ID, or add a redirect in data/redirects.yml "
                "(pages: old.md: new.md, or anchors: page.md: {old-id: new-id}); agencies link to it.",
            )
        )
    new = sorted(published - listed)
    if new:
        shown = ", ".join(new[:8]) + (f" and {len(new) - 8} more" if len(new) > 8 else "")
        out.append(
            Problem(
                manifest_name,
                None,
                f"{len(new)} published URL(s)/anchor(s) are not in the manifest: {shown}",
                "Run `make permalinks` and commit permalinks.txt, so these links are protected too.",
            )
        )
    return out
