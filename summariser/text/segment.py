"""Split text into sentences S1..Sn whose offsets point into the text itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace and a
# capital (of any script), digit or opening quote; abbreviations and initials are not ends.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘«(\[]?(\w))")
# Longer than any sentence a newspaper prints: text without sentence breaks is cut here, at a space.
MAX_SENTENCE = 1000
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "maj", "adm",
    "gov", "sen", "rep", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig",
}


@dataclass(frozen=True)
class Sentence:
    """One sentence: its id (S1..Sn) and its span in the article text."""

    id: str
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial."""
    start = dot  # walk back over the word ([\w.]+) that ends here: a regex anchored at `dot` rescans the line
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    token = text[start:dot].lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _bounded(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """A span cut at spaces into pieces of at most MAX_SENTENCE characters (a 300 KB line still fits a window)."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    return [*pieces, (start, end)]


def segment(text: str) -> list[Sentence]:
    """Split text into sentences; paragraphs (lines) never share a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        base, chunk, start = line.start(), line.group(), 0
        for m in _END.finditer(chunk):
            after = m.group(1)
            if not (after.isupper() or after.isdigit()):
                continue
            if m.group() == "." and _is_abbreviation(chunk, m.start()):
                continue
            spans += _bounded(base + start, base + m.end(), text)
            start = m.end()
        spans += _bounded(base + start, base + len(chunk), text)
    sentences: list[Sentence] = []
    for start, end in spans:
        piece = text[start:end]
        # Trim whitespace so offsets cover exactly the sentence's characters.
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end > start:
            sentences.append(Sentence(f"S{len(sentences) + 1}", start, end, text[start:end]))
    return sentences
