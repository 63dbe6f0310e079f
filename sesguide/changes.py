"""The change log (data/changes.yml): what changed on which page, when, of what kind, and why.

One data file feeds the "What's new" page, each page's "Changes to this page" list, an Atom feed
per language and /api/v1/changes.json. The source check keeps it honest:

- every entry is well formed (JSON Schema, sesguide.schema), names pages and heading IDs that exist, sources
  that exist, and a summary in both languages;
- every English page's `last_reviewed` date has an entry for that page on that date, so moving
  the date means saying what changed;
- an English page whose text changed since its Swedish translation (the Swedish page is
  outdated; a typo fix is re-stamped instead, see CONTRIBUTING.md) has an entry dated on or
  after that translation.
"""

from __future__ import annotations

import datetime as dt

from . import freshness, redirects, yamlload
from .problems import Problem, ProblemsFound
from .schema import DATE, ID, LANG_TEXT, list_of, record, text, validate
from .urls import SOURCE_LANGUAGE, TRANSLATED_LANGUAGE, canonical, lang_root

FILE = "data/changes.yml"
FEED = "feed.xml"  # each language's Atom feed, at its root: /feed.xml, /sv/feed.xml
WHATS_NEW = "whats-new.md"
KINDS = ("rule-change", "correction", "new-content", "clarification")
# Atom entry IDs must never change, whatever host the site moves to: a tag URI (RFC 4151) with
# the project's name as authority, not the site URL.
TAG_AUTHORITY = "tag:ses-guide.github.io,2026:change"

PAGE_REF = text(
    r"^[a-z0-9][a-z0-9/-]*\.md(#[a-z0-9]+(?:-[a-z0-9]+)*)?$",
    fix="Name a page by its path below docs/en, with '#heading-id' where the change is narrower: "
    "qrb.md or qrb.md#suspension.",
)
ENTRY = record(
    {
        "id": (ID, True),
        "date": (DATE, True),
        "kind": (text(enum=KINDS), True),
        "pages": (list_of(PAGE_REF, min_items=1, unique=True), True),
        "summary": (LANG_TEXT, True),
        "sources": (list_of(ID, unique=True), True),
    }
)
SCHEMA = record({"changes": (list_of(ENTRY, min_items=1), True)})


def load(root) -> list[dict]:
    """The entries of data/changes.yml, newest first; ProblemsFound naming file and line on a fault."""
    value = yamlload.load(root / "data" / "changes.yml", root)
    problems = validate(value, SCHEMA, FILE)
    if problems:
        raise ProblemsFound(problems, "The change log has problems")
    seen: dict = {}
    for item in value["changes"]:
        if item["id"] in seen:
            problems.append(
                Problem(
                    FILE,
                    getattr(item, "line", None),
                    f"change ID '{item['id']}' is used twice (first at line {seen[item['id']]})",
                    "Give each entry its own ID; never reuse one.",
                )
            )
        seen.setdefault(item["id"], getattr(item, "line", None))
        try:
            dt.date.fromisoformat(item["date"])
        except ValueError:
            problems.append(
                Problem(
                    FILE,
                    item.key_lines.get("date"),
                    f"{item['id']}: '{item['date']}' is not a real date",
                    "Write the date the pages changed as YYYY-MM-DD.",
                )
            )
    if problems:
        raise ProblemsFound(problems, "The change log has problems")
    try:
        moved = redirects.load(root)
    except ProblemsFound:  # reported by the source check's redirect rules
        moved = redirects.Redirects()
    entries = [
        dict(item, line=getattr(item, "line", None), targets=[_follow(_split(p), moved) for p in item["pages"]])
        for item in value["changes"]
    ]
    return sorted(entries, key=lambda e: e["date"], reverse=True)  # stable: a day's entries keep file order


def _split(ref: str) -> tuple[str, str | None]:
    path, _, anchor = ref.partition("#")
    return path, anchor or None


def _follow(target: tuple[str, str | None], moved: redirects.Redirects) -> tuple[str, str | None]:
    """Where a page or section named in the log is now: entries are never rewritten, so a moved
    page or a renamed heading (data/redirects.yml) is followed to its current path and ID."""
    path, anchor = target
    seen = {path}
    while path in moved.pages and moved.pages[path] not in seen:
        path = moved.pages[path]
        seen.add(path)
    if anchor:
        anchor = moved.anchors.get(path, {}).get(anchor, anchor)
    return path, anchor


