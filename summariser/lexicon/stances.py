"""What sets two statements from different sources with each other or against each other (the digest)."""

from __future__ import annotations

# Verbs by which a party denies what it is accused of or told ("Moscow denies any such plans"); all but "deny" only
# with a claim as object ("rejects the allegations", not "rejects the appeal"). General English (the meaning
# check's DENIALS without "refuse" and "fail", which deny nothing said).
DENYING = {"deny", "reject", "refute", "dismiss", "debunk", "disprove"}
# Nouns that name something said, which a denial can reject ("dismissed the reports"). General English.
CLAIM_NOUNS = {
    "claim", "allegation", "accusation", "charge", "report", "rumour", "rumor", "story", "assertion", "suggestion",
}
# Determiners by which a denied thing points back to what was just said ("any such plans", "those claims", "the
# allegations"). General English.
BACK_POINTERS = {"such", "those", "these", "this", "that", "the"}
# Words that call a claim untrue ("bogus spy charges", "baseless", "a hoax"). General English, written before the
# clusters were scored.
UNTRUE = {
    "bogus", "baseless", "unfounded", "groundless", "false", "fake", "hoax", "meaningless", "absurd", "nonsense",
    "fabricated", "trumped", "ridiculous", "untrue", "lie", "lies", "falsehood", "fabrication",
}
# Verbs that put a claim forward, strongly (an accusation, a warning, a confirmation). General English.
ASSERTING = {"accuse", "allege", "claim", "warn", "charge", "confirm", "assert", "insist"}
# Verbs of saying that report a claim without weighing it. General English.
REPORTING = {"say", "believe", "see", "report", "suggest", "tell", "state", "announce", "add"}
# The stance a verb of saying gives its speaker ("Stoltenberg warned that …": a warning), by its base form; a verb
# not here ("said", "told", "added") gives none. General English, the briefing schema's stances.
VERB_STANCES = {
    "warn": "warning", "caution": "warning", "threaten": "warning",
    "deny": "denial", "reject": "denial", "refute": "denial", "dismiss": "denial", "debunk": "denial",
    "accuse": "assertion", "allege": "assertion", "claim": "assertion", "insist": "assertion", "assert": "assertion",
    "confirm": "assertion", "suggest": "hedged", "believe": "hedged", "think": "hedged", "speculate": "hedged",
    "estimate": "hedged", "hope": "optimistic", "welcome": "optimistic", "fear": "pessimistic",
    "worry": "pessimistic", "lament": "pessimistic",
}
# Words of one matter across wordings: an accusation ("accused of", "the allegations", "the charges"). General
# English, from the vocabulary of disputes.
ACCUSATION = {"accuse", "accusation", "allege", "allegation", "charge", "claim"}
# National adjectives as the state they name ("Russian authorities" are Russia's). General English; the list from
# "moldovan" on was added whole, as general English, after half A's "Moldovan" was tagged a person.
DEMONYMS = {
    "russian": "russia", "ukrainian": "ukraine", "american": "united states", "british": "united kingdom",
    "chinese": "china", "french": "france", "german": "germany", "iranian": "iran", "israeli": "israel",
    "syrian": "syria", "turkish": "turkey", "polish": "poland", "belarusian": "belarus", "western": "west",
    "european": "europe", "japanese": "japan", "indian": "india", "palestinian": "palestine",
    "moldovan": "moldova", "georgian": "georgia", "armenian": "armenia", "azerbaijani": "azerbaijan",
    "lithuanian": "lithuania", "latvian": "latvia", "estonian": "estonia", "finnish": "finland", "swedish": "sweden",
    "norwegian": "norway", "danish": "denmark", "dutch": "netherlands", "belgian": "belgium", "swiss": "switzerland",
    "austrian": "austria", "italian": "italy", "spanish": "spain", "portuguese": "portugal", "greek": "greece",
    "hungarian": "hungary", "romanian": "romania", "bulgarian": "bulgaria", "serbian": "serbia",
    "croatian": "croatia", "slovak": "slovakia", "czech": "czechia", "canadian": "canada", "mexican": "mexico",
    "brazilian": "brazil", "australian": "australia", "korean": "south korea", "north korean": "north korea",
    "south korean": "south korea", "saudi": "saudi arabia", "iraqi": "iraq", "afghan": "afghanistan",
    "pakistani": "pakistan", "egyptian": "egypt", "libyan": "libya", "lebanese": "lebanon", "jordanian": "jordan",
    "qatari": "qatar", "emirati": "united arab emirates", "yemeni": "yemen", "kazakh": "kazakhstan",
    "taiwanese": "taiwan", "vietnamese": "vietnam", "irish": "ireland", "kuwaiti": "kuwait",
}
