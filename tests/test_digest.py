"""The cross-article digest over the Russia–Ukraine articles, from recorded briefings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summariser.digest import actor_key
from summariser.text import load

from .conftest import RECORDED, ROOT, run_cli
from .fault_server import FaultServer

URW = [f"tests/data/corpus/{name}.txt" for name in RECORDED if name.startswith("semeval25_EN_UA_")]


def replayed(paths: list[str]) -> dict:  # type: ignore[type-arg]
    """The digest of these articles as JSON, from their recorded briefings."""
    proc = run_cli("digest", *paths, "--backend", "replay", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def digest() -> dict:  # type: ignore[type-arg]
    return replayed(URW)


def test_every_article_is_a_source(digest: dict) -> None:  # type: ignore[type-arg]
    assert [s["source"] for s in digest["sources"]] == URW


def test_merged_actors_appear_once(digest: dict) -> None:  # type: ignore[type-arg]
    keys = [actor_key(a["name"], a["kind"]) for a in digest["actors"]]
    assert len(keys) == len(set(keys))
    names = [a["name"] for a in digest["actors"]]
    assert len(names) == len(set(names))
    ukraine = next(a for a in digest["actors"] if a["name"] == "Ukraine")
    assert len({r["source"] for r in ukraine["refs"]}) >= 4  # one actor, seen in most articles


def test_every_point_resolves_to_article_and_sentence(digest: dict) -> None:  # type: ignore[type-arg]
    articles = {s["id"]: load(str(ROOT / s["source"])) for s in digest["sources"]}

    def resolves(source: str, ids: list[str]) -> None:
        for sid in ids:
            span = digest["evidence"][source][sid]
            assert articles[source].text[span["start"] : span["end"]] == span["text"]

    for a in digest["actors"]:
        for r in a["refs"]:
            resolves(r["source"], r["evidence"])
    for matter in digest["claims"]:
        for c in matter["claims"]:
            resolves(c["source"], c["evidence"])
    for m in digest["timeline"]:
        resolves(m["source"], m["posture_evidence"] + m["outlook_evidence"])
    assert sorted(digest["trends"]) == sorted({m["trend"] for m in digest["timeline"]})


CLUSTER = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "data" / "clusters" / "gershkovich-detention").glob("*.txt"))


@pytest.fixture(scope="module")
def dispute() -> dict:  # type: ignore[type-arg]
    """The digest of three articles on one dispute (a reporter held on espionage charges), from recorded briefings."""
    return replayed(CLUSTER)


def test_a_claim_one_source_makes_and_another_calls_bogus_is_a_contradiction_with_both_sentences(dispute: dict) -> None:  # type: ignore[type-arg]
    articles = {s["id"]: load(str(ROOT / s["source"])) for s in dispute["sources"]}
    contradictions = [p for p in dispute["pairings"] if p["relation"] == "contradiction"]
    assert contradictions
    for p in dispute["pairings"]:
        assert p["first"]["source"] != p["second"]["source"] and p["status"] == "found by rule"
        for side in (p["first"], p["second"]):  # each side is its article's sentence, with the sentences around it
            sentences = articles[side["source"]].sentences
            i = [s.id for s in sentences].index(side["sentence"])
            assert sentences[i].text == side["text"]
            assert side["before"] == (sentences[i - 1].text if i else "")
    # The claim side puts a claim forward; the other denies it or calls it untrue.
    assert all(re.search(r"\b(accus|charg|claim|alleg|warn|confirm|said|says)", p["first"]["text"], re.I)
               and re.search(r"\b(den|bogus|trumped|baseless|reject|no evidence|not)", p["second"]["text"], re.I)
               for p in contradictions)


def test_a_state_named_by_its_capital_in_one_source_goes_by_its_name(dispute: dict) -> None:  # type: ignore[type-arg]
    [russia] = [a for a in dispute["actors"] if "Moscow" in a["forms"]]
    assert russia["name"] == "Russia" and "Russia" in russia["forms"]


def test_the_digest_opens_with_a_situation_report_that_cites_every_point() -> None:
    proc = run_cli("digest", *CLUSTER, "--backend", "replay")
    assert proc.returncode == 0, proc.stderr
    sections = re.findall(r"^## (.+)$", proc.stdout, re.M)
    assert sections[0] == "Situation report"
    report = proc.stdout.split("## Situation report")[1].split("\n## ")[0]
    [disagree] = [block for block in report.split("**") if block.startswith("\n\n- A")][-1:]
    for line in disagree.strip().splitlines():  # a claim and its denial, or a claim with its denials under it
        assert re.match(r"(- A\d+ \[S\d+\] “.+” ↔ A\d+ \[S\d+\] “.+” \(|- A\d+ \[S\d+\] “.+” ↔$|  - A\d+ \[S\d+\] “.+” \()", line)
    assert re.search(r"\*\*Labels across sources\*\*: trend \w+ \d \(A\d", report)
    assert re.search(r"\*\*Key actors\*\*: .+\(\w+; A\d \[S\d+\]", report)
    assert sections[1:] == ["Sources", "Actors across sources", "Claims by matter", "Timeline"]


def test_twelve_unrelated_sources_make_a_short_digest_and_no_pairs_from_shared_words() -> None:
    urw = [f"tests/data/corpus/{p.name}" for p in sorted((ROOT / "tests" / "data" / "corpus").glob("semeval25_EN_UA_*.txt"))][:12]
    proc = run_cli("digest", *urw, "--backend", "replay")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Digest: 12 sources\n\n## Situation report")
    assert len(proc.stdout.splitlines()) < 200
    # Twelve articles on different events of one war: "Russia" and "Ukraine" everywhere make no pair.
    assert "No contradiction found" in proc.stdout
    # An actor one briefing lists twice ("Ukraine", "Ukrainian") is one reference per source, its sentences once
    table = proc.stdout.split("## Actors across sources")[1].split("\n## ")[0]
    for row in [r for r in table.splitlines() if r.startswith("| ") and not r.startswith("| Actor")]:
        where = [w.split(" [")[0].strip() for w in row.split("|")[4].split(";")]
        assert len(where) == len(set(where)), row


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


def _briefed(tmp_path: Path) -> Path:
    """A folder of the Gershkovich cluster's briefing JSON files, briefed from the recordings."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    for path in CLUSTER:
        out = folder / f"{Path(path).stem}.json"
        assert run_cli("brief", path, "--backend", "replay", "--format", "json", "-o", str(out)).returncode == 0
    return folder


