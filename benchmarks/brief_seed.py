"""Seed briefing on the embedded model: wall time, tokens, and overhead over llama.cpp alone.

    python benchmarks/brief_seed.py [--runs 3]

Each run is a fresh `summarise brief` process (model load, spaCy, everything)
with its own temporary SUMMARISER_HOME and --no-cache: no response cache, no
history, so every run asks the model. The baseline replays the very requests of
a run straight into llama.cpp in a fresh process: the same prompts, grammars
and completion lengths, nothing of ours. It runs twice side by side: with the
model loaded as summariser loads it (extra buffer types off), and, on a CPU
without AMX, with llama-cpp-python's default load (on AMX that one crashes).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summariser.llm import embedded

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_ca47a91dfa488ab7.txt"

BASELINE = r"""
import json, os, sys, time
from pathlib import Path
t0 = time.perf_counter()
from llama_cpp import Llama
from summariser.llm import embedded
if sys.argv[2] == "ours":
    llama = embedded.llama(embedded.model_path(), 8192)
else:
    llama = Llama(model_path=str(embedded.model_path()), n_ctx=8192, n_threads=2, verbose=False, seed=0)
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
    loads = ["ours"] if embedded.cpu_has_amx() else ["ours", "default"]
    walls: list[float] = []
    bases: dict[str, list[float]] = {load: [] for load in loads}
    usage: dict[str, int] = {}
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as fixtures, tempfile.TemporaryDirectory() as home:
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "summariser", "brief", SEED, "--backend", "embedded", "--format", "json",
                 "--no-cache", "--record", "--fixtures", fixtures], cwd=ROOT, capture_output=True, text=True,
                check=True, env={**os.environ, "SUMMARISER_HOME": home},
            )
            walls.append(time.perf_counter() - t0)
            usage = json.loads(proc.stdout)["meta"]["usage"]
            for load in loads:
                replay = subprocess.run([sys.executable, "-c", BASELINE, fixtures, load], cwd=ROOT,
                                        capture_output=True, text=True, check=True)
                bases[load].append(float(replay.stdout.strip()))
        alone = ", ".join(f"llama.cpp alone ({load} load) {bases[load][-1]:.2f} s" for load in loads)
        print(f"run {i + 1}: summarise {walls[-1]:.2f} s, {alone}", file=sys.stderr)
    wall, base = statistics.median(walls), statistics.median(bases["ours"])
    print(f"seed briefing, embedded model, {args.runs} runs (fresh process each, no cache, no history)")
    print(f"wall seconds (median):            {wall:.2f}")
    print(f"prompt tokens:                    {usage['prompt_tokens']}")
    print(f"completion tokens:                {usage['completion_tokens']}")
    print(f"llama.cpp alone, same work (median): {base:.2f} s (loaded as summariser loads it)")
    if "default" in bases:
        default = statistics.median(bases["default"])
        print(f"llama.cpp alone, default load (median): {default:.2f} s; ours / default: {base / default:.2f}")
    print(f"overhead ratio (wall / llama.cpp): {wall / base:.2f}   target <= 1.3; target wall <= 60 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
