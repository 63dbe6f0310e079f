"""Report sections on page weight (e): first view, twin page and first search in Chromium, Lighthouse."""

from __future__ import annotations

from typing import Any

from sesguide.server import COMPRESSED

from .common import KIB

# First view, twin page and first search before Pagefind and the shared theme (issue 15), measured
# the same way (tools/bench/browser.py on the build of commit 0660791, 2026-12-01): Material's lunr
# index was part of every first view, and the Swedish pages had their own copy of the theme.
BEFORE: dict[str, Any] = {
    "commit": "0660791",
    "en": {
        "first_typical": 119.2,
        "first_worst": 128.9,
        "first_worst_page": "/sources/",
        "twin_worst": 143.4,
        "search": 0.0,
    },
    "sv": {
        "first_typical": 132.6,
        "first_worst": 143.4,
        "first_worst_page": "/sv/sources/",
        "twin_worst": 128.9,
        "search": 0.0,
    },
    "lighthouse": {
        "/": (100, 96, 100, 100),
        "/sv/": (99, 96, 100, 100),
        "/sources/": (93, 96, 100, 100),
        "/sv/sources/": (81, 96, 100, 100),
    },
}


def search_parts_section(s: dict) -> list[str]:
    """The heaviest first search of each language, part by part, and why it exceeds the target."""
    worst = {x: max(s[x]["search"], key=lambda q: q["gzip"]) for x in ("en", "sv") if s[x].get("search")}
    if not worst or not all("parts" in q for q in worst.values()):
        return []
    names = list(dict.fromkeys(p["part"] for q in worst.values() for p in q["parts"]))
    L = ["", "The heaviest first search of each language, part by part:", ""]
    L.append("| part | " + " | ".join(f"{x} “{q['query']}”" for x, q in worst.items()) + " |")
    L.append("|---|" + "---|" * len(worst))

    def cell(q, name):
        p = next((p for p in q["parts"] if p["part"] == name), None)
        return f"{p['gzip'] / KIB:.1f} KiB ({p['files']} file{'s' if p['files'] > 1 else ''})" if p else "–"

    for name in names:
        L.append(f"| {name} | " + " | ".join(cell(q, name) for q in worst.values()) + " |")
    L.append("| **total** | " + " | ".join(f"**{q['gzip'] / KIB:.1f} KiB**" for q in worst.values()) + " |")

    def part(q, prefix):
        return sum(p["gzip"] for p in q["parts"] if p["part"].startswith(prefix))

    code = {x: part(q, "Pagefind's WebAssembly") + part(q, "Pagefind's script") for x, q in worst.items()}
    L.append("")
    L.append(
        "Why the target of 80 KiB is out of reach with Pagefind (which the issue requires): its WebAssembly "
        "module and its script alone are "
        + " / ".join(f"{code[x] / KIB:.1f} KiB ({x})" for x in code)
        + ", before any index or result. The module is the search engine itself, compiled from Rust and "
        "already gzip-compressed by Pagefind (recompressing or `wasm-opt -Oz` saves under 1 %); the per-language "
        "module differs only by its stemmer (the one without a stemmer is 2–4 KiB smaller, but stemming is "
        "required in both languages). `pagefind.js` is the module's loader and Pagefind's query code. No "
        "other Pagefind release meets the target either (measured on 2026-12-01, gzip -9 of what each "
        "release writes for an English and a Swedish page; module en / sv + script): 1.2.0 69.0 / 67.0 + "
        "9.6 KiB, 1.3.0 69.3 / 67.2 + 9.6 KiB, 1.4.0 54.4 / 52.6 + 9.8 KiB, 1.5.2 70.6 / 68.6 + 12.5 KiB. "
        "1.4.0's module is 16 KiB smaller, but that release cannot split the index into small chunks "
        "(the setting came with 1.5): its chunks for this site are 35–39 KiB each, so its first search "
        "(over 100 KiB with its script, our dialog and one chunk, before any result) is no lighter than "
        "1.5.2's. What the site controls "
        "is what remains, and it is small: the search runs on the page, not in Pagefind's worker, which would "
        "repeat `pagefind.js` (11.6 KiB more); the index is split into chunks of 2–6 KiB instead of 28–42 KiB "
        "(`sesguide/searchindex.py`, INDEX_CHUNK_SIZE), and a search fetches only the chunks where its words sort; "
        "only the 3 results shown fetch their text (more on request), and the long lists of the Sources and "
        "glossary pages are indexed by entry name only, so their fragments are 8–9 KiB instead of 9–26 KiB. "
        "Before these changes (commit "
        "002a4bc, the first Pagefind build, measured the same way) a first search took 176.3 / 187.2 KiB (en "
        "“salary” / “executive core qualifications”) and 143.1 / 160.8 KiB (sv “lönen” / "
        "“kvalifikationsprövningsnämnden”): the worker 11.6 KiB, one or two index chunks of 28–42 KiB "
        "each, and up to 9 fragments (6 per query, and those of queries the reader had typed past)."
    )
    return L


def weight_section(r: dict) -> list[str]:
    """(e): what a reader downloads, measured in Chromium, against the build before issue 15."""
    s = r["browser"]["summary"]
    L = ["", "## Page weight in the browser (e), gzip -9", ""]
    L.append(
        "Chromium (the system /usr/bin/chromium, 412 × 823 viewport) loads every content page of both "
        "languages from the local server with the production headers, each with an empty cache, and "
        "everything it fetches until the network is idle is counted, each response at the gzip -9 size of "
        "the file served (`tools/bench/browser.py`; the server counts, so a file the browser takes from its "
        "own cache counts nothing). Twin page: right after that first view, the language switcher is "
        "clicked and the new downloads are counted. First search: on the language's home page after its "
        "first view, `/` opens the search and a query is typed; everything fetched until the results are "
        "in and the network is idle is counted (the search code, Pagefind's WebAssembly, the index chunks "
        "and the result fragments)."
    )
    L.append("")
    L += _browser_table(s)
    L += search_parts_section(s)
    L.append("")
    L += _before(BEFORE)
    L.append("")
    L += _file_tables(r)
    L += lighthouse_section(r)
    return L


