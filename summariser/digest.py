"""A situation report across sources: what they report alike, where they contradict each other, their labels and
actors, then claims by matter and a timeline.

Built from validated briefings (articles given are briefed first) and the articles' own sentences: what the
sources assert is compared sentence by sentence (`matters`), so a statement no briefing attributed to a speaker
can still be set against another source's. Every point keeps its article and sentence ids. Pairs are found by
rule, precision first; a strong model, when configured, judges the candidates seeing only the two sentences.
This module also owns what a digest reads (`inputs`) and who may judge (`run`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dateutil import parser

from .briefing.model import Briefing
from .briefing.support import parsed_sentences, readable
from .errors import UsageError
from .flow.decide import JUDGE_CANDIDATES, JUDGE_CONTRADICTIONS, MAX_PAIRINGS, MIN_CONTRADICTION
from .matters import Found, Statement, actor_key, agreements, contradictions, same_matter, statements
from .reports import Digest, Matter, MergedActor, Moment, Pairing, Ref, Relation, Said, Source, SourcedClaim
from .text import by_position

if TYPE_CHECKING:
    from .llm.client import Client
    from .settings import Settings
    from .text.article import Article

__all__ = ["actor_key", "build", "inputs", "run"]

# The judge's answer: a few tokens of JSON around it, and about 25 per verdict ({"pair": "P3", "relation": ...}).
JUDGE_TOKENS, JUDGE_TOKENS_PER_PAIR = 60, 25
BY_RULE = "found by rule"
log = logging.getLogger("summariser")
Verdict = Literal["agreement", "contradiction", "unrelated"]
# An article's sentences as (id, text), in order: the article's own, or the sentences its briefing cites.
Sentences = tuple[tuple[str, str], ...]


def sentences_of(briefing: Briefing, article: Article | None) -> Sentences:
    """The sentences a digest compares: the article's when it could be read, else those its briefing cites."""
    if article is not None:
        return readable(article)
    return tuple((sid, span.text) for sid, span in briefing.evidence.items())


def _said(statement: Statement, text: Sentences) -> Said:
    """A statement as one side of a pairing, with the sentences around it."""
    ids = [sid for sid, _ in text]
    i = ids.index(statement.sentence)
    return Said(source=statement.source, sentence=statement.sentence, text=statement.text,
                before=text[i - 1][1] if i > 0 else "", after=text[i + 1][1] if i + 1 < len(text) else "")


def _judged(found: list[tuple[Relation | None, Found]], judge: Client, text: dict[str, Sentences]) -> list[Pairing]:
    """The model's verdict on each candidate, seeing only its two sentences: a pair it calls unrelated is dropped,
    one it skips stays as the rules found it (when they listed it)."""
    from pydantic import Field, create_model

    from . import prompts
    from .errors import BriefingError
    from .llm.client import Tally
    from .loop import run_sync

    ids = [f"P{i + 1}" for i in range(len(found))]
    pair_id: Any = Literal[tuple(ids)]
    verdict = create_model("PairVerdict", pair=(pair_id, ...), relation=(Verdict, ...))
    verdicts = create_model("PairVerdicts", verdicts=(list[verdict], Field(max_length=len(ids))))  # type: ignore[valid-type]
    messages = [
        {"role": "system", "content": prompts.render("pairs_system")},
        {"role": "user", "content": prompts.render("pairs", pairs=[
            {"id": pid, "first": first, "second": second} for pid, (_, (_, first, second, _)) in zip(ids, found, strict=True)])},
    ]
    try:
        answer: Any = run_sync(judge.ask(messages, verdicts, max_tokens=JUDGE_TOKENS + JUDGE_TOKENS_PER_PAIR * len(ids), tally=Tally()))
    except BriefingError as exc:
        log.warning("the judge failed (%s): the pairs stay as the rules found them", exc)
        said: dict[str, str] = {}
    else:
        said = {v.pair: v.relation for v in answer.verdicts}
    out = []
    for pid, (relation, f) in zip(ids, found, strict=True):
        if said.get(pid, "unrelated") != "unrelated":
            out.append(_pairing(said[pid], f, text, f"judged by {judge.model}"))  # type: ignore[arg-type]
        elif pid not in said and relation is not None and _listed(relation, f):
            out.append(_pairing(relation, f, text, BY_RULE))
    return out


