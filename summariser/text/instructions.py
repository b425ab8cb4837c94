"""Sentences addressed to a model rather than to readers: prompt injection, fake chat markup, fake JSON answers.

Such sentences stay in the article (offsets and ids do not move) but are never cited or used.
"""

from __future__ import annotations

import re
import unicodedata

from .segment import Sentence

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(previous|prior|above|earlier|all|any|your)\b[^.]{0,30}"
    r"\b(instructions?|prompts?|rules|directions)\b"
    r"|\bsystem prompt\b|\byou are (now )?(an? )?(ai|assistant|language model|chatbot|llm)\b"
    r"|\b(new|updated) (instructions?|task)\b|\bas an ai\b|^\W*(assistant|system|user)\s*:"
    r"|<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>|\{\s*\"[A-Za-z_]+\"\s*:",
    re.IGNORECASE,
)


# Chat role markers anywhere in a sentence, written as markup is ("SYSTEM:", "Assistant:"), not as prose.
_ROLE = re.compile(r"(^|\W)(SYSTEM|ASSISTANT|USER|System|Assistant|User)\s*:\s")
# Characters that show nothing: a word with one inside it ("Ig\u200bnore") reads as the word.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]")


def skeleton(text: str) -> str:
    """Text as it reads: compatibility forms folded (NFKC), invisible characters removed, and letters that look
    Latin ("Ignоre" with a Cyrillic о) mapped to the Latin ones (Unicode's confusables, via confusable-homoglyphs)."""
    from confusable_homoglyphs import confusables

    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    found = confusables.is_confusable(text, greedy=True, preferred_aliases=["latin", "common"]) or []
    latin = {f["character"]: next((h["c"] for h in f["homoglyphs"] if h["c"].isascii()), f["character"])
             for f in found}
    return text.translate(str.maketrans(latin)) if latin else text


def flagged(text: str, sentences: list[Sentence]) -> set[str]:
    """Ids of sentences addressed to a model, and of every sentence in their paragraphs (injections come as blocks)."""
    spans = []
    for s in sentences:
        if _INSTRUCTION.search(shown := skeleton(s.text)) or _ROLE.search(shown):
            end = text.find("\n", s.end)
            spans.append((text.rfind("\n", 0, s.start) + 1, len(text) if end < 0 else end))
    return {s.id for s in sentences for lo, hi in spans if lo <= s.start < hi}
