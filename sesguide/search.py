"""Site search with Pagefind: what is indexed and how it is weighted (searchindex.py runs Pagefind).

The site has one bundle, ``pagefind/``, with one index per language: Pagefind reads each page's
``<html lang>``, so English and Swedish pages never share an index, and it stems Swedish words
with the Swedish Snowball stemmer ("intervjuerna" finds "intervju"). It folds accents itself
("resume" finds "résumé").

What a page contributes to its index is decided here, on the HTML each language build writes
(``mark_page``, called by the hook for every content page):

- only the article is indexed (``data-pagefind-body``): not the navigation, header, footer or
  table of contents; the 404 pages and the redirect stubs have no marked article, so Pagefind
  skips them;
- the block every page ends with (sources cited, review date, how to cite the page; it starts at
  the ``page-sources`` heading) is left out (``data-pagefind-ignore``): every page cites sources,
  so it would make every page match the words of every source title;
- reference pages (Sources, Glossary, translation status, API, about the site, the applicants'
  questions, the résumé planner and the change log) mention every topic
  in passing; their text gets a low weight, so the page that explains a topic ranks above them;
  the superseded 2006 qualifications get a lower weight than the current ones of the same name;
- on the two long reference lists, only what names an entry is indexed: on Sources, each source's
  title (not its publisher line, address, ID and notes, 207 entries); in the glossary, each term
  and its explanation (not the line of source titles it cites). The rest made those pages match
  almost any query, and every such result costs the reader the page's whole text to download
  (Pagefind's fragment: 23 KiB for Sources before, for an excerpt of one line);
- a section heading shared by several pages of a language counts as body text
  (``demote_repeated_headings``, on each language's pages before they are indexed);
- the expansion of each acronym (``<abbr title>``) is indexed with it; the heading permalinks
  ("¶") are not.

No MkDocs imports: the hook passes the HTML in and writes what comes back.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import DEFAULT_LANGUAGE

# Reference pages (by source path): their words count this much (Pagefind's weight of body text is 1,
# its headings 7 (h1) to 2 (h6)).
REFERENCE_PAGES = {
    "sources.md": 0.2,
    "glossary.md": 0.4,
    "translation-status.md": 0.1,
    "api.md": 0.2,
    "about-site.md": 0.3,
    # the applicants' FAQ answers every topic briefly and links to the page on it;
    # the planner is a tool that names every qualification
    "prepare/questions.md": 0.3,
    "prepare/planner.md": 0.5,
    # the change log summarises every change, so it names the topics of every page it changed
    "whats-new.md": 0.3,
}
# The superseded qualifications (2006 to 2025) rank below the current ones of the same name.
SUPERSEDED = ("ecqs/2006/", 0.6)
# The details of each entry on the reference lists (see the module docstring): a pattern for the
# start of the paragraph to leave out, whose first group is kept.
LIST_DETAILS = {
    "sources.md": re.compile(r"(</h3>\s*)<p>"),
    "glossary.md": re.compile(r'()<p>(?=<a href="(?:\.\./)*sources/#)'),
}
ARTICLE = '<article class="md-content__inner md-typeset">'
PAGE_SOURCES = re.compile(r'<h2 id="page-sources">')
ARTICLE_END = "</article>"
BUNDLE = "pagefind"


def mark_page(html: str, src_path: str) -> str:
    """Mark what Pagefind indexes in one built page (see the module docstring)."""
    start = html.find(ARTICLE)
    if start < 0:
        return html
    end = html.find(ARTICLE_END, start)
    if end < 0:
        return html
    inner = html[start + len(ARTICLE) : end]
    m = PAGE_SOURCES.search(inner)
    if m:
        inner = inner[: m.start()] + '<div data-pagefind-ignore="all">' + inner[m.start() :] + "</div>"
    # The "¶" permalink of each heading is not part of the heading's text.
    inner = inner.replace('<a class="headerlink"', '<a data-pagefind-ignore class="headerlink"')
    # An acronym's expansion (its <abbr title>, the tooltip readers see) is searchable too, so
    # "executive resources board" finds the pages that write "ERB".
    inner = inner.replace("<abbr title=", '<abbr data-pagefind-index-attrs="title" title=')
    details = LIST_DETAILS.get(src_path)
    if details:
        inner = details.sub(r"\1<p data-pagefind-ignore>", inner)
    weight = REFERENCE_PAGES.get(src_path)
    if weight is None and src_path.startswith(SUPERSEDED[0]):
        weight = SUPERSEDED[1]
    if weight is not None:
        inner = f'<div data-pagefind-weight="{weight}">' + inner + "</div>"
    opening = '<article class="md-content__inner md-typeset" data-pagefind-body>'
    return html[:start] + opening + inner + html[end:]


# (also a heading demoted by an earlier run: a preview rebuilds only the edited page and runs again)
HEADING_RE = re.compile(r'<(h[2-6])(?: data-pagefind-weight="1")? id="([^"]+)"')
DEMOTED = ' data-pagefind-weight="1"'

REPEATED = 3  # a heading text on this many pages of a language or more counts as body text


def _heading_texts(html: str) -> list[tuple[int, str, bool]]:
    """(offset of the heading tag, its visible text, already demoted) of every h2-h6 in the marked
    article."""
    out = []
    for m in HEADING_RE.finditer(html):
        end = html.find(f"</{m.group(1)}>", m.end())
        text = re.sub(r"<a data-pagefind-ignore[^>]*>.*?</a>|<[^>]+>", "", html[m.end() : end])
        out.append((m.start(), " ".join(text.split()).lower(), DEMOTED in m.group(0)))
    return out


def demote_repeated_headings(site: Path, lang_dirs: dict[str, str]) -> int:
    """A section heading that several pages share ("Showing it in the 2-page résumé" on every
    qualification page) does not tell the pages apart; left at Pagefind's heading weight it lets
    five such pages outrank the one page that explains the topic. Such headings are indexed with
    the weight of body text. Returns the number of headings demoted."""
    demoted = 0
    for lang, prefix in lang_dirs.items():
        pages = [
            p
            for p in site.glob(prefix + "**/index.html")
            if lang != DEFAULT_LANGUAGE
            or not any(p.relative_to(site).as_posix().startswith(o) for o in lang_dirs.values() if o)
        ]
        texts = {}
        for p in pages:
            html = p.read_text(encoding="utf-8")
            if "data-pagefind-body" in html:
                texts[p] = (html, _heading_texts(html))
        counts: dict[str, int] = {}
        for _, heads in texts.values():
            for t in {t for _, t, _ in heads}:
                counts[t] = counts.get(t, 0) + 1
        for p, (html, heads) in texts.items():
            spots = [off for off, t, done in heads if counts[t] >= REPEATED and not done]
            if not spots:
                continue
            for off in sorted(spots, reverse=True):
                html = html[: off + 3] + DEMOTED + html[off + 3 :]
                demoted += 1
            p.write_text(html, encoding="utf-8")
    return demoted
