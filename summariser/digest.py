"""A situation report across sources: actors merged, claims side by side, a timeline.

Built from validated briefings (articles given are briefed first): every
point keeps its article and sentence ids. Agreements and contradictions are
found by rule (shared topic words; opposed stances or one side negated) and
marked as candidates for the analyst to check, or judged by a strong model.
This module also owns what a digest reads (`inputs`) and who may judge (`run`).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from .briefing.model import Briefing, Claim, EvidenceSpan
from .errors import UsageError
from .lexicon.names import ALIASES
from .lexicon.stances import NEGATION, OPPOSED_STANCES
from .lexicon.topics import TOPIC_STOPWORDS

if TYPE_CHECKING:
    from .llm.client import Client
    from .settings import Settings

_NEGATION = re.compile(NEGATION, re.I)
MAX_PAIRINGS = 12
log = logging.getLogger("summariser")
Verdict = Literal["agreement", "contradiction", "unrelated"]


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


class Pairing(BaseModel):
    """Two claims from different sources on one topic."""

    relation: str  # "agreement" or "contradiction"
    status: str  # "candidate" when found by rule, "judged by <model>" when a model classified it
    topic: list[str]
    first: SourcedClaim
    second: SourcedClaim


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
    claims_by_speaker: dict[str, list[SourcedClaim]]
    pairings: list[Pairing]
    timeline: list[Moment]
    evidence: dict[str, dict[str, EvidenceSpan]]


def actor_key(name: str, kind: str) -> str:
    """One key per actor across articles: people by surname, places and states through their aliases."""
    low = re.sub(r"^the\s+", "", name.strip().lower())
    if kind == "person":
        return "person:" + low.split()[-1]
    return ALIASES.get(low, low)


def _topic(claim: Claim) -> set[str]:
    words = re.findall(r"[a-z][a-z-]{3,}", (claim.statement + " " + (claim.quote or "")).lower())
    return {w for w in words if w not in TOPIC_STOPWORDS}


def _judged(pairings: list[Pairing], judge: Client) -> list[Pairing]:
    """The model's verdict on each pair; a pair it calls unrelated is dropped, one it skips stays a candidate."""
    from pydantic import Field, create_model

    from . import prompts
    from .errors import BriefingError
    from .llm.client import Tally
    from .llm.transport import run_sync

    ids = [f"P{i + 1}" for i in range(len(pairings))]
    pair_id: Any = Literal[tuple(ids)]
    verdict = create_model("PairVerdict", pair=(pair_id, ...), relation=(Verdict, ...))
    verdicts = create_model("PairVerdicts", verdicts=(list[verdict], Field(max_length=len(ids))))  # type: ignore[valid-type]
    messages = [
        {"role": "system", "content": prompts.render("pairs_system")},
        {"role": "user", "content": prompts.render("pairs", pairs=[
            {"id": pid, "first": p.first, "second": p.second} for pid, p in zip(ids, pairings, strict=True)])},
    ]
    try:
        answer: Any = run_sync(judge.ask(messages, verdicts, max_tokens=60 + 25 * len(ids), tally=Tally()))
    except BriefingError:
        return [p for p in pairings if p.relation != "unjudged"]
    said = {v.pair: v.relation for v in answer.verdicts}
    out = []
    for pid, p in zip(ids, pairings, strict=True):
        if pid in said and said[pid] != "unrelated":
            out.append(p.model_copy(update={"relation": said[pid], "status": f"judged by {judge.model}"}))
        elif pid not in said and p.relation != "unjudged":
            out.append(p)
    return out


def _relation(first: SourcedClaim, second: SourcedClaim) -> str | None:
    """Contradiction when stances oppose or one side is negated; agreement when both lean the same way."""
    stances = (first.stance, second.stance)
    negated = (bool(_NEGATION.search(first.statement)), bool(_NEGATION.search(second.statement)))
    if stances in OPPOSED_STANCES or stances[::-1] in OPPOSED_STANCES or negated[0] != negated[1]:
        return "contradiction"
    if first.stance == second.stance != "neutral":
        return "agreement"
    return None


