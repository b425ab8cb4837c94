"""Verification: does the article support an item? One check per item type, dispatched by type.

Checks: cited sentence ids exist and are not flagged as addressed to a model;
quotes are verbatim (modulo whitespace and quote style); names occur in the
article and in the cited sentences; every number occurs in the cited
sentences; a claim a model wrote says what the cited sentences say (`meaning`:
the support check's times, negation, opposed predicates, certainty and
roles). The ask step gets `Verifier.review` as its validation callable (a
rejection is re-asked with the reasons, located); after the last attempt the
flow keeps what passes and lists what does not (`Verifier.keep`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from ..lexicon.topics import TOPIC_STOPWORDS
from ..text.parse import words
from ..text.segment import by_position
from .drafts import ActorDraft, AssessmentDraft, ClaimDraft, DeploymentDraft, Draft, SummaryDraft
from .model import Actor, Claim, Deployment, Dropped, Verification
from .names import WORD, name_problem, norm
from .problems import Kind, Problem, said
from .references import Speakers, context_sentence, referred_to

T = TypeVar("T", bound=BaseModel)

if TYPE_CHECKING:
    from ..text import Article
    from .findings import Support

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A gap or a channel is a line: the draft's other texts have their lengths in its schema, these entries here.
MAX_ENTRY = 300
_LETTERS = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more, in any script


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


def quote_problem(quote: str, article: Article, cited: str) -> Problem | None:
    """Why `quote` is not verbatim in the cited sentences, or None."""
    q = norm(quote).strip("\"' ")
    if not q:
        return Problem(Kind.QUOTE_EMPTY)
    if q in cited:
        return None
    for s in article.sentences:
        if q in norm(s.text):
            return Problem(Kind.QUOTE_NOT_CITED, detail=s.id)
    return Problem(Kind.QUOTE_NOT_VERBATIM, detail=quote[:60])


def number_problems(text: str | None, cited: str, article: Article | None = None) -> list[Problem]:
    """Numbers in `text` that the cited sentences do not contain (nor, given the `article`, another sentence
    that states them in the same words: `carriers`)."""
    if not text:
        return []
    have = _numbers(cited)
    carried = _carried(text, cited, article) if article is not None else {}
    return [Problem(Kind.NUMBER_NOT_CITED, detail=n) for n in _NUMBER.findall(text)
            if n.replace(",", "") not in have and n.replace(",", "") not in carried]


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def carriers(text: str | None, cited: str, article: Article) -> list[str]:
    """The sentences that state the numbers of a summary or role that the cited sentences lack (`_carried`),
    in article order, for the item's citations."""
    return by_position(set(_carried(text, cited, article).values()))


def _carried(text: str | None, cited: str, article: Article) -> dict[str, str]:
    """For each number of `text` that the cited sentences lack, the article sentence that states it in words
    the text's sentence shares ("1,300 tonnes"); a number stated nowhere, or only in other words, has none."""
    from ..text.segment import segment

    have, found = _numbers(cited), {}
    for sentence in segment(text or ""):
        mine = _content(sentence.text)
        for n in _NUMBER.findall(sentence.text):
            if (n := n.replace(",", "")) in have or n in found:
                continue
            stating = [s for s in article.sentences if s.id not in article.suspicious and n in _numbers(s.text)]
            shared = [(len(mine & words(s.text)), -s.start, s.id) for s in stating]
            if shared and (best := max(shared))[0] > 0:
                found[n] = best[2]
    return found


def foreign_text(text: str | None, article: Article) -> bool:
    """True when free text shares no content word with the article, as written or by lemma ("visit
    evil-example.com"): written from elsewhere. Paraphrase always reuses some of the article's words (none of
    the hand-written strong answers' points is caught), so the rule needs no threshold."""
    if len([w for w in _LETTERS.findall((text or "").lower()) if w not in TOPIC_STOPWORDS]) < 2:
        return False
    return not _content(text or "") & words(article.text)


def _content(text: str) -> frozenset[str]:
    """The content words of a text (four letters or more, any script), as written and as lemmas (`words`), without
    function words."""
    return frozenset(w for w in words(text) if len(w) >= 4 and w not in TOPIC_STOPWORDS)


def injected_words(text: str | None, article: Article) -> list[str]:
    """Words of `text` that the article uses only in sentences addressed to a model."""
    if not text or not article.suspicious:
        return []
    normal = " ".join(s.text for s in article.sentences if s.id not in article.suspicious).lower()
    flagged = " ".join(s.text for s in article.sentences if s.id in article.suspicious).lower()
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}
    return sorted(w for w in words if w in flagged and not re.search(rf"\b{re.escape(w)}\b", normal))


