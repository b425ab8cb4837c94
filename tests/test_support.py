"""The support check: what a statement asserts against what its sentences say (`briefing.support`), and
`summarise check` / `summariser.check()` over any summary.

The distortions in tests/data/distortions/ are HAND-WRITTEN (not model output): claims of the hand-written
strong answers altered by hand so that their cited sentences no longer support them, with faithful controls.
"""

from __future__ import annotations

import collections
import json
from pathlib import Path
from typing import Any

import pytest

import summariser
from summariser.briefing.findings import DROPPING, Reason, Verdict
from summariser.briefing.support import read_cited, source, statement_support
from summariser.checks import recased, untokenised
from summariser.text import from_text, load
from summariser.text.parse import nlp

from .conftest import DATA, ROOT, run_cli

DISTORTIONS = ROOT / "tests" / "data" / "distortions"
SEED = ROOT / "seeds" / "000_ca47a91dfa488ab7.txt"


def _read(claim: dict[str, Any], article: Any) -> Any:
    """A claim's statement read against its cited sentences, as the briefing's verifier reads it."""
    src = source(article)
    ids = [i for i in claim["evidence"] if i in src.ids]
    return read_cited(claim["statement"], src, ids, also=(claim.get("speaker") or "").lower().split())


def _distortions() -> tuple[collections.Counter[str], collections.Counter[str], list[str]]:
    """Per type: items in the hand-written set, items a briefing would drop; the faithful controls it would drop."""
    total: collections.Counter[str] = collections.Counter()
    caught: collections.Counter[str] = collections.Counter()
    kept_wrongly = []
    for path in sorted(DISTORTIONS.glob("*.json")):
        given = json.loads(path.read_text(encoding="utf-8"))
        article = load(str(DATA / given["article"]))
        for item in given["items"]:
            kind = item["type"] if item["label"] == "distorted" else "faithful"
            dropped = bool(_read(item["claim"], article).dropping())
            total[kind] += 1
            caught[kind] += dropped
            if kind == "faithful" and dropped:
                kept_wrongly.append(item["claim"]["statement"])
    return total, caught, kept_wrongly


def test_the_faithful_controls_are_kept_and_distortions_of_meaning_are_caught() -> None:
    """HAND-WRITTEN distortions: the faithful controls are kept (54 of 55 when this was written, all 55 since "but
    not" before a gerund denies the verb left out: "may explain suicidal feelings but not turning that rage"); of
    the negation, certainty and swapped-roles distortions (which keep every name and number) the deterministic
    layer drops the share measured when it was written (9/16, 7/14, 5/12: below the 60 % aimed at; a judge is for
    the rest), 9/14 of the certainty ones since doubt where the sentence is confident is read, 10/16 of the
    negations since a predicate is read for its named subject, and of the circumstance ones 7/15 (a place where the
    article names another there), 9/15 since "Speaking in X" and "Y, where he …" are read."""
    total, caught, wrongly = _distortions()
    assert sum(total.values()) == 80 + 55
    assert not wrongly, wrongly
    assert caught["negation"] >= 10 and caught["certainty"] >= 9 and caught["swap"] >= 7
    assert caught["circumstance"] >= 9


