"""Statements across sources: what each article asserts, sentence by sentence, and which statements of two sources
agree or contradict each other, found by rule.

Every sentence of an article that names a party is a statement, with what makes it comparable: the parties it
names (merged as the digest merges actors: people by surname, states through their capitals and adjectives), its
parties that are the subject of a clause (what it is about; "he" and "his" taken as the people of the sentence
before), its content lemmas, its figures, whether it denies or calls something untrue, whether it puts a claim
forward. A denial that points back ("denies any such plans") denies what the sentence before it said. A claim and a
denial are on the same matter when a subject of one is a subject of the other and they share a matter word (a
content lemma, or the same kind of matter: an accusation, a military event), not when they merely share frequent
words; two statements agree when they state the same figure, or the same denial, or name the same rarely named
party in the same terms. Precision first: each denial is set against the one claim of each other source it best
answers, each statement against the one statement of each other source that best agrees with it, and only above a
floor (`flow.decide`). For a model judge only, pairs on the same matter whatever their stance (`same_matter`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from .briefing.predicates import is_content, negated
from .briefing.support import Source
from .flow.decide import MIN_AGREEMENT, MIN_CONTRADICTION
from .lexicon.names import ALIASES
from .lexicon.speech import PERSONAL_PRONOUNS
from .lexicon.stances import (
    ACCUSATION,
    ASSERTING,
    BACK_POINTERS,
    CLAIM_NOUNS,
    DEMONYMS,
    DENYING,
    REPORTING,
    UNTRUE,
)
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
    subjects: frozenset[str]  # the parties that are the subject of a clause, or accused
    lemmas: frozenset[str]
    figures: frozenset[str]  # a number with the word it counts: "100,000 troop"
    matters: frozenset[str]  # "accusation", "military"
    denies: int  # 2: a denial or a word that calls something untrue; 1: "no evidence" (negated evidence); 0
    asserts: int  # 2: an accusation, warning or confirmation; 1: reported speech; 0 (always 0 when it denies)


def statements(source_id: str, src: Source) -> list[Statement]:
    """The statements of an article's parsed sentences: those that name a party."""
    out = []
    before: Any = None  # the previous sentence, which a pronoun or "such plans" refers back to
    for sid, doc in zip(src.ids, src.docs, strict=True):
        parties, subjects = _parties(doc), _subjects(doc, before)
        if parties | subjects:  # "He denied the charges" names its party in the sentence before
            out.append(_statement(source_id, sid, doc, (parties | subjects, subjects), before))
        before = doc
    return out


