"""Grounding: does the article support an item? Used by validators and by `prune`.

Checks: cited sentence ids exist; quotes are verbatim (modulo whitespace and
quote style); names occur in the article and in the cited sentences; every
number occurs in the cited sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .article import Article

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "«": '"', "»": '"'})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
# Words that carry no identity: a name made only of these is not checkable.
_STOP = {"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "de", "al", "von", "van"}


def norm(text: str) -> str:
    """Fold quote styles, dashes and whitespace so verbatim checks ignore them."""
    text = text.translate(_QUOTES).replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """`norm(text).lower()`, kept: every name check of an article needs its whole text folded."""
    return norm(text).lower()


def _cited(article: Article, ids: list[str]) -> tuple[str, list[str]]:
    """The normalised text of the cited sentences, and the ids that do not exist."""
    found, unknown = [], []
    for sid in ids:
        s = article.sentence(sid)
        if s is None:
            unknown.append(sid)
        else:
            found.append(s.text)
    return norm(" ".join(found)), unknown


def name_problem(name: str, article: Article, cited: str) -> str | None:
    """Why `name` is not grounded in the article and the cited text, or None."""
    n = norm(name)
    if n.lower() in cited.lower():
        return None
    words = [w for w in _WORD.findall(n) if w.lower() not in _STOP]
    if not words:
        return f"name {name!r} has no checkable words"
    whole = folded(article.text)
    absent = [w for w in words if not re.search(rf"\b{re.escape(w.lower())}\b", whole)]
    if absent:
        return f"name {name!r} does not occur in the article"
    if not any(re.search(rf"\b{re.escape(w.lower())}\b", cited.lower()) for w in words):
        return f"name {name!r} is not in the cited sentences"
    return None


def quote_problem(quote: str, article: Article, cited: str) -> str | None:
    """Why `quote` is not verbatim in the cited sentences, or None."""
    q = norm(quote).strip("\"' ")
    if not q:
        return "quote is empty"
    if q in cited:
        return None
    for s in article.sentences:
        if q in norm(s.text):
            return f"quote is in {s.id}, which is not cited"
    return f"quote {quote[:60]!r} is not verbatim in the article"


def number_problems(text: str | None, cited: str) -> list[str]:
    """Numbers in `text` that the cited sentences do not contain."""
    if not text:
        return []
    have = {n.replace(",", "") for n in _NUMBER.findall(cited)}
    return [f"number {n} is not in the cited sentences" for n in _NUMBER.findall(text) if n.replace(",", "") not in have]


def injected_words(text: str | None, article: Article) -> list[str]:
    """Words of `text` that the article uses only in sentences addressed to a model."""
    if not text or not article.suspicious:
        return []
    normal = " ".join(s.text for s in article.sentences if s.id not in article.suspicious).lower()
    flagged = " ".join(s.text for s in article.sentences if s.id in article.suspicious).lower()
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    return sorted(w for w in words if w in flagged and not re.search(rf"\b{re.escape(w)}\b", normal))


def problems(item: Any, article: Article) -> list[str]:
    """Every reason the article does not support `item` (a draft or final item)."""
    ids = list(getattr(item, "evidence", []) or [])
    cited, unknown = _cited(article, ids)
    out = [f"unknown sentence id {sid}" for sid in unknown]
    out += [f"cites {sid}, which reads as an instruction to a model" for sid in ids if sid in article.suspicious]
    for name in ("name", "role", "statement", "quote", "speaker", "asset", "bottom_line", "assessment"):
        if words := injected_words(getattr(item, name, None), article):
            out.append(f"{name} repeats words only found in an instruction to a model: {', '.join(words[:3])}")
    if not ids and not hasattr(item, "trend") and not hasattr(item, "trajectory"):
        out.append("no evidence cited")
    if hasattr(item, "kind") and hasattr(item, "name"):  # actor
        if p := name_problem(item.name, article, cited):
            out.append(p)
        out += number_problems(item.role, cited)
    elif hasattr(item, "speaker"):  # claim
        if item.speaker and (p := name_problem(item.speaker, article, cited)):
            out.append(p.replace("name", "speaker", 1))
        if item.quote and (p := quote_problem(item.quote, article, cited)):
            out.append(p)
        if item.attribution == "direct quote" and not item.quote:
            out.append("a direct quote needs the quoted words")
        out += number_problems(item.statement, cited)
    elif hasattr(item, "asset"):  # deployment
        for text in (item.asset, item.quantity, item.location):
            out += number_problems(text, cited)
        words = [w for w in _WORD.findall(norm(item.asset)) if len(w) > 3]
        if words and not any(w.lower()[:5] in cited.lower() for w in words):
            out.append(f"asset {item.asset!r} is not in the cited sentences")
    elif hasattr(item, "bottom_line"):  # summary
        out += number_problems(item.bottom_line, cited)
    elif hasattr(item, "assessment"):  # force posture / diplomatic outlook
        out += number_problems(item.assessment, cited)
    return out



