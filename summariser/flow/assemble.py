"""Assemble: the briefing's parts from verified answers and the evidence layer, one function per part.

In the sections flow statements and assessments are the article's own
sentences; the small model only chose among them and labelled them.
"""

from __future__ import annotations

import re
from typing import Any, cast

from ..briefing.model import (
    Actor,
    Claim,
    Confidence,
    Deployment,
    DiplomaticOutlook,
    ForcePosture,
    Stance,
)
from ..briefing.names import name_problem, norm
from ..briefing.verify import Verifier
from ..evidence import Entity, Evidence, Speech, title_of
from ..evidence.entities import STATES
from ..lexicon.names import NATION_ADJECTIVE
from ..lexicon.stances import DEMONYMS
from ..text import Article, by_position, position
from .decide import MAX_ACTORS, decide_trajectory, decide_trend, deciding, speaking
from .kinds import kind_of

NO_ASSESSMENT = "(assessment dropped: not supported by the article)"


def with_refs(text: str, ids: list[str]) -> str:
    """Text ending in its `[S1, S2]` citations."""
    return f"{text.strip()} [{', '.join(ids)}]" if ids else text.strip()


def named(asset: str) -> bool:
    """True when an asset names a unit or a system ("Ahrar al-Sham brigade", "Cyber Troops"), not only a
    nation's forces ("Russian helicopters", "forces"): a deployment row needs that, a quantity or a place."""
    return any(w[:1].isupper() and not re.search(NATION_ADJECTIVE, w) for w in asset.split())


def spread(speech: list[Speech], most: int) -> list[Speech]:
    """Up to `most` statements, every speaker's first one before anyone's second, in article order."""
    firsts: list[Speech] = []
    rest: list[Speech] = []
    seen: set[str | None] = set()
    for item in speech:
        (rest if item.speaker in seen else firsts).append(item)
        seen.add(item.speaker)
    chosen = (firsts + rest)[:most]
    return sorted(chosen, key=lambda item: position(item.sentence))


def actors(article: Article, ranked: list[Entity], verifier: Verifier, evidence: Evidence,
           claims: list[Claim]) -> list[Actor]:
    """The most salient names, up to eight, then the claims' speakers they leave out; kinds and roles as the
    article gives them (a role is empty where it gives none)."""
    out: list[Actor] = []
    top = ranked[:MAX_ACTORS]
    said: dict[str, list[str]] = {}
    for claim in claims:
        said.setdefault(claim.speaker or "", []).extend(claim.evidence)
    listed = top + speaking(said, evidence, top)
    for entity in listed:
        usable = [sid for sid in entity.sentences if sid not in article.aside]
        # Cite sentences that use this name itself before those that use an alias ("Washington").
        cites = sorted(usable, key=lambda sid: entity.name.lower() not in article.text_of([sid]).lower())[:3]
        cites = by_position(cites)
        role = title_of(article, entity) or ""
        actor = Actor(name=entity.name, kind=kind_of(entity, role), role=role, evidence=cites,
                      affiliation=affiliation(role, entity, listed, evidence))
        if verifier.keep("actor", actor, actor.name):
            out.append(actor)
    return out


def affiliation(role: str, entity: Entity, others: list[Entity], evidence: Evidence) -> str | None:
    """Whom an actor's role says it belongs to, by a name the article uses: in a title, the listed body or state it
    names nearest its head ("NATO Secretary General": NATO; "Minnesota U.S. Attorney": U.S.) or the state of a
    nation's adjective or name ("Russian President", "Chancellor of Germany", where the article names the state);
    in an apposition, the body after a closing "at", "for" or "with" ("the director of Russia Studies at the Center
    of Naval Analyses"). None where the role says none: the other words of an apposition name relations, not
    membership ("the daughter of …", "the parent company of …")."""
    if re.match(r"(?:the|a|an)\s", role, re.IGNORECASE):
        if re.search(r"\b(?:who|whom|which|that)\b", role):
            return None  # a clause ("the horse whom he owns with …") says what it does, not whose it is
        m = re.search(r"\b(?:at|for|with)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of|for|and|the|[A-Z][\w'’.-]*))*)$",
                      role)
        named = evidence.entity(m.group(1)) if m else None
        return m.group(1) if m and (named is None or named.label != "PERSON") else None
    found: list[tuple[int, str]] = []
    for other in others:
        if other is not entity and other.label != "PERSON":
            found += [(m.start(), other.name) for f in other.forms if f.lower() not in DEMONYMS
                      for m in re.finditer(rf"\b{re.escape(f)}(?![\w-])", role)]
    for m in re.finditer(r"[A-Z][\w.]*", role):  # "Russian President", "Former Chancellor of Germany"
        word = m.group().lower()
        state = DEMONYMS.get(word) or (word if word in STATES else None)
        if state and (named := evidence.entity(state)) is not None and named is not entity:
            found.append((m.start(), named.name))
    return max(found)[1] if found else None


