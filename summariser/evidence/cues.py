"""Cues: the words that decide the force-posture trend and the diplomatic trajectory, read from the parse.

A cue is a word (by lemma) that says military activity is growing ("mobilised",
"shelling", "more troops") or falling ("withdrawal", "ceasefire"), or that
diplomacy moves forward ("agreement", "breakthrough"), backward ("sanctions",
"expelled") or not at all ("deadlock", "rejected"). The parse decides how it
counts: a negated cue ("we have not seen any de-escalation", "no sign of a
withdrawal", "failed to reach agreement") counts for the opposite reading
where there is one; a hypothetical one ("could escalate", "if talks resume")
does not count. The evidence layer only finds the cues; the labels are
decided from them by the policy (`flow/decide.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..lexicon.cues import (
    AGREEMENT,
    DE_ESCALATING,
    DETERIORATING,
    ESCALATING,
    FORWARD,
    HYPOTHETICAL,
    IMPROVING,
    NEGATING_VERBS,
    NEGATORS,
    NOT_CUES,
    NOT_MILITARY,
    OPPOSITE,
    STALLED,
    UNDO,
    WITH_UP,
)


@dataclass(frozen=True)
class Cue:
    """One cue word in one sentence, and the reading it counts for."""

    sentence: str
    word: str
    reading: str  # escalating, de-escalating, improving, deteriorating, stalled


def _negation(token: Any) -> bool:
    return bool(token.dep_ == "neg" or token.lower_ in NEGATORS)


def _negated(token: Any) -> bool:
    """A negation on the word (a noun's "no"), on the noun phrase it is part of ("no signs of a withdrawal"), or
    on the verb it completes ("not seen any de-escalation", "failed to reach"). A subject is not negated by its
    verb's "not" ("an attack will not stop at Ukraine")."""
    if any(_negation(c) for c in token.children):
        return True
    node = token
    for _ in range(3):
        if node.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            return False
        head = node.head
        if head is node:
            return False
        if any(_negation(c) for c in head.children if c is not node) or (
                head.lemma_ in NEGATING_VERBS and token.i > head.i):
            return True
        if head.pos_ in {"VERB", "AUX"}:
            return False
        node = head
    return False


def _hypothetical(token: Any) -> bool:
    """A modal or conditional on the word's clause: "could escalate", "if talks resume"."""
    for t in (token, token.head, token.head.head):
        if any(c.lower_ in HYPOTHETICAL and c.dep_ in {"aux", "mark"} for c in t.children):
            return True
    return False


def _reading(token: Any) -> str | None:
    """What a word is a cue for, before negation; None when it is none."""
    lemma = token.lemma_.lower()
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "de":
        lemma = f"de-{lemma}"  # "de-escalation", split by the tokenizer
    if lemma in AGREEMENT:
        forward = token.head.lemma_.lower() in FORWARD or any(c.lemma_.lower() in FORWARD for c in token.children)
        return "improving" if forward else None
    if lemma in WITH_UP:  # "step up", "ramp up"
        return "escalating" if any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children) else None
    if token.lower_ in NOT_CUES:  # "according to", not an accord
        return None
    if any(c.lemma_.lower() in NOT_MILITARY for c in token.children):  # a cyber attack moves no forces
        return None
    undone = token.head.lemma_.lower() in UNDO or (token.head.dep_ == "prep" and token.head.head.lemma_.lower() in UNDO)
    for reading, words in (("de-escalating", DE_ESCALATING), ("escalating", ESCALATING), ("improving", IMPROVING),
                           ("deteriorating", DETERIORATING), ("stalled", STALLED)):
        if lemma in words or token.lower_ in words:
            return "improving" if reading == "deteriorating" and undone else reading
    return None


def find_cues(doc: Any, sentence_of: dict[int, str]) -> list[Cue]:
    """Every counted cue of a parsed article, with negation turned and hypotheticals left out."""
    cues = []
    for token in doc:
        reading = _reading(token)
        sid = sentence_of.get(token.idx)
        if reading is None or sid is None or _hypothetical(token):
            continue
        if _negated(token):
            reading = OPPOSITE.get(reading, "")
            if not reading:
                continue
        cues.append(Cue(sid, token.text, reading))
    return cues