def check(entries: list[dict], pages: dict, source_ids: set, today: dt.date | None = None) -> list[Problem]:
    """Cross-checks against the pages ({(lang, path): Page}) and the source register. A page that
    exists in one language only is reported by the twin check, not again here."""
    out: list[Problem] = []
    today = today or dt.date.today()
    for e in entries:
        if dt.date.fromisoformat(e["date"]) > today:
            out.append(
                Problem(
                    FILE,
                    e["line"],
                    f"{e['id']}: the date {e['date']} is in the future",
                    "Date an entry on the day its pages changed.",
                )
            )
        for path, anchor in e["targets"]:
            page = pages.get((SOURCE_LANGUAGE, path))
            if page is None and (TRANSLATED_LANGUAGE, path) in pages:
                continue
            if page is None:
                out.append(
                    Problem(
                        FILE,
                        e["line"],
                        f"{e['id']}: page '{path}' does not exist",
                        "Name a page by its path below docs/en, e.g. qrb.md or ecqs/index.md.",
                    )
                )
            elif anchor and anchor not in {h.id for h in page.headings}:
                out.append(
                    Problem(
                        FILE,
                        e["line"],
                        f"{e['id']}: '{path}' has no heading '#{anchor}'",
                        f"Use a heading ID of {page.file}, or name the page without '#'.",
                    )
                )
        for sid in e["sources"]:
            if sid not in source_ids:
                out.append(
                    Problem(
                        FILE,
                        e["line"],
                        f"{e['id']}: unknown source ID '{sid}'",
                        "Add the source to data/sources.yml or correct the ID.",
                    )
                )
    return out


def check_logged(entries: list[dict], pages: dict) -> list[Problem]:
    """Every English page's review date, and every change of meaning since its translation, is in the log."""
    dates: dict[str, set] = {}
    for e in entries:
        for path, _ in e["targets"]:
            dates.setdefault(path, set()).add(e["date"])
    out = []
    for (lang, path), page in sorted(pages.items()):
        if lang != SOURCE_LANGUAGE:
            continue
        reviewed = str(page.meta.get("last_reviewed", ""))
        logged = dates.get(path, set())
        line = page.meta_lines.get("last_reviewed")
        if reviewed and reviewed not in logged:
            out.append(
                Problem(
                    page.file,
                    line,
                    f"last_reviewed {reviewed} has no entry in {FILE} for {path}",
                    f'Add an entry to {FILE} with date: "{reviewed}", pages: [{path}] (a heading ID '
                    "after '#' where the change is narrower), the kind, a one-sentence summary in "
                    "English and Swedish, and its sources.",
                )
            )
        sv = pages.get((TRANSLATED_LANGUAGE, path))
        recorded = freshness.recorded(sv.meta) if sv else None
        if not sv or not recorded or recorded == freshness.fingerprint(page.text):
            continue
        translated = str(sv.meta.get("last_reviewed", ""))
        if not any(d >= translated for d in logged):
            out.append(
                Problem(
                    page.file,
                    None,
                    f"the English text changed after the Swedish translation of {translated}, "
                    f"but {FILE} has no entry for {path} since then",
                    f"Add an entry to {FILE} for {path} dated today and set last_reviewed to that "
                    f"date. If the change is a typo fix, re-stamp instead: make translation-stamp "
                    f"PAGE={path}.",
                )
            )
    return out


def for_page(entries: list[dict], path: str) -> list[dict]:
    """The entries that touch a page, newest first, each with the page's anchors it names."""
    out = []
    for e in entries:
        anchors = [a for p, a in e["targets"] if p == path]
        if anchors:
            out.append(dict(e, anchors=[a for a in anchors if a]))
    return out


def target_url(site_url: str, path: str, anchor: str | None, lang: str) -> str:
    return canonical(site_url, path, lang) + (f"#{anchor}" if anchor else "")


def entry_id(entry: dict, lang: str) -> str:
    return f"{TAG_AUTHORITY}:{entry['id']}:{lang}"


def feed_url(site_url: str, lang: str) -> str:
    return lang_root(site_url, lang) + FEED
