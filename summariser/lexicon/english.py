"""English as the text layer reads it: its commonest function words, its abbreviations, and languages' names."""

from __future__ import annotations

# The commonest English function words: about a third of any English text, almost none of another language's.
# General English (frequency lists).
FUNCTION_WORDS = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "as", "he", "she", "be",
    "at", "by", "this", "had", "not", "are", "but", "from", "or", "have", "an", "they", "which", "you", "were",
    "his", "her", "their", "has", "been", "would", "will", "said", "who", "its", "there", "more", "than", "after",
}
# Abbreviations and initials whose full stop ends no sentence ("Mr.", "Gen.", "U.S.", "Sept."). General English.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "maj", "adm",
    "gov", "sen", "rep", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig",
}
# Languages' names for messages, by ISO 639-1 code: those py3langid names most often in news. General.
LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "nl": "Dutch", "ar": "Arabic", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "tr": "Turkish", "fa": "Persian", "he": "Hebrew", "sv": "Swedish",
}
