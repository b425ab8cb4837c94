"""The cross-article digest over the Russia–Ukraine articles, from recorded briefings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summariser.digest import actor_key
from summariser.text import load

from .conftest import RECORDED, ROOT, run_cli

URW = [f"tests/data/corpus/{name}.txt" for name in RECORDED if name.startswith("semeval25_EN_UA_")]


@pytest.fixture(scope="module")
def digest() -> dict:  # type: ignore[type-arg]
    proc = run_cli("digest", *URW, "--backend", "replay", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_every_article_is_a_source(digest: dict) -> None:  # type: ignore[type-arg]
    assert [s["source"] for s in digest["sources"]] == URW


def test_merged_actors_appear_once(digest: dict) -> None:  # type: ignore[type-arg]
    keys = [actor_key(a["name"], a["kind"]) for a in digest["actors"]]
    assert len(keys) == len(set(keys))
    names = [a["name"] for a in digest["actors"]]
    assert len(names) == len(set(names))
    ukraine = next(a for a in digest["actors"] if a["name"] == "Ukraine")
    assert len({r["source"] for r in ukraine["refs"]}) >= 4  # one actor, seen in most articles


def test_pairings_name_both_sources(digest: dict) -> None:  # type: ignore[type-arg]
    ids = {s["id"] for s in digest["sources"]}
    contradictions = [p for p in digest["pairings"] if p["relation"] == "contradiction"]
    assert contradictions
    for p in digest["pairings"]:
        assert p["first"]["source"] in ids and p["second"]["source"] in ids
        assert p["first"]["source"] != p["second"]["source"]
        assert p["status"] == "candidate"


def test_every_point_resolves_to_article_and_sentence(digest: dict) -> None:  # type: ignore[type-arg]
    articles = {s["id"]: load(str(ROOT / s["source"])) for s in digest["sources"]}

    def resolves(source: str, ids: list[str]) -> None:
        for sid in ids:
            span = digest["evidence"][source][sid]
            assert articles[source].text[span["start"] : span["end"]] == span["text"]

    for a in digest["actors"]:
        for r in a["refs"]:
            resolves(r["source"], r["evidence"])
    for claims in digest["claims_by_speaker"].values():
        for c in claims:
            resolves(c["source"], c["evidence"])
    for m in digest["timeline"]:
        resolves(m["source"], m["posture_evidence"] + m["outlook_evidence"])


def test_markdown_shows_both_sides_of_each_contradiction() -> None:
    proc = run_cli("digest", *URW, "--backend", "replay")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("- **Contradiction**")]
    assert starts
    for i in starts:
        assert re.match(r"\s+A\d+ \[S\d+\]", lines[i + 1]) and re.match(r"\s+↔ A\d+ \[S\d+\]", lines[i + 2])
    for heading in ("## Actors across sources", "## Claims by speaker", "## Timeline", "## Evidence"):
        assert heading in proc.stdout


def test_digest_from_briefing_json_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for path in URW[:2]:
        proc = run_cli("brief", path, "--backend", "replay", "--format", "json", "-o", str(tmp_path / (path[-10:] + ".json")))
        assert proc.returncode == 0, proc.stderr
    proc = run_cli("digest", str(tmp_path), "--format", "html", "-o", str(tmp_path / "digest.html"))
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "digest.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<h2>Timeline</h2>" in html and "<script" not in html


@pytest.mark.parametrize("fmt", ["md", "both"])
def test_digest_of_a_batch_folder_takes_its_briefings(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    proc = run_cli("batch", *URW[:3], "-o", str(out), "--format", fmt, "--backend", "replay")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("digest", str(out), "--format", "json")  # no backend given: nothing may be briefed again
    assert proc.returncode == 0, proc.stderr
    sources = json.loads(proc.stdout)["sources"]
    # The batch's briefing JSON, not its briefings' Markdown read as articles, nor its index.
    assert sorted(s["title"] for s in sources) == sorted(load(p).title for p in URW[:3])


def test_digest_needs_two_inputs() -> None:
    proc = run_cli("digest", URW[0], "--backend", "replay")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def test_a_judge_model_classifies_the_candidate_pairs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "briefings"
    folder.mkdir()
    for path in URW:
        out = folder / f"{Path(path).stem}.json"
        assert run_cli("brief", path, "--backend", "replay", "--format", "json", "-o", str(out)).returncode == 0
    # --flow single marks the model as one trusted with free judgement (recorded from the embedded model).
    proc = run_cli("digest", str(folder), "--backend", "replay", "--flow", "single", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    pairings = json.loads(proc.stdout)["pairings"]
    judged = [p for p in pairings if p["status"] == "judged by SmolLM2-135M-Instruct.Q4_1"]
    assert judged and all(p["relation"] in {"agreement", "contradiction"} for p in judged)
    assert all(p["status"] == "candidate" or p in judged for p in pairings)
    plain = run_cli("digest", str(folder), "--format", "json")  # no backend named: rule-based candidates only
    assert {p["status"] for p in json.loads(plain.stdout)["pairings"]} == {"candidate"}
