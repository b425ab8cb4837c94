"""`summarise check`: every sentence of any summary read against the article (the support check, no model).

Each sentence of the summary (written back as prose when a tokeniser left it
lower-cased and split: "kilmarnock 's") is aligned to the article sentences
that cover its content words best, and read against them (`briefing.support`):
supported, not stated (a name, number or time they lack, or more new words than
`flow.decide` allows), or contradicted (negation, an opposed predicate, another name,
certainty, swapped roles). Given a judge (a model: `flow.judge`), it reads each
sentence against only its aligned article sentences, in one request for the
whole summary; its verdict decides what the rules could only call not stated,
and what the rules found (a name, number or time missing, a contradiction)
stands whatever it says.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .briefing.findings import RULES_ONLY, Verdict
from .briefing.support import align, read_cited, source
from .flow.decide import MOST_ADDED, MOST_NEW
from .lexicon.meaning import PTB
from .text.parse import nlp

if TYPE_CHECKING:
    from .llm.client import Client
    from .text import Article

# Longer than any summary: a text past this is refused in one line, not parsed (spaCy reads at most 1,000,000
# characters at once, and a summary this long is an article).
MAX_SUMMARY = 100_000


def untokenised(text: str) -> str:
    """Text as a tokeniser left it ("kilmarnock 's", "`` x ''", "-lrb-", " , ") written back as prose."""
    text = re.sub(r"``\s*", '"', re.sub(r"\s*''", '"', text))  # PTB's opening and closing quotes, joined to their words
    for token, char in PTB.items():
        text = re.sub(rf"(?<!\S){re.escape(token)}(?!\S)", char, text, flags=re.IGNORECASE)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text)


_WORD = r"\b[^\W\d_][\w'’-]*"  # a word that starts with a letter ("Yeaman", "O'Neill", "co-op")


def recased(text: str, article_text: str) -> str:
    """A summary a tokeniser lower-cased ("mr yeaman was granted bail") with each word cased as the article mostly
    writes it inside its sentences ("Yeaman"): the parse sees names again. Sentences keep their lower-case first
    letter (a capital there made the tagger take "Comedian" for a name). A text with any capital is left as is."""
    if text != text.lower():
        return text
    seen: dict[str, Counter[str]] = {}
    for m in re.finditer(rf"(?<![.!?\"“]\s)(?<!^){_WORD}", article_text):  # not a sentence's first word
        seen.setdefault(m.group().lower(), Counter())[m.group()] += 1
    return re.sub(_WORD, lambda m: seen[m.group()].most_common(1)[0][0] if m.group() in seen else m.group(), text)


@dataclass(frozen=True)
class Aligned:
    """An article sentence a summary sentence was read against: its id and character offsets in the article."""

    id: str
    start: int
    end: int
    text: str


@dataclass
class CheckedSentence:
    """One summary sentence: its text, verdict, reasons, the words its article sentences lack, and those sentences."""

    text: str
    verdict: Verdict
    reasons: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)  # of the added words, those the whole article never uses
    sentences: list[Aligned] = field(default_factory=list)


@dataclass
class Check:
    """A summary checked against its article: `supported` when every sentence is."""

    article: str
    sentences: list[CheckedSentence]
    judge: str = f"not checked by a model: {RULES_ONLY}"

    @property
    def supported(self) -> bool:
        """Whether every sentence of the summary is supported."""
        return all(s.verdict is Verdict.SUPPORTED for s in self.sentences)

    def to_dict(self) -> dict[str, object]:
        """The check as JSON-ready data."""
        return {"article": self.article, "supported": self.supported, "judge": self.judge,
                "sentences": [asdict(s) for s in self.sentences]}


def check(summary: str, article: Article, judge: Client | None = None, required: bool = False) -> Check:
    """Every sentence of `summary` read against `article`, and by `judge` when given (a judge that fails is an
    error when `required`, else the check says the sentences were read by rule only)."""
    from .errors import InputError

    if len(summary) > MAX_SUMMARY:
        raise InputError(f"the summary is {len(summary):,} characters long; a summary to check is at most "
                         f"{MAX_SUMMARY:,}")
    src = source(article)
    out = []
    for sentence in nlp()(recased(untokenised(" ".join(summary.split())), article.text)).sents:
        if not any(t.is_alpha or t.like_num for t in sentence):
            continue
        ids = align(sentence, src)  # in article order
        support = read_cited(sentence, src, ids, everywhere=src.forms)
        new = support.new
        verdict = support.verdict(MOST_ADDED)
        # A thing the article never names is not in it, however close the rest ("acts just like a boa" where the
        # article's robot acts like a honeybee); a new verb or adjective may be a paraphrase's. A judge may still
        # find it supported (a paraphrase's noun: "period" for "time"), as it may any sentence with new words.
        nouns = {w for t in sentence if t.pos_ == "NOUN" for w in (t.lower_, t.lemma_.lower())}
        things = [w for w in new if w in nouns]
        if verdict is Verdict.SUPPORTED and (len(new) > MOST_NEW or things):
            verdict = Verdict.NOT_STATED
        reasons = [str(f) for f in support.findings]
        if verdict is Verdict.NOT_STATED and not reasons:
            reasons = [_unstated(len(support.added), new, things)]
        aligned = [Aligned(i, s.start, s.end, s.text) for i in ids if (s := article.sentence(i))]
        out.append(CheckedSentence(sentence.text, verdict, reasons, support.added, new, aligned))
    if not out:
        raise InputError("the summary has no sentence to check (no word in it)")
    result = Check(article.source, out)
    if judge is not None:
        _judged(result, judge, required)
    return result


def _unstated(added: int, new: list[str], things: list[str]) -> str:
    """Why a sentence nothing definite speaks against is not stated: the words its sentences lack, else the words
    (`new`) or the one noun (`things`) the article never uses. Each starts "adds" or "uses": a judge may overrule it."""
    if added > MOST_ADDED:
        return f"adds {added} words its sentences lack"
    if len(new) > MOST_NEW or not things:
        return f"uses {len(new)} words the article never uses: {', '.join(new)}"
    return f"uses a noun the article never uses: {things[0]}"


def _judged(result: Check, judge: Client, required: bool) -> None:
    """The judge's verdict on each sentence the rules found nothing definite in (one request for the summary)."""
    from .errors import SummariserError
    from .flow.judge import Statement, question, said_by
    from .llm.client import Tally
    from .loop import run_sync

    items = [Statement(f"J{i + 1}", ("summary", i), s.text, [(a.id, a.text) for a in s.sentences])
             for i, s in enumerate(result.sentences) if s.sentences]
    asked = question(items)
    try:
        answer: Any = run_sync(judge.ask(asked.messages, asked.response_model, max_tokens=asked.max_tokens,
                                         tally=Tally(), source=result.article))
    except SummariserError as e:
        if required:
            raise
        result.judge = f"not checked by a model: the judge failed ({str(e)[:160]})"
        return
    said = {v.statement: v for v in answer.verdicts}
    for item in items:
        sentence, v = result.sentences[item.where[1]], said.get(item.id)
        if v is None:
            continue
        by = said_by(v)
        ruled = [r for r in sentence.reasons if not r.startswith(("adds ", "uses "))]  # the rules' own findings
        if not ruled:
            sentence.verdict, sentence.reasons = Verdict(v.verdict), [by] if v.verdict != "supported" else []
        elif v.verdict != "supported":
            sentence.reasons.append(by)
    result.judge = f"judged by {judge.model}: {len(said)} of {len(items)} sentences answered"
