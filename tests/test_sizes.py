"""Articles up to the 2 MB limit are read (spaCy reads 1,000,000 characters at once: longer texts go in pieces);
the API holds a str and bytes to the same limit and refuses other types by name."""

from __future__ import annotations

from pathlib import Path

import pytest

import summariser
from summariser.errors import InputError
from summariser.evidence import analyse
from summariser.text import from_text, load
from summariser.text import parse as parsing

from .conftest import DATA, ROOT, SEED


def test_pieces_join_back_into_the_text_and_cut_after_a_line() -> None:
    text = (ROOT / SEED).read_text(encoding="utf-8") * 3
    parts = parsing.pieces(text, 2_000)
    assert "".join(parts) == text and all(len(p) <= 2_000 for p in parts)
    assert all(p.endswith("\n") for p in parts[:-1])
    spaceless = "word " * 1_000
    assert "".join(parsing.pieces(spaceless, 333)) == spaceless


def test_a_text_longer_than_spacy_reads_at_once_is_analysed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy's limit scaled down (its default is 1,000,000 characters; the 2 MB limit admits twice that): the
    evidence layer reads past it, with offsets and sentence ids of the whole article."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("semeval25_*.txt"))[:8])
    article = from_text(text, "long")
    nlp = parsing.nlp()
    monkeypatch.setattr(nlp, "max_length", len(text) // 3)
    with pytest.raises(ValueError, match="E088"):
        nlp(text)  # what analyse ran into before
    monkeypatch.setattr(parsing, "PIECE", len(text) // 4)
    evidence = analyse(article)
    last = max((sid for e in evidence.entities for sid in e.sentences), key=lambda sid: int(sid[1:]))
    assert article.sentence(last).start > len(text) * 3 // 4  # entities found in the last piece
    doc = parsing.parse(text)
    assert doc.text == text and all(text[e.start_char:e.end_char] == e.text for e in doc.ents)


def test_the_api_holds_text_and_bytes_to_the_size_limit_and_refuses_other_types() -> None:
    with pytest.raises(InputError, match="larger than the 2 MB limit"):
        summariser.brief("word " * 700_000, backend="replay")  # 3.5 MB of text: refused before any work
    with pytest.raises(InputError, match="larger than the 2 MB limit"):
        summariser.brief(b"word " * 700_000, backend="replay")
    with pytest.raises(TypeError, match=r"a str \(the text\), bytes \(a file's content\) or a pathlib.Path"):
        summariser.brief(42, backend="replay")  # type: ignore[arg-type]


def test_bytes_are_read_like_a_files_bytes(tmp_path: Path) -> None:
    data = (ROOT / SEED).read_bytes()
    assert summariser.brief(data, backend="replay").key_actors == summariser.brief(ROOT / SEED, backend="replay").key_actors
    with pytest.raises(InputError, match="looks like binary data"):
        summariser.brief(data + b"\x00" * 3 + data, backend="replay")  # a NUL past the first 8 KB too
    path = tmp_path / "nul.txt"
    path.write_bytes(data[:9000] + b"\x00" + data[9000:])
    with pytest.raises(InputError, match="looks like binary data"):
        load(str(path))


def test_the_errors_a_caller_catches_are_exported() -> None:
    for name in ("FetchError", "RefusedError", "StateError", "InputError", "UsageError", "BackendError"):
        assert issubclass(getattr(summariser, name), summariser.SummariserError) and name in summariser.__all__
