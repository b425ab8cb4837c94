"""PDF reports and Word documents read like a page: their text (pypdf, python-docx), title and date from the file's
metadata; bounded in pages, unpacked size and time, and every trouble one line (a scan without a text layer, an
encrypted file, a damaged or hostile one)."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

from ..errors import InputError

# More pages than a report an analyst briefs from; a file that claims more is refused before any is read.
MAX_PAGES = 500
# Seconds to read one document's text: a hostile file (deeply nested objects) is refused, not waited for.
MAX_SECONDS = 30.0
# What a .docx may unpack to (its XML): far above any report, far below a ZIP bomb.
MAX_UNPACKED = 50_000_000
DOCX_BODY = "word/document.xml"


def is_docx(data: bytes) -> bool:
    """Whether bytes are a Word document (a ZIP archive holding its body), not another ZIP."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        return DOCX_BODY in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def pdf_text(data: bytes, source: str) -> tuple[str, str | None, str | None]:
    """A PDF's text (its pages apart by blank lines), title and date."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    started = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # an empty user password opens most "protected" PDFs
            raise InputError(f"{source}: an encrypted PDF; save a copy without a password first")
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise InputError(f"{source}: a PDF of {pages:,} pages, over the {MAX_PAGES} this tool reads")
        texts = []
        for page in reader.pages:
            texts.append(page.extract_text() or "")
            if time.monotonic() - started > MAX_SECONDS:
                raise InputError(f"{source}: reading the PDF took over {MAX_SECONDS:g} s; it is refused")
        meta = reader.metadata
    except (PyPdfError, RecursionError, ValueError, KeyError, TypeError, AttributeError, OverflowError,
            MemoryError) as e:
        raise InputError(f"{source}: a damaged or unreadable PDF ({type(e).__name__})") from None
    text = "\n\n".join(_paragraphs(t) for t in texts if t.strip())
    if not text.strip():
        raise InputError(f"{source}: a PDF without a text layer (a scan?); run OCR first (e.g. `ocrmypdf`)")
    title = _field(meta, "title")
    return text, title, _created(meta)


def docx_text(data: bytes, source: str) -> tuple[str, str | None, str | None]:
    """A Word document's paragraphs (apart by blank lines), title and date."""
    import docx

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED:
            raise InputError(f"{source}: a Word document that unpacks to over {MAX_UNPACKED // 1_000_000} MB")
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as e:  # python-docx raises what lxml and zipfile raise: a damaged file in any way
        raise InputError(f"{source}: a damaged or unreadable Word document ({type(e).__name__})") from None
    text = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    properties = document.core_properties
    date = properties.created.date().isoformat() if properties.created else None
    return text, properties.title or None, date


def _paragraphs(page: str) -> str:
    """A page's printed lines (pypdf gives one per line) joined into paragraphs: a line that ends a sentence ends
    its paragraph, a word broken by a hyphen at a line's end is joined again."""
    out, current = [], ""
    for line in (raw.strip() for raw in page.splitlines()):
        if not line:
            continue
        current = current[:-1] + line if current.endswith("-") and line[:1].islower() else f"{current} {line}".strip()
        if current.endswith((".", "!", "?", '"', "\u201d")):
            out.append(current)
            current = ""
    return "\n".join([*out, current] if current else out)


def _field(meta: Any, name: str) -> str | None:
    value = getattr(meta, name, None) if meta is not None else None
    return str(value).strip() or None if value else None


def _created(meta: Any) -> str | None:
    """The day a PDF says it was made, or None."""
    try:
        created = meta.creation_date if meta is not None else None
    except (ValueError, TypeError):  # a date the file writes in no format pypdf reads
        return None
    return created.date().isoformat() if created is not None else None
