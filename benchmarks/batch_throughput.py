"""Batch throughput against a real OpenAI-compatible HTTP server on 127.0.0.1.

The server (tests/fault_server.py) answers recorded responses after a fixed
delay, like a busy model server. 64 articles (recorded corpus articles, cycled)
are briefed at concurrency 1, 4, 16 and 32, then the concurrency-1 batch is run
again: it must make no request at all.

    python benchmarks/batch_throughput.py [--delay 0.5] [--articles 64]

Prints articles/second, the ratio to the ideal (delay x requests / concurrency),
and our CPU per article (the CLI process, no model involved).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import DATA, FAULT_ARTICLE, RECORDED  # noqa: E402
from tests.fault_server import FaultServer  # noqa: E402

MODEL = "SmolLM2-135M-Instruct.Q4_1"
QUESTIONS = 3  # per article: actors, claims, assessment


def batch(src: Path, out: Path, home: Path, url: str, concurrency: int) -> tuple[float, float]:
    """Run one batch; wall seconds and CPU seconds of the summarise process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "summariser", "batch", str(src), "-o", str(out), "--base-url", url, "--model", MODEL,
         "--concurrency", str(concurrency), "--no-cache"],
        cwd=ROOT, check=True, capture_output=True,
        env={**os.environ, "SUMMARISER_HOME": str(home), "OPENAI_API_KEY": "sk-benchmark-not-a-key"},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    """Print the throughput table and the rerun figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--articles", type=int, default=64)
    args = parser.parse_args()
    plain = [n for n in RECORDED if n not in {Path(FAULT_ARTICLE).stem, "semeval25_EN_UA_102034"}]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = work / "in"
        src.mkdir()
        for i in range(args.articles):
            name = plain[i % len(plain)]
            shutil.copy(DATA / f"{name}.txt", src / f"a{i:03d}_{name}.txt")
        requests = QUESTIONS * args.articles
        print(f"{args.articles} articles, {requests} requests, server delay {args.delay} s, 127.0.0.1")
        print("| concurrency | wall s | articles/s | ideal s | ratio to ideal | CPU ms/article |")
        print("|---|---|---|---|---|---|")
        with FaultServer(ROOT / "fixtures", delay=args.delay) as server:
            first: dict[int, float] = {}
            for c in (1, 4, 16, 32):
                wall, cpu = batch(src, work / f"out{c}", work / f"home{c}", server.url, c)
                first[c] = wall
                ideal = args.delay * requests / c
                print(f"| {c} | {wall:.1f} | {args.articles / wall:.2f} | {ideal:.1f} | {ideal / wall:.2f} | "
                      f"{1000 * cpu / args.articles:.0f} |")
            asked = len(server.bodies)
            wall, _ = batch(src, work / "out1", work / "home1", server.url, 1)
            print(f"\nrerun of the concurrency-1 batch: {wall:.2f} s, {len(server.bodies) - asked} requests, "
                  f"{first[1] / wall:.0f}x faster than its first run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
