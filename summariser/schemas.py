"""The briefing's types: the validated briefing, and the drafts the LLM fills in.

Drafts are built per article (`draft_models`) so that sentence ids, and for
small models actor names and claim sentences, are enums: a grammar-constrained
model cannot cite a sentence that does not exist. Grounding validators read
the article being briefed (GROUNDING_ARTICLE, or a validation context) and
make instructor re-ask.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator

from . import grounding

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
    role: str
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
    title: str | None = None
    date: str | None = None
    backend: str
    model: str
    prompt_version: str
    usage: Usage
    attempts: int
    calls: int
    seconds: float


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


# ---------------------------------------------------------------- drafts

# The article an answer is checked against; task-local, so concurrent articles do not mix.
GROUNDING_ARTICLE: ContextVar[Any] = ContextVar("grounding_article", default=None)


class _Grounded(BaseModel):
    """Runs the grounding check for this item when an article is in context."""

    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Any:
        article = (info.context or {}).get("article") or GROUNDING_ARTICLE.get()
        if article is not None:
            problems = grounding.problems(self, article)
            if problems:
                raise ValueError("; ".join(problems))
        return self


def _ids(article_ids: list[str]) -> Any:
    """A Literal type admitting exactly this article's sentence ids."""
    return Literal[tuple(article_ids)]


def _evidence(sid: Any, most: int) -> Any:
    return (list[sid], Field(min_length=1, max_length=most, description="ids of the sentences that support this"))


def _text(most: int, description: str) -> Any:
    return (str, Field(min_length=1, max_length=most, description=description))


def _optional(most: int, description: str) -> Any:
    return (str | None, Field(default=None, max_length=most, description=description))


def briefing_draft(ids: list[str]) -> type[BaseModel]:
    """The full briefing draft for one article (one call, strong models)."""
    sid = _ids(ids)
    actor = create_model(
        "ActorDraft", __base__=_Grounded,
        name=_text(80, "name exactly as written in the article"),
        kind=(ActorKind, ...),
        affiliation=_optional(80, "country or organisation the actor belongs to"),
        role=_text(160, "what the actor does in this story"),
        evidence=_evidence(sid, 3),
    )
    claim = create_model(
        "ClaimDraft", __base__=_Grounded,
        statement=_text(240, "what was claimed, paraphrased in one sentence"),
        speaker=_optional(80, "who made the claim, as named in the article; null if unattributed"),
        attribution=(Attribution, ...),
        quote=_optional(300, "words copied exactly from the article between quotation marks, or null"),
        stance=(Stance, ...),
        evidence=_evidence(sid, 3),
    )
    deployment = create_model(
        "DeploymentDraft", __base__=_Grounded,
        asset=_text(80, "unit, troops or equipment as written in the article"),
        quantity=_optional(40, "number as written in the article, or null"),
        location=_optional(80, "where, as written in the article, or null"),
        status=_optional(60, "e.g. deployed, moving, withdrawing, or null"),
        evidence=_evidence(sid, 2),
    )
    posture = create_model(
        "ForcePostureDraft", __base__=_Grounded,
        assessment=_text(400, "two sentences on the military situation"),
        trend=(Trend, ...),
        deployments=(list[deployment], Field(max_length=6)),  # type: ignore[valid-type]
        evidence=_evidence(sid, 4),
    )
    outlook = create_model(
        "DiplomaticOutlookDraft", __base__=_Grounded,
        assessment=_text(400, "two sentences on the diplomatic situation"),
        trajectory=(Trajectory, ...),
        channels=(list[str], Field(max_length=4, description="talks, meetings, negotiators or upcoming events")),
        evidence=_evidence(sid, 4),
    )
    confidence = create_model(
        "ConfidenceDraft", __base__=BaseModel,
        level=(Level, ...), reason=_text(200, "why, in one sentence"),
    )
    full = create_model(
        "BriefingDraft", __base__=_Grounded,
        bottom_line=_text(400, "the analyst's bottom line up front, one to three sentences"),
        evidence=_evidence(sid, 4),
        key_actors=(list[actor], Field(min_length=1, max_length=10)),  # type: ignore[valid-type]
        claims=(list[claim], Field(max_length=12)),  # type: ignore[valid-type]
        force_posture=(posture, ...),
        diplomatic_outlook=(outlook, ...),
        confidence=(confidence, ...),
        gaps=(list[str], Field(max_length=4, description="what the article leaves open")),
    )
    return full
