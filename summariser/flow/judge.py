"""The judge: a model reads what it wrote against only the sentences each statement cites (one request a briefing).

It sees the statements (claims, and each sentence of the bottom line and the
assessments) and their cited sentences, never the whole article, so an
instruction hidden elsewhere in the article cannot reach it. A statement it
calls not stated or contradicted is dropped (a claim) or removed (a sentence of
a longer text) and listed in `verification` with its reason; a judge that fails
leaves every item as it was, and the briefing says they were not checked by a
model.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .. import prompts
from ..briefing.model import split_refs
from ..errors import SummariserError
from ..text.segment import segment
from .plan import Question

if TYPE_CHECKING:
    from ..text import Article

log = logging.getLogger("summariser")
# The answer: a few tokens of JSON around it, and about 50 per verdict ({"statement": "J3", "verdict": ..., ...}).
JUDGE_TOKENS, JUDGE_TOKENS_PER_STATEMENT = 80, 60
MAX_REASON = 200
Verdict = Literal["supported", "not stated", "contradicted"]


@dataclass(frozen=True)
class Statement:
    """One statement for the judge: its id, where it is in the briefing, its text and its cited sentences."""

    id: str
    where: tuple[str, int]  # ("claims", 2), ("bottom_line", 0): the part and the claim or sentence index
    text: str
    sentences: list[tuple[str, str]]


def statements(sections: dict[str, Any], article: Article) -> list[Statement]:
    """What the model wrote in the briefing's sections, each with its cited sentences' text."""
    found: list[tuple[tuple[str, int], str, list[str]]] = []
    for i, claim in enumerate(sections["claims"]):
        found.append((("claims", i), claim.statement, list(claim.evidence)))
    body, ids = split_refs(sections["bottom_line"])
    found += [(("bottom_line", i), s.text, ids) for i, s in enumerate(segment(body))]
    for part in ("force_posture", "diplomatic_outlook"):
        held = sections[part]
        found += [((part, i), s.text, list(held.evidence)) for i, s in enumerate(segment(held.assessment))]
    out: list[Statement] = []
    for where, text, cited in found:
        shown = [(sid, s.text) for sid in cited if (s := article.sentence(sid)) and sid not in article.suspicious]
        if shown and text.strip():
            out.append(Statement(f"J{len(out) + 1}", where, text, shown))
    return out


def question(items: list[Statement]) -> Question:
    """The one judge question over every statement of a briefing."""
    from pydantic import Field, create_model

    ids: Any = Literal[tuple(s.id for s in items)]
    cited: Any = Literal[tuple(sorted({sid for s in items for sid, _ in s.sentences}))]
    verdict = create_model("StatementVerdict", statement=(ids, ...), verdict=(Verdict, ...),
                           sentence=(cited | None, None), reason=(str, Field(default="", max_length=MAX_REASON)))
    verdicts = create_model("SupportVerdicts", verdicts=(list[verdict], Field(max_length=len(items))))  # type: ignore[valid-type]
    messages = [{"role": "system", "content": prompts.render("judge_system")},
                {"role": "user", "content": prompts.render("judge", statements=items)}]
    return Question("support", messages, verdicts, JUDGE_TOKENS + JUDGE_TOKENS_PER_STATEMENT * len(items))


async def judged(sections: dict[str, Any], article: Article, ask: Any, verifier: Any, model: str) -> str:
    """Apply the judge's verdicts to `sections` in place (what it does not support dropped and listed); returns
    what the briefing says of the check."""
    items = statements(sections, article)
    if not items:
        return "nothing a model wrote to check"
    try:
        answer = await ask(question(items))
    except SummariserError as e:
        log.warning("%s: the judge failed (%s); the briefing's statements were not checked by a model",
                    article.source, e)
        return f"not checked by a model: the judge failed ({str(e)[:160]})"
    said = {v.statement: v for v in answer.verdicts}
    unsupported = {s.where: (s, said[s.id]) for s in items if s.id in said and said[s.id].verdict != "supported"}
    for (part, i), (item, v) in sorted(unsupported.items(), key=lambda u: (u[0][0], -u[0][1])):
        reason = said_by(v)
        if part == "claims":
            verifier.drop("claim", item.text, reason)
            del sections["claims"][i]
        else:
            verifier.drop(part, item.text, f"sentence removed: {reason}")
    for part in ("bottom_line", "force_posture", "diplomatic_outlook"):
        gone = {i for (p, i) in unsupported if p == part}
        if gone:
            sections[part] = _without(sections[part], gone, article)
    unchecked = len(items) - len(said)
    return (f"judged by {model}: {len(unsupported)} of {len(items)} statements not supported"
            + (f", {unchecked} not answered" if unchecked else ""))


def said_by(verdict: Any) -> str:
    """A judge's verdict as a reason: "judge: contradicted by S14: …"."""
    return (f"judge: {verdict.verdict}" + (f" by {verdict.sentence}" if verdict.sentence else "")
            + (f": {verdict.reason}" if verdict.reason else ""))


def _without(value: Any, gone: set[int], article: Article) -> Any:
    """A bottom line (text with its citations) or an assessment without the sentences the judge removed; the
    article's lead stands in for a bottom line left empty."""
    if isinstance(value, str):
        body, ids = split_refs(value)
        kept = " ".join(s.text for i, s in enumerate(segment(body)) if i not in gone)
        if kept:
            return f"{kept} [{', '.join(ids)}]"
        from .decide import bottom_line

        return bottom_line(article, article.body_ids())
    kept = " ".join(s.text for i, s in enumerate(segment(value.assessment)) if i not in gone)
    return value.model_copy(update={"assessment": kept or "No assessment: what the model wrote is not in the article."})
