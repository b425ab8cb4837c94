"""The flow: article -> evidence -> prompts -> LLM -> grounding -> Briefing.

Strong models get one call with the full briefing schema. Small models get
three short calls sharing the article prefix, choosing among candidates the
evidence layer found: asked together against a server, in turn in-process
(llama.cpp's prefix cache makes the later ones cheap).
Articles longer than the context are split into overlapping windows of
sentences; ids and offsets stay those of the whole article.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from functools import cache
from typing import Any, ClassVar, Literal

from instructor import OpenAISchema
from pydantic import Field, create_model, model_validator

from . import grounding, prompts
from .article import Article, Sentence
from .errors import BriefingError, InputError
from .evidence import Evidence, analyse, title_of, topics
from .llm import Backend, run_sync
from .schemas import (
    Actor,
    ActorKind,
    Briefing,
    Claim,
    Confidence,
    Deployment,
    DiplomaticOutlook,
    Dropped,
    EvidenceSpan,
    ForcePosture,
    Level,
    Meta,
    Stance,
    Trajectory,
    Trend,
    Verification,
    briefing_draft,
    split_refs,
)

log = logging.getLogger("summariser")
MAX_ACTOR_CANDIDATES = 12
MAX_CLAIM_CANDIDATES = 16
MAX_ACTORS_SMALL = 8
MAX_CLAIMS_SMALL = 8
# Room left in the context for instructions, schema and answer.
RESERVED_TOKENS = 1500
WINDOW_OVERLAP = 2
_DELIMITER = re.compile(r"</?\s*article\b[^>]*>", re.IGNORECASE)


class Pruner:
    """Drops items the article does not support, and counts what it checked."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.verification = Verification()

    def keep(self, section: str, item: Any, label: str) -> bool:
        """True when `item` is grounded; otherwise record why it was dropped."""
        self.verification.checked += 1
        problems = grounding.problems(item, self.article)
        if problems:
            self.verification.dropped += 1
            self.verification.dropped_items.append(Dropped(section=section, item=label[:120], reason="; ".join(problems)))
        return not problems

    def failed(self, section: str, reason: str) -> None:
        """A whole section without a valid answer."""
        self.verification.checked += 1
        self.verification.dropped += 1
        self.verification.dropped_items.append(Dropped(section=section, item="(whole section)", reason=reason))


