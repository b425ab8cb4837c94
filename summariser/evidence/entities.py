"""Named entities clustered into actors ("Jens Stoltenberg", "Stoltenberg", "Moscow" as Russia), and people's titles."""

from __future__ import annotations

import contextlib
import os
import re
import signal
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import SummariserError
from ..lexicon.kinds import KIND_NOUNS, KIND_SKIP
from ..lexicon.names import (
    ACTOR_LABELS,
    ADDRESS,
    ALIASES,
    COUNTRIES,
    DATELINE_TAIL,
    HONORIFICS,
    MEDIUM_HEADS,
    NATION_ADJECTIVE,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    ROLE_HEADS,
    STATE_LIKE,
    SURNAME_ENDINGS,
    SURNAME_IA,
    SURNAME_PREFIXES,
    TITLE_ARTICLES,
    TITLE_JOINS,
    TITLE_SKIP,
)
from ..lexicon.speech import TITLE_NOUNS
from ..lexicon.stances import DEMONYMS
from ..text.parse import nlp
from ..text.segment import position

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
    acts: list[str] = field(default_factory=list)  # sentences where it is a clause's subject: it does or says
    described: Counter[str] = field(default_factory=Counter)  # nouns the article calls it: "the newspaper Bild"
    parties: list[str] = field(default_factory=list)  # sentences where it takes part: acts, owns, is acted upon
    modifies: list[str] = field(default_factory=list)  # sentences where it only qualifies a noun: "NATO summit"
    datelined: bool = False  # a story's dateline names it: a place

    def absorb(self, other: Entity) -> None:
        """Take in the mentions of another entity found to name the same actor (an acronym's)."""
        self.forms |= other.forms
        self.form_counts += other.form_counts
        self.described += other.described
        self.mentions += other.mentions
        self.datelined |= other.datelined
        for mine, theirs in ((self.sentences, other.sentences), (self.acts, other.acts),
                             (self.parties, other.parties), (self.modifies, other.modifies)):
            mine += [sid for sid in theirs if sid not in mine]

    @property
    def place(self) -> bool:
        """A name the article calls a town, or a dateline names: a place whatever the tagger took it for. A body
        it calls a region ("ASEAN, a region of 660 million people") is still a body where it acts ("the Odessa port"
        names none)."""
        return self.datelined or ((self.label != "ORG" or not self.acts) and bool(set(self.described) & PLACE_NOUNS))

    def settle_name(self) -> None:
        """A person by the full name; anything else by its most used form, the longer on a tie. Ties between
        forms are broken by the form itself ("Boris Johnson" over "BORIS Johnson"), never by a set's order,
        which changes from one process to the next."""
        if self.label == "PERSON":
            self.name = max(sorted(self.forms), key=lambda f: (len(f), self.form_counts[f], sum(map(str.islower, f))))
        elif self.form_counts:
            self.name = max(self.form_counts, key=lambda f: (self.form_counts[f], len(f)))


def warm() -> None:
    """A worker process's start: below the requests' event loop in priority, spaCy loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle: it stops the workers
    with contextlib.suppress(OSError):
        os.nice(5)
    with contextlib.suppress(SummariserError):  # a missing model is reported by each analysis instead
        nlp()


_ADDRESSED = re.compile(rf"^(?:{'|'.join(sorted(ADDRESS))})\.?\s+(?=[A-Z])")  # "Ms Kunis", "Dr. Venter"
TITLE_WORDS = ROLE_HEADS | TITLE_NOUNS  # what a title before a name is headed by; a name of these alone is none


def _clean(text: str) -> str:
    text = _ADDRESSED.sub("", re.sub(r"^(the|The)\s+", "", text.strip()))  # "Ms Kunis" is Mila Kunis: one actor
    text = re.sub(r"[-\s]+and$", "", text)  # "U.S.-and-allied", "Cyber Berkut and" cut mid-phrase by the tagger
    text = re.sub(r"\s+at(?:\s.*)?$", "", text)  # "Burnley at Turf Moor", "Iceland at": a party and where it was
    text = re.sub(r"['’]s$", "", text).strip(" ,")
    return text if re.fullmatch(r"(?:[A-Z]\.){2,}", text) else text.strip(".")  # "U.S." keeps its last dot


def described(ent: Any) -> list[str]:
    """The common nouns a mention is called by: its apposition ("Bild, a German tabloid"), the class noun of a list it
    is in ("German media, ZDF and Der Spiegel") or the word just before it ("the newspaper Bild"). Nothing for a
    capital's name of its state: what Kyiv is called ("the capital city of Kyiv") Ukraine is not."""
    if _clean(ent.text).lower() in ALIASES:
        return []
    root, doc, listed = ent.root, ent.doc, []
    while root.dep_ == "conj":  # "Bild and Paris Match": what the first is called, both are
        root = root.head
        if root.pos_ == "NOUN" and root.i + 1 < len(doc) and doc[root.i + 1].text == ",":
            listed = [root]  # a list after its class noun: "German media, ZDF and Der Spiegel"
            break
    nouns = [t for t in root.children if t.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else []) + listed \
        or _appended(doc, ent.end)
    # The word as written and its lemma: "media" is lemmatised "medium"
    called = list(dict.fromkeys(w for t in nouns if t.pos_ == "NOUN" for w in (t.lemma_.lower(), t.text.lower())))
    called += place_noun(ent.doc.text, ent.start_char, ent.end_char)
    if [t.lower_ for t in doc[ent.end:ent.end + 2]] == [",", "who"]:
        called.append("who")  # "Vadim Krasikov, who was given a life sentence": a person, whatever the tagger says
    return called + [t.lower_ for t in doc[max(ent.start - 1, 0):ent.start] if t.text.islower()]


