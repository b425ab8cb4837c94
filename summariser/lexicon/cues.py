"""Cues: the words, by lemma, that say military activity grows or falls and diplomacy moves or stalls."""

from __future__ import annotations

# Military activity growing. General war vocabulary; "soar" and "swell" added for "soaring"/"swelling" numbers in a
# development article (frank_cnndm_8ececf760c), "sabotage" while reading the Nord Stream articles.
ESCALATING = {
    "escalate", "escalation", "mobilise", "mobilize", "mobilisation", "mobilization", "reinforce",
    "reinforcement", "deploy", "deployment", "buildup", "build-up", "offensive", "counteroffensive", "invade",
    "invasion", "attack", "strike", "airstrike", "shell", "shelling", "bombard", "bombardment", "bombing",
    "missile", "drone", "assault", "advance", "incursion", "raid", "mass", "massing", "intensify", "step",
    "ramp", "surge", "sabotage", "capture", "seize", "annex", "annexation", "threaten", "soar", "swell",
}
# Military activity falling. General war vocabulary.
DE_ESCALATING = {
    "de-escalate", "de-escalation", "deescalate", "deescalation", "withdraw", "withdrawal", "retreat",
    "pullback", "ceasefire", "truce", "armistice", "disengage", "disengagement", "demobilise", "demobilize",
    "drawdown", "demilitarise", "demilitarize",
}
# Diplomacy moving forward. General diplomatic vocabulary.
IMPROVING = {
    "breakthrough", "progress", "rapprochement", "thaw", "normalise", "normalize", "normalisation",
    "normalization", "reconcile", "reconciliation", "resume", "détente", "detente", "accord", "compromise",
}
# Diplomacy moving backward. General diplomatic vocabulary; "blackmail" added while reading development articles
# (semeval25_EN_UA_000104, 008072).
DETERIORATING = {
    "sanction", "expel", "expulsion", "sever", "suspend", "suspension", "condemn", "condemnation", "retaliate",
    "retaliation", "ultimatum", "boycott", "provocation", "provoke", "hostility", "breakdown", "collapse",
    "blackmail", "warn", "warning", "threat", "accuse", "accusation",
}
# Diplomacy stuck. General diplomatic vocabulary.
STALLED = {
    "stall", "deadlock", "impasse", "stalemate", "stuck", "block", "reject", "rejection", "refuse", "refusal",
    "veto", "postpone", "delay", "freeze",
}
# Nouns that are moves forward only when something happens to them (a FORWARD verb). General English.
AGREEMENT = {"agreement", "deal", "talk", "negotiation", "settlement", "peace", "treaty"}
# What happens to an AGREEMENT noun that moves diplomacy forward. General English; "finalise" added while reading
# the answer keys' development articles.
FORWARD = {"reach", "sign", "agree", "conclude", "strike", "secure", "achieve", "resume", "outline", "broker",
           "finalise", "finalize"}
# Ending a measure reverses it ("an end to sanctions", "lift the sanctions"): added for a development article on
# lifting sanctions (cnn_allennlp_4495ba8f3a).
UNDO = {"end", "lift", "ease", "drop", "scrap", "remove"}
# Modals and conditionals that make a cue hypothetical ("could attack", "if talks resume"). General English.
HYPOTHETICAL = {"could", "might", "may", "would", "should", "if", "unless", "whether"}
# Words that negate what they qualify ("no signs of a withdrawal", "without a ceasefire"). General English.
NEGATORS = {"no", "without", "never"}
# Verbs that negate what follows them ("failed to reach agreement"). General English.
NEGATING_VERBS = {"fail", "refuse", "reject", "deny"}
# Modifiers that take a cue out of war: a cyber attack moves no forces. Added for a development article on hackers
# (frank_xsum_30453069).
NOT_MILITARY = {"cyber", "hacker"}
# Cues only with "up" after them ("step up", "ramp up"). General English.
WITH_UP = {"step", "ramp"}
# Words whose lemma looks like a cue but is none: "according (to)" is not an "accord"; added after the development
# articles' "according to" counted as diplomacy improving.
NOT_CUES = {"according"}
# A negated cue counts for the opposite reading; "deteriorating" and "stalled" have none.
OPPOSITE = {"escalating": "de-escalating", "de-escalating": "escalating", "improving": "stalled"}
