"""Verification: does the article support an item? One check per item type, dispatched by type.

Checks: cited sentence ids exist and are not flagged as addressed to a model;
quotes are verbatim (modulo whitespace and quote style); names occur in the
article and in the cited sentences; every number occurs in the cited
sentences. The ask step gets `Verifier.review` as its validation callable (a
rejection is re-asked with the reasons, located); after the last attempt the
flow keeps what passes and lists what does not (`Verifier.keep`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..evidence.lexicon import TOPIC_STOPWORDS
from .drafts import ActorDraft, AssessmentDraft, ClaimDraft, DeploymentDraft, Draft, SummaryDraft
from .model import Actor, Claim, Deployment, Dropped, Verification

if TYPE_CHECKING:
    from ..text import Article

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "«": '"', "»": '"'})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
# Words that carry no identity: a name made only of these is not checkable.
_STOP = {"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "de", "al", "von", "van"}
_CONTENT = re.compile(r"[a-z][a-z'-]{3,}")


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


def foreign_text(text: str | None, article: Article) -> bool:
    """True when free text shares no content word with the article ("visit evil-example.com"): written from
    elsewhere. Paraphrase always reuses some of the article's words (none of 426 hand-written strong answers'
    points is caught), so the rule needs no threshold."""
    words = [w for w in _CONTENT.findall((text or "").lower()) if w not in TOPIC_STOPWORDS]
    if len(words) < 2:
        return False
    stems = _stems(folded(article.text))
    return not any(w[:5] in stems for w in words)


@lru_cache(maxsize=8)
def _stems(folded_text: str) -> frozenset[str]:
    """The five-letter stems of an article's words, for `foreign_text`."""
    return frozenset(w[:5] for w in _CONTENT.findall(folded_text))


def injected_words(text: str | None, article: Article) -> list[str]:
    """Words of `text` that the article uses only in sentences addressed to a model."""
    if not text or not article.suspicious:
        return []
    normal = " ".join(s.text for s in article.sentences if s.id not in article.suspicious).lower()
    flagged = " ".join(s.text for s in article.sentences if s.id in article.suspicious).lower()
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    return sorted(w for w in words if w in flagged and not re.search(rf"\b{re.escape(w)}\b", normal))


def _common(item: Any, article: Article, ids: list[str], fields: tuple[str, ...]) -> list[str]:
    """Problems of every item: unknown or flagged ids, and free text repeating an injected instruction."""
    _, unknown = _cited(article, ids)
    out = [f"unknown sentence id {sid}" for sid in unknown]
    out += [f"cites {sid}, which reads as an instruction to a model" for sid in ids if sid in article.suspicious]
    written = isinstance(item, Draft)  # by a model; the sections flow's items are the article's own words
    for name in fields:
        text = getattr(item, name, None)
        if words := injected_words(text, article):
            out.append(f"{name} repeats words only found in an instruction to a model: {', '.join(words[:3])}")
        elif written and foreign_text(text, article):
            out.append(f"{name} has no word in common with the article")
    return out


def _cited_or_missing(item: Any, article: Article, fields: tuple[str, ...]) -> tuple[str, list[str]]:
    """The cited text, and the common problems plus "no evidence cited" when nothing is cited."""
    ids = list(item.evidence)
    out = _common(item, article, ids, fields)
    if not ids:
        out.append("no evidence cited")
    return _cited(article, ids)[0], out


def check_actor(item: Any, article: Article) -> list[str]:
    """An actor: its name in the article and the cited sentences, no number in its role the sentences lack."""
    cited, out = _cited_or_missing(item, article, ("name", "role"))
    if p := name_problem(item.name, article, cited):
        out.append(p)
    return out + number_problems(item.role, cited)


