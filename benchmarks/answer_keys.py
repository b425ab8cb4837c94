"""The ablation behind the embedded default's labels, bottom line and actors, on the analysts' answer keys.

    python benchmarks/answer_keys.py [DIR]        (default: tests/data/corpus, 37 answer keys)

For every article with a key in DIR/gold/ it compares, side by side in one run:
- trend and trajectory: (a) the cue-word rules with negation and hypotheticals (flow/decide.py over evidence/cues.py,
  what the briefing uses), (d) every constant label;
- the bottom line: the first three body sentences (what the briefing uses), the first one and two body sentences,
  and the Lead-1 / Lead-3 baselines: key facts conveyed, and ROUGE-1/2/L F against DIR/refs/;
- actors: the eight most salient names and the claims' named speakers (what the briefing uses), the eight
  alone, and the model's choices first (an earlier rule); their kinds by the text's rule (used), by the small
  model's pick (used until 2026-12-04) and by the rule with the model's pick where the rule says "other", on each
  half of the keys (answer_keys.half) — required actors found, and the share of the listed
  names the key names at all (required or optional: a floor for precision, as optional lists are not
  exhaustive); speakers: the claims' (what the briefing shows), all the evidence layer finds, and that
  without the byline's author.
The small model is no longer asked for labels or a lead (it lost to every constant): the rows "(b) the small model's
label", "(c) rules, else the model" and "the small model's lead pick" in the README come from the recordings of
2026-11-27 and are reproduced by this script as it was then (`git checkout 357b19d`). The actor choices still come
from the recordings (`--backend replay`), so the figures are reproducible offline;
state is isolated (a temporary SUMMARISER_HOME, no cache, no history). Right = the gold label; wrong =
outside the acceptable labels; see summariser/answer_keys.py.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SUMMARISER_HOME"] = tempfile.mkdtemp(prefix="summariser-bench-")

from summariser.answer_keys import (  # noqa: E402
    LABELS,
    conveyed,
    found,
    half,
    keys,
    lead,
    listed,
    reference,
    rouge,
    verdict,
)
from summariser.answer_keys import kinds as kinds_right  # noqa: E402
from summariser.briefing.model import Actor  # noqa: E402
from summariser.evidence import analyse, title_of  # noqa: E402
from summariser.evidence.speech import byline  # noqa: E402
from summariser.flow.assemble import spread  # noqa: E402
from summariser.flow.decide import (  # noqa: E402
    MAX_ACTORS,
    MAX_CLAIMS,
    decide_trajectory,
    decide_trend,
    salient,
    speaking,
)
from summariser.flow.kinds import kind_of  # noqa: E402
from summariser.flow.plan import SectionsPlan, usable, windows  # noqa: E402
from summariser.llm.client import Tally  # noqa: E402
from summariser.llm.providers import connect  # noqa: E402
from summariser.loop import run_sync  # noqa: E402
from summariser.settings import Settings  # noqa: E402
from summariser.text import load  # noqa: E402

CONSTANTS = {"trend": ("escalating", "stable", "de-escalating", "unclear"),
             "trajectory": ("improving", "stalled", "deteriorating", "unclear")}


def model_picks(article: Any, evidence: Any, client: Any) -> dict[str, Any]:
    """The small model's actor choices (name: its pick, with kind and role), replayed."""
    plan = SectionsPlan.of(article, windows(article, client.context_tokens))

    async def ask(question: Any) -> Any:
        return await client.ask(question.messages, question.response_model, max_tokens=question.max_tokens,
                                tally=Tally())

    return {p.name: p for w in reversed(plan.windows) for p in run_sync(ask(w.actors(evidence))).key_actors}


def model_kind(entity: Any, pick: Any) -> str:
    """The kind as the sections flow took it until 2026-12-04: people and places by their label, organisations
    as the small model classed them ("other" where it did not pick them)."""
    if entity.label in ("PERSON", "GPE"):
        return "person" if entity.label == "PERSON" else "state"
    return pick.kind if pick and pick.kind not in ("person", "state") else "other"


