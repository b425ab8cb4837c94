"""The digest's agreements and contradictions scored against the analysts' labelled pairs (tests/data/clusters).

    python benchmarks/clusters.py            the digest of each cluster as `summarise digest` makes it (the embedded
                                             default briefs every article first: about 3 minutes)
    python benchmarks/clusters.py --rules    only the digest's pairing of the articles' sentences (seconds; no
                                             briefing), for development
    python benchmarks/clusters.py --reach    what the rules can see of the labelled pairs at all, whatever their
                                             floors and caps: a ceiling on what rules of this kind can find

For each cluster: labelled contradictions found (a listed pair whose two sentences are the label's), listed
contradictions, and those of them that match a label (a lower bound on precision: the labels are conservative, and
a listed pair may be a true one nobody labelled); labelled agreements found and agreements listed; and the labelled
pairs among those a model judge would be asked about (what a judge that is always right could confirm). The rules' floors
were chosen on the three clusters marked "tuned" (flow/decide.py), and rules are kept only for what they do there;
the other two were not used to choose, but their labels and pairs have been read while diagnosing, so their figures
are development figures too, not a held-out test.
State is isolated: a temporary SUMMARISER_HOME, no cache, no history; no model judges.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SUMMARISER_HOME"] = tempfile.mkdtemp(prefix="summariser-bench-")

from summariser.flow.decide import TUNED_CLUSTERS  # noqa: E402
from summariser.text import load  # noqa: E402

CLUSTERS = ROOT / "tests" / "data" / "clusters"


def sentence_of(path: Path, part: str) -> str:
    """The id of the sentence of an article that holds a label's verbatim substring."""
    article = load(str(path))
    at = article.text.find(part)
    return next(s.id for s in article.sentences if s.start <= at < s.end)


def _texts(files: list[Path]) -> dict[str, Any]:
    """The articles' readable sentences under the digest's ids (A1, A2, …), as the digest pairs them."""
    from summariser.briefing.support import readable

    return {f"A{i + 1}": readable(load(str(f))) for i, f in enumerate(files)}


def _pair(files: list[Path], first: Any, second: Any) -> frozenset[tuple[str, str]]:
    """Two statements (or said sentences) of the digest as (article file, sentence id) each, in either order."""
    return frozenset({(files[int(s.source[1:]) - 1].name, s.sentence) for s in (first, second)})


def put_to_a_judge(folder: Path) -> set[frozenset[tuple[str, str]]]:
    """The pairs of a cluster the digest would ask a model judge about (either relation): its two (article file,
    sentence id) each."""
    from summariser.digest import candidates

    files = sorted(folder.glob("*.txt"))
    return {_pair(files, a, b) for _, (_, a, b, _) in candidates(_texts(files), judged=True)}


