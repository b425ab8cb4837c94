"""An article far longer than the embedded model's context, briefed for real."""

from __future__ import annotations

import json

import pytest

from .conftest import DATA, ROOT, SEED, run_cli


@pytest.mark.model
def test_twenty_thousand_words_brief_with_whole_document_offsets(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The sixteen articles the corpus first had (those with strong answers), as before the answer keys came.
    first = sorted(p.name.removesuffix(".json") for p in (ROOT / "tests" / "data" / "strong-answers").glob("*.json"))
    parts = [(DATA / name).read_text(encoding="utf-8") for name in first]
    text = "\n\n".join([(ROOT / SEED).read_text(encoding="utf-8"), *parts, *parts])
    assert len(text.split()) >= 20_000
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("brief", str(path), "--format", "json", timeout=1200)
    assert proc.returncode == 0, proc.stderr
    b = json.loads(proc.stdout)
    assert b["meta"]["calls"] > 3  # several windows
    assert b["key_actors"] and b["claims"]
    for span in b["evidence"].values():
        assert text[span["start"] : span["end"]] == span["text"]
    assert max(span["start"] for span in b["evidence"].values()) > 8192 * 3  # beyond the first window
