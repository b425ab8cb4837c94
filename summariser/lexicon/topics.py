"""Topics: the vocabulary that makes a sentence military or diplomatic, military assets, and words that name no topic."""

from __future__ import annotations

# A sentence with one of these words is about military matters. General war vocabulary; "btg" (battalion tactical
# group) added for the seed article (seeds/000_ca47a91dfa488ab7.txt).
MILITARY_WORDS = {
    "troop", "troops", "battalion", "brigade", "division", "soldier", "army", "military", "force", "forces",
    "bomber", "helicopter", "tank", "jet", "warship", "missile", "drone", "artillery", "aircraft", "ship",
    "submarine", "btg", "invasion", "invade", "deploy", "deployed", "strike", "attack", "offensive", "border",
    "weapon", "ammunition", "equipment", "mobilisation", "mobilization", "airfield", "nuclear", "combat",
    "fighter", "fighters", "militant", "militants", "war", "shelling", "bombing", "airstrike", "airstrikes",
    "counteroffensive", "battlefield",
}
# The head nouns of a deployment ("14 BTGs", "Russian warships"). General military vocabulary; "btg" as above.
ASSET_HEADS = {
    "troop", "battalion", "brigade", "division", "soldier", "bomber", "helicopter", "tank", "jet", "warship",
    "missile", "drone", "artillery", "aircraft", "ship", "submarine", "btg", "fighter", "round", "vehicle",
    "force", "unit", "regiment", "launcher", "system", "reservist", "personnel", "weapon", "shell",
}
# A sentence with one of these words is about diplomacy. General diplomatic vocabulary; "ties", "membership" and
# "accession" added while reading the answer keys' development articles (NATO membership).
DIPLOMATIC_WORDS = {
    "diplomatic", "diplomacy", "talks", "negotiation", "negotiations", "summit", "meeting", "sanction",
    "sanctions", "agreement", "treaty", "ceasefire", "dialogue", "minister", "ambassador", "envoy", "un",
    "resolution", "vote", "recognition", "guarantees", "alliance", "solution", "peace", "deal", "council",
    "relations", "relationship", "diplomat", "diplomats", "embassy", "negotiate", "negotiator", "negotiators",
    "nato", "membership", "accession", "ties",
}
# Words that name no topic when two texts are compared (function words, speech verbs, calendar words). General English.
TOPIC_STOPWORDS = {
    "a", "an", "the", "and", "or", "but", "if", "of", "on", "in", "at", "to", "for", "from", "by", "with", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "this", "that", "these", "those", "it", "its",
    "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "not", "no", "will", "would",
    "could", "should", "may", "might", "can", "said", "says", "told", "about", "over", "more", "than", "into",
    "after", "before", "while", "also", "just", "very", "added", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "year", "years", "week", "weeks",
}
