"""Run: plan -> ask -> verify -> assemble for one article, owning its counters.

Strong models get one call per window with the full draft; small models two
short calls per window sharing the article prefix, choosing among candidates
the evidence layer found: asked together against a server, in turn in-process
(llama.cpp reuses the prefix they share, so the later ones are cheap).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from .. import prompts
from ..briefing.model import Briefing, EvidenceSpan, Meta
from ..briefing.verify import Verifier
from ..errors import BriefingError, InputError
from ..evidence import Evidence, analyse
from ..llm.client import Client, Tally
from ..loop import run_sync
from ..text import Article, Sentence, by_position
from ..text.language import name_of
from . import assemble, decide
from .plan import Question, SectionsPlan, briefing_question, usable, windows

log = logging.getLogger("summariser")


def brief(article: Article, client: Client, evidence: Evidence | None = None) -> Briefing:
    """Produce a verified briefing of `article` with `client` (and the evidence layer's findings, when found)."""
    return run_sync(brief_async(article, client, evidence))


async def brief_async(article: Article, client: Client,
                      evidence: asyncio.Future[Evidence] | Evidence | None = None) -> Briefing:
    """`brief` for an event loop; `evidence` when it was found already, or is being found elsewhere (a future
    from a worker process)."""
    started = time.monotonic()
    if article.language != "en" and client.name == "embedded":
        raise InputError(
            f"{article.source}: the article is in {name_of(article.language)}, and the embedded model reads English "
            "only; use a multilingual model: --base-url URL --model NAME (or OPENAI_API_KEY and --model)"
        )
    parts = windows(article, client.context_tokens)
    if len(parts) > 1:
        log.info("%s: %d sentences in %d overlapping windows", article.source, len(article.sentences), len(parts))
    run = _Run(article, client)
    if evidence is None:  # spaCy loads and parses in a thread while the model reads the article
        evidence = asyncio.ensure_future(asyncio.to_thread(analyse, article))
    elif not isinstance(evidence, asyncio.Future):
        found = evidence
        evidence = asyncio.get_running_loop().create_future()
        evidence.set_result(found)
    sections = await (run.sections(evidence, parts) if client.small else run.single(evidence, parts))
    tally = run.tally
    meta = Meta(
        source=article.source, url=article.url, title=article.title, date=article.date, language=article.language,
        backend=client.name, model=client.model,
        prompt_version=prompts.flow_version(client.small),
        usage=tally.usage.model_copy(),
        attempts=tally.attempts, calls=tally.calls, seconds=round(time.monotonic() - started, 2),
        support_check=run.support_check,
    )
    briefing = Briefing(**sections, evidence={}, verification=run.verifier.verification, meta=meta)
    cited = by_position(set(briefing.citations()))
    spans = {sid: EvidenceSpan(start=s.start, end=s.end, text=s.text) for sid in cited if (s := article.sentence(sid))}
    return briefing.model_copy(update={"evidence": spans})


class _Run:
    """One article's questions: asked, verified and counted."""

    def __init__(self, article: Article, client: Client) -> None:
        self.article = article
        self.client = client
        self.verifier = Verifier(article)
        self.tally = Tally()
        self.support_check: str | None = None

    async def ask(self, question: Question, checked: bool = False) -> Any:
        """One question; with `checked`, an unsupported answer is re-asked with the verifier's reasons."""
        return await self.client.ask(
            question.messages, question.response_model, max_tokens=question.max_tokens, tally=self.tally,
            source=self.article.source, validate=self.verifier.review if checked else None,
            on_drop=lambda where, why: self.verifier.drop(question.name, where, why),
        )

    async def single(self, evidence: asyncio.Future[Evidence], parts: list[list[Sentence]]) -> dict[str, Any]:
        """One well-structured call per window (one for most articles), verified after the fact; the evidence
        layer resolves who "he" is for the verifier."""
        self.verifier.evidence = await evidence
        drafts = await together(self.client, [self.ask(briefing_question(self.article, w), True) for w in parts])
        if failed := next((d for d in drafts if isinstance(d, BriefingError)), None):
            raise failed
        sections = assemble.from_drafts(drafts, self.verifier)
        from ..briefing.findings import RULES_ONLY
        from .judge import judged

        if not self.client.settings.support_check:
            self.support_check = f"not checked by a model (--no-support-check): {RULES_ONLY}"
            return sections

        self.support_check = await judged(sections, self.article, self.ask, self.verifier, self.client.model)
        return sections

    async def sections(self, evidence: asyncio.Future[Evidence], parts: list[list[Sentence]]) -> dict[str, Any]:
        """Two focused calls per window over candidates from the evidence layer; text is quoted, not generated.
        Actors, their kinds and roles come from the text alone: the small model's kinds lost to the rule on the
        answer keys (benchmarks/answer_keys.py), so it is not asked.

        The assessment's candidates need no NLP, so it is asked while `evidence` is still being found (in a
        worker process, or a thread beside the in-process model); the claims question waits for it.
        """
        plan = SectionsPlan.of(self.article, parts)

        async def after_evidence(question: Callable[[Evidence], Question]) -> Any:
            return await self.ask(question(await evidence))

        asked: list[tuple[str, Coroutine[Any, Any, Any]]] = []
        for window in plan.windows:  # independent questions: a server answers them at once; the in-process model
            # answers in order, so the one that needs no NLP goes first, while spaCy parses
            asked += [("assessment", self.ask(window.assessment())), ("claims", after_evidence(window.claims))]
        answers = await together(self.client, [coroutine for _, coroutine in asked])
        named: dict[str, list[Any]] = {"claims": [], "assessment": []}
        for (name, _), answer in zip(asked, answers, strict=True):
            if isinstance(answer, BriefingError):
                self.verifier.failed(name, str(answer))  # a question with no valid answer is recorded and skipped
            else:
                named[name].append(answer)
        if not any(named.values()):
            raise BriefingError(f"the model gave no valid answer to any question: {answers[-1]}")
        return self._assembled(evidence.result(), plan, named)

    def _assembled(self, found: Evidence, plan: SectionsPlan, named: dict[str, list[Any]]) -> dict[str, Any]:
        """The parts from the answers by name, in the order their items are verified."""
        article, verifier = self.article, self.verifier
        pool, speech = usable(article, found)
        stances: dict[str, Any] = {}
        for answer in named["claims"]:
            for pick in answer.claims:
                stances.setdefault(pick.sentence, pick.stance)
        judgements = named["assessment"]
        claims = assemble.claims(article, found, speech, stances,
                                 min(decide.MAX_CLAIMS * len(plan.windows), decide.MAX_CLAIMS_ARTICLE), verifier)
        key_actors = assemble.actors(article, decide.salient(article, pool, speech, found), verifier, found,
                                     claims)
        body = set(plan.body)

        def in_body(ids: list[str]) -> list[str]:  # not the headline or a crumb line that repeats it
            return [sid for sid in ids if sid in body] or ids

        return {
            "bottom_line": decide.bottom_line(article, plan.body),
            "key_actors": key_actors, "claims": claims,
            "force_posture": assemble.posture(article, found, judgements, in_body(plan.military), verifier),
            "diplomatic_outlook": assemble.outlook(article, found, judgements, in_body(plan.diplomatic)),
            "confidence": assemble.confidence(claims),
            "gaps": assemble.gaps(article, found, claims),
        }


async def together(client: Client, asks: list[Coroutine[Any, Any, Any]]) -> list[Any]:
    """Answers in order, a BriefingError in place of a question without a valid answer.

    Questions are in flight together where the client allows (a TaskGroup); any other error (the server
    is gone, the key is refused) ends the article at once, the other questions cancelled, and is raised as it is.
    """

    async def settle(ask: Coroutine[Any, Any, Any]) -> Any:
        try:
            return await ask
        except BriefingError as e:
            return e

    if not client.concurrent:  # one in-process model: in order, and llama.cpp reuses the shared prefix
        out: list[Any] = []
        for i, ask in enumerate(asks):
            try:
                out.append(await settle(ask))
            except BaseException:
                for rest in asks[i + 1 :]:
                    rest.close()
                raise
        return out
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(settle(ask)) for ask in asks]
    except BaseExceptionGroup as failed:  # the first error that ended the group, not the group
        raise failed.exceptions[0] from None
    return [task.result() for task in tasks]
