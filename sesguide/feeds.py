"""The change log published: an Atom 1.0 feed per language and /api/v1/changes.json.

Output depends only on data/changes.yml, the page titles and the site URL, never on the clock:
the feed's `updated` is its newest entry's date, so the same sources give the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .changes import WHATS_NEW, entry_id, feed_url, target_url
from .urls import LANGUAGES, canonical

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k.replace("_", ":"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def atom(entries: list[dict], lang: str, site_url: str, titles: dict, text: dict) -> str:
    """The Atom feed of one language. `titles` maps (lang, path) to the page title; `text` holds this
    language's interface strings (data/ui.yml: feed_title, feed_subtitle, site_name, change_<kind>)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _add(feed, "id", f"{entry_id({'id': 'feed'}, lang)}")
    _add(feed, "title", text["feed_title"])
    _add(feed, "subtitle", text["feed_subtitle"])
    _add(feed, "updated", _timestamp(max(e["date"] for e in entries)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url(site_url, lang))
    _add(feed, "link", rel="alternate", type="text/html", href=canonical(site_url, WHATS_NEW, lang))
    author = _add(feed, "author")
    _add(author, "name", text["site_name"])
    _add(author, "uri", canonical(site_url, "index.md", lang))
    for e in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(e, lang))
        path, anchor = e["targets"][0]
        kind = text[f"change_{e['kind']}"]
        _add(entry, "title", f"{kind}: {titles[(lang, path)]}")
        _add(entry, "updated", _timestamp(e["date"]))
        _add(entry, "published", _timestamp(e["date"]))
        _add(entry, "link", rel="alternate", type="text/html", href=target_url(site_url, path, anchor, lang))
        for path, anchor in e["targets"][1:]:
            _add(
                entry,
                "link",
                rel="related",
                type="text/html",
                href=target_url(site_url, path, anchor, lang),
                title=titles[(lang, path)],
            )
        _add(entry, "category", term=e["kind"], label=kind)
        _add(entry, "summary", e["summary"][lang], type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def changes_json(entries: list[dict], site_url: str, titles: dict) -> dict:
    """The entries of /api/v1/changes.json with absolute URLs in both languages (schemas/changes.schema.json);
    finalize adds the fields every API file has."""
    return {
        "changes": [
            {
                "id": e["id"],
                "date": e["date"],
                "kind": e["kind"],
                "summary": {lang: e["summary"][lang] for lang in LANGUAGES},
                "pages": [
                    {
                        "page": path,
                        "anchor": anchor,
                        "title": {lang: titles[(lang, path)] for lang in LANGUAGES},
                        "url": {lang: target_url(site_url, path, anchor, lang) for lang in LANGUAGES},
                    }
                    for path, anchor in e["targets"]
                ],
                "sources": list(e["sources"]),
            }
            for e in entries
        ],
        "feeds": {lang: feed_url(site_url, lang) for lang in LANGUAGES},
    }
