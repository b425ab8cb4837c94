"""The one-call flow (`--flow single`) over hand-written strong-model answers: points kept, dropped, requests.

    python benchmarks/strong_answers.py [-v]

Each of the 16 answers in tests/data/strong-answers/ (HAND-WRITTEN in the role of a strong model,
not recordings) is served for its corpus article by the fault server on 127.0.0.1 (every request
of the article, a re-ask too, gets the same answer: tests/strong.py), and briefed with `summarise brief --flow single --format json`.
State is isolated: a temporary SUMMARISER_HOME and --no-cache. Prints points in the answers, points
dropped whole (with the reasons, grouped), sentences removed from points that stay, and requests.
"""

from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.strong import serving  # noqa: E402

ANSWERS = ROOT / "tests" / "data" / "strong-answers"
CORPUS = ROOT / "tests" / "data" / "corpus"


def points(answer: dict) -> int:  # type: ignore[type-arg]
    """The checkable points of an answer: bottom line, actors, claims, deployments, the two assessments."""
    return (1 + len(answer["key_actors"]) + len(answer["claims"]) + len(answer["force_posture"]["deployments"]) + 2)


def main() -> int:
    """Brief every article from its answer and print the figures."""
    verbose = "-v" in sys.argv
    total = dropped = requests = trimmed = 0
    reasons: collections.Counter[str] = collections.Counter()
    with tempfile.TemporaryDirectory() as home:
        for path in sorted(ANSWERS.glob("*.json")):
            answer = json.loads(path.read_text(encoding="utf-8"))
            article = CORPUS / path.name.removesuffix(".json")
            with serving([article.name]) as server:
                proc = subprocess.run(
                    [sys.executable, "-m", "summariser", "brief", str(article), "--base-url", server.url,
                     "--model", "gpt-4o", "--flow", "single", "--format", "json", "--no-cache",
                     "--no-support-check"],  # the rules alone: a judge is tested with its own answers
                    cwd=ROOT, capture_output=True, text=True,
                    env={**os.environ, "SUMMARISER_HOME": home, "OPENAI_API_KEY": "sk-benchmark-not-a-key"},
                )
            if proc.returncode != 0:
                print(f"{article.name}: FAILED {proc.stderr.strip()}")
                continue
            b = json.loads(proc.stdout)
            listed = b["verification"]["dropped_items"]
            items = [d for d in listed if d["section"] not in {"gaps", "channels"}
                     and not d["reason"].startswith("sentence removed")]
            trimmed += sum(d["reason"].startswith("sentence removed") for d in listed)
            total += points(answer)
            dropped += len(items)
            requests += len(server.bodies)
            for d in items:
                reasons[re.sub(r"'[^']*'|S\d+|\d+", "…", d["reason"])[:90]] += 1
                if verbose:
                    print(f"  {article.name} {d['section']} {d['item'][:60]!r}: {d['reason'][:140]}")
    print(f"{len(list(ANSWERS.glob('*.json')))} articles, {total} points, {dropped} dropped "
          f"({100 * dropped / max(total, 1):.1f}%), {trimmed} sentences removed from kept points, {requests} requests")
    for reason, count in reasons.most_common():
        print(f"{count:4d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