@pytest.mark.parametrize(("statement", "basis", "dropped"), [
    ("The deal was outlined in Tehran.", "The agreement was outlined in Switzerland last week.", True),
    ("He must be investigated under Russian law.", "He must be investigated under Mongolian law, she said.", True),
    ("UN studies have confirmed it.", "United Nations studies have repeatedly confirmed it.", False),
    ("Talks were held in Geneva.", "Talks were held in Geneva and in Vienna.", False),
    ("Speaking in Paris, the minister said the talks had failed.", "In Berlin, the minister said the talks had failed.",
     True),
    ("In Ottawa, the envoy repeated his warning.", "The envoy flew on from Toronto, where he repeated his warning.",
     True),
    ("In Toronto, the envoy repeated his warning.", "The envoy flew on from Toronto, where he repeated his warning.",
     False),
    ("Ukraine sank 20 Ukrainian vessels, and 315,000 Russian troops were hit.",
     "Ukraine sank 20 Russian vessels, and 315,000 Russian troops were hit.", True),
])
def test_a_name_put_where_the_sentence_names_another_is_dropped(statement: str, basis: str, dropped: bool) -> None:
    """HAND-WRITTEN, after the circumstance and swap distortions: a place or party the sentence names otherwise in
    that very slot is a wrong name, dropped (though the statement names the sentence's one elsewhere: "Russian
    troops"); an acronym of the sentence's name, or a name the sentence has, is not. "Speaking in X, he said" says
    where he said it; so does "Y, where he did it"."""
    support = statement_support(statement, [nlp()(basis)])
    assert bool(support.dropping()) is dropped, support.findings
    assert any(f.reason is Reason.SUBSTITUTED for f in support.findings) is dropped


@pytest.mark.parametrize(("statement", "basis", "doubted"), [
    ("The editor said the paper cannot be sure the clip is real.", "The editor said the paper is very confident "
     "that the clip is real.", True),
    ("She is unsure whether the goal can be achieved.", "With determination, I know that we can achieve this goal.",
     True),
    ("The editor said the paper is sure the clip is real.", "The editor said the paper is very confident that the "
     "clip is real.", False),
    ("Officials were unsure who fired first.", "Officials said they did not know who fired first.", False),
])
def test_doubt_where_the_sentence_is_confident_changes_the_certainty(statement: str, basis: str, doubted: bool) -> None:
    """HAND-WRITTEN, after two certainty distortions: "cannot be sure" or "unsure" where the sentence is confident
    or knows is dropped; doubt where the sentence doubts too ("did not know") is not."""
    support = statement_support(statement, [nlp()(basis)])
    assert any(f.reason is Reason.CERTAINTY for f in support.dropping()) is doubted, support.findings


def test_a_predicate_negated_for_the_statements_subject_is_a_negation_whatever_else_the_basis_says() -> None:
    """HAND-WRITTEN, after a negation distortion: "Iran never denied it" decides "Iran had denied …", though the
    next basis sentence has someone else "denying it"; said of no named subject, both count as before."""
    basis = [nlp()('"Iran never denied it," the minister wrote.'), nlp()("The man who was denying it is now gone.")]
    assert any(f.reason is Reason.NEGATION for f in statement_support("Iran had denied it, he said.", basis).dropping())
    assert not statement_support("The man had denied it, he said.", basis).dropping()


def test_a_thing_said_to_be_done_that_the_article_says_is_not_done_is_a_negation() -> None:
    """HAND-WRITTEN, after a distortion of the strong answers: another verb, the object's polarity reversed; the
    faithful paraphrase that keeps the "not" on the object stays."""
    article = from_text("Shoigu said the order would encompass reservists but would not include students or anyone "
                        "without prior military service.\nNeither side gave any further details of what happened "
                        "that day or of who was there, officials said.\n")
    wrong = _read({"statement": "Shoigu said the mobilization will cover students as well as reservists.",
                   "speaker": "Shoigu", "evidence": ["S1"]}, article)
    assert [f.reason for f in wrong.dropping()] == [Reason.NEGATION], wrong.findings
    right = _read({"statement": "Shoigu said the mobilization will cover reservists but not students.",
                   "speaker": "Shoigu", "evidence": ["S1"]}, article)
    assert not right.dropping(), right.findings


