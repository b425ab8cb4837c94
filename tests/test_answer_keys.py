"""Labels and the bottom line against analysts' answer keys: the cue rules, the scoring, `summarise eval` with keys."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summariser.answer_keys import conveyed, found, keys, rouge, verdict
from summariser.evidence import analyse
from summariser.evidence.cues import decide_trajectory, decide_trend
from summariser.evidence.speech import byline
from summariser.text import load
from summariser.text.load import from_text

from .conftest import DATA, ROOT, SEED, briefing_json, run_cli

FILLER = "The report was published on Monday by the ministry in the capital city."


def cues_of(*sentences: str) -> tuple[str, str]:
    """Trend and trajectory of a small article made of these sentences."""
    article = from_text(" ".join([*sentences, FILLER, FILLER]))
    evidence = analyse(article)
    return decide_trend(evidence.cues, evidence.military), decide_trajectory(evidence.cues, evidence.diplomatic)


def test_a_negated_de_escalation_is_not_de_escalation() -> None:
    trend, _ = cues_of("NATO said it has not seen any de-escalation of Russian forces at the border.",
                       "There are no signs of a withdrawal of the troops from the border region.",
                       "Officials said the army deployed more battalions and tanks towards the border.")
    assert trend == "escalating"


def test_withdrawals_and_a_ceasefire_are_de_escalation() -> None:
    trend, _ = cues_of("The army began a withdrawal of its troops from the border on Tuesday.",
                       "Both forces observed the ceasefire along the front line overnight.",
                       "The troops continued to withdraw from the positions, officials said.")
    assert trend == "de-escalating"


def test_hypotheticals_and_thin_evidence_abstain() -> None:
    trend, trajectory = cues_of("Analysts said the army could attack if the talks fail next month.",
                                "The troops might advance towards the city, officials warned reporters.")
    assert (trend, trajectory) == ("unclear", "unclear")


def test_diplomacy_that_moves_neither_way_is_stalled_and_an_agreement_reached_improves() -> None:
    _, stalled = cues_of("The talks between the two foreign ministers ended in deadlock on Friday.",
                         "The negotiations remain at an impasse, the envoy told the summit.",
                         "The minister rejected the proposal for a new round of talks.")
    assert stalled == "stalled"
    _, improving = cues_of("The two governments reached an agreement on prisoner exchanges at the talks.",
                           "The ministers signed a deal that diplomats called a breakthrough.",
                           "Both sides made progress on the peace treaty, the envoy said at the summit.")
    assert improving == "improving"


def test_the_seed_is_escalating_and_its_bottom_line_says_there_is_no_de_escalation() -> None:
    b = briefing_json(SEED, "--backend", "replay")
    assert b["force_posture"]["trend"] == "escalating"
    assert "not seen any de-escalation" in b["bottom_line"]
    assert b["bottom_line"].startswith("The NATO Secretary General Jens Stoltenberg")  # not the page furniture
    assert b["force_posture"]["evidence"]  # the sentences that decide the label are cited


def test_an_opinion_pieces_author_is_a_speaker() -> None:
    article = load(str(DATA / "semeval25_EN_UA_103861.txt"))
    assert byline(article) == ("Jeff Crouere", "S2")
    assert byline(load(SEED)) is None  # "by LLB political Reporter" names no one
    speech = analyse(article).speech
    assert any(s.speaker == "Jeff Crouere" for s in speech)


def test_scoring_follows_the_guide() -> None:
    assert verdict("escalating", "escalating", ["escalating", "stable"]) == "right"
    assert verdict("stable", "escalating", ["escalating", "stable"]) == "acceptable"
    assert verdict("unclear", "escalating", ["escalating", "unclear"]) == "abstained"
    assert verdict("unclear", "escalating", ["escalating"]) == "wrong"
    assert verdict("de-escalating", "escalating", ["escalating", "unclear"]) == "wrong"
    assert conveyed("NATO has NOT SEEN ANY DE-ESCALATION.", [["not seen any de-escalation"], ["100 battalion"]]) == 0.5
    assert found([["Stoltenberg"], ["Russia", "Moscow"]], ["Jens Stoltenberg", "NATO"]) == (1, 2)
    assert rouge("the cat sat on the mat", "the cat sat on the mat")["rougeL"] == pytest.approx(1.0)


def test_the_corpus_has_an_answer_key_for_every_article() -> None:
    answer_keys = keys(DATA)
    assert len(answer_keys) == 37
    assert sorted(answer_keys) == sorted(p.name for p in DATA.glob("*.txt"))
    assert (DATA / "gold" / "GUIDE.md").is_file()


def test_eval_scores_the_answer_keys(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "gold").mkdir(parents=True)
    (folder / "refs").mkdir()
    names = ["000_ca47a91dfa488ab7.txt", "frank_xsum_26065545.txt", "semeval25_EN_UA_008072.txt"]
    for name in names:
        shutil.copy(DATA / name, folder)
        shutil.copy(DATA / "gold" / f"{name}.json", folder / "gold")
    shutil.copy(DATA / "refs" / "frank_xsum_26065545.txt", folder / "refs")
    out = tmp_path / "eval.json"
    proc = run_cli("eval", str(folder), "--backend", "replay", "--fixtures", str(ROOT / "fixtures"), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Answer keys: 3 articles" in proc.stdout and "| trend: right / wrong / abstained" in proc.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))["answer_keys"]
    overall = figures["overall"]
    assert overall["trend"]["right"] + overall["trend"]["wrong"] + overall["trend"]["abstained"] + \
           overall["trend"]["acceptable"] == 3
    assert overall["rouge_articles"] == 1 and overall["rougeL_lead3"] is not None
    assert overall["facts_briefing"] >= overall["facts_lead1"]
    assert {a["article"] for a in figures["articles"]} == set(names)
