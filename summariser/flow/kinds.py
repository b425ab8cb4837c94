"""An actor's kind as the text says it: its entity label, the words of its name, and what the article calls it."""

from __future__ import annotations

import re
from typing import cast

from ..briefing.model import ActorKind
from ..evidence.entities import STATES, Entity
from ..lexicon.kinds import ARMED_GROUPS, FACILITY_HEADS, INTERNATIONAL, KIND_NOUNS, KIND_SKIP, PERSON_NOUNS
from ..lexicon.stances import DEMONYMS


def _by_noun(words: list[str]) -> ActorKind | None:
    """The kind the first of `words` that says one gives."""
    for word in words:
        for kind, nouns in KIND_NOUNS.items():
            if word in nouns:
                return cast(ActorKind, kind)
    return None


def _by_role(role: str) -> ActorKind | None:
    """The kind an apposition's head noun (its last word before a preposition or clause) says: "a Lebanese news
    channel" a body's, "a member of the survey team" or "a 40-year-old Muscovite" a person, "the German arms
    maker" none. A title before a name ("US Navy") is no apposition."""
    head = re.split(r"\s(?:of|at|in|for|with|from|on|by|to|who|which|that|and)\s", role.lower())[0]
    words = re.findall(r"[\w'’-]+", head)
    if len(words) < 2 or not (words[0] in {"the", "a", "an"} or words[0].endswith(("'s", "’s"))):  # "Russia's envoy"
        return None
    if words[-1] in PERSON_NOUNS or re.search(r"\d+-year-old", head):
        return "person"
    return _by_noun(words[-1:])


def kind_of(entity: Entity, role: str = "") -> ActorKind:
    """International organisations and armed groups by name; a state by its place label or its demonym; a
    body by the nouns of its name (the last first: "Russian Defense Ministry", then "Ministry of Defence"; "WSJ" by
    its fuller form "Wall Street Journal") or else by the noun the article calls it ("the newspaper Bild") or its
    apposition (`role`); a person by the person label (not a building's name: "Chelmsford Prison"); else other."""
    forms = {f.lower() for f in entity.forms} | {entity.name.lower()}
    if forms & INTERNATIONAL:
        return "international organisation"
    if forms & ARMED_GROUPS:
        return "non-state armed group"
    singular = forms | {f.removesuffix("s") for f in forms}  # "Americans"
    if entity.label == "GPE" or singular & set(DEMONYMS):
        # "the Kremlin", "the Pentagon": a government by its seat; "South Yorkshire Police" by its last word
        seat = _by_noun([entity.name.lower(), entity.name.lower().split()[-1]])
        if seat in ("government", "military"):
            return seat
        # A country, a capital standing for it or a nation's people is a state; a city or a province a party
        # only as a place ("Minnesota", "Boston"): other (answer keys' GUIDE.md: a country is a state)
        return "state" if singular & STATES else "other"
    words = [w for w in entity.name.lower().replace("’", "'").split() if w not in KIND_SKIP]
    # Not "Flight 9525", nor "Chelmsford Prison": a person's name holds no digit and does not end in a building
    person = entity.label == "PERSON" and not any(c.isdigit() for c in entity.name) \
        and not FACILITY_HEADS.intersection(words[-1:])
    named = None if person else _by_noun([" ".join(words[-2:]), *words[-1:], *words[:-1]])  # "Central Bank"
    if not person and not named:  # "WSJ", written out elsewhere as "Wall Street Journal": by the fuller form's last word
        named = _by_noun([f.split()[-1] for f in sorted(forms, key=len, reverse=True) if len(f.split()) > 1])
    if named and named != "other":
        return named
    called = _by_noun([noun for noun, _ in entity.described.most_common()])
    if person:  # "Marseille prosecutor Brice Robin" is a person; "the tabloid Bild" is not
        return "analyst/media" if called == "analyst/media" else "person"
    # "Natalia Humeniuk, a spokeswoman for ...", "Vadim Krasikov, who ...": a person the tagger took for a body
    # ... or one whose name opens with such a noun as a title ("Lawyer Gankhuugiin Batbayar said")
    said_person = set(entity.described) & PERSON_NOUNS or "who" in entity.described or \
        (len(words) > 1 and words[0] in PERSON_NOUNS)
    return called or named or _by_role(role) or ("person" if said_person else "other")