@pytest.mark.parametrize(("statement", "basis"), [
    ("A shipment from Latakia to Damascus came under attack.",
     "A shipment of chemicals travelling from Damascus to the port of Latakia came under attack."),
    ("Putin said Western powers had accused Russia of nuclear blackmail.",
     "Putin accused Western powers of nuclear blackmail."),
    ("Its goal is to stop the genocide that it accuses America of unleashing at Kiev's behest.",
     "Its goal is to stop the genocide that it accuses Kiev of unleashing at America's behest."),
])
def test_swapped_places_and_a_party_named_by_its_adjective_are_roles_swapped(statement: str, basis: str) -> None:
    """HAND-WRITTEN pairs: where a thing went from and to, and who accused whom, when the party is "Western powers"."""
    article = from_text(basis + "\nNeither side gave any further details of what happened that day or of who "
                                "was there, officials said.\n")
    support = _read({"statement": statement, "speaker": None, "evidence": ["S1"]}, article)
    # ("Russia", which this two-sentence article never writes, is also an invented name: Reason.ABSENT)
    assert Reason.ROLES in [f.reason for f in support.dropping()], support.findings


@pytest.mark.parametrize(("statement", "finding"), [
    ("Frank Jordan, 37, took his sailboat out in late January.", "Jordan in the role the article gives Louis Jordan"),
    ("Leon Yeaman was granted bail on Friday.", "Yeaman in the role the article gives Pama"),
])
def test_another_person_in_the_role_the_article_gives_someone_else_is_named(statement: str, finding: str) -> None:
    """HAND-WRITTEN, after FRANK's entity errors: a person put where the sentence names another (a father for his
    son, a victim for the accused, also through the accused's "he"); the same facts told of the right person stay."""
    article = from_text("Frank Jordan last spoke with his son a week ago, and Leon Yeaman died in the fight.\n"
                        "Louis Jordan, 37, took his sailboat out in late January and was rescued on Thursday.\n"
                        "Phillip Pama covered his face as he left court, where he was granted bail on Friday.\n")
    wrong = statement_support(statement, [source(article).doc("S2"), source(article).doc("S3")],
                              context=[source(article).doc("S1")])
    assert [str(f) for f in wrong.findings] == [f"roles swapped: {finding}"]
    for right in ("Louis Jordan, 37, took his sailboat out in late January.", "Pama was granted bail on Friday."):
        support = statement_support(right, [source(article).doc("S2"), source(article).doc("S3")])
        assert not support.findings, support.findings


def test_the_surrender_claim_shows_the_words_its_sentence_does_not_have() -> None:
    """A HAND-WRITTEN fabricated claim keeps its speaker's name but says the opposite of its sentence: without a
    judge it cannot be called contradicted from words, so the words it adds are shown."""
    article = from_text("Russian forces stayed near the border on Tuesday, officials in Brussels said.\n"
                        'NATO Secretary General Jens Stoltenberg said "we see no sign of withdrawal" and warned that '
                        "the alliance remained on high alert.\n")
    claim = {"statement": "Stoltenberg said the alliance is ready to surrender.", "speaker": "Jens Stoltenberg",
             "evidence": ["S2"]}
    support = _read(claim, article)
    assert {"ready", "surrender"} <= {w.lower() for w in support.added}
    assert not support.dropping()


@pytest.mark.parametrize(("statement", "reason"), [
    ("Stoltenberg said NATO will compromise on its core principles.", Reason.NEGATION),
    ("Stoltenberg held a news conference on Wednesday.", Reason.TIME),
    ("Stoltenberg warned that Russia will certainly launch a full scale invasion on Ukraine.", Reason.CERTAINTY),
])
def test_a_statement_against_the_seed_is_caught_for_its_reason(statement: str, reason: Reason) -> None:
    """HAND-WRITTEN statements about the seed article, each wrong in one way."""
    check = summariser.check(statement, SEED)
    [s] = check.sentences
    assert s.verdict is not Verdict.SUPPORTED and any(r.startswith(str(reason)) for r in s.reasons), s
    assert not check.supported


