"""The article's language: English by a cheap rule (its function words), else named by py3langid (model in the wheel)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# The commonest English function words: about a third of any English text, almost none of another language's.
_ENGLISH = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "as", "he", "she", "be",
    "at", "by", "this", "had", "not", "are", "but", "from", "or", "have", "an", "they", "which", "you", "were",
    "his", "her", "their", "has", "been", "would", "will", "said", "who", "its", "there", "more", "than", "after",
}
_WORD = re.compile(r"[^\W\d_]+")
NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
         "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "nl": "Dutch", "ar": "Arabic", "zh": "Chinese",
         "ja": "Japanese", "ko": "Korean", "tr": "Turkish", "fa": "Persian", "he": "Hebrew", "sv": "Swedish"}


def english_share(text: str) -> float:
    """The share of the words (of the first few thousand characters) that are common English function words."""
    words = _WORD.findall(text[:6000].lower())
    return sum(w in _ENGLISH for w in words) / len(words) if words else 1.0


def language_of(text: str) -> str:
    """The ISO 639-1 code of the text's language: "en" by the cheap rule, else what py3langid says."""
    if english_share(text) >= 0.15:  # English news runs 0.3-0.45; other languages stay under 0.05
        return "en"
    code: str = _identifier().classify(text[:6000])[0]
    return code


def name_of(code: str) -> str:
    """A language's name for messages."""
    return NAMES.get(code, code)


@cache
def _identifier() -> Any:
    """py3langid's model (0.5 s to load: only articles that are not plainly English need it)."""
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
