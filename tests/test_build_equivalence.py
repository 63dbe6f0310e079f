"""The parallel build (jobs=2) produces the same site as the sequential build (jobs=1), file by file.

Both builds run from one copy of the project, so edits to the working tree during the test cannot
make them differ. Every file path must be identical; HTML, JSON and XML files must be equal after
masking hashed asset names (bundle.<hash>.min.js) and build timestamps; every other file
(CSS, JS, source maps, images, robots.txt, _headers) must be byte-equal. The sitemap's lastmod
values must come from the pages' front matter (last_reviewed), not from the build time.
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from projectkit import copy_project

from sesguide import pages as pagemod
from sesguide.build import build
from sesguide.render import page_url

MASKED_SUFFIXES = {".html", ".json", ".xml"}
HASHED_ASSET = re.compile(r"\b([\w-]+)\.[0-9a-f]{8,}(\.min)?\.(js|css)\b")
TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\b")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def mask(text: str) -> str:
    return TIMESTAMP.sub("<time>", HASHED_ASSET.sub(r"\1.<hash>\2.\3", text))


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: str, b: str, name: str) -> str:
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), f"jobs=2/{name}", f"jobs=1/{name}", lineterm="", n=1)
    return "\n".join(list(diff)[:20])


def differences(site_a: Path, site_b: Path) -> list[str]:
    """What differs between two built sites: missing files, then file contents (masked where text)."""
    a, b = files(site_a), files(site_b)
    if sorted(a) != sorted(b):
        return [f"only in jobs=2: {sorted(set(a) - set(b))[:10]}; only in jobs=1: {sorted(set(b) - set(a))[:10]}"]
    different = []
    for name, pa in a.items():
        pb = b[name]
        if pa.suffix in MASKED_SUFFIXES:
            ta, tb = mask(pa.read_text(encoding="utf-8")), mask(pb.read_text(encoding="utf-8"))
            if ta != tb:
                different.append(first_difference(ta, tb, name))
        elif pa.read_bytes() != pb.read_bytes():
            different.append(f"{name}: bytes differ ({pa.stat().st_size} vs {pb.stat().st_size} bytes)")
    return different


def test_parallel_build_equals_sequential_build(tmp_path):
    root = copy_project(tmp_path / "project")
    parallel, sequential = tmp_path / "jobs2", tmp_path / "jobs1"
    build(root, parallel, jobs=2)
    build(root, sequential, jobs=1)

    names = files(parallel)
    assert any(name.endswith(".html") for name in names) and "sitemap.xml" in names
    different = differences(parallel, sequential)
    assert not different, f"{len(different)} difference(s) between jobs=2 and jobs=1:\n" + "\n\n".join(different[:5])

    # The sitemap's dates are the pages' last_reviewed dates, so two builds on different days agree.
    docs = root / "docs"
    robots = (parallel / "robots.txt").read_text(encoding="utf-8")
    site_url = re.search(r"^Sitemap: (\S+)sitemap\.xml$", robots, re.M).group(1)
    expected = {}
    for lang in ("en", "sv"):
        prefix = site_url + ("sv/" if lang == "sv" else "")
        for path in pagemod.list_pages(docs, lang):
            meta = pagemod.split_front_matter((docs / lang / path).read_text(encoding="utf-8"), path)[0]
            expected[prefix + page_url(path)] = str(meta.get("last_reviewed")) if meta.get("last_reviewed") else None
    found = {
        u.find("s:loc", SITEMAP_NS).text: getattr(u.find("s:lastmod", SITEMAP_NS), "text", None)
        for u in ET.parse(parallel / "sitemap.xml").getroot().findall("s:url", SITEMAP_NS)
    }
    assert found, "the sitemap lists no pages"
    wrong = {
        loc: (lastmod, expected.get(loc, "not a page"))
        for loc, lastmod in found.items()
        if expected.get(loc, "not a page") != lastmod
    }
    assert not wrong, f"sitemap lastmod is not the page's last_reviewed (sitemap, front matter): {wrong}"