def test_a_stutter_is_not_stated_and_a_repetition_the_article_writes_is_no_stutter() -> None:
    """HAND-WRITTEN, after FRANK's degenerate model output ("the assembly's assembly has approved …"): a word back
    within two words, where the article never writes that stretch, says nothing the article says; the article's own
    "battalion tactical troops with 14 more battalions" and a hyphenated compound are no stutter."""
    stutter = summariser.check("Stoltenberg said Russia has moved some troops troops back to their bases.", SEED)
    [s] = stutter.sentences
    assert s.verdict is Verdict.NOT_STATED and any(r.startswith("repeated: troops twice") for r in s.reasons), s
    article = ("The talks were held face-to-face, the ministry said in a statement on Tuesday. Leaders met leaders "
               "in Geneva on Monday, and their advisers will meet again next week to draft a text.\n")
    plain = summariser.check("The talks were held face-to-face. Leaders met leaders in Geneva on Monday.", article)
    assert plain.supported, plain.sentences


def test_a_quote_the_article_never_writes_is_misquoted_and_a_verbatim_or_elided_one_is_not() -> None:
    """HAND-WRITTEN, after FRANK's model summaries that quote words no one said ("Sturgeon's answers were 'all
    off-shore'" where the article writes 'all evasion'): two words or more between quote marks are the article's or
    the statement is misquoted, and a briefing drops it. The seed's own words, straight or curly quotes, a quote cut
    with an ellipsis and an apostrophe after a name are no misquote."""
    wrong = summariser.check("Stoltenberg said \"so far we have not seen any withdrawal\".", SEED)
    [s] = wrong.sentences
    assert any(r.startswith("misquoted: 'so far we have not seen any withdrawal'") for r in s.reasons), s
    assert s.verdict is Verdict.NOT_STATED and Reason.MISQUOTED in DROPPING
    for right in ("Stoltenberg said “so far we have not seen any de-escalation”.",
                  "Stoltenberg said 'so far we have not seen any de-escalation'.",
                  "Stoltenberg said Russia is \"interested in … diplomatic efforts.\"",
                  "Stoltenberg said there are grounds for \"cautious optimism\"."):
        check = summariser.check(right, SEED)
        assert not any(r.startswith("misquoted") for x in check.sentences for r in x.reasons), (right, check)
    article = ("Fans sang at St James' Park on Saturday, the club said in a statement after the match. The team won "
               "two goals to one, and the manager thanked the supporters who had travelled.\n")
    possessive = summariser.check("Fans sang at St James' Park on Saturday, the club said.", article)
    assert possessive.supported, possessive.sentences


def test_a_state_by_another_of_its_names_is_the_same_state_and_its_capital_is_not() -> None:
    """HAND-WRITTEN: "America" or "American" where the sentence says "the United States", "the UK" where it says
    "Great Britain" are one state by two names (they were flagged as another name, which a briefing drops); a
    capital is a place of its own there, and another state is another name."""
    article = ("The United States said on Monday it would send more aid to Ukraine, officials told reporters there. "
               "Great Britain also pledged support, the government said in a statement on Tuesday.\n")
    for same in ("America said it would send more aid to Ukraine.", "The UK also pledged support.",
                 "The American government said it would send more aid to Ukraine."):
        assert summariser.check(same, article).supported, same
    for other in ("Moscow said it would send more aid to Ukraine.", "France also pledged support.",
                  "The French government also pledged support."):
        [s] = summariser.check(other, article).sentences
        assert any(r.startswith(("another name", "name")) for r in s.reasons), (other, s)


def test_numbers_are_read_as_numbers_however_they_are_written() -> None:
    """HAND-WRITTEN probes of a strong model's paraphrase: "1500" where the article writes "1,500" and "thirty"
    where it writes "30" are the same number (they were flagged); "forty" or "seven" where it says 30 and 5 is
    another number (number words the tagger calls stop words were never read), "one of" is no figure."""
    article = ("The ministry said 5 soldiers were killed on Tuesday, and that 1,500 troops had arrived at the base. "
               "Jens Stoltenberg said the alliance had 30 members and would meet again in June.\n")
    for same in ("The ministry said 1500 troops had arrived.", "Stoltenberg said the alliance had thirty members.",
                 "Five soldiers were killed on Tuesday.", "One of the soldiers was killed on Tuesday."):
        assert summariser.check(same, article).supported, same
    for other in ("Stoltenberg said the alliance had forty members.", "Seven soldiers were killed on Tuesday."):
        [s] = summariser.check(other, article).sentences
        assert any(r.startswith("number") for r in s.reasons), (other, s)


