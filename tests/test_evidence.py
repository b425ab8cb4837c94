"""The evidence layer on real sentences from the seed and the corpus."""

from __future__ import annotations

import pytest

from summariser.evidence import analyse, quotes_in
from summariser.text import load

from .conftest import DATA, ROOT, SEED

SEED_EVIDENCE = analyse(load(str(ROOT / SEED)))


def speaker_of(evidence, sid: str) -> str | None:  # type: ignore[no-untyped-def]
    return next((s.speaker for s in evidence.speech if s.sentence == sid), None)


def test_surname_and_full_name_are_one_actor() -> None:
    stoltenberg = SEED_EVIDENCE.entity("Stoltenberg")
    assert stoltenberg is not None and stoltenberg.name == "Jens Stoltenberg"
    assert {"Jens Stoltenberg", "Stoltenberg"} <= stoltenberg.forms
    assert sum(e.name == "Jens Stoltenberg" for e in SEED_EVIDENCE.entities) == 1


def test_speakers_by_name_by_title_and_by_pronoun() -> None:
    assert speaker_of(SEED_EVIDENCE, "S5") == "Jens Stoltenberg"  # "... Jens Stoltenberg has held ... and said"
    assert speaker_of(SEED_EVIDENCE, "S6") == "Jens Stoltenberg"  # "The NATO chief said"
    assert speaker_of(SEED_EVIDENCE, "S14") == "Jens Stoltenberg"  # "“...,” he said."
    assert speaker_of(SEED_EVIDENCE, "S17") == "Liz Truss"
    assert speaker_of(SEED_EVIDENCE, "S27") == "Michael Kofman"  # "Kofman added, “...”"


def test_quote_only_paragraph_continues_the_speaker() -> None:
    assert speaker_of(SEED_EVIDENCE, "S7") == "Jens Stoltenberg"


def test_quantities_with_units() -> None:
    assets = {d.asset: d for d in SEED_EVIDENCE.deployments}
    assert assets["14 more battalions"].quantity == "14"
    assert assets["14 more battalions"].sentence == "S15"
    assert "tactical bombers" in assets
    # The body's troops (a number and a place), not the headline's (a number only), which a briefing leaves out
    assert (assets["100 battalion tactical troops"].sentence, assets["100 battalion tactical troops"].location) == \
        ("S15", "Ukraine")


def test_speaker_in_a_corpus_article() -> None:
    evidence = analyse(load(str(DATA / "semeval25_EN_UA_024628.txt")))
    assert speaker_of(evidence, "S12") == "Lloyd Austin"
    assert speaker_of(evidence, "S17") == "Boris Pistorius"


def test_quotes_in_a_sentence() -> None:
    assert quotes_in("He said “one” and then “two words”.") == ["one", "two words"]
    assert quotes_in('Officials said "ready now" today.') == ["ready now"]


def test_pick_schemas_from_templates_equal_pydantics_own() -> None:
    import json

    from pydantic import BaseModel

    from summariser.briefing.drafts import actor_model, assessment_model, claim_model, pick_model

    cases = [(actor_model, [["Jens Stoltenberg", "Liz Truss", 'The "Kremlin"', "Ünïcode"]]),
             (actor_model, [["Vladimir Putin"]]), (claim_model, [["S5", "S16"]]),
             (assessment_model, [["S15", "S2"], ["S10"]]),
             (assessment_model, [["S1", "S2"], ["S3", "S4"]])]
    for build, candidates in cases:
        model = pick_model(build, *candidates)
        generated = BaseModel.model_json_schema.__func__(model)  # type: ignore[attr-defined]
        assert json.dumps(model.model_json_schema()) == json.dumps(generated)  # what the model's grammar is built from


