"""One article's evidence: actors, speech, deployments and the sentences on military and diplomatic matters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon.topics import DIPLOMATIC_WORDS, MILITARY_WORDS
from ..text.parse import parse
from ..text.segment import position
from .cues import Cue, find_cues
from .deployments import Deploy, find_deployments
from .entities import Entity, cluster
from .speech import Speech, authors_speech, find_speech

if TYPE_CHECKING:
    from ..text import Article


@dataclass
class Evidence:
    """Everything the evidence layer found in one article."""

    entities: list[Entity]
    speech: list[Speech]
    military: list[str]
    deployments: list[Deploy]
    diplomatic: list[str] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)  # the words that decide the trend and the trajectory

    def entity(self, name: str) -> Entity | None:
        """The entity with this canonical name or form."""
        low = name.lower()
        return next((e for e in self.entities if low in {f.lower() for f in e.forms}), None)

    def speakers(self, ids: list[str]) -> set[str]:
        """The speakers resolved in these sentences (grounding's `Speakers`)."""
        return {s.speaker for s in self.speech if s.sentence in ids and s.speaker}

    def one_actor(self, name: str, other: str) -> bool:
        """Whether `other` names the entity that `name`, or its last word, names (grounding's `Speakers`)."""
        entity = self.entity(name) or self.entity(name.split()[-1])
        return entity is not None and self.entity(other) is entity


def topics(article: Article) -> tuple[list[str], list[str]]:
    """Ids of the sentences about military and about diplomatic matters, by keyword (no spaCy needed)."""
    military, diplomatic = [], []
    for sent in article.sentences:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", sent.text)}
        if len(words) < 4:
            continue
        if words & MILITARY_WORDS:
            military.append(sent.id)
        if words & DIPLOMATIC_WORDS:
            diplomatic.append(sent.id)
    return military, diplomatic


def analyse(article: Article) -> Evidence:
    """Run the evidence layer over an article."""
    doc = parse(article.text)
    sentence_of = {}
    for s in article.sentences:
        sentence_of.update({i: s.id for i in range(s.start, s.end)})
    entities, mentions = cluster(doc, sentence_of)
    speech = find_speech(article, doc, entities, mentions)
    speech = sorted(speech + authors_speech(article, doc, speech, article.body_ids()), key=lambda s: position(s.sentence))
    ranked = sorted(entities.values(), key=lambda e: (-e.mentions, position(e.sentences[0]) if e.sentences else 0))
    military, diplomatic = topics(article)
    return Evidence(ranked, speech, military, find_deployments(article, doc, military), diplomatic,
                    find_cues(doc, sentence_of))
