"""Speech: who says what in which sentence, and the quoted words; "he said" resolved to the person named before."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..lexicon.speech import (
    FIRST_PERSON,
    GROUP_NOUNS,
    INDEFINITE,
    INSTITUTION_NOUNS,
    PERSONAL_PRONOUNS,
    REPORT_NOUNS,
    REPORT_VERBS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    STATEMENT_VERBS,
    TITLE_NOUNS,
)
from ..lexicon.stances import VERB_STANCES
from ..text.segment import position
from .entities import Entity, subject

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

    def stance_in(self, text: str) -> str | None:
        """The stance its verb gives the speaker in `text`, its sentence ("warned": a warning), or None for a
        plain "said" or a negated verb ("Iran never denied it" is no denial)."""
        word = (self.verb or "").lower()
        if not word or re.search(rf"\b(?:not|never|n't|no longer)\s+{re.escape(word)}\b", text, re.IGNORECASE):
            return None
        # The base form of a verb as written: "warned", "denies", "denied", "accused", "insisting"
        bases = [word, re.sub(r"ie[sd]$", "y", word), re.sub(r"[sd]$", "", word), re.sub(r"(?:ed|s)$", "", word),
                 re.sub(r"ing$", "", word), re.sub(r"ing$", "e", word)]
        return next((VERB_STANCES[b] for b in bases if b in VERB_STANCES), None)


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
    """Who does the verb: the agent of a passive ("was claimed by the Legion"; without one, nobody: "Putin
    was warned"), its subject or its head verb's ("X held a conference and said"), the noun a participle
    qualifies ("a CNN report alleging")."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    for tok in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    # A past participle is passive ("the Westerners accused of travelling" are spoken of, not speaking), unless it
    # says what ("Kuleba, added on February 2 that …": a verb the tagger took for a participle).
    passive = verb.tag_ == "VBN" and not any(c.dep_ == "ccomp" for c in verb.children)
    return verb.head if verb.dep_ == "acl" and not passive and verb.head.pos_ in {"NOUN", "PROPN"} else None


def _speaks(tok: Any) -> bool:
    """A speech verb, or a verb whose object speaks ("made the comments", "releases its annual review")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB":
        return False
    if lemma in SPEECH_VERBS:
        return True
    if lemma in REPORT_VERBS:  # "the survey found": only a document finds or shows in this sense
        subj = _subject(tok)
        return subj is not None and subj.lemma_.lower() in REPORT_NOUNS
    return lemma in STATEMENT_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in tok.children)


def _is_subject(token: Any) -> bool:
    """True when the name that begins at this token is a clause's subject ("Jens Stoltenberg said")."""
    while token.dep_ in {"compound", "flat"} and token.head.i > token.i:
        token = token.head
    return subject(token)


def _proper(token: Any) -> str | None:
    """A proper noun the tagger did not take for a name, with the proper nouns before it: "Downing Street"."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].head.i == token.i:
        start -= 1
    return str(token.doc[start:token.i + 1].text)


class _Speakers:
    """Who a subject names: an entity in its span, or for "he" and "the NATO chief" the person named before."""

    def __init__(self, entities: dict[str, Entity], mentions: list[tuple[int, str]], doc: Any,
                 starts: list[int]) -> None:
        self.entities = entities
        self.mentions = mentions
        self.starts = starts  # where each of the article's sentences begins
        tokens = {t.idx: t for t in doc}
        self.subjects = {off for off, _ in mentions if off in tokens and _is_subject(tokens[off])}

    def person_before(self, offset: int) -> str | None:
        """The person "he" or "she" is: in the nearest sentence naming a person before `offset`, the last one
        named as a clause's subject, else the last one named ("Derkach, who is reviled by ... Giuliani, gave
        an interview. According to him, ...": Derkach). Not a "person" never named as a party ("a 40-year-old
        Muscovite") or that is a place the tagger took for a person ("Genichesk, a town")."""
        people = [(start, k) for start, k in self.mentions
                  if start < offset and (e := self.entities.get(k)) is not None and e.label == "PERSON"
                  and e.parties and not e.place]
        if not people:
            return None
        sentence = bisect.bisect_right(self.starts, people[-1][0])
        near = [(start, k) for start, k in people if bisect.bisect_right(self.starts, start) == sentence]
        subjects = [k for start, k in near if start in self.subjects]
        return self.entities[(subjects or [near[-1][1]])[-1]].name

    def entity_at(self, start: int, end: int, people_only: bool = False, head: int | None = None) -> Entity | None:
        """The entity named in this span: the name that holds the phrase's head word ("NATO chief Jens
        Stoltenberg", "The UK-based Syrian Observatory": not the UK), else a person ("A spokesman for the
        Kremlin, Dmitry Peskov"), else a body rather than a place, else the first."""
        found = [(off, self.entities[k]) for off, k in self.mentions if start <= off < end and k in self.entities]
        people = [e for _, e in found if e.label == "PERSON"]
        if people_only:
            return people[0] if people else None
        holding = [e for off, e in found if head is not None and off <= head]
        bodies = [e for _, e in found if e.label == "ORG"]  # "figures from Ukraine's National Resistance Center"
        ranked = holding[-1:] + people + bodies + [e for _, e in found]
        return ranked[0] if ranked else None

    def named_in(self, token: Any) -> str | None:
        """The name of the entity named in a token's phrase."""
        found = self.entity_at(token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))
        return found.name if found else None

    def who(self, subj: Any, verb: Any = None, headline: bool = False, end: int | None = None) -> str | None:
        """The speaker a verb's subject names, up to the offset `end` where given. In a headline's capitals the
        tagger takes any run of words for a name ("Russian Plot To Assassinate"): there only a name the article
        uses again speaks."""
        # "The Russian state news agency TASS reported": every subject of the verb counts as one phrase.
        subjects = [c for c in subj.head.children if c.dep_ == subj.dep_] if subj.dep_ == "nsubj" else [subj]
        lo = min(t.left_edge.idx for t in subjects)
        hi = max(t.right_edge.idx + len(t.right_edge.text) for t in subjects)
        if verb is not None and verb.head == subj:  # "a CNN report alleging that ...": the words before it
            hi = verb.idx
        hi = min(hi, end) if end is not None else hi
        entity = self.entity_at(lo, hi, head=subj.idx)
        named = entity.name if entity and not (headline and entity.mentions < 2) else None
        found = self.entity_at(lo, hi, people_only=True)  # "A spokesman for the Kremlin, Dmitry Peskov,"
        person = found.name if found else None
        lemma = subj.lemma_.lower()
        if subj.lower_ in PERSONAL_PRONOUNS:
            return self.person_before(lo)
        if subj.pos_ == "NOUN" and entity is not None and entity.place:
            return person or span_text(subj)  # "The mayor of the town of Ciechanow said": the mayor, not the town
        appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if subj.pos_ == "NOUN" and person is None and appos is not None and (own := self.named_in(appos) or _proper(appos)):
            return own  # "Telegram channel, Unian, claimed": the name a noun is given, not what qualifies the noun
        if subj.tag_ == "NNS" and lemma not in REPORT_NOUNS:  # "Analysts in London warn": a group, never a name
            return person or (span_text(subj) if lemma in GROUP_NOUNS or subj.lower_ in GROUP_NOUNS else None)
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in subj.children) and lemma not in REPORT_NOUNS:
            return person or span_text(subj)  # "A police spokesman told": nobody named before is meant
        if lemma in TITLE_NOUNS:
            return person or self.person_before(lo) or named  # "The NATO chief said"
        if lemma in INSTITUTION_NOUNS or lemma in REPORT_NOUNS:
            return named or span_text(subj)  # "The Russian embassy said", "the survey found"
        return named or (None if headline else _proper(subj))

    def of(self, span: Any) -> tuple[str | None, str | None]:
        """The speaker and speech verb of a sentence's span, or (None, None)."""
        verb = None
        words = [t for t in span or [] if t.is_alpha and len(t) > 3]
        headline = len(words) > 2 and sum(t.text[0].isupper() for t in words) > 0.6 * len(words)
        found: list[tuple[str, Any]] = []
        for tok in span or []:
            if _speaks(tok) and (subj := _subject(tok)) is not None:
                verb = tok.text
                if speaker := self.who(subj, tok, headline):
                    found.append((speaker, tok))
                    # "Almayadeen reports: journalist Seymour Hersh said ...": who said it, not who relays it
                    if len(found) == 2 or found[0][1].lemma_.lower() != "report":
                        break
        if found:
            speaker, tok = found[-1]
            return speaker, tok.text
        for tok in span or []:
            # "according to figures from Ukraine's National Resistance Center"
            if tok.lower_ == "according" and (to := next((c for c in tok.children if c.lower_ == "to"), None)):
                source = next((c for c in to.children if c.dep_ == "pobj"), None)
                if source is not None and (speaker := self.who(source, headline=headline, end=_phrase_end(span, to))):
                    return speaker, "according to"
            # "Karaganov's description of the West as “anti-human ideologies”": only beside a quote
            if tok.lemma_.lower() in STATEMENT_NOUNS and quotes_in(span.text):
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                if owner is not None and (speaker := self.named_in(owner) or (None if headline else _proper(owner))):
                    return speaker, tok.text
        return None, verb


