"""Sentences addressed to a model rather than to readers: prompt injection, fake chat markup, fake JSON answers.

Such sentences stay in the article (offsets and ids do not move) but are never cited or used.
"""

from __future__ import annotations

import re

from .segment import Sentence

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(previous|prior|above|earlier|all|any|your)\b[^.]{0,30}"
    r"\b(instructions?|prompts?|rules|directions)\b"
    r"|\bsystem prompt\b|\byou are (now )?(an? )?(ai|assistant|language model|chatbot|llm)\b"
    r"|\b(new|updated) instructions?\b|\bas an ai\b|^\W*(assistant|system|user)\s*:"
    r"|<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>|\{\s*\"[A-Za-z_]+\"\s*:",
    re.IGNORECASE,
)


def flagged(text: str, sentences: list[Sentence]) -> set[str]:
    """Ids of sentences addressed to a model, and of every sentence in their paragraphs (injections come as blocks)."""
    spans = []
    for s in sentences:
        if _INSTRUCTION.search(s.text):
            end = text.find("\n", s.end)
            spans.append((text.rfind("\n", 0, s.start) + 1, len(text) if end < 0 else end))
    return {s.id for s in sentences for lo, hi in spans if lo <= s.start < hi}
