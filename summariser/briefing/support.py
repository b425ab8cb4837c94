"""Meaning: does a statement say what its sentences say? The deterministic layer of the support check.

A statement is read against its basis (the sentences it cites, else the article
sentences it aligns to best) from the parse of both: a name, number or time the
basis lacks; negation, opposed predicates and certainty changed (`predicates.py`);
the roles of two named parties swapped around a predicate or between "from" and
"to", or a person put in a role the basis gives another (`roles.py`); a stutter
("the wall of a wall"). What is left over are the content words the basis does
not contain (`added`): honest paraphrase and invention look alike there, so they
are shown, and only the caller decides what they mean. What it finds is in
`findings.py`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..lexicon.meaning import MONTHS, NUMBER_WORDS, WEEKDAYS
from ..lexicon.names import ADDRESS, ROLE_HEADS
from ..lexicon.speech import TITLE_NOUNS
from ..text.parse import nlp
from ..text.segment import by_position
from .findings import Finding, Reason, Support
from .predicates import certainty, forms, is_content, polarity
from .roles import is_name, plain, state, substituted, swapped

if TYPE_CHECKING:
    from ..text import Article


def _is_time(t: Any) -> bool:
    """A weekday, or a month ("may" only when tagged a name)."""
    return t.lower_ in WEEKDAYS or (t.lower_ in MONTHS and (t.lower_ != "may" or t.pos_ == "PROPN"))


@dataclass(frozen=True)
class Source:
    """An article's sentences parsed once, with their content lemmas and how rare each lemma is among them."""

    ids: list[str]
    docs: list[Any]
    lemmas: list[frozenset[str]]
    weight: dict[str, float]
    forms: frozenset[str]  # every word of the article, as written and as lemma
    names: frozenset[str] = frozenset()  # every name of two words or more, lower-cased ("allan johnston")
    text: str = ""  # every sentence's tokens, lower-cased and joined by spaces (for a stretch of words)
    words: str = ""  # every word of the article, lower-cased, without punctuation, joined by spaces (for a quote)

    def doc(self, sid: str) -> Any:
        """The parse of one sentence."""
        return self.docs[self.ids.index(sid)]


@lru_cache(maxsize=8)  # a briefing's statements, or a summary's sentences, all read one article
def parsed_sentences(sentences: tuple[tuple[str, str], ...]) -> Source:
    """The parse of an article's (id, text) sentences."""
    docs = list(nlp().pipe(text for _, text in sentences))
    lemmas = [frozenset(f for t in d if is_content(t) for f in forms(t)) for d in docs]
    df = Counter(lemma for ls in lemmas for lemma in ls)
    n = max(1, len(docs))
    written = frozenset(f for d in docs for t in d for f in forms(t))
    names = frozenset(" ".join(w.lower_ for w in run) for d in docs for run in _name_runs(d) if len(run) > 1)
    text = " | ".join(" ".join(t.lower_ for t in d) for d in docs)
    words = " ".join(t.lower_.replace("’", "'") for d in docs for t in d if not (t.is_punct or t.is_space))
    return Source([sid for sid, _ in sentences], docs, lemmas, {w: math.log(1 + n / c) for w, c in df.items()},
                  written, names, text, f" {words} ")


@lru_cache(maxsize=8)
def _states(words: frozenset[str]) -> frozenset[str]:
    """The states and seats an article's words name ("Indonesia" for "Indonesian")."""
    return frozenset(s for s in map(state, words) if s)


def _name_runs(tokens: Any) -> list[list[Any]]:
    """The runs of name tokens in a parse, a line break inside one ignored ("Hereford\\nUnited")."""
    runs: list[list[Any]] = []
    in_name = False
    for t in tokens:
        if t.is_space:
            continue
        if _capitalised_name(t):
            if in_name:
                runs[-1].append(t)
            else:
                runs.append([t])
        in_name = _capitalised_name(t)
    return runs


def _capitalised_name(t: Any) -> bool:
    """A name's word as a name is written: a lower-case word the tagger calls a name is none."""
    return is_name(t) and t.text[:1].isupper()


def readable(article: Article) -> tuple[tuple[str, str], ...]:
    """An article's (id, text) sentences, those addressed to a model left out."""
    return tuple((s.id, s.text) for s in article.sentences if s.id not in article.suspicious)


def source(article: Article) -> Source:
    """The parsed sentences of an article, those addressed to a model left out."""
    return parsed_sentences(readable(article))


_TITLES = TITLE_NOUNS | ROLE_HEADS  # "President Zelensky": a title, a word like any other, not a name to support