def test_small_model_schemas_admit_only_grounded_candidates() -> None:
    import pytest
    from pydantic import ValidationError

    from summariser.briefing.drafts import actor_model, assessment_model, claim_model

    actors, claims = actor_model(["Jens Stoltenberg", "Liz Truss"]), claim_model(["S5", "S16"])
    assessment = assessment_model(["S15"], ["S10"])
    schema = actors.model_json_schema()
    name = schema["$defs"]["ActorPick"]["properties"]["name"]
    assert name["enum"] == ["Jens Stoltenberg", "Liz Truss"]  # the grammar llama.cpp builds admits nothing else
    assert "pattern" not in str(schema)  # a pattern would silently turn llama.cpp's grammar off
    actors.model_validate({"key_actors": [{"name": "Liz Truss", "kind": "person", "role": "foreign secretary"}]})
    with pytest.raises(ValidationError):
        actors.model_validate({"key_actors": [{"name": "Boris Johnson", "kind": "person", "role": "x"}]})
    with pytest.raises(ValidationError, match="repeated"):
        claims.model_validate({"claims": [{"sentence": "S5", "stance": "warning"}, {"sentence": "S5", "stance": "neutral"}]})
    assessment.model_validate({"posture": ["S15"], "outlook": ["S10"]})
    with pytest.raises(ValidationError):
        assessment.model_validate({"posture": ["S6"], "outlook": ["S10"]})


def test_a_speaker_named_in_the_sentence_wins_and_groups_are_not_given_a_name() -> None:
    from summariser.text import from_text

    text = ("Ukraine's foreign minister Dmytro Kuleba said on Monday that Kyiv wanted the talks to continue next week.\n\n"
            "A spokesman for the Kremlin, Dmitry Peskov, said the Russian side was \"ready to continue\" the dialogue.\n\n"
            "Analysts in London said the talks were unlikely to produce a ceasefire before the winter.\n\n"
            "NATO Secretary General Jens Stoltenberg spoke in Brussels on Tuesday about the talks.\n\n"
            "The NATO chief said the alliance would keep supporting Kyiv.\n")
    evidence = analyse(from_text(text))
    assert speaker_of(evidence, "S1") == "Dmytro Kuleba"
    assert speaker_of(evidence, "S2") == "Dmitry Peskov"  # the apposition, not the name a paragraph earlier
    assert speaker_of(evidence, "S3") == "Analysts in London"  # a group, as written: not Peskov, not London
    assert speaker_of(evidence, "S5") == "Jens Stoltenberg"  # a title still resolves to the person named before


def test_a_state_the_tagger_calls_a_person_is_a_state_unless_it_is_a_surname_already_met() -> None:
    from summariser.text import from_text

    jordan = analyse(from_text("Jordan said on Monday it would close its border with Syria for a week, after "
                               "shelling near the crossing wounded two soldiers and forced traders to turn back.\n"))
    assert [e.label for e in jordan.entities if e.name == "Jordan"] == ["GPE"]
    jim = analyse(from_text("Congressman Jim Jordan spoke to reporters on Monday about the funding bill.\n\n"
                            "Jordan said the committee would vote on the bill next week and expected it to pass.\n"))
    assert not [e for e in jim.entities if e.name == "Jordan"]  # "Jordan" is Jim Jordan, not the state
    assert "Jordan" in next(e for e in jim.entities if e.name == "Jim Jordan").forms


def test_a_noun_a_past_participle_qualifies_is_spoken_of_not_speaking() -> None:
    from summariser.text import from_text

    text = ("Six Minnesota men have been charged with terrorism, the latest Westerners accused of trying to travel "
            "to Syria to join the Islamic State group.\n\n"
            "A CNN report alleging that the men had met in a mosque was denied by their lawyers on Monday.\n")
    evidence = analyse(from_text(text))
    assert speaker_of(evidence, "S1") is None  # the accused do not speak
    assert speaker_of(evidence, "S2") == "CNN"  # "a CNN report alleging": the report speaks


def test_a_short_form_joins_the_one_name_it_is_short_for() -> None:
    from summariser.text import from_text

    text = ("The Washington Post reported that Evan Gershkovich would appeal against his detention on Monday.\n\n"
            "Evan told his lawyers in court that he would fight the charges, the Post said in its report.\n\n"
            "The White House said it was working for his release, and the House passed a resolution on Friday.\n")
    names = {e.name: e for e in analyse(from_text(text)).entities}
    assert "Evan" not in names and "Post" not in names  # the first name, the outlet's last word
    assert "Evan" in names["Evan Gershkovich"].forms and "Post" in names["Washington Post"].forms
    assert "House" in names and "White House" in names  # a word that names many bodies stays apart


