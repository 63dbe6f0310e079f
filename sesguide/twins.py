"""Twin pages: every page exists in both languages, with the same heading IDs, numbers and data
markers, so /x/#a and /sv/x/#a both work and a reader gets the same facts in either language."""

from __future__ import annotations

from . import numbers
from . import pages as pagemod
from .problems import Problem
from .urls import SOURCE_LANGUAGE, other


def check_pairs(pages: dict, refused: set | frozenset = frozenset()) -> list[Problem]:
    """Every page has a twin in the other language (a refused, unread twin still counts)."""
    out = []
    for (lang, path), page in sorted(pages.items()):
        if (other(lang), path) not in pages and (other(lang), path) not in refused:
            if lang == SOURCE_LANGUAGE:
                fix = (
                    f"Create docs/sv/{path} (translate the English page, keeping its heading IDs and numbers), "
                    f"then run: make translation-stamp PAGE={path}"
                )
                out.append(Problem(page.file, None, f"the Swedish twin docs/sv/{path} is missing", fix))
            else:
                out.append(
                    Problem(
                        page.file,
                        None,
                        f"the English page docs/en/{path} is missing (orphan Swedish page)",
                        f"Remove docs/sv/{path}, or add docs/en/{path} if the page is new; "
                        "pages are written in English first.",
                    )
                )
    return out


def check_twin_headings(en: pagemod.Page, sv: pagemod.Page) -> list[Problem]:
    en_ids = {h.id: h.line for h in en.headings if h.id}
    sv_ids = {h.id: h.line for h in sv.headings if h.id}
    out = []
    for hid in sorted(set(en_ids) - set(sv_ids)):
        out.append(
            Problem(
                sv.file,
                None,
                f"heading ID '#{hid}' (English line {en_ids[hid]}) is missing in the Swedish page",
                f"Add '{{ #{hid} }}' to the matching Swedish heading; anchors must be the same in both "
                "languages so /x/#a and /sv/x/#a both work.",
            )
        )
    for hid in sorted(set(sv_ids) - set(en_ids)):
        out.append(
            Problem(
                sv.file,
                sv_ids[hid],
                f"heading ID '#{hid}' does not exist in the English page {en.file}",
                "Use the English page's heading IDs; do not invent or translate IDs.",
            )
        )
    return out


def check_twin_numbers(en: pagemod.Page, sv: pagemod.Page) -> list[Problem]:
    a, b = numbers.page_numbers(en), numbers.page_numbers(sv)
    out = []
    for tok in sorted(set(a) - set(b)):
        line, raw = a[tok][0]
        out.append(
            Problem(
                sv.file,
                None,
                f"the number '{raw}' (English line {line}) is missing in the Swedish page",
                "Write the same value in Swedish format (e.g. $151,661 -> 151 661 USD, October 1, 2025 -> "
                "1 oktober 2025, 1.4% -> 1,4 %), or correct the English page.",
            )
        )
    for tok in sorted(set(b) - set(a)):
        line, raw = b[tok][0]
        out.append(
            Problem(
                sv.file,
                line,
                f"the number '{raw}' does not appear in the English page {en.file}",
                "Check it against the English page: a mistyped or extra number.",
            )
        )
    return out


def check_markers(en: pagemod.Page, sv: pagemod.Page) -> list[Problem]:
    a = [m for m, _ in en.markers]
    b = [m for m, _ in sv.markers]
    if a != b:
        return [
            Problem(
                sv.file,
                sv.markers[0][1] if sv.markers else None,
                f"data markers differ from the English page: English {a or 'none'}, Swedish {b or 'none'}",
                "Use the same <!-- data:... --> markers, in the same order, as the English page.",
            )
        ]
    return []