def _listed(relation: Relation, found: Found) -> bool:
    """Whether the rules list a pair on their own (a candidate below the floor goes only to a judge)."""
    return relation == "agreement" or found[0] >= MIN_CONTRADICTION


def _pairing(relation: Relation, found: Found, text: dict[str, Sentences], status: str = BY_RULE) -> Pairing:
    """A pair the rules (or a judge) found, with both sentences in their context."""
    _, first, second, why = found
    return Pairing(relation=relation, status=status, why=why, first=_said(first, text[first.source]),
                   second=_said(second, text[second.source]))


def statements_of(text: dict[str, Sentences]) -> list[Statement]:
    """The statements of every source's sentences, source by source."""
    return [s for sid, sentences in text.items() for s in statements(sid, parsed_sentences(sentences))]


def candidates(text: dict[str, Sentences], judged: bool = False) -> list[tuple[Relation | None, Found]]:
    """The pairs the rules list across these sources' sentences, or, for a judge (`judged`), the pairs put to it:
    the rules' near misses too, more contradictions than the rules list (JUDGE_CONTRADICTIONS), and then pairs on
    the same matter whatever their stance (relation None: a judge's to decide), up to JUDGE_CANDIDATES in all."""
    every = statements_of(text)
    floor, most = (MIN_CONTRADICTION / 2, JUDGE_CONTRADICTIONS) if judged else (MIN_CONTRADICTION, MAX_PAIRINGS)
    found: list[tuple[Relation | None, Found]] = [("contradiction", f) for f in contradictions(every, floor)[:most]]
    found += [("agreement", f) for f in agreements(every)[:MAX_PAIRINGS]]
    if judged:
        asked = {_sentences(f) for _, f in found}
        found += [(None, f) for f in same_matter(every, JUDGE_CANDIDATES)
                  if _sentences(f) not in asked][:JUDGE_CANDIDATES - len(found)]
    return found


def _sentences(found: Found) -> frozenset[tuple[str, str]]:
    """A pair's two sentences, (source, sentence id) each, in either order."""
    _, a, b, _ = found
    return frozenset({(a.source, a.sentence), (b.source, b.sentence)})


def pairings(text: dict[str, Sentences], judge: Client | None = None) -> list[Pairing]:
    """The agreements and contradictions across these sources' sentences: by rule, or judged when a judge is
    given; at most MAX_PAIRINGS of each, the rules' best first."""
    found = candidates(text, judged=judge is not None)
    if judge is None or not found:
        return [_pairing(relation, f, text) for relation, f in found if relation is not None]
    # A judge may confirm more than a report should list: what it confirmed first, then what it skipped
    judged = sorted(_judged(found, judge, text), key=lambda p: p.status == BY_RULE)
    return [p for i, p in enumerate(judged) if [q.relation for q in judged[:i]].count(p.relation) < MAX_PAIRINGS]


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


def build(briefings: list[Briefing], judge: Client | None = None, articles: list[Article | None] | None = None) -> Digest:
    """The digest of these briefings and their articles (None where an article could not be read: then the
    sentences its briefing cites stand in), in the given order (the timeline follows article dates).

    With a `judge` (a backend strong enough for free judgement) the model judges the candidate pairs; without
    one, pairs are listed as the rules find them.
    """
    sources = [Source(id=f"A{i + 1}", source=b.meta.source, url=b.meta.url, title=b.meta.title, date=b.meta.date)
               for i, b in enumerate(briefings)]
    read = articles or [None] * len(briefings)
    text = {src.id: sentences_of(b, a) for src, b, a in zip(sources, briefings, read, strict=True)}
    actors: dict[str, MergedActor] = {}
    claims: list[SourcedClaim] = []
    for src, b in zip(sources, briefings, strict=True):
        for a in b.key_actors:
            key = actor_key(a.name, a.kind)
            merged = actors.setdefault(key, MergedActor(name=a.name, kind=a.kind, forms=[], refs=[]))
            if a.name not in merged.forms:
                merged.forms.append(a.name)
            if len(a.name) > len(merged.name) and a.kind == merged.kind == "person":
                merged.name = a.name  # the full name over a surname
            elif a.name.lower().removeprefix("the ") == key != merged.name.lower().removeprefix("the "):
                merged.name = a.name  # the state over its capital: "Russia", not "Moscow"
            same = next((r for r in merged.refs if r.source == src.id), None)
            if same is None:
                merged.refs.append(Ref(source=src.id, evidence=a.evidence))
            else:  # "Ukraine" and "Ukrainian" both listed by one briefing: one reference, its sentences once
                same.evidence = by_position(set(same.evidence) | set(a.evidence))
        claims += [SourcedClaim(source=src.id, speaker=c.speaker, statement=c.statement, quote=c.quote,
                                stance=c.stance, evidence=c.evidence) for c in b.claims]
    ranked = sorted(actors.values(), key=lambda a: -len({r.source for r in a.refs}))
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
        sources=sources, actors=ranked, claims=by_matter(claims, ranked), pairings=pairings(text, judge),
        timeline=timeline, trends=_labels(sources, [b.force_posture.trend for b in briefings]),
        trajectories=_labels(sources, [b.diplomatic_outlook.trajectory for b in briefings]),
        evidence={src.id: b.evidence for src, b in zip(sources, briefings, strict=True)},
    )