def _parties(doc: Any, tokens: Any = None) -> frozenset[str]:
    """The parties a sentence (or some of its tokens) names: each by its key without the person mark, and every
    proper noun as itself (the tagger names "Gershkovich" a person in one sentence and nothing in the next)."""
    tokens = list(doc) if tokens is None else tokens
    at = {t.i for t in tokens}
    parties = {actor_key(e.text, _PARTY_LABELS[e.label_]).removeprefix("person:") for e in doc.ents
               if e.label_ in _PARTY_LABELS and e.root.i in at}
    return frozenset(parties | {actor_key(t.text, "other") for t in tokens  # not a date's "March": a time, no party
                                if t.pos_ == "PROPN" and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"}})


def _people(doc: Any) -> frozenset[str]:
    """The people a sentence names, by surname: whom "he" or "his" in the next one may mean."""
    return frozenset(actor_key(e.text, "person").removeprefix("person:") for e in doc.ents if e.label_ == "PERSON")


def _subjects(doc: Any, before: Any) -> frozenset[str]:
    """The parties that are the subject of one of a sentence's clauses or whom it accuses (what it is about), "he"
    or "his" among them taken as the people of the sentence before."""
    tokens = [w for t in doc if t.dep_ in ("nsubj", "nsubjpass") or _accused(t) for w in t.subtree]
    subjects = _parties(doc, tokens)
    if before is not None and any(t.lower_ in PERSONAL_PRONOUNS | {"his"} for t in tokens):
        subjects |= _people(before) | _subjects(before, None)
    return subjects


def _accused(t: Any) -> bool:
    """The object of an accusation ("Russia accuses Gershkovich of espionage"): whom the claim is about."""
    return t.dep_ == "dobj" and t.head.lemma_.lower() in ACCUSATION


def _statement(source_id: str, sid: str, doc: Any, named: tuple[frozenset[str], frozenset[str]],
               before: Any) -> Statement:
    """A parsed sentence's comparable features, given its parties and those that are subjects."""
    parties, subjects = named
    words = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    lemmas = _lemmas(doc)
    if before is not None and any(_denies_what_came_before(t) for t in doc):
        # "Moscow denies any such plans": what it denies is what the sentence before said.
        lemmas |= _lemmas(before)
        words |= {t.lemma_.lower() for t in before}
        parties |= _parties(before)
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
    return Statement(source_id, sid, doc.text, parties, subjects, lemmas, figures, matters, denies, asserts)


def _lemmas(doc: Any) -> frozenset[str]:
    """A sentence's content lemmas, names aside."""
    return frozenset(t.lemma_.lower() for t in doc if is_content(t) and t.pos_ in _CONTENT_TAGS and not t.ent_type_)


def _denies_what_came_before(t: Any) -> bool:
    """A denial whose object points back ("denies any such plans", "denied those claims", "deny the allegation")."""
    if not _denial(t):
        return False
    return any(c.dep_ == "dobj" and any(d.lower_ in BACK_POINTERS for d in c.children) for c in t.children)


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
    denial and each other source the claim it best answers, when their score reaches the floor."""
    weight = _weights(statements)
    claims = [s for s in statements if s.asserts]
    denials = [s for s in statements if s.denies]
    found: dict[tuple[str, str, str], list[Found]] = defaultdict(list)
    for c in claims:
        for d in denials:
            parties, shared, matters = c.parties & d.parties, c.lemmas & d.lemmas, c.matters & d.matters
            if d.source == c.source or not c.subjects & d.subjects or not (shared or matters):
                continue
            score = math.fsum(weight[w] for w in shared) + 2 * len(matters) + c.asserts + d.denies
            why = f"one asserts, the other {'denies' if d.denies == 2 else 'negates'}; shared: " + \
                ", ".join(sorted(parties) + sorted(matters | shared)[:4])
            if score >= floor:
                found[(c.source, d.source, d.sentence)].append((score, c, d, why))
    kept = [max(pairs, key=lambda f: f[0]) for pairs in found.values()]
    return sorted(kept, key=lambda f: -f[0])


def agreements(statements: list[Statement], floor: float = MIN_AGREEMENT) -> list[Found]:
    """Two sources stating the same figure, or the same party's denial (in any words), or naming a party few
    sentences name in the same terms, with the same polarity: for each statement and each other source the best
    such pair, when its score reaches the floor."""
    weight = _weights(statements)
    rare = {p for p, n in Counter(p for s in statements for p in s.parties).items() if n <= 2}
    best: dict[tuple[str, str, str], Found] = {}
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
                # The same party denying in both ("Gershkovich and his employer have denied …", "… which
                # Gershkovich, Washington and The WSJ vehemently deny") agrees whatever words the two use.
                deniers = a.subjects & b.subjects if a.denies and b.denies else frozenset()
                if not (figures or named or (a.denies and b.denies)) or not (shared or deniers):
                    continue
                score = math.fsum(weight[w] for w in shared) + 3 * len(figures) + 2 * len(named) + 3 * len(deniers)
                why = "; ".join(filter(None, [
                    f"same figure: {', '.join(sorted(figures))}" if figures else "",
                    "both deny" if a.denies and b.denies else "",
                    f"shared: {', '.join(sorted(a.parties & b.parties) + sorted(shared)[:4])}"]))
                key = (a.source, a.sentence, b.source)
                if score >= floor and (key not in best or score > best[key][0]):
                    best[key] = (score, a, b, why)
    return sorted(best.values(), key=lambda f: -f[0])


def same_matter(statements: list[Statement], most: int) -> list[Found]:
    """Pairs of statements of two sources about the same matter, whatever their stance: a subject in common and a
    content word or a kind of matter, by how rare what they share is (a figure counts 3); the best `most`. What
    they are to each other is for a judge to say: the rules never list these."""
    weight = _weights(statements)
    found = []
    for i, a in enumerate(statements):
        for b in statements[i + 1:]:
            shared, matters = a.lemmas & b.lemmas, a.matters & b.matters
            if a.source == b.source or a.text == b.text or not a.subjects & b.subjects or not (shared or matters):
                continue
            score = math.fsum(weight[w] for w in shared) + 2 * len(matters) + 3 * len(a.figures & b.figures)
            found.append((score, a, b, "same matter; shared: " + ", ".join(sorted(a.subjects & b.subjects)
                                                                            + sorted(matters | shared)[:4])))
    return sorted(found, key=lambda f: -f[0])[:most]


def _weights(statements: list[Statement]) -> dict[str, float]:
    """How rare each content lemma is among the statements (inverse document frequency)."""
    n = len(statements)
    return {w: math.log(n / c) for w, c in Counter(w for s in statements for w in s.lemmas).items()}

