"""Names and text as the checks compare them: quote styles and whitespace folded, a name found in a text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon.names import ALIASES, NAME_STOPWORDS
from .problems import Kind, Problem

if TYPE_CHECKING:
    from ..text import Article

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "«": '"', "»": '"'})
WORD = re.compile(r"[A-Za-z][\w'-]*")


def norm(text: str) -> str:
    """Fold quote styles, dashes and whitespace so verbatim checks ignore them."""
    text = text.translate(_QUOTES).replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=8)
def folded(text: str) -> str:
    """`norm(text).lower()`, kept: every name check of an article needs its whole text folded."""
    return norm(text).lower()


def holds(text: str, name: str) -> bool:
    """True when `name` occurs in `text` as whole words ("Trump" in "Peacemaker Trump Again", not in "Trumpet")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def names_one(a: str, b: str) -> bool:
    """True when one name is the other or holds it as whole words ("Mekdad", "Faisal al-Mekdad")."""
    return holds(b, a) or holds(a, b)


def name_problem(name: str, article: Article, cited: str) -> Problem | None:
    """Why `name` is not grounded in the article and the cited text, or None."""
    n = norm(name)
    if n.lower() in cited.lower():
        return None
    words = [w for w in WORD.findall(n) if w.lower() not in NAME_STOPWORDS]
    if not words:
        return Problem(Kind.NAME_UNCHECKABLE, detail=name)
    whole = folded(article.text)
    absent = [w for w in words if not re.search(rf"\b{re.escape(w.lower())}\b", whole)]
    if absent:
        return Problem(Kind.NAME_ABSENT, detail=name)
    # "Mr Mekdad" names Faisal al-Mekdad; "Washington" and "US" name the United States.
    parts = [p for w in words for p in w.split("-") if len(p) > 2 and p.lower() not in NAME_STOPWORDS]
    if not any(re.search(rf"\b{re.escape(w.lower())}\b", cited.lower()) for w in [*words, *parts]) and not _alias_in(
            n, cited):
        return Problem(Kind.NAME_NOT_CITED, detail=name)
    return None


def _alias_in(name: str, cited: str) -> bool:
    """Whether the cited text names the same state by another of its usual names (the lexicon's aliases)."""
    canonical = ALIASES.get(name.lower(), name.lower())
    forms = {form for form, target in ALIASES.items() if target == canonical}
    if not forms:
        return False
    forms.add(canonical)
    # Short forms count as written ("US", not the pronoun "us"); longer ones in any case.
    return any(re.search(rf"\b{re.escape(f.upper() if len(f) <= 4 else f)}\b", cited if len(f) <= 4 else cited.lower())
               for f in forms)
