"""The article's language: English by a cheap rule (its function words), else named by py3langid (model in the wheel)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..lexicon.english import FUNCTION_WORDS, LANGUAGE_NAMES

_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> float:
    """The share of the words (of the first few thousand characters) that are common English function words."""
    words = _WORD.findall(text[:6000].lower())
    return sum(w in FUNCTION_WORDS for w in words) / len(words) if words else 1.0


def language_of(text: str) -> str:
    """The ISO 639-1 code of the text's language: "en" by the cheap rule, else what py3langid says."""
    if english_share(text) >= 0.15:  # English news runs 0.3-0.45; other languages stay under 0.05
        return "en"
    code: str = _identifier().classify(text[:6000])[0]
    return code


def name_of(code: str) -> str:
    """A language's name for messages."""
    return LANGUAGE_NAMES.get(code, code)


@cache
def _identifier() -> Any:
    """py3langid's model (0.5 s to load: only articles that are not plainly English need it)."""
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