def claims(
    article: Article, evidence: Evidence, speech: list[Speech], stances: dict[str, Any], most: int,
    verifier: Verifier,
) -> list[Claim]:
    """Statements as the article's sentences, spread over speakers; "he said" also cites where he is named."""
    out: list[Claim] = []
    for item in spread(speech, most):
        assert item.speaker is not None
        cites = [item.sentence]
        said = article.sentence(item.sentence)
        if said and name_problem(item.speaker, article, norm(said.text)):
            named = evidence.entity(item.speaker)
            earlier = [sid for sid in (named.sentences if named else []) if position(sid) < position(item.sentence)]
            cites = ([earlier[-1]] if earlier else []) + cites
        claim = Claim(
            statement=said.text if said else "", speaker=item.speaker,
            attribution="direct quote" if item.quote else "reported speech", quote=item.quote,
            # The verb's stance where it gives one ("warned"), else the small model's pick
            stance=cast(Stance, item.stance_in(said.text if said else "")) or stances.get(item.sentence, "neutral"),
            evidence=cites, basis="extracted",
        )
        if verifier.keep("claim", claim, claim.statement):
            out.append(claim)
    return out


def posture(article: Article, evidence: Evidence, judgements: list[Any], military: list[str],
            verifier: Verifier) -> ForcePosture:
    """The trend its cue words decide, told by the body sentences that decide it (else the chosen military
    sentences), and the deployments the evidence layer found."""
    trend = decide_trend(evidence.cues, evidence.military)
    chosen = [sid for j in judgements for sid in j.posture][:3] or military[:2]
    ids = article.known(deciding(evidence.cues, military, {trend}) or chosen)[:3]
    deployments = [
        Deployment(asset=d.asset, quantity=d.quantity, location=d.location, evidence=[d.sentence])
        for d in evidence.deployments if d.sentence not in article.aside and (d.quantity or d.location or named(d.asset))
    ]
    return ForcePosture(
        assessment=article.text_of(ids) or "The article describes no military activity.", trend=trend,
        deployments=[d for d in deployments if verifier.keep("deployment", d, d.asset)], evidence=ids,
    )


def outlook(article: Article, evidence: Evidence, judgements: list[Any], diplomatic: list[str]) -> DiplomaticOutlook:
    """The trajectory its cue words decide, told by the body sentences that decide it (else the chosen
    diplomatic sentences)."""
    trajectory = decide_trajectory(evidence.cues, evidence.diplomatic, article.lead_ids())
    chosen = [sid for j in judgements for sid in j.outlook][:3] or diplomatic[:2]
    ids = article.known(deciding(evidence.cues, diplomatic, {trajectory}) or chosen)[:3]
    return DiplomaticOutlook(
        assessment=article.text_of(ids) or "The article describes no diplomatic activity.",
        trajectory=trajectory, evidence=ids,
    )


def confidence(claims: list[Claim]) -> Confidence:
    """Low, with the reason in figures: the small model cannot judge sourcing (asked, it answered "low" for all 88
    articles recorded until 2026-12-04), and no rule was measured against an analyst's level."""
    speakers = sorted({c.speaker for c in claims if c.speaker})
    quoted = sum(1 for c in claims if c.quote)
    return Confidence(
        level="low",
        reason=f"{len(claims)} attributed statements from {len(speakers)} named sources, {quoted} quoted "
        "verbatim; text is quoted from the article and the small model only classified it, so the level is "
        "not rated above low.",
    )


