"""Verification rejects what the article does not support, located, by the check for each item's type."""

from __future__ import annotations

import json

import pytest
from instructor import openai_schema
from pydantic import BaseModel, ValidationError

from summariser.briefing.drafts import briefing_draft
from summariser.briefing.model import Claim
from summariser.briefing.problems import Kind, Problem
from summariser.briefing.verify import Verifier, problems
from summariser.llm.client import checked
from summariser.text import load

from .conftest import ROOT, SEED

ARTICLE = load(str(ROOT / SEED))


def claim(**kw: object) -> Claim:
    base: dict[str, object] = {
        "statement": "Stoltenberg said there has been no de-escalation.", "speaker": "Jens Stoltenberg",
        "attribution": "direct quote", "quote": "so far we have not seen any de-escalation",
        "stance": "warning", "evidence": ["S5"],
    }
    return Claim(**{**base, **kw})  # type: ignore[arg-type]


def test_a_grounded_claim_passes() -> None:
    assert problems(claim(), ARTICLE) == []


def test_quote_style_and_spacing_do_not_matter() -> None:
    assert problems(claim(quote='so far  we have not seen any "de-escalation"'.replace('"', "")), ARTICLE) == []


def kinds(found: list[Problem]) -> list[Kind]:
    return [p.kind for p in found]


def test_fabricated_quote_is_rejected() -> None:
    found = problems(claim(quote="we will invade tomorrow"), ARTICLE)
    assert kinds(found) == [Kind.QUOTE_NOT_VERBATIM]
    assert str(found[0]) == "quote 'we will invade tomorrow' is not verbatim in the article"


def test_quote_from_an_uncited_sentence_names_the_right_one() -> None:
    found = problems(claim(quote="cautious optimism"), ARTICLE)
    assert found == [Problem(Kind.QUOTE_NOT_CITED, detail="S9")]
    assert str(found[0]) == "quote is in S9, which is not cited"


def test_unknown_sentence_id_is_rejected() -> None:
    assert Problem(Kind.UNKNOWN_ID, detail="S999") in problems(claim(evidence=["S999"]), ARTICLE)


def test_absent_speaker_is_rejected() -> None:
    found = problems(claim(speaker="Antony Blinken"), ARTICLE)
    assert Problem(Kind.NAME_ABSENT, "speaker", "Antony Blinken") in found
    assert "speaker 'Antony Blinken' does not occur in the article" in map(str, found)


def test_speaker_not_in_cited_sentences_is_rejected() -> None:
    (found,) = problems(claim(speaker="Liz Truss"), ARTICLE)
    assert (found.kind, found.field, found.detail) == (Kind.NAME_NOT_CITED, "speaker", "Liz Truss")
    # The re-ask says where she is named.
    assert str(found) == f"speaker 'Liz Truss' is not in the cited sentences; cite a sentence that names Liz Truss, e.g. {found.hint}"
    assert "Liz Truss" in ARTICLE.text_of([found.hint])


def test_invented_number_is_rejected() -> None:
    found = problems(claim(statement="Russia has 150 battalions.", quote=None, attribution="reported speech"), ARTICLE)
    assert Problem(Kind.NUMBER_NOT_CITED, detail="150") in found
    assert "number 150 is not in the cited sentences" in map(str, found)


DRAFT = {
    "bottom_line": "No de-escalation yet.", "evidence": ["S5"],
    "key_actors": [{"name": "Antony Blinken", "kind": "person", "role": "diplomat", "evidence": ["S5"]}],
    "claims": [], "force_posture": {"assessment": "Build-up.", "trend": "escalating", "deployments": [],
                                    "evidence": ["S15"]},
    "diplomatic_outlook": {"assessment": "Talks.", "trajectory": "stalled", "channels": [], "evidence": ["S10"]},
    "confidence": {"level": "low", "reason": "one source"}, "gaps": [],
}


def test_the_verifier_as_validation_callable_makes_the_draft_fail_where_it_is_unsupported() -> None:
    draft = briefing_draft(ARTICLE.ids)
    assert draft.model_validate(DRAFT)  # shape alone is fine
    verified = checked(draft, Verifier(ARTICLE).review)
    # The model sees no change: the same tool (name, description, parameters) is sent.
    assert json.dumps(openai_schema(verified).openai_schema) == json.dumps(openai_schema(draft).openai_schema)
    with pytest.raises(ValidationError) as caught:
        verified.model_validate(DRAFT)
    (error,) = caught.value.errors()
    assert error["loc"] == ("key_actors", 0)  # located, so the re-ask says which item to fix
    assert "name 'Antony Blinken' does not occur in the article" in error["msg"]
    bad_id = {**DRAFT, "key_actors": [{**DRAFT["key_actors"][0], "evidence": ["S0"]}]}  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match=r"literal_error|Input should be"):
        draft.model_validate(bad_id)  # ids outside the article fail on shape already