def _appended(doc: Any, end: int) -> list[Any]:
    """An apposition's noun the parser attached elsewhere ("Avdiivka, the city recently captured"; not "the city's")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ != "DET":
        return []
    noun = next((t for t in doc[end + 2:end + 5] if t.pos_ not in ("ADJ", "ADV")), doc[end + 1])
    owner = [t.tag_ for t in doc[noun.i + 1:noun.i + 2]] == ["POS"]  # "the city's mayor"; "the city council"
    return [noun] if noun.pos_ == "NOUN" and noun.dep_ != "compound" and not owner else []


def place_noun(text: str, start: int, end: int) -> list[str]:
    """The place noun a name at text[start:end] is "of" or is before: ["city"] for "the city of Aleppo", ["region"]
    for "the Odesa region" (the tagger often leaves such a name untagged or takes it for a person)."""
    name = text[start:end]
    if name.lower() in COUNTRIES or re.search(NATION_ADJECTIVE, name):
        return []  # "the southern Ukraine city of Mykolaiv", "Ukrainian port": a state that qualifies a place
    before = re.search(r"\b(\w+) of\s+$", text[max(0, start - 30):start])
    after = re.match(r"\s+(\w+)", text[end:end + 30])
    nouns = [m.group(1).lower() for m in (before, after) if m]
    return [n for n in nouns if n in PLACE_NOUNS or n.removesuffix("s") in PLACE_NOUNS]  # "the suburbs of Kyiv"


def subject(token: Any) -> bool:
    """True when this word, a name's head, is a clause's subject ("Vladimir Putin deployed", "Another
    prisoner Yevgeny, who ..., said")."""
    if token.dep_ in {"appos", "compound"}:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


_DATELINE = re.compile(DATELINE_TAIL)
# A state by name: a country, a capital or short form standing for it, a UK nation or former state, a nation's people
STATES = COUNTRIES | STATE_LIKE | set(ALIASES) | set(ALIASES.values()) | set(DEMONYMS) | set(DEMONYMS.values())
_BODY_WORDS = {w for kind, nouns in KIND_NOUNS.items() if kind != "other" for w in nouns}
# A title before a name: capitalised words, some joined by TITLE_JOINS ("US Ambassador to Russia").
_TITLE = rf"[A-Z][\w.-]*\s(?:(?:(?:{'|'.join(TITLE_JOINS)})\s(?:the\s)?)?[A-Z][\w.-]*\s){{0,5}}"


def party(ent: Any, name: str) -> str | None:
    """"party" when a mention (`name`: as `_clean` reads it) names a party to what its sentence says: a subject or agent ("Russia deployed",
    "claimed by the Legion"), a possessor ("Russia's troops"), an object ("sanctions hit Russia", "talks with
    Kyiv"); not a place where something happens ("fighters travelled to Syria"), a credit ("(CNN)") or a name
    that only qualifies another ("a Minneapolis man"). "modifier" when it qualifies a noun ("the ASEAN summit",
    "the Lenin statue": a body's name there names a party, a thing's does not). Prepositions decide only for
    places: "at ASEAN" names a party. "dateline" when a story's dateline names it: a place."""
    text, root = ent.doc.text, ent.root
    if text[ent.start_char - 1:ent.start_char] == "(" and text[ent.end_char:ent.end_char + 1] == ")":
        return None
    if text[ent.start_char - 1:ent.start_char] in ("", "\n") and _DATELINE.match(text, ent.end_char):
        return "dateline"  # "Marseille, France (CNN) The French prosecutor ...": a place, whatever the tagger says
    before = [t for t in ent.doc[ent.sent.start:ent.start] if not t.is_quote]
    opens = not before or before[-1].text == ":"  # a sentence's or a quote's first word: "adding: 'Hair, for ..."
    if ent.label_ == "PERSON" and len(ent) == 1 and opens and ent.text.lower() not in COUNTRIES and \
            len(re.findall(rf"\b{re.escape(ent.text)}\b", text)) == 1:
        return None  # "Intrigue over the Russian leader's health resurfaced": a sentence's capital, no one named again
    if any(t.dep_ == "det" and t.lower_ in {"a", "an"} for t in root.children):
        return None  # "a 40-year-old Muscovite": a description, not a name
    called = {t.lower_ for t in root.children if t.dep_ == "appos"} | {root.head.head.lower_}
    if called & PLACE_NOUNS or (root.dep_ == "compound" and root.head.lower_ in PLACE_NOUNS):
        return None  # "Genichesk, a town in ...", "the city of Aleppo", "the Rostov region"
    while root.dep_ in {"conj", "appos"}:  # "Russia and Ukraine said": as the first conjunct
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in {"on", "via"} and root.head.head.lemma_.lower() in MEDIUM_HEADS:
        return None  # "wrote on Twitter", "a post on Telegram": where it was published, not who
    took = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "to" else None
    if took is not None and took.lemma_.lower() == "take" and not any(c.lower_ == "place" for c in took.children):
        return None  # "took to Twitter", "was taken to MetroHealth Medical Center": a medium or a place (a marriage
        # that "took place … to Mohamed Gerbril" names a party)
    if root.dep_ == "nsubj" and {t.lemma_.lower() for t in root.head.children if t.dep_ == "attr"} & PLACE_NOUNS:
        return None  # "Syria and Iraq were the biggest destinations"
    if root.dep_ in {"amod", "compound", "nmod"}:  # "Moldovan officials": a nation's adjective names a party
        return "party" if re.search(NATION_ADJECTIVE, ent.text) else "modifier"
    if root.dep_ == "pobj" and root.head.lower_ == "in" and len(ent) == 1 and not ent.text.isupper():
        return None  # "the summit in Vilnius", "found in Avdiivka": one word after "in" is where, whatever the tag
    if ent.label_ != "GPE":
        return "party"
    if name.lower() not in STATES and not _BODY_WORDS & set(name.lower().split()[-1:]):
        # A city or province is a party as it acts or is acted upon ("Kharkiv said", "leave Minnesota"), not as a
        # place things happen in, near or of ("the annexation of Crimea", "the battle for Avdiivka"); a body the
        # tagger took for a place ("South Yorkshire Police") as any body
        return "party" if root.dep_ in {"nsubj", "agent", "dobj"} else None
    if root.dep_ in {"nsubj", "nsubjpass", "agent", "poss", "dobj", "dative", "obj", "attr"}:
        return "party"
    return "party" if root.dep_ == "pobj" and root.head.lower_ not in PLACE_PREPOSITIONS else None


@cache  # asked of every key for every name the tagger finds
def fold(surname: str) -> str:
    """A surname as one key across transliterations: "Zelenskiy" and "Zelensky", "Nebenzia" and "Nebenzya",
    "al-Mekdad" and "Mekdad"."""
    folded = re.sub(SURNAME_PREFIXES, "", surname.lower())
    return re.sub(SURNAME_ENDINGS, "y", re.sub(SURNAME_IA, "ya", folded))


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
        if len(name) < 2 or not name[0].isupper() or "\n" in name or name.lower() in KIND_SKIP:
            continue  # a name across a paragraph, or "State" alone (of "Secretary of State"): a tagger's slip
        key = name.lower()
        label = "PERSON" if _ADDRESSED.match(ent.text) else ent.label_  # "Dr Venter" is a person, whatever the tagger
        if key in ALIASES or key in ALIASES.values() or (key in COUNTRIES and fold(key) not in person_last):
            # "Kyiv" or "Jordan" tagged as a person is still a state (but "Jordan" after "Jim Jordan" is him)
            key, label = ALIASES.get(key, key), "GPE"
        elif fold(key) in person_last:  # a surname alone, or mislabelled as a place or organisation
            key = person_last[fold(key)]
        elif label == "PERSON":
            parts = name.split()
            if len(parts) > 1:
                person_last.setdefault(fold(parts[-1]), key)
                # A surname seen alone before the full name joins the full name.
                alone = next((k for k in entities if fold(k) == fold(parts[-1]) and k != key), None)
                if alone is not None:
                    old = entities.pop(alone)
                    merged[alone] = key
                    entities[key] = replace(old, name=name, label="PERSON")
            else:  # "Zelenskiy" after "Zelensky": one person
                key = next((k for k, e in entities.items() if e.label == "PERSON" and fold(k) == fold(key)), key)
        e = entities.setdefault(key, Entity(name, label))
        e.forms.add(name)
        e.form_counts[name] += 1
        e.mentions += 1
        e.described.update(described(ent))
        if sid := sentence_of.get(ent.start_char):
            _add(e.sentences, sid)
            if subject(ent.root):
                _add(e.acts, sid)
            role = party(ent, name)
            e.datelined |= role == "dateline"
            if role in ("party", "modifier"):
                _add(e.parties if role == "party" else e.modifies, sid)
        mention_order.append((ent.start_char, key))
    merged.update(_acronyms(entities))
    merged.update(_short_forms(entities))
    mention_order += _missed(doc, entities, sentence_of)
    for e in entities.values():
        e.settle_name()
        e.sentences.sort(key=position)
    return entities, sorted((start, _final(merged, key)) for start, key in mention_order)


def _final(merged: dict[str, str], key: str) -> str:
    """Where a key was folded to in the end: a full name a surname joined may itself join a short form since."""
    seen = {key}
    while (key := merged.get(key, key)) not in seen:
        seen.add(key)
    return key


def _add(ids: list[str], sid: str) -> None:
    """A sentence id into a list of them, once."""
    if sid not in ids:
        ids.append(sid)


def _acronyms(entities: dict[str, Entity]) -> dict[str, str]:
    """An acronym joins the name it abbreviates ("OPCW", "Organisation for the Prohibition of Chemical
    Weapons"); returns the keys folded away."""
    folded: dict[str, str] = {}
    for key, e in list(entities.items()):
        initials = "".join(w[0] for w in e.name.split() if w[:1].isupper()).lower()
        if e.label == "PERSON" or len(initials) < 2 or len(e.name.split()) < 2:
            continue
        short = next((k for k, o in entities.items() if k == initials and o.name.isupper() and k != key), None)
        if short is not None:
            e.absorb(entities.pop(short))
            folded[short] = key
    return folded


def _short_forms(entities: dict[str, Entity]) -> dict[str, str]:
    """A one-word name joins the only longer name of its kind it is short for: a person's first name ("Evan" for
    "Evan Gershkovich"), a body's last word ("Post" for "Washington Post"; not a word that names many bodies, such
    as "House" or "Ministry"); returns the keys folded away."""
    generic = KIND_NOUNS["government"] | KIND_NOUNS["military"]
    folded: dict[str, str] = {}
    for key, e in list(entities.items()):
        if " " in e.name or e.label not in ("PERSON", "ORG") or (e.label == "ORG" and key in generic):
            continue
        at = 0 if e.label == "PERSON" else -1
        longer = [k for k, o in entities.items() if o.label == e.label and " " in o.name
                  and o.name.split()[at].lower() == key]
        if len(longer) == 1:  # the one more often named keeps its key ("NATO" takes "Home Business News NATO")
            keep, drop = (key, longer[0]) if e.mentions > entities[longer[0]].mentions else (longer[0], key)
            entities[keep].absorb(entities.pop(drop))
            folded[drop] = keep
    return folded


def _missed(doc: Any, entities: dict[str, Entity], sentence_of: dict[int, str]) -> list[tuple[int, str]]:
    """Mentions the tagger missed: an entity's forms, and a person's surname, where they recur outside any
    tagged name ("Sunak's arrival" after "Rishi Sunak"). Counted into the entity; returned as (offset, key)."""
    taken = {i for ent in doc.ents if ent.label_ in ACTOR_LABELS for i in range(ent.start_char, ent.end_char)}
    stop = nlp().Defaults.stop_words
    text = doc.text  # spaCy joins its tokens again on every access
    found: list[tuple[int, str]] = []
    # The longest names first: "Paris Match" is the magazine's mention before "Paris" can be the capital's
    for key, e in sorted(entities.items(), key=lambda item: -max(map(len, item[1].forms), default=0)):
        forms = set(e.forms) | ({f.split()[-1] for f in e.forms if " " in f} if e.label == "PERSON" else set())
        forms = {f for f in forms if len(f) > 2 and f[0].isupper() and f.lower() not in stop}
        if not forms:
            continue
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?![\w-])")
        for m in pattern.finditer(text):
            if m.start() in taken:
                continue
            taken.update(range(m.start(), m.end()))
            found.append((m.start(), key))
            e.mentions += 1
            if (span := doc.char_span(m.start(), m.end())) is not None:
                e.described.update(described(span))
            if sid := sentence_of.get(m.start()):
                _add(e.sentences, sid)
    return found