def test_a_strong_models_usual_paraphrase_is_supported_and_a_wrong_place_is_not() -> None:
    """HAND-WRITTEN probes of what a strong model writes for an article's words: a transliteration ("Zelenskyy"),
    another spelling of a seat ("Kyiv", "Kiev") or the seat for its seat ("Moscow", "the Kremlin"), a month written
    out ("24 February", "Feb. 24"), American spelling ("Defense", "Defence") and a title before a name ("President",
    which the article writes lower-case) are what the sentence says; a seat for its state, another city or another
    month are not."""
    article = ("Volodymyr Zelensky said on Feb. 24 that Russian forces had shelled Kiev overnight, killing three people. "
               "The Ukrainian president spoke after meeting Antony Blinken in the capital on Thursday. Russia's "
               "Defence Ministry said its troops had hit military targets only, and the Kremlin denied the report.\n")
    for same in ("Zelenskyy said Russian forces had shelled Kyiv overnight.",
                 "On 24 February President Zelensky said Russian forces had shelled Kiev.",
                 "Russia's Defense Ministry said its troops hit military targets only.", "Moscow denied the report."):
        assert summariser.check(same, article).supported, same
    for other in ("Zelensky said Russian forces had shelled Lviv overnight.",
                  "Zelensky said Russian forces had shelled Ukraine overnight.",
                  "On 24 March Zelensky said Russian forces had shelled Kiev."):
        assert not summariser.check(other, article).supported, other


def test_what_a_negated_copula_says_of_its_relative_clause_is_negated() -> None:
    """HAND-WRITTEN, after a strong answer's faithful claim was dropped: "the forum is not one where developments
    are addressed" says they are not addressed."""
    article = ("This forum is not one where major geopolitical developments are really addressed, the analyst said. "
               "Delegates met in Singapore on Friday for the annual gathering of defence officials.\n")
    kept = summariser.check("The analyst said the forum does not address major geopolitical developments.", article)
    assert kept.supported, kept.sentences
    [s] = summariser.check("The analyst said the forum addresses major geopolitical developments.", article).sentences
    assert s.verdict is Verdict.CONTRADICTED and any(r.startswith("negation") for r in s.reasons), s


def test_a_negated_verb_negates_the_verb_it_governs() -> None:
    """HAND-WRITTEN probe: "did not plan to invade" says what "had no plans to invade" says (it was flagged as a
    negation); "planned to invade" says the opposite."""
    article = ("The Kremlin rejected the claim and said Russia had no plans to invade, while Ukraine called for calm. "
               "Washington has refused to rule out new sanctions, officials said on Tuesday.\n")
    assert summariser.check("Russia said it did not plan to invade.", article).supported
    [s] = summariser.check("Russia said it planned to invade.", article).sentences
    assert s.verdict is Verdict.CONTRADICTED and any(r.startswith("negation: invade") for r in s.reasons), s


def test_not_before_a_gerund_denies_the_verb_left_out() -> None:
    """HAND-WRITTEN probe: "may explain slow reactions but not flying the plane into the hill" does not say he did
    not fly it; "did not fly" and "arrived but did not fly" (their own auxiliary) do."""
    basis = [nlp()("Fatigue can explain slow reactions, but nothing explains why he then chose to fly the plane into "
                   "the hill, the investigator said.")]
    elided = "The investigator said fatigue may explain slow reactions but not flying the plane into the hill."
    assert not statement_support(elided, basis).findings
    for denied in ("The investigator said the pilot did not fly the plane into the hill.",
                   "The investigator said the pilot arrived but did not fly the plane."):
        assert [f.reason for f in statement_support(denied, basis).findings] == [Reason.NEGATION], denied