def test_checks_are_dispatched_by_type_not_by_attributes() -> None:
    class Impostor(BaseModel):
        speaker: str = "Nobody"
        evidence: list[str] = ["S5"]

    with pytest.raises(TypeError, match="no check for Impostor"):
        problems(Impostor(), ARTICLE)
    located = Verifier(ARTICLE).review(briefing_draft(ARTICLE.ids).model_validate(DRAFT))
    assert [at for at, _ in located] == [("key_actors", 0)]


def test_items_that_fail_their_shape_are_dropped_and_listed_not_the_briefing() -> None:
    """HAND-WRITTEN answers (served by the fault server): one actor cites S99, one has a kind outside the enum."""
    from .conftest import briefing_json
    from .fault_server import FaultServer

    good = {"name": "Jens Stoltenberg", "kind": "person", "role": "NATO Secretary General", "evidence": ["S5"]}
    answer = {**DRAFT, "key_actors": [
        good, {**good, "name": "Liz Truss", "evidence": ["S99"]}, {**good, "name": "Kofman", "kind": "spaceship"}]}
    with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(answer)})] * 3) as server:
        b = briefing_json(SEED, "--base-url", server.url, "--model", "strong", "--flow", "single", "--no-support-check",
                          env={"OPENAI_API_KEY": "sk-test-not-a-key-000"})
    assert len(server.bodies) == 3  # asked, re-asked twice: every answer had the same faults
    assert [a["name"] for a in b["key_actors"]] == ["Jens Stoltenberg"]
    dropped = {d["item"]: d["reason"] for d in b["verification"]["dropped_items"]}
    assert "S99" in dropped["key_actors[1]"] and "evidence" in dropped["key_actors[1]"]
    assert "kind" in dropped["key_actors[2]"]
    assert b["bottom_line"].startswith("No de-escalation yet.")


def test_a_speaker_referred_to_by_pronoun_or_surname_is_accepted_a_stranger_is_not() -> None:
    """HAND-WRITTEN strong-model answer (tests/data/strong-answers/), served by the fault server."""
    from .conftest import DATA, briefing_json
    from .fault_server import FaultServer

    name = "frank_xsum_26065545.txt"
    answer = json.loads((ROOT / "tests" / "data" / "strong-answers" / f"{name}.json").read_text(encoding="utf-8"))
    he = next(c for c in answer["claims"] if c["evidence"] == ["S9"])  # "He described as ..." after "Mr Mekdad said"
    surname = next(c for c in answer["claims"] if c["evidence"] == ["S4", "S6", "S8"])  # "Mr Mekdad" for al-Mekdad
    impostor = {**he, "speaker": "Ban Ki-moon"}  # named nowhere near
    answer["claims"] = [he, surname, impostor]
    with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(answer)})] * 3) as server:
        b = briefing_json(str(DATA / name), "--base-url", server.url, "--model", "gpt-4o", "--flow", "single", "--no-support-check",
                          env={"OPENAI_API_KEY": "sk-test-not-a-key-000"})
    kept = [c["speaker"] for c in b["claims"]]
    assert kept == ["Faisal al-Mekdad", "Faisal al-Mekdad"]
    assert any("Ban Ki-moon" in d["reason"] for d in b["verification"]["dropped_items"])


def test_an_unsupported_number_removes_its_sentence_not_the_whole_assessment() -> None:
    """HAND-WRITTEN answer (served by the fault server): the second sentence of each free text has a number
    the cited sentences do not contain."""
    from .conftest import briefing_json
    from .fault_server import FaultServer

    answer = {**DRAFT,
              "bottom_line": "NATO has seen no de-escalation. Some 999 jets are ready to fly.", "evidence": ["S5"],
              "key_actors": [{"name": "Jens Stoltenberg", "kind": "person", "role": "NATO Secretary General",
                              "evidence": ["S5"]}],
              "force_posture": {"assessment": "Russia keeps its battalions at the border. It added 77 more.",
                                "trend": "escalating", "deployments": [], "evidence": ["S15"]}}
    with FaultServer(ROOT / "fixtures", [("arguments", {"json": json.dumps(answer)})] * 3) as server:
        b = briefing_json(SEED, "--base-url", server.url, "--model", "strong", "--flow", "single", "--no-support-check",
                          env={"OPENAI_API_KEY": "sk-test-not-a-key-000"})
    assert len(server.bodies) == 1  # what pruning handles is not re-asked
    assert b["bottom_line"] == "NATO has seen no de-escalation. [S5]"
    assert b["force_posture"]["assessment"] == "Russia keeps its battalions at the border."
    removed = {d["item"]: d["reason"] for d in b["verification"]["dropped_items"]}
    assert removed["Some 999 jets are ready to fly."] == "sentence removed: number 999 is not in the cited sentences"
    assert removed["It added 77 more."].startswith("sentence removed: number 77")
