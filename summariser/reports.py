"""What the tool reports besides a briefing, as values: a digest across sources and a batch's outcomes.

Renderers read these without knowing the modules that make them (digest.py, batch/). Imports only the
briefing's own types.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from .briefing.model import EvidenceSpan

Relation = Literal["agreement", "contradiction"]


@dataclass
class Outcome:
    """What happened to one article of a batch."""

    path: Path
    name: str
    status: str  # done, cached (finished by an earlier run), failed
    reason: str | None = None
    seconds: float = 0.0
    tokens: int = 0
    bottom_line: str = ""
    actors: str = ""
    trend: str = ""


class Source(BaseModel):
    """One article behind the digest."""

    id: str
    source: str
    url: str | None = None  # the page it was fetched from
    title: str | None
    date: str | None


class Ref(BaseModel):
    """A point's place: which article, which sentences, and their text."""

    source: str
    evidence: list[str]
    quotes: list[str] = []


class MergedActor(BaseModel):
    """An actor across articles."""

    name: str
    kind: str
    forms: list[str]
    refs: list[Ref]


class SourcedClaim(BaseModel):
    """A claim with its article."""

    source: str
    speaker: str | None
    statement: str
    quote: str | None
    stance: str
    evidence: list[str]


class Said(BaseModel):
    """One side of a pairing: a sentence of one article, with the sentences on either side for context."""

    source: str
    sentence: str
    text: str
    before: str = ""
    after: str = ""


class Pairing(BaseModel):
    """Two statements from different sources on one matter that agree or contradict each other."""

    relation: Relation
    status: str  # "found by rule", or "judged by <model>" when a model confirmed it
    why: str
    first: Said  # for a contradiction, the claim; the second denies it
    second: Said


class Matter(BaseModel):
    """Claims of several sources on one matter (a party or a word they share)."""

    topic: str
    claims: list[SourcedClaim]


class Moment(BaseModel):
    """Force posture and diplomatic outlook of one article, in time order."""

    source: str
    when: str
    trend: str
    trajectory: str
    posture: str
    posture_evidence: list[str]
    outlook: str
    outlook_evidence: list[str]


class Digest(BaseModel):
    """The cross-article situation report."""

    sources: list[Source]
    actors: list[MergedActor]
    claims: list[Matter]
    pairings: list[Pairing]
    trends: dict[str, list[str]]  # each label with the sources that give it
    trajectories: dict[str, list[str]]
    timeline: list[Moment]
    evidence: dict[str, dict[str, EvidenceSpan]]
