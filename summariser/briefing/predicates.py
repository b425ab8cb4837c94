"""What a statement's predicates assert against its basis's: a predicate negated where the basis asserts it (or the
reverse), an opposed predicate, a thing said to be done that the basis says is not done, and certainty changed; and
the word-level reading both sides share (a token's forms, a content word)."""

from __future__ import annotations

import re
from typing import Any

from ..lexicon.meaning import (
    BOOSTERS,
    CLAUSE_LABELS,
    CONFIDENT,
    DENIALS,
    DOUBTS,
    HEDGES,
    HEDGING_VERBS,
    LIGHT_WORDS,
    MODALS,
    MONTH_ABBREVIATIONS,
    NEGATORS,
    NUMBER_WORDS,
    OPPOSED,
    SPELLINGS,
)
from ..lexicon.speech import SPEECH_VERBS
from .findings import Finding, Reason
from .roles import is_name

_PREDICATES = ("VERB", "ADJ", "ADV")
_NOT = {"not", "n't", "never"}


# Two words a scraped text glued at a full stop ("in 2003.Curtis believes"): the tokeniser keeps them one token.
_GLUED = re.compile(r"(?<=[a-z0-9])\.(?=[A-Z][a-z])")


def forms(t: Any) -> set[str]:
    """A token as written and as its lemma, lower-cased; a number word also as its digits, a number also without
    its thousands' commas ("1,500" is "1500"); glued words apart."""
    out = {t.lower_, t.lemma_.lower()}
    out |= {_american(w) for w in out}
    if t.lower_.rstrip(".") in MONTH_ABBREVIATIONS:
        out.add(MONTH_ABBREVIATIONS[t.lower_.rstrip(".")])
    if t.lower_ in NUMBER_WORDS:
        out.add(NUMBER_WORDS[t.lower_])
    if t.like_num and "," in t.text:
        out.add(t.lower_.replace(",", ""))
    if _GLUED.search(t.text):
        out.update(w.lower() for w in _GLUED.split(t.text))
    return out


def _american(word: str) -> str:
    """A word in American spelling ("defence" is "defense", "centre" "center"); a short word as it is ("four")."""
    return next((word[:-len(uk)] + us for uk, us in SPELLINGS if word.endswith(uk) and len(word) > len(uk) + 2), word)


def is_content(t: Any) -> bool:
    """A word that carries a claim: not punctuation, a function word or a light word."""
    # A number word is content though spaCy calls it a stop word ("five", "forty"); "one" ("one of them") is not
    return (t.is_alpha or t.like_num) and (not t.is_stop or (t.lower_ in NUMBER_WORDS and t.lower_ != "one")) \
        and len(t.text) > 1 and t.lemma_.lower() not in LIGHT_WORDS and t.lower_ not in LIGHT_WORDS


def negated(t: Any) -> int:
    """How many times a predicate is negated: "not" or "never" below it, "no" on its object ("found no one"), a
    negated verb whose complement it is ("did not suffer damage"), a denial whose clause it is ("denied that it
    bombards"), a noun that "no" determines whose clause it is ("there is no illness that explains")."""
    n = 0 if _elided(t) else sum(1 for c in t.children if c.dep_ == "neg" or c.lower_ in _NOT)
    n += sum(1 for c in t.children if c.dep_ == "dobj" and (c.lower_ in NEGATORS or _no(c)))
    n += t.pos_ == "NOUN" and _no(t)  # "there is no evidence"
    if t.dep_ in ("dobj", "attr", "acomp", "oprd", "xcomp") and t.head.i != t.i:  # "did not plan to invade"
        n += sum(1 for c in t.head.children if c.dep_ == "neg" or c.lower_ in _NOT)
    node = t
    while node.head.i != node.i:  # up the tree, through clauses only: "denied X and accused Y" does not deny Y
        head = node.head
        if node.dep_ in CLAUSE_LABELS and (head.lemma_.lower() in DENIALS or (head.pos_ == "NOUN" and _no(head))):
            n += 1
        elif node.dep_ == "relcl" and head.dep_ == "attr" and any(c.dep_ == "neg" for c in head.head.children):
            n += 1  # "the forum is not one where developments are addressed": they are not addressed
        if node.dep_ not in CLAUSE_LABELS | {"conj"}:
            break
        node = head
    return n


def _elided(t: Any) -> bool:
    """Whether "not" before a gerund denies the verb it is coordinated with, left out, and not the gerund: "may
    explain suicidal feelings but not turning that rage outward" (may not explain turning it), unlike "was running
    but not winning" (both gerunds) or "arrived but did not stay" (its own auxiliary)."""
    return t.dep_ == "conj" and t.tag_ == "VBG" and t.head.tag_ != "VBG" and t.head.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children)