def _browser_table(s: dict) -> list[str]:
    """One column per language; a first-search row per query, in its language's column."""
    L: list[str] = []
    L.append("| | English | Swedish |")
    L.append("|---|---|---|")
    L.append(f"| content pages | {s['en']['pages']} | {s['sv']['pages']} |")
    L.append(
        "| first view, typical (median) | "
        + " | ".join(f"{s[x]['first_typical'] / KIB:.1f} KiB ({s[x]['first_typical_page']})" for x in ("en", "sv"))
        + " |"
    )
    L.append(
        "| first view, heaviest page | "
        + " | ".join(f"{s[x]['first_worst'] / KIB:.1f} KiB ({s[x]['first_worst_page']})" for x in ("en", "sv"))
        + " |"
    )
    L.append(
        "| twin page after one page, median / worst | "
        + " | ".join(f"{s[x]['twin_typical'] / KIB:.1f} / {s[x]['twin_worst'] / KIB:.1f} KiB" for x in ("en", "sv"))
        + " |"
    )
    for x in ("en", "sv"):
        for q in s[x]["search"]:
            L.append(
                f"| first search ({x}) “{q['query']}” | "
                + (
                    f"{q['gzip'] / KIB:.1f} KiB, {q['requests']} requests | – |"
                    if x == "en"
                    else f"– | {q['gzip'] / KIB:.1f} KiB, {q['requests']} requests |"
                )
            )
    return L


def _before(b: dict) -> list[str]:
    """The same measurements on the build before Pagefind and the shared theme, for comparison."""
    L: list[str] = []
    L.append(
        f"**Before** (commit {b['commit']}, Material's lunr search and a theme copy per language, measured the "
        "same way): first view typical "
        + " / ".join(f"{b[x]['first_typical']:.1f} KiB ({x})" for x in ("en", "sv"))
        + ", heaviest "
        + " / ".join(f"{b[x]['first_worst']:.1f} KiB ({b[x]['first_worst_page']})" for x in ("en", "sv"))
        + "; the twin page downloaded everything again, up to "
        + " / ".join(f"{b[x]['twin_worst']:.1f} KiB ({x})" for x in ("en", "sv"))
        + "; a first search fetched nothing more because every first view had already downloaded the whole "
        "index (49.8 KiB en / 59.8 KiB sv gzip). Lighthouse mobile (performance / accessibility / best "
        "practices / SEO): "
        + "; ".join(f"{p} {'/'.join(str(v) for v in sc)}" for p, sc in b["lighthouse"].items())
        + " (accessibility 96 everywhere: Material's search dialog had no accessible name)."
    )
    return L


def _file_tables(r: dict) -> list[str]:
    """File by file, from the build output (not the browser), for the typical pages of WEIGHT_PAGES."""
    L: list[str] = []
    if r.get("weight", {}).get("pages"):
        L.append("File by file (from the build output; what the HTML references), for a typical content page:")
        L.append("")
        for w in r["weight"]["pages"]:
            L.append(f"**{w['page']}**: {w['total_gzip'] / KIB:.1f} KiB gzip ({w['total_bytes'] / KIB:.1f} KiB raw)")
            L.append("")
            L.append("| file | kind | raw | gzip |")
            L.append("|---|---|---|---|")
            for f in sorted(w["files"], key=lambda f: -f["gzip"]):
                L.append(f"| {f['file']} | {f['kind']} | {f['bytes'] / KIB:.1f} KiB | {f['gzip'] / KIB:.1f} KiB |")
            L.append("")
    return L


def lighthouse_section(r: dict) -> list[str]:
    """Lighthouse's mobile scores and its two timing metrics for the pages (e) picked.

    Lighthouse's timings depend on the bytes sent over its simulated slow 4G, so the note says
    what the server compresses (the same list sesguide/server.py uses)."""
    L: list[str] = []
    if r.get("lighthouse"):
        L.append("### Lighthouse (mobile)")
        L.append("")
        L.append(
            "npm `lighthouse` with its default mobile preset (emulated phone, simulated slow 4G, 4× CPU "
            "slowdown) on Debian's Chromium, headless, against the local server, which sends "
            + ", ".join(sorted(ext.lstrip(".").upper() for ext in COMPRESSED))
            + " files gzip-compressed (level 9) when the browser accepts it, as static hosts compress text; "
            "the typical and the heaviest page of each language by first-view weight."
        )
        L.append("")
        L.append("| page | performance | accessibility | best practices | SEO | LCP | TBT | failing audits |")
        L.append("|---|---|---|---|---|---|---|---|")
        for x in r["lighthouse"]:
            if "scores" not in x:
                L.append(f"| {x['page']} | error: {x.get('error', '?')} | | | | | | |")
                continue
            sc, m = x["scores"], x.get("metrics", {})
            L.append(
                f"| {x['page']} | {sc['performance']} | {sc['accessibility']} | {sc['best-practices']} | {sc['seo']} | "
                f"{(m.get('largest-contentful-paint') or 0) / 1000:.2f} s | {m.get('total-blocking-time') or 0:.0f} ms | "
                f"{', '.join(x['failing']) or '–'} |"
            )
        L.append("")
    return L
