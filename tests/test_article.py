"""Loading and segmenting articles."""

from __future__ import annotations

import pytest

from summariser.errors import InputError
from summariser.text.load import from_text, load, normalise

from .conftest import DATA, ROOT, SEED


def test_sentences_have_exact_offsets() -> None:
    article = load(str(ROOT / SEED))
    assert len(article.sentences) > 20
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
    assert [s.id for s in article.sentences] == [f"S{i}" for i in range(1, len(article.sentences) + 1)]


def test_segmentation_keeps_quotes_and_abbreviations_together() -> None:
    article = from_text(
        "Gen. Mark Milley met Mr. Smith in the U.S. capital on Monday. He said “we are ready.” "
        "Talks resume on Friday, officials said, and more is expected to follow soon after that."
    )
    texts = [s.text for s in article.sentences]
    assert texts[0] == "Gen. Mark Milley met Mr. Smith in the U.S. capital on Monday."
    assert texts[1] == "He said “we are ready.”"
    assert len(texts) == 3


def test_title_and_date_are_read_from_the_seed() -> None:
    article = load(str(ROOT / SEED))
    # The site's navigation glued before the headline is not part of it: the headline is also a line of its own.
    assert article.title is not None and article.title.startswith("NATO suggests Russia moving some troops")
    assert article.date == "15th Feb 22"


def test_corpus_articles_segment_without_loss() -> None:
    for path in DATA.glob("*.txt"):
        article = load(str(path))
        joined = "".join(article.text[s.start : s.end] for s in article.sentences)
        assert joined.replace(" ", "").replace("\n", "") == article.text.replace(" ", "").replace("\n", "")


def test_normalise_unifies_line_endings() -> None:
    assert normalise("a\r\nb \r\n\r\n\r\n\r\nc\ufeff") == "a\nb\n\nc"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty article"),
        (b"   \n\t  \n", "empty article"),
        (b"\x00\x01\x02binary" * 10, "binary data"),
        (b"caf\xe9 " * 40, "not valid UTF-8"),
        (b"Too short to brief.", "too short to brief"),
    ],
)
def test_bad_content_is_refused(tmp_path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load(str(path))


def test_encoding_override(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "latin.txt"
    path.write_bytes(("Le café de Genève est fermé. " * 10).encode("latin-1"))
    assert "café" in load(str(path), encoding="latin-1").text


def test_html_keeps_the_article_and_drops_scripts_and_navigation(tmp_path, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    body = " ".join(seed_text.splitlines()[9:16])
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Talks stall</title><script>alert('x')</script><style>p{}</style></head><body>"
        f"<nav>Home | News | Sport</nav><article><h1>Talks stall</h1><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    article = load(str(page))
    assert article.title == "Talks stall"
    assert "Stoltenberg" in article.text
    assert "alert" not in article.text and "Sport" not in article.text and "p{}" not in article.text


def test_a_page_title_loses_the_site_navigation_glued_before_it(tmp_path, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    """Hand-written page: the title and heading carry the site's navigation, the first paragraph the headline."""
    body = " ".join(seed_text.splitlines()[9:16])
    glued = "Home Business News NATO suggests Russia moving some troops is not a proper de-escalation"
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>{glued}</title></head><body><article><h1>{glued}</h1>"
        f"<p>NATO suggests Russia moving some troops is not a proper de-escalation</p><p>{body}</p></article></body>"
        "</html>",
        encoding="utf-8",
    )
    assert load(str(page)).title == "NATO suggests Russia moving some troops is not a proper de-escalation"
