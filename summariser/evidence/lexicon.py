"""The evidence layer's word lists and aliases: one lexicon, also used by the digest. General English, no article's strings."""

from __future__ import annotations

SPEECH_VERBS = {
    "say", "tell", "warn", "add", "tweet", "state", "announce", "claim", "insist", "argue",
    "note", "write", "declare", "deny", "urge", "accuse", "suggest", "stress", "vow", "predict",
    "believe", "confirm", "report", "explain", "describe", "call", "threaten", "promise", "allege", "dismiss",
}
# "made the comments", "issued a statement", "releases its annual review": a verb and its object that speak.
STATEMENT_VERBS = {"make", "issue", "release", "publish", "give", "post"}
STATEMENT_NOUNS = {
    "comment", "remark", "statement", "announcement", "claim", "warning", "speech", "assertion", "allegation",
    "description", "words", "report", "review", "survey", "study", "poll", "story", "article", "figure", "data",
    "estimate", "investigation", "analysis", "assessment",
}
# Documents that speak through their authors ("a CNN report alleging", "the survey found"); they "find" and "show".
REPORT_NOUNS = {"report", "review", "survey", "study", "poll", "story", "article", "investigation", "analysis",
                "assessment", "figure", "data", "estimate"}
REPORT_VERBS = {"find", "show", "suggest", "conclude", "reveal"}
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
    "fighter", "fighters", "militant", "militants", "war", "shelling", "bombing", "airstrike", "airstrikes",
    "counteroffensive", "battlefield",
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
    "relations", "relationship", "diplomat", "diplomats", "embassy", "negotiate", "negotiator", "negotiators",
    "nato", "membership", "accession", "ties",
}
# Capitals and short forms that news uses for states ("Moscow said"): one actor each.
ALIASES = {
    "us": "united states", "u.s.": "united states", "u.s": "united states", "usa": "united states", "america": "united states",
    "washington": "united states", "the united states": "united states",
    "moscow": "russia", "kremlin": "russia", "russian federation": "russia",
    "kyiv": "ukraine", "kiev": "ukraine", "beijing": "china", "prc": "china", "berlin": "germany",
    "uk": "united kingdom", "u.k.": "united kingdom", "u.k": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "london": "united kingdom", "paris": "france", "tehran": "iran", "damascus": "syria",
    "pyongyang": "north korea", "dprk": "north korea", "manila": "philippines", "taipei": "taiwan",
    "ankara": "turkey", "seoul": "south korea", "tokyo": "japan", "new delhi": "india", "islamabad": "pakistan",
}
# Plural nouns for people who speak as a group ("Analysts in London said"): a source, never a borrowed name.
GROUP_NOUNS = {
    "analyst", "official", "expert", "diplomat", "source", "critic", "resident", "protester", "lawmaker",
    "legislator", "observer", "witness", "minister", "leader", "researcher", "activist", "commander", "soldier",
    "officer", "authority", "politician", "member", "investigator", "economist", "scientist", "journalist",
    "reporter", "media", "medium", "negotiator", "envoy", "representative", "spokesman", "spokesperson",
    "campaigner", "opponent", "supporter", "voter", "citizen", "worker", "doctor", "prosecutor", "lawyer",
}
# Bodies that speak as themselves ("the Russian embassy said", "police said"), named by the words around them.
INSTITUTION_NOUNS = {
    "embassy", "police", "ministry", "government", "army", "military", "court", "agency", "parliament",
    "cabinet", "council", "office", "administration", "committee", "commission", "prosecutor", "prosecutors",
}
# spaCy entity labels that name actors.
ACTOR_LABELS = {"PERSON", "ORG", "GPE"}
# Words that name no topic when two claims are compared (function words, speech verbs, calendar words).
TOPIC_STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "if", "of", "on", "in", "at", "to", "for", "from", "by", "with", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "this", "that", "these", "those", "it", "its",
    "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "not", "no", "will", "would",
    "could", "should", "may", "might", "can", "said", "says", "told", "about", "over", "more", "than", "into",
    "after", "before", "while", "also", "just", "very", "added", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "year", "years", "week", "weeks",
}
