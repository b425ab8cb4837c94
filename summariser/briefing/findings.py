"""What the support check finds: the verdict on a statement, each reason with its detail, and what a briefing
drops rather than marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# What a briefing or a check says when no model judged its meaning: what the rules read.
RULES_ONLY = "names, numbers, times, quotes, negation, certainty, roles and stutters by rule only"


class Verdict(StrEnum):
    """What the sentences say of a statement."""

    SUPPORTED = "supported"
    NOT_STATED = "not stated"
    CONTRADICTED = "contradicted"


class Reason(StrEnum):
    """Why a statement is not supported; the first six leave it not stated, the others contradict it."""

    NAME = "name"
    ABSENT = "name the article never writes"
    NUMBER = "number"
    TIME = "time"
    REPEATED = "repeated"
    MISQUOTED = "misquoted"
    NEGATION = "negation"
    OPPOSITE = "opposite predicate"
    CERTAINTY = "certainty"
    ROLES = "roles swapped"
    SUBSTITUTED = "another name"


CONTRADICTING = {Reason.NEGATION, Reason.OPPOSITE, Reason.CERTAINTY, Reason.ROLES, Reason.SUBSTITUTED}
# What a briefing drops rather than marks: a fact, a quote or a name the article lacks, or the opposite of what its
# sentences say.
DROPPING = {Reason.ABSENT, Reason.MISQUOTED, Reason.TIME, Reason.ROLES, Reason.OPPOSITE, Reason.CERTAINTY, Reason.NEGATION, Reason.SUBSTITUTED}


@dataclass(frozen=True)
class Finding:
    """One reason with what it is about ("Wednesday", "could → certain")."""

    reason: Reason
    detail: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


@dataclass
class Support:
    """A statement read against its basis: the findings, and the content words the basis lacks."""

    findings: list[Finding] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # of the added words, those the whole article never uses

    def verdict(self, most_added: int | None = None) -> Verdict:
        """Contradicted by a contradicting finding; not stated by another, or (given `most_added`) when more
        words than that are added; else supported."""
        if any(f.reason in CONTRADICTING for f in self.findings):
            return Verdict.CONTRADICTED
        if self.findings or (most_added is not None and len(self.added) > most_added):
            return Verdict.NOT_STATED
        return Verdict.SUPPORTED

    def dropping(self) -> list[Finding]:
        """The findings for which a briefing drops the statement."""
        return [f for f in self.findings if f.reason in DROPPING]
