"""The briefing's final types: what every flow produces and every renderer reads. Imports nothing of ours."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

ActorKind = Literal[
    "state", "government", "military", "international organisation",
    "non-state armed group", "person", "analyst/media", "other",
]
Attribution = Literal["direct quote", "reported speech", "unattributed"]
Stance = Literal["assertion", "warning", "hedged", "denial", "optimistic", "pessimistic", "neutral"]
Trend = Literal["escalating", "stable", "de-escalating", "unclear"]
Trajectory = Literal["improving", "stalled", "deteriorating", "unclear"]
Level = Literal["low", "moderate", "high"]
Basis = Literal["assessed", "extracted"]


# ---------------------------------------------------------------- the briefing

_TRAILING_REFS = re.compile(r"\s*\[((?:S\d+(?:, )?)+)\]$")


def split_refs(text: str) -> tuple[str, list[str]]:
    """A bottom line without its trailing `[S1, S2]` citations, and those ids."""
    m = _TRAILING_REFS.search(text)
    return (text[: m.start()], m.group(1).split(", ")) if m else (text, [])


class Actor(BaseModel):
    """A key actor, with the sentences that mention it."""

    name: str
    kind: ActorKind
    affiliation: str | None = None
    role: str = ""  # the title or apposition the article gives; empty where it gives none
    evidence: list[str]


class Claim(BaseModel):
    """Who said what, with the verbatim quote when there is one."""

    statement: str
    speaker: str | None
    attribution: Attribution
    quote: str | None = None
    stance: Stance
    evidence: list[str]
    basis: Basis = "assessed"
    # The statement's content words that its cited sentences do not contain (a model's paraphrase beyond them;
    # none for the article's own sentences): shown, not judged.
    added: list[str] = []


class Deployment(BaseModel):
    """A unit or asset, where it is and what it is doing."""

    asset: str
    quantity: str | None = None
    location: str | None = None
    status: str | None = None
    evidence: list[str]


class ForcePosture(BaseModel):
    """Military posture described by the article."""

    assessment: str
    trend: Trend
    deployments: list[Deployment] = []
    evidence: list[str] = []


class DiplomaticOutlook(BaseModel):
    """Where diplomacy stands and where it is heading."""

    assessment: str
    trajectory: Trajectory
    channels: list[str] = []
    evidence: list[str] = []


class Confidence(BaseModel):
    """How far the article supports the briefing, and why."""

    level: Level
    reason: str


class EvidenceSpan(BaseModel):
    """A cited sentence: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


class Dropped(BaseModel):
    """An item removed because the article does not support it."""

    section: str
    item: str
    reason: str


class Verification(BaseModel):
    """What grounding checked and what it removed."""

    checked: int = 0
    dropped: int = 0
    dropped_items: list[Dropped] = []


class Usage(BaseModel):
    """Tokens summed over every call and attempt."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def add(self, other: Any) -> None:
        """Count in another usage (ours or an API response's, whose fields may be None)."""
        self.prompt_tokens += other.prompt_tokens or 0
        self.completion_tokens += other.completion_tokens or 0
        self.total_tokens += other.total_tokens or 0


class Meta(BaseModel):
    """Where the briefing came from and what it cost."""

    source: str
    url: str | None = None  # the page it was fetched from
    title: str | None = None
    date: str | None = None
    language: str = "en"  # of the source, ISO 639-1
    backend: str
    model: str
    prompt_version: str
    usage: Usage
    attempts: int
    calls: int
    seconds: float
    # Whether a model judged the meaning of what a model wrote (the one-call flow): "judged by …", "not checked by a
    # model: …"; None where the briefing's text is the article's own sentences (the sections flow).
    support_check: str | None = None


class Briefing(BaseModel):
    """The validated, grounded briefing."""

    bottom_line: str
    key_actors: list[Actor]
    claims: list[Claim]
    force_posture: ForcePosture
    diplomatic_outlook: DiplomaticOutlook
    confidence: Confidence
    gaps: list[str]
    evidence: dict[str, EvidenceSpan]
    verification: Verification
    meta: Meta

    def citations(self) -> list[str]:
        """Every sentence id the briefing's points cite, in order of appearance, repeats included."""
        ids = split_refs(self.bottom_line)[1]
        ids += [sid for actor in self.key_actors for sid in actor.evidence]
        ids += [sid for claim in self.claims for sid in claim.evidence]
        ids += [sid for deployment in self.force_posture.deployments for sid in deployment.evidence]
        return ids + self.force_posture.evidence + self.diplomatic_outlook.evidence