def test_a_judge_sees_only_the_two_sentences_and_its_verdicts_are_shown_as_such(tmp_path: Path) -> None:
    """A HAND-WRITTEN judge answer (not a model's) served on 127.0.0.1: the first candidate is unrelated, the
    second a contradiction; the rest are skipped, so they stay as the rules found them."""
    folder = _briefed(tmp_path)
    answer = {"verdicts": [{"pair": "P1", "relation": "unrelated"}, {"pair": "P2", "relation": "contradiction"}]}
    with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(answer)})]) as server:
        proc = run_cli("digest", str(folder), "--base-url", server.url, "--model", "strong", "--format", "json",
                       env={"OPENAI_API_KEY": "sk-test-not-a-key-000"})
    assert proc.returncode == 0, proc.stderr
    assert len(server.bodies) == 1  # one request for every candidate pair
    prompt = server.bodies[0]["messages"][1]["content"]
    asked = re.findall(r"^(?:first|second) \(A\d\): (.*)$", prompt, re.M)
    assert asked and len(asked) == 2 * prompt.count("[P")
    articles = [load(p) for p in CLUSTER]
    unasked = [s.text for a in articles for s in a.sentences if s.text not in asked and len(s.text) > 40]
    assert not [t for t in unasked if t in prompt]  # no other sentence of the articles reaches the judge
    pairings = json.loads(proc.stdout)["pairings"]
    judged = [p for p in pairings if p["status"] == "judged by strong"]
    assert [p["relation"] for p in judged] == ["contradiction"]
    first_pair = re.search(r"\[P1\]\nfirst \(A\d\): (.*)\nsecond \(A\d\): (.*)\n", prompt)
    # "unrelated": that pair is dropped
    assert first_pair and first_pair.groups() not in {(p["first"]["text"], p["second"]["text"]) for p in pairings}
    plain = run_cli("digest", str(folder), "--format", "json")  # no model named: the rules' pairs only
    assert {p["status"] for p in json.loads(plain.stdout)["pairings"]} == {"found by rule"}


