"""Assemble: the briefing's parts from verified answers and the evidence layer, one function per part.

In the sections flow statements and assessments are the article's own
sentences; the small model only chose among them and labelled them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..briefing.model import (
    Actor,
    ActorKind,
    Claim,
    Confidence,
    Deployment,
    DiplomaticOutlook,
    ForcePosture,
)
from ..briefing.names import holds, name_problem, names_one, norm
from ..briefing.verify import Verifier
from ..evidence import Entity, Evidence, Speech, title_of
from ..evidence.cues import decide_trajectory, decide_trend, deciding
from ..evidence.lexicon import GROUP_NOUNS, INSTITUTION_NOUNS, TITLE_NOUNS
from ..text import Article

MAX_ACTORS_SMALL = 8
MAX_CLAIMS_SMALL = 8
LEAD_SENTENCES = 3
CONNECTING = {"of", "for", "the", "and", "on", "de", "la", "al"}  # the small words inside a proper name
NO_ASSESSMENT = "(assessment dropped: not supported by the article)"


def with_refs(text: str, ids: list[str]) -> str:
    """Text ending in its `[S1, S2]` citations."""
    return f"{text.strip()} [{', '.join(ids)}]" if ids else text.strip()


def kind(label: str, picked: str | None) -> ActorKind:
    """People and places by their NER label; organisations as the model classed them."""
    if label == "PERSON":
        return "person"
    if label == "GPE":
        return "state"
    organisations: dict[str, ActorKind] = {"government": "government", "military": "military",
                                           "international organisation": "international organisation",
                                           "non-state armed group": "non-state armed group",
                                           "analyst/media": "analyst/media"}
    return organisations.get(picked or "", "other")


def words_in(phrase: str, cited: str) -> bool:
    """True when every content word of `phrase` occurs in `cited` (lower-cased)."""
    words = re.findall(r"[a-z]{4,}", phrase.lower())
    return bool(words) and all(w in cited for w in words) and not re.search(r"\d", phrase)


def spread(speech: list[Speech], most: int) -> list[Speech]:
    """Up to `most` statements, every speaker's first one before anyone's second, in article order."""
    firsts: list[Speech] = []
    rest: list[Speech] = []
    seen: set[str | None] = set()
    for item in speech:
        (rest if item.speaker in seen else firsts).append(item)
        seen.add(item.speaker)
    chosen = (firsts + rest)[:most]
    return sorted(chosen, key=lambda item: int(item.sentence[1:]))


def vote(labels: list[Any], default: Any) -> Any:
    """The most common label across windows; the first window wins ties."""
    return Counter(labels).most_common(1)[0][0] if labels else default


def known(ids: list[str], article: Article) -> list[str]:
    """Ids that exist, in order, without repeats."""
    return [sid for i, sid in enumerate(ids) if article.sentence(sid) and sid not in ids[:i]]


def salient(article: Article, pool: list[Entity], speech: list[Speech], evidence: Evidence) -> list[Entity]:
    """The named entities by how much the article is about them: mentions, two more for one who speaks,
    two more for one in the headline or the lead. A name mentioned once counts only if it speaks, acts (is
    a clause's subject: "Vladimir Putin deployed") or is in the lead; a name only in headline lines not at all
    (a headline's capitals make the tagger take any run of words for a name)."""
    lead = set(article.body_ids()[:LEAD_SENTENCES])
    first, headline = (article.sentences[0].id, article.sentences[0].text) if article.sentences else ("", "")
    speakers = {e.name if (e := evidence.entity(s.speaker)) else s.speaker for s in speech if s.speaker}

    def untagged(e: Entity) -> bool:  # a headline's capitals often hide a name from the tagger: read its forms
        forms = e.forms | ({f.split()[-1] for f in e.forms} if e.label == "PERSON" else set())
        return first not in e.sentences and any(holds(headline, f) for f in forms)

    def mentions(e: Entity) -> int:
        return e.mentions + untagged(e)

    def weight(e: Entity) -> int:
        return mentions(e) + 2 * (e.name in speakers) + 2 * bool((lead | {first}) & set(e.sentences) or untagged(e))

    ranked = sorted(pool, key=weight, reverse=True)  # stable: the evidence layer's order breaks ties
    body = set(article.body_ids())  # a name only in headline lines is as likely a headline's capitals
    return [e for e in ranked if body & set(e.sentences) and (
        mentions(e) > 1 or e.name in speakers or lead & set(e.sentences) or body & set(e.acts))]


def speaking(said: dict[str, list[str]], evidence: Evidence, chosen: list[Entity]) -> list[Entity]:
    """The named speakers (`said`: speaker -> the sentences citing them) that `chosen` leaves out: their
    entities, or for a name the tagger missed ("Downing Street", "Russian embassy") one made from the
    sentences where they speak."""
    out: list[Entity] = []
    for speaker, cited in said.items():
        entity = evidence.entity(speaker)
        if entity is None and not is_name(speaker):
            continue
        name = entity.name if entity else speaker
        if not any(names_one(e.name, name) for e in chosen + out):
            out.append(entity or Entity(speaker, "ORG", {speaker}, sorted(set(cited), key=lambda sid: int(sid[1:]))))
    return out


def is_name(phrase: str) -> bool:
    """A speaker that names someone ("Downing Street", "Igor Kimakovsky", "Russian embassy"), not a group or
    a title alone ("officials", "Authorities", "a spokesman"): those are sources, not actors."""
    words = phrase.split()
    if not words or not words[0][:1].isupper():
        return False
    head = words[-1].lower()
    if len(words) > 1 and head in INSTITUTION_NOUNS:
        return True
    singular = re.sub(r"ies$", "y", head).removesuffix("s")
    return all(w[:1].isupper() for w in words if w.lower() not in CONNECTING) and \
        singular not in GROUP_NOUNS | TITLE_NOUNS


def actors(article: Article, ranked: list[Entity], chosen: dict[str, Any], verifier: Verifier,
           evidence: Evidence, claims: list[Claim]) -> list[Actor]:
    """The most salient names, up to eight, then the claims' speakers they leave out; kinds as the model
    classed them, roles as the article writes them."""
    out: list[Actor] = []
    top = ranked[:MAX_ACTORS_SMALL]
    said: dict[str, list[str]] = {}
    for claim in claims:
        said.setdefault(claim.speaker or "", []).extend(claim.evidence)
    for entity in top + speaking(said, evidence, top):
        pick = chosen.get(entity.name)
        usable = [sid for sid in entity.sentences if sid not in article.suspicious]
        # Cite sentences that use this name itself before those that use an alias ("Washington").
        cites = sorted(usable, key=lambda sid: entity.name.lower() not in article.text_of([sid]).lower())[:3]
        cites.sort(key=lambda sid: int(sid[1:]))
        cited = norm(article.text_of(cites)).lower()
        role = title_of(article, entity) if entity.label == "PERSON" else None
        if role is None and pick and words_in(pick.role, cited):
            role = pick.role.strip()  # the model's phrase, kept only when the cited text uses its words
        actor = Actor(name=entity.name, kind=kind(entity.label, pick.kind if pick else None),
                      role=role or "named in the article", evidence=cites)
        if verifier.keep("actor", actor, actor.name):
            out.append(actor)
    return out


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
            earlier = [sid for sid in (named.sentences if named else []) if int(sid[1:]) < int(item.sentence[1:])]
            cites = ([earlier[-1]] if earlier else []) + cites
        claim = Claim(
            statement=said.text if said else "", speaker=item.speaker,
            attribution="direct quote" if item.quote else "reported speech", quote=item.quote,
            stance=stances.get(item.sentence, "neutral"), evidence=cites, basis="extracted",
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
    ids = known(deciding(evidence.cues, military, {trend}) or chosen, article)[:3]
    deployments = [
        Deployment(asset=d.asset, quantity=d.quantity, location=d.location, evidence=[d.sentence])
        for d in evidence.deployments if d.sentence not in article.suspicious
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
    ids = known(deciding(evidence.cues, diplomatic, {trajectory}) or chosen, article)[:3]
    return DiplomaticOutlook(
        assessment=article.text_of(ids) or "The article describes no diplomatic activity.",
        trajectory=trajectory, evidence=ids,
    )


def bottom_line(article: Article, body: list[str]) -> str:
    """The article's lead: the first three sentences of its body (page furniture, headlines and bylines are
    not body sentences), cited. On the answer keys it carries more key facts than any sentence the small
    model picks (see the README)."""
    lead = known(body[:LEAD_SENTENCES], article) or known(article.ids[:1], article)
    return with_refs(article.text_of(lead), lead)


def confidence(judgements: list[Any], claims: list[Claim]) -> Confidence:
    """The voted level, with the reason in figures."""
    speakers = sorted({c.speaker for c in claims if c.speaker})
    quoted = sum(1 for c in claims if c.quote)
    return Confidence(
        level=vote([j.confidence for j in judgements], "low"),
        reason=f"{len(claims)} attributed statements from {len(speakers)} named sources, {quoted} quoted "
        "verbatim; text is quoted from the article and the small model only classified it.",
    )


def gaps(article: Article, evidence: Evidence, claims: list[Claim]) -> list[str]:
    """What the article leaves open, found by rule: unsourced figures and unnamed sources."""
    attributed = {sid for c in claims for sid in c.evidence}
    unsourced = [
        sid for sid in evidence.military
        if sid not in attributed and sid not in article.suspicious and any(ch.isdigit() for ch in article.text_of([sid]))
    ]
    out = []
    if article.suspicious:
        flagged = sorted(article.suspicious, key=lambda sid: int(sid[1:]))
        out.append(f"Text addressed to a model rather than readers was ignored: {', '.join(flagged[:6])}.")
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
                found_claims[key] = Claim(**{**c.model_dump(), "evidence": verifier.grounds(c)})
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
        "gaps": [g.strip() for g in draft.gaps if g.strip() and verifier.keep_text("gaps", g)],
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
