"""`summarise check` without a model on FRANK's validation split: balanced accuracy, by dataset, half and error type.

    python benchmarks/frank.py [--json FILE]

Data: benchmarks/data/frank/ (real model summaries with human factuality labels; see SOURCE.md there). Each
summary is checked against its article with `summariser.check.check` (the deterministic layer, no model; no
cache, no history, no SUMMARISER_HOME is read or written); a summary is predicted factual when every sentence is
supported. Articles are split in two halves by the parity of the SHA-256 of their file name: the thresholds of
`flow.decide` (MOST_ADDED, MOST_NEW) were chosen on half A; half B was not looked at while choosing. Prints
balanced accuracy (the mean of the recall on factual and on non-factual summaries) for all, CNN/DM and XSum, per
half and together, beside the always-factual baseline (0.500), and the share of non-factual summaries caught per
FRANK error category.
"""

from __future__ import annotations

import collections
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.checks import check  # noqa: E402
from summariser.text import load  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "frank"


def half(article: str) -> str:
    """"A" or "B": the parity of the SHA-256 of the article's file name."""
    return "AB"[int(hashlib.sha256(article.encode()).hexdigest(), 16) % 2]


def balanced(rows: list[dict]) -> float | None:  # type: ignore[type-arg]
    """Balanced accuracy of the predictions in `rows` (None when a class is missing)."""
    yes = [r for r in rows if r["factual"]]
    no = [r for r in rows if not r["factual"]]
    if not yes or not no:
        return None
    return float(sum(r["predicted"] for r in yes) / len(yes) + sum(not r["predicted"] for r in no) / len(no)) / 2


def main() -> int:
    """Check every summary and print the figures."""
    rows, seconds = [], []
    articles: dict[str, object] = {}
    for line in (DATA / "summaries.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r["article"] not in articles:
            articles[r["article"]] = load(str(DATA / "articles" / r["article"]))
        started = time.perf_counter()
        result = check(r["summary"], articles[r["article"]])  # type: ignore[arg-type]
        seconds.append(time.perf_counter() - started)
        rows.append({"id": r["id"], "dataset": r["dataset"], "half": half(r["article"]), "factual": r["factual"],
                     "categories": r["categories"], "predicted": result.supported,
                     "reasons": [x for s in result.sentences for x in s.reasons]})
    print(f"FRANK validation (benchmarks/data/frank): {len(rows)} summaries of {len(articles)} articles; "
          "summariser.check without a model\n")
    print(f"{'half':<8}{'all':>8}{'cnndm':>8}{'xsum':>8}{'n':>6}")
    for name, part in (("A", "A"), ("B", "B"), ("A+B", None)):
        chosen = [r for r in rows if part is None or r["half"] == part]
        figures = [balanced([r for r in chosen if ds is None or r["dataset"] == ds]) for ds in (None, "cnndm", "xsum")]
        print(f"{name:<8}" + "".join(f"{f:>8.3f}" if f is not None else f"{'-':>8}" for f in figures)
              + f"{len(chosen):>6}")
    print(f"{'always-factual':<16}{0.5:>8.3f}{0.5:>8.3f}{0.5:>8.3f}\n")
    caught: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    for r in rows:
        for c in r["categories"] if not r["factual"] else []:
            total[c] += 1
            caught[c] += not r["predicted"]
    print("non-factual summaries caught, by FRANK error category (a summary can carry several):")
    for c in sorted(total):
        print(f"  {c:<8}{caught[c]:>4}/{total[c]:<4} {caught[c] / total[c]:.0%}")
    yes = [r for r in rows if r["factual"]]
    print(f"factual summaries kept: {sum(r['predicted'] for r in yes)}/{len(yes)}")
    print(f"seconds per summary (median, article parse included once per article): {statistics.median(seconds):.3f}")
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
