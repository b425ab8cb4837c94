"""Speech: who says what in which sentence, and the quoted words; "he said" resolved to the person named before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .entities import Entity
from .lexicon import GROUP_NOUNS, INSTITUTION_NOUNS, SPEECH_VERBS, TITLE_NOUNS

if TYPE_CHECKING:
    from ..text import Article

_QUOTE = re.compile(r"“([^”]{3,}?)(?:”|$)|\"([^\"\n]{3,}?)\"", re.MULTILINE)


@dataclass
class Speech:
    """A sentence in which someone speaks: speaker, verb and the quoted words."""

    sentence: str
    speaker: str | None
    verb: str | None
    quote: str | None


def quotes_in(text: str) -> list[str]:
    """Quoted passages in a sentence, in order."""
    return [(m.group(1) or m.group(2)).strip() for m in _QUOTE.finditer(text) if (m.group(1) or m.group(2)).strip()]


def span_text(token: Any) -> str:
    """A group noun with the words that qualify it, as written: "Russian state media", "Analysts in London"."""
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ in {"amod", "compound"} and start <= token.doc[start - 1].head.i <= token.i:
        start -= 1
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.i == end:
            end = child.right_edge.i + 1
    return str(token.doc[start:end].text)


def _subject(verb: Any) -> Any:
    """The verb's subject, or its head verb's for "X held a conference and said"."""
    for tok in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj
    return None


class _Speakers:
    """Who a subject names: an entity in its span, or for "he" and "the NATO chief" the person named before."""

    def __init__(self, entities: dict[str, Entity], mentions: list[tuple[int, str]]) -> None:
        self.entities = entities
        self.mentions = mentions

    def person_before(self, offset: int) -> str | None:
        """The last person named before `offset`."""
        last = [k for start, k in self.mentions
                if start < offset and (e := self.entities.get(k)) is not None and e.label == "PERSON"]
        return self.entities[last[-1]].name if last else None

    def entity_at(self, start: int, end: int, people_only: bool = False) -> str | None:
        """The entity named in this span, a person first ("NATO chief Jens Stoltenberg")."""
        found = [self.entities[k] for off, k in self.mentions if start <= off < end and k in self.entities]
        people = [e for e in found if e.label == "PERSON"]
        chosen = people if people_only else people or found
        return chosen[0].name if chosen else None

    def of(self, span: Any) -> tuple[str | None, str | None]:
        """The speaker and speech verb of a sentence's span, or (None, None)."""
        speaker = verb = None
        for tok in span or []:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS:
                continue
            subj = _subject(tok)
            if subj is None:
                continue
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            named = self.entity_at(lo, hi)
            person = self.entity_at(lo, hi, people_only=True)  # "A spokesman for the Kremlin, Dmitry Peskov,"
            if subj.lower_ in {"he", "she"}:
                speaker = self.person_before(lo)
            elif subj.tag_ == "NNS":  # "Analysts in London warn": a group, never a name borrowed or placed
                group = subj.lemma_.lower() in GROUP_NOUNS or subj.lower_ in GROUP_NOUNS
                speaker = person or (span_text(subj) if group else None)
            elif any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in subj.children):
                speaker = person or span_text(subj)  # "A police spokesman told": nobody named before is meant
            elif subj.lemma_.lower() in TITLE_NOUNS:
                speaker = person or self.person_before(lo) or named  # "The NATO chief said"
            elif subj.lemma_.lower() in INSTITUTION_NOUNS:
                speaker = named or span_text(subj)  # "The Russian embassy said"
            else:
                speaker = named
            verb = tok.text
            if speaker:
                break
        return speaker, verb


def find_speech(article: Article, doc: Any, entities: dict[str, Entity], mentions: list[tuple[int, str]]) -> list[Speech]:
    """Find who speaks in each sentence; quote-only sentences continue the last speaker."""
    speakers = _Speakers(entities, mentions)
    out: list[Speech] = []
    previous: Speech | None = None
    for s in article.sentences:
        quotes = quotes_in(s.text)
        speaker, verb = speakers.of(doc.char_span(s.start, s.end, alignment_mode="expand"))
        if speaker is None and quotes and previous and previous.speaker and s.text.lstrip()[:1] in "“\"":
            speaker = previous.speaker  # a paragraph that only continues the quote
        if speaker or quotes:
            item = Speech(s.id, speaker, verb, quotes[0] if quotes else None)
            out.append(item)
            previous = item if speaker else previous
        else:
            previous = None
    return out


# "by Jeff Crouere, The Liberty Daily:", "Authored by Andrew Korybko via Substack,": a short line near the top.
_BYLINE = re.compile(r"^\s*(?:authored\s+|written\s+)?by\s+(?:(?:prof|dr|professor)\.?\s+)?"
                     r"((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)\s*(?:,|\bvia\b|\bof\b|$)", re.IGNORECASE)


def byline(article: Article) -> tuple[str, str] | None:
    """The author an opinion piece names in its byline, and that line's sentence id; None without one. Only
    a line of at most ten words among the first six, its name in capitals ("by LLB political Reporter" is none)."""
    for s in article.sentences[:6]:
        if len(s.text.split()) <= 10 and (m := _BYLINE.match(s.text)):
            name = m.group(1).strip()
            if all(w[:1].isupper() for w in name.split()):
                return name, s.id
    return None


def authors_speech(article: Article, speech: list[Speech], body: list[str]) -> list[Speech]:
    """The byline's author speaks the piece's opening: its first body sentence nobody else is said to speak."""
    found = byline(article)
    if found is None:
        return []
    spoken = {s.sentence for s in speech if s.speaker}
    opening = next((sid for sid in body if sid not in spoken and int(sid[1:]) > int(found[1][1:])), None)
    return [Speech(opening, found[0], "writes", None)] if opening else []