def _common(item: Any, article: Article, ids: list[str], fields: tuple[str, ...]) -> list[Problem]:
    """Problems of every item: unknown or flagged ids, and free text repeating an injected instruction."""
    _, unknown = _cited(article, ids)
    out = [Problem(Kind.UNKNOWN_ID, detail=sid) for sid in unknown]
    out += [Problem(Kind.FLAGGED_ID, detail=sid) for sid in ids if sid in article.suspicious]
    written = isinstance(item, Draft)  # by a model; the sections flow's items are the article's own words
    for name in fields:
        if why := text_problem(getattr(item, name, None), article, written):
            out.append(why.about(name))
    return out


def text_problem(text: str | None, article: Article, written: bool = True) -> Problem | None:
    """Why free text is not the article's: it repeats an injected instruction, or (when a model `written`
    it) shares no word with the article; None when neither."""
    if words := injected_words(text, article):
        return Problem(Kind.INJECTED_WORDS, detail=", ".join(words[:3]))
    if written and foreign_text(text, article):
        return Problem(Kind.FOREIGN_TEXT)
    return None


def _cited_or_missing(item: Any, article: Article, fields: tuple[str, ...]) -> tuple[str, list[Problem]]:
    """The cited text, and the common problems plus "no evidence cited" when nothing is cited."""
    ids = list(item.evidence)
    out = _common(item, article, ids, fields)
    if not ids:
        out.append(Problem(Kind.NO_EVIDENCE))
    return _cited(article, ids)[0], out


def check_actor(item: Any, article: Article, evidence: Speakers | None = None) -> list[Problem]:
    """An actor: its name in the article and the cited sentences, no number in its role the sentences lack."""
    cited, out = _cited_or_missing(item, article, ("name", "role"))
    if p := _unresolved(item.name, article, cited, item.evidence, evidence):
        out.append(p)
    return out + number_problems(item.role, cited, article)


def check_claim(item: Any, article: Article, evidence: Speakers | None = None) -> list[Problem]:
    """A claim: its speaker named where cited, its quote verbatim there, its numbers there."""
    cited, out = _cited_or_missing(item, article, ("statement", "quote", "speaker"))
    if item.speaker and (p := _unresolved(item.speaker, article, cited, item.evidence, evidence)):
        out.append(p.about("speaker"))
    if item.quote and (p := quote_problem(item.quote, article, cited)):
        out.append(p)
    if item.attribution == "direct quote" and not item.quote:
        out.append(Problem(Kind.QUOTE_MISSING))
    return out + number_problems(item.statement, cited) + meaning(item, "statement", article)


def meaning(item: Any, name: str, article: Article) -> list[Problem]:
    """What a model wrote in field `name` of `item` that its cited sentences do not say: a time they lack, the
    opposite of what they say (`support`). Extracted text (the sections flow's items) is the article's own."""
    if not isinstance(item, Draft) or (found := support_of(item, name, article)) is None:
        return []
    return [Problem(Kind.MEANING, field=name, detail=str(f)) for f in found.dropping()]


def support_of(item: Any, name: str, article: Article) -> Support | None:
    """Field `name` of `item` read against the sentences the item cites (the speaker's name needs no support
    there: it is checked on its own); None when there is no text or nothing readable is cited."""
    from .support import read_cited, source

    text = getattr(item, name)
    ids = [i for i in getattr(item, "evidence", []) if article.sentence(i)]
    src = source(article)
    if not text or not ids or not all(i in src.ids for i in ids):
        return None  # a cited sentence addressed to a model is reported as such
    speaker = getattr(item, "speaker", None) or ""
    return read_cited(text, src, ids, also=speaker.lower().split())


def _unresolved(name: str, article: Article, cited: str, ids: list[str], evidence: Speakers | None) -> Problem | None:
    """Why `name` is not grounded where cited, with where it is named for a re-ask to cite; None when the
    cited sentences name it or refer to it."""
    p = name_problem(name, article, cited)
    if p is None or p.kind is not Kind.NAME_NOT_CITED:
        return p
    if referred_to(name, article, ids, evidence):
        return None
    first = min((s.start for sid in ids if (s := article.sentence(sid))), default=0)
    naming = [s for s in article.sentences if s.id not in article.suspicious
              and name_problem(name, article, norm(s.text)) is None]
    # The nearest naming sentence before the cited ones, else the first after them.
    near = max((s for s in naming if s.start < first), key=lambda s: s.start, default=None) or next(iter(naming), None)
    return replace(p, hint=near.id) if near else p