def listed(folder: Path, rules_only: bool) -> list[tuple[str, frozenset[tuple[str, str]]]]:
    """The pairs the digest lists for a cluster: relation and its two (article file, sentence id)."""
    files = sorted(folder.glob("*.txt"))
    if rules_only:  # the digest's own pairing of these articles' sentences, no briefing and no judge
        from summariser.digest import pairings

        return [(p.relation, _pair(files, p.first, p.second)) for p in pairings(_texts(files))]
    proc = subprocess.run([sys.executable, "-m", "summariser", "digest", *map(str, files), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    digest: dict[str, Any] = json.loads(proc.stdout)
    name = {s["id"]: Path(s["source"]).name for s in digest["sources"]}
    return [(p["relation"], frozenset({(name[p["first"]["source"]], p["first"]["sentence"]),
                                       (name[p["second"]["source"]], p["second"]["sentence"])}))
            for p in digest["pairings"]]


def reach() -> None:
    """What the rules can see of the labelled pairs at all: contradictions whose one side puts a claim forward and
    whose other denies or calls something untrue (the only opposition the rules detect), and the labelled pairs the
    rules pair with no floor and no cap (each denial still set against the one claim of each other source it best
    answers, each statement against the one statement of each other source that agrees with it best)."""
    from summariser.digest import statements_of
    from summariser.matters import agreements, contradictions

    print("| cluster | contradictions: a claim and a denial | paired with no floor or cap | agreements: paired with "
          "no floor or cap |\n|---|---|---|---|")
    totals = Counter[str]()
    for folder in sorted(p for p in CLUSTERS.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.txt"))
        every = statements_of(_texts(files))
        by = {(s.source, s.sentence): s for s in every}
        paired = {relation: {_pair(files, a, b) for _, a, b, _ in found} for relation, found in
                  (("contradiction", contradictions(every, 0)), ("agreement", agreements(every, 0)))}
        row = Counter[str]()
        for p in json.loads((folder / "pairs.json").read_text(encoding="utf-8"))["pairs"]:
            ends = [(p[x]["article"], sentence_of(folder / p[x]["article"], p[x]["sentence"])) for x in ("a", "b")]
            a, b = (by.get((f"A{files.index(folder / name) + 1}", sid)) for name, sid in ends)
            row[p["relation"]] += 1
            row[p["relation"] + " paired"] += frozenset(ends) in paired[p["relation"]]
            row["stance"] += bool(p["relation"] == "contradiction" and a and b
                                  and ((a.asserts and b.denies) or (b.asserts and a.denies)))
        totals += row
        print(f"| {folder.name} | {_reached(row)} |")
    print(f"| all five | {_reached(totals)} |")


def _reached(n: Counter[str]) -> str:
    """One row of `reach`'s table: its three counts, each of the labelled pairs of its kind."""
    c, a = n["contradiction"], n["agreement"]
    return f"{n['stance']}/{c} | {n['contradiction paired']}/{c} | {n['agreement paired']}/{a}"


def main() -> None:
    if "--reach" in sys.argv:
        reach()
        return
    rules_only = "--rules" in sys.argv
    totals: dict[str, int] = {}
    print("| cluster | | contradictions found | listed | listed that match | agreements found | listed | labelled pairs "
          "put to a judge: contradictions, agreements (asked) |")
    print("|---|---|---|---|---|---|---|---|")
    for folder in sorted(p for p in CLUSTERS.iterdir() if p.is_dir()):
        labels = json.loads((folder / "pairs.json").read_text(encoding="utf-8"))["pairs"]
        wanted = [(p["relation"], frozenset({(p[s]["article"], sentence_of(folder / p[s]["article"], p[s]["sentence"]))
                                             for s in ("a", "b")})) for p in labels]
        got = listed(folder, rules_only)
        row = {}
        for relation in ("contradiction", "agreement"):
            labelled = {pair for r, pair in wanted if r == relation}
            mine = {pair for r, pair in got if r == relation}
            row[relation] = (len(labelled & mine), len(labelled), len(mine))
        c, a = row["contradiction"], row["agreement"]
        asked = put_to_a_judge(folder)
        j = [len({pair for r, pair in wanted if r == relation} & asked) for relation in ("contradiction", "agreement")]
        tuned = "tuned" if folder.name in TUNED_CLUSTERS else "not tuned"
        print(f"| {folder.name} | {tuned} | {c[0]}/{c[1]} | {c[2]} | {c[0]} | {a[0]}/{a[1]} | {a[2]} | "
              f"{j[0]}, {j[1]} ({len(asked)}) |")
        for key, value in zip(("cf", "cl", "cn", "af", "al", "an", "jc", "ja"), (*c, *a, *j), strict=True):
            totals[key] = totals.get(key, 0) + value
    t = totals
    print(f"\nContradictions found {t['cf']}/{t['cl']} = {t['cf'] / t['cl']:.2f}; listed {t['cn']}, matching a label "
          f"{t['cf'] / max(1, t['cn']):.2f}. Agreements found {t['af']}/{t['al']} = {t['af'] / t['al']:.2f}; "
          f"listed {t['an']}.\nPut to a model judge (either relation; what a perfect judge could confirm): "
          f"{t['jc']}/{t['cl']} labelled contradictions, {t['ja']}/{t['al']} labelled agreements.")


if __name__ == "__main__":
    main()
