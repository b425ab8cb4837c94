"""Split text into sentences S1..Sn whose offsets point into the text itself."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon.english import ABBREVIATIONS

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace and a
# capital (of any script), digit or opening quote; abbreviations and initials are not ends.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘«(\[]?(\w))")
# Longer than any sentence a newspaper prints: text without sentence breaks is cut here, at a space.
MAX_SENTENCE = 1000


# A sentence id is "S" and the sentence's position from 1: "S1".."Sn". It is a plain str (JSON, enums in schemas,
# citations in text); these helpers are the one place that reads its number.
SentenceId = str


def sentence_id(position: int) -> SentenceId:
    """The id of the sentence at this position (from 1)."""
    return f"S{position}"


def position(sid: SentenceId) -> int:
    """The position of a sentence id: 5 for "S5"."""
    return int(sid[1:])


def by_position(ids: Iterable[SentenceId]) -> list[SentenceId]:
    """Sentence ids in article order (not in string order: "S10" after "S9")."""
    return sorted(ids, key=position)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its id (S1..Sn) and its span in the article text."""

    id: SentenceId
    start: int
    end: int
    text: str

    @property
    def position(self) -> int:
        """Its place in the article, from 1."""
        return position(self.id)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial."""
    start = dot  # walk back over the word ([\w.]+) that ends here: a regex anchored at `dot` rescans the line
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    token = text[start:dot].lower()
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


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
            sentences.append(Sentence(sentence_id(len(sentences) + 1), start, end, text[start:end]))
    return sentences
