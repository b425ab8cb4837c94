"""Who speaks: the verbs and nouns through which a sentence attributes words to someone."""

from __future__ import annotations

# Verbs of saying, by lemma. General English; "respond" was taken out after "how the US government responded"
# (a development article) made the US the speaker of a quote; "dismiss", listed twice then, lost one entry and stays.
SPEECH_VERBS = {
    "say", "tell", "warn", "add", "tweet", "state", "announce", "claim", "insist", "argue",
    "note", "write", "declare", "deny", "urge", "accuse", "suggest", "stress", "vow", "predict",
    "believe", "confirm", "report", "explain", "describe", "call", "threaten", "promise", "allege", "dismiss",
}
# A verb and its object that speak ("made the comments", "issued a statement", "releases its annual review"). General
# English; added for the phrases "made the comments" (semeval25_EN_UA_027676) and "releases its annual review"
# (cnn_allennlp_c222979bd1) found in development articles.
STATEMENT_VERBS = {"make", "issue", "release", "publish", "give", "post"}
# The objects of STATEMENT_VERBS, and the nouns of a possessive statement beside a quote ("Karaganov's description").
# General English, written while reading the development articles' misses.
STATEMENT_NOUNS = {
    "comment", "remark", "statement", "announcement", "claim", "warning", "speech", "assertion", "allegation",
    "description", "words", "report", "review", "survey", "study", "poll", "story", "article", "figure", "data",
    "estimate", "investigation", "analysis", "assessment",
}
# Documents that speak through their authors ("a CNN report alleging", "the survey found"). General English.
REPORT_NOUNS = {"report", "review", "survey", "study", "poll", "story", "article", "investigation", "analysis",
                "assessment", "figure", "data", "estimate"}
# What only a document does in the sense of speaking: it "finds" and "shows". General English.
REPORT_VERBS = {"find", "show", "suggest", "conclude", "reveal"}
# Titles by which a person is named or referred to ("the NATO chief said"). General English (news titles).
TITLE_NOUNS = {
    "chief", "minister", "secretary", "president", "spokesman", "spokeswoman", "spokesperson",
    "director", "official", "leader", "general", "commander", "ambassador", "envoy", "head",
    "premier", "chancellor", "analyst", "senator", "governor",
}
# Plural nouns for people who speak as a group ("Analysts in London said"): a source, never a borrowed name.
# General English.
GROUP_NOUNS = {
    "analyst", "official", "expert", "diplomat", "source", "critic", "resident", "protester", "lawmaker",
    "legislator", "observer", "witness", "minister", "leader", "researcher", "activist", "commander", "soldier",
    "officer", "authority", "politician", "member", "investigator", "economist", "scientist", "journalist",
    "reporter", "media", "medium", "negotiator", "envoy", "representative", "spokesman", "spokesperson",
    "campaigner", "opponent", "supporter", "voter", "citizen", "worker", "doctor", "prosecutor", "lawyer",
}
# Bodies that speak as themselves ("the Russian embassy said", "police said"), named by the words around them.
# General English.
INSTITUTION_NOUNS = {
    "embassy", "police", "ministry", "government", "army", "military", "court", "agency", "parliament",
    "cabinet", "council", "office", "administration", "committee", "commission", "prosecutor", "prosecutors",
}
# Pronouns that refer back to a person ("he said"). General English.
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
# The writer speaking of themselves: "I argue that …" opens a piece in its author's voice. General English.
FIRST_PERSON = {"i", "we"}
# Indefinite articles: "A police spokesman told" means nobody named before. General English.
INDEFINITE = {"a", "an"}