def flagged_gap(article: Article) -> list[str]:
    """The gap that says which sentences were addressed to a model and ignored (none when there are none)."""
    if not article.suspicious:
        return []
    return [f"Text addressed to a model rather than readers was ignored: {', '.join(by_position(article.suspicious)[:6])}."]


def gaps(article: Article, evidence: Evidence, claims: list[Claim]) -> list[str]:
    """What the article leaves open, found by rule: unsourced figures and unnamed sources."""
    attributed = {sid for c in claims for sid in c.evidence}
    unsourced = [
        sid for sid in evidence.military
        if sid not in attributed and sid not in article.aside and any(ch.isdigit() for ch in article.text_of([sid]))
    ]
    out = flagged_gap(article)
    if unsourced:
        out.append(f"Figures given without a source: {', '.join(unsourced[:4])}.")
    # A speaker that is no named entity is a plural noun: "Analysts warn", "officials said".
    unnamed = [s.sentence for s in evidence.speech if s.speaker and evidence.entity(s.speaker) is None]
    if unnamed:
        out.append(f"Claims from unnamed sources: {', '.join(unnamed[:4])}.")
    if not claims:
        out.append("No statement in the article is attributed to a named source.")
    return out


# ---------------------------------------------------------------- the one-call flow


def from_drafts(drafts: list[Any], verifier: Verifier) -> dict[str, Any]:
    """The briefing's parts from one draft per window: items deduplicated across windows, then verified."""
    first = drafts[0]
    found_actors: dict[str, Actor] = {}
    found_claims: dict[tuple[str, str], Claim] = {}
    for draft in drafts:
        for a in draft.key_actors:
            if a.name.casefold() not in found_actors and verifier.keep("actor", a, a.name):
                found_actors[a.name.casefold()] = Actor(**{**a.model_dump(), "evidence": verifier.grounds(a)})
        for c in draft.claims:
            key = (str(c.speaker).casefold(), ",".join(c.evidence))
            if key not in found_claims and verifier.keep("claim", c, c.statement):
                found_claims[key] = Claim(**{**c.model_dump(), "evidence": verifier.grounds(c),
                                             "added": verifier.added(c, "statement")})
    drafted = first.force_posture.model_copy(
        update={"deployments": [d for draft in drafts for d in draft.force_posture.deployments][:8]}
    )
    return {
        **_summary_parts(first, verifier), "key_actors": list(found_actors.values()),
        "claims": list(found_claims.values()), "force_posture": _drafted_posture(drafted, verifier),
        "diplomatic_outlook": _drafted_outlook(first.diplomatic_outlook, verifier),
    }


def _summary_parts(draft: Any, verifier: Verifier) -> dict[str, Any]:
    """Bottom line (with its citations), confidence and gaps from a summary draft."""
    if (summary := verifier.kept("bottom_line", draft)) is not None:
        bottom = with_refs(summary.bottom_line, verifier.grounds(summary))
    else:
        bottom = "No bottom line: the model's summary was not supported by the article (see verification)."
    return {
        "bottom_line": bottom,
        "confidence": Confidence(level=draft.confidence.level, reason=draft.confidence.reason),
        "gaps": flagged_gap(verifier.article) + [g.strip() for g in draft.gaps
                                                  if g.strip() and verifier.keep_text("gaps", g)],
    }


def _drafted_posture(draft: Any, verifier: Verifier) -> ForcePosture:
    deployments = [Deployment(**d.model_dump()) for d in draft.deployments if verifier.keep("deployment", d, d.asset)]
    grounded = verifier.kept("force_posture", draft.model_copy(update={"deployments": []}), "assessment")
    return ForcePosture(
        assessment=grounded.assessment if grounded else NO_ASSESSMENT,
        trend=draft.trend, deployments=deployments, evidence=verifier.grounds(grounded) if grounded else [],
    )


def _drafted_outlook(draft: Any, verifier: Verifier) -> DiplomaticOutlook:
    grounded = verifier.kept("diplomatic_outlook", draft, "assessment")
    return DiplomaticOutlook(
        assessment=grounded.assessment if grounded else NO_ASSESSMENT,
        trajectory=draft.trajectory,
        channels=[c.strip() for c in draft.channels if c.strip() and verifier.keep_text("channels", c)],
        evidence=verifier.grounds(grounded) if grounded else [],
    )
