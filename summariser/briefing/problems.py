"""Problems: why the article does not support an item, as values. Control flow reads a problem's kind; its text is
rendered here, in one place, so rewording a message cannot change what verification does."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Kind(Enum):
    """What is wrong with an item."""

    UNKNOWN_ID = "unknown sentence id"
    FLAGGED_ID = "cites a sentence addressed to a model"
    INJECTED_WORDS = "repeats an instruction to a model"
    FOREIGN_TEXT = "shares no word with the article"
    NO_EVIDENCE = "cites nothing"
    NAME_UNCHECKABLE = "name without checkable words"
    NAME_ABSENT = "name absent from the article"
    NAME_NOT_CITED = "name absent from the cited sentences"
    QUOTE_EMPTY = "empty quote"
    QUOTE_NOT_CITED = "quote in a sentence not cited"
    QUOTE_NOT_VERBATIM = "quote not verbatim"
    QUOTE_MISSING = "direct quote without its words"
    NUMBER_NOT_CITED = "number absent from the cited sentences"
    ASSET_NOT_CITED = "asset absent from the cited sentences"
    TOO_LONG = "longer than any such entry needs"
    MEANING = "says what its sentences do not"


@dataclass(frozen=True)
class Problem:
    """One reason an item is unsupported: its kind, the field it is about, what is unsupported, and where a
    re-ask could look (a sentence id)."""

    kind: Kind
    field: str = ""  # "speaker", "statement", …; "" for the item as a whole
    detail: str = ""  # the id, name, quote, number or words at fault
    hint: str = ""  # for NAME_NOT_CITED: a sentence that names it; for TOO_LONG: the limit

    def about(self, field: str) -> Problem:
        """This problem, said of `field`."""
        return replace(self, field=field)

    def __str__(self) -> str:
        return render(self)


# Each kind as the re-ask and the verification block say it: {of} the field and a space, {name} the field or "name",
# {quoted} the detail in quotes, {hint} where a name is (NAME_NOT_CITED), {limit} the hint as a number.
_SAID = {
    Kind.UNKNOWN_ID: "unknown sentence id {detail}",
    Kind.FLAGGED_ID: "cites {detail}, which reads as an instruction to a model",
    Kind.INJECTED_WORDS: "{of}repeats words only found in an instruction to a model: {detail}",
    Kind.FOREIGN_TEXT: "{of}has no word in common with the article",
    Kind.NO_EVIDENCE: "no evidence cited",
    Kind.NAME_UNCHECKABLE: "{name} {quoted} has no checkable words",
    Kind.NAME_ABSENT: "{name} {quoted} does not occur in the article",
    Kind.NAME_NOT_CITED: "{name} {quoted} is not in the cited sentences{hint}",
    Kind.QUOTE_EMPTY: "quote is empty",
    Kind.QUOTE_NOT_CITED: "quote is in {detail}, which is not cited",
    Kind.QUOTE_NOT_VERBATIM: "quote {quoted} is not verbatim in the article",
    Kind.QUOTE_MISSING: "a direct quote needs the quoted words",
    Kind.NUMBER_NOT_CITED: "number {detail} is not in the cited sentences",
    Kind.ASSET_NOT_CITED: "asset {quoted} is not in the cited sentences",
    Kind.TOO_LONG: "is {detail} characters long; an entry of this list has at most {limit}",
    Kind.MEANING: "{of}is not what the cited sentences say ({detail})",
}


def render(p: Problem) -> str:
    """A problem as the re-ask and the verification block say it."""
    hint = f"; cite a sentence that names {p.detail}, e.g. {p.hint}" if p.hint else ""
    return _SAID[p.kind].format(of=f"{p.field} " if p.field else "", name=p.field or "name", quoted=repr(p.detail),
                                detail=p.detail, hint=hint, limit=p.hint)


def said(problems: list[Problem]) -> str:
    """Problems joined as one reason."""
    return "; ".join(map(str, problems))
