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

from dateutil import parser

from .briefing.model import Briefing, Claim
from .errors import UsageError
from .lexicon.names import ALIASES
from .lexicon.stances import NEGATION, OPPOSED_STANCES
from .lexicon.topics import TOPIC_STOPWORDS
from .reports import Digest, MergedActor, Moment, Pairing, Ref, Relation, Source, SourcedClaim

if TYPE_CHECKING:
    from .llm.client import Client
    from .settings import Settings

_NEGATION = re.compile(NEGATION, re.I)
MAX_PAIRINGS = 12
# The judge's answer: a few tokens of JSON around it, and about 25 per verdict ({"pair": "P3", "relation": ...}).
JUDGE_TOKENS, JUDGE_TOKENS_PER_PAIR = 60, 25
log = logging.getLogger("summariser")
Verdict = Literal["agreement", "contradiction", "unrelated"]


def actor_key(name: str, kind: str) -> str:
    """One key per actor across articles: people by surname, places and states through their aliases."""
    low = re.sub(r"^the\s+", "", name.strip().lower())
    if kind == "person":
        return "person:" + low.split()[-1]
    return ALIASES.get(low, low)


def _topic(claim: Claim) -> set[str]:
    words = re.findall(r"[a-z][a-z-]{3,}", (claim.statement + " " + (claim.quote or "")).lower())
    return {w for w in words if w not in TOPIC_STOPWORDS}


# A pair of claims that share a topic, and the relation the rules see between them (None: for a judge to decide).
Candidate = tuple[Relation | None, list[str], SourcedClaim, SourcedClaim]


def _pairing(relation: Relation, shared: list[str], first: SourcedClaim, second: SourcedClaim,
             status: str = "candidate") -> Pairing:
    return Pairing(relation=relation, status=status, topic=shared[:6], first=first, second=second)


def _by_rule(candidates: list[Candidate]) -> list[Pairing]:
    """The candidates in which the rules see a relation, as pairings to check."""
    return [_pairing(r, shared, first, second) for r, shared, first, second in candidates if r is not None]


def _judged(candidates: list[Candidate], judge: Client) -> list[Pairing]:
    """The model's verdict on each pair; a pair it calls unrelated is dropped, one it skips stays a candidate
    when the rules saw a relation."""
    from pydantic import Field, create_model

    from . import prompts
    from .errors import BriefingError
    from .llm.client import Tally
    from .loop import run_sync

    ids = [f"P{i + 1}" for i in range(len(candidates))]
    pair_id: Any = Literal[tuple(ids)]
    verdict = create_model("PairVerdict", pair=(pair_id, ...), relation=(Verdict, ...))
    verdicts = create_model("PairVerdicts", verdicts=(list[verdict], Field(max_length=len(ids))))  # type: ignore[valid-type]
    messages = [
        {"role": "system", "content": prompts.render("pairs_system")},
        {"role": "user", "content": prompts.render("pairs", pairs=[
            {"id": pid, "first": first, "second": second}
            for pid, (_, _, first, second) in zip(ids, candidates, strict=True)])},
    ]
    try:
        answer: Any = run_sync(judge.ask(messages, verdicts, max_tokens=JUDGE_TOKENS + JUDGE_TOKENS_PER_PAIR * len(ids), tally=Tally()))
    except BriefingError:
        return _by_rule(candidates)
    said = {v.pair: v.relation for v in answer.verdicts}
    out = []
    for pid, (relation, shared, first, second) in zip(ids, candidates, strict=True):
        if pid in said and said[pid] != "unrelated":
            out.append(_pairing(said[pid], shared, first, second, f"judged by {judge.model}"))
        elif pid not in said and relation is not None:
            out.append(_pairing(relation, shared, first, second))
    return out


def _relation(first: SourcedClaim, second: SourcedClaim) -> Relation | None:
    """Contradiction when stances oppose or one side is negated; agreement when both lean the same way."""
    stances = (first.stance, second.stance)
    negated = (bool(_NEGATION.search(first.statement)), bool(_NEGATION.search(second.statement)))
    if stances in OPPOSED_STANCES or stances[::-1] in OPPOSED_STANCES or negated[0] != negated[1]:
        return "contradiction"
    if first.stance == second.stance != "neutral":
        return "agreement"
    return None


def _date_key(date: str | None) -> datetime | None:
    """When an article was published, for the timeline's order: any date python-dateutil reads ("Sept. 9, 2020",
    "15th Feb 22", ISO with a zone), as naive time; None without one, or without a year ("Tuesday")."""
    if not date:
        return None
    try:  # read twice with defaults a year apart: a date that names no year comes out in both
        read = [parser.parse(date, default=datetime(year, 1, 1)) for year in (2000, 2001)]
    except (ValueError, OverflowError):
        return None
    return read[0].replace(tzinfo=None) if read[0].year == read[1].year else None


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
    candidates: list[Candidate] = []
    for i, (first, topic_a) in enumerate(sourced):
        for second, topic_b in sourced[i + 1:]:
            shared = sorted((topic_a & topic_b) - common)
            if first.source == second.source or len(shared) < 2:
                continue
            relation = _relation(first, second)
            if relation or judge:
                candidates.append((relation, shared, first, second))
    # The pairs sharing most topic words first, contradictions before agreements (before those left to a judge).
    candidates.sort(key=lambda c: (c[0] != "contradiction", -len(c[1][:6])))
    candidates = candidates[:MAX_PAIRINGS]
    if judge is not None and candidates:
        return _judged(candidates, judge)
    return _by_rule(candidates)


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