def test_a_name_the_article_never_writes_is_dropped_and_one_it_writes_elsewhere_is_marked() -> None:
    """HAND-WRITTEN claims on the seed, read as a briefing reads a claim against its cited sentence (S8): "Macron",
    whom the article never names, is invented and dropped; "Truss", whom it names in another sentence, is marked
    (not stated) and kept; "Russian" where the article writes "Russia" is no name at all to support."""
    src = source(load(str(SEED)))
    invented = read_cited("Stoltenberg and Macron warned that Russia has everything in place to invade.", src, ["S8"])
    assert [f.reason for f in invented.dropping()] == [Reason.ABSENT], invented.findings
    elsewhere = read_cited("Stoltenberg and Truss warned that Russia has everything in place to invade.", src, ["S8"])
    assert [f.reason for f in elsewhere.findings] == [Reason.NAME] and not elsewhere.dropping()
    adjective = read_cited("Stoltenberg warned that Russian forces have everything in place to invade.", src, ["S8"])
    assert not adjective.findings, adjective.findings


def test_a_copulas_noun_is_read_for_negation() -> None:
    """The seed's "… is not a real de-escalation" with its "not" dropped (as benchmarks/check_seed.py drops it, which
    the check had let through): a copula's noun is a predicate."""
    sentence = next(s.text for s in load(str(SEED)).sentences if "is not a real de-escalation" in s.text)
    [s] = summariser.check(sentence.replace("is not a real", "is a real"), SEED).sentences
    assert s.verdict is Verdict.CONTRADICTED and any(r.startswith("negation") for r in s.reasons), s
    assert summariser.check(sentence, SEED).supported


def test_a_name_in_apposition_to_one_of_a_group_keeps_its_role() -> None:
    """HAND-WRITTEN, after a swapped-roles distortion ("another of Omar's brothers, Mohamed Ali Omar, was threatened
    by agents" where he threatened them): a name in apposition to "one of …" is the subject or object that phrase
    is, so the passive turned round is a swap; the same roles in the passive's other order are not."""
    article = ("When police went to the house on Monday, another brother, Daniel Moore, attacked the officers. The "
               "report said no one was badly hurt and that the inquiry would continue next week.\n")
    src = source(from_text(article))
    swapped = read_cited("Another of Moore's brothers, Daniel Moore, was attacked by the officers.", src, ["S1"])
    assert Reason.ROLES in [f.reason for f in swapped.dropping()], swapped.findings
    same = read_cited("The officers were attacked by another of his brothers, Daniel Moore.", src, ["S1"])
    assert not same.dropping(), same.findings


def test_check_reads_summaries_as_tools_write_them() -> None:
    """Lower-cased, tokenised text ("kilmarnock 's", `` quotes '') is written back as prose before it is read."""
    assert untokenised("kilmarnock 's manager said `` we were poor '' -lrb- again -rrb- .") == \
        "kilmarnock's manager said \"we were poor\" (again)."
    sentence = load(str(SEED)).sentences[7].text
    check = summariser.check(sentence.lower(), SEED)
    assert check.supported, check.sentences


def test_a_lower_cased_summary_gets_the_articles_casing_back_so_its_names_are_read() -> None:
    """FRANK's summaries come lower-cased: each word takes the casing the article gives it inside its sentences."""
    text = ("Police said Phillip Pama punched Leon Yeaman outside his home in Brisbane on Sunday night.\n\n"
            "The man died in hospital two days later, and the police said the inquiry would go on.\n")
    assert recased("leon yeaman punched phillip pama .", text) == "Leon Yeaman punched Phillip Pama ."
    assert recased("The police said so.", text) == "The police said so."  # a text with a capital is as written
    assert recased("the man died .", text) == "the man died ."  # "The" opens its sentence: no name
    swapped = summariser.check("leon yeaman punched phillip pama outside his home in brisbane .", text)
    assert not swapped.supported
    reasons = [r for s in swapped.sentences for r in s.reasons]
    assert any(r.startswith("roles swapped: Pama") or r.startswith("roles swapped: Leon Yeaman") for r in reasons), \
        reasons  # the names read, and quoted, as the article writes them