def test_a_mention_folded_twice_still_names_its_actor() -> None:
    """A surname seen before the full name joins it, and the full name then joins the first name named more often:
    the surname's mention follows both folds (it pointed at a key no entity had)."""
    from summariser.evidence.entities import cluster
    from summariser.text import from_text
    from summariser.text.parse import parse

    article = from_text("The lawyers of Mr Gershkovich said on Monday that they would appeal against the ruling.\n\n"
                        "Evan Gershkovich, 32, denies the charges against him.\n\n"
                        "Evan told the court he was a journalist. Evan said he would appeal. Evan thanked his parents.\n")
    sentence_of = {i: s.id for s in article.sentences for i in range(s.start, s.end)}
    entities, mentions = cluster(parse(article.text), sentence_of)
    assert len(entities) == 1 and "Gershkovich" in next(iter(entities.values())).forms
    assert {key for _, key in mentions} == set(entities)


def test_places_the_text_calls_places_and_the_names_that_speak_for_them() -> None:
    """Hand-written text: a town named by "the city of", "the X region" or a compass point is a place whatever
    the tagger says (not a capital's state); a body named only before "port" is one; a speaker is the mayor, not
    the town, and a channel's own name, not its platform; "X, who" and "X, a spokeswoman" are people; a sentence's
    first word named nowhere else ("Drones") takes no part; an outlet that relays another's words is not their
    speaker; a longer name ("Paris Match") is found before a shorter one in it ("Paris")."""
    from summariser.evidence.entities import Entity
    from summariser.flow.kinds import kind_of
    from summariser.text import from_text

    text = ("Missiles hit the city of Aleppo on Monday, and Aleppo's central prison was damaged in the strikes.\n\n"
            "Drones struck grain silos in the Odesa region overnight, and Odesa's governor asked for air defence.\n\n"
            "Russian troops advanced south of Adeevka and shelled the Odessa port on Tuesday morning.\n\n"
            "Kyiv, the capital city of Ukraine, was quiet, and Ukraine said it would rebuild the silos.\n\n"
            "The mayor of the eastern Polish town of Ciechanow said it had 200 places for refugees.\n\n"
            "Telegram channel, Unian, claimed the scar was the shape of a cross.\n\n"
            "Russia wants the release of Vadim Krasikov, who was given a life sentence in Germany in 2021.\n\n"
            "\u201cThe enemy is continuing terror,\u201d said Natalia Humeniuk, a spokeswoman for the southern command.\n\n"
            "Almayadeen reports: US journalist Seymour Hersh said the navy had planted the explosives in June.\n")
    evidence = analyse(from_text(text))
    names = {e.name: e for e in evidence.entities}
    assert all(names[town].place for town in ("Aleppo", "Odesa", "Adeevka", "Odessa", "Ciechanow"))
    assert not names["Ukraine"].place  # "the capital city" is what Kyiv is called, not Ukraine
    assert not names["Drones"].parties  # a sentence's first word the tagger took for a name, never named again
    assert speaker_of(evidence, "S5") == "mayor of the eastern Polish town of Ciechanow"
    assert speaker_of(evidence, "S6") == "Unian"
    assert kind_of(names["Vadim Krasikov"]) == kind_of(names["Natalia Humeniuk"]) == "person"
    assert speaker_of(evidence, "S9") == "Seymour Hersh"  # who said it, not the outlet that relays it
    assert kind_of(Entity("Americans", "NORP", {"Americans"})) == "state"  # a nation's people, in the plural
    # A cluster article: "in the countryside of Donetsk", whatever the tagger makes of it
    odesa = analyse(load(str(ROOT / "tests/data/clusters/black-sea-grain-deal-odesa-strikes/semeval25_EN_UA_300073.txt")))
    assert next(e for e in odesa.entities if e.name == "Donetsk").place
    # A corpus article: "two magazines, German daily Bild and French Paris Match" is the magazine's mention, not
    # the capital's ("Paris", a form of France there)
    magazines = analyse(load(str(DATA / "cnn_allennlp_469c6ac050.txt")))
    assert kind_of(next(e for e in magazines.entities if e.name == "Paris Match")) == "analyst/media"


