"""Statements across sources: what each article asserts, sentence by sentence, and which statements of two sources
agree or contradict each other, found by rule.

Every sentence of an article that names a party is a statement, with what makes it comparable: the parties it
names (merged as the digest merges actors: people by surname, states through their capitals and adjectives), its
content lemmas, its figures, whether it denies or calls something untrue, whether it puts a claim forward. Two
statements are on the same matter when they share a party and a matter word (a content lemma, or the same kind of
matter: an accusation, a military event), not when they merely share frequent words. They contradict when one puts
a claim forward and the other denies it or calls it untrue; they agree when they state the same figure, or the same
denial, or name the same rarely named party in the same terms. Precision first: for each direction between two
sources only the best-supported pair is kept, and only above a floor (`flow.decide`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from .briefing.support import Source, is_content, negated
from .flow.decide import MIN_AGREEMENT, MIN_CONTRADICTION
from .lexicon.names import ALIASES
from .lexicon.stances import ACCUSATION, ASSERTING, CLAIM_NOUNS, DEMONYMS, DENYING, REPORTING, UNTRUE
from .lexicon.topics import MILITARY_WORDS

_PARTY_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "state"}
_CONTENT_TAGS = ("NOUN", "VERB", "ADJ")


def actor_key(name: str, kind: str) -> str:
    """One key per actor across articles: people by surname ("person:putin"), places and states through their
    aliases and adjectives."""
    low = re.sub(r"^the\s+", "", name.strip().lower())
    low = re.sub(r"['’]s$", "", low)
    if kind == "person":
        return "person:" + low.split()[-1]
    low = DEMONYMS.get(low, low)
    return ALIASES.get(low, low)


@dataclass(frozen=True)
class Statement:
    """One sentence of one source, as the pairing rules compare it."""

    source: str  # the digest's article id, "A3"
    sentence: str  # the sentence id, "S5"
    text: str
    parties: frozenset[str]
    lemmas: frozenset[str]
    figures: frozenset[str]  # a number with the word it counts: "100,000 troop"
    matters: frozenset[str]  # "accusation", "military"
    denies: int  # 2: a denial or a word that calls something untrue; 1: "no evidence" (negated evidence); 0
    asserts: int  # 2: an accusation, warning or confirmation; 1: reported speech; 0 (always 0 when it denies)


def statements(source_id: str, src: Source) -> list[Statement]:
    """The statements of an article's parsed sentences: those that name a party."""
    out = []
    for sid, doc in zip(src.ids, src.docs, strict=True):
        # A party by its key without the person mark, and every proper noun as itself: the tagger names "Gershkovich"
        # a person in one sentence and nothing in the next.
        parties = frozenset(actor_key(e.text, _PARTY_LABELS[e.label_]).removeprefix("person:") for e in doc.ents
                            if e.label_ in _PARTY_LABELS)
        parties |= {actor_key(t.text, "other") for t in doc if t.pos_ == "PROPN" and not t.is_stop}
        if parties:
            out.append(_statement(source_id, sid, doc, parties))
    return out


def _statement(source_id: str, sid: str, doc: Any, parties: frozenset[str]) -> Statement:
    """A parsed sentence's comparable features."""
    words = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    lemmas = frozenset(t.lemma_.lower() for t in doc if is_content(t) and t.pos_ in _CONTENT_TAGS and not t.ent_type_)
    figures = frozenset(f"{t.text.replace(',', '')} {t.head.lemma_.lower()}" for t in doc
                        if t.like_num and t.ent_type_ not in ("DATE", "TIME", "ORDINAL") and t.head.i != t.i)
    matters = frozenset(name for name, vocabulary in (("accusation", ACCUSATION), ("military", MILITARY_WORDS))
                        if words & vocabulary)
    verbs = {t.lemma_.lower() for t in doc if t.pos_ == "VERB"}
    if words & UNTRUE or any(_denial(t) for t in doc):
        denies = 2
    else:  # "no evidence"; a negated main verb is not enough ("Not only did the explosions cause …")
        denies = int(any(t.lower_ == "evidence" and negated(t) % 2 for t in doc))
    asserts = 0 if denies else 2 if verbs & ASSERTING else int(bool(verbs & REPORTING))
    return Statement(source_id, sid, doc.text, parties, lemmas, figures, matters, denies, asserts)


