"""Who does what to whom: a statement that puts a named party in another's role, read from the parse."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..lexicon.meaning import NAMED_LABELS, ROLE_LABELS
from ..lexicon.names import COUNTRIES, SEATS, STATE_NAMES, SURNAME_ENDINGS, SURNAME_IA
from ..lexicon.stances import DEMONYMS
from .names import norm


def is_name(t: Any) -> bool:
    """A token of a name: in a named entity, or a proper noun."""
    return t.ent_type_ in NAMED_LABELS or (t.pos_ == "PROPN" and not t.is_stop)


def _role(t: Any) -> tuple[str, str] | None:
    """A name's role: (the predicate above it, subject or object), from the parse."""
    node = t
    while node.head.i != node.i:
        if node.head.pos_ in ("VERB", "AUX"):
            role = ROLE_LABELS.get(node.dep_)
            return (node.head.lemma_.lower(), role) if role else None
        node = node.head
    return None


def _instead(t: Any, basis: list[Any]) -> str | None:
    """Another person the basis gives the role a person has in the statement: "Yeaman was granted bail" where the
    basis says "Pama was granted bail", or "Pama covered his face as he left court, where he was granted bail" (a
    "he" whose sentence names its person first), and never says it of Yeaman."""
    role = _role(t) if t.ent_type_ == "PERSON" and t.dep_ != "compound" and _argument(t) else None
    if role is None:
        return None
    mine = _words(t)  # "Pat Ingles" is Ingles
    given = mine - {plain(t.text)}
    same = [b for d in basis for b in d if b.lower_ == t.lower_ and is_name(b) and _role(b) == role]
    if same:  # unless the basis's has another first name: "Frank Jordan, 37, took" where "Louis Jordan, 37, took"
        conflict = all(given and (w := _words(b) - {plain(t.text)}) and not given & w for b in same)
        return _span(same[0]).text if conflict else None
    for d in basis:
        for b in d:
            if not (_argument(b) and _role(b) == role and b.dep_ != "compound"):
                continue
            if b.lower_ in ("he", "she"):  # its person: the sentence's first named subject before it
                b = next((p for p in d if p.i < b.i and p.ent_type_ == "PERSON" and p.dep_ == "nsubj"), None)
            if b is not None and b.ent_type_ == "PERSON" and not any(mine & _words(c) or same_state(t, c)
                                                                     for c in _listed(b)):
                return str(b.text)
    return None


def _listed(t: Any) -> list[Any]:
    """A name and the names listed with it, in apposition or joined ("Näslund, 26, Kvarzell, Åsberg and …")."""
    out, todo = [t], [t]
    while todo:
        for c in todo.pop().children:
            if c.dep_ in ("appos", "conj"):
                out.append(c)
                todo.append(c)
    return out


def state(name: str) -> str | None:
    """The state a name names by any of its names or its adjective ("America", "the U.S.", "American": united
    states), or the seat it names by any of its names ("Kyiv", "Kiev"; "Moscow", "the Kremlin"), else None. A
    seat is not its state: "Kyiv" is a place of its own where the basis says "Ukraine"."""
    words = name.lower().removeprefix("the ")
    if words in SEATS:
        return f"the seat of {SEATS[words]}"
    if words.endswith("n") and words[:-1] in COUNTRIES:  # "Indonesian", "Kenyan": the adjectives DEMONYMS leaves out
        words = words[:-1]
    return STATE_NAMES.get(words) or DEMONYMS.get(words) or (words if words in COUNTRIES else None)


def same_state(a: Any, b: Any) -> bool:
    """Whether two name tokens name one state, or one seat, by two of its names."""
    named = state(_span(a).text)
    return named is not None and named == state(_span(b).text)


def _span(t: Any) -> Any:
    """The name a token is in: its entity, or the token alone."""
    return next((e for e in t.doc.ents if e.start <= t.i < e.end), t)


def _words(t: Any) -> set[str]:
    """The words of the name a token is in, plain."""
    return {plain(w) for w in _span(t).text.split()}


def plain(word: str) -> str:
    """A name's word without case, accents, apostrophe style or transliteration's ending ("O’Toole" is "o'toole",
    "Åsberg" "asberg", "Zelenskyy" and "Zelenskiy" "zelensky")."""
    word = unicodedata.normalize("NFKD", norm(word).lower()).encode("ascii", "ignore").decode()
    return re.sub(SURNAME_ENDINGS, "y", re.sub(SURNAME_IA, "ya", word))


def _named(doc: Any) -> dict[str, Any]:
    """A parse's names by their last word, lower-cased (the root of a multi-word name)."""
    return {t.lower_: t for t in doc if is_name(t) and t.dep_ != "compound"}


