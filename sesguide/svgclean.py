"""matplotlib's SVG made fit for an inline figure under a strict Content-Security-Policy.

matplotlib writes inline ``style`` attributes and a ``<style>`` element, which the production
policy (``style-src 'self'``) would block on an inline SVG, and fixed colours, which would not
follow the reader's light or dark scheme. So every figure is drawn with placeholder colours
(``ROLES``) and :func:`clean` rewrites the SVG: each placeholder becomes a class (``f-s1`` = fill
of series 1, ``s-fg`` = stroke in the text colour, ...) that ``sesguide.css`` colours for each
scheme; the other style properties become presentation attributes; ids get the figure's prefix
(several figures can share a page). Any colour that is not a placeholder is an error, so nothing
leaks into the page with a fixed colour.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# Placeholder colour -> role. sesguide.css sets the colour of each role for the light and the dark
# scheme (and for print).
ROLES = {
    "#010101": "fg",  # text, axes, box outlines
    "#020202": "muted",  # secondary text, tick marks
    "#030303": "grid",  # grid lines (decorative)
    "#040404": "band",  # background band (freeze years)
    "#050505": "box",  # box fill in diagrams
    "#060606": "s1",  # series 1
    "#070707": "s2",  # series 2
    "#080808": "s3",  # series 3
}
C = {role: colour for colour, role in ROLES.items()}


# style property -> presentation attribute kept as is
_ATTRS = {
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "fill-rule",
    "clip-rule",
}
_DROP = {"font-family", "font-stretch", "font-variant", "font"}


class FigureError(ValueError):
    pass


def clean(svg: str, prefix: str) -> ET.Element:
    """matplotlib's SVG document -> an <svg> element fit for inline use under a strict CSP."""
    root = ET.fromstring(svg)
    _remove_styles_and_clips(root)
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        el.attrib.pop("clip-path", None)
        if tag == "g" and "id" in el.attrib:
            del el.attrib["id"]  # matplotlib's figure_1, axes_1, ...: not needed
        style = el.attrib.pop("style", None)
        classes = _style_to_attributes(el, style, prefix) if style else []
        classes += _colour_attributes_to_classes(el)
        if classes:
            el.set("class", " ".join(classes))
        _tidy(el, tag)
    _prefix_ids(root, prefix)
    for attr in ("width", "height", "version"):
        root.attrib.pop(attr, None)  # the stylesheet sizes the figure to its column
    return root


def _remove_styles_and_clips(root: ET.Element) -> None:
    """The <style> element the CSP would block, matplotlib's metadata and its clip paths (clean
    drops the clip-path attributes that point to them)."""
    parent = {c: p for p in root.iter() for c in p}
    for el in list(root.iter()):
        if el.tag.split("}")[-1] in ("metadata", "style", "clipPath") and el in parent:
            parent[el].remove(el)


def _style_to_attributes(el: ET.Element, style: str, prefix: str) -> list[str]:
    """An inline style as presentation attributes, its placeholder colours as the role classes
    returned; any other colour or property is an error, so nothing unchecked reaches the page."""
    classes = []
    for decl in style.split(";"):
        if ":" not in decl:
            continue
        key, value = (s.strip() for s in decl.split(":", 1))
        if key in ("fill", "stroke"):
            if value == "none" or value.startswith("url(#"):
                el.set(key, value)
            elif value.lower() in ROLES:
                classes.append(f"{key[0]}-{ROLES[value.lower()]}")
            else:
                raise FigureError(f"{prefix}: colour {value} is not one of the figure colours (figures.ROLES)")
        elif key in _ATTRS:
            el.set(key, value.replace("px", "") if key == "font-size" else value)
        elif key not in _DROP:
            raise FigureError(f"{prefix}: unexpected style property {key}")
    return classes


def _colour_attributes_to_classes(el: ET.Element) -> list[str]:
    """Placeholder colours given as attributes (hatch patterns) -> role classes."""
    classes = []
    for key in ("fill", "stroke"):
        value = el.attrib.get(key, "")
        if value.lower() in ROLES:
            del el.attrib[key]
            classes.append(f"{key[0]}-{ROLES[value.lower()]}")
    return classes


def _tidy(el: ET.Element, tag: str) -> None:
    """Drop what only makes the page heavier: a rotation by 0, runs of spaces in a path, and
    whitespace-only text between elements (text of <text> is kept, it may be a real space)."""
    if tag == "text":
        tr = el.attrib.get("transform", "")
        if re.fullmatch(r"rotate\(-?0 [-\d.]+ [-\d.]+\)", tr):
            del el.attrib["transform"]
    if tag == "path" and "d" in el.attrib:
        el.set("d", " ".join(el.attrib["d"].split()))
    el.text = None if (el.text is not None and not el.text.strip() and tag != "text") else el.text
    el.tail = None


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    """Ids get the figure's prefix, and the references to them follow (several figures can share a page)."""
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for el in root.iter():
        if el.get("id"):
            el.set("id", f"{prefix}-{el.get('id')}")
        for attr in (f"{{{XLINK_NS}}}href", "href"):
            ref = el.get(attr)
            if ref and ref.startswith("#") and ref[1:] in ids:
                el.set(attr, f"#{prefix}-{ref[1:]}")
        for attr in ("fill", "stroke"):
            ref = el.get(attr, "")
            m = re.fullmatch(r"url\(#(.+)\)", ref)
            if m and m.group(1) in ids:
                el.set(attr, f"url(#{prefix}-{m.group(1)})")


def drop_empty(root: ET.Element) -> None:
    """Unwrap the attribute-less groups matplotlib nests everything in; drop empty ones."""
    changed = True
    while changed:
        changed = False
        for p in root.iter():
            for i, c in enumerate(list(p)):
                if c.tag.split("}")[-1] == "g" and not c.attrib:
                    idx = list(p).index(c)
                    p.remove(c)
                    for j, child in enumerate(list(c)):
                        p.insert(idx + j, child)
                    changed = True
                    break
                if c.tag.split("}")[-1] == "defs" and len(c) == 0:
                    p.remove(c)
                    changed = True
                    break
            if changed:
                break
