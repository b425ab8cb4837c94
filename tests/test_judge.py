"""The judge (`flow/judge.py`): in the one-call flow a model reads each statement against only the sentences it
cites, in one request a briefing; what it does not support is dropped with its reason; a judge that fails never
sinks the briefing.

Every model answer here is HAND-WRITTEN (served by the fault server over loopback): the briefing in the role of a
strong model, and the judge's verdicts. They test the plumbing, not a model's judgement.
"""

from __future__ import annotations

import json
from typing import Any

from .conftest import ROOT, SEED, briefing_json, run_cli
from .fault_server import FaultServer

KEY = {"OPENAI_API_KEY": "sk-test-not-a-key-000"}
STRONG = ["--model", "strong", "--flow", "single"]

# HAND-WRITTEN briefing for the seed: a fabricated claim ("ready to surrender") that keeps Stoltenberg's name and
# cites S14, where he says the opposite, and a faithful one.
DRAFT: dict[str, Any] = {
    "bottom_line": "NATO sees no de-escalation by Russia. It says Russia is withdrawing all its forces.",
    "evidence": ["S5", "S6"],
    "key_actors": [{"name": "Jens Stoltenberg", "kind": "person", "role": "NATO Secretary General",
                    "evidence": ["S5"]}],
    "claims": [
        {"statement": "Stoltenberg said the alliance is ready to surrender.", "speaker": "Jens Stoltenberg",
         "attribution": "reported speech", "quote": None, "stance": "optimistic", "evidence": ["S14"]},
        {"statement": "Stoltenberg warned that Russia has everything in place for a full-scale invasion of Ukraine.",
         "speaker": "Jens Stoltenberg", "attribution": "reported speech", "quote": None, "stance": "warning",
         "evidence": ["S8"]},
    ],
    "force_posture": {"assessment": "Russian troops remain near Ukraine.", "trend": "escalating",
                      "deployments": [], "evidence": ["S13"]},
    "diplomatic_outlook": {"assessment": "Moscow signals interest in diplomacy.", "trajectory": "stalled",
                           "channels": [], "evidence": ["S10"]},
    "confidence": {"level": "moderate", "reason": "one source"}, "gaps": [],
}


def _verdicts(*items: tuple[str, str, str | None, str]) -> str:
    return json.dumps({"verdicts": [{"statement": s, "verdict": v, "sentence": sid, "reason": r}
                                    for s, v, sid, r in items]})


def test_the_judge_drops_what_its_sentences_do_not_say_in_one_request() -> None:
    """HAND-WRITTEN judge answer: J1 (the surrender claim) contradicted by S14, J4 (the bottom line's second
    sentence) not stated; the rest supported."""
    judge = _verdicts(("J1", "contradicted", "S14", "he calls for a withdrawal of forces, not a surrender"),
                      ("J2", "supported", "S8", ""), ("J3", "supported", "S5", ""),
                      ("J4", "not stated", None, "no sentence says Russia withdraws all its forces"),
                      ("J5", "supported", None, ""), ("J6", "supported", None, ""))
    faults = [("arguments", {"json": json.dumps(DRAFT)}), ("arguments", {"json": judge})]
    with FaultServer(ROOT / "fixtures", faults) as server:
        b = briefing_json(SEED, "--base-url", server.url, *STRONG, env=KEY)
    assert len(server.bodies) == 2  # the briefing, then one judge request for all six statements
    judge_prompt = json.dumps(server.bodies[1]["messages"])
    assert "ready to surrender" in judge_prompt and "[J6]" in judge_prompt
    assert "cautious optimism" not in judge_prompt  # S9 is cited by nothing: the judge never sees it
    assert [c["statement"] for c in b["claims"]] == [DRAFT["claims"][1]["statement"]]
    reasons = {d["item"]: d["reason"] for d in b["verification"]["dropped_items"]}
    assert reasons["Stoltenberg said the alliance is ready to surrender."].startswith("judge: contradicted by S14")
    assert b["bottom_line"] == "NATO sees no de-escalation by Russia. [S5, S6]"
    assert b["meta"]["support_check"] == "judged by strong: 2 of 6 statements not supported"
    assert b["meta"]["usage"]["total_tokens"] == 4  # both requests counted (the server says 2 tokens each)