# How many sentences before the basis may name what it refers to ("He said", "the organization", "the six").
CONTEXT = 3


def statement_support(text: str, basis: list[Any], also: Iterable[str] = (), context: Iterable[Any] = (),
                      src: Source | None = None) -> Support:
    """A statement's text read against parsed basis sentences (`read`)."""
    return read(_parsed(text), basis, also, context, src=src)


def read_cited(statement: Any, src: Source, ids: list[str], also: Iterable[str] = (),
               everywhere: frozenset[str] = frozenset()) -> Support:
    """A statement (text, or parsed) read against the article sentences `ids` (the first in article order first),
    with the CONTEXT sentences before the first as what the basis may refer back to (`read`)."""
    first = src.ids.index(ids[0]) if ids else 0
    parsed = _parsed(statement) if isinstance(statement, str) else statement
    return read(parsed, [src.doc(i) for i in ids], also, src.docs[max(0, first - CONTEXT):first], everywhere, src)


@lru_cache(maxsize=256)  # a claim is read at each attempt's review, when it is kept, and for its added words
def _parsed(text: str) -> Any:
    """The parse of a statement."""
    return nlp()(text)


def align(statement: Any, src: Source, most: int = 3) -> list[str]:
    """The article sentences that best cover a parsed statement's content words: the best, then each that covers
    two more of them, up to `most`; in article order."""
    wanted = {t.lemma_.lower() for t in statement if is_content(t)} | {t.lower_ for t in statement if is_content(t)}
    chosen: list[str] = []
    while wanted and len(chosen) < most:
        # fsum: exact, so the score does not depend on the order a set of words is summed in (ties stay ties).
        scored = [(math.fsum(src.weight.get(w, 0.0) for w in wanted & ls), len(wanted & ls), -i)
                  for i, ls in enumerate(src.lemmas) if src.ids[i] not in chosen]
        if not scored:
            break
        _, covered, i = max(scored)
        if covered < (1 if not chosen else 2):
            break
        chosen.append(src.ids[-i])
        wanted -= src.lemmas[-i]
    return by_position(chosen)


def read(statement: Any, basis: list[Any], also: Iterable[str] = (), context: Iterable[Any] = (),
         everywhere: frozenset[str] = frozenset(), src: Source | None = None) -> Support:
    """A parsed statement (a Doc or Span) read against its parsed basis sentences. `also`: words that need no
    support here (the speaker's name, checked on its own); `context`: the sentences just before the basis, whose
    names the basis may refer to ("He said", "the organization"); `everywhere`: the article's words, for `new`;
    `src`: the whole article, whose full names say that the basis's "Johnston" is "Allan Johnston"."""
    have: set[str] = set(also)
    named = {f for d in context for t in d if is_name(t) for f in forms(t)}
    for d in basis:
        have |= {f for t in d for f in forms(t)}
    out = Support()
    names = src.names if src else frozenset()
    # The statement's names and (for the article's full names) the basis's, each read once
    mine = _name_runs(statement)
    theirs = [{w.lower_ for w in r} for d in basis for r in _name_runs(d)] if names else []
    content = [t for t in statement if is_content(t)]
    known = _basis_names(basis)
    seen: set[str] = set()
    for t in content:
        if forms(t) & have or t.lower_ in seen or t.text.rstrip(".") in ADDRESS or _written_out(t, mine, theirs, names):
            continue
        seen.add(t.lower_)
        if t.like_num or t.lower_ in NUMBER_WORDS:
            out.findings.append(Finding(Reason.NUMBER, t.text))
        elif _is_time(t):
            out.findings.append(Finding(Reason.TIME, t.text))
        elif _capitalised_name(t) and not forms(t) & named and t.lower_ not in _TITLES:
            finding = _name_finding(t, mine, basis, known, src)
            if finding is None:
                continue
            if finding not in out.findings:  # once for "San Diego", not for "San" and "Diego"
                out.findings.append(finding)
        out.added.append(t.text)
        if everywhere and not forms(t) & everywhere:
            out.new.append(t.text)
    out.findings += polarity(content, basis) + certainty(content, basis)
    if swap := swapped(statement, basis):
        out.findings.append(Finding(Reason.ROLES, swap))
    if src is not None and (twice := _repeated(content, src)):
        out.findings.append(Finding(Reason.REPEATED, twice))
    if src is not None and (quote := _misquoted(statement, src)):
        out.findings.append(Finding(Reason.MISQUOTED, quote))
    return out