def _phrase_end(span: Any, to: Any) -> int | None:
    """Where an "according to" phrase ends, however far the parse carries it: at its comma ("According to two
    online tools, no more than 44 per cent of her Twitter fan base ..." names no one), or after a name that
    follows it up to the next comma or the sentence's end ("according to the chief inspector, Noelle Buick.")."""
    commas = [t.i for t in span if t.i > to.i and t.text == ","]
    if not commas:
        return None
    after = [t for t in span if commas[0] < t.i < (commas[1] if len(commas) > 1 else span.end) and not t.is_punct]
    if not after or not all(t.pos_ == "PROPN" for t in after):
        return int(span.doc[commas[0]].idx)
    return int(span.doc[commas[1]].idx) if len(commas) > 1 else None


def find_speech(article: Article, doc: Any, entities: dict[str, Entity], mentions: list[tuple[int, str]]) -> list[Speech]:
    """Find who speaks in each sentence; quote-only sentences continue the last speaker."""
    speakers = _Speakers(entities, mentions, doc, [s.start for s in article.sentences])
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
                     r"((?:[A-Z][\w'’.-]+\s+){1,3}?[A-Z][\w'’-]+)\s*(?:,|\bvia\b|\bof\b|$)", re.IGNORECASE)


def byline(article: Article) -> tuple[str, str] | None:
    """The author an opinion piece names in its byline, and that line's sentence id; None without one. Only
    a line of at most ten words among the first six, its name in capitals ("by LLB political Reporter" is none)."""
    for s in article.sentences[:6]:
        if len(s.text.split()) <= 10 and (m := _BYLINE.match(s.text)):
            name = m.group(1).strip()
            if all(w[:1].isupper() for w in name.split()):
                return name, s.id
    return None


def _reports(doc: Any, start: int, end: int) -> bool:
    """Whether the sentence at these offsets reports another's words: its main verb one of saying whose subject is
    not the writer ("A Russian general is claiming that …")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    root = span.root if span is not None else None
    if root is None or root.lemma_.lower() not in SPEECH_VERBS:
        return False
    subj = _subject(root)
    return subj is not None and subj.lower_ not in FIRST_PERSON


def authors_speech(article: Article, doc: Any, speech: list[Speech], body: list[str]) -> list[Speech]:
    """The byline's author speaks the piece's opening: its first body sentence, unless that sentence reports what
    another says — then the piece is a news report and its byline a credit ("By Magyar Nemzet of Remix News")."""
    found = byline(article)
    if found is None:
        return []
    spoken = {s.sentence for s in speech if s.speaker}
    opening = next((s for s in article.sentences if s.id in body and position(s.id) > position(found[1])), None)
    if opening is None or opening.id in spoken or _reports(doc, opening.start, opening.end):
        return []
    return [Speech(opening.id, found[0], "writes", None)]