def test_a_form_of_address_is_no_second_actor_and_a_quote_s_first_word_no_name() -> None:
    """Hand-written text: "Ms Kunis" is Mila Kunis; a word that opens a quote and is never named again ("Hair")
    takes no part; a question word opening a headline is no title; "Witnesses" are a group, not a name."""
    from summariser.evidence.entities import title_of
    from summariser.flow.decide import is_name
    from summariser.text import from_text

    text = ("Mila Kunis was sued on Monday by a woman who says the actress killed her pet hen in Ukraine.\n\n"
            "Ms Kunis denied the claim through her lawyer, adding: 'Hair, for some reason, is a really big deal.'\n\n"
            "How Britt McHenry lost her temper was shown in a video on Monday.\n")
    article = from_text(text)
    names = {e.name: e for e in analyse(article).entities}
    assert "Ms Kunis" not in names and "Kunis" in names["Mila Kunis"].forms
    assert not names["Hair"].parties
    assert title_of(article, names["Britt McHenry"]) is None  # not "How"
    assert not is_name("Witnesses") and is_name("Downing Street")


def test_a_title_before_a_name_is_an_office_rank_or_trade_or_none() -> None:
    """Hand-written text, after titles found in unlabelled FRANK articles: capitalised words before a name are its
    role only when their head is an office, rank or trade; a first name the tagger left out, a weekday, a show's
    title or a determiner is none."""
    from summariser.evidence.entities import title_of
    from summariser.text import from_text

    text = ("Former captain Alec Stewart spoke after the sacking on Wednesday of Managing Director Paul Downton.\n\n"
            "US Secretary of State John Kerry and Republican House Speaker Mike Johnson met in Washington.\n\n"
            "Another Twitter user, Here Comes Honey Boo Boo, said the US Vice-President Joe Biden was late.\n")
    article = from_text(text)
    roles = {e.name: title_of(article, e) for e in analyse(article).entities}
    assert roles["Paul Downton"] == "Managing Director"  # not "Wednesday of Managing Director"
    assert roles["John Kerry"] == "US Secretary of State"
    assert roles["Mike Johnson"] == "Republican House Speaker"
    assert roles["Joe Biden"] == "US Vice-President"
    assert not roles.get("Honey Boo Boo") and not roles.get("Twitter")  # not "Here Comes", not "Another"


def test_a_first_name_the_tagger_left_out_is_no_title() -> None:
    """A FRANK article (real text): the tagger names "Teklinski" without "Adrian"; "Adrian" is no role."""
    from summariser.evidence.entities import title_of

    article = load(str(ROOT / "benchmarks/data/frank/articles/39587051.txt"))
    found = {e.name: e for e in analyse(article).entities}
    assert title_of(article, found["Teklinski"]) is None


def test_where_something_was_published_is_no_party() -> None:
    """Hand-written text: "wrote on Twitter", "a post on Telegram", "appeared on Instagram" name where, not who; a
    platform that acts is a party."""
    from summariser.text import from_text

    text = ("Dmitry Peskov wrote on Twitter that the talks had failed, and a post on Telegram repeated it.\n\n"
            "The minister's denial appeared on Instagram on Monday.\n\n"
            "On Tuesday, YouTube said that it had removed the video.\n")
    found = {e.name: e for e in analyse(from_text(text)).entities}
    assert not found["Twitter"].parties and not found["Telegram"].parties and not found["Instagram"].parties
    assert found["YouTube"].parties and found["Peskov"].parties


def test_what_someone_took_to_is_no_party_but_whom_a_wedding_took_place_to_is() -> None:
    """Hand-written text, after the unlabelled FRANK articles: "took to Twitter" names a medium and "was taken
    to Northwick Park Hospital" a place; a marriage that "took place in 1999 to Ahmed Allam" names a party."""
    from summariser.text import from_text

    text = ("The striker took to Twitter to deny the report, his agent said on Monday.\n\n"
            "A fan was taken to Northwick Park Hospital after the match, police said.\n\n"
            "Her first marriage took place in 1999 to Ahmed Allam, the newspaper reported.\n")
    found = {e.name: e for e in analyse(from_text(text)).entities}
    assert not found["Twitter"].parties and not found["Northwick Park Hospital"].parties
    assert found["Ahmed Allam"].parties