def _messages(system: str, task: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": system}, {"role": "user", "content": prompts.render(task)}]


def _estimate_tokens(text: str) -> int:
    return len(text) // 3 + 1  # English runs ~4 chars a token; 3 keeps a margin


def brief(article: Article, backend: Backend) -> Briefing:
    """Produce a grounded briefing of `article` with `backend`."""
    return run_sync(brief_async(article, backend))


async def brief_async(
    article: Article, backend: Backend, evidence: asyncio.Future[Evidence] | None = None
) -> Briefing:
    """`brief` for an event loop; `evidence` when the evidence layer runs elsewhere (a worker process)."""
    started = time.monotonic()
    backend.source = article.source
    windows = _windows(article, backend.context_tokens)
    if len(windows) > 1:
        log.info("%s: %d sentences in %d overlapping windows", article.source, len(article.sentences), len(windows))
    pruner = Pruner(article)
    if backend.small:
        if evidence is None:
            evidence = asyncio.get_running_loop().create_future()
            evidence.set_result(analyse(article))
        parts = await _sections(article, evidence, backend, windows, pruner)
    else:
        parts = await _single(article, backend, windows, pruner)
    cited = sorted(set(_all_ids(parts)), key=lambda sid: int(sid[1:]))
    spans = {sid: EvidenceSpan(start=s.start, end=s.end, text=s.text) for sid in cited if (s := article.sentence(sid))}
    meta = Meta(
        source=article.source, title=article.title, date=article.date, backend=backend.name, model=backend.model,
        prompt_version=prompts.version(), usage=backend.usage, attempts=backend.attempts,
        calls=backend.calls, seconds=round(time.monotonic() - started, 2),
    )
    return Briefing(**parts, evidence=spans, verification=pruner.verification, meta=meta)


def _system(article: Article, window: list[Sentence]) -> str:
    """The system prompt over one window of sentences, ids kept global."""
    # The article sits between <article> tags: it must not be able to close them.
    numbered = "\n".join(f"[{s.id}] {_DELIMITER.sub('[tag]', s.text)}" for s in window)
    return prompts.render("system", title=_DELIMITER.sub("[tag]", article.title or "") or None, numbered=numbered)


def _windows(article: Article, context_tokens: int) -> list[list[Sentence]]:
    """Sentences split into windows that fit the context, overlapping by a few sentences."""
    budget = context_tokens - RESERVED_TOKENS - _estimate_tokens(_system(article, []))
    if budget < 200:
        raise InputError(f"a context of {context_tokens} tokens is too small to brief with (--context-tokens)")
    windows: list[list[Sentence]] = []
    current: list[Sentence] = []
    used = 0
    for sentence in article.sentences:
        cost = _estimate_tokens(sentence.text) + 4
        if current and used + cost > budget:
            windows.append(current)
            current = current[-WINDOW_OVERLAP:] if len(current) > WINDOW_OVERLAP else []
            used = sum(_estimate_tokens(x.text) + 4 for x in current)
        current.append(sentence)
        used += cost
    return [*windows, current] if current else windows


def _all_ids(parts: dict[str, Any]) -> list[str]:
    """Every sentence id cited anywhere in the briefing's parts."""
    ids: list[str] = []
    for item in [*parts["key_actors"], *parts["claims"], *parts["force_posture"].deployments]:
        ids += item.evidence
    ids += parts["force_posture"].evidence + parts["diplomatic_outlook"].evidence
    return ids + split_refs(parts["bottom_line"])[1]


def _with_refs(text: str, ids: list[str]) -> str:
    return f"{text.strip()} [{', '.join(ids)}]" if ids else text.strip()


def _summary_parts(draft: Any, pruner: Pruner) -> dict[str, Any]:
    """Bottom line (with its citations), confidence and gaps from a summary draft."""
    if pruner.keep("bottom_line", draft, draft.bottom_line):
        bottom = _with_refs(draft.bottom_line, list(draft.evidence))
    else:
        bottom = "No bottom line: the model's summary was not supported by the article (see verification)."
    return {
        "bottom_line": bottom,
        "confidence": Confidence(level=draft.confidence.level, reason=draft.confidence.reason),
        "gaps": [g.strip() for g in draft.gaps if g.strip()],
    }


def _posture(draft: Any, pruner: Pruner) -> ForcePosture:
    deployments = [
        Deployment(**d.model_dump()) for d in draft.deployments if pruner.keep("deployment", d, d.asset)
    ]
    grounded = pruner.keep("force_posture", draft.model_copy(update={"deployments": []}), "assessment")
    return ForcePosture(
        assessment=draft.assessment if grounded else "(assessment dropped: not supported by the article)",
        trend=draft.trend, deployments=deployments, evidence=list(draft.evidence) if grounded else [],
    )


def _outlook(draft: Any, pruner: Pruner) -> DiplomaticOutlook:
    grounded = pruner.keep("diplomatic_outlook", draft, "assessment")
    return DiplomaticOutlook(
        assessment=draft.assessment if grounded else "(assessment dropped: not supported by the article)",
        trajectory=draft.trajectory, channels=[c.strip() for c in draft.channels if c.strip()],
        evidence=list(draft.evidence) if grounded else [],
    )


async def _together(backend: Backend, asks: list[Coroutine[Any, Any, Any]]) -> list[Any]:
    """Answers in order, a BriefingError in place of a question without a valid answer.

    Questions are in flight together where the backend allows; any other error (the server
    is gone, the key is refused) ends the article at once and cancels the other questions.
    """

    async def settle(ask: Coroutine[Any, Any, Any]) -> Any:
        try:
            return await ask
        except BriefingError as e:
            return e

    if not backend.concurrent:  # one in-process model: in order, and llama.cpp reuses the shared prefix
        out: list[Any] = []
        for i, ask in enumerate(asks):
            try:
                out.append(await settle(ask))
            except BaseException:
                for rest in asks[i + 1 :]:
                    rest.close()
                raise
        return out
    tasks = [asyncio.ensure_future(settle(ask)) for ask in asks]
    try:
        return await asyncio.gather(*tasks)
    except BaseException:
        for t in tasks:
            t.cancel()
        raise


async def _single(
    article: Article, backend: Backend, windows: list[list[Sentence]], pruner: Pruner
) -> dict[str, Any]:
    """One well-structured call per window (one for most articles), verified after the fact."""
    drafts = await _together(backend, [
        backend.ask(_messages(_system(article, window), "briefing"), briefing_draft([s.id for s in window]),
                    article, 4000)
        for window in windows
    ])
    if failed := next((d for d in drafts if isinstance(d, BriefingError)), None):
        raise failed
    first = drafts[0]
    actors: dict[str, Actor] = {}
    claims: dict[tuple[str, str], Claim] = {}
    for draft in drafts:
        for a in draft.key_actors:
            if a.name.casefold() not in actors and pruner.keep("actor", a, a.name):
                actors[a.name.casefold()] = Actor(**a.model_dump())
        for c in draft.claims:
            key = (str(c.speaker).casefold(), ",".join(c.evidence))
            if key not in claims and pruner.keep("claim", c, c.statement):
                claims[key] = Claim(**c.model_dump())
    posture = first.force_posture.model_copy(
        update={"deployments": [d for draft in drafts for d in draft.force_posture.deployments][:8]}
    )
    return {
        **_summary_parts(first, pruner), "key_actors": list(actors.values()), "claims": list(claims.values()),
        "force_posture": _posture(posture, pruner), "diplomatic_outlook": _outlook(first.diplomatic_outlook, pruner),
    }


# ---------------------------------------------------------------- small models


def _enum(values: list[str]) -> Any:
    return Literal[tuple(values or ["none"])]


class _Filled(OpenAISchema):
    """A pick model whose JSON Schema, when `_schema` is set, is its shape's template filled with its candidates."""

    _schema: ClassVar[dict[str, Any] | None] = None

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Pydantic's schema for this model: generated, or (the same, ~0.25 ms sooner) copied from the template."""
        if cls._schema is None or args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(cls._schema)


def _pick_model(build: Callable[..., type[_Filled]], *candidates: list[str]) -> type[_Filled]:
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
def _template(build: Callable[..., type[_Filled]], count: int) -> dict[str, Any]:
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


class _Picks(_Filled):
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


def _actor_model(names: list[str]) -> type[_Filled]:
    """Actors chosen among the names the evidence layer found, each with a kind and a few words of role."""
    actor = create_model(
        "ActorPick", name=(_enum(names), ...), kind=(ActorKind, ...),
        role=(str, Field(min_length=1, max_length=60, description="its role in this story, a few words")),
    )
    return create_model("ActorPicks", __base__=_Picks, key_actors=(list[actor], Field(min_length=1, max_length=6)))  # type: ignore[valid-type]


def _claim_model(claim_ids: list[str]) -> type[_Filled]:
    """Statements chosen among the sentences in which someone speaks, each with a stance."""
    claim = create_model("ClaimPick", sentence=(_enum(claim_ids), ...), stance=(Stance, ...))
    return create_model("ClaimPicks", __base__=_Picks, claims=(list[claim], Field(min_length=1, max_length=8)))  # type: ignore[valid-type]


def _assessment_model(military: list[str], diplomatic: list[str], leads: list[str]) -> type[_Filled]:
    """The lead sentence, the key sentences on posture and outlook, and labels for each."""
    return create_model(
        "AssessmentPick", __base__=_Filled,
        lead=(_enum(leads), ...),
        trend=(Trend, ...),
        posture=(list[_enum(military)], Field(min_length=1, max_length=2)),  # type: ignore[misc,arg-type]
        trajectory=(Trajectory, ...),
        outlook=(list[_enum(diplomatic)], Field(min_length=1, max_length=2)),  # type: ignore[misc,arg-type]
        confidence=(Level, ...),
    )


def _usable(article: Article, evidence: Evidence) -> tuple[list[Any], list[Any]]:
    """The evidence layer's actors and speech outside sentences flagged as addressed to a model."""
    pool = [e for e in evidence.entities if set(e.sentences) - article.suspicious]
    speech = [s for s in evidence.speech if s.speaker and s.sentence not in article.suspicious]
    return pool, speech


def _text_of(article: Article, ids: list[str]) -> str:
    return " ".join(s.text for sid in ids if (s := article.sentence(sid)))


async def _sections(
    article: Article, evidence: asyncio.Future[Evidence], backend: Backend, windows: list[list[Sentence]],
    pruner: Pruner,
) -> dict[str, Any]:
    """Three focused calls per window over candidates from the evidence layer; text is quoted, not generated.

    The assessment's candidates need no NLP, so against a server it is asked while `evidence` is
    still being found (in a worker process); the actors and claims questions wait for it.
    """
    # Body sentences: headlines and bylines lack a full stop, boilerplate is short.
    body = [
        s.id for s in article.sentences
        if len(s.text.split()) >= 8 and s.text.rstrip("”’\"')")[-1:] in ".!?" and s.id not in article.suspicious
    ]
    military, diplomatic = ([sid for sid in ids if sid not in article.suspicious] for ids in topics(article))

    async def among_evidence(task: str, system: str, ids: set[str], tokens: int) -> Any:
        pool, speech = _usable(article, await evidence)
        if task == "actors":
            model = _pick_model(_actor_model, [e.name for e in pool if ids & set(e.sentences)][:MAX_ACTOR_CANDIDATES])
        else:
            model = _pick_model(_claim_model, [s.sentence for s in speech if s.sentence in ids][:MAX_CLAIM_CANDIDATES])
        return await backend.ask(_messages(system, task), model, article, tokens)

    asks: list[Coroutine[Any, Any, Any]] = []
    for window in windows:
        ids = {s.id for s in window}
        system = _system(article, window)
        inside = [sid for sid in body if sid in ids]
        assessment = _pick_model(
            _assessment_model, [sid for sid in military if sid in ids] or inside, [sid for sid in diplomatic if sid in ids] or inside,
            inside[:6],
        )
        # The three questions are independent: a server answers them at once.
        asks += [among_evidence("actors", system, ids, 400), among_evidence("claims", system, ids, 300),
                 backend.ask(_messages(system, "assessment"), assessment, article, 120)]
    answers = await _together(backend, asks)
    chosen: dict[str, Any] = {}
    stances: dict[str, Any] = {}
    judgements: list[Any] = []
    failures: list[BriefingError] = []
    for task, answer in zip(["actors", "claims", "assessment"] * len(windows), answers, strict=True):
        if isinstance(answer, BriefingError):
            pruner.failed(task, str(answer))  # a question with no valid answer is recorded and skipped
            failures.append(answer)
        elif task == "actors":
            for p in answer.key_actors:
                chosen.setdefault(p.name, p)
        elif task == "claims":
            for c in answer.claims:
                stances.setdefault(c.sentence, c.stance)
        else:
            judgements.append(answer)
    if len(failures) == len(answers):
        raise BriefingError(f"the model gave no valid answer to any question: {failures[-1]}")
    found = evidence.result()
    pool, speech = _usable(article, found)

    # The model's choices first, then the most mentioned names, up to eight.
    ordered = [e for e in pool if e.name in chosen] + [
        e for e in pool[:MAX_ACTOR_CANDIDATES] if e.name not in chosen and e.mentions > 1
    ]
    actors: list[Actor] = []
    for entity in ordered[:MAX_ACTORS_SMALL]:
        pick = chosen.get(entity.name)
        usable = [sid for sid in entity.sentences if sid not in article.suspicious]
        # Cite sentences that use this name itself before those that use an alias ("Washington").
        evidence_ids = sorted(usable, key=lambda sid: entity.name.lower() not in _text_of(article, [sid]).lower())[:3]
        evidence_ids.sort(key=lambda sid: int(sid[1:]))
        cited = grounding.norm(_text_of(article, evidence_ids)).lower()
        role = title_of(article, entity) if entity.label == "PERSON" else None
        if role is None and pick and _words_in(pick.role, cited):
            role = pick.role.strip()  # the model's phrase, kept only when the cited text uses its words
        actor = Actor(
            name=entity.name, kind=_kind(entity.label, pick.kind if pick else None),
            role=role or "named in the article", evidence=evidence_ids,
        )
        if pruner.keep("actor", actor, actor.name):
            actors.append(actor)

    claims: list[Claim] = []
    for item in _spread(speech, min(MAX_CLAIMS_SMALL * len(windows), 24)):
        assert item.speaker is not None
        cites = [item.sentence]
        said = article.sentence(item.sentence)
        if said and grounding.name_problem(item.speaker, article, grounding.norm(said.text)):
            named = found.entity(item.speaker)
            earlier = [sid for sid in (named.sentences if named else []) if int(sid[1:]) < int(item.sentence[1:])]
            cites = ([earlier[-1]] if earlier else []) + cites  # "He said": also cite where he is named
        claim = Claim(
            statement=said.text if said else "", speaker=item.speaker,
            attribution="direct quote" if item.quote else "reported speech", quote=item.quote,
            stance=stances.get(item.sentence, "neutral"), evidence=cites, basis="extracted",
        )
        if pruner.keep("claim", claim, claim.statement):
            claims.append(claim)

    deployments = [
        Deployment(asset=d.asset, quantity=d.quantity, location=d.location, evidence=[d.sentence])
        for d in found.deployments if d.sentence not in article.suspicious
    ]
    lead = [judgements[0].lead] if judgements else body[:1]
    posture_ids = _known([sid for j in judgements for sid in j.posture][:3] or military[:2], article)
    outlook_ids = _known([sid for j in judgements for sid in j.outlook][:3] or diplomatic[:2], article)
    posture = ForcePosture(
        assessment=_text_of(article, posture_ids) or "The article describes no military activity.",
        trend=_vote([j.trend for j in judgements], "unclear"),
        deployments=[d for d in deployments if pruner.keep("deployment", d, d.asset)],
        evidence=posture_ids,
    )
    outlook = DiplomaticOutlook(
        assessment=_text_of(article, outlook_ids) or "The article describes no diplomatic activity.",
        trajectory=_vote([j.trajectory for j in judgements], "unclear"), evidence=outlook_ids,
    )
    speakers = sorted({c.speaker for c in claims if c.speaker})
    quoted = sum(1 for c in claims if c.quote)
    return {
        "bottom_line": _with_refs(_text_of(article, _known(lead, article)), _known(lead, article)),
        "key_actors": actors, "claims": claims, "force_posture": posture, "diplomatic_outlook": outlook,
        "confidence": Confidence(
            level=_vote([j.confidence for j in judgements], "low"),
            reason=f"{len(claims)} attributed statements from {len(speakers)} named sources, {quoted} quoted "
            "verbatim; text is quoted from the article and the small model only classified it.",
        ),
        "gaps": _gaps(article, found, claims),
    }


def _kind(label: str, picked: str | None) -> Any:
    """People and places by their NER label; organisations as the model classed them."""
    if label == "PERSON":
        return "person"
    if label == "GPE":
        return "state"
    return picked if picked in {"government", "military", "international organisation", "non-state armed group",
                                "analyst/media"} else "other"


def _words_in(phrase: str, cited: str) -> bool:
    """True when every content word of `phrase` occurs in `cited` (lower-cased)."""
    words = [w for w in re.findall(r"[a-z]{4,}", phrase.lower())]
    return bool(words) and all(w in cited for w in words) and not re.search(r"\d", phrase)


def _spread(speech: list[Any], most: int) -> list[Any]:
    """Up to `most` statements, every speaker's first one before anyone's second, in article order."""
    firsts: list[Any] = []
    rest: list[Any] = []
    seen: set[str] = set()
    for item in speech:
        (rest if item.speaker in seen else firsts).append(item)
        seen.add(item.speaker)
    chosen = (firsts + rest)[:most]
    return sorted(chosen, key=lambda item: int(item.sentence[1:]))


def _vote(labels: list[Any], default: Any) -> Any:
    """The most common label across windows; the first window wins ties."""
    return Counter(labels).most_common(1)[0][0] if labels else default


def _known(ids: list[str], article: Article) -> list[str]:
    """Ids that exist, in order, without repeats."""
    return [sid for i, sid in enumerate(ids) if article.sentence(sid) and sid not in ids[:i]]


def _gaps(article: Article, evidence: Evidence, claims: list[Claim]) -> list[str]:
    """What the article leaves open, found by rule: unsourced figures and unnamed sources."""
    attributed = {sid for c in claims for sid in c.evidence}
    unsourced = [
        sid for sid in evidence.military
        if sid not in attributed and sid not in article.suspicious and any(ch.isdigit() for ch in _text_of(article, [sid]))
    ]
    gaps = []
    if article.suspicious:
        flagged = sorted(article.suspicious, key=lambda sid: int(sid[1:]))
        gaps.append(f"Text addressed to a model rather than readers was ignored: {', '.join(flagged[:6])}.")
    if unsourced:
        gaps.append(f"Figures given without a source: {', '.join(unsourced[:4])}.")
    # A speaker that is no named entity is a plural noun: "Analysts warn", "officials said".
    unnamed = [s.sentence for s in evidence.speech if s.speaker and evidence.entity(s.speaker) is None]
    if unnamed:
        gaps.append(f"Claims from unnamed sources: {', '.join(unnamed[:4])}.")
    if not claims:
        gaps.append("No statement in the article is attributed to a named source.")
    return gaps
