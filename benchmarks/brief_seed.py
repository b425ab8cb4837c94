"""Seed briefing on the embedded model: wall time, tokens, and overhead over llama.cpp alone.

    python benchmarks/brief_seed.py [--runs 3]

Each run is a fresh `summarise brief` process (model load, spaCy, everything).
The baseline replays the very requests of a run straight into llama.cpp in a
fresh process: the same prompts, grammars and completion lengths, nothing of ours.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_ca47a91dfa488ab7.txt"

BASELINE = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from llama_cpp import Llama, LlamaRAMCache
from summariser.llm import embedded_model_path
llama = Llama(model_path=str(embedded_model_path()), n_ctx=8192, n_threads=2, verbose=False, seed=0)
llama.set_cache(LlamaRAMCache(capacity_bytes=256 << 20))
records = [json.loads(p.read_text()) for p in Path(sys.argv[1]).glob("*.json")]
records.sort(key=lambda r: r["response"]["created"])
for r in records:
    req = dict(r["request"]); req.pop("model", None)
    req["max_tokens"] = r["response"]["usage"]["completion_tokens"]
    llama.create_chat_completion(**req, repeat_penalty=1.15)
print(time.perf_counter() - t0)
"""


def main() -> int:
    """Print median wall seconds, tokens and the overhead ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    walls, bases, usage = [], [], {}
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as fixtures:
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "summariser", "brief", SEED, "--backend", "embedded", "--format", "json",
                 "--record", "--fixtures", fixtures], cwd=ROOT, capture_output=True, text=True, check=True,
            )
            walls.append(time.perf_counter() - t0)
            usage = json.loads(proc.stdout)["meta"]["usage"]
            base = subprocess.run([sys.executable, "-c", BASELINE, fixtures], cwd=ROOT, capture_output=True,
                                  text=True, check=True)
            bases.append(float(base.stdout.strip()))
        print(f"run {i + 1}: summarise {walls[-1]:.2f} s, llama.cpp alone {bases[-1]:.2f} s", file=sys.stderr)
    wall, base = statistics.median(walls), statistics.median(bases)
    print(f"seed briefing, embedded model, {args.runs} runs (fresh process each)")
    print(f"wall seconds (median):            {wall:.2f}")
    print(f"prompt tokens:                    {usage['prompt_tokens']}")
    print(f"completion tokens:                {usage['completion_tokens']}")
    print(f"llama.cpp alone, same work (median): {base:.2f} s")
    print(f"overhead ratio (wall / llama.cpp): {wall / base:.2f}   target <= 1.3; target wall <= 60 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