def check_claim(item: Any, article: Article) -> list[str]:
    """A claim: its speaker named where cited, its quote verbatim there, its numbers there."""
    cited, out = _cited_or_missing(item, article, ("statement", "quote", "speaker"))
    if item.speaker and (p := name_problem(item.speaker, article, cited)):
        out.append(p.replace("name", "speaker", 1))
    if item.quote and (p := quote_problem(item.quote, article, cited)):
        out.append(p)
    if item.attribution == "direct quote" and not item.quote:
        out.append("a direct quote needs the quoted words")
    return out + number_problems(item.statement, cited)


def check_deployment(item: Any, article: Article) -> list[str]:
    """A deployment: its asset's words and every number in the cited sentences."""
    cited, out = _cited_or_missing(item, article, ("asset",))
    for text in (item.asset, item.quantity, item.location):
        out += number_problems(text, cited)
    words = [w for w in _WORD.findall(norm(item.asset)) if len(w) > 3]
    if words and not any(w.lower()[:5] in cited.lower() for w in words):
        out.append(f"asset {item.asset!r} is not in the cited sentences")
    return out


def check_assessment(item: Any, article: Article) -> list[str]:
    """A force posture or diplomatic outlook: its numbers in the cited sentences (it may cite none)."""
    ids = list(item.evidence)
    return _common(item, article, ids, ("assessment",)) + number_problems(item.assessment, _cited(article, ids)[0])


def check_summary(item: Any, article: Article) -> list[str]:
    """The bottom line: cited, and its numbers in the cited sentences."""
    cited, out = _cited_or_missing(item, article, ("bottom_line",))
    return out + number_problems(item.bottom_line, cited)


# One check per item type: the drafts' types and the final ones the flows build.
CHECKS: list[tuple[tuple[type, ...], Callable[[Any, Article], list[str]]]] = [
    ((Actor, ActorDraft), check_actor),
    ((Claim, ClaimDraft), check_claim),
    ((Deployment, DeploymentDraft), check_deployment),
    ((AssessmentDraft,), check_assessment),
    ((SummaryDraft,), check_summary),
]


def problems(item: BaseModel, article: Article) -> list[str]:
    """Every reason the article does not support `item`, by the check for its type."""
    for types, check in CHECKS:
        if isinstance(item, types):
            return check(item, article)
    raise TypeError(f"no check for {type(item).__name__}")


def parts(draft: BaseModel, at: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], BaseModel]]:
    """Every checkable item of a draft with its location, the draft itself included, innermost first."""
    for name, value in draft:
        if isinstance(value, BaseModel):
            yield from parts(value, (*at, name))
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from parts(element, (*at, name, i))
    if any(isinstance(draft, types) for types, _ in CHECKS):
        yield at, draft


class Verifier:
    """The verification stage of one article: checks items, counts them, lists what it dropped and why."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.verification = Verification()

    def review(self, draft: BaseModel) -> list[tuple[tuple[str | int, ...], str]]:
        """Each unsupported part of a draft with its location and reasons: the ask step's validation callable."""
        located = []
        for at, item in parts(draft):
            if found := problems(item, self.article):
                located.append((at, "; ".join(found)))
        return located

    def keep(self, section: str, item: BaseModel, label: str) -> bool:
        """True when `item` is supported; otherwise record why it was dropped."""
        self.verification.checked += 1
        found = problems(item, self.article)
        if found:
            self.drop(section, label, "; ".join(found))
        return not found

    def keep_text(self, section: str, text: str) -> bool:
        """True when a free-text entry (a gap, a channel) is the article's; otherwise record why it was dropped."""
        self.verification.checked += 1
        if words := injected_words(text, self.article):
            self.drop(section, text, f"repeats words only found in an instruction to a model: {', '.join(words[:3])}")
        elif foreign_text(text, self.article):
            self.drop(section, text, "has no word in common with the article")
        else:
            return True
        return False

    def failed(self, section: str, reason: str) -> None:
        """A whole section without a valid answer."""
        self.verification.checked += 1
        self.drop(section, "(whole section)", reason)

    def drop(self, section: str, label: str, reason: str) -> None:
        """List a dropped item."""
        self.verification.dropped += 1
        self.verification.dropped_items.append(Dropped(section=section, item=label[:120], reason=reason))
