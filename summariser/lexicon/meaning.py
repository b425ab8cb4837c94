"""What a statement asserts beyond its words: negation, certainty, opposed predicates, time (the support check)."""

from __future__ import annotations

# Words that negate what they stand by ("not", "never", "n't" as spaCy lemmatises it). General English.
NEGATORS = {"not", "n't", "never", "no", "nor", "neither", "without", "cannot", "nobody", "nothing", "none"}

# Predicates that negate what they govern ("denied that it bombards" says it does not). General English.
DENIALS = {"deny", "reject", "refute", "refuse", "fail", "dismiss"}

# Words that hedge a statement: modal verbs of possibility, adverbs and verbs of doubt. General English; "unsure",
# "suspect" added while reading the hand-written certainty distortions (shared/distortions).
HEDGES = {
    "may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely", "reportedly", "allegedly",
    "apparently", "seemingly", "potentially", "suggest", "seem", "appear", "suspect", "unsure", "uncertain",
    "unclear", "preliminary", "expect",
}

# Verbs that hedge the verb they govern ("threaten to leave": not yet left), only as such (a threatened people is no
# hedge). General English; "threaten" from a hand-written certainty distortion (shared/distortions).
HEDGING_VERBS = {"threaten", "risk", "promise", "plan", "intend", "hope"}

# Modal verbs that do not state a fact plainly: a hedge in a summary of them is no added doubt. General English.
MODALS = {"can", "would", "should", "must", "will"}

# Words of doubt: doubt where the basis is confident changes the certainty ("cannot be sure" where "very
# confident", "unsure whether" where "I know that"). General English, written after two hand-written certainty
# distortions (shared/distortions).
DOUBTS = {"unsure", "uncertain", "doubt", "doubtful", "doubts"}
# Words of confidence, for the same check; one under a negation is doubt ("did not know"). General English, written
# after the same two distortions.
CONFIDENT = {"confident", "sure", "certain", "know", "convinced"}

# Words that make a statement certain. General English; "conclusively" and "prove" from the certainty distortions.
BOOSTERS = {"certainly", "definitely", "surely", "undoubtedly", "conclusively", "prove", "certain", "clearly"}

# Predicates that assert the opposite of each other, by lemma (each pair both ways). General English; "deny" against
# "admit" and "confirm", "rarely" against "usually", from the hand-written negation distortions (shared/distortions).
OPPOSED = {
    ("deny", "admit"), ("deny", "confirm"), ("deny", "acknowledge"), ("reject", "accept"), ("reject", "approve"),
    ("refuse", "agree"), ("lose", "win"), ("rise", "fall"), ("increase", "decrease"), ("rarely", "usually"),
    ("rarely", "often"), ("never", "always"), ("guilty", "innocent"), ("acquit", "convict"), ("lift", "impose"),
    ("withdraw", "deploy"), ("oppose", "support"), ("ban", "allow"), ("open", "close"), ("ally", "enemy"),
}

# Days and months: a statement that names one its sentences do not is wrong about time. General English.
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# The months, for the same check ("may" is a month only when tagged a name). General English.
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
}
# Months as news abbreviates them ("Feb. 24"), read as the month. General English (AP style and common forms); added
# after a hand-written probe of a strong model's paraphrase ("24 February" where the article writes "Feb. 24").
MONTH_ABBREVIATIONS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july", "aug": "august",
    "sep": "september", "sept": "september", "oct": "october", "nov": "november", "dec": "december",
}
# British word endings and their American spelling ("defence", "defense"): one word to the meaning check. General
# English; added after the same probe flagged "Defense Ministry" where the article writes "Defence Ministry".
SPELLINGS = (("isation", "ization"), ("ence", "ense"), ("our", "or"), ("ise", "ize"), ("yse", "yze"), ("tre", "ter"),
             ("ogue", "og"))

# Words that carry no claim of their own when a summary adds them: verbs of saying and reporting, and the
# commonest glue of paraphrase. General English (written before scoring on FRANK).
LIGHT_WORDS = {
    "say", "tell", "add", "state", "report", "claim", "accord", "according", "also", "include", "including",
    "make", "take", "give", "get", "go", "come", "know", "call", "new", "other", "many", "several", "well",
    "year", "time", "people", "way", "part", "number", "thing",
}

# Tokenised model output as datasets store it ("kilmarnock 's", "`` quoted ''", "-lrb-"): each undone. From the PTB
# tokenisation conventions (general).
PTB = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}", "``": '"', "''": '"'}

# spaCy's named-entity labels whose words a statement may not add (spaCy's label scheme, general).
NAMED_LABELS = {"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
# The dependencies through which a clause hangs below the word that governs it (spaCy's labels, general).
CLAUSE_LABELS = {"ccomp", "xcomp", "relcl", "acl", "pcomp", "dobj", "prep"}
# Number words read as their digits ("two" is "2", "thirty" is "30"). General English; the teens and tens added after a
# hand-written probe of a strong model's paraphrase ("thirty members" where the article says "30") was flagged.
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])} | {
    w: str(10 * i) for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}
# Dependency labels of a subject or an object, the passive's written as the active's (spaCy's labels, general).
ROLE_LABELS = {"nsubj": "subject", "agent": "subject", "csubj": "subject", "nsubjpass": "object", "dobj": "object",
               "dative": "object", "pobj": "object", "attr": "object", "prep": "object"}