# A possessive that opens an apposition as "the" would: "Vasily Nebenzya, Russia's Ambassador to the UN, said".
_OWNER = r"[A-Z][\w.-]*['’]s"


def _apposition(name: str, text: str) -> str | None:
    """What a sentence calls a name (a regex) after a comma: up to the next comma, or to the sentence's end after "said"
    ("..., said Natalia Humeniuk, a spokeswoman for ..."; not "according to Joe Biden, the sanctions have ...") where no
    clause or list follows ("Cyber Troops, the Cyber Berkut and ..."); a quoted name may close it ("an adviser to the
    head of the “Donetsk People’s Republic,” told")."""
    m = re.search(rf"(\bsaid\s+)?{name},\s+((?:the|a|an|{_OWNER})\s[^,.“\"]{{4,90}}(?:“[^,.”\"]{{2,40}})?)(,|\.?$)",
                  text)
    if m is None or (m.group(3) != "," and (not m.group(1) or re.search(r"\b(?:who|which|that)\b|\band [A-Z]", m.group(2)))):
        return None
    # Up to a dash: "a cancer surgeon - during 35 trips", "the principal instigator of the confrontation—and"
    return re.split(r"\s[-–—]\s|—|\s\(", m.group(2))[0]


def title_of(article: Article, entity: Entity) -> str | None:
    """An actor's title or apposition as the article writes it: "NATO Secretary General", "the director of ...",
    "Rheinmetall, the German arms maker," (a title before the name for people only)."""
    full = re.escape(entity.name)
    for sid in entity.sentences:
        s = article.sentence(sid)
        text = s.text if s else ""
        if said := _apposition(full, text):
            return said
        if entity.label == "PERSON" and (m := re.search(rf"({_TITLE}){full}", text)):
            words = m.group(1).split()
            articles = [i for i, w in enumerate(words) if w in TITLE_ARTICLES]
            words = words[articles[-1] + 1:] if articles else words  # "On Monday The Russian President"
            while words and (words[0] in TITLE_SKIP or words[0].islower()):  # "According to President Obama"
                words = words[1:]
            while words and words[-1].rstrip(".") in HONORIFICS:  # "Sir Richard Dearlove": an address, no role
                words = words[:-1]
            while words and not _role_head(words) and (joins := [i for i, w in enumerate(words) if w in TITLE_JOINS]):
                words = words[joins[0] + 1:]  # "the sacking on Wednesday of Managing Director Paul Downton"
            if words and _role_head(words) and not (all(w.isupper() for w in words) and max(map(len, words)) >= 5):
                return " ".join(words)  # not a tabloid's shouted lead-in ("PANICKED Vladimir Putin"); "CEO" is one
    return None


def _role_head(words: list[str]) -> bool:
    """Whether a title's head, the word before a join ("Ambassador to Russia") or else the last, is an office, rank
    or trade (the last part of a hyphenated one: "Vice-President")."""
    join = next((i for i, w in enumerate(words) if w in TITLE_JOINS and i), len(words))
    head = words[join - 1].lower().rstrip(".")
    return bool({head, head.split("-")[-1]} & TITLE_WORDS)