def _labels(sources: list[Source], labels: list[str]) -> dict[str, list[str]]:
    """Each label with the sources that give it, the commonest first."""
    out: dict[str, list[str]] = {}
    for src, label in zip(sources, labels, strict=True):
        out.setdefault(label, []).append(src.id)
    return dict(sorted(out.items(), key=lambda kv: -len(kv[1])))


def by_matter(claims: list[SourcedClaim], actors: list[MergedActor]) -> list[Matter]:
    """Claims grouped by the actor they speak of or for: the actor that most sources' claims name first, then the
    next among those left; claims that name no actor of the digest last."""
    def names(c: SourcedClaim, actor: MergedActor) -> bool:
        said = f"{c.speaker or ''} {c.statement}".lower()
        return any(form.lower() in said for form in actor.forms)

    left, out = list(claims), []
    while left:
        spread = [(len({c.source for c in left if names(c, a)}), -i, a) for i, a in enumerate(actors)]
        count, _, actor = max(spread, key=lambda t: t[:2], default=(0, 0, None))
        if actor is None or count < 2:
            break
        out.append(Matter(topic=actor.name, claims=[c for c in left if names(c, actor)]))
        left = [c for c in left if not names(c, actor)]
    return out + ([Matter(topic="Other claims", claims=left)] if left else [])


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


def _article_of(briefing: Briefing, path: Path, encoding: str | None) -> Article | None:
    """The article a briefing JSON file was made from, when it can still be read where it was (as named, or
    beside the JSON file or its folder, as a batch keeps pages/) and is the same text (every cited sentence where
    the briefing says); None otherwise."""
    from .errors import SummariserError
    from .text import load

    named = Path(briefing.meta.source)
    for candidate in (named, path.parent / named, path.parent.parent / named, path.parent / "pages" / named.name):
        if not candidate.is_file():
            continue
        try:
            article = load(str(candidate), encoding=encoding)
        except SummariserError:
            continue
        if all(article.text[s.start:s.end] == s.text for s in briefing.evidence.values()):
            return article
    return None


def run(paths: list[Path], settings: Settings, encoding: str | None, model_named: bool) -> Digest:
    """The digest of these inputs (`inputs`): articles are briefed first, briefing JSON files read as they are.

    A strong model judges candidate agreements and contradictions; a small one is not asked. The
    model that briefed the articles judges; with only JSON inputs, one is connected when the user
    named one (`model_named`), else the pairs are listed as the rules find them.
    """
    from .text import load

    client: Client | None = None
    briefings: list[Briefing] = []
    articles: list[Article | None] = []
    for path in paths:
        if path.suffix.lower() == ".json":
            try:
                briefings.append(Briefing.model_validate_json(path.read_bytes()))
            except ValueError:
                raise UsageError(f"{path}: not a briefing JSON file (from `summarise brief --format json`)") from None
            articles.append(_article_of(briefings[-1], path, encoding))
            continue
        # Imported here: the model's stack (openai, instructor) costs a second a digest of JSON files never needs
        from .flow.run import brief
        from .llm.providers import connect

        article = load(str(path), encoding=encoding)
        client = client or connect(settings)
        log.info("briefing %s", path)
        briefings.append(brief(article, client))
        articles.append(article)
    if client is None and model_named:
        from .llm.providers import connect

        client = connect(settings)
    return build(briefings, client if client is not None and not client.small else None, articles)