def main() -> int:
    """Print the ablation tables."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "corpus"
    client = connect(Settings.from_env(backend="replay", cache=False, fixtures=ROOT / "fixtures"))
    labels: dict[str, Counter[str]] = {}
    texts: dict[str, dict[str, list[float]]] = {}
    recall: dict[str, list[int]] = {}
    kinds: dict[str, dict[str, list[int]]] = {}  # variant: half: [right, total]
    answer_keys = keys(folder)
    for name, key in answer_keys.items():
        article = load(str(folder / name))
        evidence = analyse(article)
        picks = model_picks(article, evidence, client)
        rules = {"trend": decide_trend(evidence.cues, evidence.military),
                 "trajectory": decide_trajectory(evidence.cues, evidence.diplomatic, article.lead_ids())}
        for field in LABELS:
            gold = key.labels[field]
            variants = {"(a) cue rules": rules[field], **({"(a') cue rules, the lead not weighted": decide_trajectory(
                            evidence.cues, evidence.diplomatic)} if field == "trajectory" else {}),
                        **{f"(d) constant {c}": c for c in CONSTANTS[field]}}
            for variant, label in variants.items():
                labels.setdefault(f"{field}|{variant}", Counter())[verdict(label, *gold)] += 1
        body = article.body_ids()
        candidates = {"body lead-3 (used)": article.text_of(body[:3]), "body lead-1": article.text_of(body[:1]),
                      "body lead-2": article.text_of(body[:2]), "Lead-1": lead(article, 1), "Lead-3": lead(article, 3)}
        ref = reference(folder, name)
        for variant, text in candidates.items():
            figures = texts.setdefault(variant, {"facts": [], "rouge1": [], "rouge2": [], "rougeL": []})
            figures["facts"].append(conveyed(text, key.facts) or 0.0)
            if ref:
                for metric, value in rouge(text, ref).items():
                    figures[metric].append(value)
        pool, speech = usable(article, evidence)
        ranked = salient(article, pool, speech, evidence)[:MAX_ACTORS]
        said: dict[str, list[str]] = {}
        for item in spread(speech, MAX_CLAIMS * len(windows(article, client.context_tokens))):
            said.setdefault(item.speaker or "", []).append(item.sentence)
        names = [e.name for e in ranked]
        actors = ranked + speaking(said, evidence, ranked)
        rule = [kind_of(e, title_of(article, e) or "") for e in actors]  # as the briefing decides it
        picked = [model_kind(e, picks.get(e.name)) for e in actors]
        ways: dict[str, list[Any]] = {
            "the text's rule (used)": rule,
            "the small model's pick for organisations (until 2026-12-04)": picked,
            "the rule, the model's pick where the rule says other": [r if r != "other" else m
                                                                    for r, m in zip(rule, picked, strict=True)],
        }
        for variant, chosen in ways.items():
            right, total = kinds_right(key, [Actor(name=e.name, kind=k, evidence=[]) for e, k in zip(actors, chosen,
                                                                                                  strict=True)])
            tally = kinds.setdefault(variant, {}).setdefault(half(name), [0, 0])
            tally[0] += right
            tally[1] += total
        before = ([e.name for e in pool if e.name in picks] + [e.name for e in pool[:12] if e.name not in picks
                                                                  and e.mentions > 1])[:MAX_ACTORS]
        author = byline(article)
        for variant, (required, listed_names) in {
            "actors: 8 most salient, then the claims' named speakers (used)":
                (key.actors, names + [e.name for e in speaking(said, evidence, ranked)]),
            "actors: 8 most salient alone": (key.actors, names),
            "actors: the model's choices first, then mentions (an earlier rule)": (key.actors, before),
            "speakers: the claims', spread over speakers (used)": (key.speakers, list(said)),
            "speakers: all the evidence layer finds": (key.speakers, [s.speaker for s in speech]),
            "speakers: all it finds, the byline's author left out": (key.speakers, [
                s.speaker for s in speech if not author or s.speaker != author[0]]),
        }.items():
            tallied = recall.setdefault(variant, [0, 0, 0, 0])
            for i, (hits, total) in enumerate((found(required, [n for n in listed_names if n]),
                                               listed(key.actors + key.optional, [n for n in listed_names if n]))):
                tallied[2 * i] += hits
                tallied[2 * i + 1] += total
    print(f"{len(answer_keys)} answer keys in {folder}; the small model's actor choices replayed from fixtures/\n")
    for field in LABELS:
        print(f"| {field} | right | wrong | abstained | other acceptable |\n|---|---|---|---|---|")
        for name, counts in labels.items():
            if name.startswith(field + "|"):
                print(f"| {name.split('|')[1]} | {counts['right']} | {counts['wrong']} | {counts['abstained']} | "
                      f"{counts['acceptable']} |")
        print()
    refs = len(next(iter(texts.values()))["rougeL"])
    print(f"| bottom line | key facts | ROUGE-1 | ROUGE-2 | ROUGE-L ({refs} references) |\n|---|---|---|---|---|")
    for variant, figures in texts.items():
        print(f"| {variant} | " + " | ".join(f"{statistics.fmean(figures[m]):.3f}" if figures[m] else "—"
                                          for m in ("facts", "rouge1", "rouge2", "rougeL")) + " |")
    print("\n| actors and speakers | required found | listed by the key (precision floor) |\n|---|---|---|")
    for variant, (hits, total, kept, shown) in recall.items():
        share = f"{kept}/{shown} = {kept / shown:.3f}" if variant.startswith("actors") else ""
        print(f"| {variant} | {hits}/{total} = {hits / total:.3f} | {share} |")
    print("\n| actors' kinds (the actors listed, those the key gives a kind) | half A | half B |\n|---|---|---|")
    for variant, halves in kinds.items():
        print(f"| {variant} | " + " | ".join(f"{r}/{t} = {r / t:.3f}" for r, t in (halves.get(h, [0, 1]) for h in "AB"))
              + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
