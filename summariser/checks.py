"""`summarise check`: every sentence of any summary read against the article (the support check, no model).

Each sentence of the summary (written back as prose when a tokeniser left it
lower-cased and split: "kilmarnock 's") is aligned to the article sentences
that cover its content words best, and read against them (`briefing.support`):
supported, not stated (a name, number or time they lack, or more new words than
`flow.decide` allows), or contradicted (negation, an opposed predicate,
certainty, swapped roles).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .briefing.support import CONTEXT, Verdict, align, read, source, untokenised
from .flow.decide import MOST_ADDED, MOST_NEW
from .text.parse import nlp

if TYPE_CHECKING:
    from .text import Article

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

    @property
    def supported(self) -> bool:
        """Whether every sentence of the summary is supported."""
        return all(s.verdict is Verdict.SUPPORTED for s in self.sentences)

    def to_dict(self) -> dict[str, object]:
        """The check as JSON-ready data."""
        return {"article": self.article, "supported": self.supported, "sentences": [asdict(s) for s in self.sentences]}


def check(summary: str, article: Article) -> Check:
    """Every sentence of `summary` read against `article`."""
    src = source(article)
    out = []
    for sentence in nlp()(untokenised(" ".join(summary.split()))).sents:
        if not any(t.is_alpha or t.like_num for t in sentence):
            continue
        ids = align(sentence, src)
        first = min((src.ids.index(i) for i in ids), default=0)
        support = read(sentence, [src.doc(i) for i in ids], context=src.docs[max(0, first - CONTEXT):first],
                       everywhere=src.forms)
        new = support.new
        verdict = support.verdict(MOST_ADDED)
        if verdict is Verdict.SUPPORTED and len(new) > MOST_NEW:
            verdict = Verdict.NOT_STATED
        reasons = [str(f) for f in support.findings]
        if verdict is Verdict.NOT_STATED and not reasons:
            reasons = [f"adds {len(support.added)} words its sentences lack" if len(support.added) > MOST_ADDED
                       else f"uses {len(new)} words the article never uses: {', '.join(new)}"]
        aligned = [Aligned(i, s.start, s.end, s.text) for i in ids if (s := article.sentence(i))]
        out.append(CheckedSentence(sentence.text, verdict, reasons, support.added, new, aligned))
    return Check(article.source, out)