def _basis_names(basis: list[Any]) -> tuple[set[str], set[str]]:
    """What the basis names, as plain words ("zelensky" for "Zelenskyy") and as the states and seats they are."""
    plains = {plain(t.text) for d in basis for t in d if is_name(t)}
    runs = [" ".join(w.text for w in r) for d in basis for r in _name_runs(d)]
    states = {s for s in map(state, [*runs, *(t.text for d in basis for t in d if is_name(t))]) if s}
    return plains, states


def _name_finding(t: Any, runs: list[list[Any]], basis: list[Any], known: tuple[set[str], set[str]],
                  src: Source | None) -> Finding | None:
    """What a name the basis does not write is: another name where the basis names one in that place; none where
    the basis names the same person, state or seat otherwise ("Zelenskyy", "the UK", "Kyiv" where it says
    "Zelensky", "Britain", "Kiev"); invented when the whole article never writes it ("Indonesian" where it writes
    "Indonesia" is written); else a name borrowed from elsewhere in the article. `runs`: the statement's names."""
    if instead := substituted(t, basis):
        return Finding(Reason.SUBSTITUTED, instead)
    plains, states = known
    named = state(t.text)
    if plain(t.text) in plains or {named, *(state(" ".join(w.text for w in r)) for r in runs if t in r)} & states:
        return None
    absent = src is not None and not forms(t) & src.forms and (named is None or named not in _states(src.forms))
    return Finding(Reason.ABSENT if absent else Reason.NAME, t.text)


_OPENING = {"“", "‘", "`", "``", '"'}
_GAP = {"...", "…", "[", "]", "(", ")", "unk", "<unk>"}  # what stands for words left out of a quote


def _misquoted(statement: Any, src: Source) -> str | None:
    """A stretch of two words or more between quote marks that the article never writes ("said Sturgeon's answers
    were 'all off-shore'" where it writes 'all evasion'): a quote is the article's words or it is no quote. An
    ellipsis or a bracket inside a quote marks words left out: each stretch between is read alone."""
    opened: int | None = None
    for t in statement:
        if not (t.is_quote or t.text in _OPENING or t.text == "''"):
            continue
        if opened is None:
            # An apostrophe opens only after a space: "James' Park" opens nothing
            if t.text in _OPENING or t.i == 0 or t.doc[t.i - 1].whitespace_:
                opened = t.i
            continue
        stretch: list[str] = []
        for w in [*t.doc[opened + 1:t.i], None]:
            if w is None or w.lower_ in _GAP:
                if len(stretch) > 1 and f" {' '.join(stretch)} " not in src.words:
                    return f"'{' '.join(stretch)}', which the article never writes"
                stretch = []
            elif not (w.is_punct or w.is_space):
                stretch.append(w.lower_.replace("’", "'"))
        opened = None
    return None


# How near a content word may come back for the sentence to be a summariser's stutter ("the wall of a wall"):
# chosen on FRANK's half A (benchmarks/frank.py), 2 over 3 and 4, which also took real phrases ("Gordon Brown has
# warned that the SNP want an SNP vote").
REPEAT_GAP = 2


def _repeated(content: list[Any], src: Source) -> str | None:
    """A content word that comes back within REPEAT_GAP words ("the assembly's assembly", "chicken and chicken"),
    where the article never writes that stretch: a summariser's stutter, which says nothing the article says. A
    hyphenated compound ("head-to-head") is no stutter."""
    for i, t in enumerate(content):
        for u in content[i + 1:]:
            if u.i - t.i > REPEAT_GAP:
                break
            stretch = t.doc[t.i:u.i + 1]
            if u.lower_ == t.lower_ and not any(w.text == "-" for w in stretch) \
                    and " ".join(w.lower_ for w in stretch) not in src.text:
                return f"{t.text} twice in '{stretch.text}', which the article never writes"
    return None


def _written_out(t: Any, mine: list[list[Any]], theirs: list[set[str]], names: frozenset[str]) -> bool:
    """Whether `t` is a word of a longer name the article writes out (`names`) and the basis names by its other
    words alone ("Allan Johnston" where the basis says "Johnston" and the article, elsewhere, "Allan Johnston"; not
    where the basis says "Mohamed Ali Omar": a brother). `mine`: the statement's name runs; `theirs`: the basis's,
    as sets of words."""
    if not names or not is_name(t):
        return False
    run = next((r for r in mine if t in r), [])
    words = {w.lower_ for w in run}
    if len(run) < 2 or not any(r & words for r in theirs) or any(r & words and not r <= words for r in theirs):
        return False
    written = f" {' '.join(w.lower_ for w in run)} "
    return any(written in f" {n} " for n in names)