def test_a_name_the_article_writes_out_elsewhere_a_form_of_address_and_glued_words_are_supported() -> None:
    """The sentence says "Johnston"; the article, earlier, "Allan Johnston": the summary's "Allan Johnston" is the
    article's man. Not where the sentence names another of the family ("Mohamed Ali Omar"). "Dr" needs no support,
    and words a scraped text glued at a full stop ("2003.Curtis") are two words."""
    text = ("Allan Johnston joined the club in 2011.\n\n"
            "The club said it had been a hard season for everyone at the ground.\n\n"
            "Locke worked as No 2 under Johnston when the manager said he would leave.\n\n"
            "Another of his brothers, Mohamed Ali Omar, left San Diego in December 2007.\n\n"
            "They were relegated in 2003.Curtis believes the squad is good enough to stay up.\n\n"
            "The boy was not attacked, Dr. Christopher Kuhar told reporters on Sunday.\n\n"
            "Guled Ali Omar lived in Minneapolis.\n")
    assert summariser.check("Locke worked as No 2 under Allan Johnston.", text).supported
    brother = summariser.check("Guled Ali Omar left San Diego in December 2007.", text)
    assert any(r == "name: Guled" for s in brother.sentences for r in s.reasons), brother.sentences
    assert summariser.check("Curtis believes the squad is good enough to stay up.", text).supported
    assert summariser.check("Dr Christopher Kuhar said the boy was not attacked.", text).supported


def test_two_names_each_where_the_sentence_puts_them_are_no_swap() -> None:
    """HAND-WRITTEN control for the swap of two names' places: the same places, other words."""
    basis = [nlp()("Its goal is to stop the genocide that it accuses Kiev of unleashing at America's behest.")]
    support = statement_support("It wants to stop the genocide it accuses Kiev of unleashing at America's behest.",
                                basis)
    assert not any(f.reason is Reason.ROLES for f in support.findings), support.findings


def test_the_two_sides_of_be_are_no_swap() -> None:
    """"Vaughan is the favourite" where the article says "the favourite is Vaughan" says the same thing."""
    text = ("Alec Stewart has said he wants the job of director of cricket at the board this spring.\n\n"
            "The early favourite for the post is Michael Vaughan, the former England captain.\n")
    check = summariser.check("Michael Vaughan is the favourite for the post.", text)
    assert check.supported, check.sentences


