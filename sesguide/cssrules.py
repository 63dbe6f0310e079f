"""The stylesheet side of the CSS purge (csspurge.py): a stylesheet's rules, the classes and palette
attributes each selector needs, and the stylesheet without the selectors that need something no
published page has.

Tokenizing is tinycss2's; what a selector needs and when a rule can go is this project's policy
(see csspurge.py). No MkDocs imports.
"""

from __future__ import annotations

import re

import tinycss2

# Material's palette stylesheet has a rule set for each of its 20 primary and accent colours; the
# site uses one of each. A selector that needs data-md-color-primary/-accent/-scheme to have a
# value that no published page sets (the attribute values in the HTML) cannot match either.
PALETTE_ATTR_RE = re.compile(r"\[data-md-color-(primary|accent|scheme)=[\"']?([\w-]+)[\"']?\]")


def parse(css: str) -> list:
    """The stylesheet's top-level tokens (tinycss2); ValueError if a block is left open or a
    closing bracket has no opening one. tinycss2 closes open blocks at the end of input, as
    browsers do, but a theme file cut short is a broken download, not a stylesheet to publish."""
    tokens = tinycss2.parse_component_value_list(css)
    errors = [t for t in _walk(tokens) if t.type == "error"]
    if errors:
        e = errors[0]
        raise ValueError(f"line {e.source_line}, column {e.source_column}: {e.message}")
    # Only the last item can run to the end of the input unclosed: compare its closing brackets.
    if tokens:
        at = _offsets(css)
        tail, written = css[at(tokens[-1]) :], tinycss2.serialize(tokens[-1:])
        for opening, closing in ("{}", "()", "[]"):
            if written.count(closing) > tail.count(closing):
                raise ValueError(f"unbalanced braces in stylesheet: a '{opening}' is never closed")
    return tokens


def _walk(tokens):
    for t in tokens:
        yield t
        yield from _walk(getattr(t, "content", None) or getattr(t, "arguments", None) or [])


def _offsets(css: str):
    """Offset in css of a token's start (tinycss2 gives 1-based line and column)."""
    starts = [0] + [m.end() for m in re.finditer("\n", css)]
    return lambda tok: starts[tok.source_line - 1] + tok.source_column - 1


def normalized(css: str) -> str:
    return css.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")  # as tinycss2 reads it


def _items(css: str, tokens: list, at, start: int, stop: int) -> list:
    """The items of one level of a stylesheet (css[start:stop], tokenized as `tokens`): a str for a
    statement like @import, or (prelude tokens, prelude text, body text, block token) for a block.
    All text is sliced from the source, so what is kept is written exactly as it came."""
    out: list = []
    prelude: list = []
    for i, tok in enumerate(tokens):
        end = at(tokens[i + 1]) if i + 1 < len(tokens) else stop
        if tok.type == "{} block":
            brace = at(tok)
            text, selectors = _prelude(css, prelude, brace, at)
            out.append((text, selectors, (brace + 1, css.rindex("}", brace, end)), tok))
            start, prelude = end, []
        elif tok.type == "literal" and tok.value == ";":
            stmt = css[start : at(tok) + 1].strip()
            if stmt:
                out.append(stmt)
            start, prelude = end, []
        else:
            prelude.append(tok)
    rest = css[start:stop].strip()
    if rest:
        out.append(rest)
    return out


def _prelude(css: str, tokens: list, end: int, at) -> tuple[str, list[tuple[str, set[str]]]]:
    """A rule's prelude as written (comments left out, outer whitespace stripped), and for each
    selector split at its top-level commas: (the selector as written, the classes it needs)."""
    bounds = [at(t) for t in tokens] + [end]
    pieces: list[str] = []
    parts: list[list] = [[]]
    commas: list[int] = []
    for tok, a, b in zip(tokens, bounds, bounds[1:], strict=False):
        if tok.type == "comment":
            continue
        if tok.type == "literal" and tok.value == ",":
            commas.append(sum(map(len, pieces)))
            parts.append([])
        else:
            parts[-1].append(tok)
        pieces.append(css[a:b])
    raw = "".join(pieces)
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    cuts = [-1, *(c - lead for c in commas), len(text)]
    return text, [(text[a + 1 : b], _classes(part)) for part, a, b in zip(parts, cuts, cuts[1:], strict=False)]


def _classes(tokens: list) -> set[str]:
    """Classes outside any parentheses or brackets: a class inside :not(), :is(), :where() or
    :has() can match without being present (nested tokens are not looked at)."""
    return {
        b.value
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a.type == "literal" and a.value == "." and b.type == "ident"
    }


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at top-level commas (not inside (), [] or strings), each as written."""
    tokens = tinycss2.parse_component_value_list(prelude)
    return [s for s, _ in _prelude(prelude, tokens, len(prelude), _offsets(prelude))[1]]


def required_classes(selector: str) -> set[str]:
    """Classes a selector needs on some element: those outside any parentheses or brackets."""
    return _classes(tinycss2.parse_component_value_list(selector))


def required_attrs(selector: str) -> set[str]:
    """Palette attribute values a selector needs (``primary=pink``): the attribute selectors at its
    top level (one inside :not(), :is(), :where() or :has() can match without the value)."""
    if "data-md-color" not in selector:
        return set()
    out = set()
    for token in tinycss2.parse_component_value_list(selector):
        if token.type == "[] block":
            m = PALETTE_ATTR_RE.fullmatch("[" + tinycss2.serialize(token.content).replace(" ", "") + "]")
            if m:
                out.add(f"{m.group(1)}={m.group(2)}")
    return out


_NEST_AT = ("@media", "@supports", "@layer", "@container", "@document")


def purge_css(css: str, known: set[str], parsed: dict[str, list] | None = None) -> tuple[str, int]:
    """The stylesheet without selectors that need an unknown class; and how many rules went.
    The stylesheet is tokenized once (or not at all if ``parsed``, from parse_theme, has its text);
    nested blocks (@media ...) reuse their tokens."""
    css = normalized(css)
    tokens = (parsed or {}).get(css) or parse(css)
    at = _offsets(css)
    dropped = 0

    def walk(items: list) -> str:
        nonlocal dropped
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
                continue
            text, selectors, (a, b), block = item
            body = css[a:b]
            low = text.lower()
            if low.startswith(_NEST_AT):
                inner = walk(_items(css, block.content, at, a, b))
                if inner.strip():
                    out.append(f"{text}{{{inner}}}")
            elif low.startswith("@"):  # @keyframes, @font-face, @page, @property, …: kept whole
                out.append(f"{text}{{{body}}}")
            else:
                kept = [s for s, needs in selectors if needs <= known and required_attrs(s) <= known]
                if kept:
                    out.append(f"{','.join(kept)}{{{body}}}")
                else:
                    dropped += 1
        return "".join(out)

    return walk(_items(css, tokens, at, 0, len(css))), dropped
