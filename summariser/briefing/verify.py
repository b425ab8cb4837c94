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
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from ..evidence.lexicon import ALIASES, TOPIC_STOPWORDS
from .drafts import ActorDraft, AssessmentDraft, ClaimDraft, DeploymentDraft, Draft, SummaryDraft
from .model import Actor, Claim, Deployment, Dropped, Verification

T = TypeVar("T", bound=BaseModel)

if TYPE_CHECKING:
    from ..evidence import Evidence
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
    # "Mr Mekdad" names Faisal al-Mekdad; "Washington" and "US" name the United States.
    parts = [p for w in words for p in w.split("-") if len(p) > 2 and p.lower() not in _STOP]
    if not any(re.search(rf"\b{re.escape(w.lower())}\b", cited.lower()) for w in [*words, *parts]) and not _alias_in(
            n, cited):
        return f"name {name!r} is not in the cited sentences"
    return None


def _alias_in(name: str, cited: str) -> bool:
    """Whether the cited text names the same state by another of its usual names (the evidence lexicon's)."""
    canonical = ALIASES.get(name.lower(), name.lower())
    forms = {form for form, target in ALIASES.items() if target == canonical}
    if not forms:
        return False
    forms.add(canonical)
    # Short forms count as written ("US", not the pronoun "us"); longer ones in any case.
    return any(re.search(rf"\b{re.escape(f.upper() if len(f) <= 4 else f)}\b", cited if len(f) <= 4 else cited.lower())
               for f in forms)


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


def number_problems(text: str | None, cited: str, article: Article | None = None) -> list[str]:
    """Numbers in `text` that the cited sentences do not contain (nor, given the `article`, another sentence
    that states them in the same words: `carriers`)."""
    if not text:
        return []
    have = _numbers(cited)
    missing = [n for n in _NUMBER.findall(text) if n.replace(",", "") not in have]
    if missing and article is not None:
        found = set(carriers(text, cited, article))
        missing = [n for n in missing if not any(n.replace(",", "") in _numbers(article.text_of([sid])) for sid in found)]
    return [f"number {n} is not in the cited sentences" for n in missing]


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def carriers(text: str | None, cited: str, article: Article) -> list[str]:
    """For each number of a summary or role that the cited sentences lack, the sentence of the article that
    states it in words the summary's sentence shares ("1,300 tonnes"); a number it states nowhere, or only
    in other words, has none. Ids in article order, for the item's citations."""
    from ..text.segment import segment

    have, found = _numbers(cited), set()
    for sentence in segment(text or ""):
        words = {w[:5] for w in _CONTENT.findall(sentence.text.lower()) if w not in TOPIC_STOPWORDS}
        for n in _NUMBER.findall(sentence.text):
            if (n := n.replace(",", "")) in have:
                continue
            stating = [s for s in article.sentences if s.id not in article.suspicious and n in _numbers(s.text)]
            shared = [(len(words & {w[:5] for w in _CONTENT.findall(s.text.lower())}), -s.start, s.id) for s in stating]
            if shared and (best := max(shared))[0] > 0:
                found.add(best[2])
    return sorted(found, key=lambda sid: int(sid[1:]))


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
        if why := text_problem(getattr(item, name, None), article, written):
            out.append(f"{name} {why}")
    return out


def text_problem(text: str | None, article: Article, written: bool = True) -> str | None:
    """Why free text is not the article's: it repeats an injected instruction, or (when a model `written`
    it) shares no word with the article; None when neither."""
    if words := injected_words(text, article):
        return f"repeats words only found in an instruction to a model: {', '.join(words[:3])}"
    if written and foreign_text(text, article):
        return "has no word in common with the article"
    return None


def _cited_or_missing(item: Any, article: Article, fields: tuple[str, ...]) -> tuple[str, list[str]]:
    """The cited text, and the common problems plus "no evidence cited" when nothing is cited."""
    ids = list(item.evidence)
    out = _common(item, article, ids, fields)
    if not ids:
        out.append("no evidence cited")
    return _cited(article, ids)[0], out


def check_actor(item: Any, article: Article, evidence: Evidence | None = None) -> list[str]:
    """An actor: its name in the article and the cited sentences, no number in its role the sentences lack."""
    cited, out = _cited_or_missing(item, article, ("name", "role"))
    if p := _unresolved(item.name, article, cited, item.evidence, evidence):
        out.append(p)
    return out + number_problems(item.role, cited, article)


def check_claim(item: Any, article: Article, evidence: Evidence | None = None) -> list[str]:
    """A claim: its speaker named where cited, its quote verbatim there, its numbers there."""
    cited, out = _cited_or_missing(item, article, ("statement", "quote", "speaker"))
    if item.speaker and (p := _unresolved(item.speaker, article, cited, item.evidence, evidence)):
        out.append(p.replace("name", "speaker", 1))
    if item.quote and (p := quote_problem(item.quote, article, cited)):
        out.append(p)
    if item.attribution == "direct quote" and not item.quote:
        out.append("a direct quote needs the quoted words")
    return out + number_problems(item.statement, cited)