def _no(t: Any) -> bool:
    """Whether "no" determines a noun ("no evidence", "no one")."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)


def polarity(content: list[Any], basis: list[Any]) -> list[Finding]:
    """A predicate only negated where the basis only asserts it, or the reverse; a predicate opposed to one of the
    basis's. Predicates only: "no mental illness explains" and "mental illness may explain" negate the verb."""
    out: list[Finding] = []
    basis_tokens = [b for d in basis for b in d if is_content(b)]
    lemmas = {b.lemma_.lower() for b in basis_tokens}
    done: set[str] = set()
    for t in content:
        # A noun that "there is" states is a predicate too ("there is no evidence that …"); an adjective that
        # modifies a noun has the noun's polarity, not a predicate's.
        # So is a copula's noun ("is not a real de-escalation").
        stated = t.pos_ == "NOUN" and t.dep_ == "attr" and (t.head.lemma_.lower() == "be"
                                                           or any(c.lower_ == "there" for c in t.head.children))
        if (t.pos_ not in _PREDICATES and not stated) or t.dep_ == "amod" or is_name(t) \
                or (lemma := t.lemma_.lower()) in done:
            continue
        done.add(lemma)
        mine = {negated(s) % 2 for s in content if s.lemma_.lower() == lemma}
        same = [b for b in basis_tokens if b.lemma_.lower() == lemma]
        # Where the basis says it of the statement's named subject, that is what counts ("Iran never denied it"
        # against "Iran had denied …", whoever else in the basis is "denying it")
        who = _named_subject(t)
        same = [b for b in same if who and _named_subject(b) == who] or same
        theirs = {negated(b) % 2 for b in same}
        if theirs and not mine & theirs:
            out.append(Finding(Reason.NEGATION, f"{'not ' if 1 in mine else ''}{t.text}, where the article says "
                                                f"{'not ' if 1 in theirs else ''}{lemma}"))
        elif not theirs and 1 not in mine and (opposite := [b for b in _opposed(lemma) if b in lemmas]):
            out.append(Finding(Reason.OPPOSITE, f"{t.text}, where the article says {opposite[0]}"))
    return out or _object_polarity(content, basis_tokens)


def _named_subject(t: Any) -> str | None:
    """The name that is a predicate's subject, lower-cased ("iran" for "Iran had denied"), or None."""
    return next((c.lower_ for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and is_name(c)), None)


def _object_polarity(content: list[Any], basis_tokens: list[Any]) -> list[Finding]:
    """A thing said to be done that the basis says is not done, by another verb: "will cover students" where
    "would not include students" (the thing named once in the basis, so that the two clauses are the same one)."""
    for t in content:
        same = [b for b in basis_tokens if b.lemma_.lower() == t.lemma_.lower()]
        if t.pos_ != "NOUN" or is_name(t) or len(same) != 1:
            continue
        (mine, said), (theirs, stated) = _object_of(t), _object_of(same[0])
        verbs = {v.lemma_.lower() for v in (mine, theirs) if v is not None}
        if len(verbs) == 2 and not verbs & SPEECH_VERBS and said != stated:  # not "said the annexation"
            return [Finding(Reason.NEGATION, f"{'not ' if said else ''}{mine.text} {t.text}, where the article says "
                                             f"{'not ' if stated else ''}{theirs.lemma_}")]
    return []


def _object_of(t: Any) -> tuple[Any, bool]:
    """The verb whose object a noun is, through a list of objects ("include students or anyone"), and whether the
    object is denied: its verb negated, or the object itself ("cover reservists but not students")."""
    own = any(c.dep_ == "neg" or c.lower_ in _NOT for c in t.children)
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
        own ^= any(c.dep_ == "neg" or c.lower_ in _NOT for c in t.children)
    if t.dep_ != "dobj" or t.head.pos_ != "VERB":
        return None, False
    return t.head, bool(negated(t.head) % 2) != own


def _opposed(lemma: str) -> list[str]:
    """The opposites of a lemma in the lexicon."""
    return sorted([b for a, b in OPPOSED if a == lemma] + [a for a, b in OPPOSED if b == lemma])


def certainty(content: list[Any], basis: list[Any]) -> list[Finding]:
    """Certainty the basis does not have: a booster it lacks ("will certainly"), a predicate it hedges stated
    plainly; or doubt it does not have: a hedge where the basis hedges nothing."""
    mine = {f for t in content for f in forms(t)}
    theirs = {f for d in basis for t in d for f in forms(t)}
    if boosted := sorted((mine & BOOSTERS) - theirs):
        return [Finding(Reason.CERTAINTY, f"{boosted[0]}, where the article is not certain")]
    # "did not know" in the basis doubts as much as "unsure": no hedge added there
    if (hedged := sorted((mine & HEDGES) - theirs)) and not theirs & (HEDGES | MODALS) \
            and not any(_doubting(d) for d in basis):
        return [Finding(Reason.CERTAINTY, f"{hedged[0]}, where the article states it")]
    if (doubt := _doubting(content)) and \
            (sure := [b.text for d in basis for b in d if b.lemma_.lower() in CONFIDENT and not negated(b) % 2]):
        return [Finding(Reason.CERTAINTY, f"{doubt[0]}, where the article says {sure[0]}")]
    for t in content:
        same = [b for d in basis for b in d if b.lemma_.lower() == t.lemma_.lower()] if t.pos_ in ("VERB", "ADJ") else []
        if same and not _hedges(t) and all(_hedges(b) for b in same):
            return [Finding(Reason.CERTAINTY, f"{t.text} stated as certain; the article: "
                                              f"{sorted(_hedges(same[0]))[0]} {same[0].text}")]
    return []


def _doubting(tokens: Any) -> list[str]:
    """Words of doubt: "unsure", "doubt", or a word of confidence negated ("cannot be sure", "did not know")."""
    return [t.text for t in tokens if t.lemma_.lower() in DOUBTS or (t.lemma_.lower() in CONFIDENT and negated(t) % 2)]


def _hedges(t: Any) -> set[str]:
    """The hedges of a predicate: the word itself, its children and its head."""
    # Not a noun: "police believe the suspect …" hedges nothing (the suspect is a person)
    words = [w for w in (t, *t.children, *([t.head] if t.head.i != t.i else [])) if w.pos_ not in ("NOUN", "PROPN")]
    near = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
    hedges = near & HEDGES
    if t.dep_ == "xcomp" and t.head.lemma_.lower() in HEDGING_VERBS:  # "threaten to leave" hedges "leave"
        hedges.add(t.head.lemma_.lower())
    return hedges
