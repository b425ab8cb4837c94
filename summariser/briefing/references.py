"""References: whom cited sentences mean when they do not name them ("he said", "the group", "asks his father",
an op-ed's "we"), and the sentence that names them, which joins the item's citations."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from ..lexicon.names import NAME_STOPWORDS
from .names import name_problem, norm

if TYPE_CHECKING:
    from ..text import Article


class Speakers(Protocol):
    """What grounding asks of the evidence layer (which implements it): who speaks in sentences, and whether two
    names are one actor. Grounding needs no more, so it does not import the evidence layer."""

    def speakers(self, ids: list[str]) -> set[str]:
        """The speakers the evidence layer resolved in these sentences."""
        ...

    def one_actor(self, name: str, other: str) -> bool:
        """Whether `other` names the actor that `name` (or its last word) names."""
        ...


# How far back a careful reader looks for whom "he said" or "the group said" refers to: the sentences
# before it in its paragraph, this many before the paragraph, and further while each refers back.
LOOKBACK = 3
_BACK = re.compile(r"\b(?:he|she|it|they|his|her|its|their|him|them)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|I|[Mm]y)\b")
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]")


def referred_to(name: str, article: Article, ids: list[str], evidence: Speakers | None) -> bool:
    """Whether the cited sentences refer to `name` without naming it: the evidence layer resolved their
    speaker ("he said", "the NATO chief said") to it, it is named just before them, or they are in the
    voice of an author who writes for it."""
    if evidence is not None and any(
            s.casefold() == name.casefold() or evidence.one_actor(name, s) for s in evidence.speakers(ids)):
        return True
    return context_sentence(name, article, ids, evidence) is not None


def context_sentence(name: str, article: Article, ids: list[str], evidence: Speakers | None) -> str | None:
    """The sentence that names whom the cited sentences refer to: the one before them that names it
    (`naming_sentence`), else the one that gives it the title they use (`titled`), else the author's own
    statement that they write for it (`authors_body`)."""
    return naming_sentence(name, article, ids) or titled(name, article, ids) or authors_body(name, article, ids, evidence)


def naming_sentence(name: str, article: Article, ids: list[str]) -> str | None:
    """The sentence that names the speaker the cited sentences refer to ("he said", "Reid said", "the panel
    noted"): before the first cited sentence in its paragraph, in the LOOKBACK sentences before that, or
    further back along sentences that each refer back ("It ...", "its"). None if none."""
    known = sorted((s for sid in ids if (s := article.sentence(sid))), key=lambda s: s.start)
    if not known:
        return None
    first = known[0]
    paragraph_start = article.text.rfind("\n", 0, first.start) + 1
    before = [s for s in article.sentences if s.end <= first.start and s.id not in article.suspicious]
    window = len([s for s in before if s.start >= paragraph_start]) + LOOKBACK
    for i, s in enumerate(reversed(before)):
        if name_problem(name, article, norm(s.text)) is None:
            return s.id
        if i + 1 >= window and not _BACK.search(_QUOTED.sub("", s.text)):
            return None
    return None


def titled(name: str, article: Article, ids: list[str]) -> str | None:
    """The sentence that gives `name` the title or relation by which the cited sentences refer to it ("His
    father Anatoly" for "asks his father", "Governor Andrew Cuomo" for "the governor said"), where no other
    name has that title. None if none."""
    cited = " ".join(s.text for sid in ids if (s := article.sentence(sid)))
    first = re.escape(name.split()[0])
    for s in article.sentences:
        if s.id in article.suspicious:
            continue
        for found in re.finditer(rf"\b([A-Za-z]{{4,}})\s+{first}\b", s.text):
            title = found.group(1).lower()
            if title in NAME_STOPWORDS or not re.search(rf"\b(?:the|his|her|their|its|our)\s+(?:\w+\s+)?{title}\b", cited,
                                                re.IGNORECASE):
                continue
            holders = {m.group(1) for m in re.finditer(rf"\b(?i:{title})\s+([A-Z]\w+)", article.text)}
            if holders <= set(name.split()):
                return s.id
    return None


def authors_body(name: str, article: Article, ids: list[str], evidence: Speakers | None) -> str | None:
    """The sentence in which the author says, in the first person, that they write for `name` ("At Amnesty
    International, we have campaigned ..."): the unattributed sentences of such an opinion piece are that
    body's. None when there is none, or when the evidence layer attributes a cited sentence to a speaker."""
    if evidence is not None and evidence.speakers(ids):
        return None
    for s in article.sentences:
        own = _QUOTED.sub("", s.text)  # words quoted from others are not the author's voice
        if s.id not in article.suspicious and _FIRST_PERSON.search(own) and name_problem(name, article, norm(own)) is None:
            return s.id
    return None
