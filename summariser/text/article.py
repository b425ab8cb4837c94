"""The Article: text as loaded, its numbered sentences, and the sentences flagged as addressed to a model."""

from __future__ import annotations

from dataclasses import dataclass, field

from .furniture import furniture
from .instructions import flagged
from .language import language_of
from .segment import Sentence, segment


@dataclass
class Article:
    """An article's text as loaded, with its sentences and simple metadata."""

    text: str
    source: str = "-"
    title: str | None = None
    date: str | None = None
    url: str | None = None  # where it was fetched from, for a page
    sentences: list[Sentence] = field(default_factory=list)
    suspicious: set[str] = field(init=False, default_factory=set)
    furniture: set[str] = field(init=False, default_factory=set)  # the site's footers and author bios
    aside: set[str] = field(init=False, default_factory=set)  # no point may come from these: both of the above
    language: str = field(init=False, default="en")  # ISO 639-1

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = segment(self.text)
        self._by_id = {s.id: s for s in self.sentences}
        self.suspicious = flagged(self.text, self.sentences)
        self.furniture = furniture(self.text, self.sentences)
        self.aside = self.suspicious | self.furniture  # once: asked of every sentence id the flow looks at
        self.language = language_of(self.text)

    def sentence(self, sid: str) -> Sentence | None:
        """The sentence with this id, or None."""
        return self._by_id.get(sid)

    @property
    def ids(self) -> list[str]:
        """All sentence ids in order."""
        return [s.id for s in self.sentences]

    def body_ids(self) -> list[str]:
        """Ids of body sentences: headlines, crumbs and bylines lack a full stop, boilerplate is short, and the
        site's furniture (footers, author bios) is not the story."""
        return [
            s.id for s in self.sentences
            if len(s.text.split()) >= 8 and s.text.rstrip("”’\"')")[-1:] in ".!?" and s.id not in self.aside
        ]

    def lead_ids(self, sentences: int = 3) -> frozenset[str]:
        """The headline (the first sentence) and the first body sentences: where news states its main point."""
        return frozenset([*self.ids[:1], *self.body_ids()[:sentences]])

    def known(self, ids: list[str]) -> list[str]:
        """Ids that exist, in order, without repeats."""
        return [sid for i, sid in enumerate(ids) if self.sentence(sid) and sid not in ids[:i]]

    def text_of(self, ids: list[str]) -> str:
        """The cited sentences' text, joined by spaces (unknown ids skipped)."""
        return " ".join(s.text for sid in ids if (s := self.sentence(sid)))