def swapped(statement: Any, basis: list[Any]) -> str | None:
    """How the statement puts a party in another's role, if it does: two names whose roles around a predicate are
    each other's in a basis sentence, one name that is the subject of a predicate where the basis makes it only its
    object (or the reverse), or a person in a role the basis gives another (`_instead`)."""
    mine = _named(statement)
    for d in basis:
        theirs = _named(d)
        shared = sorted(set(mine) & set(theirs))
        for i, a in enumerate(shared):
            ra, ta = _role(mine[a]), _role(theirs[a])
            direct = all(_argument(t) for t in (mine[a], theirs[a]))
            # Not around "be": "the favourite is Vaughan" and "Vaughan is the favourite" say the same
            if direct and ra and ta and ra[0] == ta[0] != "be" and ra[1] != ta[1] and not _plays(a, ra, d):
                return f"{mine[a].text} as the {ra[1]} of {ra[0]!r}; the article makes it the {ta[1]}"
            for b in shared[i + 1:]:
                rb, tb = _role(mine[b]), _role(theirs[b])
                if ra and rb and ra != rb and ra == tb and rb == ta:
                    return f"{mine[a].text} and {mine[b].text}"
                pa, pb = _preposition(mine[a]), _preposition(mine[b])  # "from Latakia to Damascus"
                if pa and pb and pa != pb and (pa, pb) == (_preposition(theirs[b]), _preposition(theirs[a])):
                    return f"{pa} {mine[a].text} and {pb} {mine[b].text}"
                sa, sb = _slot(mine[a]), _slot(mine[b])  # "accuses America of … at Kiev's behest"
                if sa and sb and sa != sb and (sa, sb) == (_slot(theirs[b]), _slot(theirs[a])):
                    return f"{mine[a].text} and {mine[b].text}, each where the article puts the other"
    return next((f"{t.text} in the role the article gives {other}" for t in statement
                 if is_name(t) and (other := _instead(t, basis))), None)


def _preposition(t: Any) -> str | None:
    """The preposition whose object a name is ("from" for "from Damascus", "to" for "to the port of Latakia")."""
    while t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ == "pobj":
        t = t.head.head
    return t.head.lower_ if t.dep_ == "pobj" else None


def _argument(t: Any) -> bool:
    """Whether a name is itself a subject or object of a predicate, or in apposition to one ("another of his
    brothers, Mohamed Ali Omar"): not a word of a longer phrase ("the Russian military")."""
    while t.head.i != t.i and (t.dep_ in ("appos", "compound", "flat", "amod")  # "Western powers accused"
                               or (t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "PRON")):
        t = t.head if t.dep_ != "pobj" else t.head.head  # "another of his brothers, Mohamed Ali Omar, was"
    return t.head.pos_ in ("VERB", "AUX") and t.dep_ in ROLE_LABELS


def _plays(name: str, role: tuple[str, str], doc: Any) -> bool:
    """Whether some mention of `name` in a parse has this role (a name can be named twice, in two roles)."""
    return any(_role(t) == role for t in doc if t.lower_ == name and is_name(t))


def substituted(t: Any, basis: list[Any]) -> str | None:
    """Another name the basis puts where the statement puts this one (a name the basis lacks): "outlined in Tehran"
    where the basis says "outlined in Switzerland", "under Russian law" where "under Mongolian law" (the same word
    the name hangs on, the same way). Not the same referent in other words: an acronym of the other ("UN", "United
    Nations")."""
    slot = _slot(t)
    if slot is None:
        return None
    mine = _words(t) | _initials(t)
    # A basis name the statement also puts in that place is no substitute: the statement names both there
    placed = {plain(w.text) for w in t.doc if is_name(w) and _slot(w) == slot}
    for d in basis:
        for b in d:
            if not is_name(b) or b.dep_ == "compound" or slot not in _slots(b):
                continue
            theirs = _words(b)
            if theirs & (mine | placed) or _initials(b) & mine or same_state(t, b):
                continue  # not another name: the same in part, its acronym, or the same state by another name
            return f"{_span(t).text}, where the article says {_span(b).text}"
    return None


def _slot(t: Any) -> tuple[str, str, str] | None:
    """Where a name hangs in its sentence: its role and the word it hangs on (through a preposition, to the word the
    preposition hangs on: "in" and "outlined" for "outlined in Tehran")."""
    t = _name_head(t)
    if t.head.i == t.i:
        return None
    if t.dep_ == "pobj":
        verb = t.head.head
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            verb = verb.head  # "Speaking in the Lords, Howard said": said in the Lords
        return "pobj", t.head.lower_, verb.lemma_.lower()
    return (t.dep_, "", t.head.lemma_.lower()) if t.dep_ in ("amod", "dobj", "nsubj", "poss", "nmod") else None


def _slots(b: Any) -> set[tuple[str, str, str] | None]:
    """A basis name's slot, and where a clause it heads says "where": "South Korea, where he reiterated" is
    "reiterated in South Korea"."""
    wheres = {("pobj", "in", c.lemma_.lower()) for c in _name_head(b).children
              if c.dep_ == "relcl" and any(w.lower_ == "where" for w in c.children)}
    return {_slot(b), *wheres}


def _name_head(t: Any) -> Any:
    """The last word of the name a token is in, which the parse hangs the name by ("Korea" for "South")."""
    while t.dep_ in ("compound", "flat") and t.head.i != t.i:
        t = t.head
    return t


def _initials(t: Any) -> set[str]:
    """A multi-word name's initials ("un" for "United Nations"), as a set of one, or none."""
    words = [w for w in _span(t).text.split() if w[:1].isupper()]
    return {"".join(w[0] for w in words).lower()} if len(words) > 1 else set()
