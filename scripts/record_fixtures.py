"""Re-record fixtures/ from real runs of the embedded model.

Records the seed, every corpus article, the prompt-injection articles and one
cluster of articles on one dispute (the digest's tests); SINGLE_ARTICLE once
more through the one-call flow (`--flow single`, the naive use of a small model,
whose answers fail grounding and get pruned); and one fault case:
the first answer to the actors question for FAULT_ARTICLE is a hand-written
response that repeats an actor (named as such in its file, "note"); the
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
from summariser.settings import EMBEDDED_MODEL, Settings
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
FAULT_NOTE = "HAND-WRITTEN fault case: repeats an actor so that validation fails and instructor re-asks"


class FaultyFirstActors(Embedded):
    """The embedded model, except that the first actors question gets a hand-written answer repeating `name`."""

    def __init__(self, name: str) -> None:
        self.name_repeated = name

    def create(self, settings: Settings) -> Any:
        """Answer the first actors question with a hand-written repeat; pass everything else on."""
        real = super().create(settings)
        state = {"done": False}

        async def create_with_fault(**kwargs: Any) -> ChatCompletion:
            tool = kwargs.get("tools", [{}])[0].get("function", {}).get("name")
            if tool == "ActorPicks" and not state["done"]:
                state["done"] = True
                pick = {"name": self.name_repeated, "kind": "person", "role": "named in the article"}
                arguments = json.dumps({"key_actors": [pick, pick]})
                return ChatCompletion.model_validate({
                    "id": "hand-written-fault", "object": "chat.completion", "created": 0, "model": EMBEDDED_MODEL,
                    "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                        "role": "assistant", "content": None, "tool_calls": [{
                            "id": "call_fault", "type": "function",
                            "function": {"name": "ActorPicks", "arguments": arguments}}]}}],
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
    runs = [(path, "sections") for path in ARTICLES] + [(SINGLE_ARTICLE, "single")]
    for path, flow in runs:
        settings = Settings(backend="embedded", flow=flow, cache=False, record=True, fixtures=FIXTURES)
        article = load(str(path.relative_to(ROOT)))
        if path == FAULT_ARTICLE and flow == "sections":
            from summariser.evidence import analyse

            faulty = FaultyFirstActors(analyse(article).entities[0].name)
            client = connect(settings, faulty, note=lambda r: FAULT_NOTE if r.id == "hand-written-fault" else None)
        else:
            client = connect(settings, Embedded())
        b = brief(article, client)
        print(f"{path.name} ({flow}): {b.meta.calls} calls, {b.meta.attempts} attempts, {b.meta.seconds} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
