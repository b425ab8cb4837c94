"""The seed and corpus articles through recorded responses of the embedded model."""

from __future__ import annotations

import json
import re

import pytest

from summariser.briefing.names import norm

from .conftest import FAULT_ARTICLE, RECORDED, ROOT, SEED, briefing_json, run_cli

TOP_LEVEL = {
    "bottom_line", "key_actors", "claims", "force_posture", "diplomatic_outlook",
    "confidence", "gaps", "evidence", "verification", "meta",
}
ARTICLES = [SEED, *(f"tests/data/corpus/{name}.txt" for name in RECORDED)]


def without_seconds(markdown: str) -> str:
    """Wall time is the one thing a replay cannot reproduce."""
    return re.sub(r"· [\d.]+ s\*$", "· <seconds> s*", markdown.rstrip(), flags=re.MULTILINE) + "\n"


def test_seed_markdown_matches_the_checked_in_briefing() -> None:
    proc = run_cli("brief", SEED, "--backend", "replay")
    assert proc.returncode == 0, proc.stderr
    expected = (ROOT / "tests" / "expected" / "seed.md").read_text(encoding="utf-8")
    assert without_seconds(proc.stdout) == expected


@pytest.mark.parametrize("path", ARTICLES)
def test_briefing_is_grounded(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8").strip()
    b = briefing_json(path, "--backend", "replay")
    assert set(b) == TOP_LEVEL
    assert b["meta"]["backend"] == "replay" and b["meta"]["usage"]["total_tokens"] > 0
    for sid, span in b["evidence"].items():
        assert re.fullmatch(r"S\d+", sid)
        assert text[span["start"] : span["end"]] == span["text"]
    cited = [sid for a in b["key_actors"] for sid in a["evidence"]]
    cited += [sid for c in b["claims"] for sid in c["evidence"]]
    cited += b["force_posture"]["evidence"] + b["diplomatic_outlook"]["evidence"]
    assert set(cited) <= set(b["evidence"])
    for claim in b["claims"]:
        if claim["quote"]:
            assert norm(claim["quote"]) in norm(text)
        assert claim["speaker"]
    for actor in b["key_actors"]:
        assert actor["name"].split()[-1] in text
    assert b["bottom_line"] and b["force_posture"]["trend"] and b["diplomatic_outlook"]["trajectory"]


def test_seed_names_its_speakers() -> None:
    b = briefing_json(SEED, "--backend", "replay")
    speakers = {c["speaker"] for c in b["claims"]}
    assert {"Jens Stoltenberg", "Liz Truss", "Michael Kofman"} <= speakers
    assert any(d["quantity"] == "14" for d in b["force_posture"]["deployments"])


def test_recorded_fault_is_re_asked_once_and_passes() -> None:
    recordings = [json.loads(p.read_text()) for p in (ROOT / "fixtures").glob("*.json")]
    # What no model answered is labelled so: the fault case's hand-written answer carries its note.
    hand_written = [r for r in recordings if r["response"]["id"] == "hand-written-fault"]
    assert hand_written and all(r.get("note", "").startswith("HAND-WRITTEN") for r in hand_written)
    b = briefing_json(FAULT_ARTICLE, "--backend", "replay")
    assert b["meta"]["calls"] == 2
    assert b["meta"]["attempts"] == 3  # the claims question was asked twice
    cited = [tuple(c["evidence"]) for c in b["claims"]]
    assert cited and len(cited) == len(set(cited))


def test_missing_recording_names_the_request_key() -> None:
    proc = run_cli("brief", SEED, "--backend", "replay", "--model", "no-such-model")
    assert proc.returncode == 4
    assert re.fullmatch(r"summarise: error: no recording for request [0-9a-f]{24} .*\n", proc.stderr)


def test_schema_command_publishes_the_contract() -> None:
    proc = run_cli("schema")
    assert proc.returncode == 0
    assert set(json.loads(proc.stdout)["properties"]) == TOP_LEVEL


def test_naive_single_call_on_the_small_model_is_pruned_not_trusted() -> None:
    text = (ROOT / FAULT_ARTICLE).read_text(encoding="utf-8")
    b = briefing_json(FAULT_ARTICLE, "--backend", "replay", "--flow", "single")
    # The briefing question (asked, re-asked twice, all failing grounding), then the judge (once, recorded).
    assert b["meta"]["calls"] == 2 and b["meta"]["attempts"] == 4
    assert b["meta"]["support_check"].startswith("judged by SmolLM2")
    v = b["verification"]
    assert v["dropped"] >= 10 and len(v["dropped_items"]) == v["dropped"]
    assert all(item["reason"] for item in v["dropped_items"])
    for actor in b["key_actors"]:
        assert actor["name"] in text
    for claim in b["claims"]:
        assert claim["quote"] is None or norm(claim["quote"]) in norm(text)
