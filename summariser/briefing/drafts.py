"""What models fill in: the one-call briefing draft (strong models) and the pick models (small models).

Sentence ids, and for small models actor names and claim sentences, are enums:
a grammar-constrained model cannot cite a sentence that does not exist. The
draft's item types derive from the marker bases below, so that verification
dispatches on type, never on which attributes an item happens to have.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any, ClassVar, Literal

from instructor import OpenAISchema
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from .model import ActorKind, Attribution, Level, Stance, Trajectory, Trend


class Draft(BaseModel):
    """A part of the one-call draft; unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")


class ActorDraft(Draft):
    """Base of the draft's actors."""


class ClaimDraft(Draft):
    """Base of the draft's claims."""


class DeploymentDraft(Draft):
    """Base of the draft's deployments."""


class AssessmentDraft(Draft):
    """Base of the draft's force posture and diplomatic outlook."""


class SummaryDraft(Draft):
    """Base of the whole draft, whose own fields are the bottom line and its evidence."""


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
        "ActorDraft", __base__=ActorDraft,
        name=_text(80, "name exactly as written in the article"),
        kind=(ActorKind, ...),
        affiliation=_optional(80, "country or organisation the actor belongs to"),
        role=_text(160, "what the actor does in this story"),
        evidence=_evidence(sid, 3),
    )
    claim = create_model(
        "ClaimDraft", __base__=ClaimDraft,
        statement=_text(240, "what was claimed, paraphrased in one sentence"),
        speaker=_optional(80, "who made the claim, as named in the article; null if unattributed"),
        attribution=(Attribution, ...),
        quote=_optional(300, "words copied exactly from the article between quotation marks, or null"),
        stance=(Stance, ...),
        evidence=_evidence(sid, 3),
    )
    deployment = create_model(
        "DeploymentDraft", __base__=DeploymentDraft,
        asset=_text(80, "unit, troops or equipment as written in the article"),
        quantity=_optional(40, "number as written in the article, or null"),
        location=_optional(80, "where, as written in the article, or null"),
        status=_optional(60, "e.g. deployed, moving, withdrawing, or null"),
        evidence=_evidence(sid, 2),
    )
    posture = create_model(
        "ForcePostureDraft", __base__=AssessmentDraft,
        assessment=_text(400, "two sentences on the military situation"),
        trend=(Trend, ...),
        deployments=(list[deployment], Field(max_length=6)),  # type: ignore[valid-type]
        evidence=_evidence(sid, 4),
    )
    outlook = create_model(
        "DiplomaticOutlookDraft", __base__=AssessmentDraft,
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
        "BriefingDraft", __base__=SummaryDraft,
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


# ---------------------------------------------------------------- pick models (small models)


def enum(values: list[str]) -> Any:
    return Literal[tuple(values or ["none"])]


class Filled(OpenAISchema):
    """A pick model whose JSON Schema, when `_schema` is set, is its shape's template filled with its candidates."""

    _schema: ClassVar[dict[str, Any] | None] = None

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Pydantic's schema for this model: generated, or (the same, ~0.25 ms sooner) copied from the template."""
        if cls._schema is None or args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(cls._schema)


def pick_model(build: Callable[..., type[Filled]], *candidates: list[str]) -> type[Filled]:
    """`build(*candidates)`, its JSON Schema filled into a template that pydantic generated once for its shape.

    Each article has its own candidates, so its own pick models; generating their schemas was a
    tenth of a batch's CPU per article. Lists of one value are left to pydantic (a `const`).
    """
    model = build(*candidates)
    if all(len(set(values)) == len(values) >= 2 for values in candidates):
        swaps = list(zip(_placeholders(len(candidates)), candidates, strict=True))
        model._schema = _fill(_template(build, len(candidates)), swaps)
    return model


def _placeholders(count: int) -> list[list[str]]:
    return [[f"\0{i}.{j}" for j in range(2)] for i in range(count)]


@cache
def _template(build: Callable[..., type[Filled]], count: int) -> dict[str, Any]:
    return build(*_placeholders(count)).model_json_schema()


def _fill(schema: Any, swaps: list[tuple[list[str], list[str]]]) -> Any:
    """A copy of `schema` with each placeholder list swapped for its candidates."""
    if isinstance(schema, dict):
        return {k: _fill(v, swaps) for k, v in schema.items()}
    if isinstance(schema, list):
        for placeholder, values in swaps:
            if schema == placeholder:
                return list(values)
        return [_fill(v, swaps) for v in schema]
    return schema


class Picks(Filled):
    """A list of picks in which no candidate may appear twice (small models loop)."""

    @model_validator(mode="after")
    def _no_repeats(self) -> Any:
        for items in self.__dict__.values():
            if isinstance(items, list):
                keys = [next(iter(item.__dict__.values())) for item in items]
                repeated = sorted({k for k in keys if keys.count(k) > 1})
                if repeated:
                    raise ValueError(f"each item once: {', '.join(map(str, repeated))} repeated")
        return self


def actor_model(names: list[str]) -> type[Filled]:
    """Actors chosen among the names the evidence layer found, each with a kind and a few words of role."""
    actor = create_model(
        "ActorPick", name=(enum(names), ...), kind=(ActorKind, ...),
        role=(str, Field(min_length=1, max_length=60, description="its role in this story, a few words")),
    )
    return create_model("ActorPicks", __base__=Picks, key_actors=(list[actor], Field(min_length=1, max_length=6)))  # type: ignore[valid-type]


def claim_model(claim_ids: list[str]) -> type[Filled]:
    """Statements chosen among the sentences in which someone speaks, each with a stance."""
    claim = create_model("ClaimPick", sentence=(enum(claim_ids), ...), stance=(Stance, ...))
    return create_model("ClaimPicks", __base__=Picks, claims=(list[claim], Field(min_length=1, max_length=8)))  # type: ignore[valid-type]


def assessment_model(military: list[str], diplomatic: list[str]) -> type[Filled]:
    """The key sentences on posture and outlook. (The labels and the lead are decided by rule: the small model's own
    were measured worse than a constant, see flow/decide.py; its confidence was "low" in every one of the 88 answers
    recorded until 2026-12-04, so it is no longer asked, see flow/assemble.py.)"""
    return create_model(
        "AssessmentPick", __base__=Filled,
        posture=(list[enum(military)], Field(min_length=1, max_length=2)),  # type: ignore[misc,arg-type]
        outlook=(list[enum(diplomatic)], Field(min_length=1, max_length=2)),  # type: ignore[misc,arg-type]
    )
