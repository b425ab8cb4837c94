"""The embedded default on the analysts' answer keys, half by half: rules are written on half A and checked on B.

    python benchmarks/halves.py [DIR]        (default: tests/data/corpus, 37 answer keys)

The keys fall in two halves by the SHA-256 of the article's file name (even: A, odd: B;
summariser/answer_keys.py's `half`). Each briefing is the embedded default's, its model answers replayed from
fixtures/ (the recordings of the real model), so the figures are reproducible offline; state is isolated (a
temporary SUMMARISER_HOME, no cache, no history). Prints `summarise eval`'s answer-key table for half A, half B
and both.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SUMMARISER_HOME"] = tempfile.mkdtemp(prefix="summariser-bench-")

from summariser.answer_keys import Graded, grade, half, keys, reference, table  # noqa: E402
from summariser.evidence import analyse  # noqa: E402
from summariser.flow.run import brief  # noqa: E402
from summariser.llm.providers import connect  # noqa: E402
from summariser.settings import Settings  # noqa: E402
from summariser.text import load  # noqa: E402


def main() -> int:
    """Print the answer-key table per half."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "corpus"
    client = connect(Settings.from_env(backend="replay", cache=False, fixtures=ROOT / "fixtures"))
    graded: dict[str, list[Graded]] = {"A": [], "B": []}
    for name, key in keys(folder).items():
        article = load(str(folder / name))
        graded[half(name)].append(grade(article, brief(article, client, analyse(article)), key, reference(folder, name)))
    for title, scored in (("Half A (rules written here)", graded["A"]), ("Half B (checked)", graded["B"]),
                          ("Both halves", graded["A"] + graded["B"])):
        print(f"## {title}\n\n{table(scored)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
