"""Text a browser never shows, removed from a page before its main text is extracted: hidden elements, templates,
styles that hide (no display, no visibility, no size, off-screen, clipped, white on white), the screen-reader-only
classes of common frameworks and the simple rules of the page's own <style> sheets that hide a class or an id.

What needs a browser to know is not seen: external style sheets, scripts, rules with other selectors, and text
in images.
"""

from __future__ import annotations

import re
from typing import Any

from ..lexicon.html import HIDDEN_CLASSES, HIDING_STYLES, UNRENDERED_TAGS, WHITE

_HIDING = [(prop, re.compile(rf"^\s*(?:{value})\s*(?:!important)?\s*$", re.IGNORECASE)) for prop, value in HIDING_STYLES]
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_MARKUP = re.compile(r"<(?:html|body|p|div|article|main|span)\b", re.IGNORECASE)


def declarations(style: str) -> dict[str, str]:
    """An inline style's declarations, property -> value (lower-cased, spaces inside colour functions removed)."""
    out = {}
    for part in style.split(";"):
        prop, _, value = part.partition(":")
        if value:
            out[prop.strip().lower()] = re.sub(r"\s+(?=[,)])|(?<=[(,])\s+", "", value.strip().lower())
    return out


def hides(style: dict[str, str]) -> bool:
    """Whether these declarations keep an element's text from sight."""
    if any(prop in style and pattern.match(style[prop]) for prop, pattern in _HIDING):
        return True
    background = style.get("background-color") or style.get("background", "")
    return style.get("color", "").replace(" ", "") in WHITE and background.replace(" ", "") in WHITE


def hidden_selectors(tree: Any) -> tuple[set[str], set[str]]:
    """The classes and ids that the page's own <style> sheets hide with a rule of one simple selector."""
    classes, ids = set(), set()
    for sheet in tree.iter("style"):
        for selectors, body in _RULE.findall(sheet.text or ""):
            if not hides(declarations(body)):
                continue
            for selector in selectors.split(","):
                if m := re.fullmatch(r"\s*\.([\w-]+)\s*", selector):
                    classes.add(m.group(1))
                elif m := re.fullmatch(r"\s*#([\w-]+)\s*", selector):
                    ids.add(m.group(1))
    return classes, ids


def shown_html(html: str) -> str:
    """The page without the elements a browser would not show; the page as it was when it cannot be parsed."""
    import lxml.etree
    import lxml.html

    if not _MARKUP.search(html):  # not a page at all (noise): left for the extractor to refuse as it is
        return html
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return html
    classes, ids = hidden_selectors(tree)
    classes |= HIDDEN_CLASSES
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in UNRENDERED_TAGS - {"head"}:
            continue
        attributes = element.attrib
        if ("hidden" in attributes or set(attributes.get("class", "").split()) & classes or attributes.get("id") in ids
                or hides(declarations(attributes.get("style", "")))):
            doomed.append(element)
    doomed += [e for e in tree.iter(*(UNRENDERED_TAGS - {"head", "style", "script"}))]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # its tail, the text after it, stays
    return str(lxml.html.tostring(tree, encoding="unicode", doctype="<!doctype html>"))