def _unresolved(name: str, article: Article, cited: str, ids: list[str], evidence: Evidence | None) -> str | None:
    """Why `name` is not grounded where cited, with where it is named for a re-ask to cite; None when the
    cited sentences name it or refer to it."""
    p = name_problem(name, article, cited)
    if p is None or not p.endswith("is not in the cited sentences"):
        return p
    if referred_to(name, article, ids, evidence):
        return None
    first = min((s.start for sid in ids if (s := article.sentence(sid))), default=0)
    naming = [s for s in article.sentences if s.id not in article.suspicious
              and name_problem(name, article, norm(s.text)) is None]
    # The nearest naming sentence before the cited ones, else the first after them.
    near = max((s for s in naming if s.start < first), key=lambda s: s.start, default=None) or next(iter(naming), None)
    return f"{p}; cite a sentence that names {name}, e.g. {near.id}" if near else p


# How far back a careful reader looks for whom "he said" or "the group said" refers to: the sentences
# before it in its paragraph, this many before the paragraph, and further while each refers back.
LOOKBACK = 3
_BACK = re.compile(r"\b(?:he|she|it|they|his|her|its|their|him|them)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|us|I|[Mm]y)\b")
_QUOTED = re.compile(r"[\"“”][^\"“”]*[\"“”]")


def referred_to(name: str, article: Article, ids: list[str], evidence: Evidence | None) -> bool:
    """Whether the cited sentences refer to `name` without naming it: the evidence layer resolved their
    speaker ("he said", "the NATO chief said") to it, it is named just before them, or they are in the
    voice of an author who writes for it."""
    if evidence is not None:
        entity = evidence.entity(name) or evidence.entity(name.split()[-1])
        speakers = {s.speaker for s in evidence.speech if s.sentence in ids and s.speaker}
        if any(s.casefold() == name.casefold() or (entity and evidence.entity(s) is entity) for s in speakers):
            return True
    return context_sentence(name, article, ids, evidence) is not None


def context_sentence(name: str, article: Article, ids: list[str], evidence: Evidence | None) -> str | None:
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
            if title in _STOP or not re.search(rf"\b(?:the|his|her|their|its|our)\s+(?:\w+\s+)?{title}\b", cited,
                                                re.IGNORECASE):
                continue
            holders = {m.group(1) for m in re.finditer(rf"\b(?i:{title})\s+([A-Z]\w+)", article.text)}
            if holders <= set(name.split()):
                return s.id
    return None


def authors_body(name: str, article: Article, ids: list[str], evidence: Evidence | None) -> str | None:
    """The sentence in which the author says, in the first person, that they write for `name` ("At Amnesty
    International, we have campaigned ..."): the unattributed sentences of such an opinion piece are that
    body's. None when there is none, or when the evidence layer attributes a cited sentence to a speaker."""
    if evidence is not None and any(s.sentence in ids and s.speaker for s in evidence.speech):
        return None
    for s in article.sentences:
        own = _QUOTED.sub("", s.text)  # words quoted from others are not the author's voice
        if s.id not in article.suspicious and _FIRST_PERSON.search(own) and name_problem(name, article, norm(own)) is None:
            return s.id
    return None


def check_deployment(item: Any, article: Article, evidence: Evidence | None = None) -> list[str]:
    """A deployment: its asset's words and every number in the cited sentences."""
    cited, out = _cited_or_missing(item, article, ("asset",))
    for text in (item.asset, item.quantity, item.location):
        out += number_problems(text, cited)
    words = [w for w in _WORD.findall(norm(item.asset)) if len(w) > 3]
    if words and not any(w.lower()[:5] in cited.lower() for w in words):
        out.append(f"asset {item.asset!r} is not in the cited sentences")
    return out


def check_assessment(item: Any, article: Article, evidence: Evidence | None = None) -> list[str]:
    """A force posture or diplomatic outlook: its numbers in the cited sentences (it may cite none)."""
    ids = list(item.evidence)
    return _common(item, article, ids, ("assessment",)) + number_problems(
        item.assessment, _cited(article, ids)[0], article)


def check_summary(item: Any, article: Article, evidence: Evidence | None = None) -> list[str]:
    """The bottom line: cited, and its numbers in the cited sentences."""
    cited, out = _cited_or_missing(item, article, ("bottom_line",))
    return out + number_problems(item.bottom_line, cited, article)


