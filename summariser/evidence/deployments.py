"""Deployments: noun phrases headed by a unit or asset in military sentences, with their number and place."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..lexicon.topics import ASSET_HEADS
from ..text.segment import position

if TYPE_CHECKING:
    from ..text import Article


@dataclass
class Deploy:
    """A unit or asset mentioned in a military sentence."""

    sentence: str
    asset: str
    quantity: str | None
    location: str | None


def find_deployments(article: Article, doc: Any, military: list[str]) -> list[Deploy]:
    """Noun phrases headed by a unit or asset in military sentences, with number and place."""
    found: list[Deploy] = []
    wanted = set(military)
    sentence_at = {s.start: s.id for s in article.sentences}
    starts = sorted(sentence_at)
    for chunk in doc.noun_chunks:  # once over the document: per-sentence noun_chunks re-walks it each time
        at = bisect.bisect_right(starts, chunk.start_char) - 1
        sid = sentence_at[starts[at]] if at >= 0 else None
        if sid not in wanted or sid in article.aside:
            continue  # a headline or crumb line's mention would win the one row per asset, then be left out
        words = [t for t in chunk if t.dep_ != "det" and t.pos_ != "PRON" and not t.is_punct]
        if chunk.root.lemma_.lower() not in ASSET_HEADS or not words:
            continue
        s = article.sentence(sid)
        number = next((t.text for t in chunk if t.like_num), None)
        place = next((e.text for e in chunk.sent.ents if e.label_ in {"GPE", "LOC", "FAC"}
                      and e.start >= chunk.end and s and e.start_char < s.end), None)
        asset = re.sub(r"[“”\"]", "", doc[words[0].i : chunk.end].text).strip()
        found.append(Deploy(sid, asset, number, place))
    # One entry per kind of asset, preferring the mention that gives a number, then one that gives a place too.
    best: dict[str, Deploy] = {}
    for d in sorted(found, key=lambda d: (d.quantity is None, d.location is None)):
        best.setdefault(d.asset.split()[-1].lower().rstrip("s"), d)
    return sorted(best.values(), key=lambda d: position(d.sentence))[:6]