def _date_key(date: str | None) -> datetime | None:
    if not date:
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)", r"\1", date).replace(",", "").replace(".", "")
    for fmt in ("%d %b %y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    return None


def build(briefings: list[Briefing], judge: Client | None = None) -> Digest:
    """The digest of these briefings, in the given order (the timeline follows article dates).

    With a `judge` (a backend strong enough for free judgement) the model classifies the pairs of claims
    that share a topic; without one, pairs are found by rule and marked as candidates.
    """
    sources = [Source(id=f"A{i + 1}", source=b.meta.source, url=b.meta.url, title=b.meta.title, date=b.meta.date)
               for i, b in enumerate(briefings)]
    actors: dict[str, MergedActor] = {}
    by_speaker: dict[str, list[SourcedClaim]] = {}
    sourced: list[tuple[SourcedClaim, set[str]]] = []
    for src, b in zip(sources, briefings, strict=True):
        for a in b.key_actors:
            key = actor_key(a.name, a.kind)
            merged = actors.setdefault(key, MergedActor(name=a.name, kind=a.kind, forms=[], refs=[]))
            if a.name not in merged.forms:
                merged.forms.append(a.name)
            if len(a.name) > len(merged.name) and a.kind == merged.kind == "person":
                merged.name = a.name  # the full name over a surname
            merged.refs.append(Ref(source=src.id, evidence=a.evidence))
        for c in b.claims:
            sc = SourcedClaim(source=src.id, speaker=c.speaker, statement=c.statement, quote=c.quote,
                              stance=c.stance, evidence=c.evidence)
            sourced.append((sc, _topic(c)))
    for sc, _ in sourced:  # speakers by their merged name, once every article is in
        keys = [actor_key(sc.speaker, kind) for kind in ("person", "state")] if sc.speaker else []
        known = next((actors[k] for k in keys if k in actors), None)
        by_speaker.setdefault(known.name if known else sc.speaker or "Unattributed", []).append(sc)
    pairings = _pairings(sources, sourced, judge)
    order = sorted(range(len(briefings)), key=lambda i: (_date_key(sources[i].date) is None,
                                                          _date_key(sources[i].date) or datetime.min, i))
    timeline = [
        Moment(
            source=sources[i].id, when=sources[i].date or f"article {i + 1} (no date)",
            trend=b.force_posture.trend, trajectory=b.diplomatic_outlook.trajectory,
            posture=b.force_posture.assessment, posture_evidence=b.force_posture.evidence,
            outlook=b.diplomatic_outlook.assessment, outlook_evidence=b.diplomatic_outlook.evidence,
        )
        for i in order for b in [briefings[i]]
    ]
    return Digest(
        sources=sources, actors=sorted(actors.values(), key=lambda a: -len({r.source for r in a.refs})),
        claims_by_speaker=dict(sorted(by_speaker.items(), key=lambda kv: -len(kv[1]))),
        pairings=pairings, timeline=timeline,
        evidence={src.id: b.evidence for src, b in zip(sources, briefings, strict=True)},
    )


def _pairings(sources: list[Source], sourced: list[tuple[SourcedClaim, set[str]]], judge: Client | None) -> list[Pairing]:
    """Pairs of claims from different sources sharing a topic: by rule, then judged where a judge is given."""
    # Words most sources use ("Ukraine" in a digest on Ukraine) name no particular topic.
    spread = Counter(w for src in sources for w in set().union(*[t for c, t in sourced if c.source == src.id]))
    common = {w for w, n in spread.items() if n * 2 > len(sources)}
    pairings = []
    for i, (first, topic_a) in enumerate(sourced):
        for second, topic_b in sourced[i + 1:]:
            shared = sorted((topic_a & topic_b) - common)
            if first.source == second.source or len(shared) < 2:
                continue
            relation = _relation(first, second) or ("unjudged" if judge else None)
            if relation:
                pairings.append(Pairing(relation=relation, status="candidate", topic=shared[:6],
                                        first=first, second=second))
    # The pairs sharing most topic words first, contradictions before agreements.
    pairings.sort(key=lambda p: (p.relation != "contradiction", -len(p.topic)))
    pairings = pairings[:MAX_PAIRINGS]
    return _judged(pairings, judge) if judge is not None and pairings else pairings


def inputs(raw: list[str]) -> list[Path]:
    """The articles and briefing JSON files named: files, folders, and a batch OUTDIR's briefings."""
    from .batch.state import State
    from .text.load import ARTICLE_SUFFIXES, articles_in

    paths: list[Path] = []
    for name in raw:
        p = Path(name)
        if (state := State.of(p)) is not None:  # a batch's output: its briefings' JSON, not its Markdown nor index
            paths += state.briefings()
        elif p.is_dir():
            paths += articles_in(p, ARTICLE_SUFFIXES | {".json"})
        elif p.is_file():
            paths.append(p)
        else:
            raise UsageError(f"{name}: no such file or folder")
    if len(paths) < 2:
        raise UsageError("a digest needs at least two articles or briefings")
    return paths


def run(paths: list[Path], settings: Settings, encoding: str | None, model_named: bool) -> Digest:
    """The digest of these inputs (`inputs`): articles are briefed first, briefing JSON files read as they are.

    A strong model judges candidate agreements and contradictions; a small one is not asked. The
    model that briefed the articles judges; with only JSON inputs, one is connected when the user
    named one (`model_named`), else the pairs stay candidates found by rule.
    """
    from .flow.run import brief
    from .llm.providers import connect
    from .text import load

    client: Client | None = None
    briefings = []
    for path in paths:
        if path.suffix.lower() == ".json":
            try:
                briefings.append(Briefing.model_validate_json(path.read_bytes()))
            except ValueError:
                raise UsageError(f"{path}: not a briefing JSON file (from `summarise brief --format json`)") from None
            continue
        article = load(str(path), encoding=encoding)
        client = client or connect(settings)
        log.info("briefing %s", path)
        briefings.append(brief(article, client))
    judge = client or (connect(settings) if model_named else None)
    return build(briefings, judge if judge is not None and not judge.small else None)
