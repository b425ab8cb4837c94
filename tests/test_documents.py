"""PDF reports and Word documents read like a page, from files made by real tools: headless Chromium prints an
article's page to PDF, python-docx writes a .docx, pypdf encrypts a PDF and writes one of too many pages. Trouble is
one line each."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from summariser.errors import InputError
from summariser.text import from_bytes, load
from summariser.text.documents import MAX_PAGES

from .conftest import DATA, run_cli
from .web_server import page

ARTICLE = DATA / "semeval25_EN_UA_024628.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
# A 1x1 PNG: a page that is only an image prints as a PDF without a text layer, as a scan does.
PIXEL = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()


def printed(html: str, folder: Path, name: str) -> Path:
    """A page printed to PDF by headless Chromium."""
    source, pdf = folder / f"{name}.html", folder / f"{name}.pdf"
    source.write_text(html, encoding="utf-8")
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", source.as_uri()], check=True, capture_output=True, timeout=120)
    return pdf


def sentences_of(path: Path) -> list[str]:
    """The article's body sentences of more than eight words, as the test compares them."""
    body = path.read_text(encoding="utf-8").split("\n", 1)[1]
    return [s.strip() for s in body.replace("\n", " ").split(". ") if len(s.split()) > 8][:5]


@needs_chromium
def test_a_pdf_printed_from_an_article_reads_as_its_text(tmp_path: Path) -> None:
    pdf = printed(page(ARTICLE), tmp_path, "article")
    article = load(str(pdf))
    flat = " ".join(article.text.split())
    for sentence in sentences_of(ARTICLE):
        assert " ".join(sentence.split()) in flat
    assert all(article.text[s.start:s.end] == s.text for s in article.sentences)  # offsets into the text
    assert article.title and "Example News" in article.title  # the page's title, kept by Chromium as the PDF's


@needs_chromium
def test_a_pdf_without_a_text_layer_is_one_line(tmp_path: Path) -> None:
    scan = printed(f'<html><body><img src="data:image/png;base64,{PIXEL}" width="600"></body></html>', tmp_path, "scan")
    proc = run_cli("brief", str(scan), "--backend", "replay")
    assert proc.returncode == 3 and proc.stderr.count("\n") == 1 and "without a text layer" in proc.stderr


def test_an_encrypted_pdf_and_one_of_too_many_pages_are_one_line(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    locked, long = tmp_path / "locked.pdf", tmp_path / "long.pdf"
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    writer.write(locked)
    writer = PdfWriter()
    for _ in range(MAX_PAGES + 1):
        writer.add_blank_page(612, 792)
    writer.write(long)
    for path, says in ((locked, "an encrypted PDF"), (long, f"a PDF of {MAX_PAGES + 1} pages")):
        proc = run_cli("brief", str(path), "--backend", "replay")
        assert proc.returncode == 3 and proc.stderr.count("\n") == 1 and says in proc.stderr, proc.stderr


def test_a_word_document_reads_as_its_paragraphs_with_its_title(tmp_path: Path) -> None:
    import docx

    title, _, body = ARTICLE.read_text(encoding="utf-8").partition("\n")
    document = docx.Document()
    document.core_properties.title = title.strip()
    for paragraph in body.split("\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    path = tmp_path / "report.docx"
    document.save(str(path))
    article = load(str(path))
    assert article.title == title.strip()
    assert all(" ".join(s.split()) in " ".join(article.text.split()) for s in sentences_of(ARTICLE))
    assert from_bytes(path.read_bytes()).text == article.text  # bytes (the API's) are read the same way
    broken = tmp_path / "broken.docx"
    broken.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(InputError, match=r"ZIP archive|Word document"):
        load(str(broken))


@needs_chromium
@pytest.mark.model
def test_a_printed_pdf_is_briefed_end_to_end_on_the_embedded_model(tmp_path: Path) -> None:
    pdf = printed(page(ARTICLE), tmp_path, "article")
    proc = run_cli("brief", str(pdf), "--format", "json", timeout=600)
    assert proc.returncode == 0, proc.stderr
    import json

    b = json.loads(proc.stdout)
    assert "Lloyd Austin" in [a["name"] for a in b["key_actors"]]
    text = load(str(pdf)).text
    assert all(text[span["start"]:span["end"]] == span["text"] for span in b["evidence"].values())
