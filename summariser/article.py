"""Load an article and segment it into numbered sentences with character offsets."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

# Far beyond any news article, small enough never to swamp memory or a prompt.
MAX_BYTES = 2_000_000
MIN_WORDS = 25
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = {".txt", ".md"} | HTML_SUFFIXES  # what a folder of articles is read for

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace and a
# capital, digit or opening quote; abbreviations and initials are not ends.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "maj", "adm",
    "gov", "sen", "rep", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig",
}
# Text addressed to a model rather than to readers: prompt injection, fake chat
# markup, fake JSON answers. Such sentences stay in the article but are never used.
_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(previous|prior|above|earlier|all|any|your)\b[^.]{0,30}"
    r"\b(instructions?|prompts?|rules|directions)\b"
    r"|\bsystem prompt\b|\byou are (now )?(an? )?(ai|assistant|language model|chatbot|llm)\b"
    r"|\b(new|updated) instructions?\b|\bas an ai\b|^\W*(assistant|system|user)\s*:"
    r"|<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>|\{\s*\"[A-Za-z_]+\"\s*:",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*by\s+([A-Z][^\n]{1,80})$", re.IGNORECASE | re.MULTILINE)
_DATE = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+\d{2,4}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\b"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its id (S1..Sn) and its span in the article text."""

    id: str
    start: int
    end: int
    text: str


@dataclass
class Article:
    """An article's text as loaded, with its sentences and simple metadata."""

    text: str
    source: str = "-"
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    sentences: list[Sentence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = segment(self.text)
        self._by_id = {s.id: s for s in self.sentences}
        self.suspicious = self._suspicious()

    def _suspicious(self) -> set[str]:
        """Sentences addressed to a model, and every sentence of their paragraphs (injections come as blocks)."""
        spans = []
        for s in self.sentences:
            if _INSTRUCTION.search(s.text):
                end = self.text.find("\n", s.end)
                spans.append((self.text.rfind("\n", 0, s.start) + 1, len(self.text) if end < 0 else end))
        return {s.id for s in self.sentences for lo, hi in spans if lo <= s.start < hi}

    def sentence(self, sid: str) -> Sentence | None:
        """The sentence with this id, or None."""
        return self._by_id.get(sid)

    @property
    def ids(self) -> list[str]:
        """All sentence ids in order."""
        return [s.id for s in self.sentences]

    def numbered(self) -> str:
        """The article as one numbered sentence per line, for prompts."""
        return "\n".join(f"[{s.id}] {s.text}" for s in self.sentences)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial."""
    start = dot  # walk back over the word ([\w.]+) that ends here: a regex anchored at `dot` rescans the line
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    token = text[start:dot].lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def segment(text: str) -> list[Sentence]:
    """Split text into sentences; paragraphs (lines) never share a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        base, chunk, start = line.start(), line.group(), 0
        for m in _END.finditer(chunk):
            if m.group().startswith(".") and len(m.group()) == 1 and _is_abbreviation(chunk, m.start()):
                continue
            spans.append((base + start, base + m.end()))
            start = m.end()
        spans.append((base + start, base + len(chunk)))
    sentences: list[Sentence] = []
    for start, end in spans:
        piece = text[start:end]
        # Trim whitespace so offsets cover exactly the sentence's characters.
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end > start:
            sentences.append(Sentence(f"S{len(sentences) + 1}", start, end, text[start:end]))
    return sentences


def normalise(text: str) -> str:
    """Unify line endings, drop trailing spaces and runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode bytes strictly; binary data and bad bytes are clear errors."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like binary data, not an article")
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as e:
        raise InputError(
            f"{source}: not valid {encoding or 'UTF-8'} (byte {e.start}); "
            "pass --encoding (e.g. --encoding latin-1)"
        ) from None


def html_to_text(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Main text, title, author and date of an HTML page (via trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    title = getattr(meta, "title", None) if meta else None
    author = getattr(meta, "author", None) if meta else None
    date = getattr(meta, "date", None) if meta else None
    return text or "", title, author, date


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
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: larger than the {MAX_BYTES // 1_000_000} MB limit for one article")
    return data


def from_text(raw: str, source: str = "-", html: bool = False) -> Article:
    """Build an Article from decoded text (HTML when `html`)."""
    title = byline = date = None
    if html or re.match(r"\s*(<!doctype html|<html)", raw, re.IGNORECASE):
        raw, title, byline, date = html_to_text(raw)
        raw = normalise(raw)
    # Plain text is kept as decoded, so offsets point into the file itself.
    text = raw
    if not text.strip():
        raise InputError(f"{source}: empty article (no text)")
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(f"{source}: only {words} words; too short to brief (need {MIN_WORDS})")
    if title is None:
        first = text.strip().split("\n", 1)[0].strip()
        if len(first) <= 200 and not first.endswith("."):
            title = first
    if byline is None and (m := _BYLINE.search(text[:2000])):
        byline = m.group(1).strip()
    if date is None and (m := _DATE.search(text[:2000])):
        date = m.group(1)
    return Article(text=text, source=source, title=title, byline=byline, date=date)


def load(path: str, encoding: str | None = None) -> Article:
    """Load an article from a path ('-' for stdin)."""
    source = "stdin" if path == "-" else path
    data = read_bytes(path)
    raw = decode(data, source, encoding)
    return from_text(raw, source, html=Path(path).suffix.lower() in HTML_SUFFIXES)