def test_a_city_or_province_is_a_party_only_as_it_acts_or_is_acted_upon() -> None:
    """Hand-written text: a province annexed "of" and a town fought "in" are places; a state that sues is a party,
    and a country is a party in any role ("talks with Ukraine")."""
    from summariser.text import from_text

    text = ("Russia condemned the annexation of Crimea by Moscow's rivals in a statement on Monday.\n\n"
            "Ukrainian troops withdrew from the fighting in Bakhmut after months of shelling.\n\n"
            "Texas sued the government, and talks with Ukraine resumed.\n")
    found = {e.name: e for e in analyse(from_text(text)).entities}
    assert not found["Crimea"].parties and not found["Bakhmut"].parties
    assert found["Texas"].parties and found["Ukraine"].parties and found["Russia"].parties


def test_a_platform_in_a_frank_article_is_no_party() -> None:
    """A FRANK article (real text): "Yankovic wrote on Twitter" names Yankovic, not Twitter."""
    article = load(str(ROOT / "benchmarks/data/frank/articles/5588d9eecfe630bbe8ac41600cd377c0bc810670.txt"))
    found = {e.name: e for e in analyse(article).entities}
    assert not found["Twitter"].parties and found["Yankovic"].parties


def test_an_according_to_phrase_ends_at_its_comma_or_after_the_name_it_gives() -> None:
    """FRANK articles (real text): "According to the Post, Barrientos and Garcia are parents" is the Post's;
    "According to two popular online measuring tools, no more than 44 per cent of her Twitter fan base ..." names
    nobody (the parse carries the tools' phrase past its comma); "..., according to the chief inspector of schools,
    Noelle Buick." is hers."""
    def speaker(name: str, sid: str) -> str | None:
        found = analyse(load(str(ROOT / "benchmarks/data/frank/articles" / name))).speech
        return next((s.speaker for s in found if s.sentence == sid), None)

    assert speaker("340cf468232e0c3bb17b1ca048d319d5062a5909.txt", "S48") == "Post"  # not Liana Barrientos
    assert speaker("7c6d51e3ed1e902fff6716aead093b8ffeb9521c.txt", "S2") is None  # not Twitter
    assert speaker("38184840.txt", "S20") == "Noelle Buick"


def test_an_apposition_ends_at_a_dash_with_or_without_spaces() -> None:
    """Hand-written, after a cluster article's "the principal instigator of the confrontation with Russia—and"."""
    from summariser.evidence.entities import _apposition

    text = "Washington, the principal instigator of the confrontation—and its beneficiary, denied it."
    assert _apposition("Washington", text) == "the principal instigator of the confrontation"
    assert _apposition("Selivanov", "Selivanov, a cancer surgeon - during 35 trips, said so.") == "a cancer surgeon"


@pytest.mark.parametrize(("verb", "stance"), [
    ("warned", "warning"), ("threatens", "warning"), ("denied", "denial"), ("dismissed", "denial"),
    ("accused", "assertion"), ("claims", "assertion"), ("suggests", "hedged"), ("believes", "hedged"),
    ("said", None), ("told", None), ("added", None), (None, None),
])
def test_a_speech_verb_gives_its_stance_or_none(verb: str | None, stance: str | None) -> None:
    """Hand-written verbs: a verb of warning, denial, accusation or belief gives the speaker's stance as written;
    a plain verb of saying gives none (the small model's pick then stands), and so does a negated one."""
    from summariser.evidence import Speech

    assert Speech("S1", "Putin", verb, None).stance_in(f"Putin {verb} that the talks had failed.") == stance
    assert Speech("S1", "Putin", verb, None).stance_in(f"Putin never {verb} that the talks had failed.") is None


def test_a_name_the_tagger_runs_on_into_where_it_was_ends_before_at() -> None:
    """A FRANK article (real text): the tagger takes "Burnley at Turf Moor" for one name; the party is Burnley."""
    article = load(str(ROOT / "benchmarks/data/frank/articles/38946148.txt"))
    names = {e.name for e in analyse(article).entities}
    assert "Burnley" in names and not any(" at " in n for n in names)
