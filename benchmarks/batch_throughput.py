"""Batch throughput against a real OpenAI-compatible HTTP server on 127.0.0.1.

The server (tests/fault_server.py) answers recorded responses after a fixed
delay, like a busy model server. 64 articles (recorded corpus articles, cycled)
are briefed with 1, 4, 16 and 32 requests in flight (`--concurrency`), each
article's three questions asked together; then each level's batch is run
again: it must make no request at all.

    python benchmarks/batch_throughput.py [--delay 0.5] [--articles 64] [--levels 1,4,16,32] [--repeat 3]

Per level (medians of --repeat runs) it prints the command's wall time; the batch's span as the server saw
it (first request in to last answer out); articles/second and the ratio to the
ideal (delay x requests / concurrency) over that span and over the wall time;
and CPU per article, marginal (a 64-article batch minus a 1-article batch, so
the start-up of Python, the client libraries and spaCy is left out): in the
summarise process, and in its evidence workers (spaCy's neural pipeline, the
model the sections flow runs besides the LLM); and the rerun: its wall time
(median of 3), the requests it made, and how many times faster than the first run.

State is isolated: every batch command gets a temporary SUMMARISER_HOME of its
own and --no-cache, so no response cache or history of the user's (or of an
earlier level) answers for the server; a rerun skips articles through the
batch's own state in OUTDIR, which is what it measures.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import DATA, FAULT_ARTICLE, RECORDED  # noqa: E402
from tests.fault_server import FaultServer  # noqa: E402

MODEL = "SmolLM2-135M-Instruct.Q4_1"
QUESTIONS = 3  # per article: actors, claims, assessment


@dataclass
class Run:
    """One batch command's figures."""

    wall: float  # the whole command, start-up included
    span: float  # first request received to last answer sent, at the server
    first: float  # start of the command to its first request
    cpu: float  # the summarise process
    workers: float  # its evidence worker processes


def batch(src: Path, out: Path, home: Path, server: FaultServer, concurrency: int) -> Run:
    """Run one batch command and read its figures."""
    before = len(server.requests)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "summariser", "batch", str(src), "-o", str(out), "--base-url", server.url,
         "--model", MODEL, "--concurrency", str(concurrency), "--no-cache", "-v"],
        cwd=ROOT, check=True, capture_output=True, text=True,
        env={**os.environ, "SUMMARISER_HOME": str(home), "OPENAI_API_KEY": "sk-benchmark-not-a-key"},
    )
    ended = time.monotonic()
    found = re.search(r"CPU: ([\d.]+) s in this process, ([\d.]+) s in evidence workers", proc.stderr)
    assert found, proc.stderr[-2000:]
    times = [at for at, _ in server.requests[before:]]
    span = max(times) + server.delay - min(times) if times else 0.0
    first = min(times) - started if times else 0.0
    return Run(ended - started, span, first, float(found.group(1)), float(found.group(2)))


def main() -> int:
    """Print the throughput table and the rerun figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--levels", default="1,4,16,32", help="concurrency levels")
    parser.add_argument("--repeat", type=int, default=3, help="runs per level; medians are printed")
    args = parser.parse_args()
    levels = [int(c) for c in args.levels.split(",")]
    plain = [n for n in RECORDED if n not in {Path(FAULT_ARTICLE).stem, "semeval25_EN_UA_102034"}]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src, single = work / "in", work / "one"
        src.mkdir()
        single.mkdir()
        for i in range(args.articles):
            name = plain[i % len(plain)]
            shutil.copy(DATA / f"{name}.txt", src / f"a{i:03d}_{name}.txt")
        shutil.copy(DATA / f"{plain[0]}.txt", single)
        requests = QUESTIONS * args.articles
        print(f"{args.articles} articles, {requests} requests, server delay {args.delay} s, 127.0.0.1, "
              f"{os.cpu_count()} cores")
        print("| concurrency | wall s | first request s | batch span s | articles/s | ideal s | "
              "ratio: span | ratio: wall | CPU ms/article: ours | evidence workers | rerun s | requests | faster |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        with FaultServer(ROOT / "fixtures", delay=args.delay) as server:
            for c in levels:
                fixed, done = [], []
                for i in range(args.repeat):  # side by side: a 1-article batch, then the full one
                    fixed.append(batch(single, work / f"one{c}-{i}", work / f"home-one{c}-{i}", server, c))
                    done.append(batch(src, work / f"out{c}-{i}", work / f"home{c}-{i}", server, c))
                run = Run(*(statistics.median(getattr(r, f) for r in done) for f in Run.__annotations__))
                ideal = args.delay * requests / c
                ours = statistics.median((r.cpu - f.cpu) / (args.articles - 1) for r, f in zip(done, fixed, strict=True))
                spacy = statistics.median((r.workers - f.workers) / (args.articles - 1) for r, f in zip(done, fixed, strict=True))
                asked = len(server.bodies)
                rerun = statistics.median(batch(src, work / f"out{c}-0", work / f"home{c}-0", server, c).wall
                                          for _ in range(3))
                print(f"| {c} | {run.wall:.1f} | {run.first:.1f} | {run.span:.1f} | {args.articles / run.span:.2f} | "
                      f"{ideal:.1f} | {ideal / run.span:.2f} | {ideal / run.wall:.2f} | {1000 * ours:.0f} | "
                      f"{1000 * spacy:.0f} | {rerun:.2f} | {len(server.bodies) - asked} | {done[0].wall / rerun:.0f}x |",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
