"""Labels and the bottom line against analysts' answer keys: the cue rules, the scoring, `summarise eval` with keys."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summariser.answer_keys import conveyed, found, keys, rouge, verdict
from summariser.evidence import analyse
from summariser.evidence.speech import byline
from summariser.flow.decide import decide_trajectory, decide_trend
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


def speakers_of(name: str, *fragments: str) -> list[str | None]:
    """The speaker the evidence layer gives each sentence of a corpus article that contains a fragment."""
    article = load(str(DATA / name))
    by_sentence = {s.sentence: s.speaker for s in analyse(article).speech}
    return [next(by_sentence.get(s.id) for s in article.sentences if fragment in s.text) for fragment in fragments]


def test_speakers_the_subject_rule_missed_are_found() -> None:
    assert speakers_of("semeval25_EN_UA_015962.txt", "was claimed by the Freedom") == ["Freedom of Russia Legion"]
    # an untagged proper noun, and the speaking verb's subject over the report it came through
    assert speakers_of("semeval25_EN_UA_022051.txt", "Downing Street said, according to") == ["Downing Street"]
    assert speakers_of("semeval25_EN_UA_023816.txt", "agency TASS reported", "Igor Kimakovsky, an adviser") == \
        ["TASS", "Igor Kimakovsky"]
    assert speakers_of("semeval25_EN_UA_027676.txt", "made the comments") == ["Oleksandr Lytvynenko"]
    assert speakers_of("semeval25_EN_UA_028103.txt", "a CNN report alleging") == ["CNN"]
    assert speakers_of("semeval25_EN_UA_100587.txt", "According to figures from") == ["National Resistance Center"]
    assert speakers_of("semeval25_EN_UA_102034.txt", "survey conducted by") == ["National Chengchi University"]
    assert speakers_of("semeval25_EN_UA_016466.txt", "Karaganov’s description") == ["Sergey Karaganov"]
    assert speakers_of("cnn_allennlp_c222979bd1.txt", "releases its annual review") == ["Amnesty International"]
    # a headline's capitals are not a speaker's name; a passive without its agent names no speaker
    assert speakers_of("semeval25_EN_UA_028103.txt", "Dismissed As") == [None]
    article = from_text("Putin was warned by his generals that the offensive had stalled near the river.\n\n"
                        "The president was told on Monday that the talks had failed after two weeks.\n")
    assert [s.speaker for s in analyse(article).speech] == []


def test_the_byline_names_the_author_of_an_opinion_piece_before_via() -> None:
    article = load(str(DATA / "semeval25_EN_UA_104859.txt"))
    assert byline(article) == ("Andrew Korybko", "S3")


def test_one_actor_across_spellings_acronyms_and_untagged_mentions() -> None:
    evidence = analyse(load(str(DATA / "semeval25_EN_UA_011260.txt")))
    assert sum("Zelensk" in e.name for e in evidence.entities) == 1  # "Zelensky" and "Zelenskiy"
    evidence = analyse(load(str(DATA / "frank_xsum_26065545.txt")))
    opcw = evidence.entity("OPCW")
    assert opcw is not None and "Organisation for the Prohibition of Chemical Weapons" in opcw.forms
    sunak = analyse(load(str(DATA / "semeval25_EN_UA_022051.txt"))).entity("Rishi Sunak")
    assert sunak is not None and sunak.mentions == 2  # "Sunak’s arrival" after "Rishi Sunak"


def test_the_claims_speakers_are_among_the_key_actors() -> None:
    b = briefing_json("tests/data/corpus/frank_xsum_38181139.txt", "--backend", "replay")
    actors = [a["name"] for a in b["key_actors"]]
    speakers = {c["speaker"] for c in b["claims"]}
    assert "Russian embassy" in speakers and "Russian embassy" in actors
    assert "police spokesman" in speakers and "police spokesman" not in actors  # a title alone is a source
    b = briefing_json("tests/data/corpus/semeval25_EN_UA_022051.txt", "--backend", "replay")
    assert {"Downing Street", "Rishi Sunak"} <= {a["name"] for a in b["key_actors"]}


def test_a_name_that_acts_once_is_an_actor_and_a_headline_alone_makes_none() -> None:
    actors = {a["name"]: a for a in briefing_json(SEED, "--backend", "replay")["key_actors"]}
    assert actors["Vladimir Putin"]["role"] == "Russian President"  # "On Monday The Russian President ... deployed"
    assert not any("Home Business News" in name for name in actors)  # page furniture glued to the headline


def test_which_speakers_name_an_actor() -> None:
    from summariser.flow.decide import is_name

    assert all(map(is_name, ["Downing Street", "Igor Kimakovsky", "Russian embassy", "Ministry of Defence"]))
    assert not any(map(is_name, ["officials", "Authorities", "Sources", "Western officials", "police spokesman",
                                 "government", "G7 leaders"]))


def test_a_news_reports_byline_is_a_credit_not_a_speaker() -> None:
    """"By Magyar Nemzet of Remix News" over "A Russian general is claiming that …" (a real article whose key calls
    the byline's name no actor): the piece reports what others say, so its byline is a credit; an opinion piece's
    author (Jeff Crouere, above) still speaks its opening."""
    article = load(str(DATA / "semeval25_EN_UA_023816.txt"))
    assert byline(article) == ("Magyar Nemzet", "S3")
    assert all(s.speaker != "Magyar Nemzet" for s in analyse(article).speech)
    text = ("By Jane Doe, The Daily Post:\n\nThe defence minister said the brigade would leave the border on Monday."
            "\n\nThe brigade has held the crossing since March.\n")  # hand-written: a lead that someone else speaks
    assert all(s.speaker != "Jane Doe" for s in analyse(from_text(text)).speech)