# One check per item type: the drafts' types and the final ones the flows build.
CHECKS: list[tuple[tuple[type, ...], Callable[[Any, Article, Evidence | None], list[str]]]] = [
    ((Actor, ActorDraft), check_actor),
    ((Claim, ClaimDraft), check_claim),
    ((Deployment, DeploymentDraft), check_deployment),
    ((AssessmentDraft,), check_assessment),
    ((SummaryDraft,), check_summary),
]


# The free text of the items whose sentences can be pruned one by one.
FREE_TEXT: list[tuple[tuple[type, ...], str]] = [((SummaryDraft,), "bottom_line"), ((AssessmentDraft,), "assessment")]


def _free_text(item: BaseModel) -> str:
    """The name of an item's prunable free-text field, or ""."""
    return next((field for types, field in FREE_TEXT if isinstance(item, types)), "")


def problems(item: BaseModel, article: Article, evidence: Evidence | None = None) -> list[str]:
    """Every reason the article does not support `item`, by the check for its type (`evidence`, when the
    evidence layer ran, resolves "he said" to the person meant)."""
    for types, check in CHECKS:
        if isinstance(item, types):
            return check(item, article, evidence)
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

    def __init__(self, article: Article, evidence: Evidence | None = None) -> None:
        self.article = article
        self.evidence = evidence
        self.verification = Verification()

    def review(self, draft: BaseModel) -> list[tuple[tuple[str | int, ...], str]]:
        """Each unsupported part of a draft with its location and reasons: the ask step's validation callable.
        A free text whose only fault is a number in some of its sentences is not re-asked: `kept` prunes it."""
        located = []
        for at, item in parts(draft):
            if (found := problems(item, self.article, self.evidence)) and not self._pruned(item, found):
                located.append((at, "; ".join(found)))
        return located

    def keep(self, section: str, item: BaseModel, label: str) -> bool:
        """True when `item` is supported; otherwise record why it was dropped."""
        self.verification.checked += 1
        found = problems(item, self.article, self.evidence)
        if found:
            self.drop(section, label, "; ".join(found))
        return not found

    def kept(self, section: str, item: T, label: str | None = None) -> T | None:
        """`item` if the article supports it; else, where only numbers are unsupported, `item` without the
        sentences of its free text (`FREE_TEXT`) that carry them (each listed); else None (the item listed)."""
        self.verification.checked += 1
        found = problems(item, self.article, self.evidence)
        if not found:
            return item
        if pruned := self._pruned(item, found):
            keep, removed = pruned
            for sentence, unsupported in removed:
                self.drop(section, sentence, f"sentence removed: {'; '.join(unsupported)}")
            return item.model_copy(update={_free_text(item): " ".join(keep)})
        self.drop(section, label or getattr(item, _free_text(item)), "; ".join(found))
        return None

    def _pruned(self, item: BaseModel, found: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]] | None:
        """The sentences of a free text that stand, and those removed with their unsupported numbers, when
        numbers are its only fault and some sentence stands; else None."""
        field = _free_text(item)
        if not field or not all(p.startswith("number ") for p in found):
            return None
        from ..text.segment import segment

        cited = _cited(self.article, list(getattr(item, "evidence", [])))[0]
        sentences = [(s.text, number_problems(s.text, cited, self.article)) for s in segment(getattr(item, field))]
        keep = [text for text, unsupported in sentences if not unsupported]
        return (keep, [(text, unsupported) for text, unsupported in sentences if unsupported]) if keep else None

    def grounds(self, item: Any) -> list[str]:
        """An item's citations, with the sentences it rests on without citing them: the one that names the
        speaker or actor that the cited ones only refer to, and those that state its summary's numbers."""
        ids = list(item.evidence)
        cited = _cited(self.article, ids)[0]
        extra: list[str | None] = []
        if (name := getattr(item, "speaker", None) or getattr(item, "name", None)) and name_problem(
                name, self.article, cited):
            extra.append(context_sentence(name, self.article, ids, self.evidence))
        if field := _free_text(item) or ("role" if isinstance(item, Actor | ActorDraft) else ""):
            extra += carriers(getattr(item, field), cited, self.article)
        added = [sid for sid in extra if sid and sid not in ids]
        return sorted({*ids, *added}, key=lambda sid: int(sid[1:])) if added else ids

    def keep_text(self, section: str, text: str) -> bool:
        """True when a free-text entry (a gap, a channel) is the article's; otherwise record why it was dropped."""
        self.verification.checked += 1
        if why := text_problem(text, self.article):
            self.drop(section, text, why)
        return why is None

    def failed(self, section: str, reason: str) -> None:
        """A whole section without a valid answer."""
        self.verification.checked += 1
        self.drop(section, "(whole section)", reason)

    def drop(self, section: str, label: str, reason: str) -> None:
        """List a dropped item."""
        self.verification.dropped += 1
        self.verification.dropped_items.append(Dropped(section=section, item=label[:120], reason=reason))