def test_a_judge_is_also_asked_about_pairs_on_the_same_matter_and_only_its_verdict_lists_them(tmp_path: Path) -> None:
    """A HAND-WRITTEN judge answer (not a model's) served on 127.0.0.1 calls only the last pair it is asked about an
    agreement: a pair on the same matter the rules would not list (more are asked than the rules' 8 and 8), shown
    as judged, before the pairs the rules list; without a verdict such a pair is never shown."""
    folder = _briefed(tmp_path)
    plain = json.loads(run_cli("digest", str(folder), "--format", "json").stdout)["pairings"]
    texts = {(p["first"]["text"], p["second"]["text"]) for p in plain}
    answers = []
    for last in (True, False):
        answer = {"verdicts": [{"pair": "P32", "relation": "agreement"}] if last else []}
        with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(answer)})]) as server:
            proc = run_cli("digest", str(folder), "--base-url", server.url, "--model", "strong", "--format", "json",
                           env={"OPENAI_API_KEY": "sk-test-not-a-key-000"})
        assert proc.returncode == 0, proc.stderr
        prompt = server.bodies[0]["messages"][1]["content"]
        answers.append((prompt, json.loads(proc.stdout)["pairings"]))
    (prompt, judged), (_, skipped) = answers
    assert prompt.count("[P") == 32 > len(plain)
    asked = re.search(r"\[P32\]\nfirst \(A\d\): (.*)\nsecond \(A\d\): (.*)", prompt)
    assert asked and asked.groups() not in texts  # a pair the rules do not list
    assert (judged[0]["relation"], judged[0]["status"]) == ("agreement", "judged by strong")
    assert (judged[0]["first"]["text"], judged[0]["second"]["text"]) == asked.groups()
    assert {(p["first"]["text"], p["second"]["text"]) for p in skipped} == texts  # no verdict: the rules' pairs


def test_a_month_is_no_party_to_pair_statements_by() -> None:
    """Hand-written sentence: "March" in a date is a time, not a party two sources could share."""
    from summariser.matters import _parties
    from summariser.text.parse import nlp

    parties = _parties(nlp()("Evan Gershkovich was arrested in March 2023 in Yekaterinburg."))
    assert "march" not in parties and "gershkovich" in parties


def test_agreements_with_one_statement_are_one_fact_in_the_report() -> None:
    """Hand-written pairings (not the rules' output): the statement that two others agree with is shown once, with
    both under it; an agreement between two other statements is a fact of its own."""
    from summariser.render import _agreed
    from summariser.reports import Pairing, Said

    def said(source: str, sentence: str) -> Said:
        return Said(source=source, sentence=sentence, text=f"{source} {sentence}")

    def agree(a: Said, b: Said) -> Pairing:
        return Pairing(relation="agreement", status="found by rule", why="both deny", first=a, second=b)

    hub, left, right, other, another = said("A1", "S1"), said("A2", "S1"), said("A3", "S2"), said("A2", "S5"), \
        said("A3", "S6")
    groups = _agreed([agree(left, hub), agree(hub, right), agree(other, another)])
    assert [(h.source, h.sentence, [(s.source, s.sentence) for s, _ in others]) for h, others in groups] == [
        ("A1", "S1", [("A2", "S1"), ("A3", "S2")]), ("A2", "S5", [("A3", "S6")])]
