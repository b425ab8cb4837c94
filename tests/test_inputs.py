"""Inputs that are not plain English UTF-8 text: byte-order marks, documents, endless lines, other languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summariser.flow.plan import RESERVED_TOKENS, estimate_tokens, windows
from summariser.text import from_text
from summariser.text.segment import MAX_SENTENCE

from .conftest import ROOT, SEED, briefing_json, run_cli
from .fault_server import FaultServer

FRENCH = ("Le ministre des Affaires étrangères a déclaré mardi que les négociations reprendraient la semaine "
          "prochaine à Genève, après une pause de plusieurs jours. Il a ajouté que la France soutenait une solution "
          "diplomatique et que les sanctions resteraient en place jusqu'à nouvel ordre.\n\nSelon des responsables, "
          "les troupes restent massées le long de la frontière.\n")
RUSSIAN = ("Министр иностранных дел заявил во вторник, что переговоры возобновятся на следующей неделе в Женеве. "
           "Он добавил, что Россия поддерживает дипломатическое решение. Представитель Кремля Дмитрий Песков "
           "сказал, что стороны готовы продолжить диалог. Войска остаются у границы.\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])  # Python writes the BOM, little-endian here
def test_a_byte_order_mark_decides_the_encoding(tmp_path: Path, encoding: str) -> None:
    text = (ROOT / SEED).read_text(encoding="utf-8")
    path = tmp_path / "windows-unicode.txt"
    path.write_bytes(text.encode(encoding))
    ours = briefing_json(str(path), "--backend", "replay")  # the same requests as the UTF-8 seed: same answers
    seed = briefing_json(SEED, "--backend", "replay")
    assert ours["key_actors"] == seed["key_actors"] and ours["claims"] == seed["claims"]
    big_endian = tmp_path / "big-endian.txt"
    big_endian.write_bytes(("\ufeff" + text).encode("utf-16-be"))
    assert briefing_json(str(big_endian), "--backend", "replay", "--encoding", "utf-16")["claims"] == seed["claims"]


@pytest.mark.parametrize(("content", "named"), [
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a ZIP archive"),
    (b"{\\rtf1\\ansi Some text}", "an RTF document"),
])
def test_documents_that_are_not_text_are_named(tmp_path: Path, content: bytes, named: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    for extra in ([], ["--encoding", "latin-1"]):  # following the old advice must not brief the raw file
        proc = run_cli("brief", str(path), "--backend", "replay", *extra)
        assert proc.returncode == 3 and proc.stderr == f"summarise: error: {path}: is {named}" + (
            proc.stderr.split(named, 1)[1]) and proc.stderr.count("\n") == 1


def test_a_pdf_is_read_as_a_pdf_whatever_its_name_and_a_broken_one_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"  # hand-forged bytes: a PDF's header and nothing a reader can use
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    for extra in ([], ["--encoding", "latin-1"]):  # never decoded as text, whatever encoding is named
        proc = run_cli("brief", str(path), "--backend", "replay", *extra)
        assert proc.returncode == 3 and proc.stderr.count("\n") == 1
        assert f"{path}: a damaged or unreadable PDF" in proc.stderr


def test_a_line_without_sentence_breaks_is_cut_to_fit_the_windows() -> None:
    article = from_text(("word " * 60_000).strip())  # 300 KB, one line, no full stop
    assert max(len(s.text) for s in article.sentences) <= MAX_SENTENCE
    assert "".join(s.text + " " for s in article.sentences).strip() == article.text  # nothing lost
    parts = windows(article, 8192)
    assert len(parts) > 1
    assert all(sum(estimate_tokens(s.text) + 4 for s in part) <= 8192 - RESERVED_TOKENS for part in parts)


def test_sentences_end_before_capitals_of_any_script() -> None:
    article = from_text(RUSSIAN)
    assert len(article.sentences) == 4 and article.sentences[2].text.startswith("Представитель Кремля")


@pytest.mark.model
@pytest.mark.parametrize(("text", "language"), [(FRENCH, "French"), (RUSSIAN, "Russian")])
def test_the_embedded_model_says_it_reads_english_only(tmp_path: Path, text: str, language: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("brief", str(path), "--backend", "embedded")
    assert proc.returncode == 3 and proc.stdout == "" and proc.stderr.count("\n") == 1
    assert f"is in {language}" in proc.stderr and "reads English only" in proc.stderr and "--base-url" in proc.stderr


def test_a_remote_model_gets_the_article_as_it_is_and_the_briefing_names_its_language(tmp_path: Path) -> None:
    """HAND-WRITTEN answer (served by the fault server), in the role of a multilingual model."""
    path = tmp_path / "article.txt"
    path.write_text(FRENCH, encoding="utf-8")
    answer = {
        "bottom_line": "Les négociations reprendront la semaine prochaine à Genève.", "evidence": ["S1"],
        "key_actors": [{"name": "France", "kind": "state", "role": "soutient une solution diplomatique",
                        "evidence": ["S2"]}],
        "claims": [], "force_posture": {"assessment": "Les troupes restent massées.", "trend": "unclear",
                                        "deployments": [], "evidence": ["S3"]},
        "diplomatic_outlook": {"assessment": "Reprise des négociations.", "trajectory": "improving",
                               "channels": ["Genève"], "evidence": ["S1"]},
        "confidence": {"level": "low", "reason": "une seule source"}, "gaps": [],
    }
    with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(answer)})]) as server:
        proc = run_cli("brief", str(path), "--base-url", server.url, "--model", "multilingual", "--flow", "single",
                       env={"OPENAI_API_KEY": "sk-test-not-a-key-000"})
    assert proc.returncode == 0, proc.stderr
    assert "*Source language: French;" in proc.stdout
    assert "Genève" in server.bodies[0]["messages"][0]["content"]  # sent as it is
