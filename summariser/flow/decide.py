"""Policy: the decisions of the embedded default that were tuned on the analysts' answer keys.

The evidence layer finds facts (cue words, entities, speech); this module
decides from them: the trend and the trajectory, the sentences that decide
them, which names are key actors, which speakers name someone, and the bottom
line. Every tuned number is a named constant with the figure that chose it;
"the keys" are the 37 development keys in tests/data/corpus/gold/ (the
README's ablation, `python benchmarks/answer_keys.py`). They were chosen on
those same keys: expect less on articles the rules were not written on.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import cast

from ..briefing.model import Trajectory, Trend
from ..briefing.names import holds, names_one
from ..evidence import Entity, Evidence, Speech
from ..evidence.cues import Cue
from ..evidence.entities import TITLE_WORDS
from ..lexicon.kinds import FACILITY_HEADS, THING_HEADS
from ..lexicon.names import CONNECTING
from ..lexicon.speech import GROUP_NOUNS, INSTITUTION_NOUNS, REPORT_NOUNS, TITLE_NOUNS
from ..text import Article, by_position
from .kinds import kind_of

# ---------------------------------------------------------------- labels

# A label needs at least this many sentences that say so; fewer abstain (`unclear`). Picked among 2-4 on the keys
# with the margins below: trend 24 right / 2 wrong, trajectory 21 / 2.
LEAST_CUES = 3
# Escalating (de-escalating) needs this many times as many military sentences as say the opposite (trend 24 / 2).
TREND_MARGIN = 3
# A trajectory needs this many times the sentences of any other reading (trajectory 21 / 2).
TRAJECTORY_MARGIN = 2
# A diplomatic cue in the headline or the lead counts this many times, where news states its main development:
# trajectory 21 right / 2 wrong against 19 / 3 unweighted; on the trend it cost a wrong label, so the trend counts
# every sentence once.
LEAD_WEIGHT = 3
# Diplomacy in at least this many sentences that moves neither way is `stalled`; with less it is `unclear`
# (constant `stalled` is wrong on 3 keys, constant `unclear` on 4: the default chose the fewer wrong).
STALLED_FROM = 3
# The sentences cited for a label: the first few that decide it.
DECIDING_MOST = 3


def _counts(cues: list[Cue], ids: set[str], lead: frozenset[str] = frozenset()) -> Counter[str]:
    """Sentences (among `ids`) with a cue for each reading, a sentence once per reading (LEAD_WEIGHT times
    in the `lead`)."""
    counts: Counter[str] = Counter()
    for sid, reading in {(c.sentence, c.reading) for c in cues if c.sentence in ids}:
        counts[reading] += LEAD_WEIGHT if sid in lead else 1
    return counts


def decide_trend(cues: list[Cue], military: list[str]) -> Trend:
    """The force-posture trend: escalating (or de-escalating) when at least LEAST_CUES military sentences say so
    and TREND_MARGIN times as many as say the opposite; else `unclear`."""
    counts = _counts(cues, set(military))
    up, down = counts["escalating"], counts["de-escalating"]
    if up >= LEAST_CUES and up >= TREND_MARGIN * down:
        return "escalating"
    if down >= LEAST_CUES and down >= TREND_MARGIN * up:
        return "de-escalating"
    return "unclear"


def decide_trajectory(cues: list[Cue], diplomatic: list[str], lead: frozenset[str] = frozenset()) -> Trajectory:
    """The diplomatic trajectory: the reading of at least LEAST_CUES diplomatic sentences (those in the `lead`
    weigh more) when it has TRAJECTORY_MARGIN times as many as any other; else `stalled` when the article has
    diplomacy (STALLED_FROM sentences) that moves neither way; else `unclear`."""
    counts = _counts(cues, set(diplomatic), lead)
    ranked = [(r, n) for r, n in counts.most_common() if r in {"improving", "deteriorating", "stalled"}]
    if ranked and ranked[0][1] >= LEAST_CUES and (len(ranked) == 1 or ranked[1][1] * TRAJECTORY_MARGIN <= ranked[0][1]):
        return cast(Trajectory, ranked[0][0])
    if len(diplomatic) >= STALLED_FROM:
        return "stalled"
    return "unclear"


def deciding(cues: list[Cue], ids: list[str], readings: set[str]) -> list[str]:
    """The first sentences (among `ids`) whose cues support one of `readings`: those that decide a label."""
    chosen = list(dict.fromkeys(c.sentence for c in cues if c.reading in readings and c.sentence in ids))
    return chosen[:DECIDING_MOST]


# ---------------------------------------------------------------- the bottom line

# The bottom line is the body's first sentences: three carry 0.725 of the key facts, one 0.518, two 0.640 (Lead-3 of
# the whole article 0.671); they are also "the lead" whose names weigh more in `salient`.
LEAD_SENTENCES = 3


def bottom_line(article: Article, body: list[str]) -> str:
    """The article's lead: the first LEAD_SENTENCES sentences of its body (page furniture, headlines and bylines
    are not body sentences), cited. On the keys it carries more key facts than any sentence the small model
    picks (see the README)."""
    lead = article.known(body[:LEAD_SENTENCES]) or article.known(article.ids[:1])
    text = article.text_of(lead).strip()
    return f"{text} [{', '.join(lead)}]" if lead else text


# ---------------------------------------------------------------- actors

# Key actors: the most salient names, this many (required actors 143/156 alone, 150/156 with the claims' speakers;
# listing 12 would not beat 8 with the speakers).
MAX_ACTORS = 8
# Salience: mentions, plus this much for one who speaks and for one in the headline or the lead (picked with
# MAX_ACTORS on the keys: required actors 0.962).
SPEAKER_WEIGHT = 2
LEAD_NAME_WEIGHT = 2
# Statements per window of the sections flow, and per article however many windows (a long article's claims table
# stays readable).
MAX_CLAIMS = 8
MAX_CLAIMS_ARTICLE = 24


def salient(article: Article, pool: list[Entity], speech: list[Speech], evidence: Evidence) -> list[Entity]:
    """The named entities by how much the article is about them: mentions, SPEAKER_WEIGHT more for one who speaks,
    LEAD_NAME_WEIGHT more for one in the headline or the lead. Only parties count: a name that speaks or takes part
    in what a sentence says (evidence/entities.py's `party`: not a place that only locates events, a credit, a
    thing's name before a noun; an outlet only when it speaks; a title alone). A name mentioned once counts only if it
    speaks, acts (is a clause's subject: "Vladimir Putin deployed") or is in the lead; a name only in headline lines
    not at all (a headline's capitals make the tagger take any run of words for a name)."""
    lead = set(article.body_ids()[:LEAD_SENTENCES])
    first, headline = (article.sentences[0].id, article.sentences[0].text) if article.sentences else ("", "")
    speakers = {e.name if (e := evidence.entity(s.speaker)) else s.speaker for s in speech if s.speaker}

    def untagged(e: Entity) -> bool:  # a headline's capitals often hide a name from the tagger: read its forms
        forms = e.forms | ({f.split()[-1] for f in e.forms} if e.label == "PERSON" else set())
        return first not in e.sentences and any(holds(headline, f) for f in forms)

    def mentions(e: Entity) -> int:
        return e.mentions + untagged(e)

    def weight(e: Entity) -> int:
        in_lead = bool((lead | {first}) & set(e.sentences) or untagged(e))
        return mentions(e) + SPEAKER_WEIGHT * (e.name in speakers) + LEAD_NAME_WEIGHT * in_lead

    ranked = sorted(pool, key=weight, reverse=True)  # stable: the evidence layer's order breaks ties
    body = set(article.body_ids())  # a name only in headline lines is as likely a headline's capitals
    def party(e: Entity) -> bool:  # an outlet is an actor when it is a source (speaks), not when it does newsroom
        # work ("Newsweek reached out for comment"); a body's name before a noun names it ("the ASEAN summit"), a
        # thing's does not; a law, a meeting or a war is no party ("Taiwan Relations Act")
        if e.label != "PERSON" and _head(e.name) in THING_HEADS:
            return False
        if all(w in TITLE_WORDS for w in e.name.lower().split()):
            return False  # a title without a name ("The MEP also pointed out"): the person it names is the actor
        if e.label == "PERSON" and _head(e.name) in FACILITY_HEADS and e.name not in speakers:
            return False  # a building the tagger took for a person ("Albert Square"); a body's ("Wedgwood Museum") stays
        kind = kind_of(e)
        taking = [] if kind == "analyst/media" else e.parties + (e.modifies if kind not in {"other", "person", "state"} else [])
        return e.name in speakers or (bool(body & set(taking)) and not e.place)

    return [e for e in ranked if body & set(e.sentences) and party(e) and (
        mentions(e) > 1 or e.name in speakers or lead & set(e.sentences) or body & set(e.acts))]


def _head(name: str) -> str:
    """A name's head word: its last, or the last before "of", "for" or "on" ("Treaty of Versailles": treaty;
    "Institute for the Study of War": institute)."""
    return re.split(r"\s(?:of|for|on)\s", name.lower())[0].split()[-1]


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
            out.append(entity or Entity(speaker, "ORG", {speaker}, by_position(set(cited))))
    return out


def is_name(phrase: str) -> bool:
    """A speaker that names someone ("Downing Street", "Igor Kimakovsky", "Russian embassy"), not a group or
    a title or a document alone ("officials", "Authorities", "a spokesman", "Reports"): those are sources, not
    actors."""
    words = phrase.split()
    if not words or not words[0][:1].isupper():
        return False
    head = words[-1].lower()
    if len(words) > 1 and head in INSTITUTION_NOUNS:
        return True
    singular = re.sub(r"(?:(?<=ss|sh|ch)|(?<=x))es$|(?<!s)s$", "", re.sub(r"ies$", "y", head))  # "Witnesses": witness
    return all(w[:1].isupper() for w in words if w.lower() not in CONNECTING) and \
        singular not in GROUP_NOUNS | TITLE_NOUNS | REPORT_NOUNS


# `summarise check`: a summary sentence is not stated when it adds more than MOST_ADDED content words that the article
# sentences it aligns to lack, or more than MOST_NEW that the whole article never uses (a name, number, time or
# contradiction decides it on its own). Chosen on half A of FRANK's validation split (articles whose name's SHA-256 is
# even; `benchmarks/frank.py`) as the pair whose worst of pooled, CNN/DM and XSum balanced accuracy is highest
# (0.758 / 0.617 / 0.697 there; half B: 0.721 / 0.615 / 0.612). A common noun the whole article never uses decides it
# alone (checks.py; from one half-A summary, "acts just like a boa": half A 0.796 -> 0.819 pooled, half B 0.764 -> 0.783).
MOST_ADDED = 4
MOST_NEW = 1

# The digest's pairs found by rule (matters.py): the least score a contradiction (shared rare words' weight, 2 per
# shared kind of matter, the strength of the claim and of the denial) and an agreement (shared words' weight, 3 per
# shared figure, 2 per rarely named party) must reach to be listed. Chosen on three development clusters
# (shared/corpus/clusters: gershkovich-detention, black-sea-grain-deal-odesa-strikes, sanctions-effectiveness-dispute,
# the three whose name's SHA-256 is lowest); benchmarks/clusters.py reports all five.
MIN_CONTRADICTION = 6.0
MIN_AGREEMENT = 6.0
# At most this many of each relation in a digest, the best first: a report, not a list of every pair.
MAX_PAIRINGS = 8
# With a model judge, this many candidate pairs go to it, in one request: up to JUDGE_CONTRADICTIONS contradictions
# (at half the floor), the agreements, then pairs on the same matter whatever their stance; the judge drops what is
# unrelated, so the rules' cap need not cut what it could confirm. Labelled pairs among them, tuned clusters
# (benchmarks/clusters.py): with the rules' 8 and 8, contradictions 3 of 7, agreements 2 of 10; with 16
# contradictions and 24 pairs in all, 4 and 5; 32 in all, 5 and 5 (all five clusters: 3 → 6 → 7 of 17
# contradictions, 5 → 9 → 9 of 20 agreements). 32 pairs are about 3,000 tokens of prompt.
JUDGE_CONTRADICTIONS = 16
JUDGE_CANDIDATES = 32
TUNED_CLUSTERS = ("gershkovich-detention", "black-sea-grain-deal-odesa-strikes", "sanctions-effectiveness-dispute")
