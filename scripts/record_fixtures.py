"""Re-record fixtures/ from real runs of the embedded model.

Records the seed, every corpus article, the prompt-injection articles and one
cluster of articles on one dispute (the digest's tests); SINGLE_ARTICLE once
more through the one-call flow (`--flow single`, the naive use of a small model,
whose answers fail grounding and get pruned); and one fault case:
the first answer to the claims question for FAULT_ARTICLE is a hand-written
response that picks one statement twice (named as such in its file, "note"); the
re-ask that follows goes to the real model and is recorded as it answers.

    python scripts/record_fixtures.py
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion

from summariser.flow.run import brief
from summariser.llm.providers import Embedded, connect
from summariser.settings import EMBEDDED_MODEL, Backend, Flow, Settings
from summariser.text import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT / "tests" / "data" / "corpus"
RECORDED = [
    "bbcsum_politics_014", "cnn_allennlp_c222979bd1", "frank_xsum_26065545", "frank_xsum_38181139",
    "semeval25_EN_UA_000104", "semeval25_EN_UA_008072", "semeval25_EN_UA_010735", "semeval25_EN_UA_021310",
    "semeval25_EN_UA_024628", "semeval25_EN_UA_102034",
]
# Every corpus article (the ten above first, as before), so that `summarise eval tests/data/corpus` replays
# over all the answer keys; the corpus's copy of the seed is the seed itself.
ARTICLES = [
    ROOT / "seeds" / "000_ca47a91dfa488ab7.txt", *(CORPUS / f"{name}.txt" for name in RECORDED),
    *sorted(p for p in CORPUS.glob("*.txt") if p.stem not in RECORDED and not p.name.startswith("000_")),
    *sorted((ROOT / "tests" / "data" / "injection").glob("*.txt")),
    # One cluster of articles on one dispute, for the digest's tests (tests/test_digest.py).
    *sorted((ROOT / "tests" / "data" / "clusters" / "gershkovich-detention").glob("*.txt")),
]
FAULT_ARTICLE = CORPUS / "frank_xsum_38181139.txt"
SINGLE_ARTICLE = FAULT_ARTICLE
FAULT_NOTE = "HAND-WRITTEN fault case: picks a statement twice so that validation fails and instructor re-asks"


class FaultyFirstClaims(Embedded):
    """The embedded model, except that the first claims question gets a hand-written answer repeating `sentence`."""

    def __init__(self, sentence: str) -> None:
        self.repeated = sentence

    def create(self, settings: Settings) -> Any:
        """Answer the first claims question with a hand-written repeat; pass everything else on."""
        real = super().create(settings)
        state = {"done": False}

        async def create_with_fault(**kwargs: Any) -> ChatCompletion:
            tool = kwargs.get("tools", [{}])[0].get("function", {}).get("name")
            if tool == "ClaimPicks" and not state["done"]:
                state["done"] = True
                pick = {"sentence": self.repeated, "stance": "neutral"}
                arguments = json.dumps({"claims": [pick, pick]})
                return ChatCompletion.model_validate({
                    "id": "hand-written-fault", "object": "chat.completion", "created": 0, "model": EMBEDDED_MODEL,
                    "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                        "role": "assistant", "content": None, "tool_calls": [{
                            "id": "call_fault", "type": "function",
                            "function": {"name": "ClaimPicks", "arguments": arguments}}]}}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                })
            result: ChatCompletion = await real(**kwargs)
            return result

        return create_with_fault


def main() -> int:
    """Record every article; print a line per briefing."""
    if FIXTURES.exists():
        shutil.rmtree(FIXTURES)
    os.environ["SUMMARISER_HOME"] = tempfile.mkdtemp(prefix="summariser-record-")  # no history of the user's
    runs = [(path, Flow.SECTIONS) for path in ARTICLES] + [(SINGLE_ARTICLE, Flow.SINGLE)]
    for path, flow in runs:
        settings = Settings(backend=Backend.EMBEDDED, flow=flow, cache=False, record=True, fixtures=FIXTURES)
        article = load(str(path.relative_to(ROOT)))
        if path == FAULT_ARTICLE and flow is Flow.SECTIONS:
            from summariser.evidence import analyse
            from summariser.flow.plan import usable

            faulty = FaultyFirstClaims(usable(article, analyse(article))[1][0].sentence)
            client = connect(settings, faulty, note=lambda r: FAULT_NOTE if r.id == "hand-written-fault" else None)
        else:
            client = connect(settings, Embedded())
        b = brief(article, client)
        print(f"{path.name} ({flow}): {b.meta.calls} calls, {b.meta.attempts} attempts, {b.meta.seconds} s", file=sys.stderr)
    ablation()
    return 0


def ablation() -> None:
    """The actors question, which the flow no longer asks, for every keyed article: benchmarks/answer_keys.py
    replays it to set the small model's kinds against the text's rule."""
    from summariser.evidence import analyse
    from summariser.flow.plan import SectionsPlan, windows
    from summariser.llm.client import Tally
    from summariser.loop import run_sync

    client = connect(Settings(backend=Backend.EMBEDDED, cache=False, record=True, fixtures=FIXTURES), Embedded())
    for path in sorted((CORPUS / "gold").glob("*.json")):
        article = load(str((CORPUS / path.stem).relative_to(ROOT)))
        evidence = analyse(article)
        for window in SectionsPlan.of(article, windows(article, client.context_tokens)).windows:
            q = window.actors(evidence)
            run_sync(client.ask(q.messages, q.response_model, max_tokens=q.max_tokens, tally=Tally()))
        print(f"{article.source}: actors question (ablation)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