def test_a_judge_that_fails_leaves_the_items_and_says_so() -> None:
    """HAND-WRITTEN briefing; the judge request gets HTTP 400 (never retried): the briefing stands, unchecked."""
    faults: list[tuple[int | str, dict[str, str]]] = [("arguments", {"json": json.dumps(DRAFT)}), (400, {})]
    with FaultServer(ROOT / "fixtures", faults) as server:
        b = briefing_json(SEED, "--base-url", server.url, *STRONG, env=KEY)
    assert len(b["claims"]) == 2
    assert b["meta"]["support_check"].startswith("not checked by a model: the judge failed")
    md = run_cli("brief", SEED, "--base-url", "http://127.0.0.1:9", *STRONG, "--no-support-check", env=KEY)
    assert md.returncode != 0  # nothing listens there: the flag changes nothing about reaching the server


def test_no_support_check_asks_no_judge_and_the_briefing_says_so() -> None:
    with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(DRAFT)})]) as server:
        proc = run_cli("brief", SEED, "--base-url", server.url, *STRONG, "--no-support-check", env=KEY)
    assert proc.returncode == 0, proc.stderr
    assert len(server.bodies) == 1
    assert "Meaning: not checked by a model" in proc.stdout
    [added] = [line for line in proc.stdout.splitlines() if "words not in the sources" in line]
    assert "ready" in added and "surrender" in added  # shown without a judge: the words its sentence lacks


def test_every_hand_written_distortion_is_dropped_where_a_judge_says_so_and_the_controls_are_kept(tmp_path: Any) -> None:
    """Plumbing over the 16 HAND-WRITTEN distortion files (not model output): each strong answer (HAND-WRITTEN)
    is served with its claims replaced by the file's distorted and faithful items, and a HAND-WRITTEN judge calls
    every distorted statement contradicted and the rest supported."""
    from .strong import answer_text

    distortions = sorted((ROOT / "tests" / "data" / "distortions").glob("*.json"))
    kept = dropped = merged = 0
    for path in distortions:
        given = json.loads(path.read_text(encoding="utf-8"))
        items = given["items"]
        answer = {**json.loads(answer_text(given["article"])), "claims": [i["claim"] for i in items]}
        verdicts = {i["claim"]["statement"]: "contradicted" for i in items if i["label"] == "distorted"}
        with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(answer)})] * 3,
                         verdicts=verdicts) as server:
            b = briefing_json(str(ROOT / "tests" / "data" / "corpus" / given["article"]), "--base-url", server.url,
                              "--model", "gpt-4o", "--flow", "single", env=KEY)
        statements = {c["statement"] for c in b["claims"]}
        assert not statements & set(verdicts), path.name
        # A briefing lists one claim per speaker and citations: a control that repeats an earlier item's is merged.
        keys = [(i["claim"]["speaker"] or "").casefold() + str(i["claim"]["evidence"]) for i in items]
        controls = [i for n, i in enumerate(items) if i["label"] == "faithful" and keys[n] not in keys[:n]]
        kept += sum(i["claim"]["statement"] in statements for i in controls)
        merged += sum(i["label"] == "faithful" for i in items) - len(controls)
        dropped += len(verdicts)
    assert dropped == 80
    # Of 55 controls, the rules drop two before any judge: a paraphrase that drops a negation's place
    # (test_support.py), and a survey's speaker its cited sentences do not name (the name rule, as before).
    assert kept + merged >= 53


def test_the_html_briefing_marks_the_words_a_claim_adds() -> None:
    """HAND-WRITTEN briefing: the words the surrender claim adds are underlined, with a tooltip; the others not."""
    with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(DRAFT)})]) as server:
        proc = run_cli("brief", SEED, "--base-url", server.url, *STRONG, "--no-support-check", "--format", "html",
                       env=KEY)
    assert proc.returncode == 0, proc.stderr
    import re

    marked = re.findall(r'<span class="added" title="not in the cited sentences">(\w+)</span>', proc.stdout)
    assert sorted(marked) == ["alliance", "ready", "surrender"]  # S14 has none of them; the faithful claim: nothing
