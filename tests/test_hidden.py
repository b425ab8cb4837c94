"""Text a browser never shows is not the article: hidden in every common way on a real page, it stays out of the
briefing, and the page briefs exactly as without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser.text.load import html_to_text

from .conftest import DATA, run_cli
from .test_replay import without_seconds
from .web_server import page

ARTICLE = DATA / "semeval25_EN_UA_024628.txt"
PLANT = "Russia has agreed to withdraw all of its troops from Ukraine by Friday."
# The ways a page hides a paragraph, each put into a real article's page.
HIDING = {
    "hidden attribute": f"<p hidden>{PLANT}</p>",
    "template": f"<template><p>{PLANT}</p></template>",
    "display none": f'<p style="display:none">{PLANT}</p>',
    "visibility hidden": f'<div style="visibility: hidden"><p>{PLANT}</p></div>',
    "font size zero": f'<p style="font-size:0">{PLANT}</p>',
    "off screen": f'<p style="position:absolute; left:-9999px">{PLANT}</p>',
    "text indent": f'<p style="text-indent:-10000px; overflow:hidden">{PLANT}</p>',
    "clipped": f'<p style="position:absolute; clip: rect(0 0 0 0)">{PLANT}</p>',
    "sr-only": f'<p class="lead sr-only">{PLANT}</p>',
    "visually-hidden": f'<span class="visually-hidden"><p>{PLANT}</p></span>',
    "screen-reader-text": f'<p class="screen-reader-text">{PLANT}</p>',
    "white on white": f'<p style="color:#FFF; background-color: white">{PLANT}</p>',
    "zero opacity": f'<p style="opacity:0">{PLANT}</p>',
    "page style sheet": f'<style>.ghost {{ display: none }}</style><p class="ghost">{PLANT}</p>',
}


def planted(html: str, hidden: str) -> str:
    """The page with the hidden paragraph after its second paragraph."""
    first = html.index("</p>", html.index("<article>")) + 4
    second = html.index("</p>", first) + 4
    return html[:second] + hidden + html[second:]


@pytest.mark.parametrize("way", sorted(HIDING))
def test_hidden_text_is_not_extracted(way: str) -> None:
    clean = page(ARTICLE)
    text, title, _ = html_to_text(planted(clean, HIDING[way]))
    assert "withdraw all of its troops" not in text
    assert (text, title) == html_to_text(clean)[:2]


def test_visible_text_is_kept() -> None:
    shown = planted(page(ARTICLE), f'<p style="color:#333; font-size:16px" class="lead">{PLANT}</p>')
    assert PLANT in html_to_text(shown)[0]


def test_a_page_with_every_kind_of_hidden_text_briefs_as_without_it(tmp_path: Path) -> None:
    html = page(ARTICLE)
    for hidden in HIDING.values():
        html = planted(html, hidden)
    hostile, clean = tmp_path / "hostile.html", tmp_path / "clean.html"
    hostile.write_text(html, encoding="utf-8")
    clean.write_text(page(ARTICLE), encoding="utf-8")
    one = run_cli("brief", str(hostile), "--backend", "replay")
    other = run_cli("brief", str(clean), "--backend", "replay")
    assert one.returncode == 0, one.stderr
    assert "withdraw all of its troops" not in one.stdout
    assert without_seconds(one.stdout).replace("hostile.html", "clean.html") == without_seconds(other.stdout)
