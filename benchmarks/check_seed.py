"""`summarise check` on a 10-sentence summary of the seed, without a model: seconds, median of 3.

    python benchmarks/check_seed.py

The summary is ten of the seed's own body sentences, every other one with its negation dropped or a weekday
changed (HAND-WRITTEN edits, made here in code). State is isolated: a temporary SUMMARISER_HOME, no cache is
read or written (the check asks no model). Prints the command's wall time (process start, spaCy's load and
the article's parse included) and the check alone in-process (the article's parse included, spaCy loaded).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.briefing.support import parsed_sentences  # noqa: E402
from summariser.checks import check  # noqa: E402
from summariser.text import load  # noqa: E402
from summariser.text.parse import nlp  # noqa: E402

SEED = ROOT / "seeds" / "000_ca47a91dfa488ab7.txt"


def summary() -> str:
    """Ten body sentences of the seed, every other one altered."""
    article = load(str(SEED))
    picked = [article.sentence(i).text for i in article.body_ids()[:10]]  # type: ignore[union-attr]
    edits = [re.sub(r"\bnot ", "", s, count=1).replace("Tuesday", "Wednesday") if i % 2 else s
             for i, s in enumerate(picked)]
    return " ".join(edits)


def main() -> int:
    """Time the command and the check."""
    text = summary()
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "summary.txt"
        path.write_text(text, encoding="utf-8")
        env = {**{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))},
               "SUMMARISER_HOME": home}
        walls = []
        for _ in range(3):
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "summariser", "check", str(path), "--against", str(SEED)],
                                  cwd=ROOT, env=env, capture_output=True, text=True)
            walls.append(time.perf_counter() - started)
    nlp()
    article = load(str(SEED))
    inside = []
    for _ in range(3):
        parsed_sentences.cache_clear()
        started = time.perf_counter()
        result = check(text, article)
        inside.append(time.perf_counter() - started)
    verdicts = [s.verdict.value for s in result.sentences]
    print(f"summary: {len(result.sentences)} sentences; verdicts: {verdicts}")
    print(f"summarise check (exit {proc.returncode}), whole command: median {statistics.median(walls):.2f} s")
    print(f"check() in-process, article parse included: median {statistics.median(inside):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