def check_deployment(item: Any, article: Article, evidence: Speakers | None = None) -> list[Problem]:
    """A deployment: its asset's words and every number in the cited sentences."""
    cited, out = _cited_or_missing(item, article, ("asset",))
    for text in (item.asset, item.quantity, item.location):
        out += number_problems(text, cited)
    asset = [w.lower() for w in WORD.findall(norm(item.asset)) if len(w) > 3]
    if asset and not (words(" ".join(asset)) & words(cited)):
        out.append(Problem(Kind.ASSET_NOT_CITED, detail=item.asset))
    return out


def check_assessment(item: Any, article: Article, evidence: Speakers | None = None) -> list[Problem]:
    """A force posture or diplomatic outlook: its numbers in the cited sentences (it may cite none)."""
    ids = list(item.evidence)
    return _common(item, article, ids, ("assessment",)) + number_problems(
        item.assessment, _cited(article, ids)[0], article)


def check_summary(item: Any, article: Article, evidence: Speakers | None = None) -> list[Problem]:
    """The bottom line: cited, and its numbers in the cited sentences."""
    cited, out = _cited_or_missing(item, article, ("bottom_line",))
    return out + number_problems(item.bottom_line, cited, article)


# One check per item type: the drafts' types and the final ones the flows build.
CHECKS: list[tuple[tuple[type, ...], Callable[[Any, Article, Speakers | None], list[Problem]]]] = [
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


def problems(item: BaseModel, article: Article, evidence: Speakers | None = None) -> list[Problem]:
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

    def __init__(self, article: Article, evidence: Speakers | None = None) -> None:
        self.article = article
        self.evidence = evidence
        self.verification = Verification()

    def review(self, draft: BaseModel) -> list[tuple[tuple[str | int, ...], str]]:
        """Each unsupported part of a draft with its location and reasons: the ask step's validation callable.
        A free text whose only fault is a number in some of its sentences is not re-asked: `kept` prunes it."""
        located = []
        for at, item in parts(draft):
            if (found := problems(item, self.article, self.evidence)) and not self._pruned(item, found):
                located.append((at, said(found)))
        return located

    def keep(self, section: str, item: BaseModel, label: str) -> bool:
        """True when `item` is supported; otherwise record why it was dropped."""
        self.verification.checked += 1
        found = problems(item, self.article, self.evidence)
        if found:
            self.drop(section, label, said(found))
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
                self.drop(section, sentence, f"sentence removed: {said(unsupported)}")
            return item.model_copy(update={_free_text(item): " ".join(keep)})
        self.drop(section, label or getattr(item, _free_text(item)), said(found))
        return None

    def _pruned(self, item: BaseModel, found: list[Problem]) -> tuple[list[str], list[tuple[str, list[Problem]]]] | None:
        """The sentences of a free text that stand, and those removed with their unsupported numbers, when
        numbers are its only fault and some sentence stands; else None."""
        field = _free_text(item)
        if not field or not all(p.kind is Kind.NUMBER_NOT_CITED for p in found):
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
        return by_position({*ids, *added}) if added else ids

    def added(self, item: Any, name: str) -> list[str]:
        """The content words of a model's text (field `name` of `item`) that its cited sentences do not contain:
        shown to the reader, since paraphrase and invention look alike there."""
        found = support_of(item, name, self.article)
        return found.added if found else []

    def keep_text(self, section: str, text: str) -> bool:
        """True when a free-text entry (a gap, a channel) is the article's and of a sensible length; otherwise
        record why it was dropped."""
        self.verification.checked += 1
        if len(text) > MAX_ENTRY:
            why: Problem | None = Problem(Kind.TOO_LONG, detail=f"{len(text):,}", hint=f"{MAX_ENTRY}")
        else:
            why = text_problem(text, self.article)
        if why:
            self.drop(section, text, str(why))
        return why is None

    def failed(self, section: str, reason: str) -> None:
        """A whole section without a valid answer."""
        self.verification.checked += 1
        self.drop(section, "(whole section)", reason)

    def drop(self, section: str, label: str, reason: str) -> None:
        """List a dropped item."""
        self.verification.dropped += 1
        self.verification.dropped_items.append(Dropped(section=section, item=label[:120], reason=reason))
