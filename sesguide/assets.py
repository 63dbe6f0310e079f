"""Theme assets on the merged site: one copy for both languages, content-hashed names, cache rules.

Each language build writes its own copy of the theme (``assets/`` and ``sv/assets/``): byte for
byte the same files. ``share`` keeps the English copy and deletes the Swedish one; ``relink`` points every
Swedish page at ``/assets/...``, so a reader who switches language downloads only the new page.
A Swedish file that differs from its English namesake stops the build (the two builds must not
disagree about the theme); a file only the Swedish build wrote moves to ``assets/``.

``fingerprint`` gives our own scripts, stylesheets and images (every .css/.js/.svg/.png directly
in assets/stylesheets, assets/javascripts and assets/images without a hash in its name)
content-hashed names (Material's bundle and
the purged stylesheet already have them), so they can be cached for a year: a changed file gets a
new name, and the pages, which revalidate, link the new name.

``cache_control`` is the one caching rule, used by ``make serve`` and written to ``_headers``:
fingerprinted files (and Pagefind's content-hashed index files) are immutable for a year;
everything else (HTML, pagefind.js, images, JSON) is revalidated on every use.

``minify_own_assets`` runs in each language build: our own stylesheets and scripts without
their comments and indentation.

No MkDocs imports.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

import rcssmin
import rjsmin

from .problems import Problem, ProblemsFound
from .urls import TRANSLATED_LANGUAGE, prefix

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# name.<8+ hex>.(min.)css|js under assets/ (Material's bundle, the purged main.css, ours after
# fingerprint()); Pagefind's index chunks, fragments and per-language metadata carry a content hash.
FINGERPRINTED = (
    re.compile(r"^assets/.+\.[0-9a-f]{8,}(\.min)?\.(css|js|svg|png)$"),
    re.compile(r"^pagefind/(index|fragment)/[a-z-]+_[0-9a-f]{6,}\.pf_(index|fragment)$"),
    re.compile(r"^pagefind/pagefind\.[a-z-]+_[0-9a-f]{6,}\.pf_meta$"),
)
# An attribute that holds an address. Whether the name starts there (not "data-href") is checked
# by the caller: as a lookbehind at the start of the pattern it made the scan four times slower.
URL_ATTR = re.compile(r"""((?:href|src|data-sesguide-[a-z-]+)=")([^"]*)(")""")


def cache_control(rel: str) -> str:
    """Cache-Control for the site file at `rel` (a path relative to the site root, no leading /)."""
    return IMMUTABLE if any(p.match(rel) for p in FINGERPRINTED) else REVALIDATE


def _relink(page_rel: str, url: str, site_path: str, lang_prefix: str) -> str:
    """The URL `url` on page `page_rel` with <lang_prefix>assets/... replaced by assets/..."""
    if "assets/" not in url and "assets/" not in page_rel:  # most links: pages, anchors, other sites
        return url
    if url.startswith(site_path + lang_prefix + "assets/"):
        return site_path + url[len(site_path + lang_prefix) :]
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", url):
        return url
    base = posixpath.dirname(page_rel)
    target = posixpath.normpath(posixpath.join(base, url.split("#")[0].split("?")[0]))
    if not target.startswith(lang_prefix + "assets/"):
        return url
    rest = url[len(url.split("#")[0].split("?")[0]) :]
    return posixpath.relpath(target[len(lang_prefix) :], base or ".") + rest


# Material's JavaScript bundle and its source map: no page loads them (overrides/main.html).
THEME_BUNDLE = re.compile(r"^bundle\.[0-9a-f]{8}\.min\.js(\.map)?$")


def drop_theme_bundle(site: Path) -> list[str]:
    """Delete every copy of Material's bundle (each language build writes one); returns the paths.
    Runs before the CSS purge, so a rule only the bundle's script could use is purged too."""
    gone = sorted(
        p for p in site.rglob("*") if p.is_file() and p.parent.name == "javascripts" and THEME_BUNDLE.match(p.name)
    )
    for p in gone:
        p.unlink()
    return [p.relative_to(site).as_posix() for p in gone]


