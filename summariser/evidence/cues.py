"""Cues: the words that decide the force-posture trend and the diplomatic trajectory, read from the parse.

A cue is a word (by lemma) that says military activity is growing ("mobilised",
"shelling", "more troops") or falling ("withdrawal", "ceasefire"), or that
diplomacy moves forward ("agreement", "breakthrough"), backward ("sanctions",
"expelled") or not at all ("deadlock", "rejected"). The parse decides how it
counts: a negated cue ("we have not seen any de-escalation", "no sign of a
withdrawal", "failed to reach agreement") counts for the opposite reading
where there is one; a hypothetical one ("could escalate", "if talks resume")
does not count. The labels are decided from these counts by `decide_trend`
and `decide_trajectory`, which abstain (`unclear`) when the cues are few or
mixed: a confident wrong label is worse than none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from ..briefing.model import Trajectory, Trend

# Lemmas. General war-and-diplomacy vocabulary, not words from any one article.
ESCALATING = {
    "escalate", "escalation", "mobilise", "mobilize", "mobilisation", "mobilization", "reinforce",
    "reinforcement", "deploy", "deployment", "buildup", "build-up", "offensive", "counteroffensive", "invade",
    "invasion", "attack", "strike", "airstrike", "shell", "shelling", "bombard", "bombardment", "bombing",
    "missile", "drone", "assault", "advance", "incursion", "raid", "mass", "massing", "intensify", "step",
    "ramp", "surge", "sabotage", "capture", "seize", "annex", "annexation", "threaten", "soar", "swell",
}
DE_ESCALATING = {
    "de-escalate", "de-escalation", "deescalate", "deescalation", "withdraw", "withdrawal", "retreat",
    "pullback", "ceasefire", "truce", "armistice", "disengage", "disengagement", "demobilise", "demobilize",
    "drawdown", "demilitarise", "demilitarize",
}
IMPROVING = {
    "breakthrough", "progress", "rapprochement", "thaw", "normalise", "normalize", "normalisation",
    "normalization", "reconcile", "reconciliation", "resume", "détente", "detente", "accord", "compromise",
}
DETERIORATING = {
    "sanction", "expel", "expulsion", "sever", "suspend", "suspension", "condemn", "condemnation", "retaliate",
    "retaliation", "ultimatum", "boycott", "provocation", "provoke", "hostility", "breakdown", "collapse",
    "blackmail", "warn", "warning", "threat", "accuse", "accusation",
}
STALLED = {
    "stall", "deadlock", "impasse", "stalemate", "stuck", "block", "reject", "rejection", "refuse", "refusal",
    "veto", "postpone", "delay", "freeze",
}
# "agreement", "deal", "talks" and "negotiation" are moves forward only when something happens to them.
AGREEMENT = {"agreement", "deal", "talk", "negotiation", "settlement", "peace", "treaty"}
FORWARD = {"reach", "sign", "agree", "conclude", "strike", "secure", "achieve", "resume", "outline", "broker",
           "finalise", "finalize"}
# Ending a measure reverses it: "an end to sanctions", "lift the sanctions".
UNDO = {"end", "lift", "ease", "drop", "scrap", "remove"}
HYPOTHETICAL = {"could", "might", "may", "would", "should", "if", "unless", "whether"}
OPPOSITE = {"escalating": "de-escalating", "de-escalating": "escalating", "improving": "stalled"}


@dataclass(frozen=True)
class Cue:
    """One cue word in one sentence, and the reading it counts for."""

    sentence: str
    word: str
    reading: str  # escalating, de-escalating, improving, deteriorating, stalled


def _negation(token: Any) -> bool:
    return bool(token.dep_ == "neg" or token.lower_ in {"no", "without", "never"})


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
                head.lemma_ in {"fail", "refuse", "reject", "deny"} and token.i > head.i):
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
    if lemma == "step" or lemma == "ramp":  # "step up", "ramp up"
        return "escalating" if any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children) else None
    if token.lower_ == "according":  # "according to", not an accord
        return None
    if any(c.lemma_.lower() in {"cyber", "hacker"} for c in token.children):  # a cyber attack moves no forces
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


# A news article states its main development in the headline and the lead: there a diplomatic cue counts
# three times. (On the answer keys this helps the trajectory, 21 right / 2 wrong against 19 / 3, and hurts
# the trend, which counts every sentence once.)
LEAD_WEIGHT = 3


def _counts(cues: list[Cue], ids: set[str], lead: frozenset[str] = frozenset()) -> Counter[str]:
    """Sentences (among `ids`) with a cue for each reading, a sentence once per reading (LEAD_WEIGHT times
    in the `lead`)."""
    counts: Counter[str] = Counter()
    for sid, reading in {(c.sentence, c.reading) for c in cues if c.sentence in ids}:
        counts[reading] += LEAD_WEIGHT if sid in lead else 1
    return counts


def decide_trend(cues: list[Cue], military: list[str], least: int = 3) -> Trend:
    """The force-posture trend: escalating (or de-escalating) when at least `least` military sentences say so
    and three times as many as say the opposite; else `unclear`. `deciding` gives the sentences to cite."""
    counts = _counts(cues, set(military))
    up, down = counts["escalating"], counts["de-escalating"]
    if up >= least and up >= 3 * down:
        return "escalating"
    if down >= least and down >= 3 * up:
        return "de-escalating"
    return "unclear"


def decide_trajectory(cues: list[Cue], diplomatic: list[str], lead: frozenset[str] = frozenset(), least: int = 3,
                      stalled_from: int = 3) -> Trajectory:
    """The diplomatic trajectory: the reading of at least `least` diplomatic sentences (those in the `lead`
    weigh more) when it has twice as many as any other; else `stalled` when the article has diplomacy
    (`stalled_from` sentences) that moves neither way; else `unclear`. `deciding` gives the sentences to cite."""
    counts = _counts(cues, set(diplomatic), lead)
    ranked = [(r, n) for r, n in counts.most_common() if r in {"improving", "deteriorating", "stalled"}]
    if ranked and ranked[0][1] >= least and (len(ranked) == 1 or ranked[1][1] * 2 <= ranked[0][1]):
        return cast(Trajectory, ranked[0][0])
    if stalled_from and len(diplomatic) >= stalled_from:
        return "stalled"
    return "unclear"


def deciding(cues: list[Cue], ids: list[str], readings: set[str], most: int = 3) -> list[str]:
    """The first sentences (among `ids`) whose cues support one of `readings`: those that decide a label."""
    chosen = list(dict.fromkeys(c.sentence for c in cues if c.reading in readings and c.sentence in ids))
    return chosen[:most]
