"""The hand-written distortions of the strong answers, read without a model: what the meaning check drops, what `check` flags.

    python benchmarks/distortions.py

Data: tests/data/distortions/ (HAND-WRITTEN unfaithful variants of the strong answers, with faithful controls;
not model output). Each item's claim is read two ways, both deterministic (no model, no cache, no history):
- **the meaning check drops it**: the statement read against the sentences it cites, as the one-call flow's
  verifier reads a claim (its speaker's name needs no support there); a finding that drops a claim (a time
  missing, a negation, an opposite predicate, changed certainty, swapped roles) counts. The verifier's other
  checks (the speaker named where cited, quotes verbatim, numbers present) are not counted here;
- **`summarise check` flags it**: `summariser.check` on the statement alone against the whole article (it aligns
  the sentences itself); anything but "supported" counts, added words included.
Prints, per distortion type and for the faithful controls, both counts.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.briefing.support import read_cited, source  # noqa: E402
from summariser.checks import check  # noqa: E402
from summariser.text import load  # noqa: E402

DISTORTIONS = ROOT / "tests" / "data" / "distortions"
CORPUS = ROOT / "tests" / "data" / "corpus"


def main() -> int:
    """Read every item both ways and print the counts."""
    total: collections.Counter[str] = collections.Counter()
    dropped: collections.Counter[str] = collections.Counter()
    flagged: collections.Counter[str] = collections.Counter()
    for path in sorted(DISTORTIONS.glob("*.json")):
        given = json.loads(path.read_text(encoding="utf-8"))
        article = load(str(CORPUS / given["article"]))
        src = source(article)
        for item in given["items"]:
            claim = item["claim"]
            kind = item["type"] if item["label"] == "distorted" else "faithful control"
            ids = [i for i in claim["evidence"] if i in src.ids]
            support = read_cited(claim["statement"], src, ids, also=(claim.get("speaker") or "").lower().split())
            total[kind] += 1
            dropped[kind] += bool(support.dropping())
            flagged[kind] += not check(claim["statement"], article).supported
    print(f"{'type':18} {'n':>3}  {'meaning check drops':>19}  {'check flags':>11}")
    for kind in sorted(total, key=lambda k: (k == "faithful control", k)):
        n = total[kind]
        print(f"{kind:18} {n:3}  {dropped[kind]:10} ({dropped[kind] / n:4.0%})  {flagged[kind]:4} ({flagged[kind] / n:4.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
