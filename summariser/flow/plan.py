"""Plan: the windows an article is read in, the system prompt over each, and the questions asked of each window.

Articles longer than the context are split into overlapping windows of
sentences; ids and offsets stay those of the whole article. Strong models get
one question per window (the full draft); small models two (claims, assessment),
whose answers are choices among candidates the evidence layer found. The actors
question is asked only by benchmarks/answer_keys.py: the small model's kinds lost
to the text's rule there, so the flow no longer asks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .. import prompts
from ..briefing.drafts import actor_model, assessment_model, briefing_draft, claim_model, pick_model
from ..briefing.names import norm
from ..errors import InputError
from ..evidence import Evidence, Speech, topics
from ..text import Article, Sentence

MAX_ACTOR_CANDIDATES = 12
MAX_CLAIM_CANDIDATES = 16
# Room left in the context for instructions, schema and answer.
RESERVED_TOKENS = 1500
WINDOW_OVERLAP = 2
# Completion budgets (tokens) per question: a cut answer is retried once with twice as much (llm/client.py).
# The hand-written strong answers (tests/data/strong-answers/) are 7-11 KB of JSON, about 1,700-2,700 tokens; the
# small model's picks are lists of enums: the actors' (a kind and a 60-character role each) the longest.
BRIEFING_TOKENS = 4000
ACTORS_TOKENS = 400
CLAIMS_TOKENS = 300
ASSESSMENT_TOKENS = 120
_DELIMITER = re.compile(r"</?\s*article\b[^>]*>", re.IGNORECASE)
@dataclass
class Question:
    """One question: what its answer is for, and everything the model is sent."""

    name: str
    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    max_tokens: int


def estimate_tokens(text: str) -> int:
    """A safe over-estimate of a text's tokens."""
    return len(text) // 3 + 1  # English runs ~4 chars a token; 3 keeps a margin


def system_prompt(article: Article, window: list[Sentence]) -> str:
    """The system prompt over one window of sentences, ids kept global."""
    return _system("system", article.title, window)


def picks_prompt(article: Article, window: list[Sentence]) -> str:
    """The small model's system prompt: short rules, as it only picks ids, and the window without the sentences
    set aside (page furniture, lines addressed to a model: nothing is picked from them) nor a title a sentence
    repeats. Each token of this prefix costs the 135M model about 2.5 ms on two cores."""
    shown = [s for s in window if s.id not in article.aside]
    title = article.title if article.title and norm(article.title) not in {norm(s.text) for s in shown} else None
    return _system("picks_system", title, shown, "{}")


def _system(template: str, title: str | None, sentences: list[Sentence], mark: str = "[{}]") -> str:
    """A system prompt: the numbered sentences between <article> tags, which they must not be able to close."""
    numbered = "\n".join(f"{mark.format(s.id)} {_DELIMITER.sub('[tag]', s.text)}" for s in sentences)
    return prompts.render(template, title=_DELIMITER.sub("[tag]", title or "") or None, numbered=numbered)


def messages(system: str, task: str) -> list[dict[str, str]]:
    """The system prompt and the task's instructions."""
    return [{"role": "system", "content": system}, {"role": "user", "content": prompts.render(task)}]


def windows(article: Article, context_tokens: int) -> list[list[Sentence]]:
    """Sentences split into windows that fit the context, overlapping by a few sentences."""
    budget = context_tokens - RESERVED_TOKENS - estimate_tokens(system_prompt(article, []))
    if budget < 200:
        raise InputError(f"a context of {context_tokens} tokens is too small to brief with (--context-tokens)")
    out: list[list[Sentence]] = []
    current: list[Sentence] = []
    used = 0
    for sentence in article.sentences:
        cost = estimate_tokens(sentence.text) + 4
        if current and used + cost > budget:
            out.append(current)
            current = current[-WINDOW_OVERLAP:] if len(current) > WINDOW_OVERLAP else []
            used = sum(estimate_tokens(x.text) + 4 for x in current)
        current.append(sentence)
        used += cost
    return [*out, current] if current else out


def briefing_question(article: Article, window: list[Sentence]) -> Question:
    """The one-call question over a window: the full draft, sentence ids limited to the window's."""
    return Question("briefing", messages(system_prompt(article, window), "briefing"),
                    briefing_draft([s.id for s in window]), BRIEFING_TOKENS)


def usable(article: Article, evidence: Evidence) -> tuple[list[Any], list[Any]]:
    """The evidence layer's actors and speech outside sentences set aside (addressed to a model, page furniture)."""
    pool = [e for e in evidence.entities if set(e.sentences) - article.aside]
    speech = [s for s in evidence.speech if s.speaker and s.sentence not in article.aside]
    return pool, distinct(article, speech)


def distinct(article: Article, speech: list[Speech]) -> list[Speech]:
    """Statements without the lines that repeat another's words: a headline given twice ("Russia threatens
    nukes for US, UK, Finland if NATO expands"), or one inside a longer line (site navigation glued to a headline,
    which the text layer now also sets aside as furniture)."""
    text = {s.sentence: norm(article.text_of([s.sentence])).lower() for s in speech}
    return [s for i, s in enumerate(speech) if not any(
        o.sentence != s.sentence and text[o.sentence] in text[s.sentence]
        and (text[o.sentence] != text[s.sentence] or j < i) for j, o in enumerate(speech))]


class WindowPlan:
    """The questions of the sections flow over one window."""

    def __init__(self, article: Article, window: list[Sentence], topical: SectionsPlan) -> None:
        self.article = article
        self.window = window
        self.ids = {s.id for s in window}
        self.system = picks_prompt(article, window)
        self.inside = [sid for sid in topical.body if sid in self.ids]
        self.military = [sid for sid in topical.military if sid in self.ids] or self.inside
        self.diplomatic = [sid for sid in topical.diplomatic if sid in self.ids] or self.inside

    def assessment(self) -> Question:
        """The key sentences on posture and outlook: needs no evidence layer."""
        model = pick_model(assessment_model, self.military, self.diplomatic)
        return Question("assessment", messages(self.system, "assessment"), model, ASSESSMENT_TOKENS)

    def actors(self, evidence: Evidence) -> Question:
        """Which of the window's named entities are key actors, with kind and role (the ablation's question)."""
        pool, _ = usable(self.article, evidence)
        names = [e.name for e in pool if self.ids & set(e.sentences)][:MAX_ACTOR_CANDIDATES]
        # Asked with the full system prompt its answers were recorded with (fixtures/, 2026-11-27 to 12-03).
        system = system_prompt(self.article, self.window)
        return Question("actors", messages(system, "actors"), pick_model(actor_model, names), ACTORS_TOKENS)

    def claims(self, evidence: Evidence) -> Question:
        """The stance of each of the window's statements."""
        _, speech = usable(self.article, evidence)
        sentences = [s.sentence for s in speech if s.sentence in self.ids][:MAX_CLAIM_CANDIDATES]
        return Question("claims", messages(self.system, "claims"), pick_model(claim_model, sentences), CLAIMS_TOKENS)


@dataclass
class SectionsPlan:
    """The sections flow over an article: its body sentences, its military and diplomatic ones, its windows."""

    body: list[str]
    military: list[str]
    diplomatic: list[str]
    windows: list[WindowPlan] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article, windows: list[list[Sentence]]) -> SectionsPlan:
        """Plan every window of the article."""
        military, diplomatic = ([sid for sid in ids if sid not in article.aside] for ids in topics(article))
        plan = cls(article.body_ids(), military, diplomatic)
        plan.windows = [WindowPlan(article, window, plan) for window in windows]
        return plan
