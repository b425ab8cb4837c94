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


@dataclass(frozen=True)
class Problem:
    """One reason an item is unsupported: its kind, the field it is about, what is unsupported, and where a
    re-ask could look (a sentence id)."""

    kind: Kind
    field: str = ""  # "speaker", "statement", …; "" for the item as a whole
    detail: str = ""  # the id, name, quote, number or words at fault
    hint: str = ""  # for NAME_NOT_CITED: a sentence that names it

    def about(self, field: str) -> Problem:
        """This problem, said of `field`."""
        return replace(self, field=field)

    def __str__(self) -> str:
        return render(self)


def render(p: Problem) -> str:
    """A problem as the re-ask and the verification block say it."""
    of = f"{p.field} " if p.field else ""
    match p.kind:
        case Kind.UNKNOWN_ID:
            return f"unknown sentence id {p.detail}"
        case Kind.FLAGGED_ID:
            return f"cites {p.detail}, which reads as an instruction to a model"
        case Kind.INJECTED_WORDS:
            return f"{of}repeats words only found in an instruction to a model: {p.detail}"
        case Kind.FOREIGN_TEXT:
            return f"{of}has no word in common with the article"
        case Kind.NO_EVIDENCE:
            return "no evidence cited"
        case Kind.NAME_UNCHECKABLE:
            return f"{p.field or 'name'} {p.detail!r} has no checkable words"
        case Kind.NAME_ABSENT:
            return f"{p.field or 'name'} {p.detail!r} does not occur in the article"
        case Kind.NAME_NOT_CITED:
            hint = f"; cite a sentence that names {p.detail}, e.g. {p.hint}" if p.hint else ""
            return f"{p.field or 'name'} {p.detail!r} is not in the cited sentences{hint}"
        case Kind.QUOTE_EMPTY:
            return "quote is empty"
        case Kind.QUOTE_NOT_CITED:
            return f"quote is in {p.detail}, which is not cited"
        case Kind.QUOTE_NOT_VERBATIM:
            return f"quote {p.detail!r} is not verbatim in the article"
        case Kind.QUOTE_MISSING:
            return "a direct quote needs the quoted words"
        case Kind.NUMBER_NOT_CITED:
            return f"number {p.detail} is not in the cited sentences"
        case Kind.ASSET_NOT_CITED:
            return f"asset {p.detail!r} is not in the cited sentences"
        case Kind.TOO_LONG:
            return f"is {p.detail} characters long; an entry of this list has at most {p.hint}"


def said(problems: list[Problem]) -> str:
    """Problems joined as one reason."""
    return "; ".join(map(str, problems))