def test_summarise_check_exit_codes_and_json(tmp_path: Path) -> None:
    """Exit 0 when every sentence is supported, 8 when one is not; the JSON names each sentence's aligned article
    sentences with offsets into the article."""
    article = load(str(SEED))
    good = tmp_path / "good.txt"
    good.write_text(article.sentences[7].text + "\n" + article.sentences[10].text + "\n", encoding="utf-8")
    proc = run_cli("check", str(good), "--against", str(SEED), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["supported"] is True and len(result["sentences"]) == 2
    for s in result["sentences"]:
        for a in s["sentences"]:
            assert article.text[a["start"]:a["end"]] == a["text"]
    bad = tmp_path / "bad.txt"
    bad.write_text("Stoltenberg said NATO will compromise on its core principles.\n", encoding="utf-8")
    proc = run_cli("check", str(bad), "--against", str(SEED))
    assert proc.returncode == 8, proc.stderr
    assert "**contradicted**" in proc.stdout and "Not supported" in proc.stdout
    proc = run_cli("check", "-", "--against", "-")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    proc = run_cli("check", str(empty), "--against", str(SEED))
    assert proc.returncode == 3 and proc.stderr.count("\n") == 1 and "the summary is empty" in proc.stderr


def test_the_check_api_refuses_wrong_types() -> None:
    with pytest.raises(TypeError, match="summary must be a str"):
        summariser.check(b"bytes", SEED)  # type: ignore[arg-type]
    with pytest.raises(summariser.InputError):
        summariser.check("   ", SEED)
    with pytest.raises(summariser.InputError, match="no sentence to check"):
        summariser.check("... --- !!!", SEED)


def test_check_with_a_judge_asks_once_for_the_whole_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A HAND-WRITTEN judge (the fault server's verdict map) calls the invented sentence contradicted, which the
    rules could only show by its added words: one request for the whole summary, exit 8."""
    from .fault_server import FaultServer

    invented = "Jens Stoltenberg said Russia has withdrawn its troops from the border."
    article = load(str(SEED))
    summary = tmp_path / "summary.txt"
    summary.write_text(f"{article.sentences[7].text} {invented} {article.sentences[10].text}\n", encoding="utf-8")
    assert summariser.check(summary.read_text(encoding="utf-8"), SEED, judge=False).supported  # rules: 2 new words
    with FaultServer(ROOT / "fixtures", verdicts={invented: "contradicted"}) as server:
        proc = run_cli("check", str(summary), "--against", str(SEED), "--base-url", server.url, "--model", "strong",
                       "--format", "json", env={"OPENAI_API_KEY": "sk-test-not-a-key-000"})
    assert proc.returncode == 8, proc.stderr
    assert len(server.bodies) == 1
    result = json.loads(proc.stdout)
    assert [s["verdict"] for s in result["sentences"]] == ["supported", "contradicted", "supported"]
    assert result["judge"] == "judged by strong: 3 of 3 sentences answered"
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISER_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(summariser.UsageError, match="judge=True needs a remote model"):
        summariser.check(invented, SEED, judge=True)


def test_a_summary_longer_than_any_summary_is_one_line(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text("Stoltenberg held a news conference. " * 40_000, encoding="utf-8")  # 1.4 MB
    proc = run_cli("check", str(long), "--against", str(SEED))
    assert proc.returncode == 3 and proc.stderr.count("\n") == 1 and "at most 100,000" in proc.stderr


def test_a_suspect_is_a_person_not_a_hedge() -> None:
    """A real summary (FRANK's BART, labelled factual) that drops the article's subordinate words: "the suspect" is
    whom police believe things of, not a hedge on "believe", so the summary's "believe" is not certainty the article
    lacks."""
    statement = "Now police believe the suspect may even be tied to another shooting that occurred Thursday."
    basis = ("Now police believe the suspect, only described as a man in his 30s or 40s, may even be tied to another "
             "shooting that occurred Thursday in the Southeast quadrant of the city.")
    support = statement_support(statement, [nlp()(basis)])
    assert not any(f.reason is Reason.CERTAINTY for f in support.findings), support.findings
    hedged = statement_support("Police believe the man was tied to the shooting.", [nlp()(basis)])
    assert any(f.reason is Reason.CERTAINTY for f in hedged.findings)  # "may even be tied" stated as "was tied"


def test_a_noun_the_article_never_uses_is_not_stated_and_a_new_verb_alone_is_kept() -> None:
    """A real summary sentence (FRANK, CNN/DM, labelled unfaithful): the article's robot acts like a honeybee; "boa"
    is in no sentence of it. One new verb ("striving", hand-written) is a paraphrase's and stays supported."""
    article = next((ROOT / "benchmarks/data/frank/articles").glob("7b64ed2057*.txt"))
    boa = summariser.check("scientists are working to create a robot that thinks , senses and acts just like a boa .",
                           article, judge=False)
    assert not boa.supported
    assert boa.sentences[0].reasons == ["uses a noun the article never uses: boa"]  # "uses": a judge may overrule it
    striving = "Scientists are striving to build a robot that thinks, senses and acts just like a honeybee."
    assert summariser.check(striving, article, judge=False).supported