def share(site: Path, lang_prefix: str = prefix(TRANSLATED_LANGUAGE)) -> int:
    """Delete the second language's copy of the theme (its pages are pointed at the first
    language's copy by ``relink``); returns the files removed."""
    theirs = site / lang_prefix / "assets"
    if not theirs.is_dir():
        return 0
    problems = []
    removed = 0
    for f in sorted(p for p in theirs.rglob("*") if p.is_file()):
        rel = f.relative_to(theirs)
        ours = site / "assets" / rel
        if not ours.exists():
            ours.parent.mkdir(parents=True, exist_ok=True)
            f.rename(ours)
        elif ours.read_bytes() == f.read_bytes():
            f.unlink()
            removed += 1
        else:
            problems.append(
                Problem(
                    f"site/{lang_prefix}assets/{rel.as_posix()}",
                    None,
                    f"differs from site/assets/{rel.as_posix()}: the language builds disagree about a theme file",
                    "Both languages share one copy of the theme; make the file the same in both builds "
                    "(language-specific text belongs in data/ui.yml, not in assets).",
                )
            )
    if problems:
        raise ProblemsFound(problems, "The theme assets could not be shared")
    for d in sorted((p for p in theirs.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        d.rmdir()
    theirs.rmdir()
    return removed


def fingerprint(site: Path) -> dict[str, str]:
    """Rename our own assets to name.<hash>.ext (``relink`` points the pages at the new names);
    returns old -> new paths, relative to the site."""
    renames = {}
    own = sorted(
        p
        for d in ("assets/stylesheets", "assets/javascripts", "assets/images")
        for p in (site / d).glob("*")
        if p.suffix in (".css", ".js", ".svg", ".png") and not FINGERPRINTED[0].match(p.relative_to(site).as_posix())
    )
    for f in own:
        rel = f.relative_to(site).as_posix()
        digest = hashlib.sha256(f.read_bytes()).hexdigest()[:10]
        new = f.with_name(f"{f.stem}.{digest}{f.suffix}")
        f.rename(new)
        renames[rel] = new.relative_to(site).as_posix()
    return renames


def relink(
    site: Path,
    site_path: str = "/",
    fingerprints: dict[str, str] | None = None,
    stylesheets: dict[str, str] | None = None,
    lang_prefix: str = prefix(TRANSLATED_LANGUAGE),
) -> int:
    """Point every page at the assets as they are now, in one pass (each page is read and written
    at most once): the second language's pages at the shared theme (``share``), every page at our
    fingerprinted assets (``fingerprint``: old -> new path) and at the purged theme stylesheets
    (csspurge: old -> new file name). Returns the pages rewritten."""
    fingerprints = fingerprints or {}
    renamed = re.compile("(" + "|".join(re.escape(r) for r in fingerprints) + r')(?=["?#])') if fingerprints else None
    written = 0
    for page in site.rglob("*.html"):
        page_rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        new = text
        if page_rel.startswith(lang_prefix):

            def shared(m: re.Match[str], rel: str = page_rel, text: str = new) -> str:
                if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"):
                    return m.group(0)  # part of another attribute's name
                return m.group(1) + _relink(rel, m.group(2), site_path, lang_prefix) + m.group(3)

            new = URL_ATTR.sub(shared, new)
        if renamed is not None:
            new = renamed.sub(lambda m: fingerprints[m.group(1)], new)
        for old, name in (stylesheets or {}).items():
            new = new.replace(f"/stylesheets/{old}", f"/stylesheets/{name}")
        if new != text:
            page.write_text(new, encoding="utf-8")
            written += 1
    return written


def headers_file(site: Path, security: dict[str, str]) -> str:
    """_headers (Netlify / Cloudflare Pages syntax): the security headers on every path, and a year
    of caching on every fingerprinted file (listed one by one, so no wildcard can catch a file that
    must revalidate). Hosts revalidate everything else by default (HOSTING.md)."""
    lines = ["/*\n"] + [f"  {k}: {v}\n" for k, v in security.items()]
    immutable = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and cache_control(p.relative_to(site).as_posix()) == IMMUTABLE
    )
    dirs = {posixpath.dirname(r) for r in immutable if r.startswith(("pagefind/index/", "pagefind/fragment/"))}
    for d in sorted(dirs):
        lines += [f"/{d}/*\n", f"  Cache-Control: {IMMUTABLE}\n"]
    for r in immutable:
        if posixpath.dirname(r) not in dirs:
            lines += [f"/{r}\n", f"  Cache-Control: {IMMUTABLE}\n"]
    return "".join(lines)


def minify_own_assets(site_dir: Path) -> None:
    """Our stylesheet and script keep their explanatory comments in overrides/; readers get them
    without comments and indentation (about a kilobyte less on every first view)."""
    for rel in (
        "assets/stylesheets/sesguide.css",
        "assets/javascripts/sesguide.js",
        "assets/stylesheets/planner.css",
        "assets/javascripts/planner.js",
        "assets/stylesheets/sesguide-search.css",
        "assets/javascripts/sesguide-search.js",
    ):
        f = site_dir / rel
        if f.exists():  # the libraries keep strings and regular expressions intact, unlike a regex would
            minify = rcssmin.cssmin if f.suffix == ".css" else rjsmin.jsmin
            f.write_text(minify(f.read_text(encoding="utf-8")).strip() + "\n", encoding="utf-8")
