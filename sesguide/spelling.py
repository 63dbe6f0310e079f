"""Spell check of what readers read: the rendered text of every page, in each page's language.

Text comes from the built HTML (the article only; not code, URLs or the theme's chrome), split by
the nearest ``lang`` attribute, so an English quotation on a Swedish page is checked in English.
Words are checked with hunspell (Debian's en_US and sv_SE dictionaries) plus the project's
reviewed word lists ``data/spelling/en.txt`` and ``data/spelling/sv.txt`` (one word per line,
sorted). Unknown words are reported with the page they appear on.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from .locales import LOCALES
from .problems import Problem, ProblemsFound
from .urls import LANGUAGES, lang_page_url

DICTIONARIES = LOCALES  # hunspell dictionary per language
# del: forbidden variants shown struck out. SVG is read: a figure's labels are text readers read
# (the theme's icons carry no text).
SKIP_TAGS = {"code", "pre", "kbd", "script", "style", "del"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "param", "track"}
WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.U)


class _Text(HTMLParser):
    """Collect (lang, text) from <article> content, honouring lang attributes and skipping code."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool, str | None]] = []  # (tag, lang, skip, figure)
        self.page_lang = page_lang
        self.in_article = 0
        self.chunks: list[tuple[str, str, str | None]] = []  # (lang, text, figure and its data)

    def _lang(self) -> str:
        for _, lang, _, _ in reversed(self.stack):
            if lang:
                return lang.split("-")[0].lower()
        return self.page_lang

    def _skip(self) -> bool:
        return any(skip for _, _, skip, _ in self.stack)

    def _figure(self) -> str | None:
        return next((f for *_, f in reversed(self.stack) if f), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag in VOID:
            return
        cls = a.get("class") or ""
        skip = tag in SKIP_TAGS or "headerlink" in cls or "md-source-file" in cls
        figure = f"figure '{a['data-figure']}', {a.get('data-source', '')}" if a.get("data-figure") else None
        self.stack.append((tag, a.get("lang"), skip, figure))

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.in_article and not self._skip():
            self.chunks.append((self._lang(), data, self._figure()))


def page_words(html: str, page_lang: str, figures: dict | None = None) -> dict[str, set[str]]:
    """lang -> words of a page. ``figures``, if given, gets (lang, word) -> the figure it is in."""
    p = _Text(page_lang)
    p.feed(html)
    out: dict[str, set[str]] = {}
    for lang, text, figure in p.chunks:
        text = re.sub(r"https?://\S+|\S+@\S+", " ", text)
        text = re.sub(
            r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|gov|net|edu|io|info|us|top|wiki|pub)\b", " ", text
        )  # host names
        text = re.sub(r"^:[a-zåäö]+", " ", text)  # ":erna" after an <abbr>ECQ</abbr>
        text = re.sub(r"\b[A-ZÅÄÖ][A-ZÅÄÖ0-9/]+:[a-zåäö]+\b", " ", text)  # Swedish endings on acronyms: ECQ:erna, QRB:n
        for compound in WORD_RE.findall(text):
            for w in re.split(r"-|['’]s$", compound):  # each part of "SES-chef"; "OPM's" -> "OPM"
                if len(w) > 1 and not w.isupper():  # acronyms (SES, OPM) are explained by the termbase
                    word_lang = lang if lang in DICTIONARIES else page_lang
                    out.setdefault(word_lang, set()).add(w)
                    if figure and figures is not None:
                        figures.setdefault((word_lang, w), figure)
    return out


def word_list(root: Path, lang: str) -> Path:
    return root / "data" / "spelling" / f"{lang}.txt"


def check_word_lists(root: Path) -> list[Problem]:
    out = []
    for lang in DICTIONARIES:
        path = word_list(root, lang)
        if not path.exists():
            out.append(
                Problem(str(path.relative_to(root)), None, "word list is missing", "Create it (one word per line).")
            )
            continue
        words = [w for w in path.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]
        if words != sorted(words, key=str.casefold) or len(set(words)) != len(words):
            rel = path.relative_to(root)
            out.append(
                Problem(
                    str(rel),
                    None,
                    "word list is not sorted or has duplicates",
                    'Sort it: LC_ALL=C.UTF-8 python3 -c "import sys;'
                    "w=sorted(set(open(sys.argv[1]).read().split()),key=str.casefold);"
                    f"open(sys.argv[1],'w').write(chr(10).join(w)+chr(10))\" {rel}",
                )
            )
    return out


def hunspell_unknown(words: set[str], lang: str, personal: Path) -> set[str]:
    if not words:
        return set()
    exe = shutil.which("hunspell")
    if not exe:
        raise ProblemsFound(
            [
                Problem(
                    "hunspell",
                    None,
                    "is not installed",
                    "sudo apt-get install hunspell hunspell-en-us hunspell-sv (or run `make test` as root)",
                )
            ],
            "The spell check cannot run",
        )
    cmd = [exe, "-d", DICTIONARIES[lang], "-l", "-i", "utf-8"]
    if personal.exists():
        cmd += ["-p", str(personal)]
    r = subprocess.run(cmd, input="\n".join(sorted(words)), capture_output=True, text=True, encoding="utf-8")
    if r.returncode != 0:
        raise ProblemsFound(
            [
                Problem(
                    "hunspell",
                    None,
                    f"failed: {r.stderr.strip()}",
                    f"Check that the {DICTIONARIES[lang]} dictionary is installed.",
                )
            ],
            "The spell check cannot run",
        )
    return set(r.stdout.split())


def check_site(root: Path, site: Path, docs: Path) -> list[Problem]:
    problems = check_word_lists(root)
    by_lang: dict[str, dict[str, set[str]]] = {}  # lang -> word -> pages
    in_figure: dict[tuple[str, str], str] = {}  # (lang, word) -> the figure and its data file
    for page_lang in LANGUAGES:
        for md in sorted((docs / page_lang).rglob("*.md")):
            path = md.relative_to(docs / page_lang).as_posix()
            html = site / lang_page_url(path, page_lang) / "index.html"
            if not html.exists():
                continue
            for lang, words in page_words(html.read_text(encoding="utf-8"), page_lang, in_figure).items():
                for w in words:
                    by_lang.setdefault(lang, {}).setdefault(w, set()).add(f"docs/{page_lang}/{path}")
    for lang, where in by_lang.items():
        for w in sorted(hunspell_unknown(set(where), lang, word_list(root, lang))):
            pages = sorted(where.get(w, {"?"}))
            fig = in_figure.get((lang, w))
            problems.append(
                Problem(
                    pages[0],
                    None,
                    f"unknown {lang} word '{w}'"
                    + (f" (in {fig})" if fig else "")
                    + (f" (also on {len(pages) - 1} more page(s))" if len(pages) > 1 else ""),
                    f"Correct the spelling, or if the word is right add it to data/spelling/{lang}.txt "
                    "(sorted; reviewed in the pull request).",
                )
            )
    return problems
