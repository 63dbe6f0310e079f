"""The Markdown shape limits (sesguide.limits) keep the worst page they allow inert: it renders with
the site's own Markdown extensions in a separate process that must finish within the time bound
(it would take minutes, or crash with a RecursionError, without the limits). One step past each
limit is refused by the source check."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from projectkit import ROOT

from sesguide import limits, sourcefiles
from sesguide import pages as pagemod

PAGE = sourcefiles.MAX_PAGE_BYTES


def _fill(block: str, max_blocks: int | None = None) -> str:
    n = PAGE // len(block.encode())
    return block * (min(n, max_blocks) if max_blocks else n)


B = limits.MAX_BRACKETS_PER_BLOCK
ABBRS = "".join(f"*[A{i}]: x\n" for i in range(limits.MAX_ABBREVIATIONS)) + "\n"
WORST = {
    "open brackets": _fill("[a " * B + "\n\n", limits.MAX_BRACKETS_PER_PAGE // B),
    "nested brackets": _fill("[" * B + "a" + "]" * B + "\n\n", limits.MAX_BRACKETS_PER_PAGE // B),
    "nested quotes": _fill("> " * limits.MAX_NESTING + "x\n\n"),
    "nested lists": _fill("".join("    " * i + "- x\n" for i in range(limits.MAX_NESTING + 1)) + "\n"),
    "long lines": _fill("ord " * (limits.MAX_LINE_CHARS // 4) + "\n\n"),
    "abbreviations": ABBRS + ("A1 A2 A3 " * 100 + "\n\n") * ((PAGE - len(ABBRS)) // 902),
}

RENDER = """
import sys, markdown, yaml
config = yaml.load(open(sys.argv[1]), Loader=yaml.BaseLoader)
exts = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
markdown.markdown(sys.stdin.read(), extensions=exts)
"""


class _Loose(yaml.SafeLoader):
    pass


_Loose.add_multi_constructor("!", lambda loader, suffix, node: None)


def page(text: str) -> pagemod.Page:
    return pagemod.parse("---\ntitle: x\n---\n" + text, "sv", "case.md", "docs/sv/case.md")


@pytest.mark.parametrize("name", WORST)
def test_worst_allowed_page_passes_the_limits_and_renders(name):
    text = WORST[name]
    assert len(text.encode()) <= PAGE
    assert limits.check_page(page(text)) == [], name
    r = subprocess.run(
        [sys.executable, "-c", RENDER, str(ROOT / "mkdocs.yml")], input=text, text=True, capture_output=True, timeout=90
    )
    assert r.returncode == 0, r.stderr[-2000:]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[a " * (B + 1), f"a block has more than {B} '[' characters"),
        (
            ("[a] " * B + "\n\n") * (limits.MAX_BRACKETS_PER_PAGE // B + 1),
            f"the page has more than {limits.MAX_BRACKETS_PER_PAGE:,} '[' characters (links, images)",
        ),
        (
            "> " * (limits.MAX_NESTING + 1) + "x",
            f"lists or quotes are nested more than {limits.MAX_NESTING} levels deep",
        ),
        (
            "\t" * (limits.MAX_NESTING + 1) + "- x",
            f"lists or quotes are nested more than {limits.MAX_NESTING} levels deep",
        ),
        ("x" * (limits.MAX_LINE_CHARS + 1), f"a line is longer than {limits.MAX_LINE_CHARS:,} characters"),
        (
            "".join(f"*[A{i}]: x\n" for i in range(limits.MAX_ABBREVIATIONS + 1)),
            f"the page defines more than {limits.MAX_ABBREVIATIONS} abbreviations",
        ),
    ],
)
def test_one_step_past_a_limit_is_refused(text, message):
    assert [p.message for p in limits.check_page(page(text))] == [message]


def test_the_real_pages_are_far_below_the_limits():
    for lang in ("en", "sv"):
        for path in pagemod.list_pages(ROOT / "docs", lang):
            p = pagemod.read(ROOT / "docs", lang, path, ROOT)
            assert limits.check_page(p) == [], p.file
