"""How long a digest of 20 briefings takes without a model (the target: under 5 s).

    python benchmarks/digest_speed.py

Briefs 20 Russia–Ukraine corpus articles from the recordings (`--backend replay`, not timed) into briefing JSON
files, then times `summarise digest FOLDER` three times, the whole command as a user runs it (process start, the
parser loaded, the 20 articles read back and compared sentence by sentence); prints each run and the median, and the
digest's length in lines. State is isolated: a temporary SUMMARISER_HOME, no cache, no history; no model is asked.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    env = {**os.environ, "SUMMARISER_HOME": tempfile.mkdtemp(prefix="summariser-bench-"),
           "SUMMARISER_FIXTURES": str(ROOT / "fixtures")}
    articles = sorted((ROOT / "tests" / "data" / "corpus").glob("semeval25_EN_UA_*.txt"))[:20]
    folder = Path(tempfile.mkdtemp(prefix="summariser-digest-"))
    for path in articles:
        subprocess.run([sys.executable, "-m", "summariser", "brief", str(path.relative_to(ROOT)), "--backend", "replay",
                        "--format", "json", "-o", str(folder / f"{path.stem}.json")], cwd=ROOT, env=env, check=True)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "summariser", "digest", str(folder)], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        runs.append(time.perf_counter() - start)
    print(f"digest of {len(articles)} briefings: " + ", ".join(f"{r:.2f} s" for r in runs)
          + f"; median {statistics.median(runs):.2f} s; {len(proc.stdout.splitlines())} lines of Markdown")


if __name__ == "__main__":
    main()