def _denial(t: Any) -> bool:
    """A verb that denies something said: "deny" whatever its object, the others only a claim or a clause
    ("rejected the allegations", "dismissed that it was planning", not "rejected the appeal"); never in the passive
    ("were denied treatment")."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or lemma not in DENYING:
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children):  # "they were denied treatment" refused them
        return False
    return lemma == "deny" or any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS)
                                  for c in t.children)


# A pair the rules found: its score, both statements (for a contradiction the claim first) and why, in words.
Found = tuple[float, Statement, Statement, str]


def contradictions(statements: list[Statement], floor: float = MIN_CONTRADICTION) -> list[Found]:
    """A claim put forward by one source and denied or called untrue by another, on the same matter: for each
    direction between two sources the best such pair, when its score reaches the floor."""
    weight = _weights(statements)
    claims = [s for s in statements if s.asserts]
    denials = [s for s in statements if s.denies]
    best: dict[tuple[str, str], Found] = {}
    for c in claims:
        for d in denials:
            parties, shared, matters = c.parties & d.parties, c.lemmas & d.lemmas, c.matters & d.matters
            if d.source == c.source or not parties or not (shared or matters):
                continue
            score = math.fsum(weight[w] for w in shared) + 2 * len(matters) + c.asserts + d.denies
            why = f"one asserts, the other {'denies' if d.denies == 2 else 'negates'}; shared: " + \
                ", ".join(sorted(parties) + sorted(matters | shared)[:4])
            key = (c.source, d.source)
            if score >= floor and (key not in best or score > best[key][0]):
                best[key] = (score, c, d, why)
    return sorted(best.values(), key=lambda f: -f[0])


def agreements(statements: list[Statement]) -> list[Found]:
    """Two sources stating the same figure, or the same party's denial, or naming a party few sentences name in
    the same terms, with the same polarity: for each direction between two sources the best such pair, when its
    score reaches `MIN_AGREEMENT`."""
    weight = _weights(statements)
    rare = {p for p, n in Counter(p for s in statements for p in s.parties).items() if n <= 2}
    best: dict[tuple[str, str], Found] = {}
    by_party: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        for p in s.parties:
            by_party[p].append(s)
    seen: set[tuple[Statement, Statement]] = set()
    for group in by_party.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                # A sentence two sources print word for word is one source reprinted (wire copy, a site's boilerplate).
                if a.source == b.source or bool(a.denies) != bool(b.denies) or a.text == b.text or (a, b) in seen:
                    continue
                seen.add((a, b))
                figures, shared = a.figures & b.figures, a.lemmas & b.lemmas
                named = a.parties & b.parties & rare
                if not (figures or named or (a.denies and b.denies)) or not shared:
                    continue
                score = math.fsum(weight[w] for w in shared) + 3 * len(figures) + 2 * len(named)
                why = "; ".join(filter(None, [
                    f"same figure: {', '.join(sorted(figures))}" if figures else "",
                    "both deny" if a.denies and b.denies else "",
                    f"shared: {', '.join(sorted(a.parties & b.parties) + sorted(shared)[:4])}"]))
                key = (a.source, b.source)
                if score >= MIN_AGREEMENT and (key not in best or score > best[key][0]):
                    best[key] = (score, a, b, why)
    return sorted(best.values(), key=lambda f: -f[0])


def _weights(statements: list[Statement]) -> dict[str, float]:
    """How rare each content lemma is among the statements (inverse document frequency)."""
    n = len(statements)
    return {w: math.log(n / c) for w, c in Counter(w for s in statements for w in s.lemmas).items()}

