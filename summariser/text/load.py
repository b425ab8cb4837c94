"""Read an article (file, stdin, HTML) with clear errors, and list the articles named by files, folders and globs."""

from __future__ import annotations

import codecs
import glob
import re
import sys
from pathlib import Path

from ..errors import InputError, UsageError
from .article import Article

# Far beyond any news article, small enough never to swamp memory or a prompt.
MAX_BYTES = 2_000_000
MIN_WORDS = 25
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = {".txt", ".md", ".pdf", ".docx"} | HTML_SUFFIXES  # what a folder of articles is read for

_DATE = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+\d{2,4}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\b"
)


def normalise(text: str) -> str:
    """Unify line endings, drop trailing spaces and runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE): the text's own word on its encoding.
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# Documents that are not text, by their first bytes, with what to do instead.
_SIGNATURES = [
    (b"PK\x03\x04", "a ZIP archive (an .odt or other document that is not .docx); save it as text or HTML first"),
    (b"{\\rtf", "an RTF document; save it as text or HTML first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document; save it as text or HTML first"),
]


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode bytes strictly; documents that are not text, binary data and bad bytes are clear errors."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{source}: is {what}")
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    if bom is None and encoding is None and b"\x00" in data:  # a NUL never belongs in an article, nor in a prompt
        raise InputError(f"{source}: looks like binary data, not an article")
    try:
        text = data.decode(bom or encoding or "utf-8-sig")
        if "\x00" in text:  # decoded as asked (UTF-16 without a byte-order mark has NUL bytes, not characters)
            raise InputError(f"{source}: looks like binary data, not an article")
        return text
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as e:
        if bom is not None:  # a byte-order mark, then bytes that are no text in its encoding
            raise InputError(f"{source}: looks like binary data, not an article") from None
        raise InputError(
            f"{source}: not valid {encoding or 'UTF-8'} (byte {e.start}); "
            "pass --encoding (e.g. --encoding latin-1)"
        ) from None


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and date of an HTML page (via trafilatura)."""
    import trafilatura

    from .hidden import shown_html

    html = shown_html(html)  # what a browser would not show is not the article (hidden text, screen-reader-only)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    # Dates from the page's markup only: the extensive search guesses one from any year on the page ("© 2026").
    meta = trafilatura.extract_metadata(html, extensive=False)
    title = getattr(meta, "title", None) if meta else None
    date = getattr(meta, "date", None) if meta else None
    # One block per line from trafilatura; a blank line between paragraphs, as in a text file, so that a
    # page and the same article saved as text read (and parse) alike.
    return "\n\n".join(line.strip() for line in (text or "").splitlines() if line.strip()), title, date


def read_bytes(path: str) -> bytes:
    """Read a file (or stdin for '-') with clear errors and a size limit."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a directory; use `summarise batch` for folders")
        try:
            with p.open("rb") as f:
                data = f.read(MAX_BYTES + 1)
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from None
    return bounded(data, path)


def bounded(data: bytes, source: str) -> bytes:
    """`data`, or InputError when it is over the article size limit."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: larger than the {MAX_BYTES // 1_000_000} MB limit for one article")
    return data


def from_bytes(data: bytes, source: str = "bytes", encoding: str | None = None, html: bool = False) -> Article:
    """An article from a file's content: a PDF or a Word document by their first bytes, else text decoded strictly
    (byte-order mark, binary data refused), HTML when `html` or when it starts as a page does; within the size
    limit."""
    return from_document(bounded(data, source), source) or from_text(decode(data, source, encoding), source, html)


def headline(first: str, text: str, skip: int = 1) -> str:
    """A title (the first line, or a page's title after `skip=0`) without the site navigation glued before it
    ("Home Business News NATO suggests ..."): the longest end of it that is a line of its own in the article's
    opening (its first `skip` lines aside)."""
    lines = {line.strip() for line in text[:4000].splitlines()[skip:] if len(line.split()) >= 4}
    words = first.split()
    return next((" ".join(words[i:]) for i in range(1, len(words)) if " ".join(words[i:]) in lines), first)


def from_text(raw: str, source: str = "-", html: bool = False) -> Article:
    """Build an Article from decoded text (HTML when `html`), within the article size limit."""
    if len(raw) > MAX_BYTES:  # characters are at least a byte each: only a long text is encoded to be measured
        bounded(raw.encode("utf-8", errors="replace"), source)
    title = date = None
    if html or re.match(r"\s*(<!doctype html|<html)", raw, re.IGNORECASE):
        raw, title, date = html_to_text(raw)
        raw = normalise(raw)
    # Plain text is kept as decoded, so offsets point into the file itself.
    text = raw
    if not text.strip():
        raise InputError(f"{source}: empty article (no text)")
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(f"{source}: only {words} words; too short to brief (need {MIN_WORDS})")
    if title is not None:  # a page's title: the same navigation may sit in front of it
        title = headline(title, text, skip=0)
    else:
        first = text.strip().split("\n", 1)[0].strip()
        if len(first) <= 200 and not first.endswith("."):
            title = headline(first, text)
    if date is None and (m := _DATE.search(text[:2000])):
        date = m.group(1)
    return Article(text=text, source=source, title=title, date=date)


def load(path: str, encoding: str | None = None) -> Article:
    """Load an article from a path ('-' for stdin): text, HTML, a PDF or a Word document."""
    source = "stdin" if path == "-" else path
    return from_bytes(read_bytes(path), source, encoding, html=Path(path).suffix.lower() in HTML_SUFFIXES)


def from_document(data: bytes, source: str) -> Article | None:
    """The article in a PDF or a Word document (known by their first bytes, whatever the file's name), else None."""
    from .documents import docx_text, is_docx, pdf_text

    if data.startswith(b"%PDF-"):
        text, title, date = pdf_text(data, source)
    elif is_docx(data):
        text, title, date = docx_text(data, source)
    else:
        return None
    article = from_text(normalise(text), source)
    article.title, article.date = title or article.title, date or article.date
    return article


def articles_in(folder: Path, suffixes: set[str] = ARTICLE_SUFFIXES) -> list[Path]:
    """The files of a folder read as articles (by suffix), sorted by name: the one rule for every command."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def collect(inputs: list[str]) -> list[Path]:
    """Articles named by files, folders and globs, in order, each once."""
    found: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found += articles_in(p)
        elif p.exists():
            found.append(p)
        elif matches := sorted(glob.glob(raw, recursive=True)):
            found += [Path(m) for m in matches if Path(m).is_file()]
        else:
            raise UsageError(f"{raw}: no such file, folder or glob match")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise UsageError("no articles to brief (.txt, .md, .html)")
    return unique
